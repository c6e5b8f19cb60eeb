//! The command line's arguments (clap derive).

use crate::engine::diagnostic::Severity;
use crate::facts::TargetRequest;
use crate::report::Format;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::PathBuf;

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
    /// Which releases accept each config: runs of releases that load it, and what blocks the others.
    Compat(CompatArgs),
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
}

fn parse_target(s: &str) -> Result<TargetRequest, String> {
    s.parse()
}

#[derive(Args, Debug)]
pub struct CompatArgs {
    /// Config files, or directories searched for configs (as `doctor`). With none, the config
    /// OpenClaw itself would read.
    pub paths: Vec<PathBuf>,

    /// `text` (default) or `json`.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,

    /// Never read an installed OpenClaw newer than clawlint's data. Without it, such a release
    /// (the `installed` target) is read once, its `config schema` and bundled plugins, into
    /// $XDG_CACHE_HOME/clawlint/releases/, and checked with; with it, the newest data is used.
    #[arg(long)]
    pub offline_data: bool,
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

    /// Never read an installed OpenClaw newer than clawlint's data. Without it, such a release
    /// (the `installed` target) is read once, its `config schema` and bundled plugins, into
    /// $XDG_CACHE_HOME/clawlint/releases/, and checked with; with it, the newest data is used.
    #[arg(long)]
    pub offline_data: bool,

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

impl DoctorArgs {
    /// `clawlint doctor` with `fix_flags` and the user's own selection, target, environment and
    /// paths: the command a hint tells them to run, repeating what they asked for (output
    /// format and fix mode aside).
    pub fn command_with(&self, fix_flags: &[&str]) -> String {
        let mut words: Vec<String> = vec!["clawlint".into(), "doctor".into()];
        words.extend(fix_flags.iter().map(|f| (*f).to_owned()));
        let mut flag = |name: &str, value: Option<String>| {
            words.push(name.to_owned());
            words.extend(value.map(|v| shell_word(&v)));
        };
        if let Some(t) = &self.target {
            let shown = match t {
                TargetRequest::Version(v) => v.to_string(),
                TargetRequest::Latest => "latest".into(),
                TargetRequest::LatestBeta => "latest-beta".into(),
                TargetRequest::Installed => "installed".into(),
            };
            flag("--target", Some(shown));
        }
        if !self.select.is_empty() {
            flag("--select", Some(self.select.join(",")));
        }
        if !self.ignore.is_empty() {
            flag("--ignore", Some(self.ignore.join(",")));
        }
        if let Some(c) = &self.config {
            flag("--config", Some(c.display().to_string()));
        }
        if self.isolated {
            flag("--isolated", None);
        }
        if let Some(p) = &self.profile {
            flag("--profile", Some(p.clone()));
        }
        if self.dev {
            flag("--dev", None);
        }
        if self.no_env {
            flag("--no-env", None);
        }
        if self.offline_data {
            flag("--offline-data", None);
        }
        for e in &self.env_file {
            flag("--env-file", Some(e.display().to_string()));
        }
        words.extend(self.paths.iter().map(|p| shell_word(&p.display().to_string())));
        words.join(" ")
    }
}

/// A word as a POSIX shell reads it back: as it is when it is plain, else single-quoted.
fn shell_word(s: &str) -> String {
    let plain = !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:,@+%~".contains(c));
    if plain { s.to_owned() } else { format!("'{}'", s.replace('\'', "'\\''")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_repeat_the_users_own_flags_and_paths() {
        let cli = Cli::try_parse_from([
            "clawlint",
            "doctor",
            "--target",
            "2026.5.7",
            "--no-env",
            "--format",
            "concise",
            "--select",
            "a,b",
            "my configs/openclaw.json",
            "x.json5",
        ])
        .unwrap();
        let Command::Doctor(args) = cli.command else { panic!("doctor") };
        assert_eq!(
            args.command_with(&["--fix", "--unsafe-fixes"]),
            "clawlint doctor --fix --unsafe-fixes --target 2026.5.7 --select a,b --no-env 'my configs/openclaw.json' x.json5"
        );
    }
}
