//! `clawlint doctor [PATHS]…`: load, check, report.

use crate::cli::args::DoctorArgs;
use crate::cli::exit;
use crate::cli::exit::error;
use crate::config::discover::{self, ProcessEnv};
use crate::config::targets::{self, Target, io_reason};
use crate::config::{self, LoadOptions};
use crate::engine::Selection;
use crate::facts::TargetRequest;
use crate::facts::target::{PathProbe, Probe};
use crate::model::auth::Environment;
use crate::report::{self, LintResult, Report};
use crate::rules::{self};
use crate::workspace::project::{self, ProjectConfig};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::io::Write;

fn rule_list(names: &[String], flag: &str) -> Result<Vec<&'static crate::engine::Rule>, String> {
    names
        .iter()
        .filter(|n| !n.is_empty())
        .map(|n| {
            rules::find(n).ok_or_else(|| match rules::closest(n) {
                Some(s) => format!("{flag} {n}: unknown rule; did you mean `{s}`?"),
                None => format!("{flag} {n}: unknown rule (`clawlint rules` lists them)"),
            })
        })
        .collect()
}

/// The `clawlint.toml` that governs this run: `--config`, none with `--isolated`, else the
/// nearest one above the linted files (they must agree).
fn project_config(args: &DoctorArgs, targets: &[Target]) -> Result<Option<ProjectConfig>, String> {
    if let Some(path) = &args.config {
        return project::load(path).map(Some).map_err(|e| e.to_string());
    }
    if args.isolated {
        return Ok(None);
    }
    let mut found: Vec<std::path::PathBuf> = targets.iter().filter_map(|t| project::discover(&t.path)).collect();
    found.sort();
    found.dedup();
    match found.as_slice() {
        [] => Ok(None),
        [one] => project::load(one).map(Some).map_err(|e| e.to_string()),
        many => Err(format!(
            "the configs given are governed by different clawlint.toml files ({}); run clawlint once per project, or choose one with --config",
            many.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        )),
    }
}

/// Include files named on the command line are checked through the config that includes them
/// (see [`targets::owning_root`]); each root once. Files found in a directory need no search:
/// one that another found config includes is dropped after loading.
fn with_owning_roots(found: Vec<Target>, named: &[std::path::PathBuf], opts: &LoadOptions) -> Vec<Target> {
    let cwd = std::env::current_dir().ok();
    let mut mapped = false;
    let out: Vec<Target> = found
        .into_iter()
        .map(|t| {
            let owner = if named.contains(&t.path) { targets::owning_root(&t.path, opts) } else { None };
            let Some(root) = owner else { return t };
            mapped = true;
            let display = cwd
                .as_ref()
                .and_then(|c| root.strip_prefix(c).ok())
                .map_or_else(|| root.display().to_string(), |r| r.display().to_string());
            Target { path: root, display, reason: format!("it includes {}, named on the command line", t.display) }
        })
        .collect();
    if !mapped {
        return out;
    }
    // A root reached through an include may also be named or found itself: check it once.
    let mut seen = HashSet::new();
    out.into_iter().filter(|t| seen.insert(std::fs::canonicalize(&t.path).unwrap_or_else(|_| t.path.clone()))).collect()
}

pub fn run(args: &DoctorArgs, color: bool) -> u8 {
    if (args.fix || args.diff) && matches!(args.format, report::Format::Json | report::Format::Sarif) {
        let f = if args.format == report::Format::Json { "json" } else { "sarif" };
        error(format!(
            "--format {f} cannot be combined with --fix or --diff (they print a diff); run without --format {f}"
        ));
        return exit::USAGE;
    }
    let env = ProcessEnv;
    let mut opts = LoadOptions::from_env(&env);
    opts.named = args.paths.clone();

    let (targets, mut io_errors) = if args.paths.is_empty() {
        match discover::resolve(&env, args.profile.as_deref(), args.dev) {
            Ok(r) if r.path.is_file() => {
                (vec![Target { display: r.path.display().to_string(), path: r.path, reason: r.reason }], Vec::new())
            }
            Ok(r) => {
                error(format!(
                    "{}: no OpenClaw config there ({}); name a file, or set OPENCLAW_CONFIG_PATH",
                    r.path.display(),
                    r.reason
                ));
                return exit::USAGE;
            }
            Err(e) => {
                error(e);
                return exit::USAGE;
            }
        }
    } else {
        if args.profile.is_some() || args.dev {
            error("--profile and --dev select OpenClaw's own config; they cannot be combined with PATHS");
            return exit::USAGE;
        }
        let (found, errors) = targets::collect(&args.paths);
        (with_owning_roots(found, &args.paths, &opts), errors)
    };

    // The project's clawlint.toml: --config, else the nearest one above the linted files.
    let project = match project_config(args, &targets) {
        Ok(p) => p,
        Err(e) => {
            error(e);
            return exit::USAGE;
        }
    };
    let no_env = args.no_env || project.as_ref().is_some_and(|p| p.no_env);
    let mut environment = if no_env {
        Environment::hermetic()
    } else {
        Environment::from_machine(
            &ProcessEnv,
            std::env::vars_os().filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?))),
        )
    };
    let project_env_files = project.iter().flat_map(|p| p.env_files.iter().map(move |f| (f, Some(&p.path))));
    for (f, from) in project_env_files.chain(args.env_file.iter().map(|f| (f, None))) {
        if let Err(e) = environment.add_env_file(f, from.is_none()) {
            match from {
                Some(toml) => error(format!("{}: env-files: {e}", toml.display())),
                None => error(format!("--env-file {e}")),
            }
            return exit::USAGE;
        }
    }
    // A flag given on the command line replaces the file's value.
    let (select, ignore) = match (rule_list(&args.select, "--select"), rule_list(&args.ignore, "--ignore")) {
        (Ok(select), Ok(ignore)) => (select, ignore),
        (Err(e), _) | (_, Err(e)) => {
            error(e);
            return exit::USAGE;
        }
    };
    let from_file = |f: fn(&ProjectConfig) -> &Option<Vec<&'static crate::engine::Rule>>| {
        project.as_ref().and_then(|p| f(p).clone()).unwrap_or_default()
    };
    let target = args
        .target
        .clone()
        .or_else(|| project.as_ref().and_then(|p| p.target.clone()))
        .unwrap_or(TargetRequest::Installed);
    // An explicit version must be one OpenClaw published (or newer than all we know of).
    if let TargetRequest::Version(_) = &target
        && let Err(e) = crate::facts::target::resolve(&target, None, None)
    {
        error(e);
        return exit::USAGE;
    }
    let selection = Selection {
        registry: rules::registry(),
        env: std::sync::Arc::new(environment),
        select: if args.select.is_empty() { from_file(|p| &p.select) } else { select },
        ignore: if args.ignore.is_empty() { from_file(|p| &p.ignore) } else { ignore },
        severity_min: args.severity_min,
        installed: PathProbe.installed(&target),
        target,
        severity: project.as_ref().map(|p| p.severity.clone()).unwrap_or_default(),
        ignores: project.as_ref().map(|p| p.ignores.clone()).unwrap_or_default(),
    };

    let loaded: Vec<Result<LintResult, String>> = targets
        .par_iter()
        .map(|t| {
            config::load(&t.path, t.display.clone(), t.reason.clone(), &opts)
                .map(|config| {
                    let diagnostics = crate::engine::check(&config, &selection);
                    LintResult { config, diagnostics }
                })
                .map_err(|e| format!("{}: {}", t.display, io_reason(&e)))
        })
        .collect();

    // A file another linted config includes is part of that config, not a config of its own
    // (found in a directory, or named beside it, as pre-commit passes every staged file).
    // Two configs that include each other are both kept: that is a finding, not a layout.
    // Included file → the roots that include it (one pass; a fleet has thousands of roots).
    let mut includers: HashMap<&std::path::Path, Vec<&std::path::Path>> = HashMap::new();
    for r in loaded.iter().flatten() {
        for f in r.config.files.iter().skip(1) {
            includers.entry(&f.path).or_default().push(&r.config.root().path);
        }
    }
    let part_of_another = |r: &LintResult| {
        let root = r.config.root().path.as_path();
        let own = |p: &std::path::Path| r.config.files.iter().skip(1).any(|f| f.path == p);
        includers.get(root).is_some_and(|by| by.iter().any(|other| *other != root && !own(other)))
    };
    let dropped: Vec<bool> = loaded.iter().map(|r| r.as_ref().is_ok_and(part_of_another)).collect();
    let mut results = Vec::with_capacity(loaded.len());
    for (r, dropped) in loaded.into_iter().zip(dropped) {
        match r {
            Ok(_) if dropped => {}
            Ok(r) => results.push(r),
            Err(e) => io_errors.push(e),
        }
    }

    if args.fix || args.diff {
        return crate::cli::fix::run(args, color, results, &selection, &opts, &io_errors);
    }
    for e in &io_errors {
        error(e);
    }
    let report = Report::new(&results, &selection, color, args.paths.is_empty());
    if results.is_empty() && !io_errors.is_empty() {
        return exit::USAGE;
    }
    let mut out = crate::redact::stdout();
    if let Err(e) = report::render(args.format, &report, &mut out).and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            error(format!("writing the report: {e}"));
        }
        return exit::USAGE;
    }
    if !io_errors.is_empty() {
        return exit::USAGE;
    }
    // Findings below --severity-min were already dropped by `crate::engine::check`.
    let any = report.findings().next().is_some();
    if any && !args.exit_zero { exit::FINDINGS } else { exit::CLEAN }
}
