//! The part of a file one finding's snippet shows, ready for miette.
//!
//! miette is handed only the lines around the finding's labels, not the file: a report costs
//! findings × snippet size, not findings × file size. Within those lines, secrets are masked
//! (see [`crate::redact`]) and very long lines are cut down to the text around the labels, with
//! `…` where text was left out: a minified config or a 1 MB value prints a readable line, and no
//! column exceeds what a formatter can pad to. Lines of ordinary length are shown exactly as in
//! the file, so every snapshot of an ordinary config looks as it did when miette saw it all.
//! Every edit keeps the line breaks, so gutter line numbers stay true.

use crate::document::{Document, Span};
use std::ops::Range;

/// Lines longer than this (bytes) are cut around the labels.
const LONG_LINE: usize = 480;
/// Bytes kept on each side of a label's start and end on a long line.
const AROUND: usize = 80;
/// Lines of context miette shows around a label (its default), plus one.
const MARGIN: usize = 2;

#[derive(Debug, Clone)]
pub struct Snippet {
    pub text: String,
    /// Offset in the file where `text` starts.
    base: usize,
    /// 0-based line of the file where `text` starts.
    pub first_line: usize,
    /// (file range, text range) of each edit, in order.
    edits: Vec<(Range<usize>, Range<usize>)>,
}

impl Snippet {
    /// The lines of `doc` around `spans` (all in `doc`), masked and cut.
    pub fn new(doc: &Document, spans: &[Span]) -> Snippet {
        let text = &*doc.text;
        let lo = spans.iter().map(|s| s.start).min().unwrap_or(0).min(text.len());
        let hi = spans.iter().map(|s| s.end).max().unwrap_or(0).clamp(lo, text.len());
        let first = doc.lines.line_of(lo).saturating_sub(MARGIN);
        let last = (doc.lines.line_of(hi) + MARGIN).min(doc.lines.count() - 1);
        let (ws, we) = (doc.lines.start(first, text), doc.lines.start(last + 1, text));
        let mut cuts: Vec<(Range<usize>, String)> = Vec::new();
        for line in first..=last {
            let (ls, le) = (doc.lines.start(line, text), doc.lines.start(line + 1, text));
            let body_end = text[ls..le].trim_end_matches(['\n', '\r']).len() + ls;
            if body_end - ls > LONG_LINE {
                cut_line(text, ls..body_end, spans, &mut cuts);
            }
        }
        let secrets = secrets_shown(doc, ws..we, &cuts);
        let edits = merge(text, cuts, secrets);
        let mut out = String::with_capacity((we - ws).min(64 * 1024));
        let mut mapped = Vec::with_capacity(edits.len());
        let mut at = ws;
        for (r, rep) in edits {
            out.push_str(&text[at..r.start]);
            let start = out.len();
            out.push_str(&rep);
            mapped.push((r.clone(), start..out.len()));
            at = r.end;
        }
        out.push_str(&text[at..we]);
        Snippet { text: out, base: ws, first_line: first, edits: mapped }
    }

    /// Where a file offset is in the text. An offset inside an edit goes to its start
    /// (`end == false`) or its end (`end == true`).
    pub fn map(&self, offset: usize, end: bool) -> usize {
        let offset = offset.max(self.base);
        let mut delta: isize = -(self.base as isize);
        for (orig, new) in &self.edits {
            if offset <= orig.start {
                break;
            }
            if offset < orig.end {
                return if end { new.end } else { new.start };
            }
            delta = new.end as isize - orig.end as isize;
        }
        ((offset as isize + delta).max(0) as usize).min(self.text.len())
    }

    /// Where a text offset came from in the file (the start of an edit for an offset inside it).
    pub fn unmap(&self, offset: usize) -> usize {
        let mut delta: isize = self.base as isize;
        for (orig, new) in &self.edits {
            if offset < new.start {
                break;
            }
            if offset < new.end {
                return orig.start;
            }
            delta = orig.end as isize - new.end as isize;
        }
        (offset as isize + delta) as usize
    }

    /// The 0-based file line of a text offset (edits keep line breaks, so counting works).
    pub fn line_of(&self, offset: usize) -> usize {
        self.first_line + self.text.as_bytes()[..offset.min(self.text.len())].iter().filter(|b| **b == b'\n').count()
    }
}

/// The secrets in what a snippet shows of `window`: only the text the `cuts` keep is searched
/// (thousands of findings on one long line each search a few hundred bytes, not the line),
/// widened by the longest registered secret so that one reaching into a cut is found whole.
fn secrets_shown(doc: &Document, window: Range<usize>, cuts: &[(Range<usize>, String)]) -> Vec<(Range<usize>, String)> {
    let text = &*doc.text;
    let margin = crate::redact::longest_needle().max(256);
    let mut kept: Vec<Range<usize>> = Vec::new();
    let mut at = window.start;
    for (r, _) in cuts {
        if r.start > at {
            kept.push(at..r.start);
        }
        at = at.max(r.end);
    }
    if window.end > at {
        kept.push(at..window.end);
    }
    let mut hits = Vec::new();
    for k in kept {
        let from = floor(text, k.start.saturating_sub(margin).max(window.start));
        let to = ceil(text, (k.end + margin).min(window.end));
        let slice = &text[from..to];
        let mut found = crate::redact::find(slice);
        if doc.tree().is_none() {
            found.extend(crate::redact::unparsed_hits(slice));
        }
        hits.extend(found.into_iter().map(|(r, rep)| (r.start + from..r.end + from, rep)));
    }
    hits
}

fn ceil(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The parts of a long line to leave out: everything more than [`AROUND`] bytes from every
/// label start and end on it.
fn cut_line(text: &str, line: Range<usize>, spans: &[Span], cuts: &mut Vec<(Range<usize>, String)>) {
    let mut keep: Vec<Range<usize>> = Vec::new();
    for s in spans {
        for p in [s.start, s.end] {
            if p >= line.start && p <= line.end {
                keep.push(p.saturating_sub(AROUND).max(line.start)..(p + AROUND).min(line.end));
            }
        }
    }
    if keep.is_empty() {
        keep.push(line.start..(line.start + AROUND).min(line.end));
    }
    keep.sort_by_key(|r| r.start);
    let mut at = line.start;
    for r in keep {
        if r.start > at + 1 {
            cuts.push((floor(text, at)..floor(text, r.start), "…".into()));
        }
        at = at.max(r.end);
    }
    if line.end > at + 1 {
        cuts.push((floor(text, at)..line.end, "…".into()));
    }
}

fn floor(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// One sorted list of non-overlapping edits: where a secret and a cut overlap, one edit covers
/// both and shows `…` (with the secret's line breaks).
fn merge(
    text: &str,
    cuts: Vec<(Range<usize>, String)>,
    secrets: Vec<(Range<usize>, String)>,
) -> Vec<(Range<usize>, String)> {
    let mut all: Vec<(Range<usize>, String)> = cuts.into_iter().chain(secrets).collect();
    all.retain(|(r, _)| r.start < r.end);
    all.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    all.dedup_by(|b, a| a.0 == b.0);
    let mut out: Vec<(Range<usize>, String)> = Vec::with_capacity(all.len());
    for (r, rep) in all {
        match out.last_mut() {
            Some((last, last_rep)) if r.start < last.end => {
                if r.end > last.end {
                    last.end = r.end;
                }
                let breaks = text[last.clone()].matches('\n').count();
                *last_rep = format!("…{}", "\n…".repeat(breaks));
            }
            _ => out.push((r, rep)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::FileId;
    use std::path::PathBuf;

    fn doc(text: &str) -> Document {
        Document::parse(FileId(0), PathBuf::from("/x/openclaw.json"), "openclaw.json".into(), text.into())
    }

    #[test]
    fn a_masked_secret_over_two_lines_keeps_the_line_numbers() {
        let text = "{\n  apiKey: \"Zx8Qw3-Rt6Yp2-SNIPPETFIRST\\\nSNIPPETSECOND-Lk4Jh7\",\n  port: 1,\n}\n";
        let d = doc(text);
        crate::redact::register(&text[text.find("Zx8").unwrap()..text.find("\",").unwrap()]);
        let port = text.find("port").unwrap();
        let s = Snippet::new(&d, &[Span::new(port, port + 4)]);
        assert!(!s.text.contains("SNIPPETFIRST") && !s.text.contains("SNIPPETSECOND"), "{}", s.text);
        assert_eq!(s.text.lines().count(), text.lines().count() - s.first_line, "{}", s.text);
        let at = s.map(port, false);
        assert_eq!(s.line_of(at), 3, "port is on line 4 (0-based 3)");
        assert_eq!(&s.text[at..at + 4], "port");
        assert_eq!(s.unmap(at), port);
    }

    #[test]
    fn long_lines_are_cut_around_the_labels() {
        let text = format!("{{ a: \"{}\", bogus: 1 }}", "x".repeat(100_000));
        let d = doc(&text);
        let at = text.find("bogus").unwrap();
        let s = Snippet::new(&d, &[Span::new(at, at + 5)]);
        assert!(s.text.len() < 400, "{} bytes", s.text.len());
        let m = s.map(at, false);
        assert_eq!(&s.text[m..m + 5], "bogus");
        assert!(s.text.starts_with('…') || s.text.contains("{ a: \"x"), "{}", s.text);
    }
}
