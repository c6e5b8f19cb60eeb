//! Inline suppressions (`// clawlint-ignore RULE: reason`, `clawlint-ignore-file`): used,
//! unused and invalid ones, in the root file and in an include, and how they meet `--select`
//! and `--severity-min`.

use crate::common::{load, render_for, snapshots};
use clawlint::engine::Selection;
use clawlint::engine::diagnostic::Severity;
use clawlint::report::{Format, LintResult};
use clawlint::rules;

fn selection() -> Selection {
    Selection { target: "2026.9.6".parse().unwrap(), ..Selection::default() }
}

fn lint_with(path: &str, sel: &Selection) -> LintResult {
    let config = load(path);
    let diagnostics = clawlint::engine::check(&config, sel);
    LintResult { config, diagnostics }
}

fn rules_of(r: &LintResult) -> Vec<&'static str> {
    r.diagnostics.iter().map(|d| d.rule).collect()
}

fn snapshot(name: &str, r: LintResult) {
    let results = [r];
    let text = format!(
        "{}\n---- concise ----\n{}",
        render_for(&results, Format::Full, &selection()),
        render_for(&results, Format::Concise, &selection())
    );
    snapshots().bind(|| insta::assert_snapshot!(name, text));
}

#[test]
fn used_suppressions_silence_their_findings() {
    let path = "tests/fixtures/suppressions/used.json5";
    let r = lint_with(path, &selection());
    assert!(r.diagnostics.is_empty(), "{:?}", rules_of(&r));
    // Without the comments, the same config has exactly those findings.
    let text = std::fs::read_to_string(path).unwrap().replace("clawlint-ignore", "note");
    let dir = tempfile::tempdir().unwrap();
    let bare = dir.path().join("bare.json5");
    std::fs::write(&bare, text).unwrap();
    let r = lint_with(bare.to_str().unwrap(), &selection());
    let mut found = rules_of(&r);
    found.sort();
    found.dedup();
    assert_eq!(found, ["dangerous-flags", "fallback-duplicate", "gateway-exposed"]);
    snapshot("suppressions__used", lint_with(path, &selection()));
}

#[test]
fn unused_suppressions_are_reported_only_for_rules_that_ran() {
    let path = "tests/fixtures/suppressions/unused.json5";
    let r = lint_with(path, &selection());
    assert_eq!(rules_of(&r), ["unused-suppression"; 3]);
    snapshot("suppressions__unused", r);
    // With only gateway-exposed selected, the fallback-duplicate and model-unknown names are
    // neither used nor unused.
    let only = Selection {
        select: vec![rules::find("gateway-exposed").unwrap(), rules::find("unused-suppression").unwrap()],
        ..selection()
    };
    let r = lint_with(path, &only);
    assert_eq!(r.diagnostics.len(), 1);
    assert!(r.diagnostics[0].message.contains("`gateway-exposed`"), "{}", r.diagnostics[0].message);
    // Ignoring the rule turns the report off.
    let quiet = Selection { ignore: vec![rules::find("unused-suppression").unwrap()], ..selection() };
    assert!(lint_with(path, &quiet).diagnostics.is_empty());
}

#[test]
fn a_suppression_without_a_reason_or_with_an_unknown_rule_applies_nowhere() {
    let path = "tests/fixtures/suppressions/invalid.json5";
    let r = lint_with(path, &selection());
    assert_eq!(
        rules_of(&r),
        ["suppression-invalid", "gateway-exposed", "suppression-invalid", "fallback-duplicate", "suppression-invalid"]
    );
    let typo = r.diagnostics.iter().find(|d| d.message.contains("fallback-duplicat`")).unwrap();
    assert_eq!(typo.help.as_deref(), Some("did you mean `fallback-duplicate`?"));
    snapshot("suppressions__invalid", r);
}

#[test]
fn include_files_carry_their_own_suppressions() {
    let r = lint_with("tests/fixtures/suppressions/include/openclaw.json5", &selection());
    assert!(r.diagnostics.is_empty(), "{:?}", rules_of(&r));
    // The same comment in the root file does not reach the include's findings.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("tests/fixtures/suppressions/include/gateway.json5", dir.path().join("g.json5")).unwrap();
    let text = std::fs::read_to_string(dir.path().join("g.json5")).unwrap();
    std::fs::write(dir.path().join("g.json5"), text.replace("clawlint-ignore-file", "note")).unwrap();
    std::fs::write(
        dir.path().join("openclaw.json5"),
        "// clawlint-ignore-file gateway-exposed: in the wrong file\n{ gateway: { $include: \"./g.json5\" } }\n",
    )
    .unwrap();
    let r = lint_with(dir.path().join("openclaw.json5").to_str().unwrap(), &selection());
    // (the include, g.json5, sorts first)
    assert_eq!(rules_of(&r), ["gateway-exposed", "unused-suppression"]);
}

#[test]
fn a_finding_below_severity_min_still_uses_its_suppression() {
    // model-unknown is an info (2026.5.7's MiniMax catalog is static); with --severity-min
    // warning it is not shown, but the comment did silence it, so it is not reported unused.
    let on_5_7 = Selection { target: "2026.5.7".parse().unwrap(), ..Selection::default() };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("openclaw.json5");
    let line = "  agents: { defaults: { model: { primary: \"minimax/MiniMax-M2.7\", fallbacks: [\"minimax/MiniMax-M0.1\"] } } },";
    std::fs::write(&path, format!("{{\n{line} // clawlint-ignore model-unknown: private preview\n}}\n")).unwrap();
    let all = lint_with(path.to_str().unwrap(), &on_5_7);
    assert!(all.diagnostics.is_empty(), "{:?}", rules_of(&all));
    let sel = Selection { severity_min: Severity::Warning, ..on_5_7.clone() };
    assert!(lint_with(path.to_str().unwrap(), &sel).diagnostics.is_empty());
    // And the comment is what silenced it.
    std::fs::write(&path, format!("{{\n{line}\n}}\n")).unwrap();
    assert_eq!(rules_of(&lint_with(path.to_str().unwrap(), &on_5_7)), ["model-unknown"]);
}

/// `--no-env` does not read the environment, so `env-ref-unresolved` does not run; a valid
/// suppression of it is neither used nor unused (the shipped pre-commit hooks run `--no-env`
/// and must accept the commit). With the environment read and the variable set, the rule runs,
/// finds nothing, and the suppression is unused.
#[test]
fn a_suppression_of_a_rule_that_needs_the_environment_is_not_judged_under_no_env() {
    let path = "tests/fixtures/suppressions/env-rule.json5";
    let run = |args: &[&str], var: Option<&str>| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_clawlint"));
        cmd.args(["doctor", "--target", "2026.9.6", "--format", "json"]).args(args).arg(path);
        cmd.env_remove("CLAWLINT_TEST_SERVICE_TOKEN").env("HOME", "/nonexistent").env_remove("OPENCLAW_STATE_DIR");
        if let Some(v) = var {
            cmd.env("CLAWLINT_TEST_SERVICE_TOKEN", v);
        }
        let out = cmd.output().unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let rules: Vec<String> =
            json["findings"].as_array().unwrap().iter().map(|f| f["checkId"].as_str().unwrap().to_owned()).collect();
        (out.status.code(), rules)
    };
    let (code, found) = run(&["--no-env"], None);
    assert_eq!((code, found.clone()), (Some(0), Vec::<String>::new()), "--no-env: {found:?}");
    // The environment read, the variable unset: the suppression silences the finding.
    let (code, found) = run(&[], None);
    assert_eq!((code, found.clone()), (Some(0), Vec::<String>::new()), "unset: {found:?}");
    // Set: nothing to silence, so the suppression is reported.
    let (_, found) = run(&[], Some("set"));
    assert!(found.iter().any(|r| r.ends_with("unused-suppression")), "set: {found:?}");
}

/// `checksRun` and `checksSkipped` count what ran: under `--no-env` the rules that need the
/// environment or file modes are skipped, and the summary says so.
#[test]
fn rules_that_need_the_machine_are_counted_as_skipped_under_no_env() {
    use clawlint::engine::Need;
    let skipped = rules::REGISTRY
        .iter()
        .filter(|r| r.needs.iter().any(|n| matches!(n, Need::Environment | Need::FileModes)))
        .count()
        + usize::from(!clawlint::engine::machine::git_available());
    assert!(skipped >= 2, "env-ref-unresolved and config-permissions need the machine");
    let run = |format: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_clawlint"))
            .args(["doctor", "--no-env", "--target", "2026.9.6", "--format", format])
            .arg("tests/fixtures/suppressions/env-rule.json5")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["checksRun"], rules::REGISTRY.len() - skipped);
    assert_eq!(json["checksSkipped"], skipped);
    let full = run("full");
    assert!(full.contains(&format!("{} rules run", rules::REGISTRY.len() - skipped)), "{full}");
}
