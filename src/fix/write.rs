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

/// Append `NAME=value` to the dotenv file at `path`: created with mode 0600 (its directory
/// 0700) when missing, else rewritten atomically keeping its mode (tightened to 0600). A
/// `NAME` the file already defines is left alone when the value is the same and refused
/// otherwise, so no secret is ever overwritten. Returns whether the file changed.
pub fn store_secret(path: &Path, name: &str, value: &str) -> Result<bool, WriteError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    if !dir.exists() {
        let mut b = fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        b.create(dir).map_err(io(dir, "creating the directory"))?;
    }
    let old = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
        Err(source) => return Err(WriteError::Io { path: path.to_path_buf(), doing: "reading it", source }),
    };
    for line in old.lines() {
        let l = line.trim_start();
        let l = l.strip_prefix("export ").unwrap_or(l);
        if let Some((k, v)) = l.split_once('=')
            && k.trim() == name
        {
            let v = v.trim();
            let unquoted = v
                .strip_prefix('"')
                .and_then(|r| r.strip_suffix('"'))
                .or_else(|| v.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')))
                .unwrap_or(v);
            if unquoted == value {
                return Ok(false);
            }
            return Err(WriteError::Io {
                path: path.to_path_buf(),
                doing: "adding the secret",
                source: io::Error::other(format!(
                    "{name} is already set there to another value; move the secret by hand (nothing was written)"
                )),
            });
        }
    }
    let mut text = old;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&format!("{name}={}\n", dotenv_quote(value)));
    let meta = fs::metadata(path).ok();
    let tmp = {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = dir.join(format!(".{name}.clawlint-{}.tmp", std::process::id()));
        let mut opts = OpenOptions::new();
        opts.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let mut f = opts.open(&tmp).map_err(io(&tmp, "creating a temporary file"))?;
        let r = (|| {
            #[cfg(unix)]
            if let Some(m) = &meta {
                use std::os::unix::fs::MetadataExt;
                let _ = std::os::unix::fs::fchown(&f, Some(m.uid()), Some(m.gid()));
            }
            #[cfg(unix)]
            f.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
            f.write_all(text.as_bytes())?;
            f.sync_all()
        })();
        if let Err(source) = r {
            let _ = fs::remove_file(&tmp);
            return Err(WriteError::Io { path: tmp, doing: "writing the new content", source });
        }
        tmp
    };
    if let Err(source) = fs::rename(&tmp, path) {
        let _ = fs::remove_file(&tmp);
        return Err(WriteError::Io { path: path.to_path_buf(), doing: "replacing it", source });
    }
    let _ = sync_dir(dir);
    Ok(true)
}

/// A dotenv value: bare when it is plain, else quoted so `dotenv` reads it back unchanged.
fn dotenv_quote(v: &str) -> String {
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-.:/+=@,".contains(&b)) {
        v.to_owned()
    } else if !v.contains('\'') && !v.contains('\n') {
        format!("'{v}'")
    } else {
        format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n"))
    }
}

/// Set the permission bits of `path` (Unix; elsewhere a no-op).
pub fn chmod(path: &Path, mode: u32) -> Result<(), WriteError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).map_err(io(path, "changing its mode"))?;
    }
    #[cfg(not(unix))]
    let _ = (path, mode);
    Ok(())
}

#[cfg(all(test, unix))]
mod secret_tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn stores_secrets_without_overwriting() {
        let dir = tempfile::tempdir().unwrap();
        let env = dir.path().join("state/.env");
        assert!(store_secret(&env, "A_KEY", "sk-proj-abc").unwrap());
        assert_eq!(fs::read_to_string(&env).unwrap(), "A_KEY=sk-proj-abc\n");
        assert_eq!(fs::metadata(&env).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(fs::metadata(env.parent().unwrap()).unwrap().permissions().mode() & 0o777, 0o700);
        assert!(!store_secret(&env, "A_KEY", "sk-proj-abc").unwrap());
        let e = store_secret(&env, "A_KEY", "zzq-value").unwrap_err().to_string();
        assert!(e.contains("already set there") && !e.contains("zzq"), "{e}");
        assert!(store_secret(&env, "B", "has space").unwrap());
        assert_eq!(fs::read_to_string(&env).unwrap(), "A_KEY=sk-proj-abc\nB='has space'\n");
    }
}
