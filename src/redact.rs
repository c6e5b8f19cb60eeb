//! Redaction: no secret from a config reaches any output.
//!
//! Every config clawlint loads registers its plaintext secrets here (see
//! [`crate::config::secrets`]). Everything clawlint prints goes through [`text`] (or a
//! [`Writer`], which applies it line by line): reports in every format, diffs, prompts, notes
//! and error messages. A secret shows as at most its first 4 characters plus `…` (`sk-p…`),
//! never more than a quarter of it. Besides the registered values, any strong token shape
//! (`sk-proj-…`, `ghp_…`, a Telegram bot token, …) is masked wherever it appears, comments
//! included.
//!
//! The registry is process-wide on purpose: a new output path cannot forget to pass it along.
//! Source snippets, whose carets must stay under the right characters, mask only the lines
//! they show and keep the offset map ([`crate::report::snippet`]).

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::ops::Range;
use std::sync::{Arc, RwLock};

/// Bare values shorter than this are masked only where quoted (`"abc"`), so that a short
/// password does not garble unrelated text.
const MIN_BARE: usize = 6;

/// `sk-proj-abcdef…` → `sk-p…`: at most 4 leading characters, and never more than a quarter.
pub fn mask(secret: &str) -> String {
    let n = secret.chars().count();
    let keep = (n / 4).min(4);
    let mut out: String = secret.chars().take(keep).collect();
    out.push('…');
    out
}

#[derive(Default)]
struct Registry {
    /// Needle → what replaces it.
    needles: BTreeMap<String, String>,
    /// The needles' matcher, built when first needed after a change.
    matcher: Option<Arc<Needles>>,
    /// The longest needle, in bytes.
    longest: usize,
    /// Names clawlint prints that a registered value must never rewrite: rule ids, file names,
    /// config keys. A registered value found inside one of them is left as it is there.
    names: std::collections::BTreeSet<String>,
    /// The names' matcher, built when first needed after a change.
    names_matcher: Option<Arc<AhoCorasick>>,
}

/// Every registered needle in one automaton (leftmost-longest), and each one's replacement.
struct Needles {
    automaton: AhoCorasick,
    replacements: Vec<String>,
}

static REGISTRY: RwLock<Option<Registry>> = RwLock::new(None);

thread_local! {
    /// A registry of this thread's own, while [`private`] runs: what it registers masks only
    /// what this thread prints, and is forgotten afterwards.
    static LOCAL: std::cell::RefCell<Option<Registry>> = const { std::cell::RefCell::new(None) };
}

/// Run `f` with a registry of its own on this thread (the fuzz target and the replay of its
/// corpus lint thousands of unrelated inputs: their secrets must neither pile up nor mask what
/// other tests in the same process print). Loading and printing must happen on this thread.
#[doc(hidden)]
pub fn private<R>(f: impl FnOnce() -> R) -> R {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            LOCAL.with(|l| *l.borrow_mut() = None);
        }
    }
    LOCAL.with(|l| *l.borrow_mut() = Some(Registry::default()));
    let _reset = Reset;
    f()
}

/// Work on the registry in use: this thread's own inside [`private`], else the process's.
fn with_registry<R>(f: impl FnOnce(&mut Registry) -> R) -> R {
    let mut f = Some(f);
    let local = LOCAL.with(|l| l.borrow_mut().as_mut().map(|reg| (f.take().expect("called once"))(reg)));
    if let Some(r) = local {
        return r;
    }
    let mut guard = REGISTRY.write().unwrap_or_else(|e| e.into_inner());
    (f.take().expect("not called yet"))(guard.get_or_insert_with(Registry::default))
}

/// Register one secret value. Cheap when already known. A value written over several lines
/// (a JSON5 `\` line continuation) is also registered line by line, since diffs and snippets
/// show it a line at a time.
pub fn register(value: &str) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    if value.contains('\n') {
        // The first line shows the mask's 4 characters; later lines, which hold the middle or
        // the end of the secret, show none.
        for (i, piece) in value.split('\n').enumerate() {
            let piece = piece.trim_end_matches('\r').trim_end_matches('\\').trim();
            if piece.chars().count() >= MIN_BARE {
                add_needles(vec![(piece.to_owned(), if i == 0 { mask(piece) } else { "…".to_owned() })]);
            }
        }
    }
    let mut forms: Vec<(String, String)> = Vec::new();
    let m = mask(value);
    for (open, close) in [("\"", "\""), ("'", "'"), ("\\\"", "\\\""), ("`", "`")] {
        forms.push((format!("{open}{value}{close}"), format!("{open}{m}{close}")));
    }
    // As JSON would escape it (a report's `message` field).
    let json = serde_json::to_string(value).unwrap_or_default();
    let json = json.trim_matches('"');
    if value.chars().count() >= MIN_BARE {
        forms.push((value.to_owned(), m.clone()));
        if json != value {
            forms.push((json.to_owned(), m.clone()));
        }
    }
    add_needles(forms);
}

/// Declare a name that masking must leave alone (a rule id, a file's displayed path, a config
/// key). A registered secret value that occurs inside an occurrence of the name is not masked
/// there; everywhere else it still is. Token shapes (`sk-proj-…`) are masked even inside names.
pub fn protect_name(name: &str) {
    protect_names([name]);
}

/// [`protect_name`] for many names at once (one lock, no copy of a name already known).
pub fn protect_names<'a>(names: impl IntoIterator<Item = &'a str>) {
    with_registry(|reg| {
        for name in names {
            if !name.is_empty() && !reg.names.contains(name) {
                reg.names.insert(name.to_owned());
                reg.names_matcher = None;
            }
        }
    });
}

fn names_matcher(reg: &mut Registry) -> Option<Arc<AhoCorasick>> {
    if let Some(m) = &reg.names_matcher {
        return Some(m.clone());
    }
    if reg.names.is_empty() {
        return None;
    }
    let m = Arc::new(
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&reg.names)
            .expect("literal names fit an automaton"),
    );
    reg.names_matcher = Some(m.clone());
    Some(m)
}

/// Drop the hits that lie inside an occurrence of a protected name.
fn spare_names(s: &str, hits: &mut Vec<(Range<usize>, String)>) {
    let Some(names) = with_registry(names_matcher) else { return };
    let spans: Vec<Range<usize>> = names.find_overlapping_iter(s).map(|m| m.range()).collect();
    if spans.is_empty() {
        return;
    }
    hits.retain(|(r, _)| !spans.iter().any(|n| n.start <= r.start && r.end <= n.end));
}

/// Add needles and what replaces each (an existing needle keeps its replacement).
fn add_needles(forms: Vec<(String, String)>) {
    with_registry(|reg| add_to(reg, forms));
}

fn add_to(reg: &mut Registry, forms: Vec<(String, String)>) {
    let mut changed = false;
    for (needle, replacement) in forms {
        reg.longest = reg.longest.max(needle.len());
        if let std::collections::btree_map::Entry::Vacant(e) = reg.needles.entry(needle) {
            e.insert(replacement);
            changed = true;
        }
    }
    if changed {
        reg.matcher = None;
    }
}

/// Strings after a credential-like key in a file that does not parse, found without parsing:
/// quoted (`apiKey: "…"`), unterminated (`apiKey: "sk-…` with no closing quote) or bare and
/// key-like (`token: abc123…`). Registered for every output.
pub fn register_keyed_values(text: &str) {
    for v in keyed_values(text) {
        register(&v);
    }
}

/// What else may be a secret in a file that does not parse, masked only where its text is shown
/// (its snippet), so that ordinary words never become needles for every output: the value of
/// each `NAME=value` line of a file that reads as a dotenv file (`$include: "./.env"`), and
/// every long token that mixes upper case, lower case and digits, or is long hex. A key is never
/// shown because the file around it is broken.
pub fn unparsed_hits(text: &str) -> Vec<(Range<usize>, String)> {
    let mut hits: Vec<(Range<usize>, String)> = Vec::new();
    let base = text.as_ptr() as usize;
    let at = |s: &str| s.as_ptr() as usize - base;
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    fn assignment(l: &str) -> Option<(&str, &str)> {
        let l = l.strip_prefix("export ").unwrap_or(l);
        l.split_once('=').filter(|(k, _)| {
            let k = k.trim();
            !k.is_empty()
                && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && !k.as_bytes()[0].is_ascii_digit()
        })
    }
    let dotenv = !lines.is_empty() && lines.iter().filter(|l| assignment(l).is_some()).count() * 2 > lines.len();
    if dotenv {
        for line in text.lines() {
            if let Some((_, v)) = assignment(line.trim()) {
                let v = v.trim();
                if !v.is_empty() {
                    hits.push((at(v)..at(v) + v.len(), mask(v)));
                }
            }
        }
    }
    for t in tokens(text) {
        hits.push((at(t)..at(t) + t.len(), mask(t)));
    }
    hits.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    hits.dedup_by(|b, a| b.0.start < a.0.end);
    hits
}

/// Runs of token characters that look like keys: 20+ characters mixing upper case, lower case
/// and digits, or 32+ hexadecimal digits.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || "-_+/.~".contains(c))).filter(|t| {
        let n = t.len();
        let (up, low, dig) = (
            t.bytes().any(|b| b.is_ascii_uppercase()),
            t.bytes().any(|b| b.is_ascii_lowercase()),
            t.bytes().any(|b| b.is_ascii_digit()),
        );
        (n >= 20 && up && low && dig) || (n >= 32 && dig && t.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-'))
    })
}

/// Values after a credential-like key, quoted or not, terminated or not.
fn keyed_values(text: &str) -> Vec<String> {
    static RE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| {
        let f = &crate::facts::secrets::facts().facts;
        let keys: Vec<String> = f.fields.secret_input.iter().chain(&f.fields.plain).map(|k| regex::escape(k)).collect();
        let parts: Vec<String> = f.maps.secret_name_parts.iter().map(|p| regex::escape(p)).collect();
        Regex::new(&format!(
            r#"(?:\b(?:{})\b|\b[A-Za-z0-9_-]*(?:{})[A-Za-z0-9_-]*\b)["']?\s*[:=]\s*(?:"((?:[^"\\\n]|\\.)*)"?|'((?:[^'\\\n]|\\.)*)'?|([^\s"',}}\]]+))"#,
            keys.join("|"),
            parts.join("|")
        ))
        .expect("escaped key names form a valid pattern")
    });
    re.captures_iter(text)
        .filter_map(|c| {
            if let Some(m) = c.get(1).or_else(|| c.get(2)) {
                return Some(m.as_str().to_owned());
            }
            // A bare value counts only when it looks like a key: long, with a digit.
            let bare = c.get(3)?.as_str();
            (bare.len() >= 8 && bare.bytes().any(|b| b.is_ascii_digit())).then(|| bare.to_owned())
        })
        .filter(|v| {
            let t = v.trim();
            !t.is_empty() && !t.contains("${") && !t.starts_with('$')
        })
        .collect()
}

/// The length in bytes of the longest registered needle (0 when none).
pub fn longest_needle() -> usize {
    with_registry(|r| r.longest)
}

/// The registered needles' matcher (`None` while nothing is registered).
fn needles() -> Option<Arc<Needles>> {
    with_registry(matcher)
}

fn matcher(reg: &mut Registry) -> Option<Arc<Needles>> {
    if let Some(m) = &reg.matcher {
        return Some(m.clone());
    }
    if reg.needles.is_empty() {
        return None;
    }
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(reg.needles.keys())
        .expect("a few thousand literal needles fit an automaton");
    let m = Arc::new(Needles { automaton, replacements: reg.needles.values().cloned().collect() });
    reg.matcher = Some(m.clone());
    Some(m)
}

/// Where secrets are in `s`, and what replaces each one: registered values, then every strong
/// token shape (searched only when `s` holds one of their anchors). Overlapping hits are masked
/// as one.
pub(crate) fn find(s: &str) -> Vec<(Range<usize>, String)> {
    let mut hits: Vec<(Range<usize>, String)> = Vec::new();
    if let Some(n) = needles() {
        hits.extend(n.automaton.find_iter(s).map(|m| (m.range(), n.replacements[m.pattern().as_usize()].clone())));
        if !hits.is_empty() {
            spare_names(s, &mut hits);
        }
    }
    let facts = crate::facts::secrets::facts();
    if facts.may_hold_strong(s) {
        let before = hits.len();
        hits.extend(facts.strong().find_iter(s).map(|m| (m.range(), mask(m.as_str()))));
        if before > 0 && hits.len() > before {
            hits.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
            let mut merged: Vec<(Range<usize>, String)> = Vec::with_capacity(hits.len());
            for (r, rep) in hits {
                match merged.last_mut() {
                    Some((last, last_rep)) if r.start < last.end => {
                        if r.end > last.end {
                            last.end = r.end;
                            *last_rep = mask(&s[last.clone()]);
                        }
                    }
                    _ => merged.push((r, rep)),
                }
            }
            hits = merged;
        }
    }
    for (r, rep) in &mut hits {
        if s[r.clone()].contains('\n') {
            *rep = replacement(&s[r.clone()], std::mem::take(rep));
        }
    }
    hits
}

/// What replaces the secret `found` when it is masked: its mask, keeping every line break (a
/// secret continued over lines keeps the lines after it where they were).
fn replacement(found: &str, mask_of_whole: String) -> String {
    if !found.contains('\n') {
        return mask_of_whole;
    }
    let mut out = String::new();
    for (i, piece) in found.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let cr = piece.ends_with('\r');
        out.push_str(if i == 0 { &mask_of_whole } else { "…" });
        if cr {
            out.push('\r');
        }
    }
    out
}

/// `s` with every secret masked.
pub fn text(s: &str) -> Cow<'_, str> {
    let hits = find(s);
    if hits.is_empty() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for (r, rep) in hits {
        out.push_str(&s[at..r.start]);
        out.push_str(&rep);
        at = r.end;
    }
    out.push_str(&s[at..]);
    Cow::Owned(out)
}

/// A writer that masks secrets line by line (a partial line is masked when flushed).
pub struct Writer<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> Writer<W> {
    pub fn new(inner: W) -> Self {
        Writer { inner, pending: Vec::new() }
    }

    fn emit(&mut self, upto: usize) -> io::Result<()> {
        let chunk: Vec<u8> = self.pending.drain(..upto).collect();
        let s = String::from_utf8_lossy(&chunk);
        let masked = text(&s);
        self.inner.write_all(crate::util::visible_controls(&masked).as_bytes())
    }
}

impl<W: Write> Write for Writer<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        if let Some(last) = self.pending.iter().rposition(|b| *b == b'\n') {
            self.emit(last + 1)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let n = self.pending.len();
            self.emit(n)?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for Writer<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Standard output, masked.
pub fn stdout() -> Writer<io::StdoutLock<'static>> {
    Writer::new(io::stdout().lock())
}

/// Standard error, masked.
pub fn stderr() -> Writer<io::Stderr> {
    Writer::new(io::stderr())
}

/// `eprintln!`, masked: how clawlint writes notes and errors.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let mut w = $crate::redact::stderr();
        let _ = writeln!(w, $($arg)*);
    }};
}
pub(crate) use say;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_show_a_quarter_at_most() {
        assert_eq!(mask("sk-proj-abcdefghijklmnop"), "sk-p…");
        assert_eq!(mask("changeme"), "ch…");
        assert_eq!(mask("abc"), "…");
    }

    #[test]
    fn registered_values_and_shapes_are_masked() {
        register("hunter2-horse-battery");
        register("abc");
        let s = "a hunter2-horse-battery b \"abc\" abcd ghp_abcdefghijklmnopqrstuvwxyz0123456789 c";
        assert_eq!(text(s), "a hunt… b \"…\" abcd ghp_… c");
        // Idempotent.
        assert_eq!(text(&text(s)), text(s));
    }

    #[test]
    fn names_are_never_rewritten() {
        private(|| {
            register("Zq7xK2mP9-lmstudio");
            register("gat3way-t0ken");
            protect_name("clawlint/gat3way-t0ken-weak");
            protect_name("/tmp/x/Zq7xK2mP9-lmstudio-demo.json5");
            let s = "/tmp/x/Zq7xK2mP9-lmstudio-demo.json5:3:9: clawlint/gat3way-t0ken-weak apiKey \"Zq7xK2mP9-lmstudio\" and gat3way-t0ken";
            assert_eq!(
                text(s),
                "/tmp/x/Zq7xK2mP9-lmstudio-demo.json5:3:9: clawlint/gat3way-t0ken-weak apiKey \"Zq7x…\" and gat…"
            );
            // A token shape is masked even inside a protected name.
            protect_name("ghp_abcdefghijklmnopqrstuvwxyz0123456789.json");
            assert_eq!(text("ghp_abcdefghijklmnopqrstuvwxyz0123456789.json"), "ghp_….json");
        });
    }

    #[test]
    fn writer_masks_across_writes() {
        register("split-across-two-writes");
        let mut w = Writer::new(Vec::new());
        write!(w, "key: split-across").unwrap();
        write!(w, "-two-writes\nnext\n").unwrap();
        w.flush().unwrap();
        let out = String::from_utf8(std::mem::take(&mut w.inner)).unwrap();
        assert_eq!(out, "key: spli…\nnext\n");
    }
}
