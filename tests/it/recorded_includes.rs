//! Replay of every `$include` case recorded from OpenClaw 2026.9.6 (`config validate --json` and
//! `config get`, tests/fixtures/recorded/includes/<case>/, recorded by scripts/record/includes.sh).
//! For each case clawlint must reach the same verdict about the includes, its include-error
//! messages must start with OpenClaw's text verbatim, and merged values must equal what
//! `openclaw config get` printed.

use clawlint::config::discover::Env;
use clawlint::config::{LoadOptions, include_roots, load};
use serde_json::Value;
use std::path::{Path, PathBuf};

const DIR: &str = "tests/fixtures/recorded/includes";

struct CaseEnv {
    home: PathBuf,
}

impl Env for CaseEnv {
    fn var(&self, name: &str) -> Option<String> {
        (name == "HOME").then(|| self.home.display().to_string())
    }
    fn exists(&self, path: &Path) -> bool {
        path.exists()
    }
}

/// Copy a case's HOME into a temp dir, keeping symlinks as symlinks and pointing absolute paths
/// that name the recording's HOME at the new one.
fn copy_tree(from: &Path, to: &Path, recorded_home: &str) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        let ft = entry.file_type().unwrap();
        if ft.is_symlink() {
            #[cfg(unix)]
            std::os::unix::fs::symlink(std::fs::read_link(entry.path()).unwrap(), &target).unwrap();
        } else if ft.is_dir() {
            copy_tree(&entry.path(), &target, recorded_home);
        } else {
            let bytes = std::fs::read(entry.path()).unwrap();
            let bytes = match String::from_utf8(bytes) {
                Ok(text) => text.replace(recorded_home, &home_of(to).display().to_string()).into_bytes(),
                Err(e) => e.into_bytes(),
            };
            std::fs::write(&target, bytes).unwrap();
        }
    }
}

/// The temp HOME a path sits under (the `home` directory of the copy).
fn home_of(p: &Path) -> PathBuf {
    p.ancestors().find(|a| a.file_name().is_some_and(|n| n == "home")).unwrap().to_path_buf()
}

/// Files git cannot store (a FIFO), recreated as `special-files.json` describes.
fn special_files(case: &Path, home: &Path) {
    let Ok(text) = std::fs::read_to_string(case.join("special-files.json")) else { return };
    let specs: Value = serde_json::from_str(&text).unwrap();
    for spec in specs.as_array().unwrap() {
        assert_eq!(spec["kind"], "fifo", "{spec}");
        let at = home.join(spec["path"].as_str().unwrap());
        assert!(std::process::Command::new("mkfifo").arg(&at).status().unwrap().success());
    }
}

/// Large files were not committed; `generated.json` says how to rebuild them byte for byte.
fn regenerate(case: &Path, home: &Path) {
    let Ok(text) = std::fs::read_to_string(case.join("generated.json")) else { return };
    let specs: Value = serde_json::from_str(&text).unwrap();
    for spec in specs.as_array().unwrap() {
        let (prefix, fill, suffix) =
            (spec["prefix"].as_str().unwrap(), spec["fill"].as_str().unwrap(), spec["suffix"].as_str().unwrap());
        let bytes = spec["bytes"].as_u64().unwrap() as usize;
        let mut body = String::with_capacity(bytes);
        body.push_str(prefix);
        body.push_str(&fill.repeat(bytes - prefix.len() - suffix.len()));
        body.push_str(suffix);
        assert_eq!(body.len(), bytes);
        std::fs::write(home.join(spec["path"].as_str().unwrap()), body).unwrap();
    }
}

/// Cases where clawlint deliberately refuses what OpenClaw reads: (case, why, what clawlint's
/// one include error says). The include fails either way.
const DEVIATIONS: &[(&str, &str, &str)] = &[(
    "include-roots-proc-self-environ",
    "OpenClaw reads a procfs file (size 0 passes its 2 MiB check) and fails to parse it; clawlint \
     never reads kernel pseudo-files, so a committed symlink cannot print a CI job's environment",
    "kernel pseudo-file (procfs)",
)];

#[cfg(unix)]
#[test]
fn every_recorded_include_case_agrees_with_openclaw() {
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(DIR).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    assert!(cases.len() >= 50, "only {} cases", cases.len());
    let mut failures = Vec::new();
    let mut compared_values = 0;
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let recorded_home = std::fs::read_to_string(case.join("home.txt")).unwrap().trim().to_string();
        let tmp = tempfile::tempdir().unwrap();
        let home = tmp.path().canonicalize().unwrap().join("home");
        copy_tree(&case.join("home"), &home, &recorded_home);
        regenerate(case, &home);
        special_files(case, &home);
        if name == "hardlink" {
            // git does not keep hard links: recreate the one the case was recorded with.
            let dir = home.join(".openclaw");
            std::fs::remove_file(dir.join("hl.json5")).unwrap();
            std::fs::hard_link(dir.join("real.json5"), dir.join("hl.json5")).unwrap();
        }
        let env_txt = std::fs::read_to_string(case.join("env.txt")).unwrap_or_default();
        let mut opts = LoadOptions::default();
        for line in env_txt.lines() {
            if let Some(v) = line.strip_prefix("OPENCLAW_INCLUDE_ROOTS=") {
                let v = v.replace(&recorded_home, &home.display().to_string());
                // The recordings ran `openclaw` from $HOME.
                opts.include_roots = include_roots(&CaseEnv { home: home.clone() }, &v, &home);
            }
        }
        let root = home.join(".openclaw/openclaw.json");
        let cfg = load(&root, root.display().to_string(), String::new(), &opts).unwrap();
        let norm = |s: &str, h: &str| s.replace(h, "~H");
        let ours: Vec<String> =
            cfg.include_errors.iter().map(|e| norm(&e.message, &home.display().to_string())).collect();

        let validate: Value =
            serde_json::from_str(&std::fs::read_to_string(case.join("validate.json")).unwrap()).unwrap();
        let theirs: Vec<String> = validate["issues"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter(|i| i["path"] == "<root>")
                    .map(|i| norm(i["message"].as_str().unwrap(), &recorded_home))
                    .collect()
            })
            .unwrap_or_default();
        if theirs.is_empty() && !ours.is_empty() {
            failures.push(format!("{name}: OpenClaw found no include problem, clawlint says {ours:?}"));
        }
        if let Some((_, why, must)) = DEVIATIONS.iter().find(|(case, _, _)| *case == name) {
            // The include fails in both; clawlint refuses it for its own reason.
            if theirs.is_empty() || ours.len() != 1 || !ours[0].contains(must) {
                failures.push(format!("{name}: expected clawlint's own refusal ({why}), got {ours:?}"));
            }
            continue;
        }
        for t in &theirs {
            if !ours.iter().any(|o| o.starts_with(t.as_str())) {
                failures.push(format!("{name}: OpenClaw says {t:?}, clawlint says {ours:?}"));
            }
        }
        // Merged values, where OpenClaw printed them for a plain dotted path.
        if ours.is_empty() {
            let merged = cfg.merged.as_ref().unwrap();
            for entry in std::fs::read_dir(case).unwrap() {
                let file = entry.unwrap().file_name().to_string_lossy().to_string();
                let Some(path) = file.strip_prefix("get-").and_then(|f| f.strip_suffix(".json")) else { continue };
                if path.contains("__") {
                    continue; // bracketed key, encoded lossily in the file name
                }
                let want: Value = serde_json::from_str(&std::fs::read_to_string(case.join(&file)).unwrap()).unwrap();
                let got = merged.resolve_dotted(path).and_then(|p| merged.at(&p)).map(|n| n.to_json());
                if got.as_ref() != Some(&want) {
                    failures.push(format!("{name}: {path} = {got:?}, OpenClaw {want}"));
                }
                compared_values += 1;
            }
        }
    }
    assert!(failures.is_empty(), "{} disagreements:\n{}", failures.len(), failures.join("\n"));
    assert!(compared_values >= 20, "only {compared_values} merged values compared");
}
