//! The value tree every rule reads: JSON5 values with byte spans and the file they came from.
//!
//! Built from `jsonc-parser`'s AST after the strict grammar check passed. Objects keep every
//! member in source order, duplicates included (OpenClaw keeps the last one silently), so
//! rules can see what serde-style parsing hides.

use crate::document::path::{KeyPath, PathPart, Segment};
use crate::document::span::{FileId, Span};
use jsonc_parser::ast;
use jsonc_parser::common::Ranged;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub file: FileId,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    /// The value as JavaScript would hold it (hex, `.5`, `Infinity`, `NaN` all decoded).
    Number(f64),
    String(String),
    Array(Vec<Node>),
    Object(Vec<Member>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub key: String,
    /// Span of the key as written (quotes included).
    pub key_span: Span,
    pub value: Node,
}

impl Member {
    /// Span of the whole member, key through value.
    pub fn span(&self) -> Span {
        Span::new(self.key_span.start, self.value.span.end)
    }
}

impl Node {
    pub(crate) fn from_ast(value: &ast::Value<'_>, file: FileId, offset: usize) -> Node {
        let span = |r: jsonc_parser::common::Range| Span::new(r.start + offset, r.end + offset);
        let kind = match value {
            ast::Value::NullKeyword(_) => Kind::Null,
            ast::Value::BooleanLit(b) => Kind::Bool(b.value),
            ast::Value::NumberLit(n) => Kind::Number(parse_number(n.value)),
            ast::Value::StringLit(s) => Kind::String(s.value.to_string()),
            ast::Value::Array(a) => Kind::Array(a.elements.iter().map(|e| Node::from_ast(e, file, offset)).collect()),
            ast::Value::Object(o) => Kind::Object(
                o.properties
                    .iter()
                    .map(|p| {
                        let (key, key_range) = match &p.name {
                            ast::ObjectPropName::String(s) => (s.value.to_string(), s.range),
                            ast::ObjectPropName::Word(w) => (w.value.to_owned(), w.range),
                        };
                        Member { key, key_span: span(key_range), value: Node::from_ast(&p.value, file, offset) }
                    })
                    .collect(),
            ),
        };
        Node { span: span(value.range()), file, kind }
    }

    pub fn as_object(&self) -> Option<&[Member]> {
        match &self.kind {
            Kind::Object(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Node]> {
        match &self.kind {
            Kind::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::String(s) => Some(s),
            _ => None,
        }
    }

    /// The member OpenClaw uses for `key` (the last one when a key is duplicated).
    pub fn member(&self, key: &str) -> Option<&Member> {
        self.as_object()?.iter().rev().find(|m| m.key == key)
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.member(key).map(|m| &m.value)
    }

    /// Follow a resolved key path (effective values only).
    pub fn at(&self, path: &KeyPath) -> Option<&Node> {
        let mut node = self;
        for seg in &path.0 {
            node = match seg {
                Segment::Key(k) => node.get(k)?,
                Segment::Index(i) => node.as_array()?.get(*i)?,
            };
        }
        Some(node)
    }

    /// Resolve OpenClaw's dotted path notation against this tree. Plain parts are joined
    /// greedily when a key itself contains dots (`models.openai/gpt-5.4` finds the key
    /// `openai/gpt-5.4`), bracketed parts are literal keys, digit parts index arrays.
    pub fn resolve_dotted(&self, path: &str) -> Option<KeyPath> {
        let parts = KeyPath::parse_dotted(path)?;
        let mut out = KeyPath::root();
        let mut node = self;
        let mut i = 0;
        while i < parts.len() {
            match &parts[i] {
                PathPart::Index(n) => {
                    node = node.as_array()?.get(*n)?;
                    out.0.push(Segment::Index(*n));
                    i += 1;
                }
                PathPart::Quoted(k) => {
                    node = node.get(k)?;
                    out.0.push(Segment::Key(k.clone()));
                    i += 1;
                }
                PathPart::Plain(p) => {
                    if let Some(arr) = node.as_array() {
                        let n: usize = p.parse().ok()?;
                        node = arr.get(n)?;
                        out.0.push(Segment::Index(n));
                        i += 1;
                        continue;
                    }
                    // Longest run of plain parts that names an existing key wins.
                    let mut found = None;
                    let mut joined = String::new();
                    for (j, part) in parts[i..].iter().enumerate() {
                        let PathPart::Plain(s) = part else { break };
                        if j > 0 {
                            joined.push('.');
                        }
                        joined.push_str(s);
                        if node.get(&joined).is_some() {
                            found = Some((j + 1, joined.clone()));
                        }
                    }
                    let (used, key) = found?;
                    node = node.get(&key)?;
                    out.0.push(Segment::Key(key));
                    i += used;
                }
            }
        }
        Some(out)
    }

    /// Resolve a JSON pointer against this tree.
    pub fn resolve_pointer(&self, ptr: &str) -> Option<KeyPath> {
        let mut out = KeyPath::root();
        let mut node = self;
        for part in KeyPath::parse_pointer(ptr)? {
            if let Some(arr) = node.as_array() {
                let n: usize = part.parse().ok()?;
                node = arr.get(n)?;
                out.0.push(Segment::Index(n));
            } else {
                node = node.get(&part)?;
                out.0.push(Segment::Key(part));
            }
        }
        Some(out)
    }

    /// The span to underline for a path: the value's span.
    /// The node with exactly this span, searching only subtrees that contain it.
    pub fn find_span(&self, span: Span) -> Option<&Node> {
        if self.span == span {
            return Some(self);
        }
        if span.start < self.span.start || span.end > self.span.end {
            return None;
        }
        match &self.kind {
            Kind::Object(members) => members.iter().find_map(|m| m.value.find_span(span)),
            Kind::Array(items) => items.iter().find_map(|i| i.find_span(span)),
            _ => None,
        }
    }

    pub fn span_at(&self, path: &KeyPath) -> Option<Span> {
        self.at(path).map(|n| n.span)
    }

    /// The span of the key that leads to `path` (the last key segment), if any.
    pub fn key_span_at(&self, path: &KeyPath) -> Option<Span> {
        let (last, parent) = path.0.split_last()?;
        let parent = self.at(&KeyPath(parent.to_vec()))?;
        match last {
            Segment::Key(k) => parent.member(k).map(|m| m.key_span),
            Segment::Index(i) => parent.as_array()?.get(*i).map(|n| n.span),
        }
    }

    /// Visit every node depth-first with its path. Depth is bounded by the parser's limit.
    pub fn walk<'a>(&'a self, path: &mut KeyPath, f: &mut dyn FnMut(&KeyPath, &'a Node, Option<&'a Member>)) {
        self.walk_inner(path, None, f)
    }

    fn walk_inner<'a>(
        &'a self,
        path: &mut KeyPath,
        via: Option<&'a Member>,
        f: &mut dyn FnMut(&KeyPath, &'a Node, Option<&'a Member>),
    ) {
        f(path, self, via);
        match &self.kind {
            Kind::Object(members) => {
                for m in members {
                    path.0.push(Segment::Key(m.key.clone()));
                    m.value.walk_inner(path, Some(m), f);
                    path.0.pop();
                }
            }
            Kind::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.0.push(Segment::Index(i));
                    item.walk_inner(path, None, f);
                    path.0.pop();
                }
            }
            _ => {}
        }
    }

    /// Plain JSON for the value (non-finite numbers become `null`, as `JSON.stringify` does).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            Kind::Null => Value::Null,
            Kind::Bool(b) => Value::Bool(*b),
            Kind::Number(n) => number_to_json(*n),
            Kind::String(s) => Value::String(s.clone()),
            Kind::Array(a) => Value::Array(a.iter().map(Node::to_json).collect()),
            Kind::Object(members) => {
                let mut map = serde_json::Map::new();
                for m in members {
                    map.insert(m.key.clone(), m.value.to_json());
                }
                Value::Object(map)
            }
        }
    }

    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "boolean",
            Kind::Number(_) => "number",
            Kind::String(_) => "string",
            Kind::Array(_) => "array",
            Kind::Object(_) => "object",
        }
    }
}

fn number_to_json(n: f64) -> serde_json::Value {
    if !n.is_finite() {
        return serde_json::Value::Null;
    }
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        if n == 0.0 && n.is_sign_negative() {
            return serde_json::json!(-0.0);
        }
        return serde_json::Value::from(n as i64);
    }
    serde_json::Number::from_f64(n).map(serde_json::Value::Number).unwrap_or(serde_json::Value::Null)
}

/// Decode a JSON5 number literal the way JavaScript's `Number()` would.
pub fn parse_number(raw: &str) -> f64 {
    let (neg, body) = match raw.as_bytes().first() {
        Some(b'-') => (true, &raw[1..]),
        Some(b'+') => (false, &raw[1..]),
        _ => (false, raw),
    };
    let v = if body == "Infinity" {
        f64::INFINITY
    } else if body == "NaN" {
        f64::NAN
    } else if let Some(hex) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        hex.chars().fold(0f64, |acc, c| acc * 16.0 + c.to_digit(16).unwrap_or(0) as f64)
    } else {
        // Rust's float parser accepts `.5` and `5.` and exponents, like JavaScript.
        body.parse::<f64>().unwrap_or(f64::NAN)
    };
    if neg { -v } else { v }
}

/// The merged config as JSON, the way OpenClaw holds it after parsing: the last of duplicated
/// keys wins; numbers JSON cannot hold (`Infinity`, `NaN`) become `null`, which no number
/// field accepts either.
pub fn to_json(n: &Node) -> Value {
    match &n.kind {
        Kind::Null => Value::Null,
        Kind::Bool(b) => Value::Bool(*b),
        Kind::Number(x) => {
            if x.fract() == 0.0 && x.abs() < 9.0e15 {
                Value::from(*x as i64)
            } else {
                serde_json::Number::from_f64(*x).map(Value::Number).unwrap_or(Value::Null)
            }
        }
        Kind::String(s) => Value::String(s.clone()),
        Kind::Array(a) => Value::Array(a.iter().map(to_json).collect()),
        Kind::Object(members) => {
            let mut m = serde_json::Map::new();
            for mem in members {
                m.insert(mem.key.clone(), to_json(&mem.value));
            }
            Value::Object(m)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_decode_like_javascript() {
        assert_eq!(parse_number("0x4965"), 18789.0);
        assert_eq!(parse_number("-0x10"), -16.0);
        assert_eq!(parse_number(".5"), 0.5);
        assert_eq!(parse_number("5."), 5.0);
        assert_eq!(parse_number("+1e3"), 1000.0);
        assert_eq!(parse_number("-Infinity"), f64::NEG_INFINITY);
        assert!(parse_number("NaN").is_nan());
        assert!(parse_number("-NaN").is_nan());
    }
}
