//! Writing fixed files so that no run, crash, kill, concurrent run or planted file can lose a
//! config or a secret.
//!
//! 1. A config is written *through* a symlink to its target, and the link stays a link:
//!    dotfiles managed by stow, chezmoi or home-manager keep working (OpenClaw itself replaces
//!    the link with a regular file). So is the dotenv file a secret is moved to.
//! 2. [`begin`] takes an exclusive advisory lock on every file of the change, in path order,
//!    and checks that each still holds exactly the bytes clawlint read. Two clawlint runs on
//!    one file are serialised here: the second sees the first one's write and says so.
//! 3. Everything that can fail for lack of space is written before anything is renamed: the new
//!    content and the backup of the old, each in a fresh file (see [`crate::fsio::Temp`]:
//!    unpredictable name, `O_EXCL|O_NOFOLLOW`, mode 0600) beside its destination, flushed. A full
//!    disk leaves the config and the backup ring as they were.
//! 4. The file is compared once more, OpenClaw's backup ring turns (`.bak.4` dropped, `.bak.3` →
//!    `.bak.4` … `.bak` → `.bak.1`, the previous bytes become `<path>.bak`, mode 0600, exactly as
//!    OpenClaw 2026.9.6 keeps it), and, after a last comparison, the new file is renamed over
//!    the target (atomic) and the directory flushed.
//!
//! At every instant the target holds either the old or the new bytes in full. A writer that
//! ignores the lock (an editor, the gateway) is caught by the comparisons, up to the instant of
//! the rename. A hard-linked config is replaced by the rename: its other names keep the old
//! content (the README says so).

use crate::config::discover::Env;
use crate::engine::fix::FileChange;
use crate::fsio::{self, Temp};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Backups kept besides `<path>.bak`: `.bak.1` … `.bak.4`.
pub const BACKUP_SLOTS: usize = 4;

/// How long a run waits for another run's lock on the same file.
const LOCK_WAIT: Duration = Duration::from_secs(20);

/// The largest dotenv file clawlint rewrites.
const MAX_DOTENV_BYTES: u64 = 1 << 20;

#[derive(Debug)]
pub enum WriteError {
    /// The file changed on disk after clawlint read it.
    Changed {
        path: PathBuf,
    },
    /// Another process held a lock on the file for longer than clawlint waits.
    Busy {
        path: PathBuf,
    },
    /// The write is not possible as asked; `why` says what to do.
    Refused {
        path: PathBuf,
        why: String,
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
            WriteError::Busy { path } => write!(
                f,
                "{}: another process kept it locked for {} s; nothing was written",
                path.display(),
                LOCK_WAIT.as_secs()
            ),
            WriteError::Refused { path, why } => write!(f, "{}: {why}", path.display()),
            WriteError::Io { path, doing, source } => {
                write!(f, "{}: {doing}: {}", path.display(), fsio::reason(source))
            }
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

/// An error-mapper naming the file the user knows (never a temporary) and what was being done.
fn io(path: &Path, doing: &'static str) -> impl FnOnce(io::Error) -> WriteError {
    let path = path.to_path_buf();
    move |source| WriteError::Io { path, doing, source }
}

/// (device, inode): which file a handle or a path is.
#[cfg(unix)]
fn identity(m: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (m.dev(), m.ino())
}

#[cfg(not(unix))]
fn identity(m: &fs::Metadata) -> (u64, u64) {
    (m.len(), 0)
}

/// An exclusive advisory lock on the file a path names, held until dropped.
#[derive(Debug)]
struct Locked {
    /// The real path (symlinks resolved).
    real: PathBuf,
    /// The path the user knows, for messages.
    shown: PathBuf,
    file: File,
    identity: (u64, u64),
}

/// Open the regular file at `real` for reading without following a final symlink or blocking.
fn open_regular(real: &Path, shown: &Path) -> Result<File, WriteError> {
    let mut o = OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut o,
        libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC | libc::O_NOFOLLOW,
    );
    let file = o.open(real).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => WriteError::Changed { path: shown.to_path_buf() },
        _ => io(shown, "opening it")(e),
    })?;
    let meta = file.metadata().map_err(io(shown, "opening it"))?;
    if !meta.is_file() {
        return Err(WriteError::Refused {
            path: shown.to_path_buf(),
            why: "not a regular file; clawlint writes only regular files (nothing was written)".into(),
        });
    }
    Ok(file)
}

/// Lock the file `real` names now. If another run replaced it while this one waited, lock the
/// new file instead (the content check then tells whether it is still the one read).
fn lock(real: &Path, shown: &Path) -> Result<Locked, WriteError> {
    let deadline = Instant::now() + LOCK_WAIT;
    loop {
        let file = open_regular(real, shown)?;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(2))
                }
                Err(fs::TryLockError::WouldBlock) => return Err(WriteError::Busy { path: shown.to_path_buf() }),
                // A file system without locks (some network mounts): the comparisons remain.
                Err(fs::TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => break,
                Err(fs::TryLockError::Error(e)) => return Err(io(shown, "locking it")(e)),
            }
        }
        let held = identity(&file.metadata().map_err(io(shown, "locking it"))?);
        match fs::symlink_metadata(real) {
            Ok(now) if identity(&now) == held => {
                return Ok(Locked { real: real.to_path_buf(), shown: shown.to_path_buf(), file, identity: held });
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(WriteError::Changed { path: shown.into() }),
            Err(e) => return Err(io(shown, "locking it")(e)),
        }
    }
}

impl Locked {
    /// The path still names the locked file, and it holds exactly `expected`.
    fn unchanged(&self, expected: &[u8]) -> Result<(), WriteError> {
        let changed = || WriteError::Changed { path: self.shown.clone() };
        match fs::symlink_metadata(&self.real) {
            Ok(now) if identity(&now) == self.identity => {}
            Ok(_) => return Err(changed()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(changed()),
            Err(e) => return Err(io(&self.shown, "reading it again")(e)),
        }
        let mut now = Vec::with_capacity(expected.len() + 1);
        let mut f = &self.file;
        f.rewind().map_err(io(&self.shown, "reading it again"))?;
        f.take(expected.len() as u64 + 1).read_to_end(&mut now).map_err(io(&self.shown, "reading it again"))?;
        if now != expected {
            return Err(changed());
        }
        Ok(())
    }

    fn read_all(&self, cap: u64) -> Result<Vec<u8>, WriteError> {
        let mut out = Vec::new();
        let mut f = &self.file;
        f.rewind().map_err(io(&self.shown, "reading it"))?;
        f.take(cap + 1).read_to_end(&mut out).map_err(io(&self.shown, "reading it"))?;
        if out.len() as u64 > cap {
            return Err(WriteError::Refused {
                path: self.shown.clone(),
                why: format!("larger than {}; clawlint does not rewrite it", fsio::size(cap)),
            });
        }
        Ok(out)
    }
}

/// The changed files of one config, locked and checked: ready to be written.
#[derive(Debug)]
pub struct Transaction<'a> {
    changes: &'a [FileChange],
    /// One lock per change, in the same order.
    locks: Vec<Locked>,
}

/// Lock every file of `changes` (in path order, so two runs never wait for each other in a
/// circle) and check that each still holds the bytes read. Nothing is written yet.
pub fn begin(changes: &[FileChange]) -> Result<Transaction<'_>, WriteError> {
    let mut real = Vec::with_capacity(changes.len());
    for c in changes {
        if fs::metadata(&c.path).is_ok_and(|m| !m.is_file()) {
            return Err(WriteError::Refused {
                path: c.path.clone(),
                why: "not a regular file (a pipe?): clawlint can show the fixes (--diff) but not write them".into(),
            });
        }
        real.push(fs::canonicalize(&c.path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => WriteError::Changed { path: c.path.clone() },
            _ => io(&c.path, "resolving the path")(e),
        })?);
    }
    let mut order: Vec<usize> = (0..changes.len()).collect();
    order.sort_by(|a, b| real[*a].cmp(&real[*b]));
    let mut locks: Vec<Option<Locked>> = (0..changes.len()).map(|_| None).collect();
    for i in order {
        let l = lock(&real[i], &changes[i].path)?;
        l.unchanged(changes[i].original.as_bytes())?;
        locks[i] = Some(l);
    }
    Ok(Transaction { changes, locks: locks.into_iter().map(|l| l.expect("every change locked")).collect() })
}

impl Transaction<'_> {
    /// Write every file; `done` is told about each one written.
    pub fn write_all(&self, done: &mut dyn FnMut(&FileChange, &Written)) -> Result<(), WriteError> {
        for (change, lock) in self.changes.iter().zip(&self.locks) {
            let w = replace(lock, change)?;
            done(change, &w);
        }
        Ok(())
    }
}

/// Every file a config was read from that the fixes do not change (its includes) must still
/// hold the bytes read: the fixes were worked out from them.
pub fn unchanged_inputs(inputs: &[(&Path, &str)]) -> Result<(), WriteError> {
    for (path, text) in inputs {
        let limits = fsio::ReadLimits { cap: text.len() as u64, allow_pipe: false };
        match fsio::read(path, limits) {
            Ok(now) if now == text.as_bytes() => {}
            _ => return Err(WriteError::Changed { path: path.to_path_buf() }),
        }
    }
    Ok(())
}

/// Replace (or create) `path` with `bytes` through a fresh temporary file beside it (see
/// [`Temp`]) and a rename: readers see the old file or the new one, whole, and the file keeps
/// its mode (a new one gets 0644). For maintainer tools writing data files; configs go through
/// [`begin`] and [`commit`], which also lock and check what they replace.
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let dir = parent(path);
    fs::create_dir_all(&dir).map_err(io(&dir, "creating it"))?;
    let mut tmp = Temp::create(&dir, &file_name(path)).map_err(io(path, "creating a temporary file beside it"))?;
    tmp.file().write_all(bytes).map_err(io(path, "writing"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).map(|m| m.permissions().mode() & 0o7777).unwrap_or(0o644);
        fs::set_permissions(tmp.path(), fs::Permissions::from_mode(mode)).map_err(io(path, "setting the mode"))?;
    }
    tmp.persist(path).map_err(io(path, "replacing it"))
}

/// Write one fixed file safely (see the module docs).
pub fn commit(change: &FileChange) -> Result<Written, WriteError> {
    let tx = begin(std::slice::from_ref(change))?;
    replace(&tx.locks[0], change)
}

fn file_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

fn parent(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Steps 3 and 4 of the module docs, for one locked file.
fn replace(lock: &Locked, change: &FileChange) -> Result<Written, WriteError> {
    let shown = &change.path;
    let target = &lock.real;
    let dir = parent(target);
    let meta = lock.file.metadata().map_err(io(shown, "reading its permissions"))?;
    let mut new = Temp::create(&dir, &file_name(target)).map_err(io(shown, "creating a file beside it"))?;
    new.file().write_all(change.fixed.as_bytes()).map_err(io(shown, "writing the new content"))?;
    keep_owner_and_mode(new.file(), &meta).map_err(io(shown, "keeping its mode"))?;
    new.file().sync_all().map_err(io(shown, "writing the new content"))?;

    let bak = backup_path(shown, 0);
    let bak_dir = parent(&bak);
    let mut old = Temp::create(&bak_dir, &file_name(&bak)).map_err(io(&bak, "creating the backup"))?;
    old.file().write_all(change.original.as_bytes()).map_err(io(&bak, "writing the backup"))?;

    lock.unchanged(change.original.as_bytes())?;
    rotate_backups(shown)?;
    old.persist(&bak).map_err(io(&bak, "writing the backup"))?;
    lock.unchanged(change.original.as_bytes())?;
    new.persist(target).map_err(io(shown, "replacing it"))?;
    sync_dir(&dir).map_err(io(shown, "flushing its directory"))?;
    if bak_dir != dir {
        sync_dir(&bak_dir).map_err(io(&bak, "flushing its directory"))?;
    }
    Ok(Written { target: target.clone(), backup: bak })
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

/// Turn the ring: drop `.bak.4`, move `.bak.3` → `.bak.4` … `.bak` → `.bak.1`. Renames move a
/// planted symlink itself, never what it points to.
fn rotate_backups(path: &Path) -> Result<(), WriteError> {
    let oldest = backup_path(path, BACKUP_SLOTS);
    match fs::remove_file(&oldest) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(&oldest, "removing the oldest backup")(e)),
    }
    for slot in (0..BACKUP_SLOTS).rev() {
        let from = backup_path(path, slot);
        match fs::rename(&from, backup_path(path, slot + 1)) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&from, "rotating backups")(e)),
        }
    }
    Ok(())
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

/// The file a dotenv path names: through a symlink to its target, like a config.
fn dotenv_target(path: &Path) -> Result<PathBuf, WriteError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path).map_err(|_| WriteError::Refused {
            path: path.to_path_buf(),
            why: "a symlink to a missing file; create its target first (nothing was written)".into(),
        }),
        _ => Ok(path.to_path_buf()),
    }
}

/// Lock the dotenv file at `real`, creating it empty (mode 0600, directory 0700) when missing.
/// Returns the lock and whether this call created the file.
fn lock_dotenv(real: &Path, shown: &Path) -> Result<(Locked, bool), WriteError> {
    let dir = parent(real);
    if !dir.exists() {
        let mut b = fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        b.create(&dir).map_err(io(&dir, "creating the directory"))?;
    }
    let mut o = OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600).custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC);
    }
    let created = match o.open(real) {
        Ok(_) => true,
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => false,
        Err(e) => return Err(io(shown, "creating it")(e)),
    };
    match lock(real, shown) {
        Ok(l) => Ok((l, created)),
        Err(e) => {
            if created {
                let _ = fs::remove_file(real);
            }
            Err(e)
        }
    }
}

/// Append each `NAME=value` of `vars` to the dotenv file at `path` (through a symlink to its
/// target). A missing file is created with mode 0600 (its directory 0700); an existing one is
/// rewritten atomically under a lock, mode tightened to 0600. All or nothing: a `NAME` the file
/// already sets to another value refuses the whole call before anything is written, so no
/// secret is ever overwritten. Returns the names added (those already set to the same value
/// are left alone).
pub fn store_secrets(path: &Path, vars: &[(&str, &str)]) -> Result<Vec<String>, WriteError> {
    let real = dotenv_target(path)?;
    let (lock, created) = lock_dotenv(&real, path)?;
    let result = store_locked(&lock, path, vars);
    if created && !matches!(&result, Ok(added) if !added.is_empty()) {
        let _ = fs::remove_file(&real);
    }
    result
}

fn store_locked(lock: &Locked, path: &Path, vars: &[(&str, &str)]) -> Result<Vec<String>, WriteError> {
    let old = lock.read_all(MAX_DOTENV_BYTES)?;
    let old_text = String::from_utf8_lossy(&old);
    let mut added: Vec<String> = Vec::new();
    let mut text = old_text.clone().into_owned();
    for (name, value) in vars {
        match defined(&old_text, name) {
            Some(v) if v == *value => continue,
            Some(_) => {
                return Err(WriteError::Refused {
                    path: path.to_path_buf(),
                    why: format!(
                        "{name} is already set there to another value; move the secret by hand (nothing was written)"
                    ),
                });
            }
            None if added.iter().any(|a| a == name) => continue,
            None => {}
        }
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&format!("{name}={}\n", dotenv_quote(value)));
        added.push((*name).to_owned());
    }
    if added.is_empty() {
        return Ok(added);
    }
    let dir = parent(&lock.real);
    let mut tmp = Temp::create(&dir, &file_name(&lock.real)).map_err(io(path, "creating a file beside it"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = lock.file.metadata() {
            let _ = std::os::unix::fs::fchown(tmp.file(), Some(m.uid()), Some(m.gid()));
        }
    }
    tmp.file().write_all(text.as_bytes()).map_err(io(path, "writing the new content"))?;
    lock.unchanged(&old)?;
    tmp.persist(&lock.real).map_err(io(path, "replacing it"))?;
    let _ = sync_dir(&dir);
    Ok(added)
}

/// The value `name` has in dotenv text, if it is set there.
fn defined<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    for line in text.lines() {
        let l = line.trim_start();
        let l = l.strip_prefix("export ").unwrap_or(l);
        if let Some((k, v)) = l.split_once('=')
            && k.trim() == name
        {
            let v = v.trim();
            return Some(
                v.strip_prefix('"')
                    .and_then(|r| r.strip_suffix('"'))
                    .or_else(|| v.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')))
                    .unwrap_or(v),
            );
        }
    }
    None
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
        assert_eq!(store_secrets(&env, &[("A_KEY", "sk-proj-abc")]).unwrap(), ["A_KEY"]);
        assert_eq!(fs::read_to_string(&env).unwrap(), "A_KEY=sk-proj-abc\n");
        assert_eq!(fs::metadata(&env).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(fs::metadata(env.parent().unwrap()).unwrap().permissions().mode() & 0o777, 0o700);
        assert!(store_secrets(&env, &[("A_KEY", "sk-proj-abc")]).unwrap().is_empty());
        // All or nothing: B is not appended when A_KEY conflicts.
        let e = store_secrets(&env, &[("B", "fine-value"), ("A_KEY", "zzq-value")]).unwrap_err().to_string();
        assert!(e.contains("already set there") && !e.contains("zzq"), "{e}");
        assert_eq!(fs::read_to_string(&env).unwrap(), "A_KEY=sk-proj-abc\n");
        assert_eq!(store_secrets(&env, &[("B", "has space")]).unwrap(), ["B"]);
        assert_eq!(fs::read_to_string(&env).unwrap(), "A_KEY=sk-proj-abc\nB='has space'\n");
        // Nothing but the file itself in the directory: no temporaries left.
        assert_eq!(fs::read_dir(env.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn a_symlinked_dotenv_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("secrets.env");
        fs::write(&real, "X=1\n").unwrap();
        let state = dir.path().join("state");
        fs::create_dir(&state).unwrap();
        std::os::unix::fs::symlink(&real, state.join(".env")).unwrap();
        store_secrets(&state.join(".env"), &[("K", "v")]).unwrap();
        assert!(fs::symlink_metadata(state.join(".env")).unwrap().file_type().is_symlink());
        assert_eq!(fs::read_to_string(&real).unwrap(), "X=1\nK=v\n");
        // A FIFO where the dotenv file should be: refused at once, never opened for reading.
        let fifo = dir.path().join("fifo.env");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        let e = store_secrets(&fifo, &[("K", "v")]).unwrap_err().to_string();
        assert!(e.contains("not a regular file"), "{e}");
    }
}
