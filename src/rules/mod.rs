//! The rule engine: rule metadata, the registry, selection and the check loop.
//!
//! One rule per file. Each file declares a `pub static RULE: Rule` holding its stable name,
//! category, default severity, fix availability, docs (What it does / Why it matters / Example /
//! Fix safety / References) and its check function. [`REGISTRY`] lists them all.

mod duplicate_key;
mod env_ref_syntax;
mod include_error;
mod non_finite_number;
mod raw_line_separator;
mod syntax_error;

use crate::config::LoadedConfig;
use crate::diagnostic::{Diagnostic, Severity};
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Syntax,
    Schema,
    Versions,
    Models,
    Auth,
    Security,
    Style,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Syntax => "syntax",
            Category::Schema => "schema",
            Category::Versions => "versions",
            Category::Models => "models",
            Category::Auth => "auth",
            Category::Security => "security",
            Category::Style => "style",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

impl FixAvailability {
    pub fn as_str(self) -> &'static str {
        match self {
            FixAvailability::None => "none",
            FixAvailability::Sometimes => "sometimes",
            FixAvailability::Always => "always",
        }
    }
}

/// What a rule sees: one loaded config (root file, includes, merged view with provenance).
pub struct Context<'a> {
    pub config: &'a LoadedConfig,
}

/// A rule: metadata and docs beside its check.
pub struct Rule {
    /// Stable kebab-case name, used in `--select`, `--ignore`, output and suppressions.
    pub name: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub fix: FixAvailability,
    /// One line: what it flags.
    pub summary: &'static str,
    /// Markdown: What it does / Why it matters / Example / Fix safety / References.
    pub docs: &'static str,
    pub check: fn(&Context<'_>, &mut Vec<Diagnostic>),
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule").field("name", &self.name).finish_non_exhaustive()
    }
}

/// Every rule, in the order `clawlint rules` lists them.
pub static REGISTRY: &[&Rule] = &[
    &syntax_error::RULE,
    &duplicate_key::RULE,
    &include_error::RULE,
    &env_ref_syntax::RULE,
    &non_finite_number::RULE,
    &raw_line_separator::RULE,
];

pub fn find(name: &str) -> Option<&'static Rule> {
    REGISTRY.iter().copied().find(|r| r.name == name)
}

/// The registered rule name closest to `name`, for "did you mean" messages.
pub fn closest(name: &str) -> Option<&'static str> {
    REGISTRY
        .iter()
        .map(|r| (crate::util::edit_distance(name, r.name), r.name))
        .filter(|(d, n)| *d <= (n.len() / 3).max(2))
        .min()
        .map(|(_, n)| n)
}

/// The rules table README.md carries (kept in sync by a test).
pub fn markdown_table() -> String {
    let mut out = String::from("| rule | category | severity | fix | what it flags |\n|---|---|---|---|---|\n");
    for r in REGISTRY {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            r.name,
            r.category,
            r.severity,
            r.fix.as_str(),
            r.summary.replace('|', "\\|")
        ));
    }
    out
}

/// Which rules run and which findings are kept.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Empty means all rules.
    pub select: Vec<&'static Rule>,
    pub ignore: Vec<&'static Rule>,
    pub severity_min: Severity,
}

impl Default for Selection {
    fn default() -> Self {
        Selection { select: Vec::new(), ignore: Vec::new(), severity_min: Severity::Info }
    }
}

impl Selection {
    pub fn enabled(&self, rule: &Rule) -> bool {
        (self.select.is_empty() || self.select.iter().any(|r| r.name == rule.name))
            && !self.ignore.iter().any(|r| r.name == rule.name)
    }

    pub fn rules(&self) -> impl Iterator<Item = &'static Rule> + '_ {
        REGISTRY.iter().copied().filter(|r| self.enabled(r))
    }
}

/// Run the selected rules on one config. Findings are sorted by (file, offset, rule).
pub fn check(config: &LoadedConfig, selection: &Selection) -> Vec<Diagnostic> {
    let cx = Context { config };
    let mut out = Vec::new();
    for rule in selection.rules() {
        let start = out.len();
        (rule.check)(&cx, &mut out);
        debug_assert!(out[start..].iter().all(|d| d.rule == rule.name), "{} reported under another name", rule.name);
    }
    out.retain(|d| d.severity >= selection.severity_min);
    out.sort_by(|a, b| {
        let fa = &config.file(a.file).display;
        let fb = &config.file(b.file).display;
        (fa, a.span.start, a.rule, a.span.end).cmp(&(fb, b.span.start, b.rule, b.span.end))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_consistent() {
        let mut names: Vec<_> = REGISTRY.iter().map(|r| r.name).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), REGISTRY.len(), "duplicate rule names");
        for rule in REGISTRY {
            assert!(
                rule.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') && !rule.name.starts_with('-'),
                "{} is not kebab-case",
                rule.name
            );
            for heading in ["## What it does", "## Why it matters", "## Example", "## Fix safety", "## References"] {
                assert!(rule.docs.contains(heading), "{} docs lack {heading}", rule.name);
            }
            assert!(rule.docs.contains('#'), "{} docs cite no issue", rule.name);
            assert!(!rule.summary.is_empty());
        }
    }

    #[test]
    fn closest_names() {
        assert_eq!(closest("duplicate-keys"), Some("duplicate-key"));
        assert_eq!(closest("syntax"), None);
    }
}
