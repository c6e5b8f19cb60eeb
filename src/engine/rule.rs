//! What a rule is and what it sees: its metadata ([`Rule`]), the [`Registry`] of rules a run
//! knows, and the [`Context`] its check reads (the config, the target release, the machine).

use crate::config::LoadedConfig;
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::machine;
use crate::engine::suppress;
use crate::facts::auth_facts;
use crate::facts::catalog::{self, ReleaseCatalog};
use crate::facts::{Release, Target};
use crate::model::auth::{AuthContext, Environment};
use crate::model::model_refs::{self, Site};
use crate::model::readiness::{self, Readiness};
use crate::validate::check::Validation;
use crate::validate::classify::{Classified, classify};
use crate::validate::issue::Stage;
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

/// Something a rule reads from the machine besides the config files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Need {
    /// Environment variables and `.env` files (not read under `--no-env`).
    Environment,
    /// The modes of the config files and the state directory (not read under `--no-env`).
    FileModes,
    /// The `git` command, to ask whether a file is tracked.
    Git,
}

impl Need {
    pub fn as_str(self) -> &'static str {
        match self {
            Need::Environment => "environment",
            Need::FileModes => "file-modes",
            Need::Git => "git",
        }
    }
}

/// A source a rule cites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reference {
    /// An OpenClaw issue or pull request (`#N` in github.com/openclaw/openclaw).
    Issue(u32),
    /// A file of an OpenClaw release (`2026.9.6 dist/…`) or of this repository (recorded
    /// evidence, release data).
    File(&'static str),
}

impl Reference {
    /// Where a reader finds it: the issue's page, or the file as cited.
    pub fn locator(self) -> String {
        match self {
            Reference::Issue(n) => format!("https://github.com/openclaw/openclaw/issues/{n}"),
            Reference::File(f) => f.to_owned(),
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
    pub(crate) validation: OnceLock<Validation>,
    pub(crate) classified: OnceLock<Vec<Classified>>,
    pub(crate) auth: OnceLock<AuthContext>,
    pub(crate) sites: OnceLock<Vec<Site>>,
    /// The rules this run checks.
    pub(crate) selected: &'a [&'static Rule],
    /// Every rule the run knows (for the suppression rules).
    pub(crate) registry: Registry,
    /// The config's suppression comments, with their uses (set once every other rule ran).
    pub(crate) suppressions: OnceLock<Vec<suppress::Suppression>>,
}

impl Context<'_> {
    /// The target's validation issues, classified (see [`crate::validate::classify`]).
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

    /// Every model reference of the config (see [`crate::model::model_refs::collect`]).
    pub fn model_sites(&self) -> &[Site] {
        self.sites.get_or_init(|| self.config.merged.as_ref().map(model_refs::collect).unwrap_or_default())
    }

    /// The mode bits of `path` (`None` when unreadable, or off unix). Only for rules that need
    /// [`Need::FileModes`].
    pub fn file_mode(&self, path: &std::path::Path) -> Option<u32> {
        machine::file_mode(path)
    }

    /// The git work tree holding `path` and whether git tracks (or stages) it there; `None`
    /// when `path` is in no work tree or git cannot say. Only for rules that need [`Need::Git`].
    pub fn git_tracked(&self, path: &std::path::Path) -> Option<(std::path::PathBuf, bool)> {
        machine::git_tracked(path)
    }

    /// Whether `rule` runs in this check.
    pub fn ran(&self, rule: &Rule) -> bool {
        self.selected.iter().any(|r| r.name == rule.name)
    }

    /// The rules this run knows, whether or not they were selected.
    pub fn registry(&self) -> Registry {
        self.registry
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
        let inputs = readiness::ReadinessInputs {
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
    /// What it reads from the machine besides the config files; the engine skips the rule when
    /// the run may not read that (`--no-env`) or the machine lacks it (no git).
    pub needs: &'static [Need],
    /// Where its facts come from: OpenClaw issues and release or repository files (the
    /// `## References` of its docs, as data: SARIF's `helpUri`, `explain`).
    pub references: &'static [Reference],
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

/// The rules a run knows (the `rules` layer's `REGISTRY`), for selection, suppressions and
/// "did you mean".
#[derive(Debug, Clone, Copy)]
pub struct Registry(pub &'static [&'static Rule]);

impl Registry {
    pub fn rules(self) -> &'static [&'static Rule] {
        self.0
    }

    pub fn find(self, name: &str) -> Option<&'static Rule> {
        self.0.iter().copied().find(|r| r.name == name)
    }

    /// The registered rule name closest to `name`, for "did you mean" messages.
    pub fn closest(self, name: &str) -> Option<&'static str> {
        self.0
            .iter()
            .filter_map(|r| {
                crate::util::edit_distance_at_most(name, r.name, (r.name.len() / 3).max(2)).map(|d| (d, r.name))
            })
            .min()
            .map(|(_, n)| n)
    }
}
