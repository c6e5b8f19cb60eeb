//! `--format full`: miette's graphical report, a source snippet with a caret under the exact
//! span. Each file is wrapped once (with UTF-16 columns, as OpenClaw counts) and every finding borrows it
//! through a small adapter, so nothing is copied per finding.

use crate::document::Document;
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::report::common::{View, tally};
use crate::report::snippet::Snippet;
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};
use std::fmt;
use std::io::{self, Write};

/// The lines of one file around one finding, for miette (see [`crate::report::snippet`]), named, with
/// line/column reported the way clawlint reports them (UTF-16 columns, like OpenClaw) rather
/// than miette's byte columns.
struct Source<'a> {
    doc: &'a Document,
    snippet: Snippet,
}

impl Source<'_> {
    fn span(&self, s: crate::document::Span) -> SourceSpan {
        let (a, b) = (self.snippet.map(s.start, false), self.snippet.map(s.end, true));
        SourceSpan::from(a..b.max(a))
    }
}

impl SourceCode for Source<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner = self.snippet.text.as_str().read_span(span, context_lines_before, context_lines_after)?;
        let offset = inner.span().offset();
        let (_, column) = self.doc.line_col(self.snippet.unmap(offset));
        Ok(Box::new(MietteSpanContents::new_named(
            self.doc.display.clone(),
            inner.data(),
            *inner.span(),
            self.snippet.line_of(offset),
            column as usize - 1,
            inner.line_count(),
        )))
    }
}

/// Borrowing adapter: a clawlint finding seen as a miette diagnostic with a shared source.
struct AsMiette<'a> {
    d: &'a Diagnostic,
    src: Source<'a>,
    /// Secondary labels in other files, shown as notes (miette snippets are one file).
    elsewhere: Option<String>,
}

impl fmt::Debug for AsMiette<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AsMiette").field("rule", &self.d.rule).finish_non_exhaustive()
    }
}

impl fmt::Display for AsMiette<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::report::common::shown(&self.d.message))
    }
}

impl std::error::Error for AsMiette<'_> {}

impl miette::Diagnostic for AsMiette<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.d.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let text = match (&self.d.help, &self.elsewhere) {
            (None, None) => return None,
            (Some(h), None) => h.clone(),
            (None, Some(e)) => e.clone(),
            (Some(h), Some(e)) => format!("{h}\n{e}"),
        };
        Some(Box::new(crate::report::common::shown(&text)))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.src)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = self.d.label.as_deref().map(crate::report::common::shown);
        let primary = LabeledSpan::new_primary_with_span(label, self.src.span(self.d.span));
        let secondary =
            self.d.labels.iter().filter(|l| l.file == self.d.file).map(|l| {
                LabeledSpan::new_with_span(Some(crate::report::common::shown(&l.message)), self.src.span(l.span))
            });
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}

pub fn render(report: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    let theme = if report.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100).with_links(false);
    let mut buf = String::with_capacity(1024);
    for r in report.results {
        if report.show_sources {
            writeln!(out, "Checking {} ({})", r.config.root().display, r.config.reason)?;
        }
        if r.diagnostics.is_empty() {
            continue;
        }
        for d in &r.diagnostics {
            let elsewhere: Vec<String> = d
                .labels
                .iter()
                .filter(|l| l.file != d.file)
                .map(|l| {
                    let doc = r.config.file(l.file);
                    let (line, col) = doc.line_col(l.span.start);
                    format!("note: {} at {}:{line}:{col}", l.message, doc.display)
                })
                .collect();
            let doc = r.config.file(d.file);
            let spans: Vec<crate::document::Span> =
                std::iter::once(d.span).chain(d.labels.iter().filter(|l| l.file == d.file).map(|l| l.span)).collect();
            let view = AsMiette {
                d,
                src: Source { doc, snippet: Snippet::new(doc, &spans) },
                elsewhere: (!elsewhere.is_empty()).then(|| elsewhere.join("\n")),
            };
            buf.clear();
            handler.render_report(&mut buf, &view).map_err(io::Error::other)?;
            out.write_all(buf.as_bytes())?;
            if let Some(fix) = &d.fix {
                writeln!(out, "  fix ({}): {}", fix.applicability.as_str(), fix.title)?;
            }
            writeln!(out)?;
        }
    }
    // Which release: one line when every config has the same target, else one per config.
    match report.targets.first() {
        Some(t) if report.targets.iter().all(|x| x == t) => writeln!(out, "Target: {t}")?,
        _ => {
            for (r, t) in report.results.iter().zip(&report.targets) {
                writeln!(out, "Target for {}: {t}", r.config.root().display)?;
            }
        }
    }
    let files: usize = report.results.iter().map(|r| r.config.files.len()).sum();
    let configs = report.results.len();
    writeln!(
        out,
        "{} in {configs} config{} ({files} file{}), {} rules run",
        tally(report),
        if configs == 1 { "" } else { "s" },
        if files == 1 { "" } else { "s" },
        report.checks_run
    )?;
    let count = |a: crate::edit::Applicability| {
        report.findings().filter(|(_, d)| d.fix.as_ref().is_some_and(|f| f.applicability == a)).count()
    };
    let (safe, unsafe_) = (count(crate::edit::Applicability::Safe), count(crate::edit::Applicability::Unsafe));
    match (safe, unsafe_) {
        (0, 0) => {}
        (0, u) => writeln!(out, "{u} fixable with `{}` (review the diff)", report.fix_commands[1])?,
        (s, 0) => writeln!(out, "{s} fixable with `{}`", report.fix_commands[0])?,
        (s, u) => writeln!(out, "{s} fixable with `{}` ({u} more with --unsafe-fixes)", report.fix_commands[0])?,
    }
    Ok(())
}
