//! The rules: one per file, and the registry listing them (the engine, `crate::engine`, runs
//! them).
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
mod suppression_invalid;
mod syntax_error;
mod unused_suppression;
mod value_changed;

use crate::engine::{Registry, Rule, Selection};

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

/// Every rule, as the engine takes them.
pub fn registry() -> Registry {
    Registry(REGISTRY)
}

pub fn find(name: &str) -> Option<&'static Rule> {
    registry().find(name)
}

/// The registered rule name closest to `name`, for "did you mean" messages.
pub fn closest(name: &str) -> Option<&'static str> {
    registry().closest(name)
}

/// Every registered rule, against the installed release, reading nothing from the machine.
impl Default for Selection {
    fn default() -> Self {
        Selection::new(registry())
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Reference;

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
            // References are data: at least one OpenClaw issue, each cited in the docs'
            // References; never the maintainers' research notes, which users do not have.
            let refs = rule.docs.split("## References").nth(1).unwrap_or_default();
            assert!(rule.references.iter().any(|r| matches!(r, Reference::Issue(_))), "{}: no issue", rule.name);
            for r in rule.references {
                let cited = match r {
                    Reference::Issue(n) => format!("#{n}"),
                    Reference::File(f) => (*f).to_owned(),
                };
                assert!(refs.contains(&cited), "{}: reference {cited} is not in its docs", rule.name);
            }
            assert!(!rule.docs.contains("facts §"), "{} cites a research note users do not have", rule.name);
            assert!(!rule.summary.is_empty());
        }
    }

    #[test]
    fn closest_names() {
        assert_eq!(closest("duplicate-keys"), Some("duplicate-key"));
        assert_eq!(closest("syntax"), None);
    }
}
