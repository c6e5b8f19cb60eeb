//! The library API every front end calls: [`lint`] takes what to check ([`Inputs`]) and how
//! ([`Options`], each overriding `clawlint.toml`), and returns a [`Report`] of findings per
//! config. `clawlint doctor` is this plus rendering; the fix loop starts from its results
//! (`crate::engine::fix::run_from`).

use crate::config::discover::{self, ProcessEnv};
use crate::config::found::{self, Found, io_reason};
use crate::config::{self, LoadOptions};
use crate::engine::diagnostic::Severity;
use crate::engine::lint::LintResult;
use crate::engine::rule::Rule;
use crate::engine::select::Selection;
use crate::facts::TargetRequest;
use crate::facts::target::{PathProbe, Probe};
use crate::model::auth::Environment;
use crate::rules;
use crate::workspace::installed;
use crate::workspace::project::{self, ProjectConfig};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What to check.
#[derive(Debug, Clone)]
pub enum Inputs {
    /// Config files, or directories searched for configs (`clawlint doctor PATHS`). An
    /// `$include`d file named here is checked through the config that includes it.
    Paths(Vec<PathBuf>),
    /// The config OpenClaw itself would read (`OPENCLAW_CONFIG_PATH`, `--profile`, `--dev`).
    Discover { profile: Option<String>, dev: bool },
    /// A config held in memory (an editor's buffer), as if it were the file at `path`: its
    /// `$include`s are read relative to it.
    Text { path: PathBuf, text: String },
}

/// How to check. Each field set here overrides the project's `clawlint.toml`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Rule names to run (empty: the file's `select`, else all).
    pub select: Vec<String>,
    /// Rule names not to run (empty: the file's `ignore`).
    pub ignore: Vec<String>,
    /// The release to check against (`None`: the file's `target`, else the installed one).
    pub target: Option<TargetRequest>,
    /// Read nothing from the machine's environment (`--no-env`, or the file's `env = "none"`).
    pub no_env: bool,
    /// Never read an installed release newer than the data (`--offline-data`).
    pub offline_data: bool,
    /// `--env-file`s, read after the file's `env-files`.
    pub env_files: Vec<PathBuf>,
    pub severity_min: Severity,
    /// The `clawlint.toml` to use (`None`: the nearest one above the configs).
    pub project: Option<PathBuf>,
    /// Use no `clawlint.toml` at all.
    pub isolated: bool,
}

/// What [`lint`] found: each config with its findings, and the inputs it could not read.
#[derive(Debug)]
pub struct Report {
    pub results: Vec<LintResult>,
    /// Inputs that could not be read (`path: reason`), in input order.
    pub errors: Vec<String>,
    /// Inputs skipped, and why (a `*.json5` that is not an OpenClaw config).
    pub notes: Vec<String>,
    /// The rules, release and environment the run used (and the fix loop must use).
    pub selection: Selection,
    /// How the configs were loaded (the fix loop reloads with the same options).
    pub load: LoadOptions,
}

/// A problem with the inputs or options themselves: nothing was checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Check `inputs` as `options` say.
///
/// ```
/// use clawlint::workspace::{Inputs, Options, lint};
/// let text = r#"{ gateway: { bind: "lan", auth: { mode: "none" } } }"#;
/// let inputs = Inputs::Text { path: "/tmp/editor/openclaw.json".into(), text: text.into() };
/// let options = Options { target: Some("2026.9.6".parse().unwrap()), no_env: true, isolated: true, ..Options::default() };
/// let report = lint(&inputs, &options).unwrap();
/// let rules: Vec<&str> = report.results[0].diagnostics.iter().map(|d| d.rule).collect();
/// assert!(rules.contains(&"gateway-exposed"), "{rules:?}");
/// ```
pub fn lint(inputs: &Inputs, options: &Options) -> Result<Report, UsageError> {
    // A secret that happens to be a word never rewrites a rule id in the output.
    for rule in crate::rules::registry().rules() {
        crate::redact::protect_name(rule.name);
    }
    let env = ProcessEnv;
    let mut load = LoadOptions::from_env(&env);
    let (targets, mut errors) = match inputs {
        Inputs::Paths(paths) => {
            load.named = paths.clone();
            let (found, errors) = found::collect(paths);
            (with_owning_roots(found, paths, &load), errors)
        }
        Inputs::Discover { profile, dev } => (vec![discovered(&env, profile.as_deref(), *dev)?], Vec::new()),
        Inputs::Text { path, text } => {
            load.overlay.insert(config::file_key(path), Arc::from(text.as_str()));
            load.overlay.insert(
                crate::util::normalize_path(&std::path::absolute(path).unwrap_or(path.clone())),
                Arc::from(text.as_str()),
            );
            let display = path.display().to_string();
            (vec![Found { path: path.clone(), display, reason: "in memory".into() }], Vec::new())
        }
    };
    let project = project_config(options, &targets)?;
    let (selection, read_notes) = selection(options, project.as_ref())?;
    let loaded: Vec<Result<LintResult, String>> = targets
        .par_iter()
        .map(|t| {
            config::load(&t.path, t.display.clone(), t.reason.clone(), &load)
                .map(|config| {
                    let diagnostics = crate::engine::lint::check(&config, &selection);
                    LintResult { config, diagnostics }
                })
                .map_err(|e| format!("{}: {}", t.display, io_reason(&e)))
        })
        .collect();
    let results = without_included(loaded, &mut errors);
    let (results, mut notes) = only_openclaw_configs(results, &selection);
    notes.splice(0..0, read_notes);
    Ok(Report { results, errors, notes, selection, load })
}

/// The config OpenClaw itself would read; an error when there is none.
fn discovered(env: &ProcessEnv, profile: Option<&str>, dev: bool) -> Result<Found, UsageError> {
    match discover::resolve(env, profile, dev) {
        Ok(r) if r.path.is_file() => {
            Ok(Found { display: r.path.display().to_string(), path: r.path, reason: r.reason })
        }
        Ok(r) => Err(UsageError(format!(
            "{}: no OpenClaw config there ({}); name a file, or set OPENCLAW_CONFIG_PATH",
            r.path.display(),
            r.reason
        ))),
        Err(e) => Err(UsageError(e.to_string())),
    }
}

/// A file another linted config includes is part of that config, not a config of its own
/// (found in a directory, or named beside it, as pre-commit passes every staged file). Two
/// configs that include each other are both kept: that is a finding, not a layout. Read errors
/// go to `errors`.
fn without_included(loaded: Vec<Result<LintResult, String>>, errors: &mut Vec<String>) -> Vec<LintResult> {
    // Included file → the roots that include it (one pass; a fleet has thousands of roots).
    let mut includers: HashMap<&Path, Vec<&Path>> = HashMap::new();
    for r in loaded.iter().flatten() {
        for f in r.config.files.iter().skip(1) {
            includers.entry(&f.path).or_default().push(&r.config.root().path);
        }
    }
    let part_of_another = |r: &LintResult| {
        let root = r.config.root().path.as_path();
        let own = |p: &Path| r.config.files.iter().skip(1).any(|f| f.path == p);
        includers.get(root).is_some_and(|by| by.iter().any(|other| *other != root && !own(other)))
    };
    let dropped: Vec<bool> = loaded.iter().map(|r| r.as_ref().is_ok_and(part_of_another)).collect();
    let mut results = Vec::with_capacity(loaded.len());
    for (r, dropped) in loaded.into_iter().zip(dropped) {
        match r {
            Ok(_) if dropped => {}
            Ok(r) => results.push(r),
            Err(e) => errors.push(e),
        }
    }
    results
}

/// A file that is not named `openclaw.json` or `clawdbot.json`, that no linted config includes
/// (those were dropped already), and that has none of OpenClaw's top-level keys in any release
/// is not an OpenClaw config (`renovate.json5` beside one in a dotfiles repository): it is
/// skipped with a note. A file that does not parse is kept: it may be a broken config.
fn only_openclaw_configs(results: Vec<LintResult>, selection: &Selection) -> (Vec<LintResult>, Vec<String>) {
    let mut notes = Vec::new();
    let kept = results
        .into_iter()
        .filter(|r| {
            let root = r.config.root();
            let named =
                root.path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                    matches!(n, "openclaw.json" | "clawdbot.json" | "openclaw.json5" | "clawdbot.json5")
                });
            // A config by name, or one that does not parse: linted. The key index is read only
            // for the other files, never on the common path.
            let Some(members) = r.config.merged.as_ref().and_then(crate::document::Node::as_object) else {
                return true;
            };
            if named {
                return true;
            }
            // The target's own top-level keys first (its schema is read for validation anyway);
            // every release's key index (2 MB) only when none of them matches.
            let release = crate::facts::release(crate::engine::select::target_for(&r.config, selection).data);
            let root_keys = release.schema.known_keys(&crate::document::KeyPath::root()).unwrap_or_default();
            if members.iter().any(|m| root_keys.contains(&m.key)) {
                return true;
            }
            let index = crate::facts::keys::KeyIndex::embedded();
            if members.iter().any(|m| !index.mask(&crate::document::KeyPath::root().child_key(&m.key)).is_empty()) {
                return true;
            }
            notes.push(format!(
                "{}: skipped: not an OpenClaw config (none of its top-level keys is one OpenClaw knows)",
                root.display
            ));
            false
        })
        .collect();
    (kept, notes)
}

fn rule_list(names: &[String], flag: &str) -> Result<Vec<&'static Rule>, UsageError> {
    names
        .iter()
        .filter(|n| !n.is_empty())
        .map(|n| {
            rules::find(n).ok_or_else(|| {
                UsageError(match rules::closest(n) {
                    Some(s) => format!("{flag} {n}: unknown rule; did you mean `{s}`?"),
                    None => format!("{flag} {n}: unknown rule (`clawlint rules` lists them)"),
                })
            })
        })
        .collect()
}

/// The `clawlint.toml` that governs this run: `options.project`, none when isolated, else the
/// nearest one above the linted files (they must agree).
fn project_config(options: &Options, targets: &[Found]) -> Result<Option<ProjectConfig>, UsageError> {
    if let Some(path) = &options.project {
        return project::load(path).map(Some).map_err(|e| UsageError(e.to_string()));
    }
    if options.isolated {
        return Ok(None);
    }
    let mut found: Vec<PathBuf> = targets.iter().filter_map(|t| project::discover(&t.path)).collect();
    found.sort();
    found.dedup();
    match found.as_slice() {
        [] => Ok(None),
        [one] => project::load(one).map(Some).map_err(|e| UsageError(e.to_string())),
        many => Err(UsageError(format!(
            "the configs given are governed by different clawlint.toml files ({}); run clawlint once per project, or choose one with --config",
            many.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        ))),
    }
}

/// The environment the auth rules see: nothing under `no_env`, else the machine's, then the
/// project's `env-files`, then the options'.
fn environment(options: &Options, project: Option<&ProjectConfig>) -> Result<Environment, UsageError> {
    let no_env = options.no_env || project.is_some_and(|p| p.no_env);
    let mut environment = if no_env {
        Environment::hermetic()
    } else {
        Environment::from_machine(
            &ProcessEnv,
            std::env::vars_os().filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?))),
        )
    };
    let project_env_files = project.iter().flat_map(|p| p.env_files.iter().map(move |f| (f, Some(&p.path))));
    for (f, from) in project_env_files.chain(options.env_files.iter().map(|f| (f, None))) {
        if let Err(e) = environment.add_env_file(f, from.is_none()) {
            return Err(UsageError(match from {
                Some(toml) => format!("{}: env-files: {e}", toml.display()),
                None => format!("--env-file {e}"),
            }));
        }
    }
    Ok(environment)
}

/// The run's selection: a value given in `options` replaces the project file's. With it, the
/// lines saying the installed release was read ([`installed::prepare`]).
fn selection(options: &Options, project: Option<&ProjectConfig>) -> Result<(Selection, Vec<String>), UsageError> {
    let environment = environment(options, project)?;
    let select = rule_list(&options.select, "--select")?;
    let ignore = rule_list(&options.ignore, "--ignore")?;
    let from_file =
        |f: fn(&ProjectConfig) -> &Option<Vec<&'static Rule>>| project.and_then(|p| f(p).clone()).unwrap_or_default();
    let target =
        options.target.clone().or_else(|| project.and_then(|p| p.target.clone())).unwrap_or(TargetRequest::Installed);
    // An explicit version must be one OpenClaw published (or newer than all we know of).
    if let TargetRequest::Version(_) = &target
        && let Err(e) = crate::facts::target::resolve(&target, None, None)
    {
        return Err(UsageError(e.to_string()));
    }
    let installed = PathProbe.installed(&target);
    let notes = installed::prepare(&target, installed.as_deref(), options.offline_data);
    let selection = Selection {
        registry: rules::registry(),
        env: Arc::new(environment),
        select: if options.select.is_empty() { from_file(|p| &p.select) } else { select },
        ignore: if options.ignore.is_empty() { from_file(|p| &p.ignore) } else { ignore },
        severity_min: options.severity_min,
        installed,
        target,
        severity: project.map(|p| p.severity.clone()).unwrap_or_default(),
        ignores: project.map(|p| p.ignores.clone()).unwrap_or_default(),
    };
    Ok((selection, notes))
}

/// Include files named on the command line are checked through the config that includes them
/// (see [`found::owning_root`]); each root once. Files found in a directory need no search:
/// one that another found config includes is dropped after loading.
fn with_owning_roots(found: Vec<Found>, named: &[PathBuf], opts: &LoadOptions) -> Vec<Found> {
    let cwd = std::env::current_dir().ok();
    let mut mapped = false;
    let out: Vec<Found> = found
        .into_iter()
        .map(|t| {
            let owner = if named.contains(&t.path) { found::owning_root(&t.path, opts) } else { None };
            let Some(root) = owner else { return t };
            mapped = true;
            let display = cwd
                .as_ref()
                .and_then(|c| root.strip_prefix(c).ok())
                .map_or_else(|| root.display().to_string(), |r| r.display().to_string());
            Found { path: root, display, reason: format!("it includes {}, named on the command line", t.display) }
        })
        .collect();
    if !mapped {
        return out;
    }
    // A root reached through an include may also be named or found itself: check it once.
    let mut seen = HashSet::new();
    out.into_iter().filter(|t| seen.insert(std::fs::canonicalize(&t.path).unwrap_or_else(|_| t.path.clone()))).collect()
}
