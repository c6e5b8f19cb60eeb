//! Generated JSON5 documents for property tests: every value written with comments in every
//! gap, mixed quoting, hex and signed numbers, trailing commas and nesting.

use proptest::prelude::*;
use serde_json::Value;

/// A generated value plus the JSON5 text written for it.
#[derive(Debug, Clone)]
pub struct Doc {
    pub value: Value,
    pub text: String,
}

pub fn comment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" ".to_string()),
        "[a-z é😀]{0,8}".prop_map(|s| format!(" /* {s} */ ")),
        "[a-z é]{0,8}".prop_map(|s| format!(" // {s}\n")),
        Just("\n\t ".to_string()),
    ]
}

pub fn key() -> impl Strategy<Value = (String, String)> {
    prop_oneof![
        "[a-zA-Z_$][a-zA-Z0-9_$]{0,6}".prop_map(|k| (k.clone(), k)),
        "[a-z/.: -]{0,8}".prop_map(|k| (k.clone(), serde_json::to_string(&k).unwrap())),
        "[a-z\"]{0,6}".prop_map(|k| (k.clone(), format!("'{}'", k.replace('\'', "\\'")))),
    ]
}

pub fn scalar() -> impl Strategy<Value = Doc> {
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

pub fn doc() -> impl Strategy<Value = Doc> {
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
