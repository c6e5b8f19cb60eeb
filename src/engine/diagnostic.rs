//! The diagnostic model every rule produces and every report format renders.

use crate::document::{FileId, KeyPath, Span};
use crate::edit::Fix;
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The lowest: also the default `--severity-min`, which keeps every finding.
    #[default]
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// A secondary span with a note.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    pub message: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The rule's kebab-case name.
    pub rule: &'static str,
    pub severity: Severity,
    pub file: FileId,
    /// The primary span: where the caret goes.
    pub span: Span,
    /// OpenClaw's path of the value concerned (`<root>` for the document itself).
    pub path: KeyPath,
    pub message: String,
    /// Text under the primary caret.
    pub label: Option<String>,
    pub labels: Vec<Label>,
    /// How to fix it by hand (also `fixHint` in JSON output).
    pub help: Option<String>,
    pub fix: Option<Fix>,
    /// Where `openclaw config validate` reports the same problem, when it does (schema rules).
    pub openclaw_paths: Vec<KeyPath>,
}

impl Diagnostic {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        file: FileId,
        span: Span,
        path: KeyPath,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity,
            file,
            span,
            path,
            message: message.into(),
            label: None,
            labels: Vec::new(),
            help: None,
            fix: None,
            openclaw_paths: Vec::new(),
        }
    }

    pub fn with_label(mut self, text: impl Into<String>) -> Self {
        self.label = Some(text.into());
        self
    }

    pub fn with_secondary(mut self, file: FileId, span: Span, text: impl Into<String>) -> Self {
        self.labels.push(Label { file, span, message: text.into() });
        self
    }

    pub fn with_help(mut self, text: impl Into<String>) -> Self {
        self.help = Some(text.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
}
