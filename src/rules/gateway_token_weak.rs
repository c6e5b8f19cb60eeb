//! `gateway-token-weak`: the gateway's shared secret is a placeholder, a published example
//! value, or too short to resist guessing.

use crate::config::env;
use crate::document::{KeyPath, Kind};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use crate::rules::exposure::{self, Gateway};

pub static RULE: Rule = Rule {
    name: "gateway-token-weak",
    category: Category::Security,
    severity: Severity::Error,
    fix: FixAvailability::None,
    needs: &[],
    references: &[
        Reference::Issue(139494),
        Reference::File("rules/security.toml"),
        Reference::File("rules/sources/security-facts.md"),
    ],
    summary: "gateway.auth.token (or password) is \"undefined\", \"null\", empty, a published example value, or shorter than 24 characters.",
    docs: DOCS,
    facts: Some(crate::rules::exposure::explain),
    check,
};

const DOCS: &str = r#"## What it does
Checks the literal shared secret the gateway's auth mode uses (`gateway.auth.token` for
token mode and when the mode is unset, `gateway.auth.password` for password mode). It reports
the literals `""`, `"undefined"` and `"null"`, the example values OpenClaw publishes
(`change-me-to-a-long-random-token`, …), OpenClaw's redaction markers
(`__OPENCLAW_REDACTED__`, `[REDACTED]`: a redacted copy written back as the config), the
placeholders of `rules/secrets.toml` (`changeme`, `<Auto Generated>`, `#OPENCLAW_TOKEN#`,
`[REDACTED_TOKEN]`, …), and any value shorter than 24 characters. A `${VAR}` reference or
a SecretRef is not judged here (see `env-ref-unresolved`).

## Why it matters
A guessable token is no auth. `"undefined"` usually comes from a script that interpolated an
unset shell variable: 2026.5.7 accepted it as a real 9-character token, and neither doctor nor
the security audit flagged it (#139494). From 2026.9.5 the gateway refuses to start with a
blank, `undefined` or `null` token; every release refuses the published example values at
startup, while `config validate` accepts them. OpenClaw's audit calls anything under 24
characters short (`gateway.token_too_short`). From 2026.9.6 the gateway also refuses a
redaction marker ("Gateway auth token is a known redaction sentinel, not a credential");
2026.9.5 and older use the marker itself as the token.

## Example
```json5
{ gateway: { auth: { mode: "token", token: "undefined" } } }
```

## Fix safety
No automatic fix: a new token must also reach every client. Generate one (`openssl rand -hex
32`), put it in `~/.openclaw/.env` as `OPENCLAW_GATEWAY_TOKEN`, and write
`token: "${OPENCLAW_GATEWAY_TOKEN}"`.

## References
- #139494 (`"undefined"` accepted silently), openclaw/trust#13.
- rules/security.toml `[token]`; rules/sources/security-facts.md §2–3.
- 2026.9.6 dist/known-weak-gateway-secrets-*.mjs and dist/redact-sentinel-*.mjs (redaction markers).
"#;

/// `__OPENCLAW_REDACTED__` and the other markers OpenClaw prints instead of a secret.
fn redaction_marker_message(cx: &Context<'_>, field: &str, t: &str) -> String {
    let head = format!(
        "gateway.auth.{field} is \"{t}\", the marker OpenClaw prints in place of a secret: this is a redacted copy, not the {field}"
    );
    match exposure::facts().token.redaction_marker_refused.at(&cx.release.version) {
        Some(true) => format!(
            "{head}; {} refuses to start (`Gateway auth {field} is a known redaction sentinel, not a credential`)",
            cx.target_name()
        ),
        Some(false) => {
            format!("{head}; {} uses the marker itself as the {field}, which anyone can read", cx.target_name())
        }
        None => {
            format!("{head}; depending on the release, the gateway refuses to start or uses the marker as the {field}")
        }
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(merged) = cx.config.merged.as_ref() else { return };
    let Some(g) = Gateway::read(merged) else { return };
    let Some(secret) = g.secret() else { return };
    let Kind::String(value) = &secret.kind else { return }; // SecretRef objects resolve elsewhere
    let t = value.trim();
    if !env::scan(t).is_empty() || t.strip_prefix('$').is_some_and(env::is_valid_name) {
        return; // a reference: env-ref-unresolved judges it
    }
    let f = &exposure::facts().token;
    let field = if g.mode == "password" { "password" } else { "token" };
    let path = KeyPath::root().child_key("gateway").child_key("auth").child_key(field);
    let lower = t.to_ascii_lowercase();
    let secrets = crate::config::secrets::facts();
    let rejected = cx.release.version >= f.invalid_rejected_since;
    let (message, label) = if f.invalid.contains(&lower) {
        let shown = if t.is_empty() { "empty".to_owned() } else { format!("the literal string \"{t}\"") };
        let what = if rejected {
            format!(
                "{} refuses to start (`gateway auth {field} is blank, a published example placeholder, or the literal string undefined/null`)",
                cx.target_name()
            )
        } else if t.is_empty() {
            format!("{} treats it as missing", cx.target_name())
        } else {
            format!(
                "{} accepts it as a real {}-character {field} that anyone can guess (#139494)",
                cx.target_name(),
                t.len()
            )
        };
        (format!("gateway.auth.{field} is {shown}: {what}"), "placeholder")
    } else if f.published.contains(&lower) {
        (
            format!(
                "gateway.auth.{field} is \"{t}\", an example value from OpenClaw's docs: every release refuses to start with it, and `config validate` does not say so"
            ),
            "published example value",
        )
    } else if secrets.is_redaction_marker(t) {
        (redaction_marker_message(cx, field, t), "redacted copy")
    } else if secrets.is_placeholder(t) {
        (
            format!(
                "gateway.auth.{field} is the placeholder \"{t}\", not a real {field}: the gateway uses this text as the {field}, and anyone who reads the example can drive it"
            ),
            "placeholder",
        )
    } else if t.chars().count() < f.min_length {
        (
            format!(
                "gateway.auth.{field} is {} characters long: too short to resist guessing (OpenClaw's audit wants at least {})",
                t.chars().count(),
                f.min_length
            ),
            "short",
        )
    } else {
        return;
    };
    out.push(
        Diagnostic::new(RULE.name, RULE.severity, secret.file, secret.span, path, message)
            .with_label(label)
            .with_help(format!(
                "generate one with `openssl rand -hex 32`, store it in ~/.openclaw/.env as OPENCLAW_GATEWAY_{} and write `{field}: \"${{OPENCLAW_GATEWAY_{}}}\"`",
                field.to_uppercase(),
                field.to_uppercase()
            )),
    );
}
