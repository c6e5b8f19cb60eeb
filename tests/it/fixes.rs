//! Every fixable fixture, through the real fix engine:
//! - the fixed text equals the reviewed `*.fixed.json5` snapshot next to the fixture
//!   (regenerate with `CLAWLINT_BLESS=1 cargo test --test it fixes`, then review the diff);
//! - only lines the fixes target change, and every comment outside a removed member survives;
//! - the same input gives the same bytes, and a second run has nothing left to fix.

use crate::common::files;
use clawlint::config::LoadOptions;
use clawlint::edit::FixOp;
use clawlint::engine::Selection;
use clawlint::engine::diagnostic::Diagnostic;
use clawlint::engine::fix::{self as engine, Outcome, Policy, Root};
use clawlint::model::auth::Environment;
use std::path::{Path, PathBuf};

fn opts() -> LoadOptions {
    LoadOptions { display_base: std::env::current_dir().ok(), ..Default::default() }
}

fn fix(path: &Path) -> Outcome {
    let opts = opts();
    let target = Root { path, display: path.display().to_string(), reason: "test".into(), opts: &opts };
    // Unsafe fixes too: each has its snapshot like the safe ones. The machine's view with no
    // variable set: a fixture's `${VAR}`s and env-var names are unset, not unknown.
    let sel = Selection { env: std::sync::Arc::new(Environment::empty()), ..Selection::default() };
    engine::run(&target, &sel, Policy { unsafe_fixes: true, reviewed: true }, &mut |_| true)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const FIXABLE_DIRS: &[&str] = &[
    "tests/fixtures/fix",
    "tests/fixtures/duplicate-key",
    "tests/fixtures/raw-line-separator",
    "tests/fixtures/env-ref-syntax",
    "tests/fixtures/key-removed",
    "tests/fixtures/fallback-duplicate",
    "tests/fixtures/value-changed",
    "tests/fixtures/key-unknown",
    "tests/fixtures/provider-missing-auth",
    "tests/fixtures/model-unsupported-for-account",
    "tests/fixtures/model-ref-legacy",
    "tests/fixtures/fallbacks-dropped",
    "tests/fixtures/model-not-allowed",
    "tests/fixtures/plaintext-secret",
];

/// Root configs whose fixes are checked.
fn fixable() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = FIXABLE_DIRS
        .iter()
        .flat_map(|d| files(d, &[".json5", ".json"]))
        .filter(|p| !p.ends_with(".fixed.json5") && !p.contains("/include/") && !p.contains("/ok/"))
        // model-not-allowed fixes only the agents.defaults.models list; modelPolicy.allow is
        // edited by hand.
        .filter(|p| !p.ends_with("model-not-allowed/policy-9.6.json5"))
        // Info findings of provider-missing-auth offer nothing to fix there.
        .filter(|p| {
            !p.ends_with("docker-host-indeterminate-9.6.json5") && !p.ends_with("chatgpt-baseurl-key-9.6.json5")
        })
        .map(PathBuf::from)
        .collect();
    out.push(PathBuf::from("tests/fixtures/fix/include/openclaw.json5"));
    // provider-unknown fixes typos only (moonshot-after-6.11 has no fix by design).
    out.push(PathBuf::from("tests/fixtures/provider-unknown/typo.json5"));
    out
}

fn snapshot_path(path: &Path) -> PathBuf {
    let stem = path.file_stem().unwrap().to_string_lossy();
    path.with_file_name(format!("{stem}.fixed.json5"))
}

fn bless() -> bool {
    std::env::var_os("CLAWLINT_BLESS").is_some() || std::env::var("INSTA_UPDATE").is_ok_and(|v| v == "always")
}

#[test]
fn fixed_files_match_their_snapshots() {
    let mut checked = 0;
    for root in fixable() {
        let outcome = fix(&root);
        assert!(!outcome.changes.is_empty(), "{}: nothing to fix", root.display());
        for change in &outcome.changes {
            let rel = change.path.strip_prefix(std::env::current_dir().unwrap()).unwrap_or(&change.path);
            let snap = snapshot_path(rel);
            if bless() {
                std::fs::write(&snap, &change.fixed).unwrap();
            }
            let want = std::fs::read_to_string(&snap)
                .unwrap_or_else(|_| panic!("missing {} (run with CLAWLINT_BLESS=1 and review)", snap.display()));
            assert_eq!(change.fixed, want, "{} differs from {}", rel.display(), snap.display());
            checked += 1;
        }
    }
    assert!(checked >= 16, "only {checked} fixed files");
}

#[test]
fn snapshots_are_not_stale() {
    // Every *.fixed.json5 belongs to a fixture that still exists.
    for dir in FIXABLE_DIRS {
        for snap in files(dir, &[".fixed.json5"]) {
            let base = snap.trim_end_matches(".fixed.json5");
            assert!(
                Path::new(&format!("{base}.json5")).exists() || Path::new(&format!("{base}.json")).exists(),
                "{snap} has no fixture"
            );
        }
    }
}

/// Comments in a text: (byte range, text).
fn comments(text: &str) -> Vec<(usize, usize, String)> {
    let (body, offset) = match text.strip_prefix('\u{FEFF}') {
        Some(b) => (b, 3),
        None => (text, 0),
    };
    let collect =
        jsonc_parser::CollectOptions { comments: jsonc_parser::CommentCollectionStrategy::AsTokens, tokens: true };
    let parsed = jsonc_parser::parse_to_ast(body, &collect, &Default::default()).unwrap();
    parsed
        .tokens
        .unwrap()
        .into_iter()
        .filter_map(|t| match t.token {
            jsonc_parser::tokens::Token::CommentLine(_) | jsonc_parser::tokens::Token::CommentBlock(_) => {
                Some((t.range.start + offset, t.range.end + offset, body[t.range.start..t.range.end].to_string()))
            }
            _ => None,
        })
        .collect()
}

fn line_of(text: &str, pos: usize) -> usize {
    text[..pos].matches('\n').count()
}

/// Spans the fixes of the first lint target, in the original text of `file`.
fn targeted(outcome: &Outcome, file: &Path) -> Vec<(usize, usize, bool)> {
    let before = &outcome.before;
    let mut out = Vec::new();
    for d in &before.diagnostics {
        let Some(f) = &d.fix else { continue };
        for op in &f.ops {
            let targets = match op {
                FixOp::RemoveProperty { file, member } => vec![(*file, *member, true)],
                FixOp::RemoveElement { file, element } => vec![(*file, *element, true)],
                FixOp::ReplaceValue { file, value, .. } => vec![(*file, *value, false)],
                FixOp::RenameKey { file, key, .. } => vec![(*file, *key, false)],
                FixOp::InsertProperty { file, object, .. } => vec![(*file, *object, false)],
                // A move loses nothing: its comments go with the value or stay in place.
                FixOp::MoveProperty { file, member, object, .. } => {
                    vec![(*file, *member, false), (*file, *object, false)]
                }
            };
            for (id, span, removes) in targets {
                if before.config.file(id).path == file {
                    out.push((span.start, span.end, removes));
                }
            }
        }
    }
    out
}

#[test]
fn only_targeted_lines_change_and_comments_survive() {
    for root in fixable() {
        let outcome = fix(&root);
        // Two insertions at the same place (two moves into the root) are applied a pass apart.
        assert!(outcome.applied.iter().all(|a| a.pass <= 2), "{}: expected at most two passes", root.display());
        for change in &outcome.changes {
            let old = &*change.original;
            let spans = targeted(&outcome, &change.path);
            assert!(!spans.is_empty());
            // Lines the fixes may touch: each target's lines.
            let allowed: Vec<(usize, usize)> =
                spans.iter().map(|&(s, e, _)| (line_of(old, s), line_of(old, e))).collect();
            let diff = similar::TextDiff::from_lines(old, change.fixed.as_str());
            for op in diff.ops() {
                if let similar::DiffOp::Equal { .. } = op {
                    continue;
                }
                let r = op.old_range();
                for line in r.start..r.end.max(r.start + 1) {
                    assert!(
                        allowed.iter().any(|&(a, b)| a <= line && line <= b),
                        "{}: line {} changed but no fix targets it\n{}",
                        change.display,
                        line + 1,
                        clawlint::edit::diff::unified(old, &change.fixed, &change.display, false)
                    );
                }
            }
            // Comments: all survive except those inside a removed member or trailing it on
            // its last line.
            let mut gone_ok = Vec::new();
            for &(s, e, removes) in &spans {
                if removes {
                    let last_line = line_of(old, e);
                    for c in comments(old) {
                        if (c.0 >= s && c.1 <= e) || (c.0 >= e && line_of(old, c.0) == last_line) {
                            gone_ok.push(c);
                        }
                    }
                }
            }
            let mut new_comments: Vec<String> = comments(&change.fixed).into_iter().map(|c| c.2).collect();
            for c in comments(old) {
                if gone_ok.contains(&c) {
                    continue;
                }
                let Some(i) = new_comments.iter().position(|n| *n == c.2) else {
                    panic!("{}: comment {:?} was lost", change.display, c.2)
                };
                new_comments.remove(i);
            }
        }
    }
}

#[test]
fn deterministic_and_idempotent() {
    for root in fixable() {
        let a = fix(&root);
        let b = fix(&root);
        let texts = |o: &Outcome| o.changes.iter().map(|c| c.fixed.clone()).collect::<Vec<_>>();
        assert_eq!(texts(&a), texts(&b), "{}", root.display());

        // Apply for real in a copy of the fixture's directory, then run again.
        let dir = tempfile::tempdir().unwrap();
        let src_dir = root.parent().unwrap();
        copy_dir(src_dir, dir.path());
        let copy = dir.path().join(root.file_name().unwrap());
        let first = fix(&copy);
        for change in &first.changes {
            clawlint::engine::write::commit(change).unwrap();
        }
        let second = fix(&copy);
        assert!(second.changes.is_empty(), "{}: second run still changes files", root.display());
        let fixable_left: Vec<&Diagnostic> = second.after.diagnostics.iter().filter(|d| d.fix.is_some()).collect();
        assert!(fixable_left.is_empty(), "{}: {fixable_left:?}", root.display());
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

#[test]
fn fixes_inside_includes_land_in_the_included_file() {
    let outcome = fix(Path::new("tests/fixtures/fix/include/openclaw.json5"));
    let changed: Vec<&str> = outcome.changes.iter().map(|c| c.display.as_str()).collect();
    assert_eq!(changed, ["tests/fixtures/fix/include/agents/agents.json5"]);
    assert!(outcome.changes[0].fixed.contains("timeoutSeconds: 900"));
    assert!(!outcome.changes[0].fixed.contains("timeoutSeconds: 300"));
}

#[test]
fn counts_fixed_and_remaining() {
    let outcome = fix(Path::new("tests/fixtures/fix/05-three-duplicates.json5"));
    assert_eq!(outcome.before.diagnostics.len(), 3);
    assert_eq!(outcome.fixed_count(), 3);
    assert!(outcome.after.diagnostics.is_empty());
    assert_eq!(outcome.applied.len(), 3);
}

/// Every rule whose fixes edit the text has fixtures in the fix checks above (the registry
/// decides, so a new fixing rule cannot be left out).
#[test]
fn every_rule_that_fixes_text_is_checked_here() {
    use clawlint::engine::{FixAvailability, Need};
    let checked = fixable();
    for rule in clawlint::rules::REGISTRY {
        if rule.fix == FixAvailability::None || rule.needs.contains(&Need::FileModes) {
            continue;
        }
        let dir = format!("tests/fixtures/{}/", rule.name);
        assert!(
            checked.iter().any(|p| p.to_string_lossy().starts_with(&dir)),
            "{} fixes, but none of its fixtures is in FIXABLE_DIRS",
            rule.name
        );
    }
}
