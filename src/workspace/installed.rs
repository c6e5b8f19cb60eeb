//! The installed release, read at run time: when the run checks against the `openclaw` on PATH
//! and clawlint's data stops before its version, read that installation's facts once into the
//! user's cache ([`crate::facts::installed`]) and check with them. `--offline-data` turns this
//! off; then the run says the data is older than the target, as `matrix-stale` does.

use crate::facts::installed::{self, Installation};
use crate::facts::version::parse_version_output;
use crate::facts::{TargetRequest, release};
use std::path::Path;
use std::time::Instant;

/// What a run reads from an installation.
const READ: &str = "its `config schema`, hidden keys, bundled providers and web_search providers, zod version; model catalogs and the web_search install catalog stay those of the newest data";

/// The largest cache file read back (a release's pack is about 0.1–0.5 MB).
const CACHE_LIMIT: u64 = 64 << 20;

/// Before anything reads the release list: add the installed release's facts when the target
/// is the installed OpenClaw and it is newer than the embedded data. Returns the lines to show.
pub fn prepare(target: &TargetRequest, probed: Option<&str>, offline: bool) -> Vec<String> {
    if offline || *target != TargetRequest::Installed {
        return Vec::new();
    }
    let Some((version, _)) = probed.and_then(parse_version_output) else { return Vec::new() };
    let Some(newest) = release::embedded_newest() else { return Vec::new() };
    if version <= newest {
        return Vec::new();
    }
    let fallback = format!("checked with {newest} data");
    // A later lint in the same process: the release was added by the first one, or can no longer
    // be (the release list is fixed). Never run `config schema` again for it.
    if release::runtime_version() == Some(&version) {
        return Vec::new();
    }
    if !release::can_add_runtime() {
        return vec![format!(
            "OpenClaw {version} is installed, but this process already fixed its releases; {fallback}"
        )];
    }
    let Some(inst) = installed::on_path().and_then(|l| installed::locate(&l)) else {
        return vec![format!(
            "OpenClaw {version} is installed, but the `openclaw` on PATH leads to no package clawlint can read; {fallback}"
        )];
    };
    if inst.version != version {
        return vec![format!(
            "`openclaw --version` says {version} but {} is {}; {fallback}",
            inst.root.join("package.json").display(),
            inst.version
        )];
    }
    match installed::cache_dir().map(|c| inst.cache_file(&c)) {
        Some(file) if use_cached(&file) => Vec::new(),
        file => read_now(&inst, file.as_deref(), &fallback),
    }
}

/// Add the cached facts, if the file is there and sound.
fn use_cached(file: &Path) -> bool {
    let limits = crate::fsio::ReadLimits { cap: CACHE_LIMIT, allow_pipe: false };
    crate::fsio::read(file, limits).ok().is_some_and(|bytes| release::add_runtime_release(bytes).is_ok())
}

fn read_now(inst: &Installation, file: Option<&Path>, fallback: &str) -> Vec<String> {
    let v = &inst.version;
    let start = Instant::now();
    let bytes = match inst.read() {
        Ok(b) => b,
        Err(e) => return vec![format!("could not read the installed OpenClaw {v} ({e}); {fallback}")],
    };
    let took = start.elapsed().as_secs_f64();
    let stored = match file.map(|f| installed::store(f, &bytes).map(|()| f)) {
        Some(Ok(f)) => format!("saved in {}; later runs use it", f.display()),
        Some(Err(e)) => format!("not saved ({e}): the next run reads it again"),
        None => "no cache directory (set XDG_CACHE_HOME): the next run reads it again".into(),
    };
    match release::add_runtime_release(bytes) {
        Ok(_) => vec![format!(
            "clawlint has no data for OpenClaw {v}: read it from the installation at {} in {took:.1} s ({}), {stored}; --offline-data skips this",
            inst.root.display(),
            READ
        )],
        Err(e) => vec![format!("could not use the installed OpenClaw {v}'s facts ({e}); {fallback}")],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_process_whose_releases_are_fixed_never_reads_the_installation() {
        let _ = crate::facts::releases();
        let notes = prepare(&TargetRequest::Installed, Some("OpenClaw 2099.1.1 (0000000)\n"), false);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains("already fixed its releases"), "{notes:?}");
        assert!(prepare(&TargetRequest::Installed, Some("OpenClaw 2099.1.1\n"), true).is_empty());
        assert!(prepare(&TargetRequest::Latest, Some("OpenClaw 2099.1.1\n"), false).is_empty());
    }
}
