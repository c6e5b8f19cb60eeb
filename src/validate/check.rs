//! Validating a loaded config against its target release the way `openclaw config validate`
//! does: the merged config (after `$include`) as JSON, the release's schema, OpenClaw's two
//! stages (`rules/validation.toml`), and each issue mapped back to a file and span.

use crate::config::LoadedConfig;
use crate::document::{FileId, KeyPath, Node, Segment, Span, to_json};
use crate::facts::Release;
use crate::facts::keys::values_at;
use crate::facts::schema::{Violation, ViolationKind};
use crate::facts::validation::{ClosedMap, ReadCrash, validation};
use crate::validate::issue::{Issue, Stage, ZodDialect, single_continuing, stage_of};
use serde_json::Value;

#[derive(Debug, Default)]
pub struct Validation {
    /// Why validation could not run (no parsed config, or a data problem).
    pub skipped: Option<String>,
    pub issues: Vec<Issue>,
    /// What the release's load-time migrations changed (see [`crate::validate::migrate`]).
    pub notes: Vec<LocatedNote>,
}

/// A load-time migration's note, at the user's text.
#[derive(Debug, Clone)]
pub struct LocatedNote {
    pub note: crate::validate::migrate::Note,
    pub file: FileId,
    pub span: Span,
}

/// The first value of `value` under `pattern` (dotted, `*` any key) that `crash` trips on.
fn find_crash(crash: &ReadCrash, pattern: &str, value: &Value) -> Option<KeyPath> {
    values_at(pattern, value).into_iter().find(|(_, v)| crash.crashes(v)).map(|(p, _)| p)
}

/// Is a key that fails `pattern` at `path` (the map path plus the key) accepted once the
/// pattern's lost regex flags are back (`[[key_pattern]]`)?
fn flagless_key_ok(path: &KeyPath, pattern: &str) -> bool {
    let Some((Segment::Key(key), map)) = path.0.split_last() else { return false };
    let map = KeyPath(map.to_vec());
    validation().key_pattern.iter().any(|kp| {
        kp.pattern == pattern
            && crate::facts::keys::path_matches(&kp.path, &map)
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
    ///
    /// In releases with gated migrations, a config a legacy rule matches is validated migrated,
    /// and kept so when that is valid throughout (OpenClaw's `migrateLegacyConfig`). Otherwise a
    /// legacy shape still there is all the release reports (`findLegacyConfigIssues` runs before
    /// its schema).
    pub fn run_on(merged: &Node, value: &Value, release: &Release) -> Validation {
        let migrated = crate::validate::migrate::apply(value, release);
        let rules = crate::validate::legacy::matched(&migrated.value, &release.version);
        if !rules.is_empty() {
            if let Some(gated) = crate::validate::migrate::apply_gated(&migrated, release) {
                let v = Validation::run_migrated(merged, gated, release);
                if v.skipped.is_some() || v.issues.is_empty() {
                    return v;
                }
            }
            let issues = rules.into_iter().map(|(path, message)| legacy_issue(merged, &migrated, path, message));
            return Validation { skipped: None, issues: issues.collect(), notes: Vec::new() };
        }
        Validation::run_migrated(merged, migrated, release)
    }

    fn run_migrated(merged: &Node, migrated: crate::validate::migrate::Migrated, release: &Release) -> Validation {
        let violations = match release.schema.validate(&migrated.value) {
            Ok(v) => v,
            Err(e) => {
                return Validation {
                    skipped: Some(format!("schema data for {}: {e}", release.version)),
                    ..Validation::default()
                };
            }
        };
        let dialect = ZodDialect::of(release);
        let hidden = |v: &Violation| match &v.kind {
            ViolationKind::UnexpectedKey(k) => {
                let full = v.path.child_key(k);
                release.hidden.iter().any(|h| crate::facts::keys::path_matches(h, &full))
            }
            ViolationKind::BadKey { pattern: Some(p) } => flagless_key_ok(&v.path, p),
            _ => false,
        };
        // A value that makes the read itself fail hides every other issue.
        for crash in validation().read_crash.iter().filter(|c| c.applies(&release.version)) {
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
        let mut issues: Vec<Issue> = violations
            .into_iter()
            .filter(|v| !hidden(v) && !unchecked(&release.version, v))
            .map(|v| locate(merged, &migrated, release, dialect, v))
            .collect();
        for cm in &validation().closed_maps {
            closed_map(merged, &migrated, release, cm, &mut issues);
        }
        let ctx = crate::validate::refine::Ctx { merged, migrated: &migrated, release, dialect };
        crate::validate::refine::run_all(&validation().refinement, &ctx, &mut issues);
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
    migrated: &crate::validate::migrate::Migrated,
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
        let stage = stage_of(&at, &release.version);
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

/// Is `v` at or below config the release does not validate (`[[unchecked]]`)?
fn unchecked(release: &crate::facts::CalVer, v: &Violation) -> bool {
    let own = match &v.kind {
        ViolationKind::UnexpectedKey(k) | ViolationKind::Missing(k) => v.path.child_key(k),
        _ => v.path.clone(),
    };
    let under = |p: &String| {
        let n = crate::facts::keys::segments(p).len();
        n <= own.0.len() && crate::facts::keys::path_matches(p, &KeyPath(own.0[..n].to_vec()))
    };
    validation().unchecked.iter().filter(|u| u.range.contains(release)).any(|u| u.paths.iter().any(under))
}

/// A legacy rule's finding: at the rule's path, shown at the user's text for it.
fn legacy_issue(merged: &Node, migrated: &crate::validate::migrate::Migrated, path: KeyPath, message: String) -> Issue {
    let (file, span) = key_or_value(merged, &migrated.source_path(&path));
    Issue {
        violation: Violation { path: path.clone(), kind: ViolationKind::Other(message) },
        stage: Stage::Core,
        openclaw_paths: vec![path],
        file,
        span,
        closed_map: None,
    }
}

/// Where OpenClaw reports a violation, by stage.
fn openclaw_paths(v: &Violation, stage: Stage, d: ZodDialect, out: &mut Vec<KeyPath>) {
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

fn locate(
    merged: &Node,
    migrated: &crate::validate::migrate::Migrated,
    release: &Release,
    d: ZodDialect,
    v: Violation,
) -> Issue {
    // An unexpected key's issue is at its object; the stage is that of the key itself.
    let own = match &v.kind {
        ViolationKind::UnexpectedKey(k) | ViolationKind::Missing(k) => v.path.child_key(k),
        _ => v.path.clone(),
    };
    let stage = stage_of(&own, &release.version);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{FileId, parse_tree};

    fn paths(version: &str, text: &str) -> Vec<String> {
        let v: crate::facts::CalVer = version.parse().unwrap();
        let i = crate::facts::release::releases().iter().position(|r| *r == v).expect("imported release");
        let tree = parse_tree(text, FileId(0)).unwrap();
        let out = Validation::run_on(&tree, &to_json(&tree), &crate::facts::release::release(i));
        let mut p: Vec<String> = out.issues.iter().flat_map(|i| i.openclaw_paths.iter().map(KeyPath::dotted)).collect();
        p.sort();
        p.dedup();
        p
    }

    #[test]
    fn a_legacy_bind_alias_is_migrated_when_the_gate_opens_and_rejected_without_migrations() {
        let text = r#"{ gateway: { mode: "local", bind: " 0.0.0.0 " } }"#;
        assert_eq!(paths("2026.3.28", text), Vec::<String>::new());
        assert_eq!(paths("2026.4.5", text), vec!["gateway.bind".to_owned()]);
        // Another issue keeps the migrated config from being valid: only the rule is reported.
        let text = r#"{ gateway: { mode: "local", bind: "localhost", port: "x" } }"#;
        assert_eq!(paths("2026.3.28", text), vec!["gateway.bind".to_owned()]);
    }

    #[test]
    fn bundled_channels_are_core_and_check_their_dm_allowlists_up_to_2026_4_2() {
        let text = r#"{ gateway: { mode: 1 }, channels: { telegram: { dmPolicy: "open", allowFrom: ["1"],
            accounts: { a: { dmPolicy: "allowlist" }, b: { allowFrom: ["*"] } } } } }"#;
        let want = ["channels.telegram.allowFrom", "gateway.mode"];
        assert_eq!(paths("2026.3.28", text), want);
        let text = r#"{ channels: { telegram: { dmPolicy: "allowlist", allowFrom: [" "], accounts: { a: { allowFrom: ["1"] } } } } }"#;
        assert_eq!(paths("2026.4.2", text), vec!["channels.telegram.allowFrom".to_owned()]);
        let text = r#"{ channels: { discord: { dm: { policy: "open", allowFrom: ["1"] }, accounts: { a: { allowFrom: ["2"] } } } } }"#;
        assert_eq!(
            paths("2026.4.2", text),
            vec!["channels.discord.accounts.a.allowFrom", "channels.discord.dm.allowFrom"]
        );
    }
}
