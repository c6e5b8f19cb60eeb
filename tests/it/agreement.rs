//! clawlint agrees with the real releases: for every config of tests/fixtures/validate-corpus and
//! every release recorded there (`openclaw config validate --json`, run once per release by
//! scripts/record-verdicts.sh), `clawlint doctor --target <that release>` gives the same
//! valid/invalid verdict and flags the same paths. No OpenClaw is needed to run this.

use crate::common;

use clawlint::engine::Selection;
use clawlint::facts::{CalVer, TargetRequest};
use clawlint::rules;
use std::collections::BTreeSet;

/// Rules whose errors mean "`config validate` fails".
const VALIDATION_RULES: &[&str] =
    &["syntax-error", "schema-invalid", "key-unknown", "key-requires-newer", "key-removed", "value-changed"];

struct Mismatch {
    release: String,
    file: String,
    openclaw: (bool, BTreeSet<String>),
    clawlint: (bool, BTreeSet<String>),
}

fn check_release(recorded: &serde_json::Value, out: &mut Vec<Mismatch>) -> usize {
    let version: CalVer = recorded["version"].as_str().unwrap().parse().unwrap();
    let selection = Selection {
        select: VALIDATION_RULES.iter().map(|r| rules::find(r).unwrap()).collect(),
        target: TargetRequest::Version(version.clone()),
        ..Selection::default()
    };
    let mut n = 0;
    for (file, res) in recorded["results"].as_object().unwrap() {
        let path = format!("tests/fixtures/validate-corpus/configs/{file}");
        let want_valid = res["valid"].as_bool().unwrap_or(false);
        let want: BTreeSet<String> = res["issues"]
            .as_array()
            .map(|a| a.iter().map(|i| i["path"].as_str().unwrap().to_owned()).collect())
            .unwrap_or_default();
        let config = common::load(&path);
        let diags = clawlint::engine::check(&config, &selection);
        let got_valid = !diags.iter().any(|d| d.severity == clawlint::engine::diagnostic::Severity::Error);
        let got: BTreeSet<String> = diags
            .iter()
            .flat_map(|d| {
                if d.rule == "syntax-error" {
                    vec!["<root>".to_owned()]
                } else {
                    d.openclaw_paths.iter().map(|p| p.dotted()).collect()
                }
            })
            .collect();
        if got_valid != want_valid || got != want {
            out.push(Mismatch {
                release: version.to_string(),
                file: file.clone(),
                openclaw: (want_valid, want),
                clawlint: (got_valid, got),
            });
        }
        n += 1;
    }
    n
}

#[test]
fn verdicts_and_paths_match_every_recorded_release() {
    let mut mismatches = Vec::new();
    let mut total = 0;
    let mut releases = 0;
    for path in common::files("tests/fixtures/validate-corpus/recorded", &[".json"]) {
        let recorded: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        total += check_release(&recorded, &mut mismatches);
        releases += 1;
    }
    assert!(releases >= 1 && total >= 150, "{releases} releases, {total} verdicts");
    // Disagreements not modelled yet are listed, one `release file` per line, in known-gaps.txt:
    // the test fails on any new disagreement and on any listed one that is gone (then shorten
    // the list), so the list only ever shrinks on purpose.
    let gaps_text = std::fs::read_to_string("tests/fixtures/validate-corpus/known-gaps.txt").unwrap_or_default();
    let gaps: BTreeSet<(String, String)> = gaps_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once(' ').map(|(r, f)| (r.to_owned(), f.trim().to_owned())))
        .collect();
    let recorded_releases: BTreeSet<String> = mismatches.iter().map(|m| m.release.clone()).collect();
    let found: BTreeSet<(String, String)> = mismatches.iter().map(|m| (m.release.clone(), m.file.clone())).collect();
    let gone: Vec<_> = gaps.iter().filter(|g| !found.contains(*g) && recorded_releases.contains(&g.0)).collect();
    assert!(gone.is_empty(), "now in agreement; remove from known-gaps.txt: {gone:?}");
    mismatches.retain(|m| !gaps.contains(&(m.release.clone(), m.file.clone())));
    let report: Vec<String> = mismatches
        .iter()
        .map(|m| {
            let only_oc: Vec<_> = m.openclaw.1.difference(&m.clawlint.1).collect();
            let only_cl: Vec<_> = m.clawlint.1.difference(&m.openclaw.1).collect();
            format!(
                "{} {}: openclaw valid={} clawlint valid={}; only openclaw: {:?}; only clawlint: {:?}",
                m.release, m.file, m.openclaw.0, m.clawlint.0, only_oc, only_cl
            )
        })
        .collect();
    assert!(report.is_empty(), "{} of {total} disagree:\n{}", report.len(), report.join("\n"));
}
