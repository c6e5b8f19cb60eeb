//! clawlint's maintainer tools, kept out of the user's binary: importing real OpenClaw releases
//! into `schemas/matrix.pack` and `rules/*.toml` (see scripts/import-release.sh).
//!
//! `cargo xtask matrix import --package DIR --openclaw LAUNCHER` and
//! `cargo xtask matrix versions NPM_JSON`.

use clap::{Parser, Subcommand};
use clawlint::facts::CalVer;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use xtask::{import, versions};

#[derive(Parser, Debug)]
#[command(name = "xtask", about = "clawlint maintainer tools (not installed with clawlint)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Maintain the capability matrix: schemas/matrix.pack and rules/*.toml.
    #[command(subcommand)]
    Matrix(MatrixCommand),
}

#[derive(Subcommand, Debug)]
enum MatrixCommand {
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
        /// Take the schema from this file instead of `openclaw config schema` (releases before
        /// 2026.3.28: scripts/record/dist-schema.mjs --mode zod).
        #[arg(long, requires = "schema_source")]
        schema: Option<PathBuf>,
        /// Where --schema came from, for the release's source line.
        #[arg(long)]
        schema_source: Option<String>,
    },
    /// Rewrite schemas/matrix.pack from its own contents (after a change of the pack's layout).
    Repack {
        #[arg(long, default_value = ".")]
        repo: PathBuf,
    },
    /// Remove releases from the pack and the rules' per-release facts.
    Drop {
        versions: Vec<String>,
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Matrix(cmd) => run(&cmd),
    }
}

fn run(cmd: &MatrixCommand) -> ExitCode {
    match cmd {
        MatrixCommand::Import { package, openclaw, repo, schema, schema_source } => {
            let opts = import::ImportOptions {
                package: package.clone(),
                openclaw: openclaw.clone(),
                repo: repo.clone(),
                schema: schema.clone().zip(schema_source.clone()),
            };
            match import::import(&opts) {
                Ok(i) => {
                    // A closed pipe (`| head`) is not an error of the import, which is done.
                    let mut out = std::io::stdout().lock();
                    let _ = writeln!(
                        out,
                        "{} {}{}: schema {} bytes, {} key paths; pack now {} releases, {} bytes",
                        if i.replaced { "re-imported" } else { "imported" },
                        i.version,
                        i.commit.map(|c| format!(" ({c})")).unwrap_or_default(),
                        i.schema_bytes,
                        i.key_paths,
                        i.releases,
                        i.pack_bytes
                    );
                    for n in &i.notes {
                        let _ = writeln!(out, "  normalised: {n}");
                    }
                    if let Some(z) = &i.zod {
                        let _ = writeln!(out, "  zod {z} (rules/validation.toml [zod.releases])");
                    }
                    if let Some(c) = &i.catalog {
                        let _ = writeln!(
                            out,
                            "  rules/providers.toml{}: {} providers, {} models, {} suppressions, {} external",
                            if c.changed { "" } else { " (unchanged)" },
                            c.providers,
                            c.models,
                            c.suppressions,
                            c.external
                        );
                        for n in &c.notes {
                            let _ = writeln!(out, "  catalog: {n}");
                        }
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("xtask: error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        MatrixCommand::Drop { versions, repo } => {
            let parsed: Result<Vec<CalVer>, _> = versions.iter().map(|v| v.parse::<CalVer>()).collect();
            match parsed.map_err(|e| e.to_string()).and_then(|vs| xtask::import::drop_releases(repo, &vs)) {
                Ok(()) => {
                    println!("dropped {}", versions.join(", "));
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        MatrixCommand::Repack { repo } => {
            match import::packed_releases(repo).and_then(|all| {
                let n = all.len();
                import::write_pack(repo, all, None).map(|(_, bytes)| (n, bytes))
            }) {
                Ok((n, bytes)) => {
                    println!("repacked {n} releases: {bytes} bytes");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("xtask: error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        MatrixCommand::Versions { npm_json, repo } => {
            let path = repo.join(clawlint::facts::versions::PATH);
            let res = (|| -> Result<(usize, Vec<String>), String> {
                let list: Vec<String> = serde_json::from_str(
                    &std::fs::read_to_string(npm_json).map_err(|e| format!("{}: {e}", npm_json.display()))?,
                )
                .map_err(|e| {
                    format!(
                        "{}: expected the JSON array `npm view openclaw versions --json` prints: {e}",
                        npm_json.display()
                    )
                })?;
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                let (new, skipped) = versions::update(&text, &list)?;
                clawlint::engine::write::replace_file(&path, new.as_bytes()).map_err(|e| e.to_string())?;
                Ok((list.len() - skipped.len(), skipped))
            })();
            match res {
                Ok((n, skipped)) => {
                    println!("{}: {n} versions", path.display());
                    for s in skipped {
                        println!("  skipped `{s}`: not an OpenClaw version");
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("xtask: error: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}
