//! The rule engine: rule metadata, the registry, selection and the check loop.
//!
//! One rule per file. Each file declares a `pub static RULE: Rule` holding its stable name,
//! category, default severity, fix availability, docs (What it does / Why it matters / Example /
//! Fix safety / References) and its check function. [`REGISTRY`] lists them all.

mod allowfrom_wildcard;
mod capability_gap;
mod chain;
mod config_from_future;
mod config_permissions;
mod dangerous_flags;
mod duplicate_key;
mod env_ref_syntax;
mod env_ref_unresolved;
mod exec_unrestricted;
mod exposure;
mod fallback_duplicate;
mod fallbacks_dropped;
mod gateway_exposed;
mod gateway_token_weak;
mod include_error;
mod key_migrated_on_load;
mod key_removed;
mod key_requires_newer;
mod key_unknown;
mod matrix_stale;
mod model_not_allowed;
mod model_ref_legacy;
mod model_unknown;
pub mod model_unsupported_for_account;
mod non_finite_number;
mod plaintext_secret;
mod provider_missing_auth;
mod provider_unknown;
mod raw_line_separator;
mod schema_invalid;
mod secret_tracked_by_git;
pub mod suppress;
mod suppression_invalid;
mod syntax_error;
mod unused_suppression;
mod value_changed;

use crate::config::LoadedConfig;
use crate::config::auth::{AuthContext, Environment};
use crate::config::model_refs::{self, Site};
use crate::diagnostic::{Diagnostic, Severity};
use crate::matrix::auth_facts;
use crate::matrix::catalog::{self, ReleaseCatalog};
use crate::matrix::check::{Stage, Validation};
use crate::matrix::classify::{Classified, classify};
use crate::matrix::readiness::{self, Readiness};
use crate::matrix::{Release, Target, TargetRequest};
use serde::Serialize;
use std::fmt;
use std::sync::{Arc, OnceLock};

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
    /// Inline suppressions themselves; these rules run after every other rule.
    Suppression,
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
            Category::Suppression => "suppression",
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

/// What a rule sees: one loaded config (root file, includes, merged view with provenance) and
/// the release it is checked against.
pub struct Context<'a> {
    pub config: &'a LoadedConfig,
    pub target: Target,
    pub release: Arc<Release>,
    /// The environment readiness is judged with (`--no-env`, `--env-file`).
    pub env: Arc<Environment>,
    validation: OnceLock<Validation>,
    classified: OnceLock<Vec<Classified>>,
    auth: OnceLock<AuthContext>,
    sites: OnceLock<Vec<Site>>,
    /// The rules this run checks.
    selection: &'a Selection,
    /// The config's suppression comments, with their uses (set once every other rule ran).
    suppressions: OnceLock<Vec<suppress::Suppression>>,
}

impl Context<'_> {
    /// The target's validation issues, classified (see [`crate::matrix::classify`]).
    pub fn classified(&self) -> &[Classified] {
        self.classified.get_or_init(|| classify(self.validation(), self.config.merged.as_ref(), &self.release))
    }

    /// A diagnostic for one validation issue, at its span, carrying OpenClaw's own paths. An
    /// issue OpenClaw only reports once the core config is valid says so.
    pub fn issue_diagnostic(&self, rule: &Rule, c: &Classified, message: String) -> Diagnostic {
        let path = c.key_path.clone().unwrap_or_else(|| c.issue.violation.path.clone());
        let mut message = message;
        let later = c.issue.stage == Stage::Deferred && self.validation().has_core_issues();
        if later {
            message.push_str(" (OpenClaw reports this once the core config is valid)");
        }
        let mut d = Diagnostic::new(rule.name, rule.severity, c.issue.file, c.issue.span, path, message);
        // What `openclaw config validate` reports now: nothing for an issue it checks later.
        if !later {
            d.openclaw_paths = c.issue.openclaw_paths.clone();
        }
        d
    }

    /// Does the object at `path` (merged view) already have `key`? (A rename fix must not
    /// create a duplicate.)
    pub fn has_key(&self, path: &crate::document::KeyPath, key: &str) -> bool {
        self.config.merged.as_ref().and_then(|m| m.at(path)).is_some_and(|o| o.member(key).is_some())
    }

    /// `OpenClaw 2026.9.6`, or `OpenClaw 2026.9.7 (2026.9.6 data)` when checked with older data.
    pub fn target_name(&self) -> String {
        if self.target.exact() {
            format!("OpenClaw {}", self.target.version)
        } else {
            format!("OpenClaw {} ({} data)", self.target.version, self.release.version)
        }
    }

    /// What the config and the files beside it show about credentials.
    pub fn auth(&self) -> &AuthContext {
        self.auth.get_or_init(|| match self.config.merged.as_ref() {
            Some(m) => AuthContext::from_config(m, self.config.root().path.parent()),
            None => AuthContext::default(),
        })
    }

    /// Every model reference of the config (see [`crate::config::model_refs::collect`]).
    pub fn model_sites(&self) -> &[Site] {
        self.sites.get_or_init(|| self.config.merged.as_ref().map(model_refs::collect).unwrap_or_default())
    }

    /// Whether `rule` runs in this check.
    pub fn ran(&self, rule: &Rule) -> bool {
        self.selection.enabled(rule)
    }

    /// The config's `clawlint-ignore` comments, each rule name with the findings it silenced
    /// (only the suppression rules read this: they run after the others).
    pub fn suppressions(&self) -> &[suppress::Suppression] {
        self.suppressions.get().map_or(&[], Vec::as_slice)
    }

    /// Every plaintext secret of the config (see [`crate::config::secrets::scan`]).
    pub fn secret_sites(&self) -> &[crate::config::secrets::SecretSite] {
        &self.config.secrets
    }

    /// The target release's provider catalog.
    pub fn catalog(&self) -> ReleaseCatalog<'static> {
        catalog::for_release(&self.release.version)
    }

    /// The target release's readiness verdict for `provider`.
    pub fn readiness(&self, provider: &str) -> Readiness {
        let cat = self.catalog();
        let inputs = readiness::Inputs {
            auth: self.auth(),
            env: &self.env,
            catalog: &cat,
            facts: auth_facts::facts(),
            release: &self.release.version,
        };
        readiness::provider(&inputs, provider)
    }

    /// The config validated against the target's schema (computed once, shared by the rules
    /// that read it).
    pub fn validation(&self) -> &Validation {
        self.validation.get_or_init(|| Validation::run(self.config, &self.release))
    }
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
    /// Curated data the rule reads, rendered for `clawlint explain` (facts with sources).
    pub facts: Option<fn() -> String>,
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
    &schema_invalid::RULE,
    &key_unknown::RULE,
    &key_requires_newer::RULE,
    &key_removed::RULE,
    &key_migrated_on_load::RULE,
    &value_changed::RULE,
    &config_from_future::RULE,
    &matrix_stale::RULE,
    &fallback_duplicate::RULE,
    &fallbacks_dropped::RULE,
    &provider_unknown::RULE,
    &provider_missing_auth::RULE,
    &model_unsupported_for_account::RULE,
    &model_ref_legacy::RULE,
    &model_unknown::RULE,
    &model_not_allowed::RULE,
    &capability_gap::RULE,
    &gateway_exposed::RULE,
    &gateway_token_weak::RULE,
    &allowfrom_wildcard::RULE,
    &dangerous_flags::RULE,
    &exec_unrestricted::RULE,
    &env_ref_unresolved::RULE,
    &plaintext_secret::RULE,
    &secret_tracked_by_git::RULE,
    &config_permissions::RULE,
    &unused_suppression::RULE,
    &suppression_invalid::RULE,
];

pub fn find(name: &str) -> Option<&'static Rule> {
    REGISTRY.iter().copied().find(|r| r.name == name)
}

/// The registered rule name closest to `name`, for "did you mean" messages.
pub fn closest(name: &str) -> Option<&'static str> {
    REGISTRY
        .iter()
        .filter_map(|r| {
            crate::util::edit_distance_at_most(name, r.name, (r.name.len() / 3).max(2)).map(|d| (d, r.name))
        })
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

/// Which rules run, against which release, and which findings are kept.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Empty means all rules.
    pub select: Vec<&'static Rule>,
    pub ignore: Vec<&'static Rule>,
    pub severity_min: Severity,
    /// `--target`.
    pub target: TargetRequest,
    /// `openclaw --version` output, probed once per run when the target is `installed`.
    pub installed: Option<String>,
    /// The environment auth rules see; the default reads nothing from the machine.
    pub env: Arc<Environment>,
    /// Per-rule severities (`clawlint.toml` `[severity]`).
    pub severity: Vec<(&'static str, Severity)>,
    /// Findings silenced by file and key path (`clawlint.toml` `[[ignores]]`).
    pub ignores: Vec<crate::config::project::PathIgnore>,
}

impl Default for Selection {
    fn default() -> Self {
        Selection {
            select: Vec::new(),
            ignore: Vec::new(),
            severity_min: Severity::Info,
            target: TargetRequest::Installed,
            installed: None,
            env: Arc::new(Environment::hermetic()),
            severity: Vec::new(),
            ignores: Vec::new(),
        }
    }
}

/// The release a config is checked against: `--target`, or for `installed` the probe, then the
/// config's `meta.lastTouchedVersion`, then the latest stable.
pub fn target_for(config: &LoadedConfig, selection: &Selection) -> Target {
    let touched =
        config.merged.as_ref().and_then(|m| m.get("meta")?.get("lastTouchedVersion")?.as_str().map(str::to_owned));
    crate::matrix::target::resolve(&selection.target, selection.installed.as_deref(), touched.as_deref())
        .unwrap_or_else(|_| match &selection.target {
            // Refused versions are caught on the command line; a library caller gets the nearest data.
            TargetRequest::Version(v) => Target::for_version(v.clone(), "--target".into()),
            _ => unreachable!("only explicit versions are refused"),
        })
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
    let target = target_for(config, selection);
    let release = crate::matrix::release(target.data);
    let cx = Context {
        config,
        target,
        release,
        env: selection.env.clone(),
        validation: OnceLock::new(),
        classified: OnceLock::new(),
        auth: OnceLock::new(),
        sites: OnceLock::new(),
        selection,
        suppressions: OnceLock::new(),
    };
    let mut out = Vec::new();
    let run = |rule: &Rule, out: &mut Vec<Diagnostic>| {
        let start = out.len();
        (rule.check)(&cx, out);
        debug_assert!(out[start..].iter().all(|d| d.rule == rule.name), "{} reported under another name", rule.name);
    };
    for rule in selection.rules().filter(|r| r.category != Category::Suppression) {
        run(rule, &mut out);
    }
    // Suppressions apply before severity filtering: a suppression of a finding below
    // --severity-min still silenced it.
    let mut sups = suppress::parse(config);
    suppress::apply(config, &mut sups, &mut out);
    let _ = cx.suppressions.set(sups);
    if !selection.ignores.is_empty() {
        out.retain(|d| !selection.ignores.iter().any(|ig| ig.covers(d.rule, &config.file(d.file).path, &d.path)));
    }
    for rule in selection.rules().filter(|r| r.category == Category::Suppression) {
        run(rule, &mut out);
    }
    for d in &mut out {
        if let Some((_, s)) = selection.severity.iter().find(|(r, _)| *r == d.rule) {
            d.severity = *s;
        }
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
            let cites =
                rule.docs.match_indices('#').any(|(i, _)| rule.docs[i + 1..].starts_with(|c: char| c.is_ascii_digit()));
            assert!(cites, "{} docs cite no issue (#N)", rule.name);
            assert!(!rule.summary.is_empty());
        }
    }

    #[test]
    fn closest_names() {
        assert_eq!(closest("duplicate-keys"), Some("duplicate-key"));
        assert_eq!(closest("syntax"), None);
    }
}
