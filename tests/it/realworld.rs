//! The real-config corpus (issue 18, item 9): 55 configs people published, each linted as a
//! pre-commit hook or CI runs clawlint (`--no-env`) against 2026.5.7 and 2026.9.6. Every
//! finding is in a snapshot, and every finding has a judgement in
//! tests/fixtures/realworld/JUDGEMENTS.toml, made as the config's author would read it and,
//! where a release decides, checked against what the real release said
//! (tests/fixtures/realworld/recorded/). A finding judged false, or not judged at all, fails.

use crate::common;
use clawlint::report::Format;
use clawlint::workspace::{Inputs, Options, lint};
use serde::Deserialize;
use std::path::{Path, PathBuf};

const DIR: &str = "tests/fixtures/realworld";
const TARGETS: [&str; 2] = ["2026.5.7", "2026.9.6"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Judgements {
    judgement: Vec<Judgement>,
}

/// One judgement: the findings of `rule` (on `files`, by their number prefix, and `targets`;
/// both default to all), optionally only those whose message contains `message`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Judgement {
    rule: String,
    #[serde(default)]
    files: Vec<String>,
    #[serde(default)]
    targets: Vec<String>,
    #[serde(default)]
    message: Option<String>,
    /// `true` (the finding is right) or `false` (a false alarm: a bug).
    verdict: bool,
    why: String,
}

impl Judgement {
    fn covers(&self, f: &Finding) -> bool {
        self.rule == f.rule
            && (self.files.is_empty() || self.files.iter().any(|p| f.file.starts_with(&format!("{p}-"))))
            && (self.targets.is_empty() || self.targets.contains(&f.target))
            && self.message.as_ref().is_none_or(|m| f.line.contains(m.as_str()))
    }
}

#[derive(Debug)]
struct Finding {
    target: String,
    file: String,
    rule: String,
    line: String,
}

fn corpus() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(DIR)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json" || x == "json5"))
        .collect();
    out.sort();
    out
}

/// Every finding on `target`, as concise lines with paths relative to the corpus, and the
/// notes of skipped files.
fn lint_corpus(target: &str) -> (Vec<Finding>, String) {
    let options = Options {
        target: Some(target.parse().unwrap()),
        no_env: true,
        isolated: true,
        // The corpus is tracked by git and its file modes are the checkout's: rules about the
        // machine say nothing about the configs' authors.
        ignore: vec!["secret-tracked-by-git".into(), "config-permissions".into()],
        ..Options::default()
    };
    let mut findings = Vec::new();
    let mut shown = String::new();
    for path in corpus() {
        let report = lint(&Inputs::Paths(vec![path.clone()]), &options).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for n in &report.notes {
            shown.push_str(&format!("note: {}\n", n.replace(&format!("{DIR}/"), "")));
        }
        assert!(report.errors.is_empty(), "{name}: {:?}", report.errors);
        let text = common::render_for(&report.results, Format::Concise, &report.selection);
        for line in text.lines().filter(|l| l.starts_with(DIR)) {
            let line = clawlint::redact::text(line).replace(&format!("{DIR}/"), "");
            let rule = line.split_once('[').and_then(|(_, r)| r.split_once(']')).map(|(r, _)| r.to_owned()).unwrap();
            shown.push_str(&line);
            shown.push('\n');
            findings.push(Finding { target: target.into(), file: name.clone(), rule, line });
        }
    }
    (findings, shown)
}

#[test]
fn realworld_corpus_findings_are_snapshotted_and_judged() {
    let judgements: Judgements =
        toml_edit::de::from_str(&std::fs::read_to_string(Path::new(DIR).join("JUDGEMENTS.toml")).unwrap()).unwrap();
    for j in &judgements.judgement {
        assert!(!j.why.trim().is_empty(), "a judgement of {} gives no reason", j.rule);
    }
    let mut problems = Vec::new();
    let mut used = vec![false; judgements.judgement.len()];
    for target in TARGETS {
        let (findings, shown) = lint_corpus(target);
        common::snapshots().bind(|| insta::assert_snapshot!(format!("realworld__{target}"), shown));
        for f in &findings {
            match judgements.judgement.iter().position(|j| j.covers(f)) {
                None => problems.push(format!("not judged ({target}): {}", f.line)),
                Some(i) => {
                    used[i] = true;
                    if !judgements.judgement[i].verdict {
                        problems.push(format!("judged false ({target}): {}", f.line));
                    }
                }
            }
        }
    }
    for (j, used) in judgements.judgement.iter().zip(used) {
        if !used {
            problems.push(format!("a judgement matches no finding: {} {:?} {:?}", j.rule, j.files, j.message));
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
