//! Which rules run, against which release, and which findings are kept.

use crate::config::LoadedConfig;
use crate::document::KeyPath;
use crate::engine::diagnostic::Severity;
use crate::engine::machine;
use crate::engine::rule::{Need, Registry, Rule};
use crate::facts::{Target, TargetRequest};
use crate::model::auth::Environment;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Which rules run, against which release, and which findings are kept.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Every rule the run knows.
    pub registry: Registry,
    /// Empty means all rules.
    pub select: Vec<&'static Rule>,
    pub ignore: Vec<&'static Rule>,
    pub severity_min: Severity,
    /// `--target`.
    pub target: TargetRequest,
    /// `openclaw --version` output, probed once per run when the target is `installed`.
    pub installed: Option<String>,
    /// The environment auth rules see; the default reads nothing from the machine.
    pub env: Arc<Environment>,
    /// Per-rule severities (`clawlint.toml` `[severity]`).
    pub severity: Vec<(&'static str, Severity)>,
    /// Findings silenced by file and key path (`clawlint.toml` `[[ignores]]`).
    pub ignores: Vec<PathIgnore>,
}

impl Selection {
    /// All of `registry`'s rules, against the installed release, with no machine access.
    pub fn new(registry: Registry) -> Self {
        Selection {
            registry,
            select: Vec::new(),
            ignore: Vec::new(),
            severity_min: Severity::Info,
            target: TargetRequest::Installed,
            installed: None,
            env: Arc::new(Environment::hermetic()),
            severity: Vec::new(),
            ignores: Vec::new(),
        }
    }
}

/// The release a config is checked against: `--target`, or for `installed` the probe, then the
/// config's `meta.lastTouchedVersion`, then the latest stable.
pub fn target_for(config: &LoadedConfig, selection: &Selection) -> Target {
    let touched =
        config.merged.as_ref().and_then(|m| m.get("meta")?.get("lastTouchedVersion")?.as_str().map(str::to_owned));
    crate::facts::target::resolve(&selection.target, selection.installed.as_deref(), touched.as_deref()).unwrap_or_else(
        |_| match &selection.target {
            // Refused versions are caught on the command line; a library caller gets the nearest data.
            TargetRequest::Version(v) => Target::for_version(v.clone(), "--target".into()),
            _ => unreachable!("only explicit versions are refused"),
        },
    )
}

impl Selection {
    pub fn enabled(&self, rule: &Rule) -> bool {
        (self.select.is_empty() || self.select.iter().any(|r| r.name == rule.name))
            && !self.ignore.iter().any(|r| r.name == rule.name)
    }

    /// Whether this run can give `rule` what it needs from the machine: not the environment
    /// or file modes under `--no-env`, not git when there is none.
    pub fn can_run(&self, rule: &Rule) -> bool {
        rule.needs.iter().all(|n| match n {
            Need::Environment | Need::FileModes => !self.env.hermetic,
            Need::Git => machine::git_available(),
        })
    }

    /// The rules this run checks: selected, and given what they need.
    pub fn runnable(&self) -> impl Iterator<Item = &'static Rule> + '_ {
        self.rules().filter(|r| self.can_run(r))
    }

    pub fn rules(&self) -> impl Iterator<Item = &'static Rule> + '_ {
        self.registry.rules().iter().copied().filter(|r| self.enabled(r))
    }
}

/// `[[ignores]]`: rules silenced in some files and/or under some key paths.
#[derive(Debug, Clone)]
pub struct PathIgnore {
    pub rules: Vec<&'static str>,
    /// Matched against a file's path relative to `base`; `None`: every file.
    pub files: Option<globset::GlobSet>,
    pub base: PathBuf,
    /// Key path patterns (`*` = any one key); a finding at or under one matches.
    pub paths: Vec<String>,
    pub reason: String,
}

impl PathIgnore {
    pub fn covers(&self, rule: &str, file: &Path, path: &KeyPath) -> bool {
        self.rules.contains(&rule)
            && self.files.as_ref().is_none_or(|g| file.strip_prefix(&self.base).is_ok_and(|rel| g.is_match(rel)))
            && (self.paths.is_empty() || self.paths.iter().any(|p| path.starts_with_pattern(p)))
    }
}
