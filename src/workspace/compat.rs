//! `clawlint compat`: which releases accept a config. Each release clawlint has data for
//! judges the config with the rules that decide whether the release loads it at all (the same
//! verdict `doctor --target` gives: syntax, includes, schema, key history); the answer is the
//! runs of consecutive releases that accept it, and for each release that does not, the first
//! finding that blocks it.

use crate::config::LoadedConfig;
use crate::engine::diagnostic::Severity;
use crate::engine::select::Selection;
use crate::facts::version::CalVer;
use crate::facts::{TargetRequest, releases};
use crate::workspace::run::{Inputs, Options, UsageError, lint};

/// The rules whose errors mean the release does not load the config.
pub const LOAD_RULES: &[&str] = &[
    "syntax-error",
    "raw-line-separator",
    "include-error",
    "schema-invalid",
    "key-unknown",
    "key-requires-newer",
    "key-removed",
    "value-changed",
];

/// What blocks a release from loading a config: its first such finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blocker {
    pub rule: &'static str,
    /// OpenClaw's key path (`agents.defaults.memorySearch`).
    pub path: String,
    pub message: String,
    /// Where the key went, when a migration says so (`memory.search`).
    pub moved_to: Option<String>,
}

/// One release's verdict on one config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseVerdict {
    pub version: CalVer,
    /// `None`: the release loads the config.
    pub blocker: Option<Blocker>,
}

/// Every release's verdict on one config, oldest first.
#[derive(Debug)]
pub struct ConfigCompat {
    pub config: LoadedConfig,
    pub verdicts: Vec<ReleaseVerdict>,
}

impl ConfigCompat {
    /// Runs of consecutive releases that accept the config: `(first, last)` indexes into
    /// `verdicts`.
    pub fn accepted_ranges(&self) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (i, v) in self.verdicts.iter().enumerate() {
            if v.blocker.is_some() {
                continue;
            }
            match out.last_mut() {
                Some((_, last)) if *last + 1 == i => *last = i,
                _ => out.push((i, i)),
            }
        }
        out
    }
}

/// What [`compat`] found, and the inputs it could not read or skipped.
#[derive(Debug)]
pub struct CompatReport {
    pub configs: Vec<ConfigCompat>,
    pub errors: Vec<String>,
    pub notes: Vec<String>,
}

/// Judge `inputs` against every release clawlint has data for. The environment is never read:
/// whether a release loads a config does not depend on it.
pub fn compat(inputs: &Inputs, options: &Options) -> Result<CompatReport, UsageError> {
    let options =
        Options { select: LOAD_RULES.iter().map(|s| (*s).to_owned()).collect(), no_env: true, ..options.clone() };
    let report = lint(inputs, &options)?;
    let configs = report
        .results
        .into_iter()
        .map(|r| {
            let verdicts = releases().iter().map(|v| verdict(&r.config, &report.selection, v)).collect();
            ConfigCompat { config: r.config, verdicts }
        })
        .collect();
    Ok(CompatReport { configs, errors: report.errors, notes: report.notes })
}

fn verdict(config: &LoadedConfig, selection: &Selection, version: &CalVer) -> ReleaseVerdict {
    // The release's verdict: no per-rule severities or path ignores from clawlint.toml.
    let selection = Selection {
        target: TargetRequest::Version(version.clone()),
        severity: Vec::new(),
        ignores: Vec::new(),
        severity_min: Severity::Info,
        ..selection.clone()
    };
    let blocker = crate::engine::lint::check(config, &selection)
        .into_iter()
        .find(|d| d.severity == Severity::Error && LOAD_RULES.contains(&d.rule))
        .map(|d| {
            let moved_to = d
                .message
                .split_once("; moved to `")
                .and_then(|(_, rest)| rest.split_once('`'))
                .map(|(to, _)| to.to_owned());
            Blocker { rule: d.rule, path: d.path.dotted(), message: d.message, moved_to }
        });
    ReleaseVerdict { version: version.clone(), blocker }
}
