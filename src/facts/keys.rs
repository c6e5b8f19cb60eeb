//! The key-path index: for every key path any imported release accepts, which releases accept
//! it. Built at import time from the schemas ([`crate::facts::digest::key_paths`]) and stored in the
//! pack as `path\truns` lines (`0-10,12`: release positions, oldest first); loaded the first time
//! a config has a key its target rejects. A look-up costs the same however many releases there are.
//!
//! Stored paths use `\x1f` between segments, `*` for map entries (declared value schema) and
//! `[]` for array items. Free-form maps contribute nothing: they do not say a release knows a key.

use crate::document::{KeyPath, Segment};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

pub const SEP: char = '\x1f';

/// At most this many releases fit a [`ReleaseSet`].
pub const MAX_RELEASES: usize = 256;
const WORDS: usize = MAX_RELEASES / 64;

/// A set of release positions (bit i = `releases()[i]`).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ReleaseSet([u64; WORDS]);

impl ReleaseSet {
    pub fn insert(&mut self, i: usize) {
        assert!(i < MAX_RELEASES, "release position {i} beyond {MAX_RELEASES}");
        self.0[i / 64] |= 1 << (i % 64);
    }
    pub fn contains(&self, i: usize) -> bool {
        i < MAX_RELEASES && self.0[i / 64] & (1 << (i % 64)) != 0
    }
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|w| *w == 0)
    }
    /// The first position after `i` in the set.
    pub fn next_after(&self, i: usize) -> Option<usize> {
        (i + 1..MAX_RELEASES).find(|j| self.contains(*j))
    }
    /// The last position before `i` in the set.
    pub fn last_before(&self, i: usize) -> Option<usize> {
        (0..i.min(MAX_RELEASES)).rev().find(|j| self.contains(*j))
    }
    /// Stored form: runs of positions, `0-10,12`.
    pub fn to_runs(&self) -> String {
        let mut out = Vec::new();
        let mut i = 0;
        while i < MAX_RELEASES {
            if !self.contains(i) {
                i += 1;
                continue;
            }
            let start = i;
            while i + 1 < MAX_RELEASES && self.contains(i + 1) {
                i += 1;
            }
            out.push(if start == i { start.to_string() } else { format!("{start}-{i}") });
            i += 1;
        }
        out.join(",")
    }
    /// Parse [`to_runs`](Self::to_runs); `None` on anything else.
    pub fn from_runs(s: &str) -> Option<ReleaseSet> {
        let mut set = ReleaseSet::default();
        for run in s.split(',') {
            let (a, b) = run.split_once('-').unwrap_or((run, run));
            let (a, b): (usize, usize) = (a.parse().ok()?, b.parse().ok()?);
            if a > b || b >= MAX_RELEASES {
                return None;
            }
            (a..=b).for_each(|i| set.insert(i));
        }
        Some(set)
    }
}

impl std::ops::BitOrAssign for ReleaseSet {
    fn bitor_assign(&mut self, o: ReleaseSet) {
        for (a, b) in self.0.iter_mut().zip(o.0) {
            *a |= b;
        }
    }
}

#[derive(Debug, Default)]
struct Node {
    mask: ReleaseSet,
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
            let Some((path, runs)) = line.split_once('\t') else { continue };
            let Some(mask) = ReleaseSet::from_runs(runs) else { continue };
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
    pub fn mask(&self, path: &KeyPath) -> ReleaseSet {
        go(&self.root, &path.0, false)
    }

    /// Like [`mask`](Self::mask), but the last key must be declared by name (for maps whose
    /// keys are ids, like `channels`).
    pub fn mask_declared(&self, path: &KeyPath) -> ReleaseSet {
        go(&self.root, &path.0, true)
    }
}

fn go(node: &Node, segs: &[Segment], declared_last: bool) -> ReleaseSet {
    let Some((first, rest)) = segs.split_first() else { return node.mask };
    let wild = !(declared_last && rest.is_empty());
    let mut m = ReleaseSet::default();
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

/// Build the stored index from each release's dotted key paths (release i → position i).
pub fn build(per_release: &[Vec<String>]) -> Result<String, String> {
    if per_release.len() > MAX_RELEASES {
        return Err(format!("the key index holds at most {MAX_RELEASES} releases"));
    }
    let mut masks: std::collections::BTreeMap<String, ReleaseSet> = Default::default();
    for (i, paths) in per_release.iter().enumerate() {
        for p in paths {
            masks.entry(encode(p)).or_default().insert(i);
        }
    }
    let mut out = String::new();
    for (p, m) in masks {
        out.push_str(&format!("{p}\t{}\n", m.to_runs()));
    }
    Ok(out)
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
        let set = |bits: &[usize]| {
            let mut s = ReleaseSet::default();
            bits.iter().for_each(|b| s.insert(*b));
            s
        };
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
        ])
        .unwrap();
        let idx = KeyIndex::parse(&text);
        assert_eq!(idx.mask(&kp(&["messages", "tts"])), set(&[0]));
        assert_eq!(idx.mask(&kp(&["tts"])), set(&[1]));
        assert_eq!(idx.mask(&kp(&["messages"])), set(&[0, 1]));
        assert_eq!(idx.mask(&kp(&["agents", "list", "3", "id"])), set(&[0]));
        assert_eq!(idx.mask(&kp(&["agents", "entries", "main", "id"])), set(&[1]));
        assert!(idx.mask(&kp(&["channels", "x"])).is_empty());
        assert_eq!(idx.mask_declared(&kp(&["channels", "telegram"])), set(&[1]));
        assert!(idx.mask(&kp(&["frob"])).is_empty());
    }

    #[test]
    fn release_sets_round_trip_through_runs_beyond_64_releases() {
        let mut s = ReleaseSet::default();
        for i in [0, 1, 2, 5, 63, 64, 65, 130, 200, 255] {
            s.insert(i);
        }
        assert_eq!(s.to_runs(), "0-2,5,63-65,130,200,255");
        assert_eq!(ReleaseSet::from_runs(&s.to_runs()), Some(s));
        assert_eq!(s.next_after(65), Some(130));
        assert_eq!(s.last_before(130), Some(65));
        assert_eq!(s.last_before(0), None);
        assert_eq!(ReleaseSet::from_runs("3-1"), None);
        assert_eq!(ReleaseSet::from_runs("256"), None);
        assert!(build(&vec![Vec::new(); MAX_RELEASES + 1]).is_err());
    }
}
