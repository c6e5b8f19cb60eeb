//! Validating a loaded config against its target release the way `openclaw config validate`
//! does: the merged config (after `$include`) as JSON, the release's schema, OpenClaw's two
//! stages (`rules/validation.toml`), and each issue mapped back to a file and span.

use super::Release;
use super::schema::{Violation, ViolationKind};
use crate::config::LoadedConfig;
use crate::document::{FileId, KeyPath, Kind, Node, Segment, Span};
use serde::Deserialize;
use serde_json::Value;
use std::sync::OnceLock;

static TEXT: &str = include_str!("../../rules/validation.toml");

#[derive(Debug, Deserialize)]
pub struct Rules {
    pub deferred: Deferred,
    #[serde(default)]
    pub closed_maps: Vec<ClosedMap>,
    #[serde(default)]
    pub refinement: Vec<Refinement>,
}

/// A check OpenClaw runs beyond its exported schema (see [`super::refine`]).
#[derive(Debug, Deserialize)]
pub struct Refinement {
    pub check: String,
    pub keys: Vec<String>,
    /// The first release that runs it.
    pub since: String,
    pub message: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
pub struct Deferred {
    pub paths: Vec<String>,
    pub core: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct ClosedMap {
    pub path: String,
    /// Keys of the map the core stage owns (not ids).
    #[serde(default)]
    pub except: Vec<String>,
    pub message: String,
    pub source: String,
}

pub fn rules() -> &'static Rules {
    static R: OnceLock<Rules> = OnceLock::new();
    R.get_or_init(|| toml_edit::de::from_str(TEXT).expect("rules/validation.toml parses (checked by tests)"))
}

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

#[derive(Debug, Default)]
pub struct Validation {
    /// Why validation could not run (no parsed config, or a data problem).
    pub skipped: Option<String>,
    pub issues: Vec<Issue>,
}

impl Validation {
    pub fn run(config: &LoadedConfig, release: &Release) -> Validation {
        match &config.merged {
            Some(merged) => Validation::run_on(merged, &to_json(merged), release),
            None => Validation { skipped: Some("the config does not parse".into()), issues: Vec::new() },
        }
    }

    /// Validate a merged config tree (`value` is [`to_json`] of it, computed once by the caller).
    pub fn run_on(merged: &Node, value: &Value, release: &Release) -> Validation {
        let violations = match release.schema.validate(value) {
            Ok(v) => v,
            Err(e) => {
                return Validation {
                    skipped: Some(format!("schema data for {}: {e}", release.version)),
                    issues: Vec::new(),
                };
            }
        };
        let hidden = |v: &Violation| match &v.kind {
            ViolationKind::UnexpectedKey(k) => {
                let full = v.path.child_key(k);
                release.hidden.iter().any(|h| super::classify::path_matches(h, &full))
            }
            _ => false,
        };
        let mut issues: Vec<Issue> = violations.into_iter().filter(|v| !hidden(v)).map(|v| locate(merged, v)).collect();
        for cm in &rules().closed_maps {
            closed_map(merged, release, cm, &mut issues);
        }
        let schema_issues: Vec<Issue> = issues.iter().filter(|i| i.stage == Stage::Core).cloned().collect();
        for r in &rules().refinement {
            super::refine::run(r, merged, release, &schema_issues, &mut issues);
        }
        issues.sort_by_key(|i| (i.file, i.span.start, i.span.end));
        Validation { skipped: None, issues }
    }

    /// The issues OpenClaw would report now: the core stage's, or, when there are none, the
    /// deferred stage's.
    pub fn reported_now(&self) -> impl Iterator<Item = &Issue> {
        let core = self.issues.iter().any(|i| i.stage == Stage::Core);
        self.issues.iter().filter(move |i| !core || i.stage == Stage::Core)
    }

    pub fn has_core_issues(&self) -> bool {
        self.issues.iter().any(|i| i.stage == Stage::Core)
    }
}

fn closed_map(merged: &Node, release: &Release, cm: &'static ClosedMap, issues: &mut Vec<Issue>) {
    let Some(path) = merged.resolve_dotted(&cm.path) else { return };
    let Some(map) = merged.at(&path).and_then(Node::as_object) else { return };
    let Ok(known) = release.schema.known_keys(&path) else { return };
    let mut seen = std::collections::HashSet::new();
    for m in map.iter().rev() {
        if !seen.insert(m.key.as_str()) || known.iter().any(|k| k == &m.key) || cm.except.contains(&m.key) {
            continue;
        }
        let at = path.child_key(&m.key);
        let stage = stage_of(&at);
        issues.push(Issue {
            violation: Violation { path: path.clone(), kind: ViolationKind::UnexpectedKey(m.key.clone()) },
            stage,
            openclaw_paths: vec![at],
            file: m.value.file,
            span: m.key_span,
            closed_map: Some(cm),
        });
    }
}

/// Does `path` start with something matching `pattern`?
fn matches(pattern: &str, path: &KeyPath) -> bool {
    let n = super::keys::segments(pattern).len();
    n <= path.0.len() && super::classify::path_matches(pattern, &KeyPath(path.0[..n].to_vec()))
}

pub fn stage_of(path: &KeyPath) -> Stage {
    let r = &rules().deferred;
    if r.paths.iter().any(|p| matches(p, path)) && !r.core.iter().any(|p| matches(p, path)) {
        Stage::Deferred
    } else {
        Stage::Core
    }
}

/// Does OpenClaw's core validator (zod) stop at this violation, or go on? Checks on a value of
/// the right type (patterns, formats, ranges, lengths) go on; a wrong type, an unknown or
/// missing key, or a value outside a fixed set stops. A union goes on when exactly one branch
/// does (zod then reports that branch's issues instead of "Invalid input").
fn continues(v: &Violation) -> bool {
    match &v.kind {
        ViolationKind::Pattern(_) | ViolationKind::Other(_) => true,
        ViolationKind::NoShape { branches, .. } => single_continuing(branches).is_some(),
        _ => false,
    }
}

fn single_continuing(branches: &[Vec<Violation>]) -> Option<&Vec<Violation>> {
    let mut going = branches.iter().filter(|b| !b.is_empty() && b.iter().all(continues));
    let first = going.next()?;
    if going.next().is_some() { None } else { Some(first) }
}

/// Where OpenClaw reports a violation, by stage.
fn openclaw_paths(v: &Violation, stage: Stage, out: &mut Vec<KeyPath>) {
    match (&v.kind, stage) {
        (ViolationKind::Missing(k), Stage::Core) => out.push(v.path.child_key(k)),
        (ViolationKind::NoShape { branches, .. }, Stage::Core) => match single_continuing(branches) {
            Some(b) => b.iter().for_each(|bv| openclaw_paths(bv, stage, out)),
            None => out.push(v.path.clone()),
        },
        (ViolationKind::NoShape { branches, .. }, Stage::Deferred) => {
            // The JSON Schema validator reports every branch's own errors as well.
            out.push(v.path.clone());
            for b in branches {
                for bv in b {
                    openclaw_paths(bv, stage, out);
                }
            }
        }
        _ => out.push(v.path.clone()),
    }
}

fn locate(merged: &Node, v: Violation) -> Issue {
    // An unexpected key's issue is at its object; the stage is that of the key itself.
    let own = match &v.kind {
        ViolationKind::UnexpectedKey(k) | ViolationKind::Missing(k) => v.path.child_key(k),
        _ => v.path.clone(),
    };
    let stage = stage_of(&own);
    let mut paths = Vec::new();
    openclaw_paths(&v, stage, &mut paths);
    paths.sort();
    paths.dedup();
    let (file, span) = match &v.kind {
        ViolationKind::UnexpectedKey(k) => merged
            .at(&v.path)
            .and_then(|n| n.member(k))
            .map(|m| (m.value.file, m.key_span))
            .unwrap_or_else(|| key_or_value(merged, &v.path)),
        ViolationKind::Missing(_) => key_or_value(merged, &v.path),
        _ => value_span(merged, &v.path),
    };
    Issue { violation: v, stage, openclaw_paths: paths, file, span, closed_map: None }
}

fn value_span(merged: &Node, path: &KeyPath) -> (FileId, Span) {
    merged.at(path).map(|n| (n.file, n.span)).unwrap_or((merged.file, merged.span))
}

/// The key naming a value (for an object missing a key), or the value itself at the root.
fn key_or_value(merged: &Node, path: &KeyPath) -> (FileId, Span) {
    if let Some((Segment::Key(k), parent)) = path.0.split_last()
        && let Some(m) = merged.at(&KeyPath(parent.to_vec())).and_then(|n| n.member(k))
    {
        return (m.value.file, m.key_span);
    }
    let (file, span) = value_span(merged, path);
    (file, Span::new(span.start, (span.start + 1).min(span.end)))
}

/// The merged config as JSON, the way OpenClaw holds it after parsing: the last of duplicated
/// keys wins; numbers JSON cannot hold (`Infinity`, `NaN`) become `null`, which no number
/// field accepts either.
pub fn to_json(n: &Node) -> Value {
    match &n.kind {
        Kind::Null => Value::Null,
        Kind::Bool(b) => Value::Bool(*b),
        Kind::Number(x) => {
            if x.fract() == 0.0 && x.abs() < 9.0e15 {
                Value::from(*x as i64)
            } else {
                serde_json::Number::from_f64(*x).map(Value::Number).unwrap_or(Value::Null)
            }
        }
        Kind::String(s) => Value::String(s.clone()),
        Kind::Array(a) => Value::Array(a.iter().map(to_json).collect()),
        Kind::Object(members) => {
            let mut m = serde_json::Map::new();
            for mem in members {
                m.insert(mem.key.clone(), to_json(&mem.value));
            }
            Value::Object(m)
        }
    }
}
