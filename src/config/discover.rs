//! Which `openclaw.json` OpenClaw would read, and why (facts §1.6; OpenClaw's
//! `src/config/paths.ts`, `state-dir.ts`, `profile.ts`).
//!
//! Order: `OPENCLAW_CONFIG_PATH`; else `$OPENCLAW_STATE_DIR/openclaw.json` (legacy
//! `clawdbot.json` beside it); else `~/.openclaw/openclaw.json`, `~/.openclaw/clawdbot.json`,
//! `~/.clawdbot/openclaw.json`, `~/.clawdbot/clawdbot.json`. `OPENCLAW_HOME` replaces `~`.
//! `--profile NAME` selects `~/.openclaw-NAME` and `--dev` `~/.openclaw-dev`, unless the
//! environment already names the state dir or config path. Blank values and the literals
//! `undefined`/`null` count as unset.

use std::path::{Path, PathBuf};

/// The file OpenClaw would read, with the reason in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub path: PathBuf,
    pub reason: String,
}

/// Read-only view of the environment, so resolution is testable without touching the process.
pub trait Env {
    fn var(&self, name: &str) -> Option<String>;
    fn exists(&self, path: &Path) -> bool;
}

/// The real process environment and file system.
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }
    fn exists(&self, path: &Path) -> bool {
        path.exists()
    }
}

/// OpenClaw treats blank, `undefined` and `null` as unset.
fn set_var(env: &dyn Env, name: &str) -> Option<String> {
    env.var(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty() && v != "undefined" && v != "null")
}

/// The home directory OpenClaw uses: `OPENCLAW_HOME`, else `HOME`.
pub fn home_dir(env: &dyn Env) -> Option<PathBuf> {
    if let Some(h) = set_var(env, "OPENCLAW_HOME") {
        let home = set_var(env, "HOME").map(PathBuf::from);
        return Some(expand_tilde_with(&h, home.as_deref()));
    }
    set_var(env, "HOME").map(PathBuf::from)
}

fn expand_tilde_with(p: &str, home: Option<&Path>) -> PathBuf {
    match (p, home) {
        ("~", Some(h)) => h.to_path_buf(),
        (p, Some(h)) if p.starts_with("~/") => h.join(&p[2..]),
        (p, _) => PathBuf::from(p),
    }
}

/// Expand a leading `~` with OpenClaw's home.
pub fn expand_tilde(env: &dyn Env, p: &str) -> PathBuf {
    expand_tilde_with(p, home_dir(env).as_deref())
}

/// A profile name OpenClaw accepts: `^[a-z0-9][a-z0-9_-]{0,63}$`, case-insensitive.
pub fn valid_profile(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && b.len() <= 64
        && b[0].is_ascii_alphanumeric()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_' || *c == b'-')
}

/// Resolve the config path OpenClaw would use. `profile` is `--profile`, `dev` is `--dev`.
pub fn resolve(env: &dyn Env, profile: Option<&str>, dev: bool) -> Result<Resolved, String> {
    if let Some(p) = profile
        && !valid_profile(p)
    {
        return Err(format!("invalid profile name {p:?}: OpenClaw accepts [a-z0-9][a-z0-9_-]{{0,63}}"));
    }
    if let Some(p) = set_var(env, "OPENCLAW_CONFIG_PATH") {
        return Ok(Resolved { path: expand_tilde(env, &p), reason: "OPENCLAW_CONFIG_PATH is set".into() });
    }
    if let Some(dir) = set_var(env, "OPENCLAW_STATE_DIR") {
        let dir = expand_tilde(env, &dir);
        return Ok(in_state_dir(env, &dir, "OPENCLAW_STATE_DIR is set"));
    }
    let home = home_dir(env).ok_or_else(|| "cannot find the home directory: HOME is not set".to_string())?;
    let home_why = if set_var(env, "OPENCLAW_HOME").is_some() { " (OPENCLAW_HOME)" } else { "" };
    let profile = if dev { Some("dev") } else { profile.filter(|p| !p.eq_ignore_ascii_case("default")) };
    if let Some(p) = profile {
        let dir = home.join(format!(".openclaw-{}", p.to_ascii_lowercase()));
        let why = if dev { "--dev".to_string() } else { format!("--profile {p}") };
        return Ok(Resolved {
            path: dir.join("openclaw.json"),
            reason: format!("{why} selects {}{home_why}", dir.display()),
        });
    }
    let candidates = [
        home.join(".openclaw/openclaw.json"),
        home.join(".openclaw/clawdbot.json"),
        home.join(".clawdbot/openclaw.json"),
        home.join(".clawdbot/clawdbot.json"),
    ];
    for (i, c) in candidates.iter().enumerate() {
        if env.exists(c) {
            let reason = if i == 0 {
                format!("default location{home_why}")
            } else {
                format!("legacy location: {} does not exist{home_why}", candidates[0].display())
            };
            return Ok(Resolved { path: c.clone(), reason });
        }
    }
    Ok(Resolved { path: candidates[0].clone(), reason: format!("default location{home_why}") })
}

fn in_state_dir(env: &dyn Env, dir: &Path, why: &str) -> Resolved {
    let main = dir.join("openclaw.json");
    let legacy = dir.join("clawdbot.json");
    if !env.exists(&main) && env.exists(&legacy) {
        return Resolved { path: legacy, reason: format!("{why}; legacy clawdbot.json (no openclaw.json there)") };
    }
    Resolved { path: main, reason: why.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    struct FakeEnv {
        vars: HashMap<&'static str, &'static str>,
        files: HashSet<PathBuf>,
    }

    impl Env for FakeEnv {
        fn var(&self, name: &str) -> Option<String> {
            self.vars.get(name).map(|s| s.to_string())
        }
        fn exists(&self, path: &Path) -> bool {
            self.files.contains(path)
        }
    }

    fn env(vars: &[(&'static str, &'static str)], files: &[&str]) -> FakeEnv {
        FakeEnv { vars: vars.iter().copied().collect(), files: files.iter().map(PathBuf::from).collect() }
    }

    fn path(e: &FakeEnv, profile: Option<&str>, dev: bool) -> String {
        resolve(e, profile, dev).unwrap().path.display().to_string()
    }

    #[test]
    fn resolution_order() {
        let e = env(&[("HOME", "/h")], &[]);
        assert_eq!(path(&e, None, false), "/h/.openclaw/openclaw.json");
        assert_eq!(path(&e, Some("work"), false), "/h/.openclaw-work/openclaw.json");
        assert_eq!(path(&e, Some("default"), false), "/h/.openclaw/openclaw.json");
        assert_eq!(path(&e, None, true), "/h/.openclaw-dev/openclaw.json");

        let e = env(&[("HOME", "/h"), ("OPENCLAW_STATE_DIR", "~/st")], &[]);
        assert_eq!(path(&e, Some("work"), false), "/h/st/openclaw.json");

        let e = env(&[("HOME", "/h"), ("OPENCLAW_STATE_DIR", "/s"), ("OPENCLAW_CONFIG_PATH", "/x/my.json5")], &[]);
        assert_eq!(path(&e, None, false), "/x/my.json5");

        let e = env(&[("HOME", "/h"), ("OPENCLAW_HOME", "/h2")], &[]);
        assert_eq!(path(&e, None, false), "/h2/.openclaw/openclaw.json");

        let e = env(&[("HOME", "/h"), ("OPENCLAW_CONFIG_PATH", "undefined")], &[]);
        assert_eq!(path(&e, None, false), "/h/.openclaw/openclaw.json");
    }

    #[test]
    fn legacy_fallbacks() {
        let e = env(&[("HOME", "/h")], &["/h/.clawdbot/clawdbot.json"]);
        let r = resolve(&e, None, false).unwrap();
        assert_eq!(r.path, PathBuf::from("/h/.clawdbot/clawdbot.json"));
        assert!(r.reason.contains("legacy"));
        let e = env(&[("HOME", "/h"), ("OPENCLAW_STATE_DIR", "/s")], &["/s/clawdbot.json"]);
        assert_eq!(path(&e, None, false), "/s/clawdbot.json");
        let e = env(&[("HOME", "/h"), ("OPENCLAW_STATE_DIR", "/s")], &[]);
        assert_eq!(path(&e, None, false), "/s/openclaw.json");
    }

    #[test]
    fn profile_names() {
        assert!(valid_profile("work"));
        assert!(valid_profile("Work_2"));
        assert!(!valid_profile("-x"));
        assert!(!valid_profile("a b"));
        let e = env(&[("HOME", "/h")], &[]);
        assert!(resolve(&e, Some("bad name"), false).is_err());
    }
}
