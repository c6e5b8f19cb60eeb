//! Which release a config is checked against (`--target`), and why.

use crate::facts::release::{nearest_at_or_before, releases};
use crate::facts::version::{CalVer, Channel, parse_version_output};
use crate::facts::versions;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetRequest {
    Version(CalVer),
    Latest,
    LatestBeta,
    /// `openclaw --version` when on PATH, else the config's `meta.lastTouchedVersion`, else the
    /// latest stable.
    Installed,
}

impl std::str::FromStr for TargetRequest {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "latest" => Ok(TargetRequest::Latest),
            "latest-beta" => Ok(TargetRequest::LatestBeta),
            "installed" => Ok(TargetRequest::Installed),
            v => v
                .parse::<CalVer>()
                .map(TargetRequest::Version)
                .map_err(|e| format!("{e}, latest, latest-beta or installed")),
        }
    }
}

/// The resolved target of one config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The release the user runs or will run.
    pub version: CalVer,
    /// Why this one (`--target`, `openclaw --version`, `meta.lastTouchedVersion`…).
    pub why: String,
    /// The imported release checked against: `version` itself, or the nearest older one.
    pub data: usize,
    /// The target is newer than every imported release.
    pub newer_than_data: bool,
    /// The target is older than every imported release: nothing clawlint has describes it.
    pub older_than_data: bool,
}

impl Target {
    pub fn data_version(&self) -> &'static CalVer {
        &releases()[self.data]
    }

    /// Checked against the target's own data?
    pub fn exact(&self) -> bool {
        *self.data_version() == self.version
    }

    /// One line for the report header.
    pub fn describe(&self) -> String {
        if self.exact() && crate::facts::release::is_runtime(self.data) {
            format!("OpenClaw {} ({}); facts read from the installed package", self.version, self.why)
        } else if self.exact() {
            format!("OpenClaw {} ({})", self.version, self.why)
        } else if self.newer_than_data {
            format!("OpenClaw {} ({}); newest data: {}", self.version, self.why, self.data_version())
        } else if self.older_than_data {
            format!(
                "OpenClaw {} ({}); no data that old (clawlint's oldest is {}): its schema checks did not run",
                self.version,
                self.why,
                self.data_version()
            )
        } else {
            format!(
                "OpenClaw {} ({}); checked with {} data, the nearest imported release before it",
                self.version,
                self.why,
                self.data_version()
            )
        }
    }

    /// Resolve a version to a target (the data is the nearest imported release at or before
    /// it; a version older than all data is marked so, and only what does not depend on the
    /// release's schema is checked, with the oldest data).
    pub fn for_version(version: CalVer, why: String) -> Target {
        let rel = releases();
        let newest = rel.last().expect("at least one imported release");
        let newer_than_data = &version > newest;
        let older_than_data = nearest_at_or_before(&version).is_none();
        let data = nearest_at_or_before(&version).unwrap_or(0);
        Target { version, why, data, newer_than_data, older_than_data }
    }
}

/// How the `installed` default finds OpenClaw.
pub trait Probe: Sync {
    /// `openclaw --version` output, when an `openclaw` runs within the time limit.
    fn openclaw_version(&self) -> Option<String>;

    /// Probe only when the request needs it.
    fn installed(&self, req: &TargetRequest) -> Option<String> {
        if *req == TargetRequest::Installed { self.openclaw_version() } else { None }
    }
}

/// The real probe: `openclaw` on PATH, 3 s limit, with the same arguments OpenClaw's own fast
/// path answers without loading the config.
pub struct PathProbe;

impl Probe for PathProbe {
    fn openclaw_version(&self) -> Option<String> {
        if std::env::var_os("CLAWLINT_NO_PROBE").is_some_and(|v| v == "1") {
            return None;
        }
        let mut child = Command::new("openclaw")
            .arg("--version")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let deadline = Instant::now() + Duration::from_secs(3);
        loop {
            match child.try_wait() {
                Ok(Some(_)) => break,
                Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return None;
                }
            }
        }
        let mut out = String::new();
        child.stdout.take()?.read_to_string(&mut out).ok()?;
        Some(out)
    }
}

/// Resolve a request for one config. `last_touched` is the config's `meta.lastTouchedVersion`.
/// `installed` is probed once per run by the caller and passed in.
pub fn resolve(req: &TargetRequest, installed: Option<&str>, last_touched: Option<&str>) -> Result<Target, String> {
    let latest_stable =
        || versions::latest(Channel::Stable).cloned().unwrap_or_else(|| releases().last().unwrap().clone());
    match req {
        TargetRequest::Version(v) => {
            let newest_published = versions::published().last().map(|p| &p.version);
            if !versions::is_published(v) && newest_published.is_some_and(|n| v <= n) {
                let near = versions::published().iter().map(|p| &p.version).filter(|p| p.release() == v.release());
                let hint: Vec<String> = near.map(|p| p.to_string()).collect();
                return Err(if hint.is_empty() {
                    format!("--target {v}: not a published OpenClaw version (`clawlint versions` lists them)")
                } else {
                    format!("--target {v}: not a published OpenClaw version; did you mean {}?", hint.join(" or "))
                });
            }
            Ok(Target::for_version(v.clone(), "--target".into()))
        }
        TargetRequest::Latest => {
            Ok(Target::for_version(latest_stable(), "--target latest: the newest stable release".into()))
        }
        TargetRequest::LatestBeta => {
            let v = versions::latest(Channel::Beta).cloned().ok_or("no beta release is known")?;
            Ok(Target::for_version(v, "--target latest-beta: the newest beta".into()))
        }
        TargetRequest::Installed => {
            if let Some((v, _)) = installed.and_then(parse_version_output) {
                return Ok(Target::for_version(v, "installed: `openclaw --version`".into()));
            }
            if let Some(v) = last_touched.and_then(|s| s.parse::<CalVer>().ok()) {
                return Ok(Target::for_version(
                    v,
                    "from the config's meta.lastTouchedVersion; no `openclaw` on PATH".into(),
                ));
            }
            Ok(Target::for_version(
                latest_stable(),
                "the latest stable release; no `openclaw` on PATH and no meta.lastTouchedVersion".into(),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> CalVer {
        s.parse().unwrap()
    }

    #[test]
    fn installed_falls_back_in_order() {
        let t = resolve(&TargetRequest::Installed, Some("OpenClaw 2026.8.2 (0965053)\n"), Some("2026.7.1")).unwrap();
        assert_eq!(t.version, v("2026.8.2"));
        assert!(t.why.contains("openclaw --version"));
        let t = resolve(&TargetRequest::Installed, None, Some("2026.7.1")).unwrap();
        assert_eq!(t.version, v("2026.7.1"));
        assert!(t.why.contains("lastTouchedVersion"));
        let t = resolve(&TargetRequest::Installed, Some("garbage"), None).unwrap();
        assert_eq!(Some(&t.version), versions::latest(Channel::Stable));
    }

    #[test]
    fn unpublished_versions_are_refused_with_a_hint() {
        let e = resolve(&TargetRequest::Version(v("2026.7.1-7")), None, None).unwrap_err();
        assert!(e.contains("2026.7.1-2"), "{e}");
        // newer than anything published: allowed (the data may simply be old)
        let t = resolve(&TargetRequest::Version(v("2030.1.1")), None, None).unwrap();
        assert!(t.newer_than_data);
        assert_eq!(t.data, releases().len() - 1);
    }

    #[test]
    fn nearest_older_data() {
        let newest = releases().last().unwrap().clone();
        let t = Target::for_version(newest.clone(), "x".into());
        assert!(t.exact() && !t.newer_than_data);
        let t = Target::for_version(v("2000.1.1"), "x".into());
        assert_eq!(t.data, 0);
    }
}
