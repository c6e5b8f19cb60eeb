//! Which files `clawlint doctor PATHS…` checks: files as given, directories searched for
//! configs, or (with no paths) the file OpenClaw itself would read.

use std::path::{Path, PathBuf};

/// A root config to lint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub path: PathBuf,
    /// How to show the path.
    pub display: String,
    /// Why it is linted.
    pub reason: String,
}

/// Directories never searched.
const SKIP_DIRS: &[&str] = &[".git", "node_modules", "target", ".hg", ".svn"];

/// Whether a file found in a directory looks like an OpenClaw config.
pub fn is_config_name(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name == "openclaw.json" || name == "clawdbot.json" || name.ends_with(".json5")
}

/// Expand the given paths. Missing or unreadable paths come back as errors naming them.
pub fn collect(paths: &[PathBuf]) -> (Vec<Found>, Vec<String>) {
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let display = p.display().to_string();
        match std::fs::metadata(p) {
            Err(e) => errors.push(format!("{display}: {}", io_reason(&e))),
            Ok(m) if m.is_dir() => {
                let mut found: Vec<PathBuf> = Vec::new();
                let walker = walkdir::WalkDir::new(p).follow_links(false).into_iter().filter_entry(|e| {
                    !(e.file_type().is_dir() && e.depth() > 0 && SKIP_DIRS.iter().any(|s| e.file_name() == *s))
                });
                for entry in walker {
                    match entry {
                        Ok(e)
                            if (e.file_type().is_file() || e.file_type().is_symlink()) && is_config_name(e.path()) =>
                        {
                            found.push(e.into_path())
                        }
                        Ok(_) => {}
                        Err(e) => errors.push(format!(
                            "{}: {}",
                            e.path().unwrap_or(p).display(),
                            e.io_error().map_or_else(|| e.to_string(), io_reason)
                        )),
                    }
                }
                found.sort();
                if found.is_empty() {
                    errors.push(format!("{display}: no openclaw.json or *.json5 config in this directory"));
                }
                targets.extend(found.into_iter().map(|f| Found {
                    display: f.display().to_string(),
                    path: f,
                    reason: format!("found in {display}"),
                }));
            }
            Ok(_) => targets.push(Found { path: p.clone(), display, reason: "named on the command line".into() }),
        }
    }
    (targets, errors)
}

/// For a named file that is not itself a root config (`agents.json5`), the config that
/// `$include`s it: the nearest `openclaw.json` or `clawdbot.json` in its directory or above (up
/// to the repository root) whose includes reach it. pre-commit passes only the staged files, and
/// an include checked on its own would be judged as a whole config.
pub fn owning_root(path: &Path, opts: &crate::config::LoadOptions) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    if name == "openclaw.json" || name == "clawdbot.json" {
        return None;
    }
    let me = std::fs::canonicalize(path).ok()?;
    for dir in me.parent()?.ancestors() {
        for root in ["openclaw.json", "clawdbot.json"].map(|n| dir.join(n)) {
            if !root.is_file() {
                continue;
            }
            let Ok(config) = crate::config::load(&root, root.display().to_string(), String::new(), opts) else {
                continue;
            };
            let includes_me =
                config.files.iter().skip(1).any(|f| std::fs::canonicalize(&f.path).is_ok_and(|p| p == me));
            if includes_me {
                return Some(root);
            }
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    None
}

/// A short, stable reason for an I/O error (no OS error numbers).
pub fn io_reason(e: &std::io::Error) -> String {
    crate::fsio::reason(e)
}
