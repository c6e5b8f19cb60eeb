//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF readers.
//!
//! - `tool.driver.rules` is the whole registry: each rule with its summary, its docs as help
//!   (text and Markdown, OpenClaw issue numbers linked), its default level and, as `helpUri`, the
//!   OpenClaw issue that motivated it.
//! - Each result points at the file and region (1-based lines, UTF-16 columns, SARIF's default)
//!   and names the OpenClaw key path as a logical location.
//! - `partialFingerprints["clawlint/v1"]` hashes rule, file and key path (and the occurrence, for
//!   the same rule twice on one path), never a line number: editing another part of the file does
//!   not make code scanning see a finding as new.
//!
//! The output is validated against the SARIF 2.1.0 schema (`schemas/sarif-schema-2.1.0.json`)
//! by the tests.

use crate::engine::diagnostic::Severity;
use crate::engine::{Reference, Rule};
use crate::report::common::View;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::hash::Hasher;
use std::io::{self, Write};

const OPENCLAW_ISSUES: &str = "https://github.com/openclaw/openclaw/issues/";

pub fn render(report: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = report.registry.rules().iter().map(|r| rule(r)).collect();
    let mut seen: HashMap<String, u32> = HashMap::new();
    let results: Vec<Value> = report
        .findings()
        .map(|(r, d)| {
            let doc = r.config.file(d.file);
            let (line, col) = doc.line_col(d.span.start);
            let (end_line, end_col) = doc.line_col(d.span.end);
            let file_uri = uri(&doc.display);
            let key = format!("{}\0{}\0{}", d.rule, file_uri, d.path.dotted());
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            let mut message = crate::report::common::shown(&d.message);
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(&crate::report::common::shown(help));
            }
            let mut location = json!({
                "physicalLocation": {
                    "artifactLocation": artifact(&file_uri),
                    "region": { "startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col },
                },
            });
            if !d.path.is_root() {
                location["logicalLocations"] = json!([{ "fullyQualifiedName": d.path.dotted(), "kind": "member" }]);
            }
            let related: Vec<Value> = d
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let ldoc = r.config.file(l.file);
                    let (line, col) = ldoc.line_col(l.span.start);
                    let (end_line, end_col) = ldoc.line_col(l.span.end);
                    json!({
                        "id": i + 1,
                        "message": { "text": crate::report::common::shown(&l.message) },
                        "physicalLocation": {
                            "artifactLocation": artifact(&uri(&ldoc.display)),
                            "region": { "startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col },
                        },
                    })
                })
                .collect();
            let index = report.registry.rules().iter().position(|x| x.name == d.rule).unwrap_or(0);
            let mut result = json!({
                "ruleId": d.rule,
                "ruleIndex": index,
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [location],
                "partialFingerprints": { "clawlint/v1": format!("{}:{n}", fingerprint(&key)) },
            });
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            if let Some(fix) = &d.fix {
                result["properties"] = json!({ "fix": fix.title, "fixApplicability": format!("{:?}", fix.applicability).to_lowercase() });
            }
            result
        })
        .collect();
    let targets: Vec<Value> = report
        .results
        .iter()
        .zip(&report.targets)
        .map(|(r, t)| json!({ "file": r.config.root().display, "reason": r.config.reason, "target": t }))
        .collect();
    let sarif = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "clawlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                },
            },
            "columnKind": "utf16CodeUnits",
            "originalUriBaseIds": { "%SRCROOT%": { "description": { "text": "The directory clawlint ran in" } } },
            "results": results,
            "properties": { "configs": targets },
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &sarif)?;
    writeln!(out)
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A file as a URI reference: forward slashes, each segment percent-encoded.
fn uri(display: &str) -> String {
    let path = display.replace('\\', "/");
    let absolute = path.starts_with('/');
    let encoded: Vec<String> = path
        .split('/')
        .map(|seg| url::form_urlencoded::byte_serialize(seg.as_bytes()).collect::<String>().replace('+', "%20"))
        .collect();
    let joined = encoded.join("/");
    if absolute { format!("file://{joined}") } else { joined }
}

fn artifact(uri: &str) -> Value {
    if uri.starts_with("file://") { json!({ "uri": uri }) } else { json!({ "uri": uri, "uriBaseId": "%SRCROOT%" }) }
}

/// FNV-1a (64-bit) of `key`, in hex: stable across runs, platforms and Rust versions.
fn fingerprint(key: &str) -> String {
    let mut h = fnv::FnvHasher::default();
    h.write(key.as_bytes());
    format!("{:016x}", h.finish())
}

/// One `reportingDescriptor`.
fn rule(r: &Rule) -> Value {
    let what = section(r.docs, "## What it does").unwrap_or(r.summary);
    let mut v = json!({
        "id": r.name,
        "shortDescription": { "text": r.summary },
        "fullDescription": { "text": what },
        "help": { "text": r.docs.trim(), "markdown": link_issues(r.docs.trim()) },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": { "category": r.category.as_str(), "fix": r.fix.as_str(), "tags": ["openclaw", r.category.as_str()] },
    });
    // The first OpenClaw issue the rule cites (its references are data, see `Rule::references`).
    if let Some(issue) = r.references.iter().find(|x| matches!(x, Reference::Issue(_))) {
        v["helpUri"] = json!(issue.locator());
    }
    v
}

/// The text of a `## heading` section of a rule's docs.
fn section<'a>(docs: &'a str, heading: &str) -> Option<&'a str> {
    let start = docs.find(heading)? + heading.len();
    let rest = &docs[start..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    Some(rest[..end].trim())
}

/// OpenClaw issue numbers cited as a bare `#N` (not `owner/repo#N`), in order of appearance.
fn issues(docs: &str) -> impl Iterator<Item = &str> {
    docs.match_indices('#').filter_map(move |(i, _)| {
        let before = docs[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '/' || c == '#' || c == '-' || c == '_') {
            return None;
        }
        let digits = docs[i + 1..].bytes().take_while(u8::is_ascii_digit).count();
        (digits > 0).then(|| &docs[i + 1..i + 1 + digits])
    })
}

/// `#123` → `[#123](https://github.com/openclaw/openclaw/issues/123)` for the Markdown help.
fn link_issues(docs: &str) -> String {
    let mut out = String::with_capacity(docs.len() + 256);
    let mut at = 0;
    let starts: Vec<(usize, &str)> =
        issues(docs).map(|n| (n.as_ptr() as usize - docs.as_ptr() as usize - 1, n)).collect();
    for (i, n) in starts {
        out.push_str(&docs[at..i]);
        out.push_str(&format!("[#{n}]({OPENCLAW_ISSUES}{n})"));
        at = i + 1 + n.len();
    }
    out.push_str(&docs[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_numbers_and_links() {
        let docs = "## References\n- #78855, PR #20684, NVIDIA/NemoClaw#6024, openclaw/trust#13; ## x #12.";
        assert_eq!(issues(docs).collect::<Vec<_>>(), ["78855", "20684", "12"]);
        let linked = link_issues("see #5 and a/b#6");
        assert_eq!(linked, format!("see [#5]({OPENCLAW_ISSUES}5) and a/b#6"));
    }

    #[test]
    fn uris_and_fingerprints() {
        assert_eq!(uri("configs/my openclaw.json"), "configs/my%20openclaw.json");
        assert_eq!(uri("/home/u/.openclaw/openclaw.json"), "file:///home/u/.openclaw/openclaw.json");
        assert_eq!(fingerprint("a"), "af63dc4c8601ec8c", "FNV-1a 64 of \"a\"");
    }
}
