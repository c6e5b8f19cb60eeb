//! Command line: argument definitions ([`args`]) and dispatch. Each subcommand lives in its own
//! file.

pub mod args;
mod compat;
mod doctor;
pub mod exit;
mod fix;
mod rules;
mod versions;

use crate::cli::args::{Cli, Command};
use crate::cli::exit::error;
use clap::Parser;
use std::process::ExitCode;

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
        Command::Compat(args) => compat::run(&args),
        Command::Rules(args) => rules::list(&args),
        Command::Explain { rule } => rules::explain(&rule),
        Command::Versions { format } => versions::list(format),
        Command::Schema { target } => versions::schema(&target),
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
