//! `clawlint versions`, `clawlint schema` and the maintainer's `clawlint matrix …` commands.

use crate::cli::args::{ListFormat, MatrixCommand};
use crate::cli::exit;
use crate::cli::exit::error;
use crate::facts::target::Probe;
use crate::facts::{self, TargetRequest, import, versions};
use std::io::Write;

/// `clawlint versions`: every published version, marking those with data.
pub fn list(format: ListFormat) -> u8 {
    let data = facts::releases();
    let mut out = std::io::stdout().lock();
    let rows: Vec<_> = versions::published()
        .iter()
        .map(|p| (p.version.to_string(), p.channel.as_str(), data.contains(&p.version)))
        .collect();
    let r = match format {
        ListFormat::Json => {
            let v: Vec<_> =
                rows.iter().map(|(v, c, d)| serde_json::json!({"version": v, "channel": c, "data": d})).collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&v).unwrap())
        }
        ListFormat::Text => (|| {
            for (v, c, d) in &rows {
                writeln!(out, "{v:<18} {c:<7}{}", if *d { " data" } else { "" })?;
            }
            writeln!(
                out,
                "\n{} published versions; {} with data ({} … {}). Versions without data are checked with the nearest older release that has it.",
                rows.len(),
                data.len(),
                data.first().map(|v| v.to_string()).unwrap_or_default(),
                data.last().map(|v| v.to_string()).unwrap_or_default()
            )
        })(),
    };
    if let Err(e) = r.and_then(|_| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        error(e);
        return exit::USAGE;
    }
    exit::CLEAN
}

/// `clawlint schema --target V`: the release's config schema, as imported (normalised).
pub fn schema(target: &TargetRequest) -> u8 {
    let t = match facts::target::resolve(target, facts::target::PathProbe.installed(target).as_deref(), None) {
        Ok(t) => t,
        Err(e) => {
            error(e);
            return exit::USAGE;
        }
    };
    if !t.exact() {
        crate::redact::say!("clawlint: no data for {}; printing {}'s schema", t.version, t.data_version());
    }
    let p = facts::pack();
    let r = &p.header.releases[t.data];
    match facts::digest::assemble(p, r.root, "") {
        Ok(v) => {
            let mut out = std::io::stdout().lock();
            match writeln!(out, "{}", serde_json::to_string_pretty(&v).unwrap()).and_then(|_| out.flush()) {
                Ok(()) => exit::CLEAN,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => exit::CLEAN,
                Err(e) => {
                    error(e);
                    exit::USAGE
                }
            }
        }
        Err(e) => {
            error(e);
            exit::INTERNAL
        }
    }
}

pub fn run(cmd: &MatrixCommand) -> u8 {
    match cmd {
        MatrixCommand::Import { package, openclaw, repo } => {
            let opts =
                import::ImportOptions { package: package.clone(), openclaw: openclaw.clone(), repo: repo.clone() };
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
                    exit::CLEAN
                }
                Err(e) => {
                    error(e);
                    exit::USAGE
                }
            }
        }
        MatrixCommand::Versions { npm_json, repo } => {
            let path = repo.join(versions::PATH);
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
                std::fs::write(&path, new).map_err(|e| format!("{}: {e}", path.display()))?;
                Ok((list.len() - skipped.len(), skipped))
            })();
            match res {
                Ok((n, skipped)) => {
                    println!("{}: {n} versions", path.display());
                    for s in skipped {
                        println!("  skipped `{s}`: not an OpenClaw version");
                    }
                    exit::CLEAN
                }
                Err(e) => {
                    error(e);
                    exit::USAGE
                }
            }
        }
    }
}
