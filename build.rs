//! Converts the curated data files (`rules/*.toml`) to compact JSON at build time.
//!
//! The TOML files stay the source of truth (reviewed, commented, each fact with its source);
//! the binary embeds the JSON, which `serde_json` reads several times faster than a TOML
//! parser builds a document. Key order is kept. A malformed file fails the build with its
//! path, line and column. Beside each `<name>.json`, `<name>.sections.rs` lists where each
//! top-level value sits in it, so a reader can take one section without scanning the rest.
//! Every file must state the data format it is written in (`format = 1`): a file of another
//! format fails the build.

use std::fmt::Write as _;
use std::path::Path;

/// The data format this clawlint reads; every `rules/*.toml` states it (`format = 1`).
const FORMAT: i64 = 1;

fn main() {
    println!("cargo::rerun-if-changed=rules");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    let out = Path::new(&out).join("rules");
    std::fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    let mut names: Vec<String> = std::fs::read_dir("rules")
        .expect("rules/ is readable")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    names.sort();
    for name in names {
        let path = Path::new("rules").join(&name);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let doc: toml_edit::DocumentMut = text.parse().unwrap_or_else(|e: toml_edit::TomlError| {
            let (line, col) = e.span().map_or((0, 0), |s| line_col(&text, s.start));
            panic!("{}:{line}:{col}: {}", path.display(), e.message())
        });
        // One check for every data file: the format this clawlint reads.
        match doc.get("format").and_then(toml_edit::Item::as_integer) {
            Some(FORMAT) => {}
            other => panic!(
                "{}: needs the top-level key `format = {FORMAT}` (found {other:?}); this clawlint reads format {FORMAT}",
                path.display()
            ),
        }
        let mut json = String::with_capacity(text.len());
        let mut sections = String::from("&[");
        json.push('{');
        for (i, (k, v)) in doc.as_table().iter().enumerate() {
            if i > 0 {
                json.push(',');
            }
            member(k, &mut json);
            let start = json.len();
            item(v, &mut json, &path);
            let _ = write!(sections, "({k:?}, {start}, {}),", json.len());
        }
        json.push('}');
        sections.push(']');
        let stem = name.trim_end_matches(".toml");
        for (file, content) in [(format!("{stem}.json"), json), (format!("{stem}.sections.rs"), sections)] {
            let target = out.join(file);
            std::fs::write(&target, content).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
        }
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn string(s: &str, out: &mut String) {
    out.push_str(&serde_json::to_string(s).expect("a string serialises"));
}

/// `open item,item,… close`.
fn joined<I: IntoIterator>(
    open: char,
    close: char,
    items: I,
    out: &mut String,
    mut each: impl FnMut(I::Item, &mut String),
) {
    out.push(open);
    for (i, x) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        each(x, out);
    }
    out.push(close);
}

fn member(k: &str, out: &mut String) {
    string(k, out);
    out.push(':');
}

fn table(t: &toml_edit::Table, out: &mut String, path: &Path) {
    joined('{', '}', t.iter(), out, |(k, v), out| {
        member(k, out);
        item(v, out, path);
    });
}

fn item(item: &toml_edit::Item, out: &mut String, path: &Path) {
    match item {
        toml_edit::Item::None => out.push_str("null"),
        toml_edit::Item::Value(v) => value(v, out, path),
        toml_edit::Item::Table(t) => table(t, out, path),
        toml_edit::Item::ArrayOfTables(a) => joined('[', ']', a.iter(), out, |t, out| table(t, out, path)),
    }
}

fn value(v: &toml_edit::Value, out: &mut String, path: &Path) {
    match v {
        toml_edit::Value::String(s) => string(s.value(), out),
        toml_edit::Value::Integer(i) => {
            let _ = write!(out, "{}", i.value());
        }
        toml_edit::Value::Float(f) => {
            let n = serde_json::Number::from_f64(*f.value())
                .unwrap_or_else(|| panic!("{}: {} has no JSON form", path.display(), f.value()));
            let _ = write!(out, "{n}");
        }
        toml_edit::Value::Boolean(b) => out.push_str(if *b.value() { "true" } else { "false" }),
        toml_edit::Value::Datetime(d) => panic!("{}: the datetime {} has no JSON form", path.display(), d.value()),
        toml_edit::Value::Array(a) => joined('[', ']', a.iter(), out, |v, out| value(v, out, path)),
        toml_edit::Value::InlineTable(t) => joined('{', '}', t.iter(), out, |(k, v), out| {
            member(k, out);
            value(v, out, path);
        }),
    }
}
