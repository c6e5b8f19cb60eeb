//! The auth context: what the config and the machine show about credentials, without ever
//! holding a secret.
//!
//! Sources, as OpenClaw reads them (facts §1.4, §2.4, §3.1–§3.4):
//! - `auth.profiles` (metadata: provider and mode) and `auth.order`;
//! - `models.providers.<id>`: the *form* of `apiKey` (literal, env-var name, `${VAR}`,
//!   SecretRef, non-secret marker), `auth`, `baseUrl`, `api` and its `models` rows;
//! - the environment: the process environment, then `$OPENCLAW_STATE_DIR/.env` (default
//!   `~/.openclaw/.env`), then the config's `env.vars`; earlier sources win. `--env-file` adds
//!   files; `--no-env` ignores the machine so a run gives the same answer everywhere (a
//!   pre-commit hook must not depend on the committer's shell);
//! - legacy `agents/<id>/agent/auth-profiles.json` beside the config: profile type and
//!   provider only.
//!
//! Credentials themselves live in OpenClaw's SQLite store since about 2026.6 (#100067); clawlint
//! cannot read it, so anything only the store could answer is *unknown*, never *missing*.
//! Values are never kept: the environment records whether a variable is set and non-empty, and
//! an `apiKey` literal is recorded as "a literal".

use crate::config::discover::{self, Env};
use crate::document::{FileId, KeyPath, Kind, Node, Span};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where a variable's value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvOrigin {
    Process,
    /// A dotenv file: `~/.openclaw/.env` or an `--env-file`.
    File(PathBuf),
    /// The config's `env.vars`.
    ConfigVars,
}

impl EnvOrigin {
    pub fn describe(&self) -> String {
        match self {
            EnvOrigin::Process => "the environment".into(),
            EnvOrigin::File(p) => p.display().to_string(),
            EnvOrigin::ConfigVars => "the config's env.vars".into(),
        }
    }
}

/// The answer to "is `NAME` set?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvLookup {
    /// Set to a non-empty value.
    Set(EnvOrigin),
    /// Not set (or empty) in every source clawlint reads, and clawlint reads the machine's.
    Unset,
    /// clawlint was told not to look (`--no-env`) and no explicit source sets it.
    Unknown,
}

/// The variables clawlint sees. Only names are kept, never values. The default is
/// [`Environment::hermetic`]: nothing from the machine.
#[derive(Debug, Clone)]
pub struct Environment {
    /// `--no-env`: the process environment and `~/.openclaw/.env` are not read, so an unset
    /// variable is unknown rather than missing.
    pub hermetic: bool,
    /// Set, non-empty variables and where they come from (first source wins).
    set: BTreeMap<String, EnvOrigin>,
    /// The sources read, in precedence order, for messages.
    pub sources: Vec<String>,
    /// `$OPENCLAW_STATE_DIR` (tilde expanded), when the machine's environment sets it.
    pub state_dir: Option<PathBuf>,
}

/// A malformed line in an `--env-file`.
pub type EnvFileError = crate::config::FileError;

impl Default for Environment {
    fn default() -> Self {
        Environment::hermetic()
    }
}

impl Environment {
    /// The machine's view with nothing set (tests).
    pub fn empty() -> Self {
        Environment { hermetic: false, set: BTreeMap::new(), sources: vec!["the environment".into()], state_dir: None }
    }

    /// Nothing from the machine: every variable is unknown unless an env file sets it.
    pub fn hermetic() -> Self {
        Environment { hermetic: true, set: BTreeMap::new(), sources: Vec::new(), state_dir: None }
    }

    /// The machine's view: the process environment, then `$OPENCLAW_STATE_DIR/.env` (or
    /// `~/.openclaw/.env`). A missing or unreadable state `.env` is skipped, as OpenClaw does.
    pub fn from_machine(env: &dyn Env, vars: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut e = Environment {
            hermetic: false,
            set: BTreeMap::new(),
            sources: vec!["the environment".into()],
            state_dir: None,
        };
        for (k, v) in vars {
            if !v.trim().is_empty() {
                e.set.entry(k).or_insert(EnvOrigin::Process);
            }
        }
        e.state_dir = env
            .var("OPENCLAW_STATE_DIR")
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .map(|dir| discover::expand_tilde(env, &dir));
        let state = e.state_dir.clone().or_else(|| discover::home_dir(env).map(|h| h.join(".openclaw")));
        if let Some(dotenv) = state.map(|d| d.join(".env")) {
            match crate::fsio::read_text(&dotenv, STATE_DOTENV_LIMITS) {
                Ok(text) => {
                    // OpenClaw's dotenv loader skips lines it cannot read; so does clawlint here.
                    let (vars, _) = parse_dotenv(&text);
                    e.add_file(&dotenv, vars);
                }
                Err(crate::fsio::ReadError::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => {}
                // There, but not readable here (another user's, a FIFO, too large): what it
                // sets is unknown, not unset.
                Err(_) => e.hermetic = true,
            }
        }
        e
    }

    /// Read an `--env-file`. Unlike the state `.env`, a line clawlint cannot read is an
    /// error: the user named the file for this run.
    pub fn add_env_file(&mut self, path: &Path, named: bool) -> Result<(), EnvFileError> {
        let text = EnvFileError::read_limited(path, crate::fsio::ReadLimits { cap: 1 << 20, allow_pipe: named })?;
        let (vars, errors) = parse_dotenv(&text);
        if let Some((line, column, message)) = errors.into_iter().next() {
            return Err(EnvFileError { path: path.to_path_buf(), line, column, message });
        }
        self.add_file(path, vars);
        Ok(())
    }

    fn add_file(&mut self, path: &Path, vars: Vec<(String, bool)>) {
        self.sources.push(path.display().to_string());
        for (k, non_empty) in vars {
            if non_empty {
                self.set.entry(k).or_insert_with(|| EnvOrigin::File(path.to_path_buf()));
            }
        }
    }

    /// Mark `name` set by the dotenv file `path` (a secret clawlint stores there).
    pub fn with_file_var(mut self, name: &str, path: &Path) -> Self {
        self.set.entry(name.to_owned()).or_insert_with(|| EnvOrigin::File(path.to_path_buf()));
        self
    }

    /// Mark `name` set (tests, and callers that know better).
    pub fn with_set(mut self, name: &str) -> Self {
        self.set.entry(name.to_owned()).or_insert(EnvOrigin::Process);
        self
    }

    pub fn lookup(&self, name: &str) -> EnvLookup {
        match self.set.get(name) {
            Some(o) => EnvLookup::Set(o.clone()),
            None if self.hermetic => EnvLookup::Unknown,
            None => EnvLookup::Unset,
        }
    }

    /// The sources an unset variable was looked for in, config included.
    pub fn describe_with_config(&self) -> String {
        let mut s: Vec<String> = self.sources.clone();
        s.push("the config's env.vars".into());
        match s.len() {
            1 => s.remove(0),
            n => format!("{} or {}", s[..n - 1].join(", "), s[n - 1]),
        }
    }
}

/// How much of the state directory's `.env` clawlint reads (regular files only).
const STATE_DOTENV_LIMITS: crate::fsio::ReadLimits = crate::fsio::ReadLimits { cap: 1 << 20, allow_pipe: false };

/// A line of a dotenv file that is not an assignment: (line, column, message).
pub type DotenvError = (usize, usize, String);

/// Parse dotenv text as the `dotenv` package reads it: `KEY=VALUE`, an optional `export `,
/// `#` comments, single, double or back quotes. Returns each key with whether its value is
/// non-empty, and the lines that are not assignments (line, column, message).
pub fn parse_dotenv(text: &str) -> (Vec<(String, bool)>, Vec<DotenvError>) {
    let mut vars = Vec::new();
    let mut errors = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((i, raw)) = lines.next() {
        let line = raw.trim_start();
        let indent = raw.len() - line.len();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let body = line.strip_prefix("export ").map(str::trim_start).unwrap_or(line);
        let body_col = indent + (line.len() - body.len()) + 1;
        let Some(eq) = body.find(['=', ':']) else {
            errors.push((i + 1, body_col, "expected KEY=VALUE".into()));
            continue;
        };
        let key = body[..eq].trim();
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || b == b'-') {
            // The text is not echoed: a line without a name may be a pasted secret.
            errors.push((i + 1, body_col, "the text before `=` is not a variable name".into()));
            continue;
        }
        let value = body[eq + 1..].trim();
        let non_empty = match value.chars().next() {
            Some(q @ ('"' | '\'' | '`')) => {
                // A quoted value may span lines; find its closing quote.
                let mut inner = String::from(&value[1..]);
                let mut closed = inner.find(q).map(|end| inner.truncate(end)).is_some();
                while !closed {
                    match lines.next() {
                        Some((_, more)) => {
                            inner.push('\n');
                            match more.find(q) {
                                Some(end) => {
                                    inner.push_str(&more[..end]);
                                    closed = true;
                                }
                                None => inner.push_str(more),
                            }
                        }
                        None => {
                            errors.push((i + 1, body_col + eq + 1, format!("unterminated {q}-quoted value")));
                            break;
                        }
                    }
                }
                !inner.trim().is_empty()
            }
            _ => {
                let unquoted = if value.starts_with('#') { "" } else { value.split(" #").next().unwrap_or("") };
                !unquoted.trim().is_empty()
            }
        };
        vars.push((key.to_owned(), non_empty));
    }
    (vars, errors)
}

/// One `auth.profiles` entry.
#[derive(Debug, Clone)]
pub struct Profile {
    pub id: String,
    /// Lower-cased.
    pub provider: String,
    /// `api_key`, `oauth`, `token`, `aws-sdk` (as written; validation checks the enum).
    pub mode: String,
    pub file: FileId,
    /// The profile's key.
    pub span: Span,
    pub path: KeyPath,
}

/// The form of a `models.providers.*.apiKey`: never the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiKeyForm {
    /// A plain string. Whether it is a literal key, an env-var name or a non-secret marker
    /// depends on the release (see [`crate::model::readiness`]); `text` is kept only for
    /// that classification and must never be printed unless it is a known name or marker.
    Text(String),
    /// `${NAME}` or `$NAME`: an env SecretRef on SecretInput fields (facts §1.5).
    EnvRef(String),
    /// `{source, provider, id}`.
    SecretRef { source: String, id: String },
    /// The empty string.
    Empty,
    /// Anything else (a number, an object of another shape).
    Other,
}

/// One `models.providers.<id>` entry.
#[derive(Debug, Clone)]
pub struct ProviderEntry {
    /// The key as written.
    pub key: String,
    /// Lower-cased.
    pub id: String,
    pub file: FileId,
    pub key_span: Span,
    pub path: KeyPath,
    /// The object's span (for fixes that add members).
    pub span: Span,
    pub base_url: Option<String>,
    pub api: Option<String>,
    pub auth: Option<String>,
    pub api_key: Option<ApiKeyForm>,
    /// The `models` rows' ids; `None` when there is no `models` array.
    pub models: Option<Vec<String>>,
}

impl ProviderEntry {
    /// The host of `baseUrl`, lower-cased.
    pub fn host(&self) -> Option<String> {
        self.base_url.as_deref().and_then(crate::facts::catalog::route_host)
    }

    /// Whether `baseUrl` points at this machine or its network (OpenClaw 2026.9.6's
    /// local-host test: `localhost`, `0.0.0.0`, `*.local`, loopback, RFC 1918,
    /// `host.docker.internal`, `docker.orb.internal`, `host.orb.internal`).
    pub fn local(&self) -> bool {
        self.host().is_some_and(|h| is_local_host(&h))
    }
}

/// OpenClaw 2026.9.6's local-host test for provider base URLs (facts §3.5 rule 8).
pub fn is_local_host(host: &str) -> bool {
    let h = host.trim_end_matches('.').to_ascii_lowercase();
    if matches!(
        h.as_str(),
        "localhost" | "0.0.0.0" | "host.docker.internal" | "docker.orb.internal" | "host.orb.internal"
    ) || h.ends_with(".local")
        || h.ends_with(".localhost")
    {
        return true;
    }
    match h.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(v4)) => v4.is_loopback() || v4.is_private(),
        Ok(std::net::IpAddr::V6(v6)) => v6.is_loopback(),
        Err(_) => false,
    }
}

/// A profile in a legacy `auth-profiles.json` (type and provider only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyProfile {
    pub file: PathBuf,
    pub agent: String,
    pub id: String,
    pub provider: String,
    /// `oauth`, `api_key`, `token`.
    pub kind: String,
}

/// Everything clawlint knows about credentials for one config.
#[derive(Debug, Clone, Default)]
pub struct AuthContext {
    pub profiles: Vec<Profile>,
    /// `auth.order`: provider (lower-cased) → profile ids.
    pub order: BTreeMap<String, Vec<String>>,
    pub providers: Vec<ProviderEntry>,
    /// `env.vars` names with a non-empty value.
    pub config_vars: Vec<String>,
    /// Legacy JSON stores beside the config.
    pub legacy: Vec<LegacyProfile>,
    /// OpenClaw's SQLite credential store exists beside the config (its content is unknown).
    pub store_present: bool,
}

impl AuthContext {
    /// Read the merged config and the files beside `config_dir`.
    pub fn from_config(merged: &Node, config_dir: Option<&Path>) -> Self {
        let mut cx = AuthContext::default();
        let root = KeyPath::root();
        if let Some(Some(profiles)) = merged.get("auth").and_then(|a| a.get("profiles")).map(Node::as_object) {
            let at = root.child_key("auth").child_key("profiles");
            for m in profiles {
                let s = |k: &str| m.value.get(k).and_then(Node::as_str).map(str::to_owned);
                cx.profiles.push(Profile {
                    id: m.key.clone(),
                    provider: s("provider").unwrap_or_default().trim().to_lowercase(),
                    mode: s("mode").unwrap_or_default(),
                    file: m.value.file,
                    span: m.key_span,
                    path: at.child_key(&m.key),
                });
            }
        }
        if let Some(Some(order)) = merged.get("auth").and_then(|a| a.get("order")).map(Node::as_object) {
            for m in order {
                let ids = m
                    .value
                    .as_array()
                    .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
                    .unwrap_or_default();
                cx.order.insert(m.key.trim().to_lowercase(), ids);
            }
        }
        if let Some(Some(providers)) = merged.get("models").and_then(|m| m.get("providers")).map(Node::as_object) {
            let at = root.child_key("models").child_key("providers");
            for m in providers {
                cx.providers.push(provider_entry(m, &at));
            }
        }
        if let Some(Some(vars)) = merged.get("env").and_then(|e| e.get("vars")).map(Node::as_object) {
            cx.config_vars = vars
                .iter()
                .filter(|m| m.value.as_str().is_some_and(|v| !v.trim().is_empty()))
                .map(|m| m.key.clone())
                .collect();
        }
        if let Some(dir) = config_dir {
            cx.legacy = legacy_profiles(dir);
            cx.store_present = dir.join("state/openclaw.sqlite").is_file();
        }
        cx
    }

    /// The `models.providers` entry for `id` (OpenClaw lower-cases ids; the last one wins).
    pub fn provider(&self, id: &str) -> Option<&ProviderEntry> {
        self.providers.iter().rev().find(|p| p.id.eq_ignore_ascii_case(id))
    }

    /// `auth.profiles` entries for `provider`.
    pub fn profiles_for<'a>(&'a self, provider: &'a str) -> impl Iterator<Item = &'a Profile> + 'a {
        self.profiles.iter().filter(move |p| p.provider.eq_ignore_ascii_case(provider))
    }

    /// Is `name` set, in the environment or the config's `env.vars`?
    pub fn env(&self, env: &Environment, name: &str) -> EnvLookup {
        match env.lookup(name) {
            EnvLookup::Set(o) => EnvLookup::Set(o),
            _ if self.config_vars.iter().any(|v| v == name) => EnvLookup::Set(EnvOrigin::ConfigVars),
            other => other,
        }
    }
}

fn provider_entry(m: &crate::document::Member, at: &KeyPath) -> ProviderEntry {
    let v = &m.value;
    let s = |k: &str| v.get(k).and_then(Node::as_str).map(str::to_owned);
    let api_key = v.get("apiKey").map(|k| match &k.kind {
        Kind::String(t) if t.trim().is_empty() => ApiKeyForm::Empty,
        Kind::String(t) => {
            let t = t.trim();
            let name = t.strip_prefix("${").and_then(|r| r.strip_suffix('}')).or_else(|| t.strip_prefix('$'));
            match name {
                Some(n) if crate::config::env::is_valid_name(n) => ApiKeyForm::EnvRef(n.to_owned()),
                _ => ApiKeyForm::Text(t.to_owned()),
            }
        }
        Kind::Object(_) => match (k.get("source").and_then(Node::as_str), k.get("id").and_then(Node::as_str)) {
            (Some(source), Some(id)) => ApiKeyForm::SecretRef { source: source.to_owned(), id: id.to_owned() },
            _ => ApiKeyForm::Other,
        },
        _ => ApiKeyForm::Other,
    });
    // One id per row; a row without an id still counts for "non-empty models[]".
    let models = v
        .get("models")
        .and_then(Node::as_array)
        .map(|rows| rows.iter().map(|r| r.get("id").and_then(Node::as_str).unwrap_or_default().to_owned()).collect());
    ProviderEntry {
        key: m.key.clone(),
        id: m.key.trim().to_lowercase(),
        file: v.file,
        key_span: m.key_span,
        path: at.child_key(&m.key),
        span: v.span,
        base_url: s("baseUrl").map(|u| u.trim().to_owned()).filter(|u| !u.is_empty()),
        api: s("api").map(|a| a.trim().to_owned()).filter(|a| !a.is_empty()),
        auth: s("auth"),
        api_key,
        models,
    }
}

/// `agents/<id>/agent/auth-profiles.json` beside the config (≤ 2026.5.x; imported into SQLite
/// by `doctor --fix` afterwards). Unreadable files are skipped: they are OpenClaw's, not the
/// linted config.
pub fn legacy_profiles(config_dir: &Path) -> Vec<LegacyProfile> {
    let mut out = Vec::new();
    let Ok(agents) = std::fs::read_dir(config_dir.join("agents")) else { return out };
    let mut dirs: Vec<_> = agents.flatten().map(|e| e.path()).collect();
    dirs.sort();
    for dir in dirs {
        let file = dir.join("agent/auth-profiles.json");
        let limits = crate::fsio::ReadLimits { cap: 16 << 20, allow_pipe: false };
        let Ok(text) = crate::fsio::read_text(&file, limits) else { continue };
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else { continue };
        let agent = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if let Some(profiles) = json.get("profiles").and_then(|p| p.as_object()) {
            for (id, p) in profiles {
                let field = |k: &str| p.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
                out.push(LegacyProfile {
                    file: file.clone(),
                    agent: agent.clone(),
                    id: id.clone(),
                    provider: field("provider").to_lowercase(),
                    kind: field("type"),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotenv_forms() {
        let (vars, errors) = parse_dotenv(
            "# comment\nA=1\nexport B = two\nC=\nD=''\nE=\"multi\nline\"\nF=x # trailing\nG= # only a comment\nnot a line\n",
        );
        assert_eq!(
            vars,
            [
                ("A".into(), true),
                ("B".into(), true),
                ("C".into(), false),
                ("D".into(), false),
                ("E".into(), true),
                ("F".into(), true),
                ("G".into(), false)
            ]
        );
        assert_eq!(errors, [(10, 1, "expected KEY=VALUE".to_string())]);
    }

    #[test]
    fn local_hosts() {
        for h in [
            "localhost",
            "127.0.0.1",
            "0.0.0.0",
            "192.168.1.20",
            "10.0.0.5",
            "nas.local",
            "host.docker.internal",
            "::1",
        ] {
            assert!(is_local_host(h), "{h}");
        }
        for h in ["ollama.com", "8.8.8.8", "api.openai.com", "172.32.0.1"] {
            assert!(!is_local_host(h), "{h}");
        }
    }

    #[test]
    fn hermetic_is_unknown() {
        let e = Environment::hermetic();
        assert_eq!(e.lookup("OLLAMA_API_KEY"), EnvLookup::Unknown);
        let e = Environment::empty().with_set("A");
        assert_eq!(e.lookup("A"), EnvLookup::Set(EnvOrigin::Process));
        assert_eq!(e.lookup("B"), EnvLookup::Unset);
    }
}
