//! No input makes clawlint panic or overflow the stack: random bytes, mutated JSON5, and
//! pathological nesting all produce findings or clear errors.

use crate::common;

use clawlint::config::{LoadOptions, load_bytes};
use clawlint::engine::Selection;
use clawlint::report::{Format, LintResult};
use proptest::prelude::*;
use std::path::Path;

fn lint_bytes(bytes: Vec<u8>) -> LintResult {
    let config = load_bytes(
        Path::new("/nonexistent-dir/openclaw.json"),
        "openclaw.json".into(),
        bytes,
        String::new(),
        &LoadOptions::default(),
    );
    let diagnostics = clawlint::engine::check(&config, &Selection::default());
    LintResult { config, diagnostics }
}

fn render_all(r: LintResult) {
    let results = [r];
    for f in [Format::Full, Format::Concise, Format::Json] {
        common::render(&results, f);
    }
}

const SEED: &str = include_str!("../../examples/seed/openclaw.json");

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        render_all(lint_bytes(bytes));
    }

    #[test]
    fn mutated_json5_never_panics(edits in prop::collection::vec((any::<prop::sample::Index>(), 0usize..4, any::<u8>()), 1..6)) {
        let mut bytes = SEED.as_bytes().to_vec();
        for (at, op, b) in edits {
            let i = at.index(bytes.len() + 1);
            match op {
                0 if i < bytes.len() => { bytes.remove(i); }
                1 => bytes.insert(i, b),
                2 if i < bytes.len() => bytes[i] = b,
                _ => bytes.insert(i, b"{}[],:\"'/*\\\n"[usize::from(b) % 12]),
            }
        }
        render_all(lint_bytes(bytes));
    }
}

#[test]
fn hundred_thousand_deep_nesting_is_a_clear_error() {
    for open in ["[", "{a:"] {
        let mut text = open.repeat(100_000);
        text.push_str(&"]".repeat(10));
        let r = lint_bytes(text.into_bytes());
        let d = &r.diagnostics[0];
        assert_eq!(d.rule, "syntax-error");
        assert!(d.message.contains("nesting deeper than 256"), "{}", d.message);
        render_all(r);
    }
}

#[test]
fn deep_but_allowed_nesting_lints_fine() {
    let text = format!("{}{}", "[".repeat(250), "]".repeat(250));
    let r = lint_bytes(text.into_bytes());
    // Parsed and validated without trouble; the only finding is that a config is an object.
    assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(r.diagnostics[0].rule, "schema-invalid");
    assert!(r.diagnostics[0].message.contains("expected an object, found an array"));
}

#[test]
fn invalid_utf8_is_a_finding_with_a_position() {
    let r = lint_bytes(b"{\n  a: \"\xff\"\n}".to_vec());
    let d = &r.diagnostics[0];
    assert_eq!(d.rule, "syntax-error");
    assert!(d.message.contains("not valid UTF-8") && d.message.contains("2:7"), "{}", d.message);
}
