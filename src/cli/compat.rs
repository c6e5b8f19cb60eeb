//! `clawlint compat`: the releases that accept each config, and what blocks the others.

use crate::cli::args::{CompatArgs, ListFormat};
use crate::cli::exit;
use crate::facts::versions;
use crate::workspace::Inputs;
use crate::workspace::compat::{ConfigCompat, compat};
use std::io::Write;

pub fn run(args: &CompatArgs) -> u8 {
    let inputs = if args.paths.is_empty() {
        Inputs::Discover { profile: None, dev: false }
    } else {
        Inputs::Paths(args.paths.clone())
    };
    let report =
        match compat(&inputs, &crate::workspace::Options { offline_data: args.offline_data, ..Default::default() }) {
            Ok(r) => r,
            Err(e) => {
                exit::error(e.0);
                return exit::USAGE;
            }
        };
    for note in &report.notes {
        crate::redact::say!("note: {note}");
    }
    for e in &report.errors {
        crate::redact::say!("clawlint: {e}");
    }
    let mut out = crate::redact::stdout();
    let r = match args.format {
        ListFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&json(&report.configs)).unwrap()),
        ListFormat::Text => text(&mut out, &report.configs),
    };
    if let Err(e) = r.and_then(|_| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        exit::error(format!("stdout: {e}"));
        return exit::USAGE;
    }
    if report.errors.is_empty() { exit::CLEAN } else { exit::USAGE }
}

/// `accepted by A … B; from C: path (moved to X)`, one line per config.
fn text(out: &mut impl Write, configs: &[ConfigCompat]) -> std::io::Result<()> {
    for c in configs {
        let v = &c.verdicts;
        let ranges = c.accepted_ranges();
        let mut parts: Vec<String> = Vec::new();
        if ranges.is_empty() {
            parts.push("accepted by no release clawlint has data for".into());
        } else {
            let shown: Vec<String> = ranges
                .iter()
                .map(|(a, b)| {
                    if a == b { v[*a].version.to_string() } else { format!("{} … {}", v[*a].version, v[*b].version) }
                })
                .collect();
            parts.push(format!("accepted by {}", shown.join(", ")));
        }
        // Each release where acceptance ends, and the oldest release if it rejects: the blocker.
        for (i, verdict) in v.iter().enumerate() {
            let Some(b) = &verdict.blocker else { continue };
            let edge = i == 0 || v[i - 1].blocker.is_none();
            if !edge {
                continue;
            }
            let why = match &b.moved_to {
                Some(to) => format!("moved to {to}"),
                None => b.rule.to_owned(),
            };
            let lead =
                if i == 0 { format!("{} rejects it", verdict.version) } else { format!("from {}", verdict.version) };
            parts.push(format!("{lead}: {} ({why})", b.path));
        }
        writeln!(out, "{}: {}", c.config.root().display, parts.join("; "))?;
    }
    let data = crate::facts::releases();
    let published = data.iter().filter(|v| versions::is_published(v)).count();
    let read = match data.last() {
        Some(v) if crate::facts::release::is_runtime(data.len() - 1) => format!("; {v} read from the installation"),
        _ => String::new(),
    };
    writeln!(
        out,
        "\n{published} of {} published versions have data ({} … {}){read}; the others are not judged.",
        versions::published().len(),
        data.first().map(|v| v.to_string()).unwrap_or_default(),
        data.last().map(|v| v.to_string()).unwrap_or_default()
    )
}

fn json(configs: &[ConfigCompat]) -> serde_json::Value {
    let configs: Vec<_> = configs
        .iter()
        .map(|c| {
            let releases: Vec<_> = c
                .verdicts
                .iter()
                .map(|v| {
                    let mut o = serde_json::json!({ "version": v.version.to_string(), "accepted": v.blocker.is_none() });
                    if let Some(b) = &v.blocker {
                        o["blocker"] = serde_json::json!({
                            "checkId": format!("clawlint/{}", b.rule), "path": b.path, "message": b.message, "movedTo": b.moved_to,
                        });
                    }
                    o
                })
                .collect();
            let ranges: Vec<_> = c
                .accepted_ranges()
                .iter()
                .map(|(a, b)| serde_json::json!({ "from": c.verdicts[*a].version.to_string(), "to": c.verdicts[*b].version.to_string() }))
                .collect();
            serde_json::json!({ "file": c.config.root().display, "accepted": ranges, "releases": releases })
        })
        .collect();
    serde_json::json!({ "schemaVersion": 1, "configs": configs, "publishedVersions": versions::published().len() })
}
