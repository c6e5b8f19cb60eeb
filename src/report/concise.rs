//! `--format concise`: `path:line:col: severity[rule] message`, one line per finding.

use crate::engine::diagnostic::Severity;
use crate::report::common::View;
use std::io::{self, Write};

pub fn render(report: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    for (r, d) in report.findings() {
        let doc = r.config.file(d.file);
        let (line, col) = doc.line_col(d.span.start);
        let sev = if report.color {
            let code = match d.severity {
                Severity::Error => "31",
                Severity::Warning => "33",
                Severity::Info => "36",
            };
            format!("\x1b[1;{code}m{}\x1b[0m", d.severity)
        } else {
            d.severity.to_string()
        };
        let (path, message) = (crate::util::one_line(&doc.display), crate::report::common::shown(&d.message));
        writeln!(out, "{path}:{line}:{col}: {sev}[{}] {}", d.rule, crate::util::one_line(&message))?;
    }
    Ok(())
}
