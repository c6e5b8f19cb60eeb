//! The lint loop: every selected rule on one config, then suppressions, `[[ignores]]`,
//! per-rule severities and `--severity-min`.

use crate::config::LoadedConfig;
use crate::engine::diagnostic::Diagnostic;
use crate::engine::rule::{Category, Context, Rule};
use crate::engine::select::{Selection, target_for};
use crate::engine::suppress;
use std::sync::OnceLock;

/// One linted root config and its findings (already filtered and sorted).
#[derive(Debug, Clone)]
pub struct LintResult {
    pub config: LoadedConfig,
    pub diagnostics: Vec<Diagnostic>,
}

/// The rules that run on a config with this target: the runnable ones, less, for a target older
/// than every release with data, those that judge keys and values by the release's schema (by
/// a newer release's schema, keys the old release accepts would look unknown; matrix-stale
/// says so).
pub fn rules_for(target: &crate::facts::Target, selection: &Selection) -> Vec<&'static Rule> {
    selection.runnable().filter(|r| !(target.older_than_data && judges_by_schema(r))).collect()
}

/// Rules whose verdict is the target release's schema or key history.
fn judges_by_schema(rule: &Rule) -> bool {
    matches!(rule.category, Category::Schema | Category::Versions) && rule.name != "matrix-stale"
}

/// Run the selected rules the run can serve (see [`Selection::runnable`]) on one config.
/// Findings are sorted by (file, offset, rule).
pub fn check(config: &LoadedConfig, selection: &Selection) -> Vec<Diagnostic> {
    let target = target_for(config, selection);
    let release = crate::facts::release(target.data);
    let selected = rules_for(&target, selection);
    let cx = Context {
        config,
        target,
        release,
        env: selection.env.clone(),
        validation: OnceLock::new(),
        classified: OnceLock::new(),
        auth: OnceLock::new(),
        sites: OnceLock::new(),
        selected: &selected,
        registry: selection.registry,
        suppressions: OnceLock::new(),
    };
    let mut out = Vec::new();
    let run = |rule: &Rule, out: &mut Vec<Diagnostic>| {
        let start = out.len();
        (rule.check)(&cx, out);
        debug_assert!(out[start..].iter().all(|d| d.rule == rule.name), "{} reported under another name", rule.name);
    };
    for rule in selected.iter().copied().filter(|r| r.category != Category::Suppression) {
        run(rule, &mut out);
    }
    // Suppressions apply before severity filtering: a suppression of a finding below
    // --severity-min still silenced it.
    let mut sups = suppress::parse(config, &|name| selection.registry.find(name).is_some());
    suppress::apply(config, &mut sups, &mut out);
    let _ = cx.suppressions.set(sups);
    if !selection.ignores.is_empty() {
        out.retain(|d| !selection.ignores.iter().any(|ig| ig.covers(d.rule, &config.file(d.file).path, &d.path)));
    }
    for rule in selected.iter().copied().filter(|r| r.category == Category::Suppression) {
        run(rule, &mut out);
    }
    for d in &mut out {
        if let Some((_, s)) = selection.severity.iter().find(|(r, _)| *r == d.rule) {
            d.severity = *s;
        }
    }
    out.retain(|d| d.severity >= selection.severity_min);
    out.sort_by(|a, b| {
        let fa = &config.file(a.file).display;
        let fb = &config.file(b.file).display;
        (fa, a.span.start, a.rule, a.span.end).cmp(&(fb, b.span.start, b.rule, b.span.end))
    });
    out
}
