//! `$include` resolution as OpenClaw does it (facts §1.3; OpenClaw's `src/config/includes.ts`):
//!
//! - `$include` may appear in any object, as a string or an array of strings;
//! - paths are relative to the including file and must stay inside the root config's directory
//!   or an `OPENCLAW_INCLUDE_ROOTS` entry;
//! - at most [`MAX_INCLUDE_DEPTH`] levels, at most [`MAX_INCLUDE_BYTES`] per file, no cycles;
//! - one file replaces the containing object; an array of files is deep-merged in order;
//! - sibling keys are deep-merged over the included content.
//!
//! The merged tree keeps provenance: every node still carries the file and span it came from.

use crate::config::loaded::LoadOptions;
pub use crate::config::loaded::{IncludeError, IncludeErrorKind};
use crate::document::{Document, FileId, KeyPath, Kind, Member, Node, Span};
pub use crate::util::normalize_path as normalize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const MAX_INCLUDE_DEPTH: usize = 10;
pub const MAX_INCLUDE_BYTES: u64 = 2 * 1024 * 1024;
pub const INCLUDE_KEY: &str = "$include";

/// Why an include was not mounted: its kind and OpenClaw's message.
type Failure = (IncludeErrorKind, String);

fn type_of(node: &Node) -> &'static str {
    match node.kind {
        Kind::Null => "object",
        Kind::Array(_) => "object",
        Kind::Object(_) => "object",
        Kind::Bool(_) => "boolean",
        Kind::Number(_) => "number",
        Kind::String(_) => "string",
    }
}

/// Deep merge as OpenClaw's include merge does: objects merge key by key, arrays concatenate,
/// anything else is replaced by the later value. Provenance stays on every node.
pub fn deep_merge(base: Node, over: Node) -> Node {
    match (base.kind, over.kind) {
        (Kind::Object(mut a), Kind::Object(b)) => {
            for m in b {
                match a.iter_mut().find(|x| x.key == m.key) {
                    Some(existing) => {
                        let old = std::mem::replace(&mut existing.value, placeholder());
                        existing.value = deep_merge(old, m.value);
                        existing.key_span = m.key_span;
                    }
                    None => a.push(m),
                }
            }
            Node { span: over.span, file: over.file, kind: Kind::Object(a) }
        }
        (Kind::Array(mut a), Kind::Array(b)) => {
            a.extend(b);
            Node { span: over.span, file: over.file, kind: Kind::Array(a) }
        }
        (_, kind) => Node { span: over.span, file: over.file, kind },
    }
}

fn placeholder() -> Node {
    Node { span: Span::default(), file: FileId::default(), kind: Kind::Null }
}

/// Collapse duplicate keys the way a JavaScript object does: first position, last value.
fn dedupe(members: Vec<Member>) -> Vec<Member> {
    let mut out: Vec<Member> = Vec::with_capacity(members.len());
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for m in members {
        match index.get(&m.key) {
            Some(&i) => out[i] = m,
            None => {
                index.insert(m.key.clone(), out.len());
                out.push(m);
            }
        }
    }
    out
}

/// The include walk of one root config: the files read so far and what went wrong.
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

impl Loader<'_> {
    /// Resolve includes in `node` (from `file`, whose path chain is `chain`), producing the
    /// merged value OpenClaw would see at `mount`.
    pub(super) fn resolve(&mut self, node: &Node, file: FileId, chain: &mut Vec<Link>, mount: &KeyPath) -> Node {
        match &node.kind {
            Kind::Object(members) => {
                let include = node.member(INCLUDE_KEY);
                let rest: Vec<Member> = members
                    .iter()
                    .filter(|m| m.key != INCLUDE_KEY)
                    .map(|m| Member {
                        key: m.key.clone(),
                        key_span: m.key_span,
                        value: self.resolve(&m.value, file, chain, &mount.child_key(&m.key)),
                    })
                    .collect();
                let rest = Node { span: node.span, file: node.file, kind: Kind::Object(dedupe(rest)) };
                let Some(include) = include else { return rest };
                let Some(included) = self.resolve_include(&include.value, file, chain, mount) else {
                    return rest;
                };
                let has_siblings = rest.as_object().is_some_and(|m| !m.is_empty());
                if !has_siblings {
                    return included;
                }
                if !matches!(included.kind, Kind::Object(_)) {
                    self.error(
                        IncludeErrorKind::SiblingsNeedObject,
                        file,
                        include.value.span,
                        mount,
                        format!(
                            "Sibling keys require included content to be an object — the include gives {} {}",
                            article(included.type_name()),
                            included.type_name()
                        ),
                    );
                    return rest;
                }
                deep_merge(included, rest)
            }
            Kind::Array(items) => Node {
                span: node.span,
                file: node.file,
                kind: Kind::Array(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| self.resolve(item, file, chain, &mount.child_index(i)))
                        .collect(),
                ),
            },
            _ => node.clone(),
        }
    }

    fn error(&mut self, kind: IncludeErrorKind, file: FileId, span: Span, mount: &KeyPath, message: String) {
        self.include_errors.push(IncludeError { kind, file, span, path: mount.clone(), message });
    }

    fn resolve_include(&mut self, value: &Node, file: FileId, chain: &mut Vec<Link>, mount: &KeyPath) -> Option<Node> {
        match &value.kind {
            Kind::String(p) => self.load_include(p, value.span, file, chain, mount),
            Kind::Array(items) => {
                let mut merged: Option<Node> = None;
                for item in items {
                    let Kind::String(p) = &item.kind else {
                        self.error(
                            IncludeErrorKind::InvalidValue,
                            file,
                            item.span,
                            mount,
                            format!("Invalid $include array item: expected string, got {}", type_of(item)),
                        );
                        continue;
                    };
                    if let Some(node) = self.load_include(p, item.span, file, chain, mount) {
                        merged = Some(match merged {
                            None => node,
                            Some(m) => deep_merge(m, node),
                        });
                    }
                }
                merged
            }
            _ => {
                self.error(
                    IncludeErrorKind::InvalidValue,
                    file,
                    value.span,
                    mount,
                    format!("Invalid $include value: expected string or array of strings, got {}", type_of(value)),
                );
                None
            }
        }
    }

    fn load_include(
        &mut self,
        rel: &str,
        span: Span,
        from: FileId,
        chain: &mut Vec<Link>,
        mount: &KeyPath,
    ) -> Option<Node> {
        let found = self.checked_path(rel, from, chain).and_then(|(resolved, shown)| {
            if self.opts.frozen {
                return Ok(Err((resolved, shown)));
            }
            let key = self.real_key(rel, &resolved, &shown)?;
            if let Some(e) = self.chain_error(rel, chain, &resolved, &shown) {
                return Err(e);
            }
            let id = self.read_include(rel, &key, &resolved, &shown)?;
            Ok(Ok((id, resolved, shown)))
        });
        let (kind, message) = match found {
            Ok(Err((resolved, shown))) => return self.load_frozen(rel, span, from, chain, mount, resolved, shown),
            Ok(Ok((id, resolved, shown))) => match self.enter(id, chain, mount, resolved) {
                Some(out) => return Some(out),
                // The syntax error itself is reported in the included file by `syntax-error`.
                None => {
                    (IncludeErrorKind::ParseFailed, format!("Failed to parse include file: {rel} (resolved: {shown})"))
                }
            },
            Err(e) => e,
        };
        self.error(kind, from, span, mount, message);
        None
    }

    /// The path an include names, resolved lexically against the including file as it was
    /// reached, and checked against the roots as written: (resolved, as shown).
    fn checked_path(&self, rel: &str, from: FileId, chain: &[Link]) -> Result<(PathBuf, String), Failure> {
        if rel.contains('\0') {
            return Err((IncludeErrorKind::InvalidPath, "Include path must not contain null bytes".into()));
        }
        if utf16_len(rel) >= MAX_PATH_CHARS {
            let message = format!("Include path exceeds maximum length ({MAX_PATH_CHARS} characters)");
            return Err((IncludeErrorKind::InvalidPath, message));
        }
        // Relative to the including file as it was reached (the same file may be reached
        // under two names, and OpenClaw resolves from the name it used).
        let from_path =
            chain.last().map(|l| l.shown.clone()).unwrap_or_else(|| self.files[from.0 as usize].path.clone());
        let from_dir = from_path.parent().map(Path::to_path_buf).unwrap_or_default();
        let resolved = normalize(&from_dir.join(rel));
        if utf16_len(&resolved.to_string_lossy()) >= MAX_PATH_CHARS {
            let message = format!("Resolved include path exceeds maximum length ({MAX_PATH_CHARS} characters)");
            return Err((IncludeErrorKind::InvalidPath, message));
        }
        // Whole path segments, case-sensitive; a root counts as inside itself.
        if !self.roots.iter().any(|r| resolved.starts_with(r)) {
            let message = format!("Include path escapes config directory: {rel} (root: {})", self.root_shown());
            return Err((IncludeErrorKind::Escapes, message));
        }
        let shown = self.display_for(&resolved);
        Ok((resolved, shown))
    }

    fn root_shown(&self) -> String {
        self.roots.first().map(|r| self.display_for(r)).unwrap_or_default()
    }

    /// The real path of an include, which must stay inside the real roots.
    fn real_key(&self, rel: &str, resolved: &Path, shown: &str) -> Result<PathBuf, Failure> {
        let key = match std::fs::canonicalize(resolved) {
            Ok(k) => k,
            Err(e) if matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory) => {
                let message = format!("Failed to read include file: {rel} (resolved: {shown})");
                return Err((IncludeErrorKind::Missing, message));
            }
            Err(_) => {
                let message = format!("Failed to resolve include file realpath: {rel} (resolved: {shown})");
                return Err((IncludeErrorKind::Unreadable, message));
            }
        };
        if !self.real_roots.iter().any(|r| key.starts_with(r)) {
            let message = format!(
                "Include path resolves outside config directory (symlink): {rel} (root: {})",
                self.root_shown()
            );
            return Err((IncludeErrorKind::SymlinkEscapes, message));
        }
        Ok(key)
    }

    /// The file an include names, after OpenClaw's security checks (a regular file within the
    /// size limit, one hard link), read once however often it is included.
    fn read_include(&mut self, rel: &str, key: &Path, resolved: &Path, shown: &str) -> Result<FileId, Failure> {
        let security = format!(
            "Include file failed security checks (regular file, max {MAX_INCLUDE_BYTES} bytes, no hardlinks): {rel}"
        );
        let unreadable = |extra: String| {
            (IncludeErrorKind::Unreadable, format!("Failed to read include file: {rel} (resolved: {shown}){extra}"))
        };
        let meta = std::fs::metadata(key).map_err(|_| unreadable(String::new()))?;
        if !meta.is_file() {
            return Err((IncludeErrorKind::NotAFile, format!("{security} — it is not a regular file")));
        }
        let overlaid = self.opts.overlay.get(key).cloned();
        let size = overlaid.as_ref().map_or(meta.len(), |t| t.len() as u64);
        if size > MAX_INCLUDE_BYTES {
            return Err((IncludeErrorKind::TooLarge, format!("{security} — it is {size} bytes")));
        }
        if link_count(&meta) > 1 {
            return Err((
                IncludeErrorKind::Hardlinked,
                format!("{security} — it has {} hard links", link_count(&meta)),
            ));
        }
        if let Some(&id) = self.by_path.get(key) {
            return Ok(id);
        }
        // The bytes read are capped, not the size reported: `/proc` files report 0.
        let limits = crate::fsio::ReadLimits { cap: MAX_INCLUDE_BYTES, allow_pipe: false };
        let read = match overlaid {
            Some(text) => Ok(text.as_bytes().to_vec()),
            None => crate::fsio::read(key, limits),
        };
        let bytes = match read {
            Ok(b) => b,
            Err(crate::fsio::ReadError::TooLarge { .. }) => {
                return Err((IncludeErrorKind::TooLarge, format!("{security} — it is larger than that")));
            }
            Err(e @ (crate::fsio::ReadError::NotRegular(_) | crate::fsio::ReadError::Pseudo(_))) => {
                return Err((IncludeErrorKind::NotAFile, format!("{security} — it {e}")));
            }
            Err(e) => return Err(unreadable(format!(" — {e}"))),
        };
        let display = self.display_for(resolved);
        let id = self.add_file(resolved.to_path_buf(), display, bytes);
        self.by_path.insert(key.to_path_buf(), id);
        Ok(id)
    }

    /// A cycle (found by the path as written, as OpenClaw finds it: a file reached under a
    /// second name is read once more before the cycle shows) or one include too many.
    fn chain_error(
        &self,
        rel: &str,
        chain: &[Link],
        resolved: &Path,
        shown: &str,
    ) -> Option<(IncludeErrorKind, String)> {
        if chain.iter().any(|l| l.key == resolved) {
            let mut names: Vec<String> = chain.iter().map(|l| self.display_for(&l.shown)).collect();
            names.push(shown.to_owned());
            return Some((IncludeErrorKind::Cycle, format!("Circular include detected: {}", names.join(" -> "))));
        }
        // The root file is chain[0]; its includes are depth 1.
        (chain.len() > MAX_INCLUDE_DEPTH).then(|| {
            (IncludeErrorKind::TooDeep, format!("Maximum include depth ({MAX_INCLUDE_DEPTH}) exceeded at: {rel}"))
        })
    }

    /// Mount file `id` at `mount` (where first reached) and resolve it as the next link of
    /// `chain`; `None` when it does not parse.
    fn enter(&mut self, id: FileId, chain: &mut Vec<Link>, mount: &KeyPath, resolved: PathBuf) -> Option<Node> {
        if self.mounts[id.0 as usize].is_none() {
            self.mounts[id.0 as usize] = Some(mount.clone());
        }
        let tree = self.files[id.0 as usize].tree().cloned()?;
        chain.push(Link { key: resolved.clone(), shown: resolved });
        let out = self.resolve(&tree, id, chain, mount);
        chain.pop();
        Some(out)
    }
}

impl Loader<'_> {
    /// [`Loader::load_include`] without the disk: every include that passed the checks the
    /// first time is in the overlay under the path it was reached by; any other fails as it
    /// did then.
    #[allow(clippy::too_many_arguments)]
    fn load_frozen(
        &mut self,
        rel: &str,
        span: Span,
        from: FileId,
        chain: &mut Vec<Link>,
        mount: &KeyPath,
        resolved: PathBuf,
        shown: String,
    ) -> Option<Node> {
        if let Some((kind, message)) = self.chain_error(rel, chain, &resolved, &shown) {
            self.error(kind, from, span, mount, message);
            return None;
        }
        let Some(text) = self.opts.overlay.get(&resolved).cloned() else {
            let message = format!("Failed to read include file: {rel} (resolved: {shown})");
            self.error(IncludeErrorKind::Unreadable, from, span, mount, message);
            return None;
        };
        let id = match self.by_path.get(&resolved) {
            Some(&id) => id,
            None => {
                let display = self.display_for(&resolved);
                let id = self.add_file(resolved.clone(), display, text.as_bytes().to_vec());
                self.by_path.insert(resolved.clone(), id);
                id
            }
        };
        let out = self.enter(id, chain, mount, resolved);
        if out.is_none() {
            let message = format!("Failed to parse include file: {rel} (resolved: {shown})");
            self.error(IncludeErrorKind::ParseFailed, from, span, mount, message);
        }
        out
    }
}

/// One file in the chain of includes being resolved: its path as written (how OpenClaw tells
/// files apart) and the path shown for it.
#[derive(Debug, Clone)]
pub(crate) struct Link {
    pub key: PathBuf,
    pub shown: PathBuf,
}

/// OpenClaw's path length limit, in JavaScript string length (UTF-16 units).
const MAX_PATH_CHARS: usize = 4096;

fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

#[cfg(unix)]
fn link_count(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(meta)
}

#[cfg(not(unix))]
fn link_count(_: &std::fs::Metadata) -> u64 {
    1
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
}
