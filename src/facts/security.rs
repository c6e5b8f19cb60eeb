//! `rules/security.toml`: how each release exposes the gateway, judges tokens, runs exec and
//! treats the flags its own audit calls dangerous, each fact with its source.

use crate::facts::version::CalVer;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

pub const PATH: &str = "rules/security.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecurityFacts {
    pub format: u32,
    pub gateway: GatewayFacts,
    pub token: TokenFacts,
    pub exec: ExecFacts,
    pub flag: Vec<Flag>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GatewayFacts {
    pub loopback_binds: Vec<String>,
    pub exposed_binds: Vec<String>,
    pub container_binds: Vec<String>,
    pub loopback_hosts: Vec<String>,
    pub refuse_without_secret_since: CalVer,
    pub token_persisted_until: CalVer,
    pub token_env: String,
    pub password_env: String,
    pub tailscale_none_rejected_since: CalVer,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenFacts {
    pub min_length: usize,
    pub invalid: Vec<String>,
    pub invalid_rejected_since: CalVer,
    pub published: Vec<String>,
    /// The gateway refuses to start when its token or password is one of OpenClaw's redaction
    /// markers (`rules/secrets.toml` `[placeholders] redaction_markers`).
    pub redaction_marker_refused: crate::facts::version::Introduced,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExecFacts {
    pub mode_security: BTreeMap<String, String>,
    pub mode_ask: BTreeMap<String, String>,
    pub mode_since: CalVer,
    pub default_security: String,
    pub default_sandbox_security: String,
    pub default_ask: String,
    pub elevated_default: bool,
    pub elevated_full_bypass_until: CalVer,
    /// The first release where elevated `full` applies only when the policy allows it.
    pub elevated_full_respects_policy_since: CalVer,
    /// Tool profiles that leave the exec tool out unless `tools.allow`/`alsoAllow` names it.
    pub profiles_without_exec: Vec<String>,
    /// The names that stand for the exec tool in tool lists.
    pub exec_tool_names: Vec<String>,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flag {
    pub path: String,
    pub value: bool,
    #[serde(default)]
    pub until: Option<CalVer>,
    #[serde(default)]
    pub exposed: bool,
    pub effect: String,
    pub references: Vec<String>,
}

fn check(f: SecurityFacts) -> Result<SecurityFacts, String> {
    if f.format != 1 {
        return Err(format!("{PATH}: format {} (this clawlint reads format 1)", f.format));
    }
    Ok(f)
}

pub fn facts() -> &'static SecurityFacts {
    static F: OnceLock<SecurityFacts> = OnceLock::new();
    F.get_or_init(|| crate::facts::data::SECURITY.load().and_then(check).unwrap_or_else(|e| panic!("{e}")))
}

/// The curated facts with their sources, for `clawlint explain`.
pub fn explain() -> String {
    let f = facts();
    let g = &f.gateway;
    let t = &f.token;
    let e = &f.exec;
    let mut out = String::new();
    out.push_str(&format!(
        "gateway: beyond loopback = {:?} (auto: only in a container); refuses to start without a secret from {}; generated token persisted up to {}; secrets from {} / {}\n  source: {}\n",
        g.exposed_binds, g.refuse_without_secret_since, g.token_persisted_until, g.token_env, g.password_env, g.source
    ));
    out.push_str(&format!(
        "token: at least {} characters; {:?} rejected at startup from {}; published examples {:?} rejected by every release\n  source: {}\n",
        t.min_length, t.invalid, t.invalid_rejected_since, t.published, t.source
    ));
    out.push_str(&format!(
        "exec: unset = security {} / ask {} on the gateway host ({} in a sandbox); tools.exec.mode from {}; elevated enabled by default: {}; elevated full bypasses approvals up to {} (respects the policy from {})\n  source: {}\n",
        e.default_security, e.default_ask, e.default_sandbox_security, e.mode_since, e.elevated_default, e.elevated_full_bypass_until, e.elevated_full_respects_policy_since, e.source
    ));
    for fl in &f.flag {
        let until = fl.until.as_ref().map(|u| format!(" (effective up to {u})")).unwrap_or_default();
        out.push_str(&format!(
            "flag {} = {}{until}: {} [{}]\n",
            fl.path,
            fl.value,
            fl.effect,
            fl.references.join(", ")
        ));
    }
    out
}
