//! Where a config holds secrets in plaintext.
//!
//! The facts (credential field names, env and header maps, placeholder values, token shapes)
//! are data, in `rules/secrets.toml`. [`scan`] walks every file of a loaded config and returns
//! each string literal that holds a secret, with its span and OpenClaw path. The values are
//! never kept: a [`SecretSite`] says where a secret is, not what it is.
//!
//! What counts:
//! - a credential field (`apiKey`, `token`, `botToken`, `password`, …) holding anything but an
//!   env reference (`${NAME}`, `$NAME`), a SecretRef object, an env-var name, a non-secret
//!   marker (`ollama-local`, `secretref-env:NAME`, …) or a placeholder (`changeme`);
//! - an env map value (`env.vars`, `mcp.servers.*.env`, `skills.entries.*.env`, …) or a header
//!   value whose name says it is a credential (`*_API_KEY`, `Authorization`) or whose value has
//!   a token shape;
//! - anywhere else, a value containing a strong token shape (`sk-proj-…`, `ghp_…`, a Telegram
//!   bot token, …).

use crate::config::env;
use crate::document::{Document, FileId, KeyPath, Kind, Node, Segment, Span};
pub use crate::facts::secrets::{PATH, SecretFacts, Secrets, Shape, facts};

/// Where a secret sits, which decides how it is judged and how it can be moved out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A credential field such as `apiKey` or `botToken`.
    Field,
    /// A value of an env map; `name` is the variable.
    EnvVar { name: String },
    /// A header value; `name` is the header.
    Header { name: String },
    /// A command-line argument after a flag whose name says it takes a credential
    /// (`args: ["--api-key", "…"]`), or the value of `--api-key=…` (`inline`).
    Arg { flag: String, inline: bool },
    /// Any other string holding a strong token shape.
    Elsewhere,
}

/// One plaintext secret in a config file. Holds no part of the value.
#[derive(Debug, Clone, PartialEq)]
pub struct SecretSite {
    pub file: FileId,
    /// The string literal, quotes included.
    pub span: Span,
    /// OpenClaw's path of the value.
    pub path: KeyPath,
    pub place: Place,
    /// The token shape recognised, if any.
    pub shape: Option<&'static str>,
    /// An env-var name to move it to (`TELEGRAM_BOT_TOKEN` for `channels.telegram.botToken`).
    pub env_name: String,
}

impl Secrets {
    /// Is this string, at this place, a plaintext secret? Returns the shape when one is known.
    /// `None` means it is not a secret (a reference, a marker, a placeholder, a plain setting).
    pub fn judge<'s>(&'s self, v: &str, place: &Place, is_marker: &dyn Fn(&str) -> bool) -> Option<Option<&'s str>> {
        let found = self.judge_value(v, place, is_marker)?;
        // Placeholders last: their patterns are compiled only for a value that would count.
        (!self.is_placeholder(v)).then_some(found)
    }

    fn judge_value<'s>(&'s self, v: &str, place: &Place, is_marker: &dyn Fn(&str) -> bool) -> Option<Option<&'s str>> {
        let t = v.trim();
        if t.is_empty() || is_marker(t) || env::foreign_ref(t).is_some() {
            return None;
        }
        // `${NAME}`, `$${NAME}`, even a malformed `${name}`: a reference, not a value.
        let tokens = env::scan(t);
        if !tokens.is_empty() {
            if tokens.iter().any(|k| !matches!(k, env::EnvToken::Literal { .. })) {
                return None;
            }
            // Only text OpenClaw leaves as it is (`${sk-proj-…}`): what is inside the braces is
            // what the gateway gets, and a key pasted there is still a key.
            let inner = literal_payload(t)?;
            return self.judge(&inner, place, is_marker);
        }
        if let Some(name) = t.strip_prefix('$')
            && env::is_valid_name(name)
        {
            return None;
        }
        match place {
            Place::Field => {
                if env::is_valid_name(t) {
                    // An env-var name (a marker on SecretInput fields up to 2026.9.x).
                    return None;
                }
                match self.strong_shape(t) {
                    Some(s) => Some(Some(s.name.as_str())),
                    // Words, markers and labels (`shared-secret`, `vllm-local`) are not keys.
                    None => self.could_be_key(t).then_some(None),
                }
            }
            Place::EnvVar { name } | Place::Header { name } | Place::Arg { flag: name, .. } => {
                if let Some(s) = self.whole_shape(t).or_else(|| self.strong_shape(t)) {
                    return Some(Some(s.name.as_str()));
                }
                (self.secret_name(name)
                    && t.chars().count() >= 8
                    && self.could_be_key(t)
                    && !t.contains("://")
                    && !t.starts_with('/'))
                .then_some(None)
            }
            Place::Elsewhere => self.strong_shape(t).map(|s| Some(s.name.as_str())),
        }
    }

    /// Is the object at `path` an env map (every value exported into a process environment)?
    pub fn env_map(&self, path: &KeyPath) -> bool {
        self.facts.maps.env.iter().any(|pattern| path.matches(pattern))
    }
}

/// Non-secret `apiKey` markers every release knows (`ollama-local`, `secretref-env:…`,
/// `oauth:…`), from `rules/auth.toml`.
/// What a string holding only `${…}` text OpenClaw does not substitute carries: the text in
/// the braces, or a shell default's value (`${VAR:-value}`). `None` when that is a variable name
/// in some syntax (`${lower_name}`, `${env:NAME}`, `${ VAR }`): env-ref-syntax's business, not a
/// secret.
fn literal_payload(t: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = t;
    while let Some(i) = rest.find("${") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let (inner, next) = match after.find('}') {
            Some(j) => (&after[..j], &after[j + 1..]),
            None => (after, ""),
        };
        let value = match inner.find([':', '-']) {
            Some(k) if env::is_valid_name(&inner[..k]) => inner[k..].trim_start_matches([':', '-', '=', '?', '+']),
            _ => inner,
        };
        out.push_str(value.trim());
        rest = next;
    }
    out.push_str(rest);
    let out = out.trim().to_owned();
    let bare = out.strip_prefix("env:").unwrap_or(&out);
    let name_like = !bare.is_empty()
        && env::is_valid_name(&bare.to_ascii_uppercase())
        && bare.bytes().filter(u8::is_ascii_digit).count() <= 4;
    (!out.is_empty() && !name_like && out != t).then_some(out)
}

/// A flag that takes a credential as its value: `--api-key`, `--token`, `-password`.
fn credential_flag(f: &Secrets, s: &str) -> Option<String> {
    let name = s.strip_prefix("--").or_else(|| s.strip_prefix('-'))?;
    let ok = !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && f.secret_name(name);
    ok.then(|| s.to_owned())
}

/// Is `v` (the item after `prev` in an array) a credential passed on a command line?
fn arg_place(f: &Secrets, prev: Option<&str>, v: &str) -> Option<Place> {
    if let Some(flag) = prev.and_then(|p| credential_flag(f, p)) {
        return Some(Place::Arg { flag, inline: false });
    }
    let (flag, _) = v.split_once('=')?;
    credential_flag(f, flag).map(|flag| Place::Arg { flag, inline: true })
}

/// For `--flag=value`, the value; else the whole text.
pub fn arg_value<'v>(place: &Place, v: &'v str) -> &'v str {
    match place {
        Place::Arg { inline: true, .. } => v.split_once('=').map_or(v, |(_, value)| value),
        _ => v,
    }
}

pub fn known_marker(s: &str) -> bool {
    let f = crate::facts::auth_facts::facts();
    f.local_marker(s) || f.managed_marker(s) || s.starts_with("secretref-env:") || s.starts_with("__env__:")
}

/// Every plaintext secret in every file of a config (`files`, each mounted at `mounts`), in file
/// then document order.
pub fn scan(files: &[Document], mounts: &[Option<KeyPath>]) -> Vec<SecretSite> {
    let facts = facts();
    let mut out = Vec::new();
    for doc in files {
        let Some(root) = doc.tree() else { continue };
        let mut mount = mounts.get(doc.id.0 as usize).cloned().flatten().unwrap_or_else(KeyPath::root);
        walk(facts, root, &mut mount, None, &mut out);
    }
    out
}

/// Walks `node`, with `path` its path (extended and restored on the way down: the walk visits
/// every node of possibly large configs and copies a path only for a secret it reports).
fn walk(f: &'static Secrets, node: &Node, path: &mut KeyPath, key: Option<&str>, out: &mut Vec<SecretSite>) {
    match &node.kind {
        Kind::Object(members) => {
            let env_map = f.env_map(path);
            let headers = key == Some(f.facts.maps.headers.as_str());
            for m in members {
                path.0.push(Segment::Key(m.key.clone()));
                if let Kind::String(v) = &m.value.kind {
                    let place = if env_map {
                        Place::EnvVar { name: m.key.clone() }
                    } else if headers {
                        Place::Header { name: m.key.clone() }
                    } else if f.credential_field(&m.key, key) {
                        Place::Field
                    } else {
                        Place::Elsewhere
                    };
                    if let Some(shape) = f.judge(v, &place, &known_marker) {
                        let env_name = suggest_env_name(path, &place);
                        out.push(SecretSite {
                            file: m.value.file,
                            span: m.value.span,
                            path: path.clone(),
                            place,
                            shape,
                            env_name,
                        });
                    }
                } else {
                    walk(f, &m.value, path, Some(&m.key), out);
                }
                path.0.pop();
            }
        }
        Kind::Array(items) => {
            let mut prev: Option<&str> = None;
            for (i, item) in items.iter().enumerate() {
                path.0.push(Segment::Index(i));
                if let Kind::String(v) = &item.kind {
                    let place = arg_place(f, prev, v).unwrap_or(Place::Elsewhere);
                    if let Some(shape) = f.judge(arg_value(&place, v), &place, &known_marker) {
                        let env_name = suggest_env_name(path, &place);
                        out.push(SecretSite {
                            file: item.file,
                            span: item.span,
                            path: path.clone(),
                            place,
                            shape,
                            env_name,
                        });
                    }
                    prev = Some(v);
                } else {
                    prev = None;
                    walk(f, item, path, key, out);
                }
                path.0.pop();
            }
        }
        _ => {}
    }
}

/// Path segments that say where something is kept rather than what it is.
const CONTAINERS: &[&str] = &[
    "channels",
    "skills",
    "mcp",
    "plugins",
    "accounts",
    "providers",
    "models",
    "entries",
    "servers",
    "request",
    "config",
    "env",
    "vars",
    "headers",
];

/// An env-var name for the secret at `path`: the variable itself in an env map, else the path's
/// meaningful segments in SCREAMING_SNAKE_CASE (`channels.telegram.botToken` →
/// `TELEGRAM_BOT_TOKEN`, `models.providers.openai.apiKey` → `OPENAI_API_KEY`).
pub fn suggest_env_name(path: &KeyPath, place: &Place) -> String {
    if let Some(n) = facts().facts.names.get(&path.dotted()) {
        return n.clone();
    }
    if let Place::EnvVar { name } = place
        && env::is_valid_name(name)
    {
        return name.clone();
    }
    if let Place::Arg { flag, .. } = place {
        // `mcp.servers.github.args[3]` after `--api-key`: GITHUB_API_KEY.
        let mut words: Vec<String> = path
            .0
            .iter()
            .filter_map(|s| match s {
                Segment::Key(k) if !CONTAINERS.contains(&k.as_str()) && k != "args" => Some(screaming(k)),
                _ => None,
            })
            .collect();
        words.push(screaming(flag));
        let name = words.into_iter().filter(|w| !w.is_empty()).collect::<Vec<_>>().join("_");
        if env::is_valid_name(&name) {
            return name;
        }
    }
    let mut words: Vec<String> = Vec::new();
    for seg in &path.0 {
        if let Segment::Key(k) = seg
            && !CONTAINERS.contains(&k.as_str())
        {
            words.push(screaming(k));
        }
    }
    let name = words.into_iter().filter(|w| !w.is_empty()).collect::<Vec<_>>().join("_");
    let name = if name.starts_with(|c: char| c.is_ascii_digit()) { format!("_{name}") } else { name };
    if env::is_valid_name(&name) { name } else { "OPENCLAW_SECRET".to_owned() }
}

/// `botToken` → `BOT_TOKEN`, `my-bot` → `MY_BOT`.
fn screaming(s: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in s.chars() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push('_');
        }
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    out.trim_matches('_').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{LoadOptions, load_bytes};
    use std::path::Path;

    fn sites(text: &str) -> Vec<(String, Place, Option<&'static str>, String)> {
        let c = load_bytes(
            Path::new("/x/openclaw.json"),
            "openclaw.json".into(),
            text.as_bytes().to_vec(),
            "test".into(),
            &LoadOptions::default(),
        );
        scan(&c.files, &c.mounts).into_iter().map(|s| (s.path.dotted(), s.place, s.shape, s.env_name)).collect()
    }

    #[test]
    fn finds_secrets_by_place() {
        let found = sites(
            r#"{
              models: { providers: {
                openai: { apiKey: "sk-proj-AAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
                lan: { apiKey: "${LAN_KEY}" },
                short: { apiKey: "$SHORT_KEY" },
                named: { apiKey: "OPENAI_API_KEY" },
                local: { apiKey: "ollama-local" },
                custom: { apiKey: "hunter2hunter2" },
                ref: { apiKey: { source: "env", provider: "default", id: "X" } },
                h: { headers: { Authorization: "Bearer abcdefghijklmnop", "X-Trace": "on" } },
              } },
              env: { vars: { OPENAI_API_KEY: "d41d8cd98f00b204e9800998ecf8427e0", LOG_LEVEL: "debug", GH_TOKEN: "short1" } },
              channels: { telegram: { botToken: "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw" } },
              gateway: { auth: { token: "changeme" } },
              agents: { defaults: { model: { primary: "openai/gpt-5.4" } } },
              tools: { web: { fetch: { allowUrls: ["https://x.test/?key=ghp_abcdefghijklmnopqrstuvwxyz0123456789"] } } },
            }"#,
        );
        let paths: Vec<&str> = found.iter().map(|(p, ..)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "models.providers.openai.apiKey",
                "models.providers.custom.apiKey",
                "models.providers.h.headers.Authorization",
                "env.vars.OPENAI_API_KEY",
                "channels.telegram.botToken",
                "tools.web.fetch.allowUrls.0",
            ]
        );
        assert_eq!(found[0].2, Some("OpenAI project key"));
        assert_eq!(found[0].3, "OPENAI_API_KEY");
        assert_eq!(found[1].2, None);
        assert_eq!(found[3].1, Place::EnvVar { name: "OPENAI_API_KEY".into() });
        assert_eq!(found[4].2, Some("Telegram bot token"));
        assert_eq!(found[4].3, "TELEGRAM_BOT_TOKEN");
    }

    /// Values people publish in configs that are not credentials (issue 18, item 3; each seen in
    /// tests/fixtures/realworld), and credentials of no known shape that still are.
    #[test]
    fn placeholders_markers_and_words_are_not_secrets() {
        let f = facts();
        let field = |v: &str| f.judge(v, &Place::Field, &known_marker).is_some();
        for not in [
            "<YOUR_OPENAI_API_KEY>",
            "<Auto Generated>",
            "#OPENCLAW_TOKEN#",
            "[REDACTED_TOKEN]",
            "REDACTED — set in live config on Pi",
            "xoxb-[redacted]",
            "xoxb-REPLACE_ME",
            "GEMINI_KEY_HERE",
            "fresh-instance-token-change-me",
            "sk-abc123...",
            "faFkA5efixtureK..........f45akEF4e5fIX4T",
            "xxxxxxxxxxxx",
            "__OPENCLAW_REDACTED__",
            "***",
            "ollama",
            "vllm-local",
            "lmstudio",
            "na",
            "shared-secret",
            "gateway-token",
            "remote-token",
            "test-token-123",
            "{env:MINIMAX_API_KEY}",
            "env:OPENAI_API_KEY",
            "{{ api_key }}",
        ] {
            assert!(!field(not), "{not:?} judged a secret");
        }
        for key in [
            "BSAf1_FakeA_fKEixtur1Fef-IakXTe",
            "sk-emergent-29f2aF9A2K92929292",
            "hunter2hunter2",
            "1fa11111dedfa111111c11e1fa1d111e11dfac111e1fad1e",
            "correcthorsebatterystaple",
        ] {
            assert!(field(key), "{key:?} not judged a secret");
        }
    }

    #[test]
    fn env_names() {
        let p = |s: &str| KeyPath(s.split('.').map(|k| Segment::Key(k.into())).collect());
        assert_eq!(
            suggest_env_name(&p("channels.slack.accounts.work.botToken"), &Place::Field),
            "SLACK_WORK_BOT_TOKEN"
        );
        assert_eq!(suggest_env_name(&p("gateway.auth.token"), &Place::Field), "OPENCLAW_GATEWAY_TOKEN");
        assert_eq!(suggest_env_name(&p("hooks.gmail.pushToken"), &Place::Field), "HOOKS_GMAIL_PUSH_TOKEN");
        assert_eq!(
            suggest_env_name(&p("mcp.servers.gh.env.GITHUB_TOKEN"), &Place::EnvVar { name: "GITHUB_TOKEN".into() }),
            "GITHUB_TOKEN"
        );
        assert_eq!(suggest_env_name(&p("skills.entries.my-skill.apiKey"), &Place::Field), "MY_SKILL_API_KEY");
    }
}
