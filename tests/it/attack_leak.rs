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

/// Secrets that collide with names (issue 18, item 4): a key-like token that is part of the
/// config's file name, a gateway token spelling a rule id, a provider whose key is its own id,
/// and word-like values (`lmstudio`, `gateway-token`) that are not secrets at all. Names are
/// printed as they are in every format; the values never leak.
#[test]
fn secrets_that_collide_with_names_neither_leak_nor_rewrite_names() {
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path();
    let file = "Zq7xK2mP9-demo.json5";
    let config = r#"{
  agents: { defaults: { model: { primary: "anthropic/claude-sonnet-4-5", fallbacks: ["lan2box/qwen3", "ollama/llama3.2:3b"] } } },
  models: { providers: {
    lan2box: { baseUrl: "http://10.0.0.2:8000/v1", api: "openai-completions", apiKey: "lan2box", models: [{ id: "qwen3", name: "qwen3" }] },
    lmstudio: { baseUrl: "http://127.0.0.1:1234/v1", api: "openai-completions", apiKey: "lmstudio", models: [] },
  } },
  gateway: { mode: "local", auth: { mode: "token", token: "provider-missing-auth" } },
  channels: { telegram: { enabled: true, botToken: "Zq7xK2mP9" } },
}
"#;
    fs::write(work.join(file), config).unwrap();
    // The values that are secrets (key-like), and the names each must leave alone.
    let secrets = ["lan2box", "provider-missing-auth", "Zq7xK2mP9"];
    let names = [file, "provider-missing-auth]", "\"provider-missing-auth\"", "models.providers.lan2box.apiKey"];
    let mut all = String::new();
    for format in ["full", "concise", "json", "sarif", "github"] {
        let out = Command::new(env!("CARGO_BIN_EXE_clawlint"))
            .current_dir(work)
            .args(["doctor", "--target", "2026.9.6", "--format", format, file])
            .env("HOME", work)
            .env("NO_COLOR", "1")
            .env_remove("ANTHROPIC_API_KEY")
            .env_remove("OLLAMA_API_KEY")
            .env_remove("OPENCLAW_STATE_DIR")
            .env_remove("OPENCLAW_CONFIG_PATH")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}: {}", String::from_utf8_lossy(&out.stderr));
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        // Strip every legitimate name; what is left must show no secret.
        let mut rest = text.clone();
        for n in names.iter().chain(&["provider-missing-auth:", "/provider-missing-auth", "lan2box/qwen3"]) {
            rest = rest.replace(n, "");
        }
        for s in secrets {
            for quoted in [format!("\"{s}\""), format!("`{s}`"), format!("\\\"{s}\\\"")] {
                assert!(!rest.contains(&quoted), "{format}: {quoted} shown:\n{text}");
            }
        }
        all.push_str(&text);
    }
    // Names survive: the file name, the rule id, the key path; word-like values are not masked
    // as secrets (`lmstudio` is a provider id here, not a key).
    for shown in [file, "provider-missing-auth", "models.providers.lan2box.apiKey", "lmstudio", "plaintext-secret"] {
        assert!(all.contains(shown), "{shown:?} missing or rewritten:\n{all}");
    }
    for masked in ["(`Zq…`)", "(`l…`)", "(`prov…`)"] {
        assert!(all.contains(masked), "no {masked:?}: a secret was not reported or not masked:\n{all}");
    }
    assert!(!all.contains("lm…") && !all.contains("Zq…-demo") && !all.contains("[prov…"), "a name was masked:\n{all}");
}
