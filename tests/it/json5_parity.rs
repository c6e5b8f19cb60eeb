//! Parity with OpenClaw's parser: every file under tests/fixtures/json5-parity/ was run through
//! OpenClaw 2026.9.6's exact parse path (`JSON.parse`, then json5 2.2.3) and the verdicts,
//! messages, positions and values were recorded in expected.json (scripts/record/).
//! clawlint must give the same verdict and the same `invalid character … at L:C` message, and
//! the same value for every file it accepts.

use crate::common;

use clawlint::document::{FileId, Kind, Node, json5, parse_tree};
use serde_json::Value;
use std::path::Path;

const DIR: &str = "tests/fixtures/json5-parity";

fn expected() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(Path::new(DIR).join("expected.json")).unwrap();
    // JSON.stringify escapes only lone surrogates, which serde_json cannot hold: map them to U+FFFD
    // (those cases carry `value_has_lone_surrogate` and are compared by verdict only).
    let text = lone_surrogates_to_replacement(&text);
    serde_json::from_str::<Value>(&text).unwrap().as_object().unwrap().clone()
}

fn lone_surrogates_to_replacement(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("\\u") {
        out.push_str(&rest[..i]);
        let esc = &rest[i..(i + 6).min(rest.len())];
        let is_surrogate =
            esc.len() == 6 && u16::from_str_radix(&esc[2..], 16).is_ok_and(|u| (0xD800..0xE000).contains(&u));
        out.push_str(if is_surrogate { "\\ufffd" } else { &esc[..2] });
        rest = &rest[i + if is_surrogate { 6 } else { 2 }..];
    }
    out.push_str(rest);
    out
}

/// Our value in the recorder's encoding: non-finite numbers as strings, -0 as 0.
fn encode(node: &Node, depth: usize) -> Option<Value> {
    if depth > 64 {
        return None;
    }
    Some(match &node.kind {
        Kind::Null => Value::Null,
        Kind::Bool(b) => Value::Bool(*b),
        Kind::Number(n) if n.is_nan() => Value::String("NaN".into()),
        Kind::Number(n) if n.is_infinite() => Value::String(if *n > 0.0 { "Infinity" } else { "-Infinity" }.into()),
        Kind::Number(n) => serde_json::json!(if *n == 0.0 { 0.0 } else { *n }),
        Kind::String(s) => Value::String(s.clone()),
        Kind::Array(a) => Value::Array(a.iter().map(|x| encode(x, depth + 1)).collect::<Option<_>>()?),
        Kind::Object(members) => {
            let mut map = serde_json::Map::new();
            for m in members {
                map.insert(m.key.clone(), encode(&m.value, depth + 1)?);
            }
            Value::Object(map)
        }
    })
}

#[test]
fn verdicts_messages_and_values_match_openclaw() {
    let mut failures = Vec::new();
    let cases = expected();
    assert!(cases.len() >= 90, "corpus too small: {}", cases.len());
    for (name, want) in &cases {
        let bytes = std::fs::read(Path::new(DIR).join(name)).unwrap();
        // OpenClaw reads with fs.readFileSync(path, 'utf-8'): invalid bytes become U+FFFD.
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let accepted = want["accepted"].as_bool().unwrap();
        match (json5::check(&text), accepted) {
            (Ok(_), true) => {}
            (Err(e), false) => {
                let msg = want["message"].as_str().unwrap();
                if e.openclaw_message() != msg && !e.is_limit {
                    failures.push(format!("{name}: message {:?}, OpenClaw {msg:?}", e.openclaw_message()));
                }
                continue;
            }
            (Ok(_), false) => {
                failures.push(format!("{name}: accepted, OpenClaw rejects with {}", want["message"]));
                continue;
            }
            (Err(e), true) if e.is_limit => continue,
            (Err(e), true) => {
                failures.push(format!("{name}: rejected ({}), OpenClaw accepts", e.message));
                continue;
            }
        }
        match parse_tree(&text, FileId(0)) {
            Ok(_) if want.get("value_has_lone_surrogate").is_some() => {}
            Ok(tree) => {
                if let (Some(ours), Some(theirs)) = (encode(&tree, 0), want.get("value"))
                    && !common::same(&ours, theirs)
                {
                    failures.push(format!("{name}: value {ours} != OpenClaw {theirs}"));
                }
            }
            Err(f) => failures.push(format!("{name}: tree not built: {f:?}")),
        }
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn missing_comma_is_reported_where_openclaw_reports_it() {
    let cases = expected();
    let want = &cases["112-missing-comma-object-4-3.json5"];
    assert_eq!((want["line"].as_u64(), want["column"].as_u64()), (Some(4), Some(3)));
    let text = std::fs::read_to_string(Path::new(DIR).join("112-missing-comma-object-4-3.json5")).unwrap();
    let e = json5::check(&text).unwrap_err();
    assert_eq!((e.line, e.column), (4, 3));
}
