//! Building a schema pack from whole release schemas: what `cargo xtask matrix import` writes to
//! `schemas/matrix.pack`, and what a run writes to its cache when it reads an installed release
//! newer than the embedded data ([`crate::facts::installed`]). One code path for both, so a
//! release read at run time is digested exactly like an imported one.

use crate::facts::digest;
use crate::facts::keys;
use crate::facts::pack::{PackWriter, ReleaseEntry};
use crate::facts::version::CalVer;
use serde_json::Value;

/// One release to pack: its normalised schema ([`digest::normalize`]) and what the pack records
/// beside it.
pub struct PackRelease {
    pub version: CalVer,
    pub commit: Option<String>,
    /// Where the data came from (`npm openclaw@2026.9.6: openclaw config schema, …`).
    pub source: String,
    pub schema: Value,
    /// Keys accepted but left out of the exported schema (dotted).
    pub hidden: Vec<String>,
    /// Provider ids the release bundles.
    pub providers: Vec<String>,
    /// The zod version it validates with (only for a release read at run time; imported
    /// releases keep theirs in rules/validation.toml).
    pub zod: Option<String>,
    /// Its bundled web_search providers (provider → plugin), likewise only when read at run time.
    pub web_search: Option<std::collections::BTreeMap<String, String>>,
}

/// A built pack.
pub struct Built {
    pub bytes: Vec<u8>,
    /// How many key paths each release has, in the pack's order (oldest first).
    pub key_paths: Vec<(CalVer, usize)>,
}

/// Pack `all` (in OpenClaw's order, whatever order they come in) with their key-path index.
pub fn build(mut all: Vec<PackRelease>) -> Result<Built, String> {
    all.sort_by(|a, b| a.version.cmp(&b.version));
    let mut w = PackWriter::default();
    let mut entries = Vec::new();
    let mut per_release = Vec::new();
    let mut key_paths = Vec::new();
    for r in all {
        // The key index takes a release that lacks a path's first key to reject any value there
        // (KeyIndex::value_classes): true only while the root object is closed.
        if r.schema.get("additionalProperties") != Some(&Value::Bool(false)) {
            return Err(format!("{}: the config schema's root object is not closed", r.version));
        }
        let root = digest::split(&r.schema, &mut w);
        let shapes = digest::shapes(&r.schema);
        let mut paths = digest::key_paths(&r.schema);
        paths.extend(r.hidden.iter().cloned());
        let paths: Vec<(String, u64)> = paths
            .into_iter()
            .map(|p| {
                let d = shapes.get(&p).copied().unwrap_or(0);
                (p, d)
            })
            .collect();
        key_paths.push((r.version.clone(), paths.len()));
        let names: Vec<&str> = paths.iter().map(|(p, _)| p.as_str()).collect();
        let kp = w.blob(names.join("\n").into_bytes());
        per_release.push(paths);
        entries.push(ReleaseEntry {
            version: r.version.to_string(),
            commit: r.commit,
            source: r.source,
            root,
            key_paths: kp,
            hidden: r.hidden,
            providers: r.providers,
            zod: r.zod,
            web_search: r.web_search,
        });
    }
    let index = w.blob(keys::build(&per_release)?.into_bytes());
    let bytes = w.finish(entries, index).map_err(|e| e.to_string())?;
    Ok(Built { bytes, key_paths })
}
