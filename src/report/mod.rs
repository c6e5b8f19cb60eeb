//! Output formats. Each format is one file rendering the same findings.

pub mod common;
pub mod concise;
pub mod full;
pub mod github;
pub mod json;
pub mod sarif;
pub mod snippet;

pub use crate::engine::lint::LintResult;
pub use common::{View, shown, tally};
use std::io::{self, Write};

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
pub fn render(format: Format, report: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
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
