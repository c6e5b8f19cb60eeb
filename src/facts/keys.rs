//! The key-path index: for every key path any imported release accepts, which releases accept
//! it. Built at import time from the schemas ([`crate::facts::digest::key_paths`]) and stored in the
//! pack as `path\tmask` lines; loaded the first time a config has a key its target rejects.
//!
//! Stored paths use `\x1f` between segments, `*` for map entries (declared value schema) and
//! `[]` for array items. Free-form maps contribute nothing: they do not say a release knows a key.

use crate::document::{KeyPath, Segment};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

pub const SEP: char = '\x1f';

#[derive(Debug, Default)]
struct Node {
    mask: u64,
    children: HashMap<String, Node>,
}

#[derive(Debug, Default)]
pub struct KeyIndex {
    root: Node,
}

/// The segments of a dotted path or pattern (`a.b[].*` → `a`, `b`, `[]`, `*`).
pub fn segments(dotted: &str) -> Vec<&str> {
    let mut segs = Vec::new();
    for part in dotted.split('.') {
        let mut p = part;
        let mut items = 0;
        while let Some(s) = p.strip_suffix("[]") {
            p = s;
            items += 1;
        }
        if !p.is_empty() {
            segs.push(p);
        }
        segs.extend(std::iter::repeat_n("[]", items));
    }
    segs
}

/// Turn a dotted schema path from [`crate::facts::digest::key_paths`] (`a.b[].*`) into stored form.
pub fn encode(dotted: &str) -> String {
    segments(dotted).join(&SEP.to_string())
}

impl KeyIndex {
    /// Parse the stored form.
    pub fn parse(text: &str) -> KeyIndex {
        let mut idx = KeyIndex::default();
        for line in text.lines() {
            let Some((path, mask)) = line.split_once('\t') else { continue };
            let Ok(mask) = u64::from_str_radix(mask, 16) else { continue };
            let mut node = &mut idx.root;
            for seg in path.split(SEP) {
                node = node.children.entry(seg.to_owned()).or_default();
            }
            node.mask |= mask;
        }
        idx
    }

    /// The embedded index.
    pub fn embedded() -> &'static KeyIndex {
        static IDX: OnceLock<KeyIndex> = OnceLock::new();
        IDX.get_or_init(|| {
            let p = crate::facts::release::pack();
            KeyIndex::parse(&p.blob_str(p.header.key_index).unwrap_or_default())
        })
    }

    /// Which releases declare a concrete config path: a literal key or a map entry (`*`).
    /// Bit i is release i.
    pub fn mask(&self, path: &KeyPath) -> u64 {
        go(&self.root, &path.0, false)
    }

    /// Like [`mask`](Self::mask), but the last key must be declared by name (for maps whose
    /// keys are ids, like `channels`).
    pub fn mask_declared(&self, path: &KeyPath) -> u64 {
        go(&self.root, &path.0, true)
    }
}

fn go(node: &Node, segs: &[Segment], declared_last: bool) -> u64 {
    let Some((first, rest)) = segs.split_first() else { return node.mask };
    let wild = !(declared_last && rest.is_empty());
    let mut m = 0;
    match first {
        Segment::Key(k) => {
            if let Some(c) = node.children.get(k.as_str()) {
                m |= go(c, rest, declared_last);
            }
            if wild && let Some(c) = node.children.get("*") {
                m |= go(c, rest, declared_last);
            }
        }
        Segment::Index(_) => {
            if let Some(c) = node.children.get("[]") {
                m |= go(c, rest, declared_last);
            }
        }
    }
    m
}

/// Build the stored index from each release's dotted key paths (release i → bit i).
pub fn build(per_release: &[Vec<String>]) -> String {
    let mut masks: std::collections::BTreeMap<String, u64> = Default::default();
    for (i, paths) in per_release.iter().enumerate() {
        for p in paths {
            *masks.entry(encode(p)).or_default() |= 1 << i;
        }
    }
    let mut out = String::new();
    for (p, m) in masks {
        out.push_str(&format!("{p}\t{m:x}\n"));
    }
    out
}

/// Does a concrete path match a pattern (`a.*.b`, `agents.list[].x`)?
pub fn path_matches(pattern: &str, path: &KeyPath) -> bool {
    let pat = crate::facts::keys::segments(pattern);
    pat.len() == path.0.len()
        && pat.iter().zip(&path.0).all(|(p, s)| match s {
            Segment::Key(k) => *p == "*" || p == k,
            Segment::Index(_) => *p == "[]",
        })
}

/// Every value of `value` under `pattern` (dotted, `*` any key), in document order.
pub fn values_at<'v>(pattern: &str, value: &'v Value) -> Vec<(KeyPath, &'v Value)> {
    fn walk<'v>(parts: &[&str], v: &'v Value, at: KeyPath, out: &mut Vec<(KeyPath, &'v Value)>) {
        let Some((first, rest)) = parts.split_first() else {
            out.push((at, v));
            return;
        };
        let Some(obj) = v.as_object() else { return };
        if *first == "*" {
            for (k, c) in obj {
                walk(rest, c, at.child_key(k), out);
            }
        } else if let Some(c) = obj.get(*first) {
            walk(rest, c, at.child_key(first), out);
        }
    }
    let mut out = Vec::new();
    walk(&crate::facts::keys::segments(pattern), value, KeyPath::root(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kp(parts: &[&str]) -> KeyPath {
        KeyPath(
            parts
                .iter()
                .map(|p| match p.parse::<usize>() {
                    Ok(i) => Segment::Index(i),
                    Err(_) => Segment::Key((*p).to_owned()),
                })
                .collect(),
        )
    }

    #[test]
    fn masks_follow_literals_maps_items_and_free_maps() {
        let text = build(&[
            vec![
                "messages".into(),
                "messages.tts".into(),
                "agents".into(),
                "agents.list".into(),
                "agents.list[].id".into(),
            ],
            vec![
                "messages".into(),
                "tts".into(),
                "agents".into(),
                "agents.entries".into(),
                "agents.entries.*".into(),
                "agents.entries.*.id".into(),
                "channels".into(),
                "channels.telegram".into(),
            ],
        ]);
        let idx = KeyIndex::parse(&text);
        assert_eq!(idx.mask(&kp(&["messages", "tts"])), 0b01);
        assert_eq!(idx.mask(&kp(&["tts"])), 0b10);
        assert_eq!(idx.mask(&kp(&["messages"])), 0b11);
        assert_eq!(idx.mask(&kp(&["agents", "list", "3", "id"])), 0b01);
        assert_eq!(idx.mask(&kp(&["agents", "entries", "main", "id"])), 0b10);
        assert_eq!(idx.mask(&kp(&["channels", "x"])), 0);
        assert_eq!(idx.mask_declared(&kp(&["channels", "telegram"])), 0b10);
        assert_eq!(idx.mask(&kp(&["frob"])), 0);
    }
}
