//! A file's own writing style, and how new keys and values are written in it: unquoted keys
//! if the file uses them, its quote character, its indent unit, newline kind and whether it
//! puts a comma after the last member of a multi-line object.

use crate::document::json5::is_plain_identifier;
use crate::document::{Kind, Node};
use crate::edit::layout::{ItemKind, Layout};
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Style {
    /// `'` or `"`.
    pub quote: char,
    pub unquoted_keys: bool,
    pub indent_unit: String,
    pub newline: &'static str,
    pub trailing_commas: bool,
}

impl Default for Style {
    fn default() -> Self {
        Style { quote: '"', unquoted_keys: false, indent_unit: "  ".into(), newline: "\n", trailing_commas: false }
    }
}

impl Style {
    /// Read the style off a parsed file. Ties go to plain JSON's conventions.
    pub fn detect(text: &str, tree: &Node, layout: &Layout) -> Style {
        let mut counts = Counts::default();
        counts.visit(text, tree);
        let newline = match text.find('\n') {
            Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        };
        Style {
            quote: if counts.single > counts.double { '\'' } else { '"' },
            unquoted_keys: counts.bare_keys > counts.quoted_keys,
            indent_unit: indent_unit(text, layout).unwrap_or_else(|| "  ".into()),
            newline,
            trailing_commas: trailing_commas(layout),
        }
    }

    /// How keys are written in one object: like its siblings when it has members, else like
    /// the file.
    pub fn keys_unquoted_in(&self, text: &str, object: &Node) -> bool {
        let Some(members) = object.as_object() else { return self.unquoted_keys };
        let bare = members.iter().filter(|m| !is_quote(text.as_bytes()[m.key_span.start])).count();
        let quoted = members.len() - bare;
        if members.is_empty() { self.unquoted_keys } else { bare > quoted }
    }

    /// A key as the style writes it.
    pub fn key(&self, key: &str, unquoted: bool) -> String {
        if unquoted && is_plain_identifier(key) { key.to_owned() } else { quote_string(key, self.quote) }
    }

    /// A value as the style writes it. `indent` is the indentation of the line the value starts
    /// on; nested objects and arrays of objects go on their own lines below it, unless
    /// `inline` asks for one line.
    pub fn value(&self, value: &Value, unquoted_keys: bool, indent: &str, inline: bool) -> String {
        let mut out = String::new();
        self.write_value(&mut out, value, unquoted_keys, indent, inline);
        out
    }

    fn write_value(&self, out: &mut String, value: &Value, unquoted: bool, indent: &str, inline: bool) {
        match value {
            Value::Null | Value::Bool(_) | Value::Number(_) => out.push_str(&value.to_string()),
            Value::String(s) => out.push_str(&quote_string(s, self.quote)),
            Value::Array(items) if items.is_empty() => out.push_str("[]"),
            Value::Object(map) if map.is_empty() => out.push_str("{}"),
            Value::Array(items) => {
                let multiline = !inline && items.iter().any(|v| v.is_object() || v.is_array());
                if multiline {
                    let inner = format!("{indent}{}", self.indent_unit);
                    out.push('[');
                    for (i, item) in items.iter().enumerate() {
                        out.push_str(self.newline);
                        out.push_str(&inner);
                        self.write_value(out, item, unquoted, &inner, false);
                        if i + 1 < items.len() || self.trailing_commas {
                            out.push(',');
                        }
                    }
                    out.push_str(self.newline);
                    out.push_str(indent);
                    out.push(']');
                } else {
                    out.push('[');
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        self.write_value(out, item, unquoted, indent, true);
                    }
                    out.push(']');
                }
            }
            Value::Object(map) => {
                if inline {
                    out.push_str("{ ");
                    for (i, (k, v)) in map.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        out.push_str(&self.key(k, unquoted));
                        out.push_str(": ");
                        self.write_value(out, v, unquoted, indent, true);
                    }
                    out.push_str(" }");
                } else {
                    let inner = format!("{indent}{}", self.indent_unit);
                    out.push('{');
                    for (i, (k, v)) in map.iter().enumerate() {
                        out.push_str(self.newline);
                        out.push_str(&inner);
                        out.push_str(&self.key(k, unquoted));
                        out.push_str(": ");
                        self.write_value(out, v, unquoted, &inner, false);
                        if i + 1 < map.len() || self.trailing_commas {
                            out.push(',');
                        }
                    }
                    out.push_str(self.newline);
                    out.push_str(indent);
                    out.push('}');
                }
            }
        }
    }
}

fn is_quote(b: u8) -> bool {
    b == b'"' || b == b'\''
}

/// A JSON5 string literal in the given quote character. Escapes only what must be escaped,
/// plus U+2028/U+2029 (OpenClaw 2026.9.6 hangs on them raw, tests/fixtures/recorded/hangs).
pub fn quote_string(s: &str, quote: char) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' || c == '\u{FEFF}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

#[derive(Default)]
struct Counts {
    single: usize,
    double: usize,
    bare_keys: usize,
    quoted_keys: usize,
}

impl Counts {
    fn visit(&mut self, text: &str, node: &Node) {
        let bytes = text.as_bytes();
        match &node.kind {
            Kind::String(_) => self.quote(bytes[node.span.start]),
            Kind::Array(items) => items.iter().for_each(|i| self.visit(text, i)),
            Kind::Object(members) => {
                for m in members {
                    let b = bytes[m.key_span.start];
                    if is_quote(b) {
                        self.quoted_keys += 1;
                        self.quote(b);
                    } else {
                        self.bare_keys += 1;
                    }
                    self.visit(text, &m.value);
                }
            }
            _ => {}
        }
    }

    fn quote(&mut self, b: u8) {
        match b {
            b'\'' => self.single += 1,
            b'"' => self.double += 1,
            _ => {}
        }
    }
}

/// The indentation a member adds over its container's line: read off the first member that
/// starts its own line.
fn indent_unit(text: &str, layout: &Layout) -> Option<String> {
    for c in &layout.containers {
        let outer = line_indent(text, c.span.start);
        for (_, m) in c.members() {
            let start = line_start(text, m.span.start);
            let lead = &text[start..m.span.start];
            if start > c.span.start
                && lead.chars().all(is_inline_space)
                && lead.len() > outer.len()
                && let Some(unit) = lead.strip_prefix(outer)
            {
                return Some(unit.to_owned());
            }
        }
    }
    None
}

/// Whether multi-line containers in the file put a comma after their last member.
fn trailing_commas(layout: &Layout) -> bool {
    let (mut with, mut without) = (0, 0);
    for c in &layout.containers {
        let Some((last, _)) = c.members().last() else { continue };
        let rest = &c.items[last + 1..];
        let multiline = rest.iter().any(|i| i.kind == ItemKind::Newline);
        if !multiline {
            continue;
        }
        if rest.iter().take_while(|i| i.kind != ItemKind::Close).any(|i| i.kind == ItemKind::Comma) {
            with += 1;
        } else {
            without += 1;
        }
    }
    with > without
}

/// Byte offset of the start of the line `pos` is on.
pub fn line_start(text: &str, pos: usize) -> usize {
    text[..pos].rfind('\n').map_or(0, |i| i + 1)
}

/// The leading whitespace of the line `pos` is on.
pub fn line_indent(text: &str, pos: usize) -> &str {
    let start = line_start(text, pos);
    let line = &text[start..];
    let end = line.find(|c: char| !is_inline_space(c)).unwrap_or(line.len());
    &line[..end]
}

/// Whitespace that does not end a line.
pub fn is_inline_space(c: char) -> bool {
    c != '\n' && c != '\r' && c != '\u{2028}' && c != '\u{2029}' && (c.is_whitespace() || c == '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Cst, FileId, parse_tree};

    fn style(text: &str) -> Style {
        let tree = parse_tree(text, FileId(0)).unwrap();
        let cst = Cst::parse(text).unwrap();
        Style::detect(text, &tree, &Layout::new(&cst))
    }

    #[test]
    fn detects_json5_style() {
        let s = style("{\n    a: 'x',\n    b: {\n        c: 'y',\n    },\n}\n");
        assert_eq!(
            s,
            Style {
                quote: '\'',
                unquoted_keys: true,
                indent_unit: "    ".into(),
                newline: "\n",
                trailing_commas: true
            }
        );
        let s = style("{\r\n\t\"a\": \"x\"\r\n}");
        assert_eq!(
            s,
            Style {
                quote: '"',
                unquoted_keys: false,
                indent_unit: "\t".into(),
                newline: "\r\n",
                trailing_commas: false
            }
        );
    }

    #[test]
    fn writes_values_in_style() {
        let s = Style { quote: '\'', unquoted_keys: true, ..Style::default() };
        let v = serde_json::json!({"mode": "it's", "a-b": [1, {"x": null}], "e": []});
        assert_eq!(
            s.value(&v, true, "  ", false),
            "{\n    mode: 'it\\'s',\n    'a-b': [\n      1,\n      {\n        x: null\n      }\n    ],\n    e: []\n  }"
        );
        assert_eq!(s.value(&v, false, "", true), "{ 'mode': 'it\\'s', 'a-b': [1, { 'x': null }], 'e': [] }");
        assert_eq!(quote_string("a\u{2028}\"\\\u{1}", '"'), "\"a\\u2028\\\"\\\\\\u0001\"");
    }
}
