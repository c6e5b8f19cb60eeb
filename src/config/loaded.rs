//! A loaded config and how to load one: the files (root and includes), where each is mounted,
//! the merged view, `${VAR}` references, plaintext secrets and include errors.

use crate::config::discover;
use crate::config::env::EnvRef;
use crate::config::secrets;
use crate::document::{Document, FileId, KeyPath, Node, Span};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Everything clawlint knows about one root config.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    /// `files[0]` is the root config; the rest are includes, in the order first reached.
    pub files: Vec<Document>,
    /// For each file, the OpenClaw path its content is mounted at (`None` if never reached).
    pub mounts: Vec<Option<KeyPath>>,
    /// Why this file was linted (explicit path, `OPENCLAW_CONFIG_PATH`, default location…).
    pub reason: String,
    /// The config as OpenClaw sees it after includes, if the root parsed.
    pub merged: Option<Node>,
    pub include_errors: Vec<IncludeError>,
    /// `${VAR}` references OpenClaw substitutes, in document order.
    pub env_refs: Vec<EnvRef>,
    /// Where the files hold plaintext secrets (see [`secrets::scan`]): found once, at load,
    /// for the redaction of every output and for the secret rules.
    pub secrets: Vec<secrets::SecretSite>,
}

/// An error in a file clawlint reads besides configs (`--env-file`, `clawlint.toml`), at a
/// 1-based line and column (0: the file as a whole, e.g. unreadable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl FileError {
    /// Read a whole file, or the error naming it.
    pub fn read(path: &Path) -> Result<String, FileError> {
        Self::read_limited(path, crate::fsio::ReadLimits { cap: 1 << 20, allow_pipe: false })
    }

    /// Read a whole file within `limits` (regular files only unless a pipe is allowed).
    pub fn read_limited(path: &Path, limits: crate::fsio::ReadLimits) -> Result<String, FileError> {
        crate::fsio::read_text(path, limits).map_err(|e| FileError {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message: e.to_string(),
        })
    }
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path.display(), self.message)
        } else {
            write!(f, "{}:{}:{}: {}", self.path.display(), self.line, self.column, self.message)
        }
    }
}

impl LoadedConfig {
    pub fn root(&self) -> &Document {
        &self.files[0]
    }

    pub fn file(&self, id: FileId) -> &Document {
        &self.files[id.0 as usize]
    }

    /// OpenClaw's path for a path inside one file (include files are mounted somewhere).
    pub fn openclaw_path(&self, file: FileId, inner: &KeyPath) -> KeyPath {
        match self.mounts.get(file.0 as usize).and_then(|m| m.as_ref()) {
            Some(mount) => {
                let mut p = mount.clone();
                p.0.extend(inner.0.iter().cloned());
                p
            }
            None => inner.clone(),
        }
    }
}

/// How to load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Extra include roots (`OPENCLAW_INCLUDE_ROOTS`), absolute.
    pub include_roots: Vec<PathBuf>,
    /// Directory paths are shown relative to (usually the working directory).
    pub display_base: Option<PathBuf>,
    /// File contents to use instead of what is on disk, by canonical path: the fix engine
    /// re-lints its edited texts through this before anything is written.
    pub overlay: HashMap<PathBuf, Arc<str>>,
    /// Paths named on the command line, as given: only these may be a pipe (`/dev/stdin`,
    /// `<(…)`); a FIFO reached any other way is refused (see [`crate::fsio`]).
    pub named: Vec<PathBuf>,
    /// Read no include from disk: the fix loop loads the config again and again from the
    /// texts read at the start (`overlay`); an include that is not there could not be read
    /// then, and fails again rather than being read in another state.
    pub frozen: bool,
}

/// The most bytes clawlint reads of a root config: what OpenClaw 2026.9.6 itself can read.
/// It reads the root config whole (`fs.readFileSync(configPath, "utf-8")`,
/// dist/io.snapshot-*.mjs), with no limit of its own but V8's longest string: 536,870,887
/// bytes validate, 536,870,888 fail with "Cannot create a string longer than 0x1fffffe8
/// characters" (recorded: tests/fixtures/recorded/includes/CONFINEMENT-FINDINGS.md). Past it,
/// clawlint refuses at once instead of reading on (a symlink to `/dev/zero` never ends).
pub const MAX_CONFIG_BYTES: u64 = 0x1fff_ffe8 - 1;

/// The key under which a file's text is kept in an overlay: its real path, or its absolute
/// path where it has none (`/dev/stdin` on a pipe).
pub fn file_key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| {
        crate::util::normalize_path(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
    })
}

impl LoadOptions {
    /// Options from the process environment: `OPENCLAW_INCLUDE_ROOTS` is a path list whose
    /// entries may start with `~`; relative entries resolve against the working directory, as
    /// they do for OpenClaw (recorded: tests/fixtures/recorded/includes/include-roots-*).
    pub fn from_env(env: &dyn discover::Env) -> Self {
        let cwd = std::env::current_dir().ok();
        let include_roots = env
            .var("OPENCLAW_INCLUDE_ROOTS")
            .map(|v| include_roots(env, &v, cwd.as_deref().unwrap_or(Path::new("/"))))
            .unwrap_or_default();
        LoadOptions { include_roots, display_base: cwd, overlay: HashMap::new(), named: Vec::new(), frozen: false }
    }
}

/// Parse an `OPENCLAW_INCLUDE_ROOTS` value as OpenClaw 2026.9.6 does (`resolveIncludeRoots`,
/// dist/paths-*.mjs; recorded: tests/fixtures/recorded/includes/include-roots-*): a `:`-list,
/// each entry trimmed as JavaScript's `trim()` trims, empty entries skipped, only `~` and `~/`
/// expanded, everything else resolved against `cwd` as text (`..` collapsed, never followed;
/// a trailing `/` dropped), duplicates dropped. A root that does not exist is kept.
pub fn include_roots(env: &dyn discover::Env, value: &str, cwd: &Path) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = Vec::new();
    for entry in value.split(':') {
        let entry = entry.trim_matches(js_whitespace);
        if entry.is_empty() {
            continue;
        }
        let p = discover::expand_tilde(env, entry);
        let p = crate::util::normalize_path(&cwd.join(p));
        if !roots.contains(&p) {
            roots.push(p);
        }
    }
    roots
}

/// What JavaScript's `String.prototype.trim` removes: ECMAScript WhiteSpace and
/// LineTerminator (not U+0085, which Rust's `trim` would also remove).
fn js_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncludeErrorKind {
    /// `$include` is not a string or an array of strings.
    InvalidValue,
    /// The path contains a NUL byte or is too long.
    InvalidPath,
    /// The file does not exist (or a symlink points nowhere).
    Missing,
    /// The file exists but cannot be read.
    Unreadable,
    /// The path leaves the config directory and every `OPENCLAW_INCLUDE_ROOTS` entry.
    Escapes,
    /// The path is inside, but a symlink makes it resolve outside.
    SymlinkEscapes,
    /// A directory or other non-regular file.
    NotAFile,
    /// The file has more than one hard link (OpenClaw refuses these).
    Hardlinked,
    /// The included file does not parse (the syntax error is reported in that file).
    ParseFailed,
    /// The file includes itself, directly or through others.
    Cycle,
    /// More than [`MAX_INCLUDE_DEPTH`](crate::config::include::MAX_INCLUDE_DEPTH) nested includes.
    TooDeep,
    /// Larger than [`MAX_INCLUDE_BYTES`](crate::config::include::MAX_INCLUDE_BYTES).
    TooLarge,
    /// Sibling keys next to an include whose content is not an object.
    SiblingsNeedObject,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncludeError {
    pub kind: IncludeErrorKind,
    /// The file holding the `$include`.
    pub file: FileId,
    /// The offending path string (or the `$include` value).
    pub span: Span,
    /// OpenClaw path of the object holding the `$include`.
    pub path: KeyPath,
    pub message: String,
}
