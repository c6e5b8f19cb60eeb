//! The binary as users and CI run it: exit codes, messages, formats, discovery.

use std::path::Path;
use std::process::{Command, Output};

fn clawlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clawlint"))
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("OPENCLAW_CONFIG_PATH")
        .env_remove("OPENCLAW_STATE_DIR")
        .env_remove("OPENCLAW_HOME")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn missing_comma_exits_1_at_4_3() {
    let o = clawlint(&["doctor", "--format", "concise", "tests/fixtures/syntax-error/missing-comma.json5"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).starts_with(
            "tests/fixtures/syntax-error/missing-comma.json5:4:3: error[syntax-error] invalid character 'a'"
        ),
        "{}",
        stdout(&o)
    );
}

#[test]
fn clean_config_exits_0() {
    let o = clawlint(&["doctor", "--target", "2026.9.6", "tests/fixtures/clean/commented.json5"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn unreadable_path_exits_2_naming_it() {
    let o = clawlint(&["doctor", "does/not/exist.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does/not/exist.json: no such file or directory"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}

#[cfg(unix)]
#[test]
fn permission_denied_exits_2() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("openclaw.json");
    std::fs::write(&f, "{}").unwrap();
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&f).is_ok() {
        return; // running as root: permissions do not stop reads
    }
    let o = clawlint(&["doctor", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("permission denied"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["doctor", "--format", "xml", "x.json"][..],
        &["doctor", "--select", "no-such-rule", "examples/seed/openclaw.json"],
        &["doctor", "--ignore", "duplicate-keys", "examples/seed/openclaw.json"],
        &["explain", "nope"],
        &["frobnicate"],
    ] {
        let o = clawlint(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    }
    let o = clawlint(&["doctor", "--ignore", "duplicate-keys", "examples/seed/openclaw.json"]);
    assert!(stderr(&o).contains("did you mean `duplicate-key`"), "{}", stderr(&o));
}

#[test]
fn severity_min_select_ignore_and_exit_zero() {
    let dup = "tests/fixtures/duplicate-key/gateway-mode.json5";
    assert_eq!(clawlint(&["doctor", dup]).status.code(), Some(1));
    assert_eq!(clawlint(&["doctor", "--severity-min", "error", dup]).status.code(), Some(0));
    assert_eq!(clawlint(&["doctor", "--ignore", "duplicate-key", dup]).status.code(), Some(0));
    assert_eq!(clawlint(&["doctor", "--select", "syntax-error,env-ref-syntax", dup]).status.code(), Some(0));
    assert_eq!(clawlint(&["doctor", "--exit-zero", dup]).status.code(), Some(0));
    let o = clawlint(&["doctor", "--format", "json", "--select", "duplicate-key", dup]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["checksRun"], 1);
    assert_eq!(v["checksSkipped"], clawlint::rules::REGISTRY.len() as u64 - 1);
    assert_eq!(v["findings"].as_array().unwrap().len(), 2);
}

#[test]
fn directories_are_searched_and_included_files_are_not_roots() {
    let o = clawlint(&["doctor", "--format", "json", "tests/fixtures/include-error/sibling-override"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let configs: Vec<&str> = v["configs"].as_array().unwrap().iter().map(|c| c["file"].as_str().unwrap()).collect();
    assert_eq!(configs, ["tests/fixtures/include-error/sibling-override/openclaw.json"]);

    // Named files too (pre-commit passes every staged file): the include is checked as part of
    // the config that includes it, not as a config of its own.
    let dir = "tests/fixtures/include-error/sibling-override";
    let mut named: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| format!("{dir}/{}", e.unwrap().file_name().to_string_lossy()))
        .filter(|p| clawlint::config::found::is_config_name(std::path::Path::new(p)))
        .collect();
    named.sort();
    assert!(named.len() >= 2, "{named:?}");
    let mut args = vec!["doctor", "--format", "json"];
    args.extend(named.iter().map(String::as_str));
    let v: serde_json::Value = serde_json::from_str(&stdout(&clawlint(&args))).unwrap();
    let configs: Vec<&str> = v["configs"].as_array().unwrap().iter().map(|c| c["file"].as_str().unwrap()).collect();
    assert_eq!(configs, ["tests/fixtures/include-error/sibling-override/openclaw.json"]);
    // Named alone (pre-commit passes only what is staged), an include file is checked through
    // the config that includes it.
    let alone: Vec<&str> = named.iter().map(String::as_str).filter(|p| !p.ends_with("openclaw.json")).collect();
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&clawlint(&["doctor", "--format", "json", alone[0]]))).unwrap();
    assert_eq!(v["configs"].as_array().unwrap().len(), 1);
    assert_eq!(v["configs"][0]["file"], "tests/fixtures/include-error/sibling-override/openclaw.json");
    assert_eq!(v["configs"][0]["reason"], format!("it includes {}, named on the command line", alone[0]));
    // A JSON5 file no config includes is checked on its own.
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&clawlint(&["doctor", "--format", "json", "tests/fixtures/formats/mixed.json5"])))
            .unwrap();
    assert_eq!(v["configs"][0]["file"], "tests/fixtures/formats/mixed.json5");
}

#[test]
fn color_follows_flag_and_no_color() {
    let bad = "tests/fixtures/syntax-error/missing-comma.json5";
    assert!(stdout(&clawlint(&["doctor", "--color", "always", bad])).contains("\x1b["));
    assert!(!stdout(&clawlint(&["doctor", "--color", "never", bad])).contains("\x1b["));
    // Not a terminal: auto means no colour.
    assert!(!stdout(&clawlint(&["doctor", bad])).contains("\x1b["));
    let o = Command::new(env!("CARGO_BIN_EXE_clawlint")).args(["doctor", bad]).env("NO_COLOR", "1").output().unwrap();
    assert!(!String::from_utf8_lossy(&o.stdout).contains("\x1b["));
}

#[test]
fn discovery_uses_openclaw_rules_and_says_why() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join(".openclaw-work");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("openclaw.json"), "{ gateway: { mode: \"local\" }, gateway: {} }").unwrap();
    let run = |args: &[&str], envs: &[(&str, &Path)]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_clawlint"));
        c.args(args)
            .env("HOME", home.path())
            .env_remove("OPENCLAW_CONFIG_PATH")
            .env_remove("OPENCLAW_STATE_DIR")
            .env_remove("OPENCLAW_HOME");
        for (k, v) in envs {
            c.env(k, v);
        }
        c.output().unwrap()
    };
    let o = run(&["doctor", "--profile", "work"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("Checking ") && stdout(&o).contains("(--profile work selects"), "{}", stdout(&o));
    // No config at the default location: exit 2, naming the path and why.
    let o = run(&["doctor"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(".openclaw/openclaw.json: no OpenClaw config there (default location)"),
        "{}",
        stderr(&o)
    );
    let o = run(&["doctor", "--format", "json"], &[("OPENCLAW_CONFIG_PATH", &dir.join("openclaw.json"))]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["configs"][0]["reason"], "OPENCLAW_CONFIG_PATH is set");
    let o = run(&["doctor", "--profile", "bad name"], &[]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn rules_and_explain() {
    let o = clawlint(&["rules", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let names: Vec<&str> = v.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, clawlint::rules::REGISTRY.iter().map(|r| r.name).collect::<Vec<_>>());
    let o = clawlint(&["explain", "env-ref-syntax"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    for needle in [
        "# env-ref-syntax",
        "## What it does",
        "## Why it matters",
        "## Example",
        "## Fix safety",
        "## References",
        "#149551",
    ] {
        assert!(text.contains(needle), "missing {needle}");
    }
}

#[test]
fn version_and_help_exit_0() {
    let o = clawlint(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("clawlint "));
    assert_eq!(clawlint(&["doctor", "--help"]).status.code(), Some(0));
}

#[test]
fn completions_and_man_pages() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = clawlint(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        assert!(script.contains("doctor") && script.contains("unsafe-fixes"), "{shell}");
    }
    // The bash script is valid bash.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clawlint.bash");
    std::fs::write(&path, stdout(&clawlint(&["completions", "bash"]))).unwrap();
    let check = Command::new("bash").arg("-n").arg(&path).output().unwrap();
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    assert_eq!(clawlint(&["completions", "tcsh"]).status.code(), Some(2));

    let page = stdout(&clawlint(&["man"]));
    assert!(page.contains(".TH clawlint 1") && page.contains("doctor"), "{page}");
    let doctor = stdout(&clawlint(&["man", "doctor"]));
    assert!(doctor.contains(".TH clawlint-doctor 1") && doctor.contains(r"\-\-unsafe\-fixes"), "{doctor}");
    let o = clawlint(&["man", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("man nope: no such command"), "{}", stderr(&o));
}

/// A newline in a path keeps `--format concise` at one line per finding; a NUL in a key is shown
/// as an escape, not sent raw (issue 16, item 7).
#[cfg(unix)]
#[test]
fn control_characters_are_shown_not_sent() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a\nb.json5");
    std::fs::write(&p, "{ gateway: { mode: \"local\" }, \"x\\u0000y\": 1 }").unwrap();
    let o = clawlint(&["doctor", "--target", "2026.9.6", "--no-env", "--format", "concise", p.to_str().unwrap()]);
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1, "{out:?}");
    assert!(out.contains("a\\nb.json5:1:"), "{out:?}");
    assert!(!out.contains('\0') && out.contains("\\u{0}"), "{out:?}");
    let o = clawlint(&["doctor", "--target", "2026.9.6", "--no-env", p.to_str().unwrap()]);
    assert!(!stdout(&o).contains('\0'), "{:?}", stdout(&o));
}

/// The release importer is a maintainer tool (`cargo xtask matrix …`), not a user command.
#[test]
fn help_lists_user_commands_only() {
    let bin = env!("CARGO_BIN_EXE_clawlint");
    let help = std::process::Command::new(bin).arg("--help").output().unwrap();
    let text = String::from_utf8(help.stdout).unwrap();
    for user in ["doctor", "rules", "explain", "versions", "schema"] {
        assert!(text.contains(&format!("\n  {user}")), "{user} missing from --help:\n{text}");
    }
    assert!(!text.contains("matrix") && !text.contains("import"), "{text}");
    let matrix = std::process::Command::new(bin).args(["matrix", "import"]).output().unwrap();
    assert_eq!(matrix.status.code(), Some(2), "`clawlint matrix` is not a command");
}

/// Only OpenClaw configs are linted as configs: a `*.json5` with none of OpenClaw's top-level
/// keys (`renovate.json5` in a dotfiles repository), found in a directory or named by a hook,
/// is skipped with a note instead of failing with `key-unknown` errors.
#[test]
fn json5_files_that_are_not_openclaw_configs_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let renovate = dir.path().join("renovate.json5");
    std::fs::write(&renovate, "{\n  extends: [\"config:recommended\"],\n  packageRules: [{ automerge: true }],\n}\n")
        .unwrap();
    std::fs::write(dir.path().join("work.json5"), "{ gateway: { mode: \"local\" } }\n").unwrap();
    let run = |arg: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_clawlint"))
            .args(["doctor", "--isolated", "--no-env", "--target", "2026.9.6", "--format", "json"])
            .arg(arg)
            .output()
            .unwrap()
    };
    for arg in [dir.path(), renovate.as_path()] {
        let out = run(arg);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("renovate.json5: skipped: not an OpenClaw config"), "{stderr}");
        assert_eq!(out.status.code(), Some(0), "{stderr}");
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(json["findings"].as_array().unwrap().is_empty(), "{json}");
        let files: Vec<&str> =
            json["configs"].as_array().unwrap().iter().map(|c| c["file"].as_str().unwrap()).collect();
        assert!(files.iter().all(|f| !f.ends_with("renovate.json5")), "{files:?}");
    }
    // An OpenClaw config under another name is still linted.
    let out = run(dir.path());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["configs"].as_array().unwrap().iter().any(|c| c["file"].as_str().unwrap().ends_with("work.json5")));
}
