use std::process::ExitCode;

fn main() -> ExitCode {
    // A crash is a bug: say so, and exit 3 rather than 101.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("clawlint: internal error: {}", clawlint::redact::text(&info.to_string()));
        eprintln!("This is a bug in clawlint; please report it with the config that triggered it (secrets removed).");
    }));
    match std::panic::catch_unwind(clawlint::cli::main) {
        Ok(code) => code,
        Err(_) => ExitCode::from(clawlint::cli::exit::INTERNAL),
    }
}
