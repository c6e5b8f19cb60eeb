//! `rules/validation.toml`: how OpenClaw validates beyond its exported schema, per release
//! (stages, closed maps, refinements, load-time migrations, key patterns, read crashes, keys
//! the schema leaves out, zod versions). Each entry carries its source.

use crate::facts::version::{CalVer, ReleaseRange};
use serde::Deserialize;
use serde_json::Value;
use std::sync::OnceLock;

#[derive(Debug, Deserialize)]
pub struct ValidationFacts {
    pub deferred: Deferred,
    #[serde(default)]
    pub closed_maps: Vec<ClosedMap>,
    #[serde(default)]
    pub refinement: Vec<Refinement>,
    #[serde(default)]
    pub load_migration: Vec<LoadMigration>,
    #[serde(default)]
    pub key_pattern: Vec<KeyPattern>,
    #[serde(default)]
    pub read_crash: Vec<ReadCrash>,
    #[serde(default)]
    pub separator_hang: Vec<SeparatorHang>,
    #[serde(default)]
    pub hidden: Vec<Hidden>,
    #[serde(default)]
    pub legacy_rule: Vec<LegacyRule>,
    #[serde(default)]
    pub unchecked: Vec<Unchecked>,
    pub zod: Zod,
}

/// Config a release does not validate at all, in either stage (`[[unchecked]]`).
#[derive(Debug, Deserialize)]
pub struct Unchecked {
    /// Dotted paths (`*` any key): nothing at or below them is reported.
    pub paths: Vec<String>,
    #[serde(flatten)]
    pub range: ReleaseRange,
    pub source: String,
}

/// A legacy shape the release's own legacy check finds (`findLegacyConfigIssues`) before its
/// schema runs (`[[legacy_rule]]`): a config that still has it is invalid with only these
/// messages, and in releases with gated load migrations it is what opens the gate.
#[derive(Debug, Deserialize)]
pub struct LegacyRule {
    /// Where the release reports it (dotted).
    pub path: String,
    /// Where the legacy value sits (dotted, `*` any key): a value there matches.
    pub at: Vec<String>,
    /// Only values of these JSON types match (`string`, `boolean`, `object`, ...; empty: any).
    #[serde(default)]
    pub types: Vec<String>,
    /// Only these values match (empty: any), strings compared trimmed and lower-cased with `fold`.
    #[serde(default)]
    pub values: Vec<Value>,
    #[serde(default)]
    pub fold: bool,
    /// The releases that check it.
    #[serde(flatten)]
    pub range: ReleaseRange,
    pub message: String,
    pub source: String,
}

impl LegacyRule {
    /// Does `v` (found at one of `at`) match?
    pub fn matches(&self, v: &Value) -> bool {
        let ty = match v {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        };
        (self.types.is_empty() || self.types.iter().any(|t| t == ty))
            && (self.values.is_empty()
                || self.values.iter().any(|w| {
                    w == v
                        || (self.fold
                            && matches!((w, v), (Value::String(w), Value::String(v)) if v.trim().to_lowercase() == *w))
                }))
    }
}

/// A key some releases accept although their exported schema leaves it out.
#[derive(Debug, Deserialize)]
pub struct Hidden {
    pub path: String,
    /// The releases that accept it unexported.
    #[serde(flatten)]
    pub releases: crate::facts::version::ReleaseRange,
    pub source: String,
}

/// Values that make the release's read of the whole config fail (`[[read_crash]]`).
#[derive(Debug, Deserialize)]
pub struct ReadCrash {
    /// Dotted paths, `*` for any key.
    pub paths: Vec<String>,
    /// What the value fails: `url` (JavaScript's `new URL()` throws on it), `present` (any value).
    pub test: String,
    /// The releases that crash (`since`, and `until` the last one; none: still crashes).
    #[serde(flatten)]
    pub range: ReleaseRange,
    pub message: String,
    pub source: String,
}

/// Releases that hang loading a JSON5 config with a raw U+2028/U+2029 in a string
/// (`[[separator_hang]]`).
#[derive(Debug, Deserialize)]
pub struct SeparatorHang {
    /// The releases that hang (`until`: none when the newest recorded still does).
    #[serde(flatten)]
    pub range: ReleaseRange,
    pub source: String,
}

/// Whether `v` hangs on a raw separator: `Ok` with its range, else the ranges of later
/// releases that do.
pub fn separator_hang(v: &CalVer) -> Result<&'static SeparatorHang, Vec<&'static SeparatorHang>> {
    let ranges = &validation().separator_hang;
    match ranges.iter().find(|h| h.range.contains(v)) {
        Some(h) => Ok(h),
        None => Err(ranges.iter().filter(|h| h.range.since.as_ref().is_some_and(|s| s > v)).collect()),
    }
}

impl SeparatorHang {
    /// `2026.7.2-beta.5 to 2026.7.2-beta.7`, `2026.8.1-beta.1 and later`.
    pub fn describe(&self) -> String {
        let since = self.range.since.as_ref().map(ToString::to_string).unwrap_or_default();
        match &self.range.until {
            Some(u) => format!("{since} to {u}"),
            None => format!("{since} and later"),
        }
    }
}

impl ReadCrash {
    pub fn applies(&self, release: &CalVer) -> bool {
        self.range.contains(release)
    }

    /// Does this value make the read fail?
    pub fn crashes(&self, value: &Value) -> bool {
        match (self.test.as_str(), value) {
            // WHATWG URL parsing, as `new URL(value)` does it.
            ("url", Value::String(s)) => url::Url::parse(s).is_err(),
            // The release fails on the setting whatever its value.
            ("present", _) => true,
            _ => false,
        }
    }
}

/// A key pattern the exported schema states without its regex flags.
#[derive(Debug, Deserialize)]
pub struct KeyPattern {
    pub path: String,
    pub pattern: String,
    #[serde(default)]
    pub case_insensitive: bool,
    pub source: String,
}

/// The zod version of each release, and from which version unknown keys let zod go on.
#[derive(Debug, Deserialize)]
pub struct Zod {
    pub unknown_keys_continue_since: String,
    pub releases: std::collections::BTreeMap<String, String>,
}

/// A check OpenClaw runs beyond its exported schema (see [`crate::validate::refine`]).
#[derive(Debug, Deserialize)]
pub struct Refinement {
    pub check: String,
    /// The object the zod refinement hangs on (dotted, "" for the root).
    #[serde(default)]
    pub scope: Option<String>,
    /// Runs on the parsed config, once the core is valid.
    #[serde(default)]
    pub after_parse: bool,
    /// `plugins`: a check of the second stage.
    #[serde(default)]
    pub stage: Option<String>,
    /// The releases that run it (`since` the first, `until` the last).
    #[serde(flatten)]
    pub range: ReleaseRange,
    /// Paths the check looks at (dotted, `*` any key), for checks of single values.
    #[serde(default)]
    pub paths: Vec<String>,
    /// Accepted URL schemes (`url-scheme`).
    #[serde(default)]
    pub schemes: Vec<String>,
    /// Maps whose keys the check looks at (dotted, `*` any key).
    #[serde(default)]
    pub map_keys: Vec<String>,
    /// Member names the check looks for in its scope object.
    #[serde(default)]
    pub keys: Vec<String>,
    /// Whether `keys` count whatever their value (else only object values).
    #[serde(default)]
    pub any_value: bool,
    /// Members the scope object must have these values in for the check to apply.
    #[serde(default)]
    pub when: std::collections::BTreeMap<String, serde_json::Value>,
    /// `dm-allow-from`: where the scope object sets its DM policy, first match wins (dotted,
    /// relative to the scope object).
    #[serde(default)]
    pub policy_keys: Vec<String>,
    /// `dm-allow-from`: where it lists the allowed senders, first match wins.
    #[serde(default)]
    pub allow_from_keys: Vec<String>,
    /// `dm-allow-from`: whether each `accounts.<id>` is checked too, inheriting the policy and
    /// the list it does not set from the scope object.
    #[serde(default)]
    pub accounts: bool,
    pub message: String,
    /// Further messages of the check, by name.
    #[serde(default)]
    pub messages: std::collections::BTreeMap<String, String>,
    pub source: String,
}

#[derive(Debug, Deserialize)]
pub struct Deferred {
    pub paths: Vec<String>,
    pub core: Vec<String>,
    /// Paths under `paths` that the core stage owns in some releases only.
    #[serde(default)]
    pub core_in: Vec<CoreIn>,
}

/// Deferred paths some releases validate in the core stage (`[[deferred.core_in]]`).
#[derive(Debug, Deserialize)]
pub struct CoreIn {
    pub paths: Vec<String>,
    #[serde(flatten)]
    pub range: ReleaseRange,
    pub source: String,
}

#[derive(Debug, Deserialize)]
pub struct ClosedMap {
    pub path: String,
    /// Keys of the map the core stage owns (not ids).
    #[serde(default)]
    pub except: Vec<String>,
    pub message: String,
    pub source: String,
}

pub fn validation() -> &'static ValidationFacts {
    static R: OnceLock<ValidationFacts> = OnceLock::new();
    R.get_or_init(|| crate::facts::data::VALIDATION.load().unwrap_or_else(|e| panic!("{e}")))
}

/// One `[[load_migration]]` of rules/validation.toml.
#[derive(Debug, Deserialize)]
pub struct LoadMigration {
    pub check: String,
    /// The releases that run it (`since` the first, `until` the last, `not_in` exceptions).
    #[serde(flatten)]
    pub range: ReleaseRange,
    /// `value-rename`: the dotted paths (`*` any key) whose value `from` is read as `to`.
    #[serde(default)]
    pub paths: Vec<String>,
    #[serde(default)]
    pub from: Option<serde_json::Value>,
    #[serde(default)]
    pub to: Option<serde_json::Value>,
    /// `value-rename`: compare strings trimmed and lower-cased, as the release does.
    #[serde(default)]
    pub fold: bool,
    /// `channel-streaming-aliases`: a flat key whose new home is taken stays (the release then
    /// rejects it) instead of being dropped.
    #[serde(default)]
    pub keep_on_conflict: bool,
    /// Runs only when one of the release's `[[legacy_rule]]`s matches the config, and its result
    /// (with every other gated migration) is kept only when it is valid throughout.
    #[serde(default)]
    pub gated: bool,
    pub source: String,
}

impl LoadMigration {
    /// Whether `value` is one of `from` (a value, or a list of alternatives).
    pub fn matches_from(&self, from: &serde_json::Value, value: &serde_json::Value) -> bool {
        let alternatives = match from {
            serde_json::Value::Array(a) => a.as_slice(),
            one => std::slice::from_ref(one),
        };
        alternatives.iter().any(|f| {
            f == value
                || (self.fold
                    && matches!((f, value), (serde_json::Value::String(f), serde_json::Value::String(v)) if v.trim().to_lowercase() == *f))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_release_range_and_version_in_the_data_parses() {
        // Ranges are parsed when the file loads; each must also be non-empty.
        let r = validation();
        let ok = |s: &str| assert!(s.parse::<CalVer>().is_ok(), "not a version: {s}");
        let ranges = r.refinement.iter().map(|x| &x.range).chain(r.read_crash.iter().map(|x| &x.range));
        let ranges =
            ranges.chain(r.hidden.iter().map(|h| &h.releases)).chain(r.load_migration.iter().map(|m| &m.range));
        let ranges = ranges.chain(r.deferred.core_in.iter().map(|c| &c.range));
        let ranges = ranges.chain(r.legacy_rule.iter().map(|l| &l.range));
        let ranges = ranges.chain(r.unchecked.iter().map(|u| &u.range));
        for range in ranges.chain(r.separator_hang.iter().map(|x| &x.range)) {
            assert!(range.since.is_some(), "a range without `since`");
            if let (Some(s), Some(u)) = (&range.since, &range.until) {
                assert!(s <= u, "empty range {s}..{u}");
            }
        }
        assert!(semver::Version::parse(&r.zod.unknown_keys_continue_since).is_ok());
        for (release, zod) in &r.zod.releases {
            ok(release);
            assert!(semver::Version::parse(zod).is_ok(), "{release}: zod {zod}");
        }
        // Every imported release has its zod version recorded.
        for v in crate::facts::release::releases() {
            assert!(r.zod.releases.contains_key(&v.to_string()), "no zod version for {v}");
        }
    }

    #[test]
    fn ranges_include_both_ends() {
        let v = |s: &str| s.parse::<CalVer>().unwrap();
        let range = |since: &str, until: Option<&str>| ReleaseRange {
            since: Some(v(since)),
            until: until.map(v),
            not_in: Vec::new(),
        };
        assert!(range("2026.5.7", Some("2026.6.11")).contains(&v("2026.6.11")));
        assert!(!range("2026.5.7", Some("2026.6.11")).contains(&v("2026.7.1")));
        assert!(range("2026.6.11", None).contains(&v("2026.9.6")));
        assert!(!range("2026.6.11", None).contains(&v("2026.5.28")));
    }
}
