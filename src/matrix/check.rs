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

#[derive(Debug, Deserialize)]
pub struct Rules {
    pub deferred: Deferred,
    #[serde(default)]
    pub closed_maps: Vec<ClosedMap>,
    #[serde(default)]
    pub refinement: Vec<Refinement>,
    #[serde(default)]
    pub load_migration: Vec<super::migrate::LoadMigration>,
    #[serde(default)]
    pub key_pattern: Vec<KeyPattern>,
    #[serde(default)]
    pub read_crash: Vec<ReadCrash>,
    #[serde(default)]
    pub hidden: Vec<Hidden>,
    pub zod: Zod,
}

/// A key some releases accept although their exported schema leaves it out.
#[derive(Debug, Deserialize)]
pub struct Hidden {
    pub path: String,
    pub releases: Vec<String>,
    pub source: String,
}

/// Values that make the release's read of the whole config fail (`[[read_crash]]`).
#[derive(Debug, Deserialize)]
pub struct ReadCrash {
    /// Dotted paths, `*` for any key.
    pub paths: Vec<String>,
    /// What the value fails: `url` (JavaScript's `new URL()` throws on it).
    pub test: String,
    pub since: String,
    /// The last release that crashes (none: still crashes).
    #[serde(default)]
    pub until: Option<String>,
    pub message: String,
    pub source: String,
}

/// Is `v` within `since..=until` (no `until`: every later release)? Data that does not parse
/// matches nothing (tests parse every entry).
pub fn in_range(v: &super::CalVer, since: &str, until: Option<&str>) -> bool {
    since.parse::<super::CalVer>().is_ok_and(|s| *v >= s)
        && until.is_none_or(|u| u.parse::<super::CalVer>().is_ok_and(|u| *v <= u))
}

impl ReadCrash {
    fn applies(&self, release: &Release) -> bool {
        in_range(&release.version, &self.since, self.until.as_deref())
    }

    /// Does this value make the read fail?
    fn crashes(&self, value: &Value) -> bool {
        match (self.test.as_str(), value) {
            // WHATWG URL parsing, as `new URL(value)` does it.
            ("url", Value::String(s)) => url::Url::parse(s).is_err(),
            _ => false,
        }
    }
}

/// The first value of `value` under `pattern` (dotted, `*` any key) that `crash` trips on.
fn find_crash(crash: &ReadCrash, pattern: &str, value: &Value) -> Option<KeyPath> {
    values_at(pattern, value).into_iter().find(|(_, v)| crash.crashes(v)).map(|(p, _)| p)
}

/// Every value of `value` under `pattern` (dotted, `*` any key), in document order.
pub fn values_at<'v>(pattern: &str, value: &'v Value) -> Vec<(KeyPath, &'v Value)> {
    fn walk<'v>(parts: &[&str], v: &'v Value, at: KeyPath, out: &mut Vec<(KeyPath, &'v Value)>) {
        let Some((first, rest)) = parts.split_first() else {
            out.push((at, v));
            return;
        };
        let Some(obj) = v.as_object() else { return };
        if *first == "*" {
            for (k, c) in obj {
                walk(rest, c, at.child_key(k), out);
            }
        } else if let Some(c) = obj.get(*first) {
            walk(rest, c, at.child_key(first), out);
        }
    }
    let mut out = Vec::new();
    walk(&super::keys::segments(pattern), value, KeyPath::root(), &mut out);
    out
}

/// A key pattern the exported schema states without its regex flags.
#[derive(Debug, Deserialize)]
pub struct KeyPattern {
    pub path: String,
    pub pattern: String,
    #[serde(default)]
    pub case_insensitive: bool,
    pub source: String,
}

/// The zod version of each release, and from which version unknown keys let zod go on.
#[derive(Debug, Deserialize)]
pub struct Zod {
    pub unknown_keys_continue_since: String,
    pub releases: std::collections::BTreeMap<String, String>,
}

/// How a release's zod treats issues (see [`continues`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Dialect {
    /// An unknown key does not stop zod (zod 4.5.0 on).
    pub unknown_keys_continue: bool,
}

impl Dialect {
    pub fn of(release: &Release) -> Dialect {
        let z = &rules().zod;
        let v = |s: &str| semver::Version::parse(s).ok();
        let unknown_keys_continue =
            match (z.releases.get(&release.version.to_string()), v(&z.unknown_keys_continue_since)) {
                (Some(have), Some(since)) => v(have).is_some_and(|h| h >= since),
                _ => false,
            };
        Dialect { unknown_keys_continue }
    }
}

/// A check OpenClaw runs beyond its exported schema (see [`super::refine`]).
#[derive(Debug, Deserialize)]
pub struct Refinement {
    pub check: String,
    /// The object the zod refinement hangs on (dotted, "" for the root).
    #[serde(default)]
    pub scope: Option<String>,
    /// Runs on the parsed config, once the core is valid.
    #[serde(default)]
    pub after_parse: bool,
    /// `plugins`: a check of the second stage.
    #[serde(default)]
    pub stage: Option<String>,
    /// The first release that runs it.
    pub since: String,
    /// The last release that runs it.
    #[serde(default)]
    pub until: Option<String>,
    /// Releases that do not run it although they are in range (betas cut before it landed).
    #[serde(default)]
    pub not_in: Vec<String>,
    /// Paths the check looks at (dotted, `*` any key), for checks of single values.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Accepted URL schemes (`url-scheme`).
    #[serde(default)]
    pub schemes: Vec<String>,
    pub message: String,
    /// Further messages of the check, by name.
    #[serde(default)]
    pub messages: std::collections::BTreeMap<String, String>,
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
    R.get_or_init(|| super::data::VALIDATION.load().unwrap_or_else(|e| panic!("{e}")))
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
    /// What the release's load-time migrations changed (see [`super::migrate`]).
    pub notes: Vec<LocatedNote>,
}

/// A load-time migration's note, at the user's text.
#[derive(Debug, Clone)]
pub struct LocatedNote {
    pub note: super::migrate::Note,
    pub file: FileId,
    pub span: Span,
}

/// Is a key that fails `pattern` at `path` (the map path plus the key) accepted once the
/// pattern's lost regex flags are back (`[[key_pattern]]`)?
fn flagless_key_ok(path: &KeyPath, pattern: &str) -> bool {
    let Some((Segment::Key(key), map)) = path.0.split_last() else { return false };
    let map = KeyPath(map.to_vec());
    rules().key_pattern.iter().any(|kp| {
        kp.pattern == pattern
            && super::classify::path_matches(&kp.path, &map)
            && regex::RegexBuilder::new(&kp.pattern)
                .case_insensitive(kp.case_insensitive)
                .build()
                .is_ok_and(|re| re.is_match(key))
    })
}

impl Validation {
    pub fn run(config: &LoadedConfig, release: &Release) -> Validation {
        match &config.merged {
            Some(merged) => Validation::run_on(merged, &to_json(merged), release),
            None => Validation { skipped: Some("the config does not parse".into()), ..Validation::default() },
        }
    }

    /// Validate a merged config tree (`value` is [`to_json`] of it, computed once by the caller).
    pub fn run_on(merged: &Node, value: &Value, release: &Release) -> Validation {
        let migrated = super::migrate::apply(value, release);
        let violations = match release.schema.validate(&migrated.value) {
            Ok(v) => v,
            Err(e) => {
                return Validation {
                    skipped: Some(format!("schema data for {}: {e}", release.version)),
                    ..Validation::default()
                };
            }
        };
        let dialect = Dialect::of(release);
        let hidden = |v: &Violation| match &v.kind {
            ViolationKind::UnexpectedKey(k) => {
                let full = v.path.child_key(k);
                release.hidden.iter().any(|h| super::classify::path_matches(h, &full))
            }
            ViolationKind::BadKey { pattern: Some(p) } => flagless_key_ok(&v.path, p),
            _ => false,
        };
        // A value that makes the read itself fail hides every other issue.
        for crash in rules().read_crash.iter().filter(|c| c.applies(release)) {
            if let Some(at) = crash.paths.iter().find_map(|p| find_crash(crash, p, &migrated.value)) {
                let src = migrated.source_path(&at);
                let (file, span) = value_span(merged, &src);
                let issue = Issue {
                    violation: Violation { path: at, kind: ViolationKind::Other(crash.message.clone()) },
                    stage: Stage::Core,
                    openclaw_paths: vec![KeyPath::root()],
                    file,
                    span,
                    closed_map: None,
                };
                return Validation { skipped: None, issues: vec![issue], notes: Vec::new() };
            }
        }
        let mut issues: Vec<Issue> =
            violations.into_iter().filter(|v| !hidden(v)).map(|v| locate(merged, &migrated, dialect, v)).collect();
        for cm in &rules().closed_maps {
            closed_map(merged, &migrated, release, cm, &mut issues);
        }
        let ctx = super::refine::Ctx { merged, migrated: &migrated, release, dialect };
        super::refine::run_all(&rules().refinement, &ctx, &mut issues);
        issues.sort_by_key(|i| (i.file, i.span.start, i.span.end));
        let notes = migrated
            .notes
            .iter()
            .map(|n| {
                let (file, span) =
                    merged.at(&n.path).map_or((merged.file, merged.span), |_| key_or_value(merged, &n.path));
                LocatedNote { note: n.clone(), file, span }
            })
            .collect();
        Validation { skipped: None, issues, notes }
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

fn closed_map(
    merged: &Node,
    migrated: &super::migrate::Migrated,
    release: &Release,
    cm: &'static ClosedMap,
    issues: &mut Vec<Issue>,
) {
    let Some(path) = merged.resolve_dotted(&cm.path) else { return };
    if migrated.source_path(&path) != path {
        return;
    }
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
pub fn continues(v: &Violation, d: Dialect) -> bool {
    match &v.kind {
        ViolationKind::Pattern(_) | ViolationKind::Other(_) => true,
        ViolationKind::UnexpectedKey(_) => d.unknown_keys_continue,
        ViolationKind::NoShape { branches, .. } => single_continuing(branches, d).is_some(),
        _ => false,
    }
}

fn single_continuing(branches: &[Vec<Violation>], d: Dialect) -> Option<&Vec<Violation>> {
    let mut going = branches.iter().filter(|b| !b.is_empty() && b.iter().all(|v| continues(v, d)));
    let first = going.next()?;
    if going.next().is_some() { None } else { Some(first) }
}

/// Where OpenClaw reports a violation, by stage.
fn openclaw_paths(v: &Violation, stage: Stage, d: Dialect, out: &mut Vec<KeyPath>) {
    match (&v.kind, stage) {
        (ViolationKind::Missing(k), Stage::Core) => out.push(v.path.child_key(k)),
        (ViolationKind::NoShape { branches, .. }, Stage::Core) => match single_continuing(branches, d) {
            Some(b) => b.iter().for_each(|bv| openclaw_paths(bv, stage, d, out)),
            None => out.push(v.path.clone()),
        },
        (ViolationKind::NoShape { branches, .. }, Stage::Deferred) => {
            // The JSON Schema validator reports every branch's own errors as well.
            out.push(v.path.clone());
            for b in branches {
                for bv in b {
                    openclaw_paths(bv, stage, d, out);
                }
            }
        }
        _ => out.push(v.path.clone()),
    }
}

fn locate(merged: &Node, migrated: &super::migrate::Migrated, d: Dialect, v: Violation) -> Issue {
    // An unexpected key's issue is at its object; the stage is that of the key itself.
    let own = match &v.kind {
        ViolationKind::UnexpectedKey(k) | ViolationKind::Missing(k) => v.path.child_key(k),
        _ => v.path.clone(),
    };
    let stage = stage_of(&own);
    let mut paths = Vec::new();
    openclaw_paths(&v, stage, d, &mut paths);
    paths.sort();
    paths.dedup();
    // Where the user wrote it (a load-time migration may have moved it).
    let src = migrated.source_path(&v.path);
    let (file, span) = match &v.kind {
        ViolationKind::UnexpectedKey(k) => merged
            .at(&src)
            .and_then(|n| n.member(k))
            .map(|m| (m.value.file, m.key_span))
            .unwrap_or_else(|| key_or_value(merged, &src)),
        ViolationKind::Missing(_) | ViolationKind::BadKey { .. } => key_or_value(merged, &src),
        _ => value_span(merged, &src),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_release_range_and_version_in_the_data_parses() {
        let r = rules();
        let ok = |s: &str| assert!(s.parse::<super::super::CalVer>().is_ok(), "not a version: {s}");
        for x in &r.refinement {
            ok(&x.since);
            x.until.iter().chain(&x.not_in).for_each(|s| ok(s));
        }
        for x in &r.read_crash {
            ok(&x.since);
            x.until.iter().for_each(|s| ok(s));
        }
        r.load_migration.iter().for_each(|m| ok(&m.since));
        r.hidden.iter().flat_map(|h| &h.releases).for_each(|s| ok(s));
        assert!(semver::Version::parse(&r.zod.unknown_keys_continue_since).is_ok());
        for (release, zod) in &r.zod.releases {
            ok(release);
            assert!(semver::Version::parse(zod).is_ok(), "{release}: zod {zod}");
        }
        // Every imported release has its zod version recorded.
        for v in super::super::releases() {
            assert!(r.zod.releases.contains_key(&v.to_string()), "no zod version for {v}");
        }
    }

    #[test]
    fn ranges_include_both_ends() {
        let v = |s: &str| s.parse::<super::super::CalVer>().unwrap();
        assert!(in_range(&v("2026.6.11"), "2026.5.7", Some("2026.6.11")));
        assert!(!in_range(&v("2026.7.1"), "2026.5.7", Some("2026.6.11")));
        assert!(in_range(&v("2026.9.6"), "2026.6.11", None));
        assert!(!in_range(&v("2026.5.28"), "2026.6.11", None));
    }
}
