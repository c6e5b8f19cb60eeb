//! What the security rules share: `rules/security.toml`, and the config read the way the
//! target release reads it — where the gateway listens and with which secret, which channels
//! admit anyone, and what exec policy applies.

use crate::document::{KeyPath, Kind, Node, Segment};
use crate::engine::Context;
use crate::facts::version::CalVer;
use crate::model::auth::EnvLookup;

pub use crate::facts::security::{explain, facts};

/// How far the gateway listens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    Loopback,
    /// `auto`: loopback on a host, every interface inside a container.
    ContainerOnly,
    /// Beyond this machine; the text says where (`lan (0.0.0.0)`).
    Network(String),
}

/// The gateway block as the target release reads it.
pub struct Gateway<'a> {
    pub node: &'a Node,
    /// `gateway.bind`, when written.
    pub bind: Option<&'a Node>,
    pub reach: Reach,
    /// `gateway.auth.mode` when written.
    pub mode_node: Option<&'a Node>,
    /// The mode in effect: written, else `password` when a password is set, else `token`.
    pub mode: String,
    pub token: Option<&'a Node>,
    pub password: Option<&'a Node>,
    pub tailscale: Option<&'a Node>,
}

impl<'a> Gateway<'a> {
    pub fn read(merged: &'a Node) -> Option<Gateway<'a>> {
        let f = &facts().gateway;
        let node = merged.get("gateway")?;
        let bind = node.get("bind");
        let tailscale = node.get("tailscale").and_then(|t| t.get("mode"));
        let reach = match bind.and_then(Node::as_str) {
            None => Reach::Loopback,
            Some(b) if f.loopback_binds.iter().any(|x| x == b) => Reach::Loopback,
            Some(b) if f.container_binds.iter().any(|x| x == b) => Reach::ContainerOnly,
            Some("custom") => match node.get("customBindHost").and_then(Node::as_str).map(str::trim) {
                Some(h) if f.loopback_hosts.iter().any(|x| x == h) => Reach::Loopback,
                Some(h) if !h.is_empty() => Reach::Network(format!("custom ({h})")),
                _ => Reach::Network("custom".into()),
            },
            Some(b) if f.exposed_binds.iter().any(|x| x == b) => {
                Reach::Network(if b == "lan" { "lan (0.0.0.0)".into() } else { b.to_owned() })
            }
            Some(_) => Reach::Loopback, // not a bind mode; schema rules report it
        };
        let auth = node.get("auth");
        let get = |k: &str| auth.and_then(|a| a.get(k));
        let (mode_node, token, password) = (get("mode"), get("token"), get("password"));
        let present = |n: Option<&Node>| n.is_some_and(|n| !matches!(&n.kind, Kind::String(s) if s.trim().is_empty()));
        let mode = match mode_node.and_then(Node::as_str) {
            Some(m) => m.to_owned(),
            None if present(password) => "password".into(),
            None => "token".into(),
        };
        Some(Gateway { node, bind, reach, mode_node, mode, token, password, tailscale })
    }

    /// The secret the mode uses, as written.
    pub fn secret(&self) -> Option<&'a Node> {
        match self.mode.as_str() {
            "token" => self.token,
            "password" => self.password,
            _ => None,
        }
    }

    pub fn exposed(&self) -> bool {
        matches!(self.reach, Reach::Network(_))
    }
}

/// Does the environment the gateway sees supply `name`? (`Unknown` with `--no-env`.)
pub fn env_supplies(cx: &Context<'_>, name: &str) -> EnvLookup {
    cx.auth().env(&cx.env, name)
}

/// One channel or account whose inbound policy admits anyone.
#[derive(Debug)]
pub struct OpenInbound<'a> {
    /// `channels.telegram` or `channels.telegram.accounts.bot1`.
    pub path: KeyPath,
    /// The `dmPolicy`/`groupPolicy` value node saying `open`.
    pub policy: &'a Node,
    /// `dmPolicy` or `groupPolicy`.
    pub which: &'static str,
}

/// The DM policy of a channel or account: `dmPolicy`, else legacy `dm.policy`.
pub fn dm_policy(n: &Node) -> Option<&Node> {
    n.get("dmPolicy").or_else(|| n.get("dm").and_then(|d| d.get("policy")))
}

/// The DM allowlist of a channel or account: `allowFrom`, else legacy `dm.allowFrom`.
pub fn allow_from(n: &Node) -> Option<&Node> {
    n.get("allowFrom").or_else(|| n.get("dm").and_then(|d| d.get("allowFrom")))
}

/// Each configured channel (`channels.<id>`, `defaults` excluded) with its accounts.
/// A channel: its id, its node and its accounts (id, node).
pub type ChannelConfig<'a> = (String, &'a Node, Vec<(String, &'a Node)>);

pub fn channels(merged: &Node) -> Vec<ChannelConfig<'_>> {
    let Some(Some(chs)) = merged.get("channels").map(Node::as_object) else { return Vec::new() };
    chs.iter()
        .filter(|m| m.key != "defaults" && m.value.as_object().is_some())
        .map(|m| {
            let accounts = m
                .value
                .get("accounts")
                .and_then(Node::as_object)
                .map(|a| {
                    a.iter().filter(|x| x.value.as_object().is_some()).map(|x| (x.key.clone(), &x.value)).collect()
                })
                .unwrap_or_default();
            (m.key.clone(), &m.value, accounts)
        })
        .collect()
}

/// Channels and accounts with `dmPolicy: "open"` or `groupPolicy: "open"` (an account
/// inherits the channel's DM policy when it has none).
pub fn open_inbound(merged: &Node) -> Vec<OpenInbound<'_>> {
    let mut out = Vec::new();
    for (id, ch, accounts) in channels(merged) {
        let at = KeyPath::root().child_key("channels").child_key(&id);
        for (which, node) in [("dmPolicy", dm_policy(ch)), ("groupPolicy", ch.get("groupPolicy"))] {
            if let Some(n) = node.filter(|n| n.as_str() == Some("open")) {
                out.push(OpenInbound { path: at.clone(), policy: n, which });
            }
        }
        for (acct, a) in accounts {
            let ap = at.child_key("accounts").child_key(&acct);
            for (which, node) in [("dmPolicy", dm_policy(a)), ("groupPolicy", a.get("groupPolicy"))] {
                if let Some(n) = node.filter(|n| n.as_str() == Some("open")) {
                    out.push(OpenInbound { path: ap.clone(), policy: n, which });
                }
            }
        }
    }
    out
}

/// An exec policy layer as written (`tools.exec`, or an agent's `tools.exec`).
#[derive(Debug, Clone)]
pub struct ExecPolicy<'a> {
    pub security: String,
    pub ask: String,
    /// The node that set `security` (or `mode`), if any, and which key it was.
    pub set_by: Option<&'a Node>,
    pub key: &'static str,
}

/// The exec policy of `tools.exec` (or an agent's `tools.exec`) over `base`, as the target
/// reads it: `mode` (from 2026.5.28) wins over `security`/`ask`.
pub fn exec_layer<'a>(exec: Option<&'a Node>, base: &ExecPolicy<'a>, release: &CalVer) -> ExecPolicy<'a> {
    let f = &facts().exec;
    let mut p = base.clone();
    let Some(exec) = exec else { return p };
    if release >= &f.mode_since
        && let Some(mode) = exec.get("mode")
        && let Some(m) = mode.as_str()
        && let (Some(s), Some(a)) = (f.mode_security.get(m), f.mode_ask.get(m))
    {
        p.security = s.clone();
        p.ask = a.clone();
        p.set_by = Some(mode);
        p.key = "mode";
        return p;
    }
    if let Some(s) = exec.get("security") {
        if let Some(v) = s.as_str() {
            p.security = v.to_owned();
        }
        p.set_by = Some(s);
        p.key = "security";
    }
    if let Some(v) = exec.get("ask").and_then(Node::as_str) {
        p.ask = v.to_owned();
    }
    p
}

/// The global exec policy (`tools.exec` over the runtime defaults).
pub fn global_exec<'a>(merged: &'a Node, release: &CalVer) -> ExecPolicy<'a> {
    let f = &facts().exec;
    let exec = merged.get("tools").and_then(|t| t.get("exec"));
    let host = exec.and_then(|e| e.get("host")).and_then(Node::as_str);
    let security = if host == Some("sandbox") { &f.default_sandbox_security } else { &f.default_security };
    let base = ExecPolicy { security: security.clone(), ask: f.default_ask.clone(), set_by: None, key: "security" };
    exec_layer(exec, &base, release)
}

/// Each agent entry with its path, for the target's layout (`agents.list[]` before 2026.8.1,
/// `agents.entries.<id>` after; both read, as 2026.8.1+ migrates the list).
pub fn agents(merged: &Node) -> Vec<(String, KeyPath, &Node)> {
    let mut out = Vec::new();
    let Some(agents) = merged.get("agents") else { return out };
    let base = KeyPath::root().child_key("agents");
    if let Some(Some(entries)) = agents.get("entries").map(Node::as_object) {
        for e in entries {
            out.push((e.key.clone(), base.child_key("entries").child_key(&e.key), &e.value));
        }
    }
    if let Some(Some(list)) = agents.get("list").map(Node::as_array) {
        for (i, e) in list.iter().enumerate() {
            let id = e.get("id").and_then(Node::as_str).map_or_else(|| i.to_string(), str::to_owned);
            out.push((id, base.child_key("list").child_index(i), e));
        }
    }
    out
}

/// Every `(path, node)` in `node`, depth first (objects and arrays).
pub fn walk<'a>(node: &'a Node, mut path: KeyPath, f: &mut dyn FnMut(&KeyPath, &str, &'a Node)) {
    walk_in(node, &mut path, f);
}

/// The walk, extending and restoring one path (no copy per node).
fn walk_in<'a>(node: &'a Node, path: &mut KeyPath, f: &mut dyn FnMut(&KeyPath, &str, &'a Node)) {
    match &node.kind {
        Kind::Object(ms) => {
            for m in ms {
                path.0.push(Segment::Key(m.key.clone()));
                f(path, &m.key, &m.value);
                walk_in(&m.value, path, f);
                path.0.pop();
            }
        }
        Kind::Array(xs) => {
            for (i, x) in xs.iter().enumerate() {
                path.0.push(Segment::Index(i));
                walk_in(x, path, f);
                path.0.pop();
            }
        }
        _ => {}
    }
}

/// Does the global tool policy give agents the exec tool at all? Not with `tools.deny` naming
/// it, nor with a `tools.profile` that leaves it out (`messaging`, `minimal`) unless
/// `tools.allow`/`tools.alsoAllow` adds it back.
pub fn exec_tool_present(merged: &Node) -> bool {
    let f = &facts().exec;
    let Some(tools) = merged.get("tools") else { return true };
    let names = |key: &str| -> Vec<String> {
        tools
            .get(key)
            .and_then(Node::as_array)
            .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect())
            .unwrap_or_default()
    };
    let is_exec = |n: &String| f.exec_tool_names.iter().any(|e| e == n);
    if names("deny").iter().any(|n| is_exec(n) || n == "*") {
        return false;
    }
    let profile = tools.get("profile").and_then(Node::as_str);
    if profile.is_some_and(|p| f.profiles_without_exec.iter().any(|x| x == p)) {
        return names("allow").iter().chain(&names("alsoAllow")).any(|n| is_exec(n) || n == "*");
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_facts_parse_and_cite() {
        let f = facts();
        assert_eq!(f.token.min_length, 24);
        for flag in &f.flag {
            assert!(!flag.references.is_empty(), "{}", flag.path);
        }
        assert!(f.gateway.source.contains('#') && f.exec.source.contains('#'));
    }
}
