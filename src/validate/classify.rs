//! Sorting the target's validation issues by what they mean across releases: a key no release
//! knows, a key only later releases know, a key earlier releases knew, a value whose shape
//! changed, or a plain schema violation. One place decides, so the five rules that report
//! these never overlap.

use crate::document::{KeyPath, Node, Segment};
use crate::facts::keys::KeyIndex;
use crate::facts::keys::path_matches;
use crate::facts::schema::ViolationKind;
use crate::facts::{Release, release, releases};
use crate::validate::check::Validation;
use crate::validate::issue::Issue;
use serde::Deserialize;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
pub struct Migrations {
    #[serde(default)]
    pub key: Vec<KeyMigration>,
    #[serde(default)]
    pub value: Vec<ValueMigration>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MoveFix {
    /// Same object, new key name.
    Rename,
    /// The whole subtree, 1:1, elsewhere.
    Move,
    None,
}

#[derive(Debug, Deserialize)]
pub struct KeyMigration {
    pub from: String,
    /// Empty: retired without a successor.
    pub to: String,
    pub fix: MoveFix,
    #[serde(default)]
    pub note: Option<String>,
    pub source: String,
}

#[derive(Debug, Deserialize)]
pub struct ValueMigration {
    pub path: String,
    pub from: serde_json::Value,
    pub to: serde_json::Value,
    pub source: String,
}

pub fn migrations() -> &'static Migrations {
    static M: OnceLock<Migrations> = OnceLock::new();
    M.get_or_init(|| crate::facts::data::MIGRATIONS.load().unwrap_or_else(|e| panic!("{e}")))
}

pub fn key_migration(path: &KeyPath) -> Option<&'static KeyMigration> {
    migrations().key.iter().find(|m| path_matches(&m.from, path))
}

/// What an issue means.
#[derive(Debug, Clone)]
pub enum Class {
    /// A plain schema violation.
    Invalid,
    /// A key no imported release accepts; `suggestion` is the nearest key the target accepts.
    Unknown { suggestion: Option<String> },
    /// A key only releases newer than the target accept; `first` is the oldest of them.
    RequiresNewer { first: usize },
    /// A key only releases older than the target accept; `last` is the newest of them (`None`:
    /// retired before every imported release, known from `rules/migrations.toml` only).
    Removed { last: Option<usize>, migration: Option<&'static KeyMigration> },
    /// A value the target rejects that another release accepts, or that OpenClaw migrates.
    ValueChanged { accepted_by: Option<usize>, migration: Option<&'static ValueMigration> },
}

#[derive(Debug, Clone)]
pub struct Classified {
    pub issue: Issue,
    pub class: Class,
    /// For keys: the key's own path.
    pub key_path: Option<KeyPath>,
}

/// Does another release's issue `o` reject the value at `path`?
fn flags(o: &Issue, path: &KeyPath) -> bool {
    o.violation.path == *path
        || (matches!(o.violation.kind, ViolationKind::NoShape { .. }) && path.0.starts_with(&o.violation.path.0))
        || matches!(&o.violation.kind, ViolationKind::UnexpectedKey(k) if path.0.starts_with(&o.violation.path.child_key(k).0))
}

/// Classify every issue of a validation against `target` (an index into [`releases`]).
pub fn classify(v: &Validation, merged: Option<&Node>, target: &Release) -> Vec<Classified> {
    let mut other_validations: Vec<Option<Validation>> = (0..releases().len()).map(|_| None).collect();
    // The config as JSON, built once for all the other releases' validations.
    let json = merged.map(crate::document::to_json);
    let mut known = KnownKeys::new();
    let mut out = Vec::new();
    for issue in &v.issues {
        let (class, key_path) = match &issue.violation.kind {
            ViolationKind::UnexpectedKey(k) => {
                let full = issue.violation.path.child_key(k);
                (classify_key(&full, issue, target, &mut known), Some(full))
            }
            ViolationKind::Type { .. }
            | ViolationKind::NotAllowed { .. }
            | ViolationKind::NoShape { .. }
            | ViolationKind::Pattern(_) => {
                (classify_value(issue, merged.zip(json.as_ref()), target, &mut other_validations), None)
            }
            _ => (Class::Invalid, None),
        };
        out.push(Classified { issue: issue.clone(), class, key_path });
    }
    out
}

/// The keys the target declares under each parent already asked about (a config with many
/// unknown keys in one object asks for the same list each time).
type KnownKeys = std::collections::HashMap<KeyPath, Vec<String>>;

fn classify_key(full: &KeyPath, issue: &Issue, target: &Release, known: &mut KnownKeys) -> Class {
    let idx = KeyIndex::embedded();
    let mask = if issue.closed_map.is_some() { idx.mask_declared(full) } else { idx.mask(full) };
    let t = target.index;
    let newer = mask.next_after(t).filter(|i| *i < releases().len());
    let older = mask.last_before(t);
    // A key that older releases accept and the newest does not was removed, even where a
    // maintenance release numbered later still takes it.
    let newest_accepts = mask.contains(releases().len() - 1);
    if let Some(first) = newer.filter(|_| newest_accepts || older.is_none()) {
        // "≥ first" must hold for every newer release: when releases after `first` drop the key
        // again (2026.7.33-2026.7.35 are 2026.7.1 maintenance releases numbered after the
        // 2026.7.2 betas), name the start of the run that reaches the newest release.
        let mut start = releases().len();
        while start > first + 1 && mask.contains(start - 1) {
            start -= 1;
        }
        let first = if start < releases().len() && !(first..start).all(|i| mask.contains(i)) { start } else { first };
        return Class::RequiresNewer { first };
    }
    if let Some(last) = older {
        return Class::Removed { last: Some(last), migration: key_migration(full) };
    }
    if let Some(m) = key_migration(full) {
        // Retired before the oldest imported release: still say where it went.
        return Class::Removed { last: None, migration: Some(m) };
    }
    let Some((Segment::Key(k), parent)) = full.0.split_last() else { return Class::Unknown { suggestion: None } };
    let parent = KeyPath(parent.to_vec());
    let keys = known.entry(parent).or_insert_with_key(|p| target.schema.known_keys(p).unwrap_or_default());
    Class::Unknown { suggestion: nearest(k, keys) }
}

/// The nearest of `candidates` to `word`, if near enough to be a plausible typo.
pub fn nearest(word: &str, candidates: &[String]) -> Option<String> {
    let lw = word.to_lowercase();
    if let Some(c) = candidates.iter().find(|c| c.to_lowercase() == lw) {
        return Some(c.clone());
    }
    candidates
        .iter()
        .filter_map(|c| {
            let max = (c.len().max(word.len()) / 3).clamp(1, 3);
            crate::util::edit_distance_at_most(&lw, &c.to_lowercase(), max).map(|d| (d, c))
        })
        .min()
        .map(|(_, c)| c.clone())
}

fn classify_value(
    issue: &Issue,
    config: Option<(&Node, &serde_json::Value)>,
    target: &Release,
    others: &mut [Option<Validation>],
) -> Class {
    let path = &issue.violation.path;
    let Some((merged, json)) = config else { return Class::Invalid };
    if let Some(value) = json.pointer(&path.pointer())
        && let Some(m) = migrations().value.iter().find(|m| &m.from == value && path_matches(&m.path, path))
    {
        return Class::ValueChanged { accepted_by: None, migration: Some(m) };
    }
    // Walk outward from the target: the nearest release that accepts the value at this path.
    // Releases whose subschema there is the same answer alike, so one validation per class of
    // them (KeyIndex::value_classes) decides for all: the cost follows how often the path's
    // shape changed, not how many releases there are.
    let t = target.index;
    let n = releases().len();
    let classes = KeyIndex::embedded().value_classes(path, n);
    let mut verdicts: std::collections::HashMap<(usize, usize), bool> = Default::default();
    let mut order = Vec::new();
    for d in 1..n {
        if t + d < n {
            order.push(t + d);
        }
        if d <= t {
            order.push(t - d);
        }
    }
    for i in order {
        // A release without even the path's first key rejects it (closed root).
        let Some(class) = classes.get(i).copied().flatten() else { continue };
        if classes.get(t).copied().flatten() == Some(class) {
            // Same subschema as the target, which rejects the value.
            continue;
        }
        let accepts = match verdicts.get(&class) {
            Some(a) => *a,
            None => {
                let v = others[i].get_or_insert_with(|| Validation::run_on(merged, json, &release(i)));
                let a = v.skipped.is_none() && !v.issues.iter().any(|o| flags(o, path));
                verdicts.insert(class, a);
                a
            }
        };
        if accepts {
            return Class::ValueChanged { accepted_by: Some(i), migration: None };
        }
    }
    Class::Invalid
}
