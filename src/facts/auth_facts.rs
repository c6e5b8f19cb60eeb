//! `rules/auth.toml`: curated auth and account facts (readiness markers, auth routes, models a
//! route does not serve, legacy provider ids, docs-vs-stable capability gaps), embedded and
//! parsed on first use. Each fact carries its sources; `clawlint explain` prints them.

use crate::facts::version::{CalVer, ReleaseRange};
use serde::Deserialize;
use std::sync::OnceLock;

pub const PATH: &str = "rules/auth.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthFacts {
    pub format: u32,
    pub readiness: ReadinessFacts,
    pub routes: Routes,
    #[serde(default)]
    pub unsupported: Vec<Unsupported>,
    #[serde(default)]
    pub legacy_provider: Vec<LegacyProvider>,
    #[serde(default)]
    pub capability_gap: Vec<CapabilityGap>,
    pub allowlist: Allowlist,
    pub local_entry: LocalEntry,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allowlist {
    /// The releases whose allowlist is `modelPolicy.allow` (before: the `agents.defaults.models`
    /// map).
    pub model_policy: crate::facts::version::ReleaseRange,
    /// The settings a release checks against the allowlist (dotted patterns, `*` for an id).
    pub checked: Vec<String>,
    /// The releases in which a non-empty `agents.defaults.models` is the allowlist when no
    /// `modelPolicy.allow` applies.
    pub legacy_map_fallback: crate::facts::version::ReleaseRange,
    /// When `provider/*` entries started allowing every model under them.
    pub wildcards: crate::facts::version::Introduced,
    /// When `provider/prefix/*` entries started to count.
    pub deep_wildcards: crate::facts::version::Introduced,
    pub source: String,
    pub references: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadinessFacts {
    pub legacy_env_names: Vec<String>,
    pub local_markers: Vec<String>,
    pub managed_markers: Vec<String>,
    pub managed_marker_prefixes: Vec<String>,
    pub local_marker_apis: Vec<String>,
    pub source: String,
    pub dialect: Vec<ReadinessDialect>,
}

/// How one range of releases judges readiness (see `rules/auth.toml`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadinessDialect {
    pub since: CalVer,
    pub presence: bool,
    pub env_markers: bool,
    pub secret_refs: bool,
    pub local_markers: bool,
    pub synthetic_local: bool,
    /// `missing` or `indeterminate`.
    pub no_evidence: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Routes {
    pub subscription_host: String,
    pub api_key_host: String,
    pub subscription_providers: Vec<String>,
    pub subscription_ref_provider: String,
    pub api_key_provider: String,
    pub oauth_mode: String,
    pub api_key_mode: String,
    pub subscription_runtime: String,
    /// Releases where a subscription provider on the subscription host ignores `apiKey`.
    pub subscription_host_needs_oauth: crate::facts::version::Introduced,
    pub source: String,
}

/// What a keyless local provider entry needs (`[local_entry]`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalEntry {
    pub default_api: String,
    pub default_base_url: String,
    pub ollama_api: String,
    pub ollama_base_url: String,
    pub source: String,
}

impl LocalEntry {
    /// The `api` and a `baseUrl` to suggest for a local entry of `provider`.
    pub fn for_provider(&self, provider: &str) -> (&str, &str) {
        if provider == "ollama" {
            (&self.ollama_api, &self.ollama_base_url)
        } else {
            (&self.default_api, &self.default_base_url)
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unsupported {
    pub providers: Vec<String>,
    pub models: Vec<String>,
    pub route: String,
    pub replaced_by: Option<String>,
    pub error: String,
    pub note: String,
    pub references: Vec<String>,
    #[serde(flatten)]
    pub span: ReleaseRange,
}

impl Unsupported {
    /// The error text for `model`.
    pub fn error_for(&self, model: &str) -> String {
        self.error.replace("{model}", model)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegacyProvider {
    pub id: String,
    pub replacement: String,
    pub runtime: String,
    pub error: String,
    pub note: String,
    pub references: Vec<String>,
    pub source: String,
    #[serde(flatten)]
    pub span: ReleaseRange,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapabilityGap {
    pub id: String,
    pub settings: Vec<String>,
    pub provider: String,
    pub models: Vec<String>,
    pub when: String,
    pub error: String,
    pub note: String,
    pub references: Vec<String>,
    #[serde(flatten)]
    pub span: ReleaseRange,
}

fn check(f: AuthFacts) -> Result<AuthFacts, String> {
    if f.format != 1 {
        return Err(format!("{PATH}: format {} (this clawlint reads format 1)", f.format));
    }
    Ok(f)
}

/// The embedded facts.
pub fn facts() -> &'static AuthFacts {
    static F: OnceLock<AuthFacts> = OnceLock::new();
    F.get_or_init(|| crate::facts::data::AUTH.load().and_then(check).unwrap_or_else(|e| panic!("{e}")))
}

impl AuthFacts {
    /// The unsupported-model fact for `provider/model` on the route `host` in release `v`.
    pub fn unsupported(&self, provider: &str, model: &str, host: &str, v: &CalVer) -> Option<&Unsupported> {
        self.unsupported.iter().find(|u| {
            u.span.contains(v)
                && u.route.eq_ignore_ascii_case(host)
                && u.providers.iter().any(|p| p.eq_ignore_ascii_case(provider))
                && u.models.iter().any(|m| m.eq_ignore_ascii_case(model))
        })
    }

    /// The legacy-provider fact for `id` in release `v`.
    pub fn legacy(&self, id: &str, v: &CalVer) -> Option<&LegacyProvider> {
        self.legacy_provider.iter().find(|l| l.span.contains(v) && l.id.eq_ignore_ascii_case(id))
    }

    /// The readiness dialect of release `v` (the newest one that started at or before it).
    pub fn dialect(&self, v: &CalVer) -> &ReadinessDialect {
        let d = &self.readiness.dialect;
        d.iter().filter(|x| &x.since <= v).max_by(|a, b| a.since.cmp(&b.since)).unwrap_or(&d[0])
    }

    /// Is `s` a non-secret marker for a credential OpenClaw manages?
    pub fn managed_marker(&self, s: &str) -> bool {
        let r = &self.readiness;
        r.managed_markers.iter().any(|m| m == s) || r.managed_marker_prefixes.iter().any(|p| s.starts_with(p.as_str()))
    }

    pub fn local_marker(&self, s: &str) -> bool {
        self.readiness.local_markers.iter().any(|m| m == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_facts_parse_and_cite() {
        let f = crate::facts::data::AUTH.load().and_then(check).unwrap();
        for u in &f.unsupported {
            assert!(u.references.iter().all(|r| r.starts_with('#')), "{:?}", u.models);
            assert!(!u.references.is_empty());
        }
        for l in &f.legacy_provider {
            assert!(!l.references.is_empty() && !l.source.is_empty());
        }
        for g in &f.capability_gap {
            assert!(!g.references.is_empty());
            assert_eq!(g.when, "subscription-only", "{}: only subscription-only gaps are modelled", g.id);
        }
        let v: CalVer = "2026.9.6".parse().unwrap();
        assert!(f.unsupported("openai-codex", "gpt-5.5-pro", "chatgpt.com", &v).is_some());
        assert!(f.unsupported("openai", "gpt-5.5-pro", "api.openai.com", &v).is_none());
        assert!(f.legacy("openai-codex", &v).is_some());
        assert!(f.legacy("openai-codex", &"2026.5.7".parse().unwrap()).is_none());
    }
}
