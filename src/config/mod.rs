//! Loading a config the way OpenClaw loads it: the root file, its `$include`s, the merged view
//! with provenance, and the `${VAR}` references in it.

pub mod auth;
pub mod discover;
pub mod env;
pub mod include;
pub mod model_refs;
pub mod project;
pub mod secrets;
pub mod targets;

use crate::document::{Document, FileId, KeyPath, Kind, Node};
use env::{EnvRef, EnvToken};
use include::IncludeError;
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
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| include::normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())))
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
        let p = include::normalize(&cwd.join(p));
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

pub(crate) struct Loader<'a> {
    pub(crate) opts: &'a LoadOptions,
    pub(crate) files: Vec<Document>,
    pub(crate) mounts: Vec<Option<KeyPath>>,
    pub(crate) by_path: HashMap<PathBuf, FileId>,
    pub(crate) include_errors: Vec<IncludeError>,
    /// Include roots as written (lexical), the config's directory first.
    pub(crate) roots: Vec<PathBuf>,
    /// The real paths of the roots that exist.
    pub(crate) real_roots: Vec<PathBuf>,
}

impl Loader<'_> {
    pub(crate) fn display_for(&self, path: &Path) -> String {
        if let Some(base) = &self.opts.display_base
            && let Ok(rel) = path.strip_prefix(base)
        {
            return if rel.as_os_str().is_empty() { ".".into() } else { rel.display().to_string() };
        }
        path.display().to_string()
    }

    /// Register a file's bytes. Text that is not UTF-8 gets an empty text and a syntax error.
    pub(crate) fn add_file(&mut self, path: PathBuf, display: String, bytes: Vec<u8>) -> FileId {
        let id = FileId(self.files.len() as u32);
        let doc = match String::from_utf8(bytes) {
            Ok(text) => Document::parse(id, path, display, Arc::from(text)),
            Err(e) => not_utf8(id, path, display, e),
        };
        self.files.push(doc);
        self.mounts.push(None);
        id
    }
}

fn not_utf8(id: FileId, path: PathBuf, display: String, e: std::string::FromUtf8Error) -> Document {
    let valid = e.utf8_error().valid_up_to();
    let bytes = e.into_bytes();
    // Keep the valid prefix so the error can show line and column.
    let text: Arc<str> = Arc::from(String::from_utf8_lossy(&bytes[..valid]).into_owned());
    let mut doc = Document::parse(id, path, display, text.clone());
    let (line, column) = doc.line_col(valid);
    doc.root = Err(crate::document::ParseFailure::Unsupported {
        offset: valid,
        message: format!(
            "{} (byte {valid}, at {line}:{column}); OpenClaw would read it with replacement characters",
            crate::document::NOT_UTF8
        ),
    });
    doc
}

/// Load a root config from bytes already read (used by tests and by [`load`]).
pub fn load_bytes(path: &Path, display: String, bytes: Vec<u8>, reason: String, opts: &LoadOptions) -> LoadedConfig {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let abs = include::normalize(&abs);
    // OpenClaw checks an include's path as written against the roots as written (the config's
    // directory, never resolved, and OPENCLAW_INCLUDE_ROOTS), then its real path against the
    // real paths of the roots (includes-*.mjs in 2026.9.6; recorded:
    // tests/fixtures/recorded/includes/state-dir-symlink-*, include-root-symlink-*).
    let config_dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut roots = vec![config_dir.clone()];
    for r in &opts.include_roots {
        if !roots.contains(r) {
            roots.push(r.clone());
        }
    }
    let real_roots = roots.iter().filter_map(|r| std::fs::canonicalize(r).ok()).collect();
    let mut loader = Loader {
        opts,
        files: Vec::new(),
        mounts: Vec::new(),
        by_path: HashMap::new(),
        include_errors: Vec::new(),
        roots,
        real_roots,
    };
    let root_id = loader.add_file(abs.clone(), display, bytes);
    loader.mounts[0] = Some(KeyPath::root());
    let key = if opts.frozen { abs.clone() } else { std::fs::canonicalize(&abs).unwrap_or_else(|_| abs.clone()) };
    loader.by_path.insert(key.clone(), root_id);
    let merged = loader.files[0].tree().cloned().map(|tree| {
        let mut chain = vec![include::Link { key: abs.clone(), shown: abs.clone() }];
        loader.resolve(&tree, root_id, &mut chain, &KeyPath::root())
    });
    let env_refs = merged.as_ref().map(collect_env_refs).unwrap_or_default();
    let mut config = LoadedConfig {
        files: loader.files,
        mounts: loader.mounts,
        reason,
        merged,
        include_errors: loader.include_errors,
        env_refs,
        secrets: Vec::new(),
    };
    config.secrets = secrets::scan(&config);
    // Whatever clawlint prints from now on masks this config's secrets.
    crate::redact::register_config(&config);
    config
}

/// Read and load a root config. Only the root file's own read errors are `Err`: problems with
/// includes are findings.
pub fn load(path: &Path, display: String, reason: String, opts: &LoadOptions) -> std::io::Result<LoadedConfig> {
    let lexical = include::normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
    let bytes = match opts.overlay.get(&lexical).or_else(|| opts.overlay.get(&file_key(path))) {
        Some(text) => text.as_bytes().to_vec(),
        None => {
            let limits =
                crate::fsio::ReadLimits { cap: MAX_CONFIG_BYTES, allow_pipe: opts.named.iter().any(|n| n == path) };
            crate::fsio::read(path, limits)?
        }
    };
    Ok(load_bytes(path, display, bytes, reason, opts))
}

fn collect_env_refs(merged: &Node) -> Vec<EnvRef> {
    let mut out = Vec::new();
    merged.walk(&mut KeyPath::root(), &mut |path, node, _| {
        if let Kind::String(s) = &node.kind {
            for tok in env::scan(s) {
                if let EnvToken::Ref { name } = tok {
                    out.push(EnvRef { name, file: node.file, span: node.span, path: path.clone() });
                }
            }
        }
    });
    out
}
