//! `--format json`: OpenClaw's own lint envelope (`openclaw doctor --lint --json`), so tooling
//! built for it reads clawlint's output: `{"schemaVersion":1,"ok":…,"checksRun":…,
//! "checksSkipped":…,"findings":[{"checkId":"clawlint/<rule>",…}]}`.

use crate::report::common::View;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<'a> {
    schema_version: u32,
    ok: bool,
    checks_run: usize,
    checks_skipped: usize,
    findings: Vec<Finding<'a>>,
    /// Which files were linted and why (clawlint's addition; OpenClaw readers ignore it).
    configs: Vec<Source<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Finding<'a> {
    check_id: String,
    severity: &'static str,
    message: String,
    path: String,
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix_hint: Option<String>,
    fixable: bool,
    /// Where `openclaw config validate` reports the same problem (schema rules).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    openclaw_paths: Vec<String>,
}

#[derive(Serialize)]
struct Source<'a> {
    file: &'a str,
    reason: &'a str,
    /// The OpenClaw release checked against, and why.
    target: &'a str,
}

pub fn render(report: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    let findings: Vec<Finding<'_>> = report
        .findings()
        .map(|(r, d)| {
            let doc = r.config.file(d.file);
            let (line, column) = doc.line_col(d.span.start);
            let (end_line, end_column) = doc.line_col(d.span.end);
            Finding {
                check_id: format!("clawlint/{}", d.rule),
                severity: d.severity.as_str(),
                message: crate::report::common::shown(&d.message),
                path: d.path.dotted(),
                file: &doc.display,
                line,
                column,
                end_line,
                end_column,
                fix_hint: d.help.as_deref().map(crate::report::common::shown),
                fixable: d.fix.as_ref().is_some_and(|f| f.applicability > crate::edit::Applicability::DisplayOnly),
                openclaw_paths: d.openclaw_paths.iter().map(|p| p.dotted()).collect(),
            }
        })
        .collect();
    let env = Envelope {
        schema_version: 1,
        ok: findings.is_empty(),
        checks_run: report.checks_run,
        checks_skipped: report.checks_skipped,
        findings,
        configs: report
            .results
            .iter()
            .zip(&report.targets)
            .map(|(r, target)| Source { file: &r.config.root().display, reason: &r.config.reason, target })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &env)?;
    writeln!(out)
}
