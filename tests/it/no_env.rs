//! `--no-env`: a variable clawlint did not read is unknown, never missing. Where a verdict
//! depends on one, the finding is at most info and names the variable; it never says the model
//! "fails" or the gateway "refuses" (only what the file itself proves is an error).

use crate::common::load;
use clawlint::engine::Selection;
use clawlint::engine::diagnostic::Severity;
use clawlint::model::auth::Environment;
use std::sync::Arc;

fn findings(path: &str, rule: &str, env: Environment) -> Vec<(Severity, String)> {
    let sel = Selection {
        select: vec![clawlint::rules::find(rule).unwrap()],
        env: Arc::new(env),
        target: "2026.9.6".parse().unwrap(),
        ..Selection::default()
    };
    clawlint::engine::check(&load(path), &sel).into_iter().map(|d| (d.severity, d.message)).collect()
}

fn unknown_is_info(path: &str, rule: &str, vars: &[&str], claims: &[&str]) {
    let hermetic = findings(path, rule, Environment::hermetic());
    assert_eq!(hermetic.len(), vars.len(), "{path}: {hermetic:#?}");
    for ((severity, message), var) in hermetic.iter().zip(vars) {
        assert_eq!(*severity, Severity::Info, "{message}");
        assert!(
            message.contains(&format!("depends on {var}")) || message.contains(&format!("depends on `{var}`")),
            "{message}"
        );
        for claim in claims {
            assert!(!message.contains(claim), "--no-env claims `{claim}`: {message}");
        }
    }
    // Read, and unset: the same configs do fail (the test is not vacuous).
    let machine = findings(path, rule, Environment::empty());
    assert!(machine.iter().any(|(s, _)| *s > Severity::Info), "{path}: {machine:#?}");
}

#[test]
fn provider_keys_from_the_environment_are_unknown_under_no_env() {
    unknown_is_info(
        "tests/fixtures/no-env/provider-keys.json5",
        "provider-missing-auth",
        &["OPENROUTER_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "OLLAMA_API_KEY"],
        &["fails", "no credential"],
    );
}

#[test]
fn a_gateway_token_from_the_service_is_unknown_under_no_env() {
    unknown_is_info(
        "tests/fixtures/no-env/gateway-token-from-service.json5",
        "gateway-exposed",
        &["OPENCLAW_GATEWAY_TOKEN"],
        &["refuses", "fails"],
    );
}
