//! `--format github`: GitHub Actions workflow commands, one per finding, which the runner turns
//! into annotations on the pull request's diff:
//! `::error file=PATH,line=L,col=C,endLine=L,endColumn=C,title=clawlint (rule)::message`.
//!
//! Severity maps to `error`, `warning` and `notice`. A finding spanning several lines gets
//! `line` and `endLine` only: GitHub takes columns only within one line. Values are escaped as
//! the runner reads them (`%`, CR and LF everywhere; `:` and `,` inside properties too).

use crate::engine::diagnostic::Severity;
use crate::report::common::View;
use std::io::{self, Write};

pub fn render(report: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    for (r, d) in report.findings() {
        let doc = r.config.file(d.file);
        let (line, col) = doc.line_col(d.span.start);
        let (end_line, end_col) = doc.line_col(d.span.end);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut props = format!("file={},line={line}", property(&doc.display));
        if end_line == line {
            props.push_str(&format!(",col={col},endColumn={end_col}"));
        } else {
            props.push_str(&format!(",endLine={end_line}"));
        }
        props.push_str(&format!(",title={}", property(&format!("clawlint ({})", d.rule))));
        let mut message = crate::report::common::shown(&d.message);
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(&crate::report::common::shown(help));
        }
        writeln!(out, "::{command} {props}::{}", data(&message))?;
    }
    Ok(())
}

/// Escape a command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a command property's value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_reads() {
        assert_eq!(data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("C:\\a,b.json"), "C%3A\\a%2Cb.json");
        assert_eq!(property("clawlint (duplicate-key)"), "clawlint (duplicate-key)");
    }
}
