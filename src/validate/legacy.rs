//! The legacy check OpenClaw runs before its schema (`findLegacyConfigIssues`): shapes a release
//! knows as legacy (`[[legacy_rule]]` in rules/validation.toml). A config with one is invalid
//! with only these findings; in releases with gated migrations a match is also what makes the
//! release try its migrations (see [`super::check::Validation::run_on`]).

use crate::document::{KeyPath, Segment};
use crate::facts::CalVer;
use crate::facts::validation::validation;
use serde_json::Value;

/// The release's legacy rules that `value` matches, in rule order, once each: the path the
/// release reports and its message.
pub fn matched(value: &Value, release: &CalVer) -> Vec<(KeyPath, String)> {
    let mut out: Vec<(KeyPath, String)> = Vec::new();
    for rule in validation().legacy_rule.iter().filter(|r| r.range.contains(release)) {
        let hit = rule.at.iter().any(|p| crate::facts::keys::values_at(p, value).iter().any(|(_, v)| rule.matches(v)));
        let path =
            KeyPath(crate::facts::keys::segments(&rule.path).into_iter().map(|s| Segment::Key(s.to_owned())).collect());
        if hit && !out.iter().any(|(p, m)| *p == path && *m == rule.message) {
            out.push((path, rule.message.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::validation::LegacyRule;
    use serde_json::json;

    fn rule(text: &str) -> LegacyRule {
        toml_edit::de::from_str(&format!("{text}\nsince = \"2026.3.28\"\nmessage = \"m\"\nsource = \"test\"")).unwrap()
    }

    #[test]
    fn a_rule_matches_by_place_type_and_folded_value() {
        let bind = rule(
            "path = \"gateway.bind\"\nat = [\"gateway.bind\"]\nvalues = [\"0.0.0.0\", \"localhost\"]\nfold = true",
        );
        assert!(bind.matches(&json!(" LocalHost ")));
        assert!(!bind.matches(&json!("lan")));
        let boolean = rule("path = \"channels.slack\"\nat = [\"channels.slack.streaming\"]\ntypes = [\"boolean\"]");
        assert!(boolean.matches(&json!(true)));
        assert!(!boolean.matches(&json!("partial")));
        let any = rule("path = \"memorySearch\"\nat = [\"memorySearch\"]");
        assert!(any.matches(&json!(null)) && any.matches(&json!({})));
    }

    #[test]
    fn the_data_names_every_rule_once_per_release() {
        for v in crate::facts::release::releases() {
            let rules: Vec<_> = validation().legacy_rule.iter().filter(|r| r.range.contains(v)).collect();
            for r in &rules {
                assert!(!r.at.is_empty(), "{v}: legacy rule at {} has no `at`", r.path);
            }
        }
        let value = json!({"gateway": {"bind": "0.0.0.0"}, "memorySearch": {}});
        let found = matched(&value, &"2026.3.28".parse().unwrap());
        assert!(found.iter().any(|(p, _)| p.dotted() == "gateway.bind"), "{found:?}");
    }
}
