//! An installed OpenClaw newer than the embedded data, read at run time.
//!
//! When the release a run checks against is the `openclaw` on PATH and clawlint has no data for
//! it, the run reads that installation the way `cargo xtask matrix import` reads a release: its
//! exported schema (`openclaw config schema`, in a throwaway HOME with a clean environment, so
//! only what the package bundles counts), the keys its dist accepts but hides from that schema,
//! and the providers its bundled plugins' manifests declare. The result is digested by the same
//! code as an import ([`crate::facts::packing`]) into a one-release pack, stored once in the
//! user's cache directory (`$XDG_CACHE_HOME/clawlint/releases/`), and added after the embedded
//! releases for the rest of the run ([`crate::facts::release::add_runtime_release`]). The cache
//! file is named by the version and a stamp of the installation and of this clawlint, so an
//! upgrade in place or a new clawlint reads it again.
//!
//! The package itself is found from the launcher: a link to `openclaw.mjs` (npm's global
//! install), or a shell launcher naming `…/openclaw.mjs` (pnpm, the maintainers' installer).

use crate::facts::digest;
use crate::facts::packing::{self, PackRelease};
use crate::facts::version::CalVer;
use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long `openclaw config schema` may take (a 2026.9 release takes 3–10 s).
const SCHEMA_TIMEOUT: Duration = Duration::from_secs(120);
/// The largest launcher script read when looking for the package.
const LAUNCHER_LIMIT: u64 = 64 * 1024;

/// An installed `openclaw` package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installation {
    /// The package directory (holds `package.json` named `openclaw`).
    pub root: PathBuf,
    /// The program that runs it.
    pub launcher: PathBuf,
    /// `version` of its `package.json`.
    pub version: CalVer,
}

/// The first `openclaw` on PATH.
pub fn on_path() -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?).map(|d| d.join("openclaw")).find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        p.is_file()
    }
}

/// The package a launcher runs: the directory of the `openclaw.mjs` it links to, or that its
/// script names.
pub fn locate(launcher: &Path) -> Option<Installation> {
    let real = std::fs::canonicalize(launcher).ok()?;
    let mut candidates: Vec<PathBuf> = real.parent().map(Path::to_path_buf).into_iter().collect();
    candidates.extend(named_packages(&real));
    candidates.into_iter().find_map(|root| {
        let version = package_version(&root)?;
        let root = std::fs::canonicalize(&root).unwrap_or(root);
        Some(Installation { root, launcher: launcher.to_path_buf(), version })
    })
}

/// Directories of the `…/openclaw.mjs` paths a launcher script names (`$basedir`, `$(dirname
/// "$0")` and similar are the script's own directory).
fn named_packages(script: &Path) -> Vec<PathBuf> {
    let Ok(f) = std::fs::File::open(script) else { return Vec::new() };
    let mut text = String::new();
    if f.take(LAUNCHER_LIMIT).read_to_string(&mut text).is_err() {
        return Vec::new();
    }
    let dir = script.parent().unwrap_or(Path::new("/"));
    let mut out = Vec::new();
    for (end, _) in text.match_indices("/openclaw.mjs") {
        let start = text[..end].rfind(|c: char| c == '"' || c == '\'' || c.is_whitespace()).map_or(0, |i| i + 1);
        let named = &text[start..end];
        let path = match named.split_once('/') {
            Some((var, rest)) if var.starts_with('$') => dir.join(rest),
            _ if named.starts_with('/') => PathBuf::from(named),
            _ => dir.join(named),
        };
        out.push(path);
    }
    out
}

/// `version` of `<dir>/package.json` when it is the `openclaw` package.
pub fn package_version(dir: &Path) -> Option<CalVer> {
    let text = std::fs::read_to_string(dir.join("package.json")).ok()?;
    let v: Value = serde_json::from_str(&text).ok()?;
    (v.get("name")?.as_str()? == "openclaw").then_some(())?;
    v.get("version")?.as_str()?.parse().ok()
}

/// The zod version the package resolves (its validator: see `[zod]` in rules/validation.toml):
/// its own `node_modules/zod`, else the one npm hoisted beside it.
pub fn zod_version(root: &Path) -> Option<String> {
    [root.join("node_modules/zod/package.json"), root.join("../zod/package.json")].iter().find_map(|p| {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(p).ok()?).ok()?;
        v.get("version").and_then(Value::as_str).map(str::to_owned)
    })
}

/// The user's cache directory for clawlint: `$CLAWLINT_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/clawlint`, else `~/.cache/clawlint` (relative values are ignored, as the XDG
/// specification says).
pub fn cache_dir() -> Option<PathBuf> {
    let abs = |k: &str| std::env::var_os(k).map(PathBuf::from).filter(|p| p.is_absolute());
    abs("CLAWLINT_CACHE_DIR")
        .or_else(|| abs("XDG_CACHE_HOME").map(|d| d.join("clawlint")))
        .or_else(|| abs("HOME").map(|h| h.join(".cache/clawlint")))
}

impl Installation {
    /// The cache file for this installation's facts: named by its version and a stamp of the
    /// package (path, `package.json`, the dist directory's mtime) and of this clawlint.
    pub fn cache_file(&self, cache: &Path) -> PathBuf {
        use std::hash::Hasher;
        let mut h = fnv::FnvHasher::default();
        h.write(env!("CARGO_PKG_VERSION").as_bytes());
        h.write(crate::facts::pack::MAGIC);
        h.write(self.root.as_os_str().as_encoded_bytes());
        h.write(&std::fs::read(self.root.join("package.json")).unwrap_or_default());
        let mtime = |p: PathBuf| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        h.write(format!("{:?}", mtime(self.root.join("dist"))).as_bytes());
        cache.join("releases").join(format!("{}-{:016x}.pack", self.version, h.finish()))
    }

    /// Read the installation's facts into a one-release pack (runs `openclaw config schema`).
    pub fn read(&self) -> Result<Vec<u8>, String> {
        let text = self.config_schema()?;
        let mut schema: Value =
            serde_json::from_str(&text).map_err(|e| format!("`openclaw config schema` printed no JSON: {e}"))?;
        digest::normalize(&mut schema);
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft7)
            .build(&schema)
            .map_err(|e| format!("its schema does not compile: {e}"))?;
        let ext = extensions_dir(&self.root).1;
        let built = packing::build(vec![PackRelease {
            version: self.version.clone(),
            commit: None,
            source: format!(
                "installed openclaw@{} at {}: `openclaw config schema`, {ext}/*/openclaw.plugin.json, read at run time",
                self.version,
                self.root.display()
            ),
            schema,
            hidden: hidden_paths(&self.root),
            providers: bundled_providers(&self.root),
            zod: zod_version(&self.root),
            web_search: Some(web_search_bundled(&self.root)),
        }])?;
        Ok(built.bytes)
    }

    /// `openclaw config schema` in a throwaway HOME with only PATH kept, as the importer runs it.
    fn config_schema(&self) -> Result<String, String> {
        // A fresh private directory: a planted one would hand the release another config and
        // its plugins.
        let home = crate::fsio::private_dir(&std::env::temp_dir(), "clawlint-installed-")
            .map_err(|e| format!("a temporary HOME: {e}"))?;
        let mut cmd = Command::new(&self.launcher);
        cmd.args(["config", "schema"]).env_clear().env("HOME", &home).env("NO_COLOR", "1").current_dir(&home);
        if let Some(p) = std::env::var_os("PATH") {
            cmd.env("PATH", p);
        }
        let out = run_limited(cmd, SCHEMA_TIMEOUT);
        let _ = std::fs::remove_dir_all(&home);
        out
    }
}

/// Run with stdout read on a thread (the schema is megabytes: the pipe must not fill), killed
/// at the deadline.
fn run_limited(mut cmd: Command, limit: Duration) -> Result<String, String> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("running `openclaw config schema`: {e}"))?;
    let mut stdout = child.stdout.take().ok_or("no stdout")?;
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        stdout.read_to_end(&mut buf).map(|_| buf)
    });
    let deadline = Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(20)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("`openclaw config schema` did not finish in {} s", limit.as_secs()));
            }
        }
    };
    let bytes = reader.join().map_err(|_| "reading its output failed")?.map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("`openclaw config schema` failed ({status})"));
    }
    String::from_utf8(bytes).map_err(|_| "`openclaw config schema` printed non-UTF-8".into())
}

/// Write a cache file whole or not at all (a private temporary beside it, renamed over it).
pub fn store(file: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = file.parent().ok_or("no cache directory")?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let name = file.file_name().and_then(|n| n.to_str()).ok_or("bad cache file name")?;
    let mut tmp = crate::fsio::Temp::create(dir, name).map_err(|e| format!("{}: {e}", dir.display()))?;
    tmp.file().write_all(bytes).map_err(|e| format!("{}: {e}", file.display()))?;
    tmp.persist(file).map_err(|e| format!("{}: {e}", file.display()))
}

/// The bundled plugins' directory: `dist/extensions`, or `extensions` in packages before
/// 2026.3.28 (which ship the plugins as sources); the second value is that path, relative.
pub fn extensions_dir(root: &Path) -> (PathBuf, &'static str) {
    let dist = root.join("dist/extensions");
    if dist.is_dir() || !root.join("extensions").is_dir() {
        (dist, "dist/extensions")
    } else {
        (root.join("extensions"), "extensions")
    }
}

/// Provider ids declared by the bundled plugins' manifests (`providers` of
/// `dist/extensions/*/openclaw.plugin.json`).
pub fn bundled_providers(root: &Path) -> Vec<String> {
    let mut out = std::collections::BTreeSet::new();
    let Ok(rd) = std::fs::read_dir(extensions_dir(root).0) else { return Vec::new() };
    for e in rd.filter_map(Result::ok) {
        let Ok(text) = std::fs::read_to_string(e.path().join("openclaw.plugin.json")) else { continue };
        let Ok(v) = serde_json::from_str::<Value>(&text) else { continue };
        if let Some(ps) = v.get("providers").and_then(Value::as_array) {
            out.extend(ps.iter().filter_map(Value::as_str).map(str::to_owned));
        }
    }
    out.into_iter().collect()
}

/// The web_search providers the bundled plugins declare (`contracts.webSearchProviders` of
/// their manifests), each with its plugin: what rules/web-search.toml's `bundled` holds for an
/// imported release (scripts/web-search-providers.mjs).
pub fn web_search_bundled(root: &Path) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    let Ok(rd) = std::fs::read_dir(extensions_dir(root).0) else { return out };
    for e in rd.filter_map(Result::ok) {
        let Ok(text) = std::fs::read_to_string(e.path().join("openclaw.plugin.json")) else { continue };
        let Ok(m) = serde_json::from_str::<Value>(&text) else { continue };
        let Some(plugin) = m.get("id").and_then(Value::as_str) else { continue };
        let ids = m.pointer("/contracts/webSearchProviders").and_then(Value::as_array);
        for id in ids.into_iter().flatten().filter_map(Value::as_str) {
            out.insert(id.to_owned(), plugin.to_owned());
        }
    }
    out
}

/// Keys a release accepts but hides from its exported schema: the string array
/// `LEGACY_HIDDEN_PUBLIC_PATHS = [...]` in its dist (2026.5.12 – 2026.7.1-2: `canvasHost`,
/// `hooks.internal.handlers`).
pub fn hidden_paths(root: &Path) -> Vec<String> {
    const MARK: &str = "LEGACY_HIDDEN_PUBLIC_PATHS = [";
    let mut out = std::collections::BTreeSet::new();
    for e in walkdir::WalkDir::new(root.join("dist")).into_iter().filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy();
        if !(name.ends_with(".js") || name.ends_with(".mjs")) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(e.path()) else { continue };
        let Some(i) = text.find(MARK) else { continue };
        let rest = &text[i + MARK.len()..];
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn package(dir: &Path, version: &str) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("package.json"), format!(r#"{{"name":"openclaw","version":"{version}"}}"#)).unwrap();
        std::fs::write(dir.join("openclaw.mjs"), "").unwrap();
    }

    #[test]
    fn finds_the_package_behind_a_link_or_a_script() {
        let t = std::env::temp_dir().join(format!("clawlint-locate-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&t);
        let pkg = t.join("lib/node_modules/openclaw");
        package(&pkg, "2026.9.7");
        std::fs::create_dir_all(t.join("bin")).unwrap();
        // npm: a link to openclaw.mjs
        std::os::unix::fs::symlink(pkg.join("openclaw.mjs"), t.join("bin/openclaw")).unwrap();
        let found = locate(&t.join("bin/openclaw")).unwrap();
        assert_eq!(found.version, "2026.9.7".parse().unwrap());
        assert_eq!(found.root, std::fs::canonicalize(&pkg).unwrap());
        // a shell launcher naming the package absolutely, and one relative to its own directory
        let abs = t.join("bin/openclaw-abs");
        std::fs::write(&abs, format!("#!/bin/sh\nexec \"/usr/bin/node\" \"{}/openclaw.mjs\" \"$@\"\n", pkg.display()))
            .unwrap();
        assert_eq!(locate(&abs).unwrap().version, "2026.9.7".parse().unwrap());
        let rel = t.join("bin/openclaw-rel");
        std::fs::write(&rel, "#!/bin/sh\nexec node \"$basedir/../lib/node_modules/openclaw/openclaw.mjs\" \"$@\"\n")
            .unwrap();
        assert_eq!(locate(&rel).unwrap().root, std::fs::canonicalize(&pkg).unwrap());
        // anything else is not an installation
        let other = t.join("bin/other");
        std::fs::write(&other, "#!/bin/sh\necho hi\n").unwrap();
        assert!(locate(&other).is_none());
        package(&t.join("fake"), "not-a-version");
        assert!(package_version(&t.join("fake")).is_none());
        std::fs::remove_dir_all(&t).unwrap();
    }

    #[test]
    fn the_cache_file_names_the_version_and_changes_with_the_package() {
        let t = std::env::temp_dir().join(format!("clawlint-stamp-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&t);
        package(&t, "2026.9.7");
        let inst = locate(&t.join("openclaw.mjs")).unwrap();
        let a = inst.cache_file(Path::new("/c"));
        assert!(a.starts_with("/c/releases") && a.file_name().unwrap().to_str().unwrap().starts_with("2026.9.7-"));
        std::fs::write(t.join("package.json"), r#"{"name":"openclaw","version":"2026.9.7","x":1}"#).unwrap();
        assert_ne!(inst.cache_file(Path::new("/c")), a);
        std::fs::remove_dir_all(&t).unwrap();
    }
}
