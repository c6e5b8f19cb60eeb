//! `clawlint versions` and `clawlint schema`: the release data clawlint carries.

use crate::cli::args::ListFormat;
use crate::cli::exit;
use crate::cli::exit::error;
use crate::facts::target::Probe;
use crate::facts::{self, TargetRequest, versions};
use std::io::Write;

/// `clawlint versions`: every published version, marking those with data.
pub fn list(format: ListFormat) -> u8 {
    let data = facts::releases();
    let mut out = std::io::stdout().lock();
    let rows: Vec<_> = versions::published()
        .iter()
        .map(|p| {
            let reason = versions::no_data(&p.version).map(|n| n.reason.as_str());
            (p.version.to_string(), p.channel.as_str(), data.contains(&p.version), reason)
        })
        .collect();
    let r = match format {
        ListFormat::Json => {
            let v: Vec<_> = rows
                .iter()
                .map(|(v, c, d, why)| {
                    let mut o = serde_json::json!({"version": v, "channel": c, "data": d});
                    if let Some(why) = why {
                        o["noData"] = (*why).into();
                    }
                    o
                })
                .collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&v).unwrap())
        }
        ListFormat::Text => (|| {
            for (v, c, d, why) in &rows {
                match why {
                    Some(why) => writeln!(out, "{v:<18} {c:<7} no data: {why}")?,
                    None => writeln!(out, "{v:<18} {c:<7}{}", if *d { " data" } else { "" })?,
                }
            }
            writeln!(
                out,
                "\n{} published versions; {} with data ({} … {}). Versions without data are checked with the nearest older release that has it; one older than all data without its schema checks.",
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

/// `clawlint schema --target V`: the release's config schema, as imported (normalised); for
/// `installed`, an installation newer than the data is read first, as `doctor` does.
pub fn schema(target: &TargetRequest) -> u8 {
    let probed = facts::target::PathProbe.installed(target);
    for note in crate::workspace::installed::prepare(target, probed.as_deref(), false) {
        crate::redact::say!("note: {note}");
    }
    let t = match facts::target::resolve(target, probed.as_deref(), None) {
        Ok(t) => t,
        Err(e) => {
            error(e);
            return exit::USAGE;
        }
    };
    if !t.exact() {
        crate::redact::say!("clawlint: no data for {}; printing {}'s schema", t.version, t.data_version());
    }
    match facts::release(t.data).schema.assemble() {
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
