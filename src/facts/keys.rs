//! The key-path index: for every key path any imported release accepts, which releases accept
//! it. Built at import time from the schemas ([`crate::facts::digest::key_paths`]) and stored in the
//! pack as `path\truns` lines (`0-10,12`: release positions, oldest first); loaded the first time
//! a config has a key its target rejects. A look-up costs the same however many releases there are.
//!
//! Stored paths use `\x1f` between segments, `*` for map entries (declared value schema) and
//! `[]` for array items. Free-form maps contribute nothing: they do not say a release knows a key.

use crate::document::{KeyPath, Segment};
use serde_json::Value;
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
    /// The first position at or after `i` in the set.
    pub fn next_after_or_at(&self, i: usize) -> Option<usize> {
        (i..MAX_RELEASES).find(|j| self.contains(*j))
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

/// The stored index, searched in place: its lines are sorted by path, so a look-up is a binary
/// search and opening it costs one scan for line starts, not a parse of every path.
#[derive(Debug, Default)]
pub struct KeyIndex {
    text: String,
    /// Start of each line in `text`.
    starts: Vec<u32>,
}

impl KeyIndex {
    /// Read the stored form.
    pub fn parse(text: String) -> KeyIndex {
        let mut starts = Vec::with_capacity(text.len() / 48);
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            if line.len() > 1 {
                starts.push(at as u32);
            }
            at += line.len();
        }
        let idx = KeyIndex { text, starts };
        debug_assert!((1..idx.starts.len()).all(|i| idx.path(i - 1) < idx.path(i)), "the key index is sorted");
        idx
    }

    /// The index of every release with data: the embedded one, merged with that of a release
    /// read at run time when there is one.
    pub fn embedded() -> &'static KeyIndex {
        static IDX: OnceLock<KeyIndex> = OnceLock::new();
        IDX.get_or_init(|| {
            let p = crate::facts::release::pack();
            let text = p.blob_str(p.header.key_index).unwrap_or_default();
            match crate::facts::release::runtime_key_index() {
                Some((extra, at)) => KeyIndex::parse(merge(&text, &extra, at)),
                None => KeyIndex::parse(text),
            }
        })
    }

    fn line(&self, i: usize) -> &str {
        let start = self.starts[i] as usize;
        let rest = &self.text[start..];
        &rest[..rest.find('\n').unwrap_or(rest.len())]
    }

    fn path(&self, i: usize) -> &str {
        let l = self.line(i);
        &l[..l.find('\t').unwrap_or(l.len())]
    }

    /// The first line whose path is not below `key`.
    fn lower_bound(&self, key: &str) -> usize {
        self.starts.partition_point(|&s| {
            let rest = &self.text[s as usize..];
            &rest[..rest.find('\t').unwrap_or(rest.len())] < key
        })
    }

    /// The releases that know exactly this stored path.
    fn exact(&self, key: &str) -> ReleaseSet {
        let i = self.lower_bound(key);
        if i < self.starts.len() && self.path(i) == key {
            let mut all = ReleaseSet::default();
            for g in self.line(i)[key.len() + 1..].split('|') {
                all |= ReleaseSet::from_runs(g).unwrap_or_default();
            }
            return all;
        }
        ReleaseSet::default()
    }

    /// The groups of releases with the same subschema at exactly this stored path.
    fn groups(&self, key: &str) -> Vec<ReleaseSet> {
        let i = self.lower_bound(key);
        if i < self.starts.len() && self.path(i) == key {
            return self.line(i)[key.len() + 1..].split('|').filter_map(ReleaseSet::from_runs).collect();
        }
        Vec::new()
    }

    /// The stored paths that describe a concrete path, the most literal first; with
    /// `declared_last`, the last key must be stored by name (not matched by `*`).
    fn stored_paths(&self, segs: &[Segment], declared_last: bool) -> Vec<String> {
        let mut out = Vec::new();
        self.collect(&mut String::new(), segs, declared_last, &mut out);
        out
    }

    fn collect(&self, prefix: &mut String, segs: &[Segment], declared_last: bool, out: &mut Vec<String>) {
        let Some((first, rest)) = segs.split_first() else {
            out.push(prefix.clone());
            return;
        };
        let wild = !(declared_last && rest.is_empty());
        let candidates: &[&str] = match first {
            Segment::Key(k) if wild => &[k.as_str(), "*"],
            Segment::Key(k) => &[k.as_str()],
            Segment::Index(_) => &["[]"],
        };
        let len = prefix.len();
        for c in candidates {
            if !prefix.is_empty() {
                prefix.push(SEP);
            }
            prefix.push_str(c);
            if self.reaches(prefix) {
                self.collect(prefix, rest, declared_last, out);
            }
            prefix.truncate(len);
        }
    }

    /// For each of the first `n` releases, which class of releases it falls in for the value at
    /// `path`: releases of one class have the same subschema at the deepest part of `path` they
    /// know (same stored path, same group), so they accept or reject a value there alike.
    /// `None`: the release knows not even the first key of `path` (OpenClaw's root object is
    /// closed in every release, checked at import: it rejects the value).
    pub fn value_classes(&self, path: &KeyPath, n: usize) -> Vec<Option<(usize, usize)>> {
        let mut class = vec![None; n.min(MAX_RELEASES)];
        let mut next = 0;
        // Shallow to deep: a deeper prefix a release knows replaces its class.
        for depth in 1..=path.0.len() {
            for stored in self.stored_paths(&path.0[..depth], false) {
                for g in self.groups(&stored) {
                    let id = next;
                    next += 1;
                    for (i, c) in class.iter_mut().enumerate() {
                        if g.contains(i) && c.is_none_or(|(d, _)| d < depth) {
                            *c = Some((depth, id));
                        }
                    }
                }
            }
        }
        class
    }

    /// Is `key` a stored path or the prefix of one?
    fn reaches(&self, key: &str) -> bool {
        let i = self.lower_bound(key);
        i < self.starts.len()
            && self.path(i).strip_prefix(key).is_some_and(|rest| rest.is_empty() || rest.starts_with(SEP))
    }

    /// Which releases declare a concrete config path: a literal key or a map entry (`*`).
    pub fn mask(&self, path: &KeyPath) -> ReleaseSet {
        self.union(&path.0, false)
    }

    /// Like [`mask`](Self::mask), but the last key must be declared by name (for maps whose
    /// keys are ids, like `channels`).
    pub fn mask_declared(&self, path: &KeyPath) -> ReleaseSet {
        self.union(&path.0, true)
    }

    fn union(&self, segs: &[Segment], declared_last: bool) -> ReleaseSet {
        let mut m = ReleaseSet::default();
        for stored in self.stored_paths(segs, declared_last) {
            m |= self.exact(&stored);
        }
        m
    }
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

/// Build the stored index from each release's dotted key paths (release i → position i), each
/// with the digest of its subschema ([`crate::facts::digest::shapes`]): a path's line lists the
/// releases that know it in groups (`|`) of releases whose subschemas there are the same.
pub fn build(per_release: &[Vec<(String, u64)>]) -> Result<String, String> {
    use std::collections::BTreeMap;
    if per_release.len() > MAX_RELEASES {
        return Err(format!("the key index holds at most {MAX_RELEASES} releases"));
    }
    let mut groups: BTreeMap<String, BTreeMap<u64, ReleaseSet>> = BTreeMap::new();
    for (i, paths) in per_release.iter().enumerate() {
        for (p, digest) in paths {
            groups.entry(encode(p)).or_default().entry(*digest).or_default().insert(i);
        }
    }
    let mut out = String::new();
    for (p, by_digest) in groups {
        let mut sets: Vec<ReleaseSet> = by_digest.into_values().collect();
        sets.sort_by_key(|s| s.next_after_or_at(0));
        let runs: Vec<String> = sets.iter().map(ReleaseSet::to_runs).collect();
        out.push_str(&format!("{p}\t{}\n", runs.join("|")));
    }
    Ok(out)
}

/// Merge two stored indexes, the releases of `extra` moved to start at position `at`: each of
/// its groups stays a group of its own (the stored form keeps no subschema digests to compare).
pub fn merge(base: &str, extra: &str, at: usize) -> String {
    let shift = |runs: &str| -> String {
        let mut moved = ReleaseSet::default();
        let set = ReleaseSet::from_runs(runs).unwrap_or_default();
        (0..MAX_RELEASES).filter(|i| set.contains(*i) && i + at < MAX_RELEASES).for_each(|i| moved.insert(i + at));
        moved.to_runs()
    };
    let (mut a, mut b) = (base.lines().peekable(), extra.lines().peekable());
    let mut out = String::with_capacity(base.len() + extra.len());
    loop {
        let (la, lb) = (a.peek().copied(), b.peek().copied());
        let line = match (la.map(split_line), lb.map(split_line)) {
            (None, None) => break,
            (Some((pa, _)), Some((pb, _))) if pa < pb => a.next().unwrap().to_owned(),
            (Some(_), None) => a.next().unwrap().to_owned(),
            (Some((pa, ra)), Some((pb, rb))) if pa == pb => {
                let moved: Vec<String> = rb.split('|').map(shift).collect();
                let line = format!("{pa}\t{ra}|{}", moved.join("|"));
                a.next();
                b.next();
                line
            }
            (_, Some((pb, rb))) => {
                let moved: Vec<String> = rb.split('|').map(shift).collect();
                b.next();
                format!("{pb}\t{}", moved.join("|"))
            }
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn split_line(l: &str) -> (&str, &str) {
    l.split_once('\t').unwrap_or((l, ""))
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
        let paths = |ps: &[&str]| ps.iter().map(|p| (p.to_string(), 0)).collect::<Vec<_>>();
        let text = build(&[
            paths(&["messages", "messages.tts", "agents", "agents.list", "agents.list[].id"]),
            paths(&[
                "messages",
                "tts",
                "agents",
                "agents.entries",
                "agents.entries.*",
                "agents.entries.*.id",
                "channels",
                "channels.telegram",
            ]),
        ])
        .unwrap();
        let idx = KeyIndex::parse(text);
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
    fn a_release_read_at_run_time_merges_into_the_index_as_building_it_with_all_would() {
        let paths = |ps: &[(&str, u64)]| ps.iter().map(|(p, d)| (p.to_string(), *d)).collect::<Vec<_>>();
        let a = paths(&[("gateway", 1), ("gateway.mode", 2), ("messages", 3), ("messages.tts", 4)]);
        let b = paths(&[("gateway", 1), ("gateway.mode", 5), ("messages", 3)]);
        let c = paths(&[("agents", 7), ("gateway", 1), ("gateway.mode", 6), ("tts", 8)]);
        let base = build(&[a.clone(), b.clone()]).unwrap();
        let extra = build(std::slice::from_ref(&c)).unwrap();
        let merged = KeyIndex::parse(merge(&base, &extra, 2));
        let whole = KeyIndex::parse(build(&[a, b, c]).unwrap());
        for p in [&["gateway", "mode"][..], &["messages", "tts"], &["tts"], &["agents"], &["gateway"], &["frob"]] {
            let p = kp(p);
            assert_eq!(merged.mask(&p), whole.mask(&p), "{p:?}");
        }
        // Groups: the merged release is a class of its own (no digests to compare), which only
        // splits a class, never joins two that differ.
        let classes = merged.value_classes(&kp(&["gateway", "mode"]), 3);
        assert!(classes.iter().all(Option::is_some));
        assert_ne!(classes[0], classes[1]);
        assert_ne!(classes[2], classes[0]);
        assert_ne!(classes[2], classes[1]);
        assert!(merged.value_classes(&kp(&["tts"]), 3)[0].is_none());
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

    #[test]
    fn value_classes_group_releases_by_the_deepest_subschema_they_know() {
        // Releases 0 and 1 share gateway.mode's subschema, 2 changed it, 3 has no gateway.mode
        // but the same gateway as 4; 5 has no gateway at all.
        let text = build(&[
            vec![("gateway".into(), 1), ("gateway.mode".into(), 10)],
            vec![("gateway".into(), 2), ("gateway.mode".into(), 10)],
            vec![("gateway".into(), 3), ("gateway.mode".into(), 11)],
            vec![("gateway".into(), 4)],
            vec![("gateway".into(), 4)],
            vec![("other".into(), 5)],
        ])
        .unwrap();
        assert!(text.contains("gateway\x1fmode\t0-1|2\n"), "{text:?}");
        let idx = KeyIndex::parse(text);
        let c = idx.value_classes(&kp(&["gateway", "mode"]), 6);
        assert_eq!(c[0], c[1]);
        assert_ne!(c[0], c[2]);
        assert_eq!(c[3], c[4]);
        assert_ne!(c[3], c[0]);
        assert_eq!(c[5], None);
        assert_eq!(idx.mask(&kp(&["gateway", "mode"])), {
            let mut s = ReleaseSet::default();
            (0..3).for_each(|i| s.insert(i));
            s
        });
    }
}
