//! Every file clawlint reads or creates goes through here.
//!
//! Reading ([`read`]): the file is opened without blocking and judged by what was opened, not
//! by its name. Only a regular file is read; a FIFO only where the caller allows it (a path
//! named on the command line, such as `/dev/stdin` or `<(…)`), never one found by a search, an
//! `$include` or a setting. Kernel pseudo-files (procfs, sysfs, …) are refused although they
//! claim to be regular files: a committed symlink to `/proc/self/environ` must not print a CI
//! job's environment. The cap counts the bytes actually read, because `/proc` files report a
//! size of 0.
//!
//! Creating ([`Temp`]): an unpredictable name beside the destination, opened with
//! `O_CREAT|O_EXCL|O_NOFOLLOW` and mode 0600 from the first instant, so a symlink or FIFO
//! planted at the name is never followed or opened; removed unless it was renamed into place.
//! Temporaries of runs that were killed are removed by the next run ([`remove_stale`]).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// How much to read, and whether a pipe is acceptable.
#[derive(Debug, Clone, Copy)]
pub struct ReadLimits {
    /// At most this many bytes; a longer input is refused.
    pub cap: u64,
    /// Read a FIFO or socket too (only for paths the user named on the command line).
    pub allow_pipe: bool,
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    Io(io::Error),
    /// A directory, device, FIFO or socket.
    NotRegular(&'static str),
    /// A file of a kernel pseudo-file system.
    Pseudo(&'static str),
    TooLarge {
        cap: u64,
    },
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => f.write_str(&reason(e)),
            ReadError::NotRegular("a directory") => f.write_str("is a directory"),
            ReadError::NotRegular(what) => {
                write!(f, "is {what}, not a regular file; clawlint reads only regular files")
            }
            ReadError::Pseudo(fs) => {
                write!(f, "is a kernel pseudo-file ({fs}), not a config file; clawlint does not read it")
            }
            ReadError::TooLarge { cap } => write!(f, "is larger than {}; clawlint does not read it", size(*cap)),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

impl From<ReadError> for io::Error {
    fn from(e: ReadError) -> Self {
        match e {
            ReadError::Io(e) => e,
            ReadError::NotRegular("a directory") => io::Error::new(io::ErrorKind::IsADirectory, "is a directory"),
            other => io::Error::new(io::ErrorKind::InvalidInput, other.to_string()),
        }
    }
}

/// A short reason for an I/O error, without the OS error number (`permission denied`).
pub fn reason(e: &io::Error) -> String {
    use io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "is a directory".into(),
        NotADirectory => "a component of the path is not a directory".into(),
        StorageFull => "no space left on the device".into(),
        FileTooLarge => "the file is too large for the file system or the process's file size limit".into(),
        ReadOnlyFilesystem => "the file system is read-only".into(),
        _ => {
            let s = e.to_string();
            match s.rfind(" (os error ") {
                Some(i) if s.ends_with(')') => s[..i].to_lowercase(),
                _ => s,
            }
        }
    }
}

/// `2 MiB`, `512 bytes`.
pub fn size(n: u64) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else if n >= 1 << 10 && n.is_multiple_of(1 << 10) {
        format!("{} KiB", n >> 10)
    } else {
        format!("{n} bytes")
    }
}

/// Read `path` within `limits` (see the module docs).
pub fn read(path: &Path, limits: ReadLimits) -> Result<Vec<u8>, ReadError> {
    let file = match open_nonblocking(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound && fs::symlink_metadata(path).is_ok() => {
            return Err(ReadError::NotRegular("a symlink to a missing file"));
        }
        Err(e) => return Err(e.into()),
    };
    let meta = file.metadata()?;
    let pipe = check_kind(&meta, limits.allow_pipe)?;
    if pipe {
        set_blocking(&file)?;
    } else {
        pseudo_fs(&file)?;
    }
    if !pipe && meta.len() > limits.cap {
        return Err(ReadError::TooLarge { cap: limits.cap });
    }
    let hint = if pipe { 0 } else { meta.len().min(limits.cap) as usize + 1 };
    let mut buf = Vec::with_capacity(hint);
    file.take(limits.cap + 1).read_to_end(&mut buf)?;
    if buf.len() as u64 > limits.cap {
        return Err(ReadError::TooLarge { cap: limits.cap });
    }
    Ok(buf)
}

/// [`read`], as UTF-8 text.
pub fn read_text(path: &Path, limits: ReadLimits) -> Result<String, ReadError> {
    String::from_utf8(read(path, limits)?).map_err(|e| {
        ReadError::Io(io::Error::new(io::ErrorKind::InvalidData, format!("not UTF-8 text ({})", e.utf8_error())))
    })
}

fn open_nonblocking(path: &Path) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut o, libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC);
    o.open(path)
}

/// Whether the opened file may be read; `Ok(true)` for an allowed pipe.
fn check_kind(meta: &fs::Metadata, allow_pipe: bool) -> Result<bool, ReadError> {
    let ft = meta.file_type();
    if ft.is_file() {
        return Ok(false);
    }
    if ft.is_dir() {
        return Err(ReadError::NotRegular("a directory"));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() || ft.is_socket() {
            return if allow_pipe { Ok(true) } else { Err(ReadError::NotRegular("a FIFO (named pipe)")) };
        }
        if ft.is_char_device() {
            return Err(ReadError::NotRegular("a character device"));
        }
        if ft.is_block_device() {
            return Err(ReadError::NotRegular("a block device"));
        }
    }
    Err(ReadError::NotRegular("a special file"))
}

#[cfg(unix)]
fn set_blocking(file: &File) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: fcntl on a descriptor this function borrows; no memory is passed.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: as above.
    if unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(not(unix))]
fn set_blocking(_: &File) -> io::Result<()> {
    Ok(())
}

/// Kernel pseudo-file systems, by `statfs` magic (linux/magic.h). Their "regular files" are
/// generated on read: the environment, memory maps, device state.
#[cfg(target_os = "linux")]
const PSEUDO_FS: &[(u64, &str)] = &[
    (0x9fa0, "procfs"),
    (0x6265_6572, "sysfs"),
    (0x6462_6720, "debugfs"),
    (0x7472_6163, "tracefs"),
    (0x7363_6673, "securityfs"),
    (0x0027_e0eb, "cgroupfs"),
    (0x6367_7270, "cgroup2fs"),
    (0x6265_6570, "configfs"),
    (0xde5e_81e4, "efivarfs"),
    (0xcafe_4a11, "bpffs"),
    (0x6165_676c, "pstore"),
    (0x6573_5543, "fusectl"),
    (0xf97c_ff8c, "selinuxfs"),
    (0x4341_5d53, "smackfs"),
    (0x4249_4e4d, "binfmt_misc"),
];

#[cfg(target_os = "linux")]
fn pseudo_fs(file: &File) -> Result<(), ReadError> {
    use std::os::fd::AsRawFd;
    // SAFETY: statfs is plain data; fstatfs fills it for a descriptor this function borrows.
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: as above; `st` outlives the call.
    if unsafe { libc::fstatfs(file.as_raw_fd(), &mut st) } != 0 {
        return Ok(()); // cannot tell: judge the file by what it holds
    }
    let magic = (st.f_type as u64) & 0xffff_ffff;
    match PSEUDO_FS.iter().find(|(m, _)| *m == magic) {
        Some((_, name)) => Err(ReadError::Pseudo(name)),
        None => Ok(()),
    }
}

#[cfg(not(target_os = "linux"))]
fn pseudo_fs(_: &File) -> Result<(), ReadError> {
    Ok(())
}

/// A file clawlint creates: see the module docs. Removed when dropped unless [`Temp::persist`]
/// renamed it into place.
#[derive(Debug)]
pub struct Temp {
    path: PathBuf,
    file: Option<File>,
}

impl Temp {
    /// A new private file in `dir` for the file named `base`.
    pub fn create(dir: &Path, base: &str) -> io::Result<Temp> {
        remove_stale(dir, base);
        let mut last = None;
        for _ in 0..64 {
            let path = dir.join(format!("{}{}.tmp", temp_prefix(base), unpredictable()));
            let mut o = OpenOptions::new();
            o.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                o.mode(0o600).custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC);
            }
            match o.open(&path) {
                Ok(file) => return Ok(Temp { path, file: Some(file) }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
    }

    pub fn file(&mut self) -> &mut File {
        self.file.as_mut().expect("open until persisted")
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flush to disk and rename over `to` (atomic within one file system).
    pub fn persist(mut self, to: &Path) -> io::Result<()> {
        if let Some(f) = self.file.take() {
            f.sync_all()?;
        }
        fs::rename(&self.path, to)?;
        self.path = PathBuf::new();
        Ok(())
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.path);
        }
    }
}

fn temp_prefix(base: &str) -> String {
    format!(".{base}.clawlint-{}-", std::process::id())
}

/// A new private (0700) directory under `parent` with an unpredictable name; never an existing
/// one, so nothing planted there (a link, another user's directory) is used.
pub fn private_dir(parent: &Path, prefix: &str) -> io::Result<PathBuf> {
    let mut last = None;
    for _ in 0..64 {
        let path = parent.join(format!("{prefix}{}", unpredictable()));
        let mut b = fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            b.mode(0o700);
        }
        match b.create(&path) {
            Ok(()) => return Ok(path),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free directory name")))
}

/// 64 bits no other process can predict: std's hasher keys come from the OS's random source.
pub fn unpredictable() -> String {
    use std::hash::{BuildHasher, RandomState};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("{:016x}", RandomState::new().hash_one((n, t)))
}

/// Temporaries of `base` left by clawlint runs whose process is gone (killed mid-write). Only
/// on Linux, where `/proc` tells whether a process still runs. Never follows a link: a stale
/// name is only unlinked.
pub fn remove_stale(dir: &Path, base: &str) {
    if !cfg!(target_os = "linux") {
        return;
    }
    let prefix = format!(".{base}.clawlint-");
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|f| f.strip_prefix(&prefix)) else { continue };
        let Some(pid) = rest.strip_suffix(".tmp").and_then(|r| r.split('-').next()) else { continue };
        if pid.parse::<u32>().is_ok_and(|p| p != std::process::id()) && !Path::new("/proc").join(pid).exists() {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    const LIMITS: ReadLimits = ReadLimits { cap: 1 << 20, allow_pipe: false };

    #[test]
    fn private_dirs_are_new_unpredictable_and_0700() {
        use std::os::unix::fs::PermissionsExt;
        let a = private_dir(&std::env::temp_dir(), "clawlint-fsio-test-").unwrap();
        let b = private_dir(&std::env::temp_dir(), "clawlint-fsio-test-").unwrap();
        assert_ne!(a, b);
        assert_eq!(fs::metadata(&a).unwrap().permissions().mode() & 0o777, 0o700);
        fs::remove_dir(&a).unwrap();
        fs::remove_dir(&b).unwrap();
    }

    #[test]
    fn reads_only_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.json");
        fs::write(&f, "{}").unwrap();
        assert_eq!(read(&f, LIMITS).unwrap(), b"{}");
        assert!(matches!(read(dir.path(), LIMITS), Err(ReadError::NotRegular("a directory"))));
        assert!(matches!(read(Path::new("/dev/zero"), LIMITS), Err(ReadError::NotRegular(_))));
        if cfg!(target_os = "linux") {
            let e = read(Path::new("/proc/self/environ"), LIMITS).unwrap_err();
            assert!(e.to_string().contains("procfs"), "{e}");
        }
        let fifo = dir.path().join("fifo");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        // No writer: refused at once, no hang.
        assert!(matches!(read(&fifo, LIMITS), Err(ReadError::NotRegular("a FIFO (named pipe)"))));
    }

    #[test]
    fn caps_the_bytes_read() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("big");
        fs::write(&f, vec![b' '; 2049]).unwrap();
        let limits = ReadLimits { cap: 2048, allow_pipe: false };
        assert!(matches!(read(&f, limits), Err(ReadError::TooLarge { cap: 2048 })));
        assert_eq!(read(&f, ReadLimits { cap: 2049, allow_pipe: false }).unwrap().len(), 2049);
    }

    #[test]
    fn temps_are_private_and_never_follow_links() {
        let dir = tempfile::tempdir().unwrap();
        let mut t = Temp::create(dir.path(), "openclaw.json").unwrap();
        use std::io::Write;
        t.file().write_all(b"x").unwrap();
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(t.path()).unwrap().permissions().mode() & 0o777, 0o600);
        let a = t.path().to_path_buf();
        let b = Temp::create(dir.path(), "openclaw.json").unwrap();
        assert_ne!(a, b.path(), "names are unpredictable");
        drop(b);
        t.persist(&dir.path().join("out")).unwrap();
        assert_eq!(fs::read(dir.path().join("out")).unwrap(), b"x");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp left");
    }
}
