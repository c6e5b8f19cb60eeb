//! Checks OpenClaw runs beyond its exported schema (zod refinements). Which releases run them
//! and what they say is data (`[[refinement]]` in rules/validation.toml); the logic of each is
//! here, one function per check name.

use super::Release;
use super::check::{Issue, Refinement, Stage};
use super::schema::{Violation, ViolationKind};
use crate::document::{KeyPath, Node};

/// Run one check. Like zod, a refinement of an object only runs when the object itself parsed:
/// no schema issue at or below it (`schema_issues`).
pub fn run(r: &Refinement, merged: &Node, release: &Release, schema_issues: &[Issue], out: &mut Vec<Issue>) {
    let Ok(since) = r.since.parse::<super::CalVer>() else { return };
    if release.version < since {
        return;
    }
    let parsed = |obj: &KeyPath| !schema_issues.iter().any(|i| i.violation.path.0.starts_with(&obj.0));
    match r.check.as_str() {
        "custom-provider-requires" => custom_provider_requires(r, merged, release, &parsed, out),
        "tailscale-serve-needs-loopback" => tailscale_serve_needs_loopback(r, merged, &parsed, out),
        _ => {}
    }
}

fn issue(path: KeyPath, message: String, node: &Node, key_span: Option<crate::document::Span>) -> Issue {
    Issue {
        violation: Violation { path: path.clone(), kind: ViolationKind::Other(message) },
        stage: Stage::Core,
        openclaw_paths: vec![path],
        file: node.file,
        span: key_span.unwrap_or(node.span),
        closed_map: None,
    }
}

/// A provider id the release does not bundle is a custom provider: it must declare each of
/// `keys` (reported at the missing key's path).
fn custom_provider_requires(
    r: &Refinement,
    merged: &Node,
    release: &Release,
    parsed: &dyn Fn(&KeyPath) -> bool,
    out: &mut Vec<Issue>,
) {
    let Some(providers) = merged.get("models").and_then(|m| m.member("providers")) else { return };
    let Some(map) = providers.value.as_object() else { return };
    let base = KeyPath::root().child_key("models").child_key("providers");
    for m in map {
        if release.providers.iter().any(|p| p == &m.key)
            || m.value.as_object().is_none()
            || !parsed(&base.child_key(&m.key))
        {
            continue;
        }
        for key in &r.keys {
            if m.value.get(key).is_none() {
                let path = base.child_key(&m.key).child_key(key);
                out.push(issue(path, r.message.replace("{key}", key), &m.value, Some(m.key_span)));
            }
        }
    }
}

fn is_loopback_host(h: &str) -> bool {
    matches!(h, "127.0.0.1" | "localhost" | "::1" | "[::1]") || h.starts_with("127.")
}

/// `gateway.tailscale.mode = "serve"` proxies to loopback, so the bind must be loopback.
fn tailscale_serve_needs_loopback(
    r: &Refinement,
    merged: &Node,
    parsed: &dyn Fn(&KeyPath) -> bool,
    out: &mut Vec<Issue>,
) {
    let Some(gw) = merged.get("gateway") else { return };
    if !parsed(&KeyPath::root().child_key("gateway")) {
        return;
    }
    if gw.get("tailscale").and_then(|t| t.get("mode")).and_then(Node::as_str) != Some("serve") {
        return;
    }
    let Some(bind) = gw.member("bind") else { return };
    let ok = match bind.value.as_str() {
        Some("loopback") => true,
        Some("custom") => gw.get("customBindHost").and_then(Node::as_str).is_some_and(is_loopback_host),
        Some(_) => false,
        None => return, // a wrong type is the schema's finding
    };
    if !ok {
        let path = KeyPath::root().child_key("gateway").child_key("bind");
        out.push(issue(path, r.message.clone(), &bind.value, None));
    }
}
