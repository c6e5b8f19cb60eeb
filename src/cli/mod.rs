//! Command line: argument definitions and dispatch. Each subcommand lives in its own file.

mod doctor;
mod fix;
mod matrix;
mod rules;

use crate::diagnostic::Severity;
use crate::matrix::TargetRequest;
use crate::report::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes are API: 0 clean, 1 findings, 2 usage or I/O error, 3 internal error.
pub mod exit {
    pub const CLEAN: u8 = 0;
    pub const FINDINGS: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const INTERNAL: u8 = 3;
}

#[derive(Parser, Debug)]
#[command(
    name = "clawlint",
    version,
    about = "Lint OpenClaw's openclaw.json against the release you run, and fix it losslessly",
    propagate_version = true
)]
pub struct Cli {
    /// When to use colour: auto (a terminal, and NO_COLOR unset), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check configs. With no PATHS, checks the config OpenClaw itself would read.
    Doctor(DoctorArgs),
    /// List the rules.
    Rules(RulesArgs),
    /// Explain one rule: what it flags, why, an example, fix safety and references.
    Explain {
        /// Rule name, e.g. duplicate-key.
        rule: String,
    },
    /// List every published OpenClaw version and mark those clawlint has data for.
    Versions {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print a release's config schema (as `openclaw config schema` printed it, normalised).
    Schema {
        /// VERSION, latest, latest-beta or installed.
        #[arg(long, default_value = "installed", value_parser = parse_target)]
        target: TargetRequest,
    },
    /// Print a shell completion script (e.g. `clawlint completions bash > ~/.local/share/bash-completion/completions/clawlint`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff): `clawlint man > clawlint.1`, `clawlint man doctor > clawlint-doctor.1`.
    Man {
        /// A subcommand, for its own page (`clawlint-doctor(1)`).
        command: Option<String>,
    },
    /// Maintainer commands: import a release into the matrix, refresh the version list.
    #[command(subcommand)]
    Matrix(MatrixCommand),
}

#[derive(Subcommand, Debug)]
pub enum MatrixCommand {
    /// Import an installed OpenClaw release (see scripts/import-release.sh).
    Import {
        /// The install directory (holding node_modules/openclaw).
        #[arg(long)]
        package: PathBuf,
        /// How to run that release, e.g. ~/.cache/openclaw-releases/bin/openclaw-2026.9.6.
        #[arg(long)]
        openclaw: String,
        /// The clawlint checkout to update.
        #[arg(long, default_value = ".")]
        repo: PathBuf,
    },
    /// Rewrite rules/versions.toml from `npm view openclaw versions --json` output.
    Versions {
        /// File holding the npm output.
        npm_json: PathBuf,
        #[arg(long, default_value = ".")]
        repo: PathBuf,
    },
}

fn parse_target(s: &str) -> Result<TargetRequest, String> {
    s.parse()
}

#[derive(Args, Debug)]
pub struct DoctorArgs {
    /// Config files, or directories searched for `openclaw.json` / `*.json5` configs.
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Full)]
    pub format: Format,

    /// Report only findings at or above this severity (and exit 1 only for them).
    #[arg(long, value_enum, default_value_t = Severity::Info)]
    pub severity_min: Severity,

    /// Run only these rules (repeatable, or comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,

    /// Skip these rules (repeatable, or comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,

    /// The OpenClaw release to check against: VERSION, latest, latest-beta, or installed
    /// (`openclaw --version`, else the config's meta.lastTouchedVersion, else the latest stable).
    /// Default: clawlint.toml's `target`, else installed.
    #[arg(long, value_parser = parse_target)]
    pub target: Option<TargetRequest>,

    /// Use this clawlint.toml instead of the nearest one above the linted files.
    #[arg(long, value_name = "PATH", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Ignore every clawlint.toml.
    #[arg(long)]
    pub isolated: bool,

    /// Exit 0 even when there are findings.
    #[arg(long)]
    pub exit_zero: bool,

    /// With no PATHS: use OpenClaw profile NAME (~/.openclaw-NAME), as `openclaw --profile`.
    #[arg(long, value_name = "NAME", conflicts_with = "dev")]
    pub profile: Option<String>,

    /// With no PATHS: use the dev profile (~/.openclaw-dev), as `openclaw --dev`.
    #[arg(long)]
    pub dev: bool,

    /// Do not read the machine's environment (process env, ~/.openclaw/.env): a credential
    /// only the gateway's environment could supply is reported as unknown. For pre-commit
    /// hooks and CI, so a run does not depend on the committer's shell.
    #[arg(long, help_heading = "Environment")]
    pub no_env: bool,

    /// Also read variables from this dotenv file (repeatable; read even with --no-env).
    #[arg(long, value_name = "PATH", help_heading = "Environment")]
    pub env_file: Vec<PathBuf>,

    /// Fix what can be fixed: show the diff, then ask before writing (or write with --yes).
    #[arg(long, help_heading = "Fixing")]
    pub fix: bool,

    /// Print the diff the fixes would make and write nothing. Exits 1 iff something would change.
    #[arg(long, help_heading = "Fixing", conflicts_with = "yes")]
    pub diff: bool,

    /// With --fix: write without asking.
    #[arg(long, short = 'y', help_heading = "Fixing", requires = "fix")]
    pub yes: bool,

    /// Also apply fixes marked unsafe (they may change what the config does; review the diff).
    #[arg(long, help_heading = "Fixing")]
    pub unsafe_fixes: bool,
}

#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour stdout. `auto` honours NO_COLOR (any non-empty value) and a TTY.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
            }
        }
    }
}

/// Parse arguments and run. Usage errors exit 2 (clap's convention matches ours).
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version go out as clap prints them; errors through the masking writer: a
        // key pasted after the wrong flag is not echoed back.
        Err(e) if e.exit_code() == 0 => e.exit(),
        Err(e) => {
            use std::io::Write as _;
            let _ = write!(crate::redact::stderr(), "{}", e.render());
            return ExitCode::from(exit::USAGE);
        }
    };
    let color = cli.color.enabled();
    let code = match cli.command {
        Command::Doctor(args) => doctor::run(&args, color),
        Command::Rules(args) => rules::list(&args),
        Command::Explain { rule } => rules::explain(&rule),
        Command::Versions { format } => matrix::list(format),
        Command::Schema { target } => matrix::schema(&target),
        Command::Matrix(cmd) => matrix::run(&cmd),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "clawlint", &mut std::io::stdout());
            exit::CLEAN
        }
        Command::Man { command } => man(command.as_deref()),
    };
    ExitCode::from(code)
}

/// `clawlint man [COMMAND]`.
fn man(command: Option<&str>) -> u8 {
    use clap::CommandFactory;
    let cli = Cli::command();
    let page = match command {
        None => cli,
        Some(name) => match cli.find_subcommand(name) {
            // The page is printed once and the process ends: leaking the name is fine.
            Some(sub) => {
                let page: &'static str = Box::leak(format!("clawlint-{name}").into_boxed_str());
                sub.clone().name(page).version(env!("CARGO_PKG_VERSION"))
            }
            None => {
                let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
                error(format!("man {name}: no such command (one of: {})", names.join(", ")));
                return exit::USAGE;
            }
        },
    };
    match clap_mangen::Man::new(page).render(&mut std::io::stdout()) {
        Ok(()) => exit::CLEAN,
        Err(e) => {
            error(format!("stdout: {e}"));
            exit::USAGE
        }
    }
}

/// Print a usage or I/O error to stderr in one consistent shape.
pub(crate) fn error(msg: impl std::fmt::Display) {
    crate::say!("clawlint: error: {msg}");
}
