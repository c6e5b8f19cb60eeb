//! Readiness agrees with what real releases' `openclaw models status` said.
//!
//! The recordings are in tests/fixtures/recorded/models-status (scripts/record-models-status.sh,
//! run against real releases with `env -i` and an empty credential store). For each case and
//! release, every provider in use gets the release's verdict: `missing` (listed in
//! `missingProvidersInUse`), `indeterminate` (a `modelRouteIssues` entry), `error` (the command
//! failed resolving a secret) or `ready`; clawlint's [`readiness::provider`] must give the same.
//!
//! Skipped, each for a stated reason: providers with an auth profile (the recording's store is
//! empty, clawlint treats the store as unknown); `openai`/`openai-codex` on 2026.8.1+ (the codex
//! harness check decides, not auth) unless its `baseUrl` is chatgpt.com (then only a subscription
//! login counts: cases 31 and 32); providers the release does not have (provider-unknown).

use clawlint::config::{LoadOptions, load_bytes};
use clawlint::facts::{CalVer, auth_facts, catalog};
use clawlint::model::auth::{AuthContext, Environment};
use clawlint::model::model_refs;
use clawlint::model::readiness::{self, Verdict};
use serde_json::Value;
use std::path::Path;

const DIR: &str = "tests/fixtures/recorded/models-status";

fn release_verdict(rec: &Value, provider: &str) -> &'static str {
    if rec["json_rc"] != 0 && rec["missingProvidersInUse"].is_null() {
        return "error";
    }
    if rec["missingProvidersInUse"].as_array().is_some_and(|a| a.iter().any(|p| p == provider)) {
        return "missing";
    }
    if rec["modelRouteIssues"]
        .as_array()
        .is_some_and(|a| a.iter().any(|i| i["provider"] == provider && i["kind"] == "indeterminate"))
    {
        return "indeterminate";
    }
    "ready"
}

fn ours(v: Verdict) -> &'static str {
    match v {
        Verdict::Ready => "ready",
        Verdict::Missing => "missing",
        Verdict::Indeterminate => "indeterminate",
        Verdict::Unknown => "unknown",
    }
}

#[test]
fn readiness_matches_recorded_releases() {
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut cases: Vec<_> =
        std::fs::read_dir(DIR).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read(case.join("openclaw.json")).unwrap();
        let config =
            load_bytes(&case.join("openclaw.json"), name.clone(), text, "test".into(), &LoadOptions::default());
        let merged = config.merged.as_ref().expect("recorded configs parse");
        let auth = AuthContext::from_config(merged, None);
        let mut env = Environment::empty();
        for line in std::fs::read_to_string(case.join("env")).unwrap().lines() {
            if let Some((k, v)) = line.split_once('=')
                && !v.is_empty()
            {
                env = env.with_set(k);
            }
        }
        let mut providers: Vec<String> = model_refs::collect(merged)
            .into_iter()
            .filter(|s| matches!(s.role, model_refs::Role::Primary | model_refs::Role::Fallback(_)))
            .filter_map(|s| s.parsed?.provider)
            .collect();
        providers.dedup();
        let mut recs: Vec<_> = std::fs::read_dir(&case)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json") && p.file_stem().unwrap() != "openclaw")
            .collect();
        recs.sort();
        for rec_path in recs {
            let rec: Value = serde_json::from_str(&std::fs::read_to_string(&rec_path).unwrap()).unwrap();
            let version: CalVer = rec["version"].as_str().unwrap().parse().unwrap();
            let cat = catalog::for_release(&version);
            for p in &providers {
                if auth.profiles_for(p).next().is_some() {
                    continue;
                }
                // On the ChatGPT host the subscription route decides, and readiness models it.
                let chatgpt = auth.provider(p).and_then(|e| e.host()).as_deref() == Some("chatgpt.com");
                if (p == "openai" || p == "openai-codex") && version >= "2026.8.1".parse().unwrap() && !chatgpt {
                    continue;
                }
                if cat.bundled_provider(p).is_none() && auth.provider(p).is_none() {
                    continue;
                }
                let inputs = readiness::ReadinessInputs {
                    auth: &auth,
                    env: &env,
                    catalog: &cat,
                    facts: auth_facts::facts(),
                    release: &version,
                };
                let got = readiness::provider(&inputs, p);
                let want = release_verdict(&rec, p);
                let ok = ours(got.verdict) == want || (want == "error" && got.verdict == Verdict::Missing);
                checked += 1;
                if !ok {
                    failures.push(format!(
                        "{name} {version} {p}: release {want}, clawlint {} ({})",
                        ours(got.verdict),
                        got.reason
                    ));
                }
            }
        }
    }
    eprintln!("readiness: {checked} verdicts checked");
    assert!(checked >= 80, "only {checked} verdicts checked: are the recordings there?");
    assert!(failures.is_empty(), "{} of {checked} disagree:\n{}", failures.len(), failures.join("\n"));
    assert!(Path::new(DIR).join("README.md").is_file());
}
