//! What every format renders: the [`View`] of a run (results, what ran, targets) and the
//! text helpers they share.

use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::lint::LintResult;
use crate::engine::rule::Registry;

/// What the report covers.
pub struct View<'a> {
    pub results: &'a [LintResult],
    pub checks_run: usize,
    pub checks_skipped: usize,
    pub color: bool,
    /// Say which file was linted and why (when it was discovered rather than named).
    pub show_sources: bool,
    /// For each result, the release it was checked against and why.
    pub targets: Vec<String>,
    /// Every rule the run knew (SARIF lists them all).
    pub registry: Registry,
    /// The commands the summary tells the user to run to apply safe fixes, and unsafe ones too
    /// (the CLI repeats the user's own flags and paths in them).
    pub fix_commands: [String; 2],
}

impl<'a> View<'a> {
    /// A report on `results` for the rules `selection` ran.
    pub fn new(
        results: &'a [LintResult],
        selection: &crate::engine::select::Selection,
        color: bool,
        show_sources: bool,
    ) -> Self {
        // Rules that need what this run may not read (`--no-env`) or the machine lacks are
        // skipped, and so are the schema rules for a target older than all data (the count is
        // of the config that ran the most).
        let resolved: Vec<_> =
            results.iter().map(|r| crate::engine::select::target_for(&r.config, selection)).collect();
        let checks_run = resolved
            .iter()
            .map(|t| crate::engine::lint::rules_for(t, selection).len())
            .max()
            .unwrap_or_else(|| selection.runnable().count());
        let targets = resolved.iter().map(|t| t.describe()).collect();
        View {
            results,
            checks_run,
            checks_skipped: selection.registry.rules().len() - checks_run,
            registry: selection.registry,
            color,
            show_sources,
            targets,
            fix_commands: ["clawlint doctor --fix".into(), "clawlint doctor --fix --unsafe-fixes".into()],
        }
    }

    pub fn findings(&self) -> impl Iterator<Item = (&LintResult, &Diagnostic)> {
        self.results.iter().flat_map(|r| r.diagnostics.iter().map(move |d| (r, d)))
    }

    pub fn count(&self, sev: Severity) -> usize {
        self.findings().filter(|(_, d)| d.severity == sev).count()
    }
}

/// A message, label or help text as every format prints it: secrets masked, then overlong runs
/// (a 4 MB key) shortened.
pub fn shown(s: &str) -> String {
    crate::util::clip_runs(&crate::redact::text(s)).into_owned()
}

/// `N errors, N warnings, N infos` with singular/plural.
pub fn tally(report: &View<'_>) -> String {
    let part = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {}",
        part(report.count(Severity::Error), "error"),
        part(report.count(Severity::Warning), "warning"),
        part(report.count(Severity::Info), "info")
    )
}
