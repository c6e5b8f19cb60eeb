//! `clawlint.toml`: a project's settings, found by walking up from the linted file (or named
//! with `--config`), so a dotfiles repository pins its release and its decisions once.
//!
//! ```toml
//! target = "2026.9.6"          # --target
//! select = ["gateway-exposed"] # --select (all rules when absent)
//! ignore = ["model-unknown"]   # --ignore
//! env = "none"                 # "machine" (default) or "none" (--no-env)
//! env-files = ["openclaw.env.example"]  # --env-file, relative to this file
//!
//! [severity]                   # per rule: "error", "warning" or "info"
//! provider-missing-auth = "error"
//!
//! [[ignores]]                  # findings silenced by where they are, with a reason
//! rules = ["plaintext-secret"]
//! files = ["lab/**"]           # globs, relative to this file (any file when absent)
//! paths = ["models.providers.lan"]  # OpenClaw key paths and what is under them; `*` = any key
//! reason = "the lab box's key is rotated nightly"
//! ```
//!
//! Unknown keys, unknown rule names and malformed values are errors naming the file, line and
//! column. A flag given on the command line replaces the file's value for that setting.

use crate::engine::Rule;
use crate::engine::diagnostic::Severity;
use crate::engine::select::PathIgnore;
use crate::facts::TargetRequest;
use crate::rules::{self};
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "clawlint.toml";

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    target: Option<serde_spanned::Spanned<String>>,
    select: Option<Vec<serde_spanned::Spanned<String>>>,
    ignore: Option<Vec<serde_spanned::Spanned<String>>>,
    env: Option<serde_spanned::Spanned<String>>,
    #[serde(default)]
    env_files: Vec<String>,
    #[serde(default)]
    severity: std::collections::BTreeMap<serde_spanned::Spanned<String>, serde_spanned::Spanned<String>>,
    #[serde(default)]
    ignores: Vec<RawIgnore>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    rules: Vec<serde_spanned::Spanned<String>>,
    #[serde(default)]
    files: Vec<serde_spanned::Spanned<String>>,
    #[serde(default)]
    paths: Vec<String>,
    reason: Option<String>,
}

/// A project's settings, checked.
#[derive(Debug, Clone)]
pub struct ProjectConfig {
    pub path: PathBuf,
    pub target: Option<TargetRequest>,
    pub select: Option<Vec<&'static Rule>>,
    pub ignore: Option<Vec<&'static Rule>>,
    /// `env = "none"`.
    pub no_env: bool,
    /// Absolute.
    pub env_files: Vec<PathBuf>,
    pub severity: Vec<(&'static str, Severity)>,
    pub ignores: Vec<PathIgnore>,
}

/// An error in a `clawlint.toml`, at a place in it.
pub type ProjectError = crate::config::FileError;

/// The nearest `clawlint.toml` in `start`'s directory or above.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let abs = std::path::absolute(start).ok()?;
    let dir = if abs.is_dir() { abs.as_path() } else { abs.parent()? };
    // Whatever is there, even a dangling link, a FIFO or a directory: reading it then says
    // what is wrong, rather than the settings being skipped without a word.
    dir.ancestors().map(|d| d.join(FILE_NAME)).find(|p| std::fs::symlink_metadata(p).is_ok())
}

/// Read and check a `clawlint.toml`.
pub fn load(path: &Path) -> Result<ProjectConfig, ProjectError> {
    parse(path, &ProjectError::read(path)?)
}

pub fn parse(path: &Path, text: &str) -> Result<ProjectConfig, ProjectError> {
    let at = |offset: usize, message: String| {
        let before = &text[..offset.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ProjectError { path: path.to_path_buf(), line, column, message }
    };
    let raw: Raw = toml_edit::de::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let message = e.message().trim().to_owned();
        if e.span().is_some() {
            at(offset, message)
        } else {
            ProjectError { path: path.to_path_buf(), line: 0, column: 0, message }
        }
    })?;
    let base = std::path::absolute(path).ok().and_then(|p| p.parent().map(Path::to_path_buf)).unwrap_or_default();
    let rule = |s: &serde_spanned::Spanned<String>| -> Result<&'static Rule, ProjectError> {
        rules::find(s.get_ref()).ok_or_else(|| {
            let hint = match rules::closest(s.get_ref()) {
                Some(c) => format!("; did you mean `{c}`?"),
                None => " (`clawlint rules` lists them)".to_owned(),
            };
            at(s.span().start, format!("unknown rule `{}`{hint}", s.get_ref()))
        })
    };
    let rule_list =
        |v: &Option<Vec<serde_spanned::Spanned<String>>>| -> Result<Option<Vec<&'static Rule>>, ProjectError> {
            v.as_ref().map(|names| names.iter().map(rule).collect()).transpose()
        };
    let target = match &raw.target {
        Some(t) => Some(t.get_ref().parse::<TargetRequest>().map_err(|e| at(t.span().start, format!("target: {e}")))?),
        None => None,
    };
    if let Some(TargetRequest::Version(_)) = &target
        && let Err(e) = crate::facts::target::resolve(target.as_ref().unwrap(), None, None)
    {
        return Err(at(raw.target.as_ref().unwrap().span().start, format!("target: {e}")));
    }
    let no_env = match &raw.env {
        None => false,
        Some(e) => match e.get_ref().as_str() {
            "machine" => false,
            "none" => true,
            other => return Err(at(e.span().start, format!("env: `{other}` is not \"machine\" or \"none\""))),
        },
    };
    let mut severity = Vec::new();
    for (name, level) in &raw.severity {
        let r = rule(name)?;
        let s = match level.get_ref().as_str() {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            "info" => Severity::Info,
            other => {
                return Err(at(
                    level.span().start,
                    format!("severity of `{}`: `{other}` is not error, warning or info", r.name),
                ));
            }
        };
        severity.push((r.name, s));
    }
    let mut ignores = Vec::new();
    for ig in &raw.ignores {
        let rules = ig.rules.iter().map(|r| rule(r).map(|r| r.name)).collect::<Result<Vec<_>, _>>()?;
        let first = ig.rules.first().map_or(0, |r| r.span().start);
        if rules.is_empty() {
            return Err(at(first, "[[ignores]]: `rules` names no rule".into()));
        }
        let reason = ig.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned);
        let Some(reason) = reason else {
            return Err(at(first, "[[ignores]]: a `reason` is required".into()));
        };
        let files = if ig.files.is_empty() {
            None
        } else {
            let mut b = globset::GlobSetBuilder::new();
            for f in &ig.files {
                let g = globset::GlobBuilder::new(f.get_ref())
                    .literal_separator(true)
                    .build()
                    .map_err(|e| at(f.span().start, format!("files: {e}")))?;
                b.add(g);
            }
            Some(b.build().map_err(|e| at(first, format!("files: {e}")))?)
        };
        ignores.push(PathIgnore { rules, files, base: base.clone(), paths: ig.paths.clone(), reason });
    }
    Ok(ProjectConfig {
        path: path.to_path_buf(),
        target,
        select: rule_list(&raw.select)?,
        ignore: rule_list(&raw.ignore)?,
        no_env,
        env_files: raw.env_files.iter().map(|f| base.join(f)).collect(),
        severity,
        ignores,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::KeyPath;

    fn err(text: &str) -> String {
        parse(Path::new("/p/clawlint.toml"), text).unwrap_err().to_string()
    }

    #[test]
    fn reads_every_setting() {
        let c = parse(
            Path::new("/p/clawlint.toml"),
            r#"
target = "2026.9.6"
select = ["gateway-exposed", "plaintext-secret"]
ignore = ["model-unknown"]
env = "none"
env-files = ["openclaw.env"]

[severity]
provider-missing-auth = "error"

[[ignores]]
rules = ["plaintext-secret"]
files = ["lab/**"]
paths = ["models.providers.lan"]
reason = "lab key, rotated nightly"
"#,
        )
        .unwrap();
        assert_eq!(c.target, Some("2026.9.6".parse().unwrap()));
        assert_eq!(c.select.unwrap().len(), 2);
        assert!(c.no_env);
        assert_eq!(c.env_files, [PathBuf::from("/p/openclaw.env")]);
        assert_eq!(c.severity, [("provider-missing-auth", Severity::Error)]);
        let ig = &c.ignores[0];
        let at = |s: &str| {
            let mut p = KeyPath::root();
            for k in s.split('.') {
                p = p.child_key(k);
            }
            p
        };
        assert!(ig.covers(
            "plaintext-secret",
            Path::new("/p/lab/a/openclaw.json5"),
            &at("models.providers.lan.apiKey")
        ));
        assert!(!ig.covers(
            "plaintext-secret",
            Path::new("/p/home/openclaw.json5"),
            &at("models.providers.lan.apiKey")
        ));
        assert!(!ig.covers("plaintext-secret", Path::new("/p/lab/openclaw.json5"), &at("models.providers.wan.apiKey")));
        assert!(!ig.covers("gateway-exposed", Path::new("/p/lab/openclaw.json5"), &at("models.providers.lan")));
    }

    #[test]
    fn errors_name_line_and_column() {
        assert_eq!(
            err("target = \"2026.9.6\"\nselct = []\n"),
            "/p/clawlint.toml:2:1: unknown field `selct`, expected one of `target`, `select`, `ignore`, `env`, `env-files`, `severity`, `ignores`"
        );
        assert_eq!(
            err("select = [\"gateway-exposd\"]\n"),
            "/p/clawlint.toml:1:11: unknown rule `gateway-exposd`; did you mean `gateway-exposed`?"
        );
        assert_eq!(err("env = \"host\"\n"), "/p/clawlint.toml:1:7: env: `host` is not \"machine\" or \"none\"");
        assert_eq!(
            err("[severity]\nmodel-unknown = \"fatal\"\n"),
            "/p/clawlint.toml:2:17: severity of `model-unknown`: `fatal` is not error, warning or info"
        );
        assert_eq!(
            err("[[ignores]]\nrules = [\"key-unknown\"]\n"),
            "/p/clawlint.toml:2:10: [[ignores]]: a `reason` is required"
        );
        assert!(
            err("target = \"2026.5.8\"\n").starts_with("/p/clawlint.toml:1:10: target: "),
            "{}",
            err("target = \"2026.5.8\"\n")
        );
        assert!(err("select = \n").starts_with("/p/clawlint.toml:1:"));
    }
}
