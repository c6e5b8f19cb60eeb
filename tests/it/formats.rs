//! The CI formats: `github` (snapshot, multi-line spans without columns) and `sarif` (valid
//! SARIF 2.1.0 against the schema stored in `schemas/`, fingerprints that survive edits
//! elsewhere in the file).

use crate::common::{load, render_for, snapshots};
use clawlint::engine::Selection;
use clawlint::report::{Format, LintResult};
use clawlint::rules;
use serde_json::Value;

fn selection() -> Selection {
    Selection { target: "2026.9.6".parse().unwrap(), ..Selection::default() }
}

fn lint(path: &str) -> LintResult {
    let config = load(path);
    let diagnostics = clawlint::engine::check(&config, &selection());
    LintResult { config, diagnostics }
}

fn sarif(results: &[LintResult]) -> Value {
    serde_json::from_str(&render_for(results, Format::Sarif, &selection())).unwrap()
}

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string("schemas/sarif-schema-2.1.0.json").unwrap()).unwrap();
    jsonschema::options().build(&schema).unwrap()
}

#[test]
fn github_format() {
    let results = [lint("tests/fixtures/formats/mixed.json5")];
    let text = render_for(&results, Format::Github, &selection());
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines.iter().all(|l| l.starts_with("::error ") || l.starts_with("::warning ") || l.starts_with("::notice "))
    );
    // The array under `tools` spans lines 13-16: line and endLine, no columns.
    let multi = lines.iter().find(|l| l.contains("(schema-invalid)")).unwrap();
    assert!(multi.contains("line=13,endLine=16,title=") && !multi.contains("col="), "{multi}");
    let single = lines.iter().find(|l| l.contains("(duplicate-key)")).unwrap();
    assert!(single.contains("line=17,col=3,endColumn=10,"), "{single}");
    snapshots().bind(|| insta::assert_snapshot!("format__github", text));
}

#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let validator = sarif_validator();
    let paths = [
        "tests/fixtures/formats/mixed.json5",
        "examples/seed/openclaw.json",
        "tests/fixtures/gateway-exposed/funnel-token.json5",
        "tests/fixtures/syntax-error/newline-in-string.json5",
    ];
    let mut results = Vec::new();
    for p in paths {
        assert!(std::path::Path::new(p).exists(), "{p}");
        results.push(lint(p));
    }
    let findings: usize = results.iter().map(|r| r.diagnostics.len()).sum();
    assert!(findings >= 10, "a real sample: {findings} findings");
    let doc = sarif(&results);
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "not valid SARIF 2.1.0:\n{}", errors.join("\n"));

    let run = &doc["runs"][0];
    let rules_out = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules_out.len(), rules::REGISTRY.len());
    for r in rules_out {
        assert!(r["help"]["markdown"].as_str().unwrap().contains("## What it does"), "{}", r["id"]);
        let uri = r["helpUri"].as_str().unwrap_or_else(|| panic!("{} has no helpUri", r["id"]));
        assert!(uri.starts_with("https://github.com/openclaw/openclaw/issues/"), "{uri}");
    }
    let results_out = run["results"].as_array().unwrap();
    assert_eq!(results_out.len(), findings);
    for res in results_out {
        let index = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules_out[index]["id"], res["ruleId"]);
    }
    // Every fingerprint is distinct.
    let mut prints: Vec<&str> =
        results_out.iter().map(|r| r["partialFingerprints"]["clawlint/v1"].as_str().unwrap()).collect();
    let n = prints.len();
    prints.sort();
    prints.dedup();
    assert_eq!(prints.len(), n);

    // An empty run is valid too.
    assert!(validator.is_valid(&sarif(&[])), "no results");
}

/// Lines move when something is added above a finding; its fingerprint must not.
#[test]
fn sarif_fingerprints_ignore_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read_to_string("tests/fixtures/formats/mixed.json5").unwrap();
    let moved = original.replacen(
        "{\n",
        "{\n  // a note\n  // and another\n  meta: { lastTouchedVersion: \"2026.9.6\" },\n",
        1,
    );
    let mut prints = Vec::new();
    for text in [&original, &moved] {
        let path = dir.path().join("openclaw.json5");
        std::fs::write(&path, text).unwrap();
        let opts = clawlint::config::LoadOptions { include_roots: Vec::new(), ..Default::default() };
        let config = clawlint::config::load(&path, "configs/openclaw.json5".into(), "named".into(), &opts).unwrap();
        let diagnostics = clawlint::engine::check(&config, &selection());
        let doc = sarif(&[LintResult { config, diagnostics }]);
        let by_rule: Vec<(String, String, u64)> = doc["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["ruleId"].as_str().unwrap().to_owned(),
                    r["partialFingerprints"]["clawlint/v1"].as_str().unwrap().to_owned(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64().unwrap(),
                )
            })
            .collect();
        prints.push(by_rule);
    }
    let (before, after) = (&prints[0], &prints[1]);
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(after) {
        assert_eq!((&b.0, &b.1), (&a.0, &a.1), "same finding, same fingerprint");
        assert_eq!(a.2, b.2 + 3, "{}: the line moved", b.0);
    }
}
