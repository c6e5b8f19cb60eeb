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
    let extra = Extra { hidden: hidden_paths(&opts.package), providers: bundled_providers(&opts.package) };
    let source = format!("npm openclaw@{version}: `openclaw config schema`, dist/extensions/*/openclaw.plugin.json");
    add_release(&opts.repo, NewRelease { version, commit, source, schema, extra, schema_bytes: text.len(), notes })
}

/// One release's data, ready to pack.
pub struct NewRelease {
    pub version: CalVer,
    pub commit: Option<String>,
    pub source: String,
    /// Normalised.
    pub schema: Value,
    pub extra: Extra,
    pub schema_bytes: usize,
    pub notes: Vec<String>,
}

/// What an import reads from the package besides the schema.
#[derive(Debug, Clone, Default)]
pub struct Extra {
    pub hidden: Vec<String>,
    pub providers: Vec<String>,
}

fn dist_dir(package: &Path) -> Option<PathBuf> {
    [package.join("node_modules/openclaw/dist"), package.join("dist")].into_iter().find(|d| d.is_dir())
}

/// Provider ids declared by the bundled plugins' manifests.
pub fn bundled_providers(package: &Path) -> Vec<String> {
    let Some(dist) = dist_dir(package) else { return Vec::new() };
    let mut out = std::collections::BTreeSet::new();
    let Ok(rd) = std::fs::read_dir(dist.join("extensions")) else { return Vec::new() };
    for e in rd.filter_map(Result::ok) {
        let Ok(text) = std::fs::read_to_string(e.path().join("openclaw.plugin.json")) else { continue };
        let Ok(v) = serde_json::from_str::<Value>(&text) else { continue };
        if let Some(ps) = v.get("providers").and_then(Value::as_array) {
            out.extend(ps.iter().filter_map(Value::as_str).map(str::to_owned));
        }
    }
    out.into_iter().collect()
}

/// Keys a release accepts but hides from its exported schema: the string array
/// `LEGACY_HIDDEN_PUBLIC_PATHS = [...]` in its dist (2026.5.12 – 2026.7.1-2: `canvasHost`,
/// `hooks.internal.handlers`).
pub fn hidden_paths(package: &Path) -> Vec<String> {
    let Some(dist) = dist_dir(package) else { return Vec::new() };
    let mut out = std::collections::BTreeSet::new();
    for e in walkdir::WalkDir::new(dist).into_iter().filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy();
        if !(name.ends_with(".js") || name.ends_with(".mjs")) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(e.path()) else { continue };
        let Some(i) = text.find("LEGACY_HIDDEN_PUBLIC_PATHS = [") else { continue };
        let rest = &text[i + "LEGACY_HIDDEN_PUBLIC_PATHS = [".len()..];
        let Some(end) = rest.find(']') else { continue };
        for item in rest[..end].split(',') {
            let item = item.trim().trim_matches(|c| c == '"' || c == '\'' || c == '`');
            if !item.is_empty() {
                out.insert(item.to_owned());
            }
        }
    }
    out.into_iter().collect()
}

/// Add (or replace) one release's normalised schema in the repository's pack.
pub fn add_release(repo: &Path, new: NewRelease) -> Result<Imported, String> {
    let NewRelease { version, commit, source, schema, extra, schema_bytes, notes } = new;
    let pack_path = repo.join(PACK_PATH);
    // Everything already in the pack, reassembled.
    let mut all: Vec<(CalVer, Option<String>, String, Value, Extra)> = Vec::new();
    if let Ok(bytes) = std::fs::read(&pack_path) {
        let pack = Pack::parse(&bytes).map_err(|e| format!("{}: {e}", pack_path.display()))?;
        for r in &pack.header.releases {
            let v: CalVer = r.version.parse().map_err(|e| format!("{}: {e}", pack_path.display()))?;
            let s = digest::assemble(&pack, r.root, "").map_err(|e| format!("{}: {e}", pack_path.display()))?;
            let extra = Extra { hidden: r.hidden.clone(), providers: r.providers.clone() };
            all.push((v, r.commit.clone(), r.source.clone(), s, extra));
        }
    }
    let replaced = all.iter().any(|(v, ..)| *v == version);
    all.retain(|(v, ..)| *v != version);
    all.push((version.clone(), commit.clone(), source, schema, extra));
    all.sort_by(|a, b| a.0.cmp(&b.0));
    if all.len() > 64 {
        // (the key index masks are u64)
        return Err("the key index holds at most 64 releases".into());
    }

    let mut w = Writer::default();
    let mut entries = Vec::new();
    let mut per_release = Vec::new();
    let mut this_paths = 0;
    for (v, c, src, s, extra) in &all {
        let root = digest::split(s, &mut w);
        let mut paths = digest::key_paths(s);
        paths.extend(extra.hidden.iter().cloned());
        let paths: Vec<String> = paths.into_iter().collect();
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
            hidden: extra.hidden.clone(),
            providers: extra.providers.clone(),
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
