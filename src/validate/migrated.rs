//! The value a release validates after its load-time migrations, and what they changed
//! (shared by [`super::migrate`] and the 2026.4.x migrations).

use crate::document::KeyPath;
use serde_json::Value;

/// Something a migration changed, worth telling the user: OpenClaw warns about it too.
#[derive(Debug, Clone)]
pub struct Note {
    /// Where the user wrote it.
    pub path: KeyPath,
    /// What happens to it, as a predicate: "is dropped (…)".
    pub message: String,
    /// Where it lives in the release's own layout, when it moved.
    pub moved_to: Option<String>,
}

/// The value OpenClaw validates, and how to find the user's text for a path in it.
#[derive(Debug, Clone)]
pub struct Migrated {
    pub value: Value,
    /// `(migrated prefix, source prefix)`, most specific first.
    pub(super) renames: Vec<(KeyPath, KeyPath)>,
    pub notes: Vec<Note>,
}

impl Migrated {
    pub(super) fn unchanged(value: Value) -> Self {
        Migrated { value, renames: Vec::new(), notes: Vec::new() }
    }

    /// The path the user wrote for `path` of the migrated value.
    pub fn source_path(&self, path: &KeyPath) -> KeyPath {
        for (to, from) in &self.renames {
            if path.0.starts_with(&to.0) {
                let mut p = from.clone();
                p.0.extend_from_slice(&path.0[to.0.len()..]);
                return p;
            }
        }
        path.clone()
    }
}
