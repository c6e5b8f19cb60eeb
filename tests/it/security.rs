//! The security rules: a positive and a negative fixture per rule, each snapshotted; the
//! machine-dependent rules (environment, file modes, git) in temporary directories; the
//! dotfiles pre-commit case end to end; and the leak test over every output.

use crate::common::{self, files, load, snapshots};
use clawlint::engine::Selection;
use clawlint::model::auth::Environment;
use clawlint::report::{Format, LintResult};
use clawlint::rules;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

fn selection(rule: &str, env: Environment) -> Selection {
    Selection { select: vec![rules::find(rule).expect("rule exists")], env: Arc::new(env), ..Selection::default() }
}

fn shown(result: LintResult, sel: &Selection) -> String {
    let results = [result];
    format!(
        "{}\n---- concise ----\n{}",
        common::render_for(&results, Format::Full, sel),
        common::render_for(&results, Format::Concise, sel)
    )
}

/// Every fixture of `rule` triggers it; every fixture under `ok/` does not. Both snapshotted.
fn fixtures(rule: &str, env: fn() -> Environment) {
    let dir = format!("tests/fixtures/{rule}");
    let all: Vec<String> = files(&dir, &[".json5"]).into_iter().filter(|p| !p.ends_with(".fixed.json5")).collect();
    let (neg, pos): (Vec<String>, Vec<String>) = all.into_iter().partition(|p| p.contains("/ok/"));
    assert!(!pos.is_empty() && !neg.is_empty(), "{rule} needs a positive and a negative fixture");
    for (path, positive) in pos.iter().map(|p| (p, true)).chain(neg.iter().map(|p| (p, false))) {
        let sel = selection(rule, env());
        let config = load(path);
        let diagnostics = clawlint::engine::check(&config, &sel);
        let fired = diagnostics.iter().any(|d| d.rule == rule);
        assert_eq!(fired, positive, "{path}: {rule} {}", if positive { "did not fire" } else { "fired" });
        let name = path.trim_start_matches("tests/fixtures/").replace('/', "__");
        let text = shown(LintResult { config, diagnostics }, &sel);
        snapshots().bind(|| insta::assert_snapshot!(name, text));
    }
}

#[test]
fn gateway_exposed() {
    fixtures("gateway-exposed", Environment::hermetic);
}

#[test]
fn gateway_token_weak() {
    fixtures("gateway-token-weak", Environment::hermetic);
}

#[test]
fn allowfrom_wildcard() {
    fixtures("allowfrom-wildcard", Environment::hermetic);
}

#[test]
fn dangerous_flags() {
    fixtures("dangerous-flags", Environment::hermetic);
}

#[test]
fn exec_unrestricted() {
    fixtures("exec-unrestricted", Environment::hermetic);
}

#[test]
fn plaintext_secret() {
    fixtures("plaintext-secret", Environment::hermetic);
}

#[test]
fn env_ref_unresolved() {
    // The machine's view with one variable set; nothing read from this machine.
    fixtures("env-ref-unresolved", || Environment::empty().with_set("SET_IN_ENV"));
    // With --no-env the rule says nothing.
    let config = load("tests/fixtures/env-ref-unresolved/unresolved.json5");
    assert!(clawlint::engine::check(&config, &selection("env-ref-unresolved", Environment::hermetic())).is_empty());
}

fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

fn load_as(path: &Path, display: &str) -> clawlint::config::LoadedConfig {
    clawlint::config::load(path, display.into(), "named on the command line".into(), &Default::default()).unwrap()
}

#[test]
fn secret_tracked_by_git() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("dotfiles");
    fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    let cfg = repo.join("openclaw.json");
    let sel = selection("secret-tracked-by-git", Environment::hermetic());

    // Untracked: nothing to report yet.
    fs::copy("tests/fixtures/secret-tracked-by-git/openclaw.json5", &cfg).unwrap();
    assert!(clawlint::engine::check(&load_as(&cfg, "openclaw.json"), &sel).is_empty());
    // Staged counts, before any commit.
    git(&repo, &["add", "openclaw.json"]);
    let config = load_as(&cfg, "openclaw.json");
    let diagnostics = clawlint::engine::check(&config, &sel);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let text = shown(LintResult { config, diagnostics }, &sel).replace(&repo.display().to_string(), "<repo>");
    snapshots().bind(|| insta::assert_snapshot!("secret-tracked-by-git__openclaw.json5", text));
    // Through a symlink, as dotfiles managers deploy it.
    let state = dir.path().join(".openclaw");
    fs::create_dir(&state).unwrap();
    std::os::unix::fs::symlink(&cfg, state.join("openclaw.json")).unwrap();
    assert_eq!(clawlint::engine::check(&load_as(&state.join("openclaw.json"), "openclaw.json"), &sel).len(), 1);
    // References: nothing to report.
    fs::copy("tests/fixtures/secret-tracked-by-git/referenced.json5", &cfg).unwrap();
    git(&repo, &["add", "openclaw.json"]);
    let config = load_as(&cfg, "openclaw.json");
    let diagnostics = clawlint::engine::check(&config, &sel);
    assert!(diagnostics.is_empty());
    let text = shown(LintResult { config, diagnostics }, &sel);
    snapshots().bind(|| insta::assert_snapshot!("secret-tracked-by-git__referenced.json5", text));
}

#[cfg(unix)]
#[test]
fn config_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join(".openclaw");
    fs::create_dir(&state).unwrap();
    let cfg = state.join("openclaw.json");
    fs::copy("tests/fixtures/config-permissions/openclaw.json5", &cfg).unwrap();
    fs::set_permissions(&cfg, fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(&state, fs::Permissions::from_mode(0o755)).unwrap();
    let sel = selection("config-permissions", Environment::empty());
    let config = load_as(&cfg, ".openclaw/openclaw.json");
    let diagnostics = clawlint::engine::check(&config, &sel);
    assert_eq!(diagnostics.len(), 2, "{diagnostics:?}");
    let text = shown(LintResult { config, diagnostics }, &sel);
    snapshots().bind(|| insta::assert_snapshot!("config-permissions__open", text));
    // --no-env judges the file alone.
    assert!(
        clawlint::engine::check(&load_as(&cfg, "x"), &selection("config-permissions", Environment::hermetic()))
            .is_empty()
    );

    // The safe fix, through the binary: chmod 600 and 700, nothing else.
    let before = fs::read(&cfg).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_clawlint"))
        .args(["doctor", "--fix", "--yes", "--select", "config-permissions"])
        .arg(&cfg)
        .env("HOME", dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert_eq!(fs::metadata(&cfg).unwrap().permissions().mode() & 0o777, 0o600, "{stderr}");
    assert_eq!(fs::metadata(&state).unwrap().permissions().mode() & 0o777, 0o700);
    assert_eq!(fs::read(&cfg).unwrap(), before);
    assert!(stderr.contains("Fixed 2 of 2 findings"), "{stderr}");

    // Mode 0600 / 0700: the negative case.
    let config = load_as(&cfg, ".openclaw/openclaw.json");
    let diagnostics = clawlint::engine::check(&config, &sel);
    assert!(diagnostics.is_empty());
    let text = shown(LintResult { config, diagnostics }, &sel);
    snapshots().bind(|| insta::assert_snapshot!("config-permissions__private", text));
}

fn clawlint(dir: &Path, home: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_clawlint"))
        .current_dir(dir)
        .args(args)
        .env("HOME", home)
        .env_remove("OPENCLAW_STATE_DIR")
        .env_remove("OPENCLAW_CONFIG_PATH")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// The dotfiles case end to end: the hook (`clawlint doctor --no-env`, as
/// .pre-commit-hooks.yaml runs it) refuses a committed config holding a fake token and accepts
/// the `${NAME}` version.
#[test]
fn dotfiles_pre_commit() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("dotfiles");
    fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    fs::copy("tests/fixtures/secret-tracked-by-git/openclaw.json5", repo.join("openclaw.json")).unwrap();
    git(&repo, &["add", "openclaw.json"]);
    git(&repo, &["commit", "-q", "-m", "openclaw config"]);
    let o = clawlint(&repo, dir.path(), &["doctor", "--no-env", "--format", "concise", "openclaw.json"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("error[secret-tracked-by-git]"), "{out}");
    assert!(!out.contains("0123456789abcdef") && !out.contains("FAKEfake"), "a secret leaked: {out}");

    fs::copy("tests/fixtures/secret-tracked-by-git/referenced.json5", repo.join("openclaw.json")).unwrap();
    git(&repo, &["add", "openclaw.json"]);
    let o = clawlint(&repo, dir.path(), &["doctor", "--no-env", "--format", "concise", "openclaw.json"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    git(&repo, &["commit", "-q", "-m", "secrets moved out"]);
}

/// Fake secrets in every secret-bearing field, a comment and an unparseable file. Every output
/// format, the `--fix --diff` preview (safe and unsafe), `explain`, and errors: none may show
/// more than a secret's first 4 characters.
#[test]
fn no_secret_leaks_into_any_output() {
    let corpus = Path::new("tests/fixtures/leak");
    let secrets: Vec<String> = fs::read_to_string(corpus.join("secrets.txt"))
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    assert!(secrets.len() >= 15);
    let dir = tempfile::tempdir().unwrap();
    let work = dir.path().join("work");
    fs::create_dir(&work).unwrap();
    for f in ["openclaw.json5", "broken.json5", "channels.json5"] {
        fs::copy(corpus.join(f), work.join(f)).unwrap();
    }
    let mut runs: Vec<(String, String)> = Vec::new();
    let mut run = |label: &str, args: &[&str]| {
        let o = clawlint(&work, dir.path(), args);
        runs.push((
            label.to_owned(),
            format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr)),
        ));
    };
    for target in ["2026.5.7", "2026.9.6"] {
        for format in ["full", "concise", "json", "sarif", "github"] {
            run(
                &format!("{format} {target}"),
                &["doctor", "--target", target, "--format", format, "openclaw.json5", "broken.json5"],
            );
            run(
                &format!("{format} {target} env"),
                &["doctor", "--no-env", "--target", target, "--format", format, "openclaw.json5"],
            );
        }
        run(&format!("diff {target}"), &["doctor", "--fix", "--diff", "--target", target, "openclaw.json5"]);
        run(
            &format!("diff unsafe {target}"),
            &["doctor", "--fix", "--diff", "--unsafe-fixes", "--target", target, "openclaw.json5"],
        );
    }
    run("fix --yes", &["doctor", "--fix", "--yes", "--unsafe-fixes", "--target", "2026.9.6", "openclaw.json5"]);
    run("explain", &["explain", "plaintext-secret"]);
    run("broken", &["doctor", "--format", "full", "broken.json5"]);
    run("env-file", &["doctor", "--env-file", "broken.json5", "openclaw.json5"]);
    let leaks: Vec<String> = runs.iter().flat_map(|(label, out)| common::leaks(label, out, &secrets)).collect();
    assert!(leaks.is_empty(), "leaks:\n{}", leaks.join("\n"));
    // The runs did see the secrets: masks are shown.
    let all: String = runs.iter().map(|(_, o)| o.as_str()).collect();
    assert!(all.contains("sk-p…") && all.contains("plaintext-secret"), "{all}");
    // `--fix --yes` never moves a secret (that needs a terminal), so the file keeps them.
    let after = fs::read_to_string(work.join("openclaw.json5")).unwrap();
    assert!(secrets.iter().filter(|s| after.contains(s.as_str())).count() >= 10);
    assert!(!dir.path().join(".openclaw/.env").exists());
}
