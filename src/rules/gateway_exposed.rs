//! `gateway-exposed`: the gateway listens beyond loopback without the secret that protects it,
//! or publishes through Tailscale with an auth mode the release refuses.

use crate::document::{KeyPath, Kind, Node};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use crate::model::auth::EnvLookup;
use crate::rules::exposure::{self, Gateway, Reach};

pub static RULE: Rule = Rule {
    name: "gateway-exposed",
    category: Category::Security,
    severity: Severity::Error,
    fix: FixAvailability::None,
    needs: &[],
    references: &[
        Reference::Issue(9275),
        Reference::Issue(65625),
        Reference::Issue(97970),
        Reference::Issue(20686),
        Reference::Issue(78047),
        Reference::Issue(17718),
        Reference::File("rules/security.toml"),
        Reference::File("rules/sources/security-facts.md"),
    ],
    summary: "The gateway binds beyond loopback (lan, tailnet, custom, auto in a container) with auth none or no secret, or uses Tailscale Funnel without password auth.",
    docs: DOCS,
    facts: Some(crate::rules::exposure::explain),
    check,
};

const DOCS: &str = r#"## What it does
Reads `gateway.bind`, `gateway.customBindHost`, `gateway.auth` and `gateway.tailscale.mode`
the way the target release does and reports:
- a bind beyond loopback (`lan` = 0.0.0.0, `tailnet`, `custom` with a non-loopback
  `customBindHost`) with `auth.mode: "none"`, or with no token/password (in the config or in
  `OPENCLAW_GATEWAY_TOKEN`/`OPENCLAW_GATEWAY_PASSWORD`);
- `bind: "auto"` without auth: loopback on a host, but 0.0.0.0 inside a container (warning);
- `tailscale.mode: "funnel"` with any auth mode but `password`, and `serve`/`funnel` with
  `auth.mode: "none"`.

## Why it matters
The gateway runs the agent, its tools and its credentials. Exposed without auth, anyone on
the network drives it (#9275; #65625 shipped `OPENCLAW_GATEWAY_BIND=lan` with an empty token,
CVSS 8.1). What the release does instead depends on the version (recorded from the releases,
rules/sources/security-facts.md §2):
- `auth.mode: "none"` beyond loopback: every release refuses to start (`Refusing to bind
  gateway to lan without auth`, exit 78), and `config validate` does not warn.
- no secret beyond loopback: from 2026.5.28 the gateway refuses to start; 2026.5.7 started
  with a generated token it wrote into openclaw.json, 2026.5.12 with one that changes at each
  restart (no client can keep a connection).
- Funnel publishes the gateway to the internet and requires `auth.mode: "password"` at
  runtime (`tailscale funnel requires gateway auth mode=password`), yet `config validate`
  accepts token mode (#17718): the gateway fails on its next restart.

## Example
```json5
{ gateway: { mode: "local", bind: "lan", auth: { mode: "none" } } }
```

## Fix safety
No automatic fix: generating a token would lock out every client that connects today. Set
`gateway.auth.token` to `${OPENCLAW_GATEWAY_TOKEN}` (a random value of 24+ characters in
`~/.openclaw/.env`), or bind `loopback` and reach the gateway through Tailscale Serve or an
SSH tunnel.

## References
- #9275, #65625, #97970, #20686, #78047 (bind and auth); #17718 (Funnel needs password auth).
- rules/security.toml `[gateway]`; rules/sources/security-facts.md §1–2.
"#;

fn or<'a>(n: Option<&'a Node>, default: &'a Node) -> &'a Node {
    n.unwrap_or(default)
}

fn has_secret(n: Option<&Node>) -> bool {
    n.is_some_and(|n| match &n.kind {
        Kind::String(s) => !s.trim().is_empty(),
        Kind::Object(_) => true,
        _ => false,
    })
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(merged) = cx.config.merged.as_ref() else { return };
    let Some(g) = Gateway::read(merged) else { return };
    tailscale(cx, &g, out);
    beyond_loopback(cx, &g, out);
}

/// Tailscale publishing: Funnel needs password auth; neither works with none.
fn tailscale(cx: &Context<'_>, g: &Gateway<'_>, out: &mut Vec<Diagnostic>) {
    let f = &exposure::facts().gateway;
    let v = &cx.release.version;
    let gpath = KeyPath::root().child_key("gateway");
    if let Some(ts) = g.tailscale
        && let Some(mode @ ("serve" | "funnel")) = ts.as_str()
    {
        let tpath = gpath.child_key("tailscale").child_key("mode");
        let mode_at = or(g.mode_node, g.node);
        let found = if mode == "funnel" && g.mode != "password" {
            Some((
                format!(
                    "Tailscale Funnel publishes the gateway to the internet and {} refuses to start it with auth mode `{}`: `tailscale funnel requires gateway auth mode=password` (`config validate` does not catch this)",
                    cx.target_name(),
                    g.mode
                ),
                "needs gateway.auth.mode \"password\"",
                "set `gateway.auth.mode: \"password\"` and `gateway.auth.password: \"${OPENCLAW_GATEWAY_PASSWORD}\"`, or use `serve` (tailnet only)",
            ))
        } else if g.mode == "none" {
            let message = if v >= &f.tailscale_none_rejected_since {
                format!("`tailscale.mode: \"{mode}\"` with auth mode `none`: {} rejects this config", cx.target_name())
            } else {
                format!(
                    "`tailscale.mode: \"{mode}\"` with auth mode `none`: anyone who reaches the Tailscale address drives the gateway unauthenticated ({} accepts it)",
                    cx.target_name()
                )
            };
            Some((message, "published without auth", "use token or password auth before publishing through Tailscale"))
        } else {
            None
        };
        if let Some((message, label, help)) = found {
            let mut d = Diagnostic::new(RULE.name, Severity::Error, ts.file, ts.span, tpath, message)
                .with_label(label)
                .with_help(help);
            if g.mode == "none" {
                d = d.with_secondary(mode_at.file, mode_at.span, "auth mode none");
            }
            out.push(d);
        }
    }
}

/// A gateway listening beyond loopback: without auth, or without the secret its mode needs.
fn beyond_loopback(cx: &Context<'_>, g: &Gateway<'_>, out: &mut Vec<Diagnostic>) {
    let gpath = KeyPath::root().child_key("gateway");
    let path_of = |n: Option<&Node>, key: &str| if n.is_some() { gpath.child_key(key) } else { gpath.clone() };
    let (where_, bind_node) = match &g.reach {
        Reach::Loopback => return,
        Reach::ContainerOnly => ("auto (0.0.0.0 inside a container)".to_owned(), g.bind),
        Reach::Network(w) => (w.clone(), g.bind),
    };
    let container = g.reach == Reach::ContainerOnly;
    let severity = if container { Severity::Warning } else { Severity::Error };
    let bind_at = or(bind_node, g.node);
    let bind_path = path_of(bind_node, "bind");

    if g.mode == "none" {
        let what = if container {
            "inside a container this listens on every interface with no auth".to_owned()
        } else {
            format!(
                "{} refuses to start (`Refusing to bind gateway to {} without auth`, exit 78), and `config validate` does not warn",
                cx.target_name(),
                g.bind.and_then(Node::as_str).unwrap_or("lan")
            )
        };
        out.push(
            Diagnostic::new(
                RULE.name,
                severity,
                bind_at.file,
                bind_at.span,
                bind_path,
                format!("the gateway binds {where_} with auth mode `none`: {what}"),
            )
            .with_label("beyond loopback")
            .with_secondary(or(g.mode_node, g.node).file, or(g.mode_node, g.node).span, "no auth")
            .with_help(
                "set `gateway.auth.mode: \"token\"` with `token: \"${OPENCLAW_GATEWAY_TOKEN}\"`, or bind `loopback`",
            ),
        );
        return;
    }
    if g.mode == "trusted-proxy" {
        return; // exempt from the shared-secret check; the proxy is the auth
    }
    no_secret(cx, g, &where_, (bind_at, bind_path), severity, out);
}

/// Token or password mode with no secret in the config or the environment.
fn no_secret(
    cx: &Context<'_>,
    g: &Gateway<'_>,
    where_: &str,
    (bind_at, bind_path): (&Node, KeyPath),
    severity: Severity,
    out: &mut Vec<Diagnostic>,
) {
    let f = &exposure::facts().gateway;
    let v = &cx.release.version;
    let container = g.reach == Reach::ContainerOnly;
    let (field, env) = if g.mode == "password" { ("password", &f.password_env) } else { ("token", &f.token_env) };
    if has_secret(g.secret()) {
        return;
    }
    let env_state = exposure::env_supplies(cx, env);
    if matches!(env_state, EnvLookup::Set(_)) {
        return;
    }
    if env_state == EnvLookup::Unknown {
        // The service may set the secret (systemd, Docker): what clawlint did not read is
        // unknown, never "refuses to start".
        out.push(
            Diagnostic::new(
                RULE.name,
                Severity::Info,
                bind_at.file,
                bind_at.span,
                bind_path,
                format!(
                    "the gateway binds {where_} with no {field} in the config: whether {} starts depends on `{env}` in the gateway's environment, which clawlint did not read",
                    cx.target_name()
                ),
            )
            .with_label("beyond loopback")
            .with_help(format!("make sure `{env}` is set where the gateway runs (a random value of 24+ characters)")),
        );
        return;
    }
    let env_note = format!(" (`{env}` is not set in {} either)", cx.env.describe_with_config());
    let consequence = if container {
        format!("inside a container this listens on every interface without a {field}")
    } else if v >= &f.refuse_without_secret_since {
        format!("{} refuses to start without an explicit {field}{env_note}", cx.target_name())
    } else if v <= &f.token_persisted_until {
        format!(
            "{} starts with a generated token and writes it into openclaw.json in plaintext{env_note}",
            cx.target_name()
        )
    } else {
        format!(
            "{} starts with a generated token that changes at every restart, so clients cannot stay connected{env_note}",
            cx.target_name()
        )
    };
    let severity = if !container && v < &f.refuse_without_secret_since { Severity::Warning } else { severity };
    let mut d = Diagnostic::new(
        RULE.name,
        severity,
        bind_at.file,
        bind_at.span,
        bind_path,
        format!("the gateway binds {where_} with no {field} configured: {consequence}"),
    )
    .with_label("beyond loopback")
    .with_help(format!(
        "set `gateway.auth.{field}: \"${{{env}}}\"` and put a random value of 24+ characters in ~/.openclaw/.env"
    ));
    if let Some(s) = g.secret() {
        d = d.with_secondary(s.file, s.span, format!("empty {field}"));
    }
    out.push(d);
}
