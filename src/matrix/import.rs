//! `clawlint matrix import`: read a real OpenClaw release and add it to the matrix.
//!
//! Runs the release (`--version`, `config schema`) in a throwaway HOME with a clean
//! environment, normalises and checks the schema, re-packs `schemas/matrix.pack` with every
//! release already there, and rebuilds the key-path index. The maintainer workflow around it
//! is `scripts/import-release.sh VERSION`.

use super::digest;
use super::keys;
use super::pack::{Pack, ReleaseEntry, Writer};
use super::version::{CalVer, parse_version_output};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const PACK_PATH: &str = "schemas/matrix.pack";

pub struct ImportOptions {
    /// The installed package (the directory holding `node_modules/openclaw`, or the package itself).
    pub package: PathBuf,
    /// How to run the release (a program path; words after the first are arguments).
    pub openclaw: String,
    /// The repository to update.
    pub repo: PathBuf,
}

#[derive(Debug)]
pub struct Imported {
    pub version: CalVer,
    pub commit: Option<String>,
    pub schema_bytes: usize,
    pub key_paths: usize,
    pub notes: Vec<String>,
    pub replaced: bool,
    pub pack_bytes: usize,
    pub releases: usize,
}

fn run(opts: &ImportOptions, args: &[&str], home: &Path) -> Result<String, String> {
    let mut words = opts.openclaw.split_whitespace();
    let prog = words.next().ok_or("--openclaw is empty")?;
    let mut cmd = Command::new(prog);
    cmd.args(words).args(args).env_clear().env("HOME", home).env("NO_COLOR", "1");
    if let Some(p) = std::env::var_os("PATH") {
        cmd.env("PATH", p);
    }
    let out = cmd.output().map_err(|e| format!("running {prog}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`{} {}` failed ({}): {}",
            opts.openclaw,
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr).lines().take(5).collect::<Vec<_>>().join(" / ")
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("`{}` printed non-UTF-8: {e}", args.join(" ")))
}

/// The package's own version, from its package.json.
fn package_version(dir: &Path) -> Option<String> {
    for p in [dir.join("node_modules/openclaw/package.json"), dir.join("package.json")] {
        if let Ok(t) = std::fs::read_to_string(&p)
            && let Ok(v) = serde_json::from_str::<Value>(&t)
            && v.get("name").and_then(Value::as_str) == Some("openclaw")
        {
            return v.get("version").and_then(Value::as_str).map(str::to_owned);
        }
    }
    None
}

pub fn import(opts: &ImportOptions) -> Result<Imported, String> {
    let home = tempdir()?;
    let result = import_in(opts, &home);
    let _ = std::fs::remove_dir_all(&home);
    result
}

fn tempdir() -> Result<PathBuf, String> {
    let base = std::env::temp_dir().join(format!("clawlint-import-{}", std::process::id()));
    std::fs::create_dir_all(&base).map_err(|e| format!("{}: {e}", base.display()))?;
    Ok(base)
}

fn import_in(opts: &ImportOptions, home: &Path) -> Result<Imported, String> {
    let printed = run(opts, &["--version"], home)?;
    let (version, commit) =
        parse_version_output(&printed).ok_or_else(|| format!("`--version` printed no version: {printed:?}"))?;
    if let Some(pv) = package_version(&opts.package)
        && pv != version.to_string()
    {
        return Err(format!("{} is openclaw {pv}, but the command runs {version}", opts.package.display()));
    }
    let text = run(opts, &["config", "schema"], home)?;
    let mut schema: Value =
        serde_json::from_str(&text).map_err(|e| format!("`config schema` output is not JSON: {e}"))?;
    let notes = digest::normalize(&mut schema);
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .build(&schema)
        .map_err(|e| format!("{version}'s schema does not compile after normalising: {e}"))?;
    let source = format!("npm openclaw@{version}: `openclaw config schema`");
    add_release(&opts.repo, version, commit, source, schema, text.len(), notes)
}

/// Add (or replace) one release's normalised schema in the repository's pack.
pub fn add_release(
    repo: &Path,
    version: CalVer,
    commit: Option<String>,
    source: String,
    schema: Value,
    schema_bytes: usize,
    notes: Vec<String>,
) -> Result<Imported, String> {
    let pack_path = repo.join(PACK_PATH);
    // Everything already in the pack, reassembled.
    let mut all: Vec<(CalVer, Option<String>, String, Value)> = Vec::new();
    if let Ok(bytes) = std::fs::read(&pack_path) {
        let pack = Pack::parse(&bytes).map_err(|e| format!("{}: {e}", pack_path.display()))?;
        for r in &pack.header.releases {
            let v: CalVer = r.version.parse().map_err(|e| format!("{}: {e}", pack_path.display()))?;
            let s = digest::assemble(&pack, r.root, "").map_err(|e| format!("{}: {e}", pack_path.display()))?;
            all.push((v, r.commit.clone(), r.source.clone(), s));
        }
    }
    let replaced = all.iter().any(|(v, ..)| *v == version);
    all.retain(|(v, ..)| *v != version);
    all.push((version.clone(), commit.clone(), source, schema));
    all.sort_by(|a, b| a.0.cmp(&b.0));
    if all.len() > 64 {
        return Err("the key index holds at most 64 releases".into());
    }

    let mut w = Writer::default();
    let mut entries = Vec::new();
    let mut per_release = Vec::new();
    let mut this_paths = 0;
    for (v, c, src, s) in &all {
        let root = digest::split(s, &mut w);
        let paths: Vec<String> = digest::key_paths(s).into_iter().collect();
        if *v == version {
            this_paths = paths.len();
        }
        let kp = w.blob(paths.join("\n").into_bytes());
        per_release.push(paths);
        entries.push(ReleaseEntry {
            version: v.to_string(),
            commit: c.clone(),
            source: src.clone(),
            root,
            key_paths: kp,
        });
    }
    let index = w.blob(keys::build(&per_release).into_bytes());
    let bytes = w.finish(entries, index).map_err(|e| e.to_string())?;
    write_atomic(&pack_path, &bytes)?;
    Ok(Imported {
        version,
        commit,
        schema_bytes,
        key_paths: this_paths,
        notes,
        replaced,
        pack_bytes: bytes.len(),
        releases: all.len(),
    })
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path.parent().ok_or("pack path has no directory")?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let tmp = dir.join(format!(".matrix.pack.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| format!("{}: {e}", path.display()))
}
