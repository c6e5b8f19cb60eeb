//! Issue 5's acceptance on the bundled seed example, and its fix checked against the real
//! OpenClaw 2026.9.6 (recorded by scripts/record-seed-acceptance.sh: the fixed file and
//! `openclaw config validate --json` on it).

use crate::common;

use clawlint::engine::Selection;
use clawlint::engine::fix::{self as engine, Policy, Root};
use clawlint::model::auth::Environment;
use std::sync::Arc;

const SEED: &str = "examples/seed/openclaw.json";

fn findings(target: &str) -> Vec<(String, String)> {
    let config = common::load(SEED);
    let sel =
        Selection { target: target.parse().unwrap(), env: Arc::new(Environment::hermetic()), ..Selection::default() };
    clawlint::engine::check(&config, &sel).into_iter().map(|d| (d.rule.to_string(), d.path.dotted())).collect()
}

fn has(f: &[(String, String)], rule: &str, path: &str) -> bool {
    f.iter().any(|(r, p)| r == rule && p == path)
}

const FB: &str = "agents.defaults.model.fallbacks";

#[test]
fn seed_on_2026_5_7_no_env() {
    let f = findings("2026.5.7");
    assert!(has(&f, "model-unsupported-for-account", &format!("{FB}.5")), "{f:?}");
    assert!(has(&f, "provider-missing-auth", &format!("{FB}.2")), "{f:?}");
    // API-key entries (moonshot, minimax: keys live in the env or the store) get no auth finding.
    for i in [0, 1, 3, 4] {
        assert!(!f.iter().any(|(r, p)| *p == format!("{FB}.{i}") && r != "model-unknown"), "{i}: {f:?}");
    }
    // openai-codex is the live Codex OAuth route on 2026.5.7, not legacy.
    assert!(!f.iter().any(|(r, _)| r == "model-ref-legacy"), "{f:?}");
}

#[test]
fn seed_on_2026_9_6() {
    let f = findings("2026.9.6");
    assert!(has(&f, "model-unsupported-for-account", &format!("{FB}.5")), "{f:?}");
    assert!(has(&f, "provider-missing-auth", &format!("{FB}.2")), "{f:?}");
    assert!(
        has(&f, "provider-unknown", &format!("{FB}.0")) && has(&f, "provider-unknown", &format!("{FB}.1")),
        "{f:?}"
    );
    assert!(has(&f, "model-ref-legacy", "agents.defaults.model.primary"), "{f:?}");
    assert!(has(&f, "model-ref-legacy", &format!("{FB}.5")), "{f:?}");
    for i in [3, 4] {
        assert!(!f.iter().any(|(r, p)| *p == format!("{FB}.{i}") && r != "model-unknown"), "{i}: {f:?}");
    }
}

#[test]
fn seed_fix_is_what_the_real_release_validated() {
    let opts = clawlint::config::LoadOptions { display_base: std::env::current_dir().ok(), ..Default::default() };
    let path = std::path::Path::new(SEED);
    let target = Root { path, display: SEED.into(), reason: "test".into(), opts: &opts };
    // As recorded: the real release ran with no provider variable set (unset, not unknown).
    let env = std::sync::Arc::new(clawlint::model::auth::Environment::empty());
    let sel = Selection { target: "2026.9.6".parse().unwrap(), env, ..Selection::default() };
    let outcome = engine::run(&target, &sel, Policy { unsafe_fixes: true, reviewed: false }, &mut |_| true).unwrap();
    assert_eq!(outcome.changes.len(), 1);
    let fixed = &outcome.changes[0].fixed;
    let recorded = std::fs::read_to_string("tests/fixtures/seed/fixed-2026.9.6.json5").unwrap();
    assert_eq!(fixed, &recorded, "the fix changed: re-run scripts/record-seed-acceptance.sh against the real 2026.9.6");
    let verdict: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("tests/fixtures/seed/validate-2026.9.6.json").unwrap()).unwrap();
    assert_eq!(verdict["valid"], true);
    assert_eq!(verdict["exit_code"], 0);
    assert!(verdict["openclaw"].as_str().unwrap().starts_with("OpenClaw 2026.9.6"));
    // Comments survive.
    for c in [
        "// ~/.openclaw/openclaw.json — the \"seed\" config behind clawlint.",
        "// Codex OAuth route (legacy provider id on current releases).",
        "// moonshot: no key configured",
        "// Metadata only: the OAuth tokens live in OpenClaw's credential store.",
    ] {
        assert!(fixed.contains(c), "lost comment {c:?}");
    }
}
