//! What the engine reads from the machine for the rules that need it (see
//! [`Need`](crate::engine::rule::Need)): file modes and git. Rules never spawn a process or stat
//! a file themselves; the engine decides whether they may (`--no-env`, git on `PATH`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The mode bits of `path` (permissions only), if it can be read.
#[cfg(unix)]
pub fn file_mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).ok().map(|m| m.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
pub fn file_mode(_: &Path) -> Option<u32> {
    None
}

/// Is a `git` executable on `PATH`? Looked up once, without running it.
pub fn git_available() -> bool {
    static GIT: OnceLock<bool> = OnceLock::new();
    *GIT.get_or_init(|| {
        let Some(path) = std::env::var_os("PATH") else { return false };
        let names: &[&str] = if cfg!(windows) { &["git.exe", "git.cmd", "git"] } else { &["git"] };
        std::env::split_paths(&path).any(|dir| names.iter().any(|n| is_executable(&dir.join(n))))
    })
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}

/// The work tree containing `path`, if any (a `.git` directory or file above it).
fn work_tree(path: &Path) -> Option<PathBuf> {
    let mut dir = path.parent()?;
    loop {
        if dir.join(".git").exists() {
            return Some(dir.to_path_buf());
        }
        dir = dir.parent()?;
    }
}

/// The work tree holding `path` and whether `path` is tracked or staged there; `None` when
/// `path` is in no work tree or git cannot say.
pub fn git_tracked(path: &Path) -> Option<(PathBuf, bool)> {
    let tree = work_tree(path)?;
    let out = Command::new("git")
        .arg("-C")
        .arg(&tree)
        .args(["ls-files", "--cached", "-z", "--"])
        .arg(path)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let tracked = !out.stdout.is_empty();
    out.status.success().then_some((tree, tracked))
}
