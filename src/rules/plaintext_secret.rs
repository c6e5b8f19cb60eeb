//! `plaintext-secret`: a credential written into the config itself.

use crate::config::discover::{self, ProcessEnv};
use crate::config::secrets::{self, Place};
use crate::document::{KeyPath, Kind, Segment};
use crate::edit::{Applicability, Effect, Fix, FixOp};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use std::path::PathBuf;

pub static RULE: Rule = Rule {
    name: "plaintext-secret",
    category: Category::Security,
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    needs: &[],
    references: &[
        Reference::Issue(96489),
        Reference::Issue(5760),
        Reference::Issue(80735),
        Reference::Issue(9627),
        Reference::Issue(67171),
        Reference::File("rules/secrets.toml"),
    ],
    summary: "A credential (apiKey, token, botToken, password, a secret env or header value, the value of a command-line flag such as --api-key in args, a token-shaped string) is written in plaintext in the config.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Reports every plaintext secret `rules/secrets.toml` describes:
- a credential field (`apiKey`, `token`, `botToken`, `appToken`, `password`, `signingSecret`,
  … — the SecretInput fields of OpenClaw's schema) holding a literal rather than `${NAME}`,
  `$NAME`, a SecretRef object, an env-var name or a non-secret marker (`ollama-local`);
- a value in an env map (`env.vars`, `mcp.servers.*.env`, `skills.entries.*.env`, …) or a
  header whose name says it is a credential (`*_API_KEY`, `*_TOKEN`, `Authorization`) or whose
  value has a token shape;
- in an array of command-line arguments (`mcp.servers.*.args`), the value after a flag whose
  name says it takes a credential (`"--api-key", "…"`) or in `"--token=…"`, and the text inside
  `${…}` that OpenClaw does not substitute (`"${sk-proj-…}"` passes the key itself);
- anywhere else, a token-shaped string (`sk-proj-…`, `sk-ant-…`, `ghp_…`, `xoxb-…`, a
  Telegram bot token `123456789:AA…`, `AIza…`, a JWT, a private key block).
Placeholders (`changeme`, `undefined`) are left to `gateway-token-weak`.

## Why it matters
`openclaw.json` is readable by anything that reads your home directory, is copied into
backups and cloud sync, and lives in dotfiles repositories (#96489). Unlike
`~/.openclaw/.env`, OpenClaw does not keep it private. OpenClaw's own `secrets audit` misses
`mcp.servers.*.env` (#80735), and doctor has written resolved secrets back into the file
(#9627). clawlint never prints a secret: findings show at most its first 4 characters.

## Example
```json5
{ models: { providers: { openai: { apiKey: "sk-proj-Qm7Xc2Lp9Vd4Rt8Wn1Hs6Jk3Bz0Fy5Ga" } } } }
```

## Fix safety
Unsafe, and only offered to a person at a terminal (`clawlint doctor --fix --unsafe-fixes`,
never with `--yes`); `--diff --unsafe-fixes` previews it. The fix replaces the literal with
`${NAME}` (for an `env.vars` entry it removes the entry) and appends `NAME=<secret>` to
`~/.openclaw/.env` (or `$OPENCLAW_STATE_DIR/.env`), created with mode 0600 — the only place
the secret is written. If that file already defines `NAME` with another value, nothing is
written. A variable of the same name in the gateway's process environment takes precedence
over `.env`. Rotate any secret that was ever committed or shared.

## References
- #96489 (plaintext keys in env.vars), #5760, #80735 (mcp env), #9627 (secrets written back),
  #67171, openclaw/trust#13, openclaw/trust#17.
- rules/secrets.toml; OpenClaw `src/config/env-substitution.ts` (env precedence, `${VAR}` SecretRef shorthand).
"#;

/// The dotenv file OpenClaw reads: `$OPENCLAW_STATE_DIR/.env`, else `~/.openclaw/.env`.
fn state_env_file() -> Option<PathBuf> {
    let env = ProcessEnv;
    let state =
        match discover::Env::var(&env, "OPENCLAW_STATE_DIR").map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()) {
            Some(dir) => Some(discover::expand_tilde(&env, &dir)),
            None => discover::home_dir(&env).map(|h| h.join(".openclaw")),
        };
    state.map(|d| d.join(".env"))
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let sites = cx.secret_sites();
    if sites.is_empty() {
        return;
    }
    let env_file = state_env_file();
    let catalog = cx.catalog();
    for s in sites {
        let doc = cx.config.file(s.file);
        let Some(Kind::String(value)) = doc.tree().and_then(|t| t.find_span(s.span)).map(|n| &n.kind) else { continue };
        let masked = crate::redact::mask(secrets::arg_value(&s.place, value).trim());
        let what = match s.shape {
            Some(shape) if shape.starts_with(['A', 'E', 'I', 'O', 'U', 'a', 'e', 'i', 'o', 'u']) => {
                format!("an {shape}")
            }
            Some(shape) => format!("a {shape}"),
            None => "a secret".to_owned(),
        };
        // A provider's own variable, when the catalog knows it (`OPENAI_API_KEY`).
        let name = provider_env(&s.path, &catalog).unwrap_or_else(|| s.env_name.clone());
        let message = format!(
            "{what} is written in plaintext at `{}` (`{masked}`): anyone who can read this file, its backups or its git history has it",
            s.path.dotted()
        );
        let mut d = Diagnostic::new(RULE.name, RULE.severity, s.file, s.span, s.path.clone(), message)
            .with_label("plaintext")
            .with_help(format!("keep it in ~/.openclaw/.env (mode 0600) as {name} and write `\"${{{name}}}\"` here"));
        if value.contains("${") {
            // The key sits inside `${…}` text OpenClaw passes as it is: the value to store is
            // not the string, so the move is left to the user.
            d = d.with_help(format!(
                "`${{…}}` here holds the key itself, not a variable name: keep the key in ~/.openclaw/.env (mode 0600) as {name} and write `\"${{{name}}}\"` here"
            ));
        } else if let Place::Arg { flag, inline: true } = &s.place {
            // One argument holds flag and key: the fix would have to split the value it stores.
            d = d.with_help(format!(
                "keep it in ~/.openclaw/.env (mode 0600) as {name} and write `\"{flag}=${{{name}}}\"` here"
            ));
        } else if let Some(env_file) = &env_file {
            let effect =
                Effect::StoreSecret { env_file: env_file.clone(), name: name.clone(), file: s.file, value: s.span };
            let (op, title) = match (&s.place, member_span(cx, s)) {
                (Place::EnvVar { .. }, Some(member)) if s.path.0.first() == Some(&Segment::Key("env".into())) => (
                    FixOp::RemoveProperty { file: s.file, member },
                    format!("Move {name} from env.vars to {}", crate::util::tilde(env_file)),
                ),
                _ => (
                    FixOp::ReplaceValue { file: s.file, value: s.span, new: serde_json::json!(format!("${{{name}}}")) },
                    format!("Replace it with ${{{name}}} and store the secret in {}", crate::util::tilde(env_file)),
                ),
            };
            let mut title = title;
            if let crate::model::auth::EnvLookup::Set(origin) = cx.env.lookup(&name)
                && origin == crate::model::auth::EnvOrigin::Process
            {
                title.push_str(&format!(" (note: {name} is already set in this environment and takes precedence)"));
            }
            d = d.with_fix(Fix::new(title, Applicability::Unsafe, vec![op]).with_effect(effect));
        }
        out.push(d);
    }
}

/// `models.providers.<p>.apiKey` → the provider's first known env var.
fn provider_env(path: &KeyPath, catalog: &crate::facts::catalog::ReleaseCatalog<'_>) -> Option<String> {
    let keys: Vec<&str> =
        path.0.iter().filter_map(|s| if let Segment::Key(k) = s { Some(k.as_str()) } else { None }).collect();
    match keys.as_slice() {
        ["models", "providers", p, "apiKey"] => catalog.bundled_provider(p)?.env.first().cloned(),
        _ => None,
    }
}

/// The span of the `key: value` member holding the secret (for removing an env.vars entry).
fn member_span(cx: &Context<'_>, s: &secrets::SecretSite) -> Option<crate::document::Span> {
    let doc = cx.config.file(s.file);
    let tree = doc.tree()?;
    let mut found = None;
    fn find(n: &crate::document::Node, span: crate::document::Span, out: &mut Option<crate::document::Span>) {
        if let Some(ms) = n.as_object() {
            for m in ms {
                if m.value.span == span {
                    *out = Some(m.span());
                    return;
                }
                find(&m.value, span, out);
            }
        } else if let Some(xs) = n.as_array() {
            for x in xs {
                find(x, span, out);
            }
        }
    }
    find(tree, s.span, &mut found);
    found
}
