//! The hooks in `.pre-commit-hooks.yaml`, run by the real `pre-commit` (from PyPI) in a
//! throwaway dotfiles repository, as a user would: a bad config is refused at commit with the
//! finding shown; the fix hook rewrites the file and pre-commit reports it modified; a clean
//! config commits.
//!
//! `.ci/run` installs pre-commit and sets `CLAWLINT_PRE_COMMIT` to it (and
//! `CLAWLINT_REQUIRE_PRE_COMMIT=1`, so a missing pre-commit fails CI instead of skipping). The
//! `-system` hooks run the clawlint this test was built with; the `language: rust` hooks share
//! their entries and `files` pattern (checked here), and differ only in how pre-commit builds
//! the binary (`cargo install --path .` of this repository).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pre_commit() -> Option<PathBuf> {
    let required = std::env::var_os("CLAWLINT_REQUIRE_PRE_COMMIT").is_some_and(|v| v == "1");
    let found = std::env::var_os("CLAWLINT_PRE_COMMIT").map(PathBuf::from).filter(|p| p.exists()).or_else(|| {
        let o = Command::new("pre-commit").arg("--version").output().ok()?;
        o.status.success().then(|| PathBuf::from("pre-commit"))
    });
    if found.is_none() {
        assert!(!required, "CLAWLINT_REQUIRE_PRE_COMMIT=1 but no pre-commit (set CLAWLINT_PRE_COMMIT)");
        eprintln!("pre-commit not installed: skipping (CI installs it; see .ci/run)");
    }
    found
}

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .unwrap()
}

fn ok(o: &Output) -> String {
    let text = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(o.status.success(), "{text}");
    text
}

/// A git repository holding only this checkout's `.pre-commit-hooks.yaml`, committed: what
/// pre-commit clones as the hook repository. Returns its commit.
fn hook_repo(dir: &Path) -> String {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::copy(".pre-commit-hooks.yaml", dir.join(".pre-commit-hooks.yaml")).unwrap();
    ok(&git(dir, &["init", "-q"]));
    ok(&git(dir, &["add", "."]));
    ok(&git(dir, &["commit", "-q", "-m", "hooks"]));
    ok(&git(dir, &["rev-parse", "HEAD"])).trim().to_owned()
}

struct Dotfiles {
    _tmp: tempfile::TempDir,
    repo: PathBuf,
    env: Vec<(String, String)>,
}

impl Dotfiles {
    fn new(hooks: &[&str]) -> Option<Dotfiles> {
        let pc = pre_commit()?;
        let tmp = tempfile::tempdir().unwrap();
        let rev = hook_repo(&tmp.path().join("hooks"));
        let repo = tmp.path().join("dotfiles");
        std::fs::create_dir_all(repo.join(".openclaw")).unwrap();
        let mut config =
            format!("repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n", tmp.path().join("hooks").display());
        for h in hooks {
            config.push_str(&format!("      - id: {h}\n        args: [--target, \"2026.9.6\"]\n"));
        }
        std::fs::write(repo.join(".pre-commit-config.yaml"), config).unwrap();
        ok(&git(&repo, &["init", "-q"]));
        let bin_dir = Path::new(env!("CARGO_BIN_EXE_clawlint")).parent().unwrap().to_path_buf();
        let pc_dir = pc.parent().filter(|p| !p.as_os_str().is_empty()).map(Path::to_path_buf);
        let mut path = vec![bin_dir];
        path.extend(pc_dir);
        path.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
        let env = vec![
            ("PATH".to_owned(), std::env::join_paths(path).unwrap().to_string_lossy().into_owned()),
            ("HOME".to_owned(), tmp.path().display().to_string()),
            ("PRE_COMMIT_HOME".to_owned(), tmp.path().join("pre-commit-cache").display().to_string()),
            ("CLAWLINT_NO_PROBE".to_owned(), "1".to_owned()),
            ("NO_COLOR".to_owned(), "1".to_owned()),
        ];
        let d = Dotfiles { _tmp: tmp, repo, env };
        ok(&d.run(pc.to_str().unwrap(), &["install"]));
        ok(&d.git(&["add", ".pre-commit-config.yaml"]));
        Some(d)
    }

    fn run(&self, program: &str, args: &[&str]) -> Output {
        Command::new(program)
            .current_dir(&self.repo)
            .args(args)
            .env_remove("OPENCLAW_STATE_DIR")
            .env_remove("OPENCLAW_CONFIG_PATH")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .output()
            .unwrap()
    }

    fn git(&self, args: &[&str]) -> Output {
        let mut all = vec!["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"];
        all.extend_from_slice(args);
        self.run("git", &all)
    }

    fn write(&self, rel: &str, text: &str) {
        std::fs::write(self.repo.join(rel), text).unwrap();
        ok(&self.git(&["add", rel]));
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.repo.join(rel)).unwrap()
    }

    /// `git commit`: (committed?, everything pre-commit printed).
    fn commit(&self, msg: &str) -> (bool, String) {
        let o = self.git(&["commit", "-m", msg]);
        (o.status.success(), format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr)))
    }
}

const BAD: &str = "// my gateway\n{\n  gateway: { bind: \"lan\", auth: { mode: \"none\" } },\n}\n";
const CLEAN: &str = "// my gateway\n{\n  gateway: { bind: \"loopback\", port: 18789 },\n}\n";
const FIXABLE: &str =
    "// my gateway\n{\n  gateway: { port: 18788 }, // old\n  gateway: { bind: \"loopback\", port: 18789 },\n}\n";

#[test]
fn manifest_hooks_are_consistent() {
    let text = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let ids: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("- id: ")).collect();
    assert_eq!(ids, ["clawlint-doctor", "clawlint-fix", "clawlint-doctor-system", "clawlint-fix-system"]);
    let entries: Vec<&str> = text.lines().filter_map(|l| l.trim().strip_prefix("entry: ")).collect();
    assert_eq!(entries[0], entries[2]);
    assert_eq!(entries[1], entries[3]);
    assert!(entries.iter().all(|e| e.contains("--no-env")));
    assert!(entries[1].contains("--fix --yes") && !entries[1].contains("unsafe"));
    let files: Vec<&str> = text.lines().filter_map(|l| l.trim().strip_prefix("files: ")).collect();
    assert!(files.len() == 4 && files.iter().all(|f| *f == files[0]));
    let re = regex::Regex::new(files[0]).unwrap();
    for yes in ["openclaw.json", ".openclaw/openclaw.json", "dot/openclaw/agents.json5", "clawdbot.json"] {
        assert!(re.is_match(yes), "{yes}");
    }
    for no in ["package.json", "openclaw.json.bak", "renovate.json", "x/openclaw.jsonc"] {
        assert!(!re.is_match(no), "{no}");
    }
    let Some(pc) = pre_commit() else { return };
    let o = Command::new(pc).args(["validate-manifest", ".pre-commit-hooks.yaml"]).output().unwrap();
    ok(&o);
}

#[test]
fn doctor_hook_refuses_a_bad_config_and_passes_a_clean_one() {
    let Some(d) = Dotfiles::new(&["clawlint-doctor-system"]) else { return };
    d.write(".openclaw/openclaw.json", BAD);
    let (committed, out) = d.commit("bad");
    assert!(!committed, "the commit went through:\n{out}");
    assert!(out.contains("clawlint doctor") && out.contains("Failed"), "{out}");
    assert!(out.contains("gateway-exposed") && out.contains(".openclaw/openclaw.json"), "the finding is shown:\n{out}");

    d.write(".openclaw/openclaw.json", CLEAN);
    let (committed, out) = d.commit("clean");
    assert!(committed, "{out}");
    assert!(out.contains("clawlint doctor") && out.contains("Passed"), "{out}");
}

#[test]
fn a_staged_include_is_checked_through_the_config_that_includes_it() {
    let Some(d) = Dotfiles::new(&["clawlint-doctor-system"]) else { return };
    d.write(".openclaw/openclaw.json", "{\n  gateway: { $include: \"./gateway.json5\" },\n}\n");
    d.write(".openclaw/gateway.json5", "// the gateway\n{ bind: \"loopback\", port: 18789 }\n");
    let (committed, out) = d.commit("split config");
    assert!(committed, "{out}");
    // Only the include changes, and only it is staged: pre-commit passes just that file.
    d.write(".openclaw/gateway.json5", "// the gateway\n{ bind: \"lan\", auth: { mode: \"none\" } }\n");
    let (committed, out) = d.commit("open it up");
    assert!(!committed, "{out}");
    assert!(out.contains("gateway-exposed") && out.contains(".openclaw/gateway.json5"), "{out}");
    // Judged as part of the whole config: no findings about keys a fragment "lacks".
    assert!(!out.contains("key-unknown") && !out.contains("schema-invalid"), "{out}");
}

#[test]
fn fix_hook_rewrites_and_pre_commit_reports_it_modified() {
    let Some(d) = Dotfiles::new(&["clawlint-fix-system", "clawlint-doctor-system"]) else { return };
    d.write(".openclaw/openclaw.json", FIXABLE);
    let (committed, out) = d.commit("fixable");
    assert!(!committed, "{out}");
    assert!(out.contains("files were modified by this hook"), "{out}");
    let fixed = d.read(".openclaw/openclaw.json");
    assert_eq!(fixed, "// my gateway\n{\n  gateway: { bind: \"loopback\", port: 18789 },\n}\n");
    // Staged again, the fixed file commits.
    ok(&d.git(&["add", ".openclaw/openclaw.json"]));
    let (committed, out) = d.commit("fixed");
    assert!(committed, "{out}");
}
