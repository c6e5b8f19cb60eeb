//! `raw-line-separator`: a raw U+2028 or U+2029 inside a string of a JSON5 file.

use crate::document::{Document, KeyPath, Kind, Span};
use crate::edit::{Fix, FixOp};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};

pub static RULE: Rule = Rule {
    name: "raw-line-separator",
    category: Category::Syntax,
    severity: Severity::Error,
    fix: FixAvailability::Always,
    needs: &[],
    references: &[
        Reference::Issue(85002),
        Reference::Issue(89830),
        Reference::File("tests/fixtures/recorded/hangs"),
        Reference::File("tests/fixtures/recorded/hangs/by-release"),
        Reference::File("rules/validation.toml"),
        Reference::File("2026.8.1-beta.1 dist/redact-*.js"),
        Reference::File("dist/console-*.js"),
    ],
    summary: "A raw U+2028/U+2029 inside a string: OpenClaw 2026.8.1 and later hang loading the file.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Finds the invisible characters U+2028 (LINE SEPARATOR) and U+2029 (PARAGRAPH SEPARATOR) written
raw inside a string or a quoted key, in a config file that is JSON5 (not strict JSON). They
usually arrive by pasting a prompt or a name from a chat app, a PDF or a web page.

## Why it matters
Recorded on 25 real releases (tests/fixtures/recorded/hangs/by-release/SUMMARY.md): json5
accepts the character but prints a warning, and from 2026.8.1-beta.1 (and on the 2026.7.2-beta.5
to beta.7 line) that warning goes through OpenClaw's patched console, which reads the config
again in the middle of the parse. The result, on those releases:
- in the main config, `openclaw config validate` (and the gateway's config load) **hangs at
  100% CPU with no output** — one run was left for more than 18 minutes;
- in an `$include`d file, loading fails with a false `Circular include detected` error.

Earlier releases (2026.5.7 to 2026.7.35) read the file; there the finding is a warning for the
upgrade. The escaped form `\u2028`, the same character in a strict-JSON file, and the character
used as whitespace between tokens are all fine. Nothing in the file shows the character: editors
render it as nothing or as a line break.

## Example
```json5
{
  agents: { defaults: { systemPrompt: "Be brief.  Be kind." } }, // U+2028 after "brief."
}
```

## Fix safety
Safe: the fix writes the same string with the character escaped as `\u2028` / `\u2029`. The
value OpenClaw reads is identical, character for character.

## References
- Recorded hang and false include cycle: tests/fixtures/recorded/hangs/ (2026.9.6) and, per
  release, tests/fixtures/recorded/hangs/by-release/ (2026.5.7 to 2026.9.6); the release data is
  `[[separator_hang]]` in rules/validation.toml.
- Cause: 2026.8.1-beta.1 dist/redact-*.js `readLoggingConfig` (no longer skipped during
  `config validate`) and dist/console-*.js (reads the logging config for every console line);
  json5 2.2.3 lib/parse.js `separatorChar` warns mid-parse.
- Same "hangs at loading configuration, ~98% CPU" symptom reported in #85002 (cause not
  confirmed there).
- U+2028 breaking OpenClaw's line framing elsewhere: #89830.
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for doc in &cx.config.files {
        let Some(tree) = doc.tree() else { continue };
        if !doc.text.contains(['\u{2028}', '\u{2029}']) || is_strict_json(&doc.text) {
            continue;
        }
        tree.walk(&mut KeyPath::root(), &mut |path, node, _| {
            if let Kind::Object(members) = &node.kind {
                for m in members {
                    if let Some(at) = raw_separator(doc, m.key_span) {
                        let fix = FixOp::RenameKey { file: doc.id, key: m.key_span, new: m.key.clone() };
                        out.push(finding(cx, doc, &path.child_key(&m.key), at, "key", fix));
                    }
                }
            }
            if let Kind::String(s) = &node.kind
                && let Some(at) = raw_separator(doc, node.span)
            {
                let fix =
                    FixOp::ReplaceValue { file: doc.id, value: node.span, new: serde_json::Value::String(s.clone()) };
                out.push(finding(cx, doc, path, at, "string", fix));
            }
        });
    }
}

/// OpenClaw reads a file with `JSON.parse` first; only files that need json5 are affected.
fn is_strict_json(text: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// The first raw U+2028/U+2029 in a string literal's source that is not a line continuation.
fn raw_separator(doc: &Document, span: Span) -> Option<(Span, char)> {
    let raw = &doc.text[span.start..span.end];
    if !raw.starts_with(['"', '\'']) {
        return None;
    }
    let mut escaped = false;
    for (i, c) in raw.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '\u{2028}' | '\u{2029}' if !escaped => {
                let at = span.start + i;
                return Some((Span::new(at, at + c.len_utf8()), c));
            }
            _ => escaped = false,
        }
    }
    None
}

fn finding(cx: &Context<'_>, doc: &Document, path: &KeyPath, at: (Span, char), what: &str, fix: FixOp) -> Diagnostic {
    let (span, c) = at;
    let name = if c == '\u{2028}' { "U+2028 LINE SEPARATOR" } else { "U+2029 PARAGRAPH SEPARATOR" };
    let escape = if c == '\u{2028}' { "\\u2028" } else { "\\u2029" };
    let target = &cx.target.version;
    let (severity, consequence) = match crate::facts::validation::separator_hang(target) {
        Ok(_) => (RULE.severity, format!("OpenClaw {target} hangs while loading this file")),
        Err(later) if later.is_empty() => {
            (Severity::Warning, format!("OpenClaw {target} reads it, but earlier releases hang on it"))
        }
        Err(later) => {
            let ranges: Vec<String> = later.iter().map(|h| h.describe()).collect();
            let consequence =
                format!("OpenClaw {target} reads it, but {} hang while loading this file", ranges.join(" and "));
            (Severity::Warning, consequence)
        }
    };
    Diagnostic::new(
        RULE.name,
        severity,
        doc.id,
        span,
        cx.config.openclaw_path(doc.id, path),
        format!("invisible {name} inside a {what}: {consequence}"),
    )
    .with_label(format!("raw {name}"))
    .with_help(format!("write it as the escape `{escape}`, or delete it if it was pasted by accident"))
    .with_fix(Fix::safe(format!("Escape the {name} as `{escape}`"), vec![fix]))
}
