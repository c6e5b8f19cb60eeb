//! The whole pipeline on one input, checking the promises that hold for every input. The fuzz
//! target (`fuzz/`) calls it on generated inputs; the tests replay the fuzz corpus through it.
//!
//! load → every rule → every output format → the fix loop (unsafe fixes included) → the fix
//! loop again on its result, which must change nothing more. A panic anywhere, a fix that
//! breaks the file or adds an error it cannot explain (what the CLI reports with exit 3), or a
//! second run that changes the fixed text again is a failure: [`pipeline`] panics saying which.
//! Nothing touches the disk: the config lives at a path that does not exist.

use crate::config::{LoadOptions, LoadedConfig, load_bytes};
use crate::engine::Selection;
use crate::engine::fix::{self, Policy};
use crate::report::{self, Format, LintResult, View};
use std::path::Path;

const PATH: &str = "/nonexistent-clawlint-fuzz/openclaw.json";

fn lint(bytes: Vec<u8>, opts: &LoadOptions, selection: &Selection) -> LintResult {
    let config = load_bytes(Path::new(PATH), "openclaw.json".into(), bytes, "fuzz".into(), opts);
    let diagnostics = crate::engine::check(&config, selection);
    LintResult { config, diagnostics }
}

/// Run everything on `bytes` (see the module docs).
pub fn pipeline(bytes: &[u8]) {
    let opts = LoadOptions::default();
    // Hermetic, and no probe of the machine: the target is the config's own
    // meta.lastTouchedVersion, else the latest stable release.
    let selection = Selection::default();
    let before = lint(bytes.to_vec(), &opts, &selection);
    for format in [Format::Full, Format::Concise, Format::Json, Format::Sarif, Format::Github] {
        let report = View::new(std::slice::from_ref(&before), &selection, false, false);
        let mut out = Vec::new();
        report::render(format, &report, &mut out).expect("rendering into memory does not fail");
    }
    let target =
        fix::Root { path: Path::new(PATH), display: "openclaw.json".into(), reason: "fuzz".into(), opts: &opts };
    let policy = Policy { unsafe_fixes: true, reviewed: false };
    let check = |c: &LoadedConfig| crate::engine::check(c, &selection);
    let outcome = fix::run_from(&target, before, &check, policy, &mut |_| true)
        .unwrap_or_else(|e| panic!("the fix loop failed (exit 3 in the CLI): {e}"));
    if !outcome.not_converged.is_empty() {
        return;
    }
    let Some(change) = outcome.changes.iter().find(|c| c.path == Path::new(PATH)) else { return };
    let again = lint(change.fixed.as_bytes().to_vec(), &opts, &selection);
    let second = fix::run_from(&target, again, &check, policy, &mut |_| true)
        .unwrap_or_else(|e| panic!("the fix loop failed on its own result (exit 3 in the CLI): {e}"));
    if let Some(c) = second.changes.iter().find(|c| c.path == Path::new(PATH)) {
        let rules: Vec<&str> = second.applied.iter().map(|a| a.rule).collect();
        panic!(
            "fixing the fixed text changes it again ({rules:?}):\n--- first result\n{}\n--- second result\n{}",
            change.fixed, c.fixed
        );
    }
}
