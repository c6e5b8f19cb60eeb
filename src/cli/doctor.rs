//! `clawlint doctor [PATHS]…`: check (see [`crate::workspace::lint`]), then report or fix.

use crate::cli::args::DoctorArgs;
use crate::cli::exit;
use crate::cli::exit::error;
use crate::report;
use crate::workspace::{self, Inputs, Options};
use std::io::Write;

/// The library's inputs and options for these arguments.
fn request(args: &DoctorArgs) -> Result<(Inputs, Options), String> {
    let inputs = if args.paths.is_empty() {
        Inputs::Discover { profile: args.profile.clone(), dev: args.dev }
    } else if args.profile.is_some() || args.dev {
        return Err("--profile and --dev select OpenClaw's own config; they cannot be combined with PATHS".into());
    } else {
        Inputs::Paths(args.paths.clone())
    };
    let options = Options {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        target: args.target.clone(),
        no_env: args.no_env,
        offline_data: args.offline_data,
        env_files: args.env_file.clone(),
        severity_min: args.severity_min,
        project: args.config.clone(),
        isolated: args.isolated,
    };
    Ok((inputs, options))
}

pub fn run(args: &DoctorArgs, color: bool) -> u8 {
    if (args.fix || args.diff) && matches!(args.format, report::Format::Json | report::Format::Sarif) {
        let f = if args.format == report::Format::Json { "json" } else { "sarif" };
        error(format!(
            "--format {f} cannot be combined with --fix or --diff (they print a diff); run without --format {f}"
        ));
        return exit::USAGE;
    }
    let run = match request(args).and_then(|(i, o)| workspace::lint(&i, &o).map_err(|e| e.0)) {
        Ok(run) => run,
        Err(e) => {
            error(e);
            return exit::USAGE;
        }
    };
    for note in &run.notes {
        crate::redact::say!("note: {note}");
    }
    if args.fix || args.diff {
        return crate::cli::fix::run(args, color, run.results, &run.selection, &run.load, &run.errors);
    }
    for e in &run.errors {
        error(e);
    }
    let mut view = report::View::new(&run.results, &run.selection, color, args.paths.is_empty());
    view.fix_commands = [args.command_with(&["--fix"]), args.command_with(&["--fix", "--unsafe-fixes"])];
    if run.results.is_empty() && !run.errors.is_empty() {
        return exit::USAGE;
    }
    let mut out = crate::redact::stdout();
    if let Err(e) = report::render(args.format, &view, &mut out).and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            error(format!("writing the report: {e}"));
        }
        return exit::USAGE;
    }
    if !run.errors.is_empty() {
        return exit::USAGE;
    }
    // Findings below --severity-min were already dropped by the lint loop.
    let any = view.findings().next().is_some();
    if any && !args.exit_zero { exit::FINDINGS } else { exit::CLEAN }
}
