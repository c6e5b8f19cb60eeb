//! Lossless parsing: printing an unedited CST gives back the input byte for byte, for every
//! fixture and for generated JSON5 documents (comments everywhere, mixed quotes, CRLF, BOM,
//! deep nesting). Generated documents must also be accepted by the OpenClaw-exact grammar
//! check and decode to the value they were generated from.

mod common;

use clawlint::document::{Cst, FileId, json5, parse_tree};
use proptest::prelude::*;
use serde_json::Value;

/// json5-valid constructs the CST cannot hold; these files are linted but never edited.
const NOT_EDITABLE: &[&str] = &[
    "006-block-comment-everywhere.json5", // `k2/*g*/:` comment glued to an unquoted key
    "018-unquoted-key-unicode-escape.json5", // `\u0061b: 1`
    "032-escape-lone-high-surrogate.json5",
    "033-escape-lone-low-surrogate.json5",
];

#[test]
fn every_fixture_prints_back_byte_identical() {
    let mut n = 0;
    let mut refused = Vec::new();
    let configs = common::files("tests/fixtures", &[".json5", "openclaw.json"])
        .into_iter()
        .chain(common::files("examples", &[".json"]));
    for path in configs {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        if json5::check(&text).is_err() {
            continue;
        }
        match Cst::parse(&text) {
            Ok(cst) => assert_eq!(cst.print(), text, "{path}"),
            Err(_) => refused.push(path.rsplit('/').next().unwrap().to_string()),
        }
        n += 1;
    }
    assert!(n >= 100, "only {n} fixtures checked");
    assert_eq!(refused, NOT_EDITABLE);
}

/// A generated value plus the JSON5 text written for it.
#[derive(Debug, Clone)]
struct Doc {
    value: Value,
    text: String,
}

fn comment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" ".to_string()),
        "[a-z é😀]{0,8}".prop_map(|s| format!(" /* {s} */ ")),
        "[a-z é]{0,8}".prop_map(|s| format!(" // {s}\n")),
        Just("\n\t ".to_string()),
    ]
}

fn key() -> impl Strategy<Value = (String, String)> {
    prop_oneof![
        "[a-zA-Z_$][a-zA-Z0-9_$]{0,6}".prop_map(|k| (k.clone(), k)),
        "[a-z/.: -]{0,8}".prop_map(|k| (k.clone(), serde_json::to_string(&k).unwrap())),
        "[a-z\"]{0,6}".prop_map(|k| (k.clone(), format!("'{}'", k.replace('\'', "\\'")))),
    ]
}

fn scalar() -> impl Strategy<Value = Doc> {
    prop_oneof![
        Just(Doc { value: Value::Null, text: "null".into() }),
        any::<bool>().prop_map(|b| Doc { value: Value::Bool(b), text: b.to_string() }),
        (0u32..100_000).prop_map(|n| Doc { value: n.into(), text: n.to_string() }),
        (0u32..0xffff).prop_map(|n| Doc { value: n.into(), text: format!("0x{n:X}") }),
        (1u32..1000).prop_map(|n| Doc {
            value: serde_json::json!(f64::from(n) / 1000.0),
            text: format!("+{}", f64::from(n) / 1000.0)
        }),
        "[a-z é😀'\"\\\\/]{0,10}"
            .prop_map(|s| Doc { text: serde_json::to_string(&s).unwrap(), value: Value::String(s) }),
        "[a-z é\"]{0,10}".prop_map(|s| Doc {
            text: format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
            value: Value::String(s)
        }),
    ]
}

fn doc() -> impl Strategy<Value = Doc> {
    scalar().prop_recursive(24, 200, 6, |inner| {
        prop_oneof![
            (prop::collection::vec((comment(), inner.clone()), 0..5), any::<bool>(), comment()).prop_map(
                |(items, trailing, c)| {
                    let mut text = String::from("[");
                    let mut values = Vec::new();
                    for (i, (cm, d)) in items.iter().enumerate() {
                        if i > 0 {
                            text.push(',');
                        }
                        text.push_str(cm);
                        text.push_str(&d.text);
                        values.push(d.value.clone());
                    }
                    if trailing && !items.is_empty() {
                        text.push(',');
                    }
                    text.push_str(&c);
                    text.push(']');
                    Doc { value: Value::Array(values), text }
                }
            ),
            (prop::collection::vec((comment(), key(), inner), 0..5), any::<bool>()).prop_map(|(members, trailing)| {
                let mut text = String::from("{");
                let mut map = serde_json::Map::new();
                for (i, (cm, (k, written), d)) in members.iter().enumerate() {
                    if i > 0 {
                        text.push(',');
                    }
                    text.push_str(cm);
                    text.push_str(written);
                    text.push_str(cm);
                    text.push_str(": ");
                    text.push_str(&d.text);
                    map.insert(k.clone(), d.value.clone());
                }
                if trailing && !members.is_empty() {
                    text.push(',');
                }
                text.push('}');
                Doc { value: Value::Object(map), text }
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn generated_json5_round_trips(d in doc(), bom in any::<bool>(), crlf in any::<bool>(), lead in comment(), tail in comment()) {
        let mut text = format!("{lead}{}{tail}", d.text);
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        if bom {
            text.insert(0, '\u{FEFF}');
        }
        prop_assert!(json5::check(&text).is_ok(), "rejected: {:?}", json5::check(&text));
        let cst = Cst::parse(&text).map_err(TestCaseError::fail)?;
        prop_assert_eq!(cst.print(), text.clone());
        let tree = parse_tree(&text, FileId(0)).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        prop_assert!(common::same(&tree.to_json(), &d.value), "decoded {} != generated {}", tree.to_json(), d.value);
    }
}
