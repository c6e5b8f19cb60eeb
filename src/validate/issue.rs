//! One validation issue, located, and how OpenClaw's validator reports it: its stage (core or
//! deferred) and whether zod goes on past it.

use crate::document::{FileId, KeyPath, Span};
use crate::facts::Release;
use crate::facts::schema::{Violation, ViolationKind};
use crate::facts::validation::{ClosedMap, validation};

/// Which of OpenClaw's two validation stages reports an issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// The core config: reported first.
    Core,
    /// A channel's or plugin's own config: reported only once the core is valid.
    Deferred,
}

/// One issue, located.
#[derive(Debug, Clone)]
pub struct Issue {
    pub violation: Violation,
    pub stage: Stage,
    /// The paths `openclaw config validate` reports this at.
    pub openclaw_paths: Vec<KeyPath>,
    pub file: FileId,
    pub span: Span,
    /// Set for a key of a map whose keys must be known ids (`rules/validation.toml`).
    pub closed_map: Option<&'static ClosedMap>,
}

/// How a release's zod treats issues (see [`continues`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct ZodDialect {
    /// An unknown key does not stop zod (zod 4.5.0 on).
    pub unknown_keys_continue: bool,
}

impl ZodDialect {
    pub fn of(release: &Release) -> ZodDialect {
        let z = &validation().zod;
        let v = |s: &str| semver::Version::parse(s).ok();
        let unknown_keys_continue = match (release.zod.as_ref(), v(&z.unknown_keys_continue_since)) {
            (Some(have), Some(since)) => v(have).is_some_and(|h| h >= since),
            _ => false,
        };
        ZodDialect { unknown_keys_continue }
    }
}

/// Does `path` start with something matching `pattern`?
fn matches(pattern: &str, path: &KeyPath) -> bool {
    let n = crate::facts::keys::segments(pattern).len();
    n <= path.0.len() && crate::facts::keys::path_matches(pattern, &KeyPath(path.0[..n].to_vec()))
}

/// The stage that reports an issue at `path` in `release`.
pub fn stage_of(path: &KeyPath, release: &crate::facts::CalVer) -> Stage {
    let r = &validation().deferred;
    let core_in = r.core_in.iter().filter(|c| c.range.contains(release)).flat_map(|c| &c.paths);
    if r.paths.iter().any(|p| matches(p, path)) && !r.core.iter().chain(core_in).any(|p| matches(p, path)) {
        Stage::Deferred
    } else {
        Stage::Core
    }
}

/// Does OpenClaw's core validator (zod) stop at this violation, or go on? Checks on a value of
/// the right type (patterns, formats, ranges, lengths) go on; a wrong type, an unknown or
/// missing key, or a value outside a fixed set stops. A union goes on when exactly one branch
/// does (zod then reports that branch's issues instead of "Invalid input").
pub fn continues(v: &Violation, d: ZodDialect) -> bool {
    match &v.kind {
        ViolationKind::Pattern(_) | ViolationKind::Other(_) => true,
        ViolationKind::UnexpectedKey(_) => d.unknown_keys_continue,
        ViolationKind::NoShape { branches, .. } => single_continuing(branches, d).is_some(),
        _ => false,
    }
}

pub(crate) fn single_continuing(branches: &[Vec<Violation>], d: ZodDialect) -> Option<&Vec<Violation>> {
    let mut going = branches.iter().filter(|b| !b.is_empty() && b.iter().all(|v| continues(v, d)));
    let first = going.next()?;
    if going.next().is_some() { None } else { Some(first) }
}
