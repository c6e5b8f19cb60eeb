//! Fixes: from a rule's proposal to bytes on disk.
//!
//! A rule proposes a [`Fix`]: semantic operations on the file's syntax tree (remove a property,
//! replace a value, …) addressed by the spans the rule saw, plus how safe it is to apply
//! without review. Then, in pipeline order:
//! - [`layout`] reads each file's CST into a map of members, commas, comments and whitespace;
//! - [`lower`] turns operations into text [`edit`]s in the file's own [`style`];
//! - [`engine`] applies them, re-lints and repeats to a fixed point;
//! - [`diff`] shows the change and [`write`] puts it on disk without ever losing the file.

pub mod diff;
pub mod layout;
pub mod lower;
pub mod style;
pub mod text;

use crate::document::{FileId, Span};
use std::path::PathBuf;

/// How much review a fix needs. Ordered: `Safe` fixes apply by default, `Unsafe` ones only with
/// `--unsafe-fixes`, `DisplayOnly` ones are shown and never applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    DisplayOnly,
    Unsafe,
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::DisplayOnly => "display-only",
            Applicability::Unsafe => "unsafe",
            Applicability::Safe => "safe",
        }
    }
}

/// One edit on the syntax tree of one file. Spans are those of the parsed document the rule
/// saw; the engine maps them onto CST nodes so commas, comments and indentation stay right.
#[derive(Debug, Clone, PartialEq)]
pub enum FixOp {
    /// Remove an object member; `member` spans its key through its value.
    RemoveProperty { file: FileId, member: Span },
    /// Remove an array element; `element` is the element's span.
    RemoveElement { file: FileId, element: Span },
    /// Replace a value (in the file's own quoting style where it is a string).
    ReplaceValue { file: FileId, value: Span, new: serde_json::Value },
    /// Rename a key, keeping its value and the file's key quoting style.
    RenameKey { file: FileId, key: Span, new: String },
    /// Insert a member into the object at `object` (appended when `index` is `None`).
    InsertProperty { file: FileId, object: Span, key: String, value: serde_json::Value, index: Option<usize> },
    /// Move a member (`member`, its value at `value`) into the object at `object`, under
    /// `path` (objects created for all but the last key). The value's text moves verbatim,
    /// comments included, re-indented for its new depth.
    MoveProperty { file: FileId, member: Span, value: Span, object: Span, path: Vec<String> },
}

/// A change outside the config's text that a fix makes. Effects are shown with the diff and
/// carried out only when the files are written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Effect {
    /// Append `name=<the string at value>` to the dotenv file `env_file` (created with mode
    /// 0600; its directory 0700). The only place the secret is written. Needs a terminal: it
    /// is never applied by `--yes`.
    StoreSecret { env_file: PathBuf, name: String, file: FileId, value: Span },
    /// Set the permission bits of a file or directory.
    Chmod { path: PathBuf, from: u32, to: u32 },
}

impl Effect {
    /// What it does, for review (never the secret itself).
    pub fn describe(&self) -> String {
        match self {
            Effect::StoreSecret { env_file, name, .. } => {
                format!("append {name}=… to {} (created with mode 0600 if missing)", crate::util::tilde(env_file))
            }
            Effect::Chmod { path, from, to } => format!("chmod {to:o} {} (now {from:o})", crate::util::tilde(path)),
        }
    }

    /// Only applied after a person reviewed it in a terminal.
    pub fn needs_terminal(&self) -> bool {
        matches!(self, Effect::StoreSecret { .. })
    }
}

/// A proposed fix: a title saying what it does, its applicability, its operations on the
/// text and its effects beyond the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub title: String,
    pub applicability: Applicability,
    pub ops: Vec<FixOp>,
    pub effects: Vec<Effect>,
}

impl Fix {
    pub fn new(title: impl Into<String>, applicability: Applicability, ops: Vec<FixOp>) -> Self {
        Fix { title: title.into(), applicability, ops, effects: Vec::new() }
    }

    pub fn with_effect(mut self, effect: Effect) -> Self {
        self.effects.push(effect);
        self
    }

    /// Only applied after review in a terminal (see [`Effect::needs_terminal`]).
    pub fn needs_terminal(&self) -> bool {
        self.effects.iter().any(Effect::needs_terminal)
    }

    pub fn safe(title: impl Into<String>, ops: Vec<FixOp>) -> Self {
        Fix::new(title, Applicability::Safe, ops)
    }
}
