//! One snapshot per rule fixture: the rendered diagnostics (`full`, no colour) plus the concise
//! lines. Snapshots are under snapshots/ and reviewed like code.

use crate::common;

use crate::common::{files, lint, lint_only, render, snapshots};
use clawlint::report::Format;

fn snapshot_dir(rule: &str) {
    let fixtures: Vec<String> = files(&format!("tests/fixtures/{rule}"), &[".json5", ".json"])
        .into_iter()
        .filter(|p| !p.ends_with(".fixed.json5") && !p.contains("/ok/"))
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
fn schema_invalid() {
    snapshot_dir("schema-invalid");
}

#[test]
fn key_unknown() {
    snapshot_dir("key-unknown");
}

#[test]
fn key_requires_newer() {
    snapshot_dir("key-requires-newer");
}

#[test]
fn key_removed() {
    snapshot_dir("key-removed");
}

#[test]
fn key_migrated_on_load() {
    snapshot_dir("key-migrated-on-load");
}

#[test]
fn fallback_duplicate() {
    snapshot_dir("fallback-duplicate");
}

#[test]
fn provider_missing_auth() {
    snapshot_dir("provider-missing-auth");
}

#[test]
fn provider_unknown() {
    snapshot_dir("provider-unknown");
}

#[test]
fn model_unknown() {
    snapshot_dir("model-unknown");
}

#[test]
fn model_unsupported_for_account() {
    snapshot_dir("model-unsupported-for-account");
}

#[test]
fn model_ref_legacy() {
    snapshot_dir("model-ref-legacy");
}

#[test]
fn fallbacks_dropped() {
    snapshot_dir("fallbacks-dropped");
}

#[test]
fn model_not_allowed() {
    snapshot_dir("model-not-allowed");
}

#[test]
fn capability_gap() {
    snapshot_dir("capability-gap");
}

#[test]
fn value_changed() {
    snapshot_dir("value-changed");
}

/// Rules that need an explicit `--target`.
fn snapshot_with_target(rule: &str, file: &str, target: &str) {
    let path = format!("tests/fixtures/{rule}/{file}");
    let selection = clawlint::engine::Selection {
        select: vec![clawlint::rules::find(rule).unwrap()],
        target: target.parse().unwrap(),
        ..Default::default()
    };
    let config = common::load(&path);
    let diagnostics = clawlint::engine::check(&config, &selection);
    assert!(diagnostics.iter().any(|d| d.rule == rule), "{path} does not trigger {rule}");
    let result = clawlint::report::LintResult { config, diagnostics };
    let shown = common::render_for(&[result], Format::Full, &selection);
    snapshots().bind(|| insta::assert_snapshot!(format!("{rule}__{file}"), shown));
}

#[test]
fn config_from_future() {
    snapshot_with_target("config-from-future", "written-by-9.6.json5", "2026.7.1");
    // Same target as the writer: nothing to say.
    let config = common::load("tests/fixtures/config-from-future/written-by-9.6.json5");
    let sel = clawlint::engine::Selection {
        select: vec![clawlint::rules::find("config-from-future").unwrap()],
        target: "2026.9.6".parse().unwrap(),
        ..Default::default()
    };
    assert!(clawlint::engine::check(&config, &sel).is_empty());
}

#[test]
fn matrix_stale() {
    snapshot_with_target("matrix-stale", "newer-gateway.json5", "2030.1.1");
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
    for path in files("tests/fixtures/clean", &[".json5", ".json"]) {
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

/// The selection a registry test lints with: only `rule` (every rule for the suppression
/// rules, which judge the others), the machine's view with only the variables a fixture's
/// `// env: NAME…` comment sets (so rules that need the environment run), and the `target` a
/// fixture names in a `// target: VERSION` comment (or the example's `--target VERSION`).
fn only(rule: &'static clawlint::engine::Rule, target: Option<&str>, set: &[&str]) -> clawlint::engine::Selection {
    let mut env = clawlint::model::auth::Environment::empty();
    for name in set {
        env = env.with_set(name);
    }
    let select = if rule.category == clawlint::engine::Category::Suppression { Vec::new() } else { vec![rule] };
    let mut sel = clawlint::engine::Selection { select, env: std::sync::Arc::new(env), ..Default::default() };
    if let Some(t) = target {
        sel.target = t.parse().unwrap();
    }
    sel
}

/// A leading `// KEY: value` comment of a fixture.
fn header<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    let prefix = format!("// {key}:");
    text.lines().take_while(|l| l.starts_with("//")).find_map(|l| l.strip_prefix(prefix.as_str())).map(str::trim)
}

fn triggers(path: &std::path::Path, rule: &'static clawlint::engine::Rule, target: Option<&str>) -> Vec<String> {
    let opts = clawlint::config::LoadOptions::default();
    let config = clawlint::config::load(path, path.display().to_string(), "test".into(), &opts).unwrap();
    let set: Vec<&str> = header(&config.root().text, "env").map(|v| v.split_whitespace().collect()).unwrap_or_default();
    clawlint::engine::check(&config, &only(rule, target, &set))
        .into_iter()
        .filter(|d| d.rule == rule.name)
        .map(|d| format!("{}:{}", d.path.dotted(), d.message))
        .collect()
}

/// Every rule in the registry has a positive fixture, a negative one (`ok/`, which must not
/// trigger it) and, when it fixes, a `.fixed` file.
#[test]
fn every_registered_rule_has_positive_negative_and_fixed_fixtures() {
    // Its fixtures' secrets stay out of the process-wide registry other tests print through.
    clawlint::redact::private(registry_fixtures);
}

fn registry_fixtures() {
    use clawlint::engine::{FixAvailability, Need};
    let mut missing = Vec::new();
    for rule in clawlint::rules::REGISTRY {
        let dir = format!("tests/fixtures/{}", rule.name);
        let all = files(&dir, &[".json5", ".json"]);
        let negative: Vec<&String> = all.iter().filter(|p| p.contains("/ok/")).collect();
        if !all.iter().any(|p| !p.contains("/ok/") && !p.ends_with(".fixed.json5")) {
            missing.push(format!("{}: no positive fixture in {dir}/", rule.name));
        }
        if negative.is_empty() {
            missing.push(format!("{}: no negative fixture in {dir}/ok/", rule.name));
        }
        // A fix of file modes leaves the text as it is (tests/it/security.rs checks the chmod).
        let edits_text = !rule.needs.contains(&Need::FileModes);
        if rule.fix != FixAvailability::None && edits_text && !all.iter().any(|p| p.ends_with(".fixed.json5")) {
            missing.push(format!("{}: fixes, but no .fixed.json5 in {dir}/", rule.name));
        }
        // A positive fixture triggers it (rules that read file modes or git have their own
        // tests, which set those up: tests/it/security.rs).
        let machine = rule.needs.iter().any(|n| matches!(n, Need::FileModes | Need::Git));
        let fires = |path: &&String| {
            let text = std::fs::read_to_string(path).unwrap();
            !triggers(std::path::Path::new(path), rule, header(&text, "target")).is_empty()
        };
        if !machine && !all.iter().filter(|p| !p.contains("/ok/") && !p.ends_with(".fixed.json5")).any(|p| fires(&p)) {
            missing.push(format!("{}: no fixture in {dir}/ triggers it", rule.name));
        }
        for path in negative {
            let text = std::fs::read_to_string(path).unwrap();
            let found = triggers(std::path::Path::new(path), rule, header(&text, "target"));
            if !found.is_empty() {
                missing.push(format!("{path}: a negative fixture triggers {}: {found:?}", rule.name));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The `## Example` of every rule's docs triggers that rule (the first `json5` block of the
/// section, with the `--target` the section names, linted as `openclaw.json5`).
#[test]
fn every_rule_docs_example_triggers_its_rule() {
    clawlint::redact::private(docs_examples);
}

fn docs_examples() {
    let dir = tempfile::tempdir().unwrap();
    let mut failed = Vec::new();
    for rule in clawlint::rules::REGISTRY {
        let section = rule.docs.split("## Example").nth(1).unwrap().split("\n## ").next().unwrap();
        let Some(start) = section.find("```json5\n").map(|i| i + "```json5\n".len()) else {
            failed.push(format!("{}: its Example has no json5 block", rule.name));
            continue;
        };
        let example = &section[start..start + section[start..].find("```").unwrap()];
        let target = section
            .split("--target ")
            .nth(1)
            .map(|t| t.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-')).next().unwrap());
        let path = place_example(dir.path(), rule, example);
        if triggers(&path, rule, target).is_empty() {
            failed.push(format!("{}: its Example does not trigger it", rule.name));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// Where a docs example is written: as `openclaw.json5` in a directory of its own; for a rule
/// that reads file modes, in an OpenClaw state directory (`.openclaw`) with mode 644; for one
/// that asks git, committed to a fresh repository.
fn place_example(base: &std::path::Path, rule: &clawlint::engine::Rule, example: &str) -> std::path::PathBuf {
    use clawlint::engine::Need;
    let mut dir = base.join(rule.name);
    if rule.needs.contains(&Need::FileModes) {
        dir = dir.join(".openclaw");
    }
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("openclaw.json5");
    std::fs::write(&path, example).unwrap();
    #[cfg(unix)]
    if rule.needs.contains(&Need::FileModes) {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    if rule.needs.contains(&Need::Git) {
        let git = |args: &[&str]| {
            let ok =
                std::process::Command::new("git").arg("-C").arg(&dir).args(args).output().unwrap().status.success();
            assert!(ok, "git {args:?}");
        };
        git(&["init", "-q"]);
        git(&["add", "openclaw.json5"]);
    }
    path
}

/// The hang on a raw U+2028/U+2029 is per release (rules/validation.toml `[[separator_hang]]`,
/// recorded in tests/fixtures/recorded/hangs/by-release/): an error where the target hangs, a
/// warning naming the releases that do where it reads the file (2026.5.7, 2026.7.35).
#[test]
fn raw_line_separator_is_judged_per_release() {
    use clawlint::engine::diagnostic::Severity;
    let rule = clawlint::rules::find("raw-line-separator").unwrap();
    let config = common::load("tests/fixtures/raw-line-separator/pasted-prompt.json5");
    let at = |target: &str| {
        let sel =
            clawlint::engine::Selection { select: vec![rule], target: target.parse().unwrap(), ..Default::default() };
        clawlint::engine::check(&config, &sel)
    };
    for (target, severity, says) in [
        (
            "2026.5.7",
            Severity::Warning,
            "OpenClaw 2026.5.7 reads it, but 2026.7.2-beta.5 to 2026.7.2-beta.7 and 2026.8.1-beta.1 and later hang",
        ),
        ("2026.7.35", Severity::Warning, "OpenClaw 2026.7.35 reads it, but 2026.8.1-beta.1 and later hang"),
        ("2026.7.2-beta.6", Severity::Error, "OpenClaw 2026.7.2-beta.6 hangs while loading this file"),
        ("2026.8.1", Severity::Error, "OpenClaw 2026.8.1 hangs while loading this file"),
        ("2026.9.6", Severity::Error, "OpenClaw 2026.9.6 hangs while loading this file"),
    ] {
        let found = at(target);
        assert!(!found.is_empty(), "{target}: no finding");
        for d in &found {
            assert_eq!(d.severity, severity, "{target}: {}", d.message);
            assert!(d.message.contains(says), "{target}: {}", d.message);
        }
    }
}
