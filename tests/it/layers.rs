//! The layering of `src/` (ARCHITECTURE.md, "Layers"): every `use crate::…`, `super::…`,
//! `self::…` and child-module path of every file is an edge; the test fails on an edge from a
//! lower layer to a higher one, on a file outside every layer, on an edge into the crate root,
//! and on any cycle between files or between modules, naming the edges.
//!
//! Unit tests (`#[cfg(test)]` items) are left out: they may use any layer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Module = Vec<String>;

/// One `src/` file: its module path (`[]` for the crate root) and its text.
struct File {
    module: Module,
    rel: String,
    text: String,
}

fn module_of(rel: &str) -> Module {
    let stem = rel.trim_end_matches(".rs");
    let mut parts: Module = stem.split('/').map(str::to_owned).collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts == ["lib"] || parts == ["main"] { Vec::new() } else { parts }
}

/// Source text without comments, string and char literals, and `#[cfg(test)]` items.
fn code_only(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        let rest = &src[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            let mut depth = 0;
            while i < b.len() {
                if src[i..].starts_with("/*") {
                    depth += 1;
                    i += 2;
                } else if src[i..].starts_with("*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if let Some(n) = raw_string_len(rest) {
            i += n;
            out.push_str("\"\"");
        } else if b[i] == b'"' || (b[i] == b'b' && rest[1..].starts_with('"') && !ident_before(b, i)) {
            i += if b[i] == b'b' { 2 } else { 1 };
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' {
            // A char literal ('x', '\n', '\u{..}') or a lifetime ('a).
            let close = if rest[1..].starts_with('\\') {
                rest[2..].find('\'').map(|p| p + 2)
            } else {
                rest[1..].chars().next().map(|c| 1 + c.len_utf8()).filter(|&p| rest[p..].starts_with('\''))
            };
            match close {
                Some(p) => i += p + 1,
                None => i += 1,
            }
            out.push(' ');
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    strip_test_items(&out)
}

fn ident_before(b: &[u8], i: usize) -> bool {
    i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')
}

/// `r"…"`, `r#"…"#`, `br"…"`: the length of the literal at the start of `s`.
fn raw_string_len(s: &str) -> Option<usize> {
    let after_prefix = s.strip_prefix("br").or_else(|| s.strip_prefix('r'))?;
    let hashes = after_prefix.len() - after_prefix.trim_start_matches('#').len();
    let body = after_prefix[hashes..].strip_prefix('"')?;
    let close = format!("\"{}", "#".repeat(hashes));
    let end = body.find(&close)?;
    Some(s.len() - body.len() + end + close.len())
}

fn strip_test_items(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    // `#[cfg(test)]` and `#[cfg(all(test, …))]` items.
    let next = |r: &str| [r.find("#[cfg(test)]"), r.find("#[cfg(all(test")].into_iter().flatten().min();
    while let Some(at) = next(rest) {
        out.push_str(&rest[..at]);
        let item = &rest[at..];
        let (brace, semi) = (item.find('{'), item.find(';'));
        let end = match (brace, semi) {
            (Some(b), Some(s)) if s < b => s + 1,
            (Some(b), _) => {
                let mut depth = 0;
                let mut end = item.len();
                for (k, ch) in item[b..].char_indices() {
                    match ch {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = b + k + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            (None, Some(s)) => s + 1,
            (None, None) => item.len(),
        };
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Colons,
    Open,
    Close,
    Comma,
    Semi,
    Other,
}

fn tokens(code: &str) -> Vec<Tok> {
    let b = code.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(Tok::Ident(code[start..i].to_owned()));
            continue;
        }
        if code[i..].starts_with("::") {
            out.push(Tok::Colons);
            i += 2;
            continue;
        }
        match c {
            b'{' => out.push(Tok::Open),
            b'}' => out.push(Tok::Close),
            b',' => out.push(Tok::Comma),
            b';' => out.push(Tok::Semi),
            c if c.is_ascii_whitespace() => {}
            _ => out.push(Tok::Other),
        }
        i += 1;
    }
    out
}

/// The paths a `use` tree names (`a::{b, c::d as e}` → `a::b`, `a::c::d`), each with the name
/// it binds.
fn use_tree(toks: &[Tok], i: &mut usize, prefix: &[String], out: &mut Vec<(Vec<String>, Option<String>)>) {
    let mut path = prefix.to_vec();
    loop {
        match toks.get(*i) {
            Some(Tok::Ident(id)) if id == "as" => {
                *i += 1;
                let alias = match toks.get(*i) {
                    Some(Tok::Ident(a)) => Some(a.clone()),
                    _ => None,
                };
                *i += 1;
                out.push((path, alias));
                return;
            }
            Some(Tok::Ident(id)) => {
                path.push(id.clone());
                *i += 1;
            }
            Some(Tok::Colons) => *i += 1,
            Some(Tok::Open) => {
                *i += 1;
                loop {
                    match toks.get(*i) {
                        Some(Tok::Close) => {
                            *i += 1;
                            return;
                        }
                        Some(Tok::Comma) => *i += 1,
                        None => return,
                        _ => use_tree(toks, i, &path, out),
                    }
                }
            }
            _ => {
                if path.last().is_some_and(|l| l == "self") {
                    path.pop();
                }
                let bind = path.last().cloned();
                if !path.is_empty() && path.len() > prefix.len() || path.len() == prefix.len() {
                    out.push((path, bind));
                }
                return;
            }
        }
    }
}

/// A path as written, and the inline modules (`mod x { … }`) it is written in.
struct RawPath {
    inline: Vec<String>,
    path: Vec<String>,
}

/// Every path of a file that may name a module of this crate, raw (before resolution), with
/// the names its `use` items bind.
fn raw_paths(code: &str) -> (Vec<RawPath>, BTreeMap<String, Vec<String>>, BTreeSet<String>) {
    let toks = tokens(code);
    let mut paths = Vec::new();
    let mut binds = BTreeMap::new();
    let mut children = BTreeSet::new();
    // Open inline modules, each with the brace depth inside it.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut i = 0;
    while i < toks.len() {
        let here = || inline.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        match &toks[i] {
            Tok::Open => {
                depth += 1;
                i += 1;
            }
            Tok::Close => {
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth -= 1;
                i += 1;
            }
            Tok::Ident(kw) if kw == "mod" => {
                match (toks.get(i + 1), toks.get(i + 2)) {
                    (Some(Tok::Ident(name)), Some(Tok::Semi)) => {
                        children.insert(name.clone());
                    }
                    (Some(Tok::Ident(name)), Some(Tok::Open)) => {
                        inline.push((name.clone(), depth + 1));
                    }
                    _ => {}
                }
                i += 1;
            }
            Tok::Ident(kw) if kw == "use" => {
                i += 1;
                let mut found = Vec::new();
                use_tree(&toks, &mut i, &[], &mut found);
                for (p, bind) in found {
                    if let Some(b) = bind.filter(|b| b != "*") {
                        binds.insert(b, p.clone());
                    }
                    paths.push(RawPath { inline: here(), path: p.into_iter().filter(|s| s != "*").collect() });
                }
            }
            Tok::Ident(first)
                if toks.get(i + 1) == Some(&Tok::Colons)
                    && !matches!(toks.get(i.wrapping_sub(1)), Some(Tok::Colons)) =>
            {
                let mut p = vec![first.clone()];
                let mut j = i + 1;
                while toks.get(j) == Some(&Tok::Colons) {
                    match toks.get(j + 1) {
                        Some(Tok::Ident(s)) => p.push(s.clone()),
                        _ => break,
                    }
                    j += 2;
                }
                paths.push(RawPath { inline: here(), path: p });
                i = j;
            }
            _ => i += 1,
        }
    }
    (paths, binds, children)
}

/// The absolute module path a raw path names, if it starts inside this crate.
fn absolute(
    me: &Module,
    raw: &[String],
    binds: &BTreeMap<String, Vec<String>>,
    children: &BTreeSet<String>,
    depth: usize,
) -> Option<Module> {
    let first = raw.first()?;
    // The module a file's `self::` names, and the one `super::` goes up from.
    let here = me.clone();
    match first.as_str() {
        "crate" => Some(raw[1..].to_vec()),
        "self" => Some(here.into_iter().chain(raw[1..].iter().cloned()).collect()),
        "super" => {
            let mut base = here;
            let mut k = 0;
            while raw.get(k).is_some_and(|s| s == "super") {
                base.pop()?;
                k += 1;
            }
            Some(base.into_iter().chain(raw[k..].iter().cloned()).collect())
        }
        name if children.contains(name) => Some(here.into_iter().chain(raw.iter().cloned()).collect()),
        name if depth == 0 && binds.contains_key(name) => {
            let bound = &binds[name];
            let full: Vec<String> = bound.iter().cloned().chain(raw[1..].iter().cloned()).collect();
            absolute(me, &full, binds, children, 1)
        }
        _ => None,
    }
}

/// The file a module path lands in: its longest prefix that is a file's module.
fn resolve<'a>(modules: &'a BTreeMap<Module, String>, path: &[String]) -> Option<&'a String> {
    (0..=path.len()).rev().find_map(|n| modules.get(&path[..n]))
}

/// Edges between files: (from, to) → an example path.
fn edges(files: &[File]) -> BTreeMap<(String, String), String> {
    let modules: BTreeMap<Module, String> = files.iter().map(|f| (f.module.clone(), f.rel.clone())).collect();
    let mut out = BTreeMap::new();
    for f in files {
        if f.rel == "main.rs" {
            continue;
        }
        let code = code_only(&f.text);
        let (paths, binds, children) = raw_paths(&code);
        for RawPath { inline, path: raw } in &paths {
            let me: Module = f.module.iter().chain(inline).cloned().collect();
            let Some(abs) = absolute(&me, raw, &binds, &children, 0) else { continue };
            let Some(to) = resolve(&modules, &abs) else { continue };
            if *to != f.rel {
                out.entry((f.rel.clone(), to.clone())).or_insert_with(|| raw.join("::"));
            }
        }
    }
    out
}

/// Strongly connected components with more than one node (Tarjan).
fn cycles(nodes: &BTreeSet<String>, adj: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct T<'a> {
        adj: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<String, usize>,
        low: BTreeMap<String, usize>,
        stack: Vec<String>,
        on: BTreeSet<String>,
        out: Vec<Vec<String>>,
    }
    fn visit(t: &mut T<'_>, v: &str) {
        let n = t.index.len();
        t.index.insert(v.to_owned(), n);
        t.low.insert(v.to_owned(), n);
        t.stack.push(v.to_owned());
        t.on.insert(v.to_owned());
        for w in t.adj.get(v).into_iter().flatten() {
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if t.on.contains(w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = t.stack.pop() {
                t.on.remove(&w);
                let done = w == v;
                comp.push(w);
                if done {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        adj,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in nodes {
        if !t.index.contains_key(v) {
            visit(&mut t, v);
        }
    }
    t.out
}

/// The layers ARCHITECTURE.md lists under "## Layers": `N. `a`, `b` — …`, leaf first.
fn layers(architecture: &str) -> BTreeMap<String, usize> {
    let section = architecture.split("\n## Layers").nth(1).expect("ARCHITECTURE.md has a `## Layers` section");
    let section = section.split("\n## ").next().unwrap();
    let mut out = BTreeMap::new();
    let mut level = 0;
    for line in section.lines() {
        let Some((num, rest)) = line.split_once(". ") else { continue };
        if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        level += 1;
        let mut rest = rest;
        while let Some(r) = rest.strip_prefix('`') {
            let (name, after) = r.split_once('`').expect("closed backtick");
            out.insert(name.to_owned(), level);
            rest = after.strip_prefix(", ").unwrap_or(after);
            if !rest.starts_with('`') {
                break;
            }
        }
    }
    out
}

/// Every violation, as a sentence naming the edge.
fn violations(files: &[File], architecture: &str) -> Vec<String> {
    let layer_of_module = layers(architecture);
    let mut problems = Vec::new();
    let layer = |f: &str| -> Option<usize> {
        let m = module_of(f);
        m.first().and_then(|top| layer_of_module.get(top)).copied()
    };
    for f in files {
        if !f.module.is_empty() && layer(&f.rel).is_none() {
            problems.push(format!("src/{} is in no layer of ARCHITECTURE.md", f.rel));
        }
    }
    let edges = edges(files);
    let mut adj: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut module_adj: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for ((from, to), via) in &edges {
        adj.entry(from.clone()).or_default().insert(to.clone());
        let (fm, tm) = (module_of(from), module_of(to));
        if tm.is_empty() && !fm.is_empty() {
            problems.push(format!("src/{from} imports the crate root (`{via}`): import the layer that defines it"));
        }
        if let (Some(a), Some(b)) = (layer(from), layer(to))
            && b > a
        {
            problems.push(format!(
                "src/{from} imports src/{to} (`{via}`): layer `{}` may not import `{}`, which is above it",
                fm[0], tm[0]
            ));
        }
        // Modules: every directory a file is in, against the target's at the same depth.
        for depth in 1..fm.len().min(tm.len()) + 1 {
            let (a, b) = (fm[..depth].join("/"), tm[..depth].join("/"));
            if a != b && fm[..depth - 1] == tm[..depth - 1] {
                module_adj.entry(a).or_default().insert(b);
            }
        }
    }
    let nodes: BTreeSet<String> = files.iter().map(|f| f.rel.clone()).collect();
    for comp in cycles(&nodes, &adj) {
        let inside: Vec<String> = edges
            .iter()
            .filter(|((a, b), _)| comp.contains(a) && comp.contains(b))
            .map(|((a, b), via)| format!("src/{a} → src/{b} (`{via}`)"))
            .collect();
        problems.push(format!("import cycle between files: {}", inside.join("; ")));
    }
    let module_nodes: BTreeSet<String> =
        module_adj.keys().cloned().chain(module_adj.values().flatten().cloned()).collect();
    for comp in cycles(&module_nodes, &module_adj) {
        problems.push(format!("import cycle between modules: {}", comp.join(" ⇄ ")));
    }
    problems
}

fn source_files() -> Vec<File> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    for entry in walkdir(&root) {
        let rel = entry.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(&entry).unwrap();
        out.push(File { module: module_of(&rel), rel, text });
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
    out
}

#[test]
fn src_follows_the_layers_of_architecture_md() {
    let arch = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md")).unwrap();
    let problems = violations(&source_files(), &arch);
    assert!(problems.is_empty(), "{} layering problem(s):\n{}", problems.len(), problems.join("\n"));
}

/// The checker itself finds what it must: a backward edge, a cycle through `super::` and a
/// child module, an aliased import, an edge hidden in a string or a test module (not counted).
#[test]
fn the_layer_check_finds_backward_edges_and_cycles() {
    let arch = "# A\n\n## Layers\n\n1. `low`, `util` — leaf\n2. `high` — top\n\n## Other\n";
    let file = |rel: &str, text: &str| File { module: module_of(rel), rel: rel.into(), text: text.into() };
    let files = vec![
        file("lib.rs", "pub mod low; pub mod high; pub mod util;"),
        file("low/mod.rs", "mod a;\nmod b;\npub use a::A;\nfn f() { b::g(); }"),
        file("low/a.rs", "use super::B; pub struct A;"),
        file(
            "low/b.rs",
            "use crate::high as h;\nfn g() { h::x(); let s = \"crate::util::f\"; }\n#[cfg(test)]\nmod tests { use crate::util; }",
        ),
        file("high.rs", "use crate::low::{self, a::A};\nfn x() { low::b::g(); }"),
        file(
            "util.rs",
            "// crate::high::x\nfn f() {}\nmod inner { use super::f; }\n#[cfg(all(test, unix))]\nmod t { use crate::high; }",
        ),
        file("stray.rs", ""),
    ];
    let found = violations(&files, arch);
    let has = |needle: &str| found.iter().any(|p| p.contains(needle));
    assert!(has("src/low/b.rs imports src/high.rs (`crate::high`)"), "{found:#?}");
    assert!(has("import cycle between files") && has("src/low/a.rs → src/low/mod.rs (`super::B`)"), "{found:#?}");
    assert!(has("src/low/mod.rs → src/low/a.rs (`a::A`)"), "{found:#?}");
    assert!(has("src/stray.rs is in no layer"), "{found:#?}");
    assert!(has("import cycle between modules: high ⇄ low"), "{found:#?}");
    assert!(!has("util"), "comments, strings and test modules are not edges: {found:#?}");
    assert_eq!(found.len(), 4, "{found:#?}");
}

/// One meaning per word: no two public types of `src/` share a name (a reader never has to
/// guess which `Target` or `Span` a signature means).
#[test]
fn public_type_names_are_unique() {
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut twice = Vec::new();
    for f in source_files() {
        let code = code_only(&f.text);
        let toks = tokens(&code);
        for w in toks.windows(3) {
            if let [Tok::Ident(vis), Tok::Ident(kw), Tok::Ident(name)] = w
                && vis == "pub"
                && matches!(kw.as_str(), "struct" | "enum" | "type" | "trait")
                && let Some(first) = seen.insert(name.clone(), f.rel.clone())
            {
                twice.push(format!("{name}: src/{first} and src/{}", f.rel));
            }
        }
    }
    assert!(twice.is_empty(), "public types named twice:\n{}", twice.join("\n"));
}
