//! Output formats. Each format is one file rendering the same findings.

pub mod concise;
pub mod full;
pub mod github;
pub mod json;
pub mod sarif;
pub mod snippet;

use crate::config::LoadedConfig;
use crate::diagnostic::{Diagnostic, Severity};
use std::io::{self, Write};

/// One linted root config and its findings (already filtered and sorted).
#[derive(Debug, Clone)]
pub struct LintResult {
    pub config: LoadedConfig,
    pub diagnostics: Vec<Diagnostic>,
}

/// What the report covers.
pub struct Report<'a> {
    pub results: &'a [LintResult],
    pub checks_run: usize,
    pub checks_skipped: usize,
    pub color: bool,
    /// Say which file was linted and why (when it was discovered rather than named).
    pub show_sources: bool,
    /// For each result, the release it was checked against and why.
    pub targets: Vec<String>,
}

impl<'a> Report<'a> {
    /// A report on `results` for the rules `selection` ran.
    pub fn new(
        results: &'a [LintResult],
        selection: &crate::rules::Selection,
        color: bool,
        show_sources: bool,
    ) -> Self {
        let checks_run = selection.rules().count();
        let targets = results.iter().map(|r| crate::rules::target_for(&r.config, selection).describe()).collect();
        Report {
            results,
            checks_run,
            checks_skipped: crate::rules::REGISTRY.len() - checks_run,
            color,
            show_sources,
            targets,
        }
    }

    pub fn findings(&self) -> impl Iterator<Item = (&LintResult, &Diagnostic)> {
        self.results.iter().flat_map(|r| r.diagnostics.iter().map(move |d| (r, d)))
    }

    pub fn count(&self, sev: Severity) -> usize {
        self.findings().filter(|(_, d)| d.severity == sev).count()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source snippets with a caret under each finding.
    Full,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Concise,
    /// OpenClaw's lint envelope (`schemaVersion: 1`), for tools and CI.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF readers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the pull request.
    Github,
}

/// Render `report` in `format`. Every format's output is masked (see [`crate::redact`]).
/// A message, label or help text as every format prints it: secrets masked, then overlong runs
/// (a 4 MB key) shortened.
pub(crate) fn shown(s: &str) -> String {
    crate::util::clip_runs(&crate::redact::text(s)).into_owned()
}

pub fn render(format: Format, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut out = crate::redact::Writer::new(out);
    match format {
        Format::Full => full::render(report, &mut out),
        Format::Concise => concise::render(report, &mut out),
        Format::Json => json::render(report, &mut out),
        Format::Sarif => sarif::render(report, &mut out),
        Format::Github => github::render(report, &mut out),
    }?;
    out.flush()
}

/// `N errors, N warnings, N infos` with singular/plural.
pub fn tally(report: &Report<'_>) -> String {
    let part = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {}",
        part(report.count(Severity::Error), "error"),
        part(report.count(Severity::Warning), "warning"),
        part(report.count(Severity::Info), "info")
    )
}
