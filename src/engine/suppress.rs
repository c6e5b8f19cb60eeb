//! Inline suppressions: comments in a config file that silence a rule, with a reason.
//!
//! - `// clawlint-ignore RULE[, RULE…]: reason` on a line of its own silences those rules'
//!   findings on the next line holding a value (blank and comment lines are skipped, so several
//!   suppressions can stack), and inside every member or element that starts on that line: a
//!   suppression above `gateway: {` covers the whole `gateway` object. Written after a value on
//!   the same line, it covers that line the same way.
//! - `// clawlint-ignore-file RULE[, RULE…]: reason`, anywhere in a file, silences the rules in
//!   that whole file (each file of a config, includes too, carries its own).
//! - `/* … */` comments work the same way.
//!
//! A suppression without a reason, or naming no rule or an unknown one, does not apply and is
//! reported (`suppression-invalid`); one that silenced nothing, for a rule that ran, is reported
//! too (`unused-suppression`). Those two rules cannot themselves be suppressed.

use crate::config::LoadedConfig;
use crate::document::json5::{self, ShadowEdit};
use crate::document::{Document, FileId, Span};
use crate::engine::diagnostic::Diagnostic;

/// Where a suppression applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Findings whose primary span starts on `line` (1-based) or inside `covers`, the members
    /// and elements that start on that line.
    Line {
        line: u32,
        covers: Option<Span>,
    },
    File,
}

/// One rule named in a suppression comment.
#[derive(Debug, Clone)]
pub struct Named {
    pub rule: String,
    /// Where the name is written.
    pub span: Span,
    /// Findings it silenced.
    pub used: usize,
    /// Whether the name is a registered rule (see [`parse`]).
    pub known: bool,
}

/// One suppression comment.
#[derive(Debug, Clone)]
pub struct Suppression {
    pub file: FileId,
    /// The whole comment.
    pub span: Span,
    pub scope: Scope,
    pub rules: Vec<Named>,
    pub reason: Option<String>,
}

impl Suppression {
    /// Whether it is well-formed: at least one rule, every one known, and a reason.
    pub fn valid(&self) -> bool {
        self.reason.is_some() && !self.rules.is_empty() && self.rules.iter().all(|n| n.known)
    }
}

const MARKER: &str = "clawlint-ignore";

/// Every suppression comment in every file of `config`, in file and text order; `is_rule`
/// tells the registered rule names from the others.
pub fn parse(config: &LoadedConfig, is_rule: &dyn Fn(&str) -> bool) -> Vec<Suppression> {
    let mut out = Vec::new();
    for doc in &config.files {
        // Nearly every file has none: skip the lexing.
        if !doc.text.contains(MARKER) {
            continue;
        }
        let Ok(shadow) = json5::check(&doc.text) else { continue };
        for e in &shadow.edits {
            let ShadowEdit::Blank { start, end } = *e else { continue };
            if let Some(s) = comment(doc, Span::new(start, end), is_rule) {
                out.push(s);
            }
        }
    }
    out
}

/// The suppression a comment holds, if it is one.
fn comment(doc: &Document, span: Span, is_rule: &dyn Fn(&str) -> bool) -> Option<Suppression> {
    let raw = &doc.text[span.start..span.end];
    let (body, body_at) = if let Some(b) = raw.strip_prefix("//") {
        (b, span.start + 2)
    } else if let Some(b) = raw.strip_prefix("/*") {
        (b.strip_suffix("*/").unwrap_or(b), span.start + 2)
    } else {
        return None;
    };
    let lead = body.len() - body.trim_start().len();
    let rest = body.trim_start().strip_prefix(MARKER)?;
    let (file_wide, rest, consumed) = match rest.strip_prefix("-file") {
        Some(r) => (true, r, MARKER.len() + 5),
        None => (false, rest, MARKER.len()),
    };
    // `clawlint-ignored` or `clawlint-ignore-files` are not the marker.
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace) || rest.starts_with(':')) {
        return None;
    }
    let names_at = body_at + lead + consumed;
    let (names, reason) = match rest.find(':') {
        Some(i) => (&rest[..i], Some(rest[i + 1..].trim()).filter(|r| !r.is_empty()).map(str::to_owned)),
        None => (rest, None),
    };
    let mut rules = Vec::new();
    let mut word: Option<usize> = None;
    for (i, c) in names.char_indices().chain(std::iter::once((names.len(), ','))) {
        let sep = c == ',' || c.is_whitespace();
        match (sep, word) {
            (true, Some(w)) => {
                let span = Span::new(names_at + w, names_at + i);
                let rule = names[w..i].to_owned();
                rules.push(Named { known: is_rule(&rule), rule, span, used: 0 });
                word = None;
            }
            (false, None) => word = Some(i),
            _ => {}
        }
    }
    let scope = if file_wide {
        Scope::File
    } else {
        let line = target_line(doc, span);
        Scope::Line { line, covers: doc.tree().and_then(|t| starting_on(doc, t, line)) }
    };
    Some(Suppression { file: doc.id, span, scope, rules, reason })
}

/// The line a line suppression applies to: its own line when a value precedes the comment,
/// else the next line holding something other than whitespace and comments.
fn target_line(doc: &Document, comment: Span) -> u32 {
    let text = &doc.text;
    let line_start = text[..comment.start].rfind('\n').map_or(0, |i| i + 1);
    let (own, _) = doc.line_col(comment.start);
    if !text[line_start..comment.start].trim().is_empty() {
        return own;
    }
    // The next token after the comment and any further trivia.
    let mut i = comment.end;
    let bytes = text.as_bytes();
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            i += rest.find("*/").map_or(rest.len(), |j| j + 2);
        } else if bytes[i].is_ascii_whitespace() {
            i += 1;
        } else {
            break;
        }
    }
    doc.line_col(i).0
}

/// The union of the members and elements of `node` that start on `line`.
fn starting_on(doc: &Document, node: &crate::document::Node, line: u32) -> Option<Span> {
    use crate::document::Kind;
    let mut found: Option<Span> = None;
    let mut add = |s: Span| {
        found = Some(found.map_or(s, |f| Span::new(f.start.min(s.start), f.end.max(s.end))));
    };
    let (first, _) = doc.line_col(node.span.start);
    let (last, _) = doc.line_col(node.span.end);
    if line < first || line > last {
        return None;
    }
    match &node.kind {
        Kind::Object(ms) => {
            for m in ms {
                if doc.line_col(m.key_span.start).0 == line {
                    add(m.span());
                } else if let Some(s) = starting_on(doc, &m.value, line) {
                    add(s);
                }
            }
        }
        Kind::Array(xs) => {
            for x in xs {
                if doc.line_col(x.span.start).0 == line {
                    add(x.span);
                } else if let Some(s) = starting_on(doc, x, line) {
                    add(s);
                }
            }
        }
        _ => {}
    }
    found
}

/// Remove the findings that valid suppressions cover, counting each use. The lint loop calls
/// this before the suppression rules run, so their own findings are never removed.
pub fn apply(config: &LoadedConfig, sups: &mut [Suppression], diagnostics: &mut Vec<Diagnostic>) {
    if sups.is_empty() {
        return;
    }
    diagnostics.retain(|d| {
        let line = config.file(d.file).line_col(d.span.start).0;
        let mut silenced = false;
        for s in sups.iter_mut().filter(|s| s.file == d.file && s.valid()) {
            let applies = match s.scope {
                Scope::File => true,
                Scope::Line { line: l, covers } => {
                    l == line
                        || covers.is_some_and(|c| c.start <= d.span.start && d.span.start < c.end.max(c.start + 1))
                }
            };
            if !applies {
                continue;
            }
            for n in s.rules.iter_mut().filter(|n| n.rule == d.rule) {
                n.used += 1;
                silenced = true;
            }
        }
        !silenced
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{LoadOptions, load_bytes};

    fn sups(text: &str) -> (LoadedConfig, Vec<Suppression>) {
        let c = load_bytes(
            std::path::Path::new("/x/openclaw.json5"),
            "openclaw.json5".into(),
            text.as_bytes().to_vec(),
            "test".into(),
            &LoadOptions::default(),
        );
        let s = parse(&c, &|n| crate::rules::REGISTRY.iter().any(|r| r.name == n));
        (c, s)
    }

    #[test]
    fn forms() {
        let (_, s) = sups(concat!(
            "// clawlint-ignore-file dangerous-flags: lab box\n",
            "{\n",
            "  // clawlint-ignore gateway-exposed, gateway-token-weak: behind a VPN\n",
            "\n",
            "  // another comment\n",
            "  gateway: { bind: \"lan\" },\n",
            "  a: 1, /* clawlint-ignore key-unknown: local experiment */\n",
            "  // clawlint-ignore plaintext-secret\n",
            "  // clawlint-ignored not a suppression\n",
            "  b: 2,\n",
            "}\n",
        ));
        assert_eq!(s.len(), 4, "{s:#?}");
        assert_eq!(s[0].scope, Scope::File);
        assert_eq!(s[0].reason.as_deref(), Some("lab box"));
        assert!(matches!(s[1].scope, Scope::Line { line: 6, covers: Some(_) }), "stacked past blank and comment lines");
        assert_eq!(
            s[1].rules.iter().map(|n| n.rule.as_str()).collect::<Vec<_>>(),
            ["gateway-exposed", "gateway-token-weak"]
        );
        assert!(matches!(s[2].scope, Scope::Line { line: 7, .. }), "after a value: its own line");
        assert_eq!(s[3].reason, None);
        assert!(!s[3].valid() && s[1].valid());
    }

    #[test]
    fn name_spans_point_at_the_names() {
        let text = "{\n  // clawlint-ignore  key-unknown,model-unknown : why\n  a: 1,\n}\n";
        let (_, s) = sups(text);
        let names: Vec<&str> = s[0].rules.iter().map(|n| &text[n.span.start..n.span.end]).collect();
        assert_eq!(names, ["key-unknown", "model-unknown"]);
    }
}
