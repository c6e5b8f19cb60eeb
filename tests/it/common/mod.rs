//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod generate;

use clawlint::config::{self, LoadOptions, LoadedConfig};
use clawlint::engine::Selection;
use clawlint::report::{self, Format, LintResult, View};
use clawlint::rules;
use std::path::Path;

/// Load a root config the way `clawlint doctor PATH` does (paths relative to the crate root).
pub fn load(path: &str) -> LoadedConfig {
    let opts =
        LoadOptions { include_roots: Vec::new(), display_base: std::env::current_dir().ok(), ..Default::default() };
    config::load(Path::new(path), path.to_string(), "named on the command line".into(), &opts).unwrap()
}

pub fn lint(path: &str) -> LintResult {
    let config = load(path);
    let diagnostics = clawlint::engine::check(&config, &Selection::default());
    LintResult { config, diagnostics }
}

/// Lint with only one rule selected (rule fixtures use toy keys the schema rules would flag).
pub fn lint_only(path: &str, rule: &str) -> LintResult {
    let config = load(path);
    let selection = Selection { select: vec![rules::find(rule).expect("rule exists")], ..Selection::default() };
    let diagnostics = clawlint::engine::check(&config, &selection);
    LintResult { config, diagnostics }
}

pub fn render(results: &[LintResult], format: Format) -> String {
    render_for(results, format, &Selection::default())
}

/// [`render`], with the target of `selection` in the header.
pub fn render_for(results: &[LintResult], format: Format, selection: &Selection) -> String {
    let n = rules::REGISTRY.len();
    let targets = results.iter().map(|r| clawlint::engine::target_for(&r.config, selection).describe()).collect();
    let report = View {
        results,
        checks_run: n,
        checks_skipped: 0,
        color: false,
        show_sources: false,
        targets,
        registry: rules::registry(),
        fix_commands: ["clawlint doctor --fix".into(), "clawlint doctor --fix --unsafe-fixes".into()],
    };
    let mut out = Vec::new();
    report::render(format, &report, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// insta settings: snapshots live in the top-level `snapshots/` directory.
pub fn snapshots() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

/// Every file under `dir` with one of the given endings, sorted.
pub fn files(dir: &str, endings: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().display().to_string())
        .filter(|p| endings.iter().any(|end| p.ends_with(end)))
        .collect();
    out.sort();
    out
}

/// Structural JSON equality with numbers compared as f64 (`1 == 1.0`).
pub fn same(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// Every place in `out` that shows more of a secret than its first 4 characters: any 8
/// characters of it other than its start. One line per leak, labelled.
pub fn leaks(label: &str, out: &str, secrets: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for s in secrets {
        let chars: Vec<char> = s.chars().collect();
        for w in chars.windows(8).skip(1) {
            let w: String = w.iter().collect();
            if out.contains(&w) {
                found.push(format!("{label}: {w:?} of {s:?}"));
                break;
            }
        }
    }
    found
}

/// Wait for `child` at most `limit`, draining its output on threads (a full pipe would stall
/// it); a hang fails the test instead of stalling it.
pub fn finish(mut child: std::process::Child, limit: std::time::Duration) -> std::process::Output {
    use std::io::Read;
    let drain = |r: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut r) = r {
                let _ = r.read_to_end(&mut buf);
            }
            buf
        })
    };
    let out = drain(child.stdout.take().map(|s| Box::new(s) as Box<dyn Read + Send>));
    let err = drain(child.stderr.take().map(|s| Box::new(s) as Box<dyn Read + Send>));
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("clawlint hung for more than {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    };
    std::process::Output { status, stdout: out.join().unwrap(), stderr: err.join().unwrap() }
}
