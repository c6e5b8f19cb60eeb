//! Writing a fixed file so that no run, crash or kill can lose the config.
//!
//! 1. The config path is resolved through symlinks: dotfiles managed by stow, chezmoi or
//!    home-manager are written *through* the link to its target and the link stays a link
//!    (OpenClaw itself replaces the link with a regular file, facts §15).
//! 2. The file must still hold exactly the bytes clawlint read; otherwise nothing is written.
//! 3. The new bytes go to a temporary file in the target's directory, with the target's mode
//!    (and owner, where permitted), and are flushed to disk.
//! 4. The file is compared once more, then OpenClaw's backup ring turns: `<path>.bak.4` is
//!    dropped, `.bak.3` → `.bak.4` … `.bak` → `.bak.1`, and the previous bytes become
//!    `<path>.bak` (mode 0600), exactly as OpenClaw 2026.9.6 keeps it (facts §15).
//! 5. The temporary file is renamed over the target (atomic) and the directory is flushed.
//!
//! At every instant the target holds either the old or the new bytes in full.

use super::engine::FileChange;
use crate::config::discover::Env;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Backups kept besides `<path>.bak`: `.bak.1` … `.bak.4`.
pub const BACKUP_SLOTS: usize = 4;

#[derive(Debug)]
pub enum WriteError {
    /// The file changed on disk after clawlint read it.
    Changed {
        path: PathBuf,
    },
    Io {
        path: PathBuf,
        doing: &'static str,
        source: io::Error,
    },
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Changed { path } => write!(
                f,
                "{} changed on disk while clawlint was working on it; nothing was written. Run clawlint again",
                path.display()
            ),
            WriteError::Io { path, doing, source } => write!(f, "{}: {doing}: {source}", path.display()),
        }
    }
}

impl std::error::Error for WriteError {}

/// What a write did.
#[derive(Debug, Clone, PartialEq)]
pub struct Written {
    /// The file the bytes went to (the symlink's target for a symlinked config).
    pub target: PathBuf,
    pub backup: PathBuf,
}

/// Why writing is not allowed in this environment, in OpenClaw's terms (its own writers refuse
/// under the same variables: `resolveIsConfigReadOnly` in 2026.9.6 checks for exactly `1`).
pub fn read_only(env: &dyn Env) -> Option<&'static str> {
    if env.var("OPENCLAW_CONFIG_READONLY").as_deref() == Some("1") {
        Some("OPENCLAW_CONFIG_READONLY=1: the config is externally managed and OpenClaw treats it as immutable")
    } else if env.var("OPENCLAW_NIX_MODE").as_deref() == Some("1") {
        Some("OPENCLAW_NIX_MODE=1: the config is managed by Nix; change it in your Nix configuration")
    } else {
        None
    }
}

/// An error-mapper naming the file and what was being done to it.
fn io(path: &Path, doing: &'static str) -> impl FnOnce(io::Error) -> WriteError {
    let path = path.to_path_buf();
    move |source| WriteError::Io { path, doing, source }
}

/// Write one fixed file safely (see the module docs).
pub fn commit(change: &FileChange) -> Result<Written, WriteError> {
    let target = fs::canonicalize(&change.path).map_err(io(&change.path, "resolving the path"))?;
    let unchanged = |target: &Path| -> Result<(), WriteError> {
        let now = fs::read(target).map_err(io(target, "reading it again"))?;
        if now != change.original.as_bytes() {
            return Err(WriteError::Changed { path: change.path.clone() });
        }
        Ok(())
    };
    unchanged(&target)?;
    let meta = fs::metadata(&target).map_err(io(&target, "reading its permissions"))?;
    let dir = target.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));

    let tmp = write_temp(&dir, &target, change.fixed.as_bytes(), &meta)?;
    let finish = || -> Result<Written, WriteError> {
        unchanged(&target)?;
        let backup = rotate_backups(&change.path, change.original.as_bytes())?;
        fs::rename(&tmp, &target).map_err(io(&target, "replacing it"))?;
        sync_dir(&dir).map_err(io(&dir, "flushing the directory"))?;
        Ok(Written { target: target.clone(), backup })
    };
    let result = finish();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// A new file beside `target` holding `bytes`, with `target`'s mode and owner, flushed.
fn write_temp(dir: &Path, target: &Path, bytes: &[u8], meta: &fs::Metadata) -> Result<PathBuf, WriteError> {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    remove_stale_temps(dir, &name);
    let mut attempt = 0u32;
    loop {
        let tmp = dir.join(format!(".{name}.clawlint-{}-{attempt}.tmp", std::process::id()));
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        match opts.open(&tmp) {
            Ok(mut file) => {
                let result = (|| {
                    file.write_all(bytes)?;
                    keep_owner_and_mode(&file, meta)?;
                    file.sync_all()
                })();
                return match result {
                    Ok(()) => Ok(tmp),
                    Err(source) => {
                        let _ = fs::remove_file(&tmp);
                        Err(WriteError::Io { path: tmp, doing: "writing the new content", source })
                    }
                };
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(source) => return Err(WriteError::Io { path: tmp, doing: "creating a temporary file", source }),
        }
    }
}

/// Temporary files of earlier clawlint runs that were killed mid-write (their process is gone).
/// Only on Linux, where `/proc` tells whether a process still runs.
fn remove_stale_temps(dir: &Path, name: &str) {
    if !cfg!(target_os = "linux") {
        return;
    }
    let prefix = format!(".{name}.clawlint-");
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(rest) = file.to_str().and_then(|f| f.strip_prefix(&prefix)) else { continue };
        let Some(pid) = rest.strip_suffix(".tmp").and_then(|r| r.split('-').next()) else { continue };
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn keep_owner_and_mode(file: &File, meta: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    // Only root can give a file away; for everyone else the owner is already theirs.
    let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
    file.set_permissions(meta.permissions())
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &File, meta: &fs::Metadata) -> io::Result<()> {
    file.set_permissions(meta.permissions())
}

fn backup_path(path: &Path, slot: usize) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(if slot == 0 { ".bak".to_string() } else { format!(".bak.{slot}") });
    PathBuf::from(name)
}

/// Turn the ring and store `previous` as `<path>.bak`. Returns the `.bak` path.
fn rotate_backups(path: &Path, previous: &[u8]) -> Result<PathBuf, WriteError> {
    let oldest = backup_path(path, BACKUP_SLOTS);
    match fs::remove_file(&oldest) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(&oldest, "removing the oldest backup")(e)),
    }
    for slot in (0..BACKUP_SLOTS).rev() {
        let from = backup_path(path, slot);
        let to = backup_path(path, slot + 1);
        match fs::rename(&from, &to) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&from, "rotating backups")(e)),
        }
    }
    let bak = backup_path(path, 0);
    let dir = bak.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let name = bak.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    remove_stale_temps(&dir, &name);
    let tmp = dir.join(format!(".{name}.clawlint-{}.tmp", std::process::id()));
    let write = || -> io::Result<()> {
        let mut opts = OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let mut file = opts.open(&tmp)?;
        file.write_all(previous)?;
        file.sync_all()?;
        fs::rename(&tmp, &bak)
    };
    write().map_err(|e| {
        let _ = fs::remove_file(&tmp);
        io(&bak, "writing the backup")(e)
    })?;
    Ok(bak)
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}
