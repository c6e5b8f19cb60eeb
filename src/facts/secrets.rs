//! `rules/secrets.toml`: where OpenClaw configs hold credentials (fields, env maps, headers),
//! the placeholders that are not secrets, and the token shapes of real keys, with the matchers
//! built from them (compiled on first use).

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

pub const PATH: &str = "rules/secrets.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SecretFacts {
    pub format: u32,
    pub fields: Fields,
    /// OpenClaw path → the variable OpenClaw reads for it.
    pub names: BTreeMap<String, String>,
    pub maps: Maps,
    pub placeholders: Placeholders,
    pub strength: Strength,
    pub env_shorthand: EnvShorthand,
    pub shape: Vec<ShapeFact>,
}

/// Which releases read `"$NAME"` on a SecretInput field as an env SecretRef.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnvShorthand {
    pub introduced: crate::facts::version::Introduced,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fields {
    pub secret_input: Vec<String>,
    pub plain: Vec<String>,
    /// Generic field names that count only under one of the given parent keys.
    pub generic_parents: BTreeMap<String, Vec<String>>,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Maps {
    pub env: Vec<String>,
    pub headers: String,
    pub secret_name_parts: Vec<String>,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placeholders {
    pub values: Vec<String>,
    /// Regexes (case-insensitive) of values standing in for a secret (`<YOUR_KEY>`, `…`).
    pub patterns: Vec<String>,
    /// OpenClaw's own redaction markers (`__OPENCLAW_REDACTED__`), compared exactly.
    pub redaction_markers: Vec<String>,
    /// Literals every pattern match holds one of (ASCII case ignored).
    pub anchors: Vec<String>,
    pub source: String,
}

/// What a credential without a known token shape must look like to count as one.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strength {
    /// A part (split at separators) this long that mixes classes makes a value key-like.
    pub mixed_part: usize,
    /// A value this long of a single character class is key-like too.
    pub single_class: usize,
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShapeFact {
    pub name: String,
    pub pattern: String,
    /// `strong`: recognised anywhere; `weak`: only where a credential is expected.
    pub strength: String,
    /// Literals of which every match of a strong shape contains one.
    #[serde(default)]
    pub anchors: Vec<String>,
    pub source: String,
}

/// A token shape; its regexes are compiled on first use (most runs need none of them).
#[derive(Debug)]
pub struct Shape {
    pub name: String,
    pub strong: bool,
    anchors: Vec<String>,
    pattern: String,
    find: OnceLock<Regex>,
    whole: OnceLock<Regex>,
}

impl Shape {
    /// Finds the shape inside a longer text.
    pub fn find(&self) -> &Regex {
        self.find.get_or_init(|| Regex::new(&self.pattern).expect("checked when the facts were parsed"))
    }

    /// The whole value has the shape.
    pub fn whole(&self) -> &Regex {
        self.whole.get_or_init(|| Regex::new(&format!("^(?:{})$", self.pattern)).expect("checked when parsed"))
    }
}

/// The facts, checked, with their matchers.
#[derive(Debug)]
pub struct Secrets {
    pub facts: SecretFacts,
    pub shapes: Vec<Shape>,
    /// Every strong shape's anchors: a text with none of them holds no strong shape.
    anchors: AhoCorasick,
    /// Every strong shape in one pattern, compiled the first time a text holds an anchor.
    strong_pattern: String,
    strong: OnceLock<Regex>,
    /// The placeholder patterns, compiled on first use.
    placeholder_set: OnceLock<regex::RegexSet>,
    /// The placeholder patterns' anchors.
    placeholder_anchors: AhoCorasick,
}

fn build(facts: SecretFacts) -> Result<Secrets, String> {
    if facts.format != 1 {
        return Err(format!("{PATH}: format {} (this clawlint reads format 1)", facts.format));
    }
    let mut shapes = Vec::new();
    let mut anchors = Vec::new();
    for s in &facts.shape {
        let strong = match s.strength.as_str() {
            "strong" => true,
            "weak" => false,
            other => return Err(format!("{PATH}: shape {:?}: strength {other:?} is not strong or weak", s.name)),
        };
        if strong == (s.anchors.is_empty() || s.anchors.iter().any(String::is_empty)) {
            return Err(format!("{PATH}: shape {:?}: a strong shape has non-empty anchors, a weak one none", s.name));
        }
        anchors.extend(s.anchors.iter().cloned());
        shapes.push(Shape {
            name: s.name.clone(),
            strong,
            anchors: s.anchors.clone(),
            pattern: s.pattern.clone(),
            find: OnceLock::new(),
            whole: OnceLock::new(),
        });
    }
    let alternation: Vec<String> =
        facts.shape.iter().filter(|s| s.strength == "strong").map(|s| format!("(?:{})", s.pattern)).collect();
    // A handful of short literals: the NFA is built in microseconds, a DFA would cost more to
    // build than every search of a run.
    let anchors = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&anchors)
        .map_err(|e| format!("{PATH}: anchors: {e}"))?;
    let placeholder_anchors = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&facts.placeholders.anchors)
        .map_err(|e| format!("{PATH}: placeholders.anchors: {e}"))?;
    Ok(Secrets {
        facts,
        shapes,
        anchors,
        strong_pattern: alternation.join("|"),
        strong: OnceLock::new(),
        placeholder_set: OnceLock::new(),
        placeholder_anchors,
    })
}

fn placeholder_set(patterns: &[String]) -> Result<regex::RegexSet, regex::Error> {
    regex::RegexSetBuilder::new(patterns).case_insensitive(true).build()
}

/// The embedded facts (parsed on first use; a parse error is a build defect caught by tests).
pub fn facts() -> &'static Secrets {
    static F: OnceLock<Secrets> = OnceLock::new();
    F.get_or_init(|| crate::facts::data::SECRETS.load().and_then(build).unwrap_or_else(|e| panic!("{e}")))
}

impl Secrets {
    /// A value that stands in for a secret rather than being one: a common placeholder word
    /// (`changeme`), a template slot or instruction (`<YOUR_KEY>`, `GEMINI_KEY_HERE`), a
    /// redacted or truncated copy (`[REDACTED_TOKEN]`, `sk-abc...xyz`) or one of OpenClaw's
    /// redaction markers.
    pub fn is_placeholder(&self, v: &str) -> bool {
        let p = &self.facts.placeholders;
        let v = v.trim();
        p.values.iter().any(|x| x.eq_ignore_ascii_case(v))
            || self.is_redaction_marker(v)
            || self.placeholder_anchors.is_match(v)
                && self
                    .placeholder_set
                    .get_or_init(|| placeholder_set(&p.patterns).expect("every pattern compiles (checked by tests)"))
                    .is_match(v)
    }

    /// One of the values OpenClaw prints in place of a secret (`__OPENCLAW_REDACTED__`).
    pub fn is_redaction_marker(&self, v: &str) -> bool {
        self.facts.placeholders.redaction_markers.iter().any(|m| m == v.trim())
    }

    /// Could `v` be a credential, judged by its make-up alone (no known token shape)? Generated
    /// keys and passwords mix character classes; words, markers and labels (`shared-secret`,
    /// `vllm-local`, `na`) do not. The thresholds are `[strength]` in `rules/secrets.toml`.
    pub fn could_be_key(&self, v: &str) -> bool {
        let s = &self.facts.strength;
        let v = v.trim();
        let classes = |t: &str| {
            let (up, low, dig) = (
                t.bytes().any(|b| b.is_ascii_uppercase()),
                t.bytes().any(|b| b.is_ascii_lowercase()),
                t.bytes().any(|b| b.is_ascii_digit()),
            );
            let other = t.chars().any(|c| !c.is_ascii_alphanumeric());
            usize::from(up) + usize::from(low) + usize::from(dig) + usize::from(other)
        };
        let mixed = v
            .split(|c: char| matches!(c, '-' | '_' | '.' | ':' | '/') || c.is_whitespace())
            .any(|part| part.chars().count() >= s.mixed_part && classes(part) >= 2);
        mixed || (v.chars().count() >= s.single_class && !v.chars().any(char::is_whitespace))
    }

    /// Is `key` (under `parent`) a credential field?
    pub fn credential_field(&self, key: &str, parent: Option<&str>) -> bool {
        let f = &self.facts.fields;
        if !f.secret_input.iter().chain(&f.plain).any(|k| k == key) {
            return false;
        }
        match f.generic_parents.get(key) {
            Some(parents) => parent.is_some_and(|p| parents.iter().any(|x| x == p)),
            None => true,
        }
    }

    /// Does an env or header name say it carries a credential?
    pub fn secret_name(&self, name: &str) -> bool {
        let up = name.to_ascii_uppercase().replace('-', "_");
        self.facts.maps.secret_name_parts.iter().any(|p| up.contains(p.as_str()))
    }

    /// Whether `v` holds an anchor of a strong shape: without one it holds no strong shape.
    pub fn may_hold_strong(&self, v: &str) -> bool {
        self.anchors.is_match(v)
    }

    /// Every strong shape in one regex.
    pub fn strong(&self) -> &Regex {
        self.strong.get_or_init(|| Regex::new(&self.strong_pattern).expect("every shape compiles (checked by tests)"))
    }

    /// The strong shape found anywhere in `v`.
    pub fn strong_shape(&self, v: &str) -> Option<&Shape> {
        // Nearly every string holds no anchor, and then no pattern runs (or is compiled).
        if !self.may_hold_strong(v) {
            return None;
        }
        self.shapes
            .iter()
            .filter(|s| s.strong && s.anchors.iter().any(|a| v.contains(a.as_str())))
            .find(|s| s.find().is_match(v))
    }

    /// The shape `v` has as a whole, weak shapes included (those need a letter and a digit and
    /// must not look like a path or URL).
    pub fn whole_shape(&self, v: &str) -> Option<&Shape> {
        if let Some(s) = self.strong_shape(v) {
            return Some(s);
        }
        let plausible = v.bytes().any(|b| b.is_ascii_digit())
            && v.bytes().any(|b| b.is_ascii_alphabetic())
            && !v.starts_with(['/', '.', '~'])
            && !v.contains("://");
        if !plausible {
            return None;
        }
        self.shapes.iter().find(|s| !s.strong && s.whole().is_match(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_facts_parse() {
        let f = facts();
        assert!(f.shapes.len() > 10);
        for s in &f.facts.shape {
            assert!(!s.source.is_empty(), "{}", s.name);
        }
        // Every pattern compiles (they are compiled lazily at run time).
        placeholder_set(&f.facts.placeholders.patterns).expect("placeholders.patterns compile");
        for s in &f.shapes {
            s.find();
            s.whole();
        }
        f.strong();
    }

    /// Anchors are a promise: a strong shape's match always holds one of its anchors, or a
    /// token in the output would go unmasked. Checked on matches generated from each pattern.
    #[test]
    fn every_strong_match_holds_an_anchor() {
        use proptest::strategy::{Strategy, ValueTree};
        use proptest::test_runner::TestRunner;
        let f = facts();
        let mut runner = TestRunner::deterministic();
        for s in f.shapes.iter().filter(|s| s.strong) {
            let strategy = proptest::string::string_regex(&s.pattern).unwrap();
            for _ in 0..200 {
                let v = strategy.new_tree(&mut runner).unwrap().current();
                assert!(s.find().is_match(&v), "{}: generated {v:?} does not match", s.name);
                assert!(s.anchors.iter().any(|a| v.contains(a.as_str())), "{}: {v:?} holds no anchor", s.name);
                assert!(f.may_hold_strong(&v) && f.strong_shape(&v).is_some(), "{}: {v:?}", s.name);
                assert!(f.strong().is_match(&v));
            }
        }
        assert!(!f.may_hold_strong("openai/gpt-5.4 on chatgpt.com, ${OPENAI_API_KEY}"));
    }

    /// The placeholder anchors are a promise too: every match of a placeholder pattern holds
    /// one, or a placeholder would be taken for a secret without the patterns ever running.
    #[test]
    fn every_placeholder_match_holds_an_anchor() {
        use proptest::strategy::{Strategy, ValueTree};
        use proptest::test_runner::TestRunner;
        let f = facts();
        let mut runner = TestRunner::deterministic();
        for p in &f.facts.placeholders.patterns {
            // Matches may sit anywhere in a value: generate the pattern's own text.
            let core = p.trim_start_matches('^').trim_end_matches('$');
            let strategy = proptest::string::string_regex(core).unwrap();
            for _ in 0..200 {
                let v = strategy.new_tree(&mut runner).unwrap().current();
                assert!(f.placeholder_anchors.is_match(&v), "{p}: {v:?} holds no anchor");
                // Values are judged trimmed: `enter ` is `enter` by then.
                assert!(v.trim() != v || f.is_placeholder(&v), "{p}: {v:?}");
            }
        }
        assert!(!f.is_placeholder("1fa11111dedfa111111c11e1fa1d111e11dfac111e1fad1e"));
    }
}
