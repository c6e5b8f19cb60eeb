//! No secret in any output, under attack (issue 16, item 3): a config that is a symlink to
//! `/proc/self/environ`, a key continued over lines (LF and CRLF), `$include` of a dotenv file,
//! unparseable files (an unterminated string, an unquoted token), a key pasted inside `${…}`,
//! flag-value pairs in `args`, an `--env-file` syntax error, and an argument-parser error. Every
//! output format and mode, on every case: none may show more than a secret's first 4 characters.

#![cfg(unix)]

use crate::common;
use std::fs;
use std::path::Path;
use std::process::Command;

const CORPUS: &str = "tests/fixtures/leak/attack";
/// In the environment of every run: a config that is a symlink to /proc/self/environ would
/// print it.
const PROC_SECRET: &str = "Yw2Nv8-ProcEnviron-Lk5Qx0013";

pub fn secrets(list: &Path) -> Vec<String> {
    fs::read_to_string(list)
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

fn clawlint(dir: &Path, args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_clawlint"))
        .current_dir(dir)
        .args(args)
        .env("HOME", dir)
        .env("NO_COLOR", "1")
        .env("LEAK_PROC", PROC_SECRET)
        .env_remove("OPENCLAW_STATE_DIR")
        .env_remove("OPENCLAW_CONFIG_PATH")
        .output()
        .unwrap();
    assert_ne!(o.status.code(), Some(3), "exit 3 on {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    assert!(o.status.code().is_some(), "killed by a signal: {args:?}");
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

const CONFIGS: &[&str] = &[
    "continued-lf.json5",
    "continued-crlf.json5",
    "include-dotenv.json5",
    "secrets.env",
    "unterminated.json5",
    "unquoted.json5",
    "dollar-brace.json5",
    "mcp-args.json5",
    "environ.json5",
];

#[test]
fn no_secret_leaks_under_attack() {
    let secrets = secrets(&Path::new(CORPUS).join("secrets.txt"));
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path();
    let fresh = || {
        for e in fs::read_dir(CORPUS).unwrap() {
            let e = e.unwrap();
            fs::copy(e.path(), work.join(e.file_name())).unwrap();
        }
        let _ = fs::remove_file(work.join("environ.json5"));
        std::os::unix::fs::symlink("/proc/self/environ", work.join("environ.json5")).unwrap();
    };
    fresh();
    let mut runs: Vec<(String, String)> = Vec::new();
    for config in CONFIGS {
        for format in ["full", "concise", "json", "sarif", "github"] {
            for env in [&[][..], &["--no-env"][..]] {
                let mut args = vec!["doctor", "--target", "2026.9.6", "--format", format];
                args.extend_from_slice(env);
                args.push(config);
                runs.push((format!("{config} {format} {env:?}"), clawlint(work, &args)));
            }
        }
        for mode in [&["--diff"][..], &["--diff", "--unsafe-fixes"][..], &["--fix", "--yes", "--unsafe-fixes"][..]] {
            let mut args = vec!["doctor", "--target", "2026.9.6"];
            args.extend_from_slice(mode);
            args.push(config);
            runs.push((format!("{config} {mode:?}"), clawlint(work, &args)));
            fresh();
        }
    }
    runs.push(("env-file".into(), clawlint(work, &["doctor", "--env-file", "bad.env", "continued-lf.json5"])));
    runs.push((
        "clap".into(),
        clawlint(work, &["doctor", "--target", "sk-proj-ClapArgLEAK00000000000000012", "continued-lf.json5"]),
    ));
    let found: Vec<String> = runs.iter().flat_map(|(label, out)| common::leaks(label, out, &secrets)).collect();
    assert!(found.is_empty(), "{} leaks:\n{}", found.len(), found.join("\n"));

    // The runs saw what they were meant to see.
    let all: String = runs.iter().map(|(_, o)| o.as_str()).collect();
    for shown in ["zQ8r…", "Rt6W…", "plaintext-secret", "kernel pseudo-file (procfs)", "bad.env:2:1"] {
        assert!(all.contains(shown), "no {shown:?} in any output");
    }
    let mcp = runs.iter().find(|(l, _)| l == "mcp-args.json5 concise []").unwrap();
    assert_eq!(mcp.1.matches("plaintext-secret").count(), 2, "{}", mcp.1);
}
