//! One snapshot per rule fixture: the rendered diagnostics (`full`, no colour) plus the concise
//! lines. Snapshots are under snapshots/ and reviewed like code.

mod common;

use clawlint::report::Format;
use common::{files, lint, lint_only, render, snapshots};

fn snapshot_dir(rule: &str) {
    let fixtures: Vec<String> = files(&format!("tests/fixtures/{rule}"), &[".json5", ".json"])
        .into_iter()
        .filter(|p| !p.ends_with(".fixed.json5"))
        .collect();
    assert!(!fixtures.is_empty(), "no fixtures for {rule}");
    for path in fixtures {
        let result = lint_only(&path, rule);
        // Every fixture of a rule must trigger that rule.
        assert!(result.diagnostics.iter().any(|d| d.rule == rule), "{path} does not trigger {rule}");
        let results = [result];
        let shown =
            format!("{}\n---- concise ----\n{}", render(&results, Format::Full), render(&results, Format::Concise));
        let name = path.trim_start_matches("tests/fixtures/").replace('/', "__");
        snapshots().bind(|| insta::assert_snapshot!(name, shown));
    }
}

#[test]
fn syntax_error() {
    snapshot_dir("syntax-error");
}

#[test]
fn duplicate_key() {
    snapshot_dir("duplicate-key");
}

#[test]
fn env_ref_syntax() {
    snapshot_dir("env-ref-syntax");
}

#[test]
fn non_finite_number() {
    snapshot_dir("non-finite-number");
}

#[test]
fn raw_line_separator() {
    snapshot_dir("raw-line-separator");
}

#[test]
fn include_error() {
    for case in ["missing", "escape/config", "cycle", "self-include", "invalid-value", "siblings-not-object"] {
        let path = format!("tests/fixtures/include-error/{case}/openclaw.json");
        let result = lint_only(&path, "include-error");
        assert!(result.diagnostics.iter().any(|d| d.rule == "include-error"), "{path}");
        let shown = render(&[result], Format::Full);
        snapshots().bind(|| insta::assert_snapshot!(format!("include-error__{}", case.replace('/', "__")), shown));
    }
}

#[test]
fn clean_configs_have_no_findings() {
    for path in files("tests/fixtures/clean", &[".json5", ".json"])
        .into_iter()
        .chain(["examples/seed/openclaw.json".to_string()])
    {
        let result = lint(&path);
        assert!(result.diagnostics.is_empty(), "{path}: {:?}", result.diagnostics);
    }
}

#[test]
fn json_envelope_matches_openclaw_shape() {
    let result = lint("tests/fixtures/syntax-error/missing-comma.json5");
    let json = render(&[result], Format::Json);
    snapshots().bind(|| insta::assert_snapshot!("json__missing-comma", json));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schemaVersion"], 1);
    assert_eq!(v["ok"], false);
    let f = &v["findings"][0];
    assert_eq!(f["checkId"], "clawlint/syntax-error");
    assert_eq!((f["line"].as_u64(), f["column"].as_u64()), (Some(4), Some(3)));
    assert_eq!(f["path"], "<root>");
}

#[test]
fn every_json_finding_has_position_and_path() {
    let mut results = Vec::new();
    for dir in ["syntax-error", "duplicate-key", "env-ref-syntax", "non-finite-number"] {
        for p in
            files(&format!("tests/fixtures/{dir}"), &[".json5"]).into_iter().filter(|p| !p.ends_with(".fixed.json5"))
        {
            results.push(lint(&p));
        }
    }
    results.push(lint("tests/fixtures/include-error/missing/openclaw.json"));
    let v: serde_json::Value = serde_json::from_str(&render(&results, Format::Json)).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert!(findings.len() >= 15);
    for f in findings {
        for key in ["line", "column", "endLine", "endColumn"] {
            assert!(f[key].as_u64().is_some_and(|n| n >= 1), "{key} missing in {f}");
        }
        assert!(f["path"].as_str().is_some_and(|p| !p.is_empty()), "path missing in {f}");
        assert!(f["file"].as_str().is_some());
    }
}

#[test]
fn duplicate_key_paths_are_openclaw_paths() {
    let r = lint("tests/fixtures/duplicate-key/gateway-mode.json5");
    let paths: Vec<String> = r.diagnostics.iter().map(|d| d.path.dotted()).collect();
    assert_eq!(paths, ["gateway.mode", "agents.defaults.model"]);
    assert!(r.diagnostics.iter().all(|d| d.fix.is_some()));
}
