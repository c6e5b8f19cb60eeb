//! `clawlint.toml` through the binary: found above the linted file, or named with `--config`,
//! ignored with `--isolated`; each setting applied; command-line flags win; errors name the
//! file, line and column and exit 2.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn clawlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_clawlint"))
        .current_dir(dir)
        .args(args)
        .env("HOME", dir)
        .env("CLAWLINT_NO_PROBE", "1")
        .env("NO_COLOR", "1")
        .env_remove("OPENCLAW_STATE_DIR")
        .env_remove("OPENCLAW_CONFIG_PATH")
        .env_remove("OLLAMA_API_KEY")
        .output()
        .unwrap()
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Rule names of the concise lines, in order.
fn rules(o: &Output) -> Vec<String> {
    out(o).lines().filter_map(|l| Some(l.split_once('[')?.1.split_once(']')?.0.to_owned())).collect()
}

/// A repo with `clawlint.toml` at its top and the formats fixture at `lab/openclaw.json5`.
fn repo(toml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("lab")).unwrap();
    fs::copy("tests/fixtures/formats/mixed.json5", dir.path().join("lab/openclaw.json5")).unwrap();
    fs::write(dir.path().join("clawlint.toml"), toml).unwrap();
    dir
}

const ALL: [&str; 5] =
    ["gateway-exposed", "fallback-duplicate", "provider-missing-auth", "schema-invalid", "duplicate-key"];

#[test]
fn settings_found_above_the_linted_file_apply() {
    let dir = repo(concat!(
        "# the lab gateway\n",
        "target = \"2026.9.6\"\n",
        "env = \"none\"\n",
        "ignore = [\"provider-missing-auth\"]\n",
        "\n",
        "[severity]\n",
        "duplicate-key = \"error\"\n",
        "\n",
        "[[ignores]]\n",
        "rules = [\"gateway-exposed\"]\n",
        "files = [\"lab/**\"]\n",
        "paths = [\"gateway\"]\n",
        "reason = \"reached only through the VPN\"\n",
    ));
    let lab = dir.path().join("lab");
    let o = clawlint(&lab, &["doctor", "--format", "concise", "openclaw.json5"]);
    assert_eq!(rules(&o), ["fallback-duplicate", "schema-invalid", "duplicate-key"], "{}{}", out(&o), err(&o));
    assert!(out(&o).contains("error[duplicate-key]"), "severity raised: {}", out(&o));
    // --isolated: none of it.
    let o = clawlint(
        &lab,
        &["doctor", "--isolated", "--no-env", "--target", "2026.9.6", "--format", "concise", "openclaw.json5"],
    );
    assert_eq!(rules(&o), ALL, "{}", out(&o));
    // A flag replaces the file's value: --ignore here drops the file's ignore list.
    let o = clawlint(&lab, &["doctor", "--ignore", "schema-invalid", "--format", "concise", "openclaw.json5"]);
    assert_eq!(rules(&o), ["fallback-duplicate", "provider-missing-auth", "duplicate-key"], "{}", out(&o));
    // The files glob is relative to clawlint.toml: the same config elsewhere is not covered.
    fs::create_dir_all(dir.path().join("home")).unwrap();
    fs::copy(lab.join("openclaw.json5"), dir.path().join("home/openclaw.json5")).unwrap();
    let o = clawlint(dir.path(), &["doctor", "--format", "concise", "home/openclaw.json5"]);
    assert_eq!(rules(&o)[0], "gateway-exposed", "{}", out(&o));
}

#[test]
fn env_policy_and_env_files() {
    // The provider-missing-auth finding depends on the environment: an env file from
    // clawlint.toml (relative to it) supplies the key.
    let dir = repo("target = \"2026.9.6\"\nenv = \"none\"\nenv-files = [\"ci/openclaw.env\"]\n");
    fs::create_dir_all(dir.path().join("ci")).unwrap();
    fs::write(dir.path().join("ci/openclaw.env"), "OLLAMA_API_KEY=ollama-local\n").unwrap();
    let o = clawlint(dir.path(), &["doctor", "--format", "concise", "lab/openclaw.json5"]);
    assert!(!rules(&o).contains(&"provider-missing-auth".to_owned()), "{}", out(&o));
    fs::write(
        dir.path().join("clawlint.toml"),
        "target = \"2026.9.6\"\nenv = \"none\"\nenv-files = [\"ci/missing.env\"]\n",
    )
    .unwrap();
    let o = clawlint(dir.path(), &["doctor", "lab/openclaw.json5"]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("clawlint.toml: env-files:") && err(&o).contains("missing.env"), "{}", err(&o));
}

#[test]
fn config_flag_and_conflicting_projects() {
    let dir = repo("target = \"2026.9.6\"\nenv = \"none\"\nselect = [\"duplicate-key\"]\n");
    let other = dir.path().join("other.toml");
    fs::write(&other, "target = \"2026.9.6\"\nenv = \"none\"\nselect = [\"schema-invalid\"]\n").unwrap();
    let o = clawlint(dir.path(), &["doctor", "--format", "concise", "lab/openclaw.json5"]);
    assert_eq!(rules(&o), ["duplicate-key"]);
    let o = clawlint(dir.path(), &["doctor", "--config", "other.toml", "--format", "concise", "lab/openclaw.json5"]);
    assert_eq!(rules(&o), ["schema-invalid"]);
    // Two configs under two different clawlint.toml files: refused, naming both.
    fs::create_dir_all(dir.path().join("lab/nested")).unwrap();
    fs::copy(dir.path().join("lab/openclaw.json5"), dir.path().join("lab/nested/openclaw.json5")).unwrap();
    fs::write(dir.path().join("lab/nested/clawlint.toml"), "env = \"none\"\n").unwrap();
    let o = clawlint(dir.path(), &["doctor", "lab/openclaw.json5", "lab/nested/openclaw.json5"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("different clawlint.toml files"), "{}", err(&o));
}

#[test]
fn errors_name_file_line_and_column_and_exit_2() {
    for (toml, want) in [
        ("target = \"2026.9.6\"\nselct = []\n", "clawlint.toml:2:1: unknown field `selct`"),
        (
            "ignore = [\"modle-unknown\"]\n",
            "clawlint.toml:1:11: unknown rule `modle-unknown`; did you mean `model-unknown`?",
        ),
        (
            "[[ignores]]\nrules = [\"key-unknown\"]\npaths = [\"x\"]\n",
            "clawlint.toml:2:10: [[ignores]]: a `reason` is required",
        ),
        ("target = \n", "clawlint.toml:1:"),
    ] {
        let dir = repo(toml);
        let o = clawlint(dir.path(), &["doctor", "lab/openclaw.json5"]);
        assert_eq!(o.status.code(), Some(2), "{toml}");
        assert!(err(&o).contains(want), "{toml}: {}", err(&o));
        assert!(out(&o).is_empty());
    }
}
