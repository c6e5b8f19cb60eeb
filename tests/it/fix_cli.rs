//! `clawlint doctor --fix` / `--diff` as users and CI run them: what is printed, what is
//! written (and what is not), exit codes, symlinks, modes, backups and read-only switches.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DUP: &str = "// laptop config\n{\n  gateway: {\n    mode: \"remote\", // old\n    port: 18789,\n    mode: \"local\",\n  },\n}\n";
const DUP_FIXED: &str = "// laptop config\n{\n  gateway: {\n    port: 18789,\n    mode: \"local\",\n  },\n}\n";

fn clawlint(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_clawlint"));
    cmd.args(args)
        .env_remove("NO_COLOR")
        .env_remove("OPENCLAW_CONFIG_PATH")
        .env_remove("OPENCLAW_STATE_DIR")
        .env_remove("OPENCLAW_HOME")
        .env_remove("OPENCLAW_CONFIG_READONLY")
        .env_remove("OPENCLAW_NIX_MODE")
        .env("CLAWLINT_NO_PROBE", "1")
        .stdin(std::process::Stdio::null());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).unwrap()
}

fn config(dir: &Path, content: &str) -> PathBuf {
    let p = dir.join("openclaw.json");
    fs::write(&p, content).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn diff_never_writes_and_exits_1_iff_change() {
    let dir = tempfile::tempdir().unwrap();
    let p = config(dir.path(), DUP);
    let before = fs::metadata(&p).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let o = clawlint(&["doctor", "--diff", s(&p)], &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    // Absolute paths as git writes them (`a/tmp/…`, never `a//tmp/…`): `git apply` run from `/`
    // takes the patch.
    let rel = s(&p).trim_start_matches('/');
    assert!(out.starts_with(&format!("--- a/{rel}\n+++ b/{rel}\n@@ ")), "{out}");
    let patch = dir.path().join("fix.patch");
    fs::write(&patch, &out).unwrap();
    let check =
        std::process::Command::new("git").current_dir("/").args(["apply", "--check"]).arg(&patch).output().unwrap();
    assert!(check.status.success(), "git apply refused the patch: {}", String::from_utf8_lossy(&check.stderr));
    assert!(out.contains("\n-    mode: \"remote\", // old\n"), "{out}");
    assert!(text(&o.stderr).contains("Would fix 1 of 1 finding; 0 would remain."), "{}", text(&o.stderr));
    assert_eq!(fs::read_to_string(&p).unwrap(), DUP);
    assert_eq!(fs::metadata(&p).unwrap().modified().unwrap(), before);
    assert!(!dir.path().join("openclaw.json.bak").exists());

    // Nothing to change: exit 0 and no diff, even with findings that have no fix.
    let q = config(dir.path(), "{ gateway: { port: Infinity } }");
    let o = clawlint(&["doctor", "--diff", s(&q)], &[]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    // `port: Infinity` is both non-finite and not an integer
    assert!(text(&o.stderr).contains("Would fix 0 of 2 findings; 2 would remain."), "{}", text(&o.stderr));
}

#[test]
fn diff_output_is_a_patch_that_applies() {
    let dir = tempfile::tempdir().unwrap();
    let p = config(dir.path(), DUP);
    // Run from inside the directory so the patch paths are relative.
    let o = Command::new(env!("CARGO_BIN_EXE_clawlint"))
        .args(["doctor", "--diff", "openclaw.json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let patch = dir.path().join("fix.patch");
    fs::write(&patch, &o.stdout).unwrap();
    let status = Command::new("git").args(["apply", "fix.patch"]).current_dir(dir.path()).status().unwrap();
    assert!(status.success());
    assert_eq!(fs::read_to_string(&p).unwrap(), DUP_FIXED);
}

#[test]
fn fix_yes_writes_backup_and_second_run_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    let p = config(dir.path(), DUP);
    let o = clawlint(&["doctor", "--fix", "--yes", s(&p)], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(fs::read_to_string(&p).unwrap(), DUP_FIXED);
    assert_eq!(fs::read_to_string(dir.path().join("openclaw.json.bak")).unwrap(), DUP);
    let err = text(&o.stderr);
    assert!(err.contains("Fixed 1 of 1 finding; 0 remain."), "{err}");
    assert!(err.contains("Wrote "), "{err}");

    let o = clawlint(&["doctor", "--fix", "--yes", s(&p)], &[]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty(), "{}", text(&o.stdout));
    assert!(text(&o.stderr).contains("Fixed 0 of 0 findings; 0 remain."));
    assert!(!dir.path().join("openclaw.json.bak.1").exists(), "a run with nothing to fix wrote a backup");
}

#[test]
fn fix_without_terminal_or_yes_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = config(dir.path(), DUP);
    let o = clawlint(&["doctor", "--fix", s(&p)], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stdout).contains("-    mode: \"remote\", // old"));
    // The hint repeats the user's own paths and flags (issue 18, item 7).
    let want = format!("Run `clawlint doctor --fix --yes {}`", s(&p));
    assert!(text(&o.stderr).contains(&want), "{}", text(&o.stderr));
    assert_eq!(fs::read_to_string(&p).unwrap(), DUP);
    let o = clawlint(&["doctor", "--fix", "--target", "2026.5.7", "--no-env", s(&p)], &[]);
    let want = format!("Run `clawlint doctor --fix --yes --target 2026.5.7 --no-env {}`", s(&p));
    assert!(text(&o.stderr).contains(&want), "{}", text(&o.stderr));
}

/// The fix path never blames itself for the user's config (issue 18, item 7): a move the
/// target would reject is not offered and says why; "Fixed N of M" counts fixed findings, not
/// findings whose path moved when an earlier chain entry was removed.
#[test]
fn moves_the_target_rejects_are_not_offered_and_counts_are_true() {
    let dir = tempfile::tempdir().unwrap();
    let p =
        config(dir.path(), r#"{"agents":{"defaults":{"memorySearch":{"enabled":true,"chunking":{"tokens":512}}}}}"#);
    let o = clawlint(&["doctor", "--diff", "--target", "2026.9.6", s(&p)], &[]);
    assert_ne!(o.status.code(), Some(3), "{}", text(&o.stderr));
    assert!(text(&o.stdout).is_empty(), "a diff was offered: {}", text(&o.stdout));
    let o = clawlint(&["doctor", "--target", "2026.9.6", "--format", "concise", s(&p)], &[]);
    let o = format!("{}{}", text(&o.stdout), text(&o.stderr));
    assert!(o.contains("key-removed"), "{o}");
    let o = clawlint(&["doctor", "--target", "2026.9.6", s(&p)], &[]);
    let shown = text(&o.stdout);
    assert!(shown.contains("not moved automatically") && shown.contains("`memory.search.chunking`"), "{shown}");

    let seed = dir.path().join("seed.json");
    fs::copy("examples/seed/openclaw.json", &seed).unwrap();
    let o =
        clawlint(&["doctor", "--diff", "--unsafe-fixes", "--target", "2026.5.7", s(&seed)], &[("HOME", s(dir.path()))]);
    assert!(text(&o.stderr).contains("Would fix 2 of 5 findings; 3 would remain."), "{}", text(&o.stderr));
}

#[test]
fn fix_reports_remaining_findings_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let p = config(dir.path(), "{\n  a: 1,\n  a: 2,\n  b: NaN,\n}\n");
    // Toy keys: only the rules under test (the schema rules would flag `a` and `b`).
    let sel = "--select=duplicate-key,non-finite-number";
    let o = clawlint(&["doctor", "--fix", "--yes", sel, "--format", "concise", s(&p)], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(fs::read_to_string(&p).unwrap(), "{\n  a: 2,\n  b: NaN,\n}\n");
    let out = text(&o.stdout);
    assert!(out.contains(":3:6: warning[non-finite-number]"), "{out}");
    assert!(text(&o.stderr).contains("Fixed 1 of 2 findings; 1 remain."));
    let o = clawlint(&["doctor", "--fix", "--yes", sel, "--exit-zero", s(&p)], &[]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn unsafe_fixes_need_the_flag() {
    let dir = tempfile::tempdir().unwrap();
    // A complete custom provider, so the only finding is the env reference.
    let p = config(
        dir.path(),
        "{ models: { providers: { lan: { baseUrl: \"http://10.0.0.2:8000/v1\", models: [], apiKey: \"${ LAN_KEY }\" } } } }\n",
    );
    let o = clawlint(&["doctor", "--fix", "--yes", s(&p)], &[]);
    assert!(text(&o.stderr).contains("1 more fix available with --unsafe-fixes."), "{}", text(&o.stderr));
    assert!(fs::read_to_string(&p).unwrap().contains("${ LAN_KEY }"));
    let o = clawlint(&["doctor", "--fix", "--yes", "--unsafe-fixes", "--no-env", s(&p)], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(fs::read_to_string(&p).unwrap().contains("\"${LAN_KEY}\""));
}

#[test]
fn read_only_switches_refuse_to_write() {
    for (var, val) in [("OPENCLAW_CONFIG_READONLY", "1"), ("OPENCLAW_NIX_MODE", "1")] {
        let dir = tempfile::tempdir().unwrap();
        let p = config(dir.path(), DUP);
        let o = clawlint(&["doctor", "--fix", "--yes", s(&p)], &[(var, val)]);
        assert_eq!(o.status.code(), Some(1), "{var}");
        assert!(text(&o.stdout).contains("-    mode: \"remote\""), "{var}: the diff is still shown");
        assert!(text(&o.stderr).contains(&format!("{var}=1")), "{}", text(&o.stderr));
        assert_eq!(fs::read_to_string(&p).unwrap(), DUP, "{var}");
        assert!(!dir.path().join("openclaw.json.bak").exists());
    }
    // OpenClaw checks for exactly "1" (resolveIsConfigReadOnly); so does clawlint.
    let dir = tempfile::tempdir().unwrap();
    let p = config(dir.path(), DUP);
    let o = clawlint(&["doctor", "--fix", "--yes", s(&p)], &[("OPENCLAW_CONFIG_READONLY", "true")]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(fs::read_to_string(&p).unwrap(), DUP_FIXED);
}

#[cfg(unix)]
#[test]
fn symlinked_config_is_written_through_and_stays_a_link() {
    let home = tempfile::tempdir().unwrap();
    let dotfiles = home.path().join("dotfiles/openclaw");
    let state = home.path().join(".openclaw");
    fs::create_dir_all(&dotfiles).unwrap();
    fs::create_dir_all(&state).unwrap();
    let real = dotfiles.join("openclaw.json");
    fs::write(&real, DUP).unwrap();
    let link = state.join("openclaw.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();

    let o = clawlint(&["doctor", "--fix", "--yes", s(&link)], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link was replaced");
    assert_eq!(fs::read_link(&link).unwrap(), real);
    assert_eq!(fs::read_to_string(&real).unwrap(), DUP_FIXED);
    // The backup sits next to the path OpenClaw uses, not in the dotfiles repository.
    assert_eq!(fs::read_to_string(state.join("openclaw.json.bak")).unwrap(), DUP);
    assert!(!dotfiles.join("openclaw.json.bak").exists());
    assert_eq!(fs::read_dir(&dotfiles).unwrap().count(), 1, "temporary files left in the target directory");
}

#[cfg(unix)]
#[test]
fn mode_is_kept_and_backups_are_private() {
    use std::os::unix::fs::PermissionsExt;
    for mode in [0o600, 0o640, 0o644] {
        let dir = tempfile::tempdir().unwrap();
        let p = config(dir.path(), DUP);
        fs::set_permissions(&p, fs::Permissions::from_mode(mode)).unwrap();
        let o = clawlint(&["doctor", "--fix", "--yes", s(&p)], &[]);
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(fs::metadata(&p).unwrap().permissions().mode() & 0o7777, mode);
        let bak = dir.path().join("openclaw.json.bak");
        assert_eq!(fs::metadata(&bak).unwrap().permissions().mode() & 0o7777, 0o600);
    }
}

#[test]
fn backup_ring_rotates_like_openclaw() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("openclaw.json");
    // Seven fix runs, each on a different version of the file.
    let version = |i: usize| format!("{{\n  // version {i}\n  a: {i},\n  a: {},\n}}\n", i + 100);
    for i in 0..7 {
        fs::write(&p, version(i)).unwrap();
        let o = clawlint(&["doctor", "--fix", "--yes", "--select=duplicate-key", s(&p)], &[]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    }
    let read = |name: &str| fs::read_to_string(dir.path().join(name)).unwrap();
    assert_eq!(read("openclaw.json.bak"), version(6));
    assert_eq!(read("openclaw.json.bak.1"), version(5));
    assert_eq!(read("openclaw.json.bak.2"), version(4));
    assert_eq!(read("openclaw.json.bak.3"), version(3));
    assert_eq!(read("openclaw.json.bak.4"), version(2));
    assert!(!dir.path().join("openclaw.json.bak.5").exists());
    let names: Vec<String> =
        fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 6, "{names:?}");
}

#[test]
fn fix_in_include_is_written_to_the_included_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("agents")).unwrap();
    let root = config(dir.path(), "{\n  // root\n  agents: { $include: \"./agents/a.json5\" },\n}\n");
    let inc = dir.path().join("agents/a.json5");
    fs::write(&inc, "{ defaults: { timeoutSeconds: 1, timeoutSeconds: 2 } }\n").unwrap();
    let o = clawlint(&["doctor", "--fix", "--yes", s(&root)], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(fs::read_to_string(&root).unwrap(), "{\n  // root\n  agents: { $include: \"./agents/a.json5\" },\n}\n");
    assert_eq!(fs::read_to_string(&inc).unwrap(), "{ defaults: { timeoutSeconds: 2 } }\n");
    assert!(dir.path().join("agents/a.json5.bak").exists());
}

#[test]
fn unparseable_and_uneditable_files_are_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let p = config(dir.path(), "{ a: 1,, }");
    let o = clawlint(&["doctor", "--fix", "--yes", s(&p)], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(fs::read_to_string(&p).unwrap(), "{ a: 1,, }");
    // A comment glued to an unquoted key: OpenClaw reads it, the CST cannot hold it.
    let q = config(dir.path(), "{ a/*c*/: 1, a: 2 }");
    let o = clawlint(&["doctor", "--fix", "--yes", s(&q)], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("cannot edit"), "{}", text(&o.stderr));
    assert_eq!(fs::read_to_string(&q).unwrap(), "{ a/*c*/: 1, a: 2 }");
}

#[test]
fn json_format_is_refused_with_fix() {
    let o = clawlint(&["doctor", "--fix", "--format", "json", "examples/seed/openclaw.json"], &[]);
    assert_eq!(o.status.code(), Some(2));
    let o = clawlint(&["doctor", "--yes", "examples/seed/openclaw.json"], &[]);
    assert_eq!(o.status.code(), Some(2), "--yes without --fix is a usage error");
}

#[test]
fn seed_example_diff_is_clean() {
    let o = clawlint(&["doctor", "--fix", "--diff", "examples/seed/openclaw.json"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(o.stdout.is_empty());
}

/// Run under a real pseudo-terminal (util-linux `script`), answering the prompts from `answers`.
#[cfg(target_os = "linux")]
fn on_terminal(file: &Path, answers: &str) -> (Option<i32>, String) {
    use std::io::Write;
    let cmd = format!(
        "{} doctor --fix --select=duplicate-key --color never {}",
        env!("CARGO_BIN_EXE_clawlint"),
        file.display()
    );
    let mut child = Command::new("script")
        .args(["-qec", &cmd, "/dev/null"])
        .env_remove("OPENCLAW_CONFIG_READONLY")
        .env_remove("OPENCLAW_NIX_MODE")
        .env("CLAWLINT_NO_PROBE", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("util-linux `script` runs the interactive tests");
    child.stdin.take().unwrap().write_all(answers.as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    (o.status.code(), text(&o.stdout))
}

#[cfg(target_os = "linux")]
#[test]
fn terminal_prompt_yes_no_and_review() {
    const TWO: &str = "{\n  a: 1,\n  a: 2,\n  b: 1,\n  b: 2,\n}\n";
    let dir = tempfile::tempdir().unwrap();
    let p = config(dir.path(), TWO);

    // "n": nothing written.
    let (code, out) = on_terminal(&p, "n\n");
    assert_eq!(code, Some(1));
    assert!(out.contains(&format!("Apply 2 fixes to {}? [y/N/r]", s(&p))), "{out}");
    assert_eq!(fs::read_to_string(&p).unwrap(), TWO);

    // "r": fix by fix, each with its rule, title and own hunk; accept the first, skip the second.
    let (code, out) = on_terminal(&p, "r\ny\nn\n");
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("[1] duplicate-key: Remove the ignored earlier `a` (safe;"), "{out}");
    assert!(out.contains("[2] duplicate-key: Remove the ignored earlier `b` (safe;"), "{out}");
    assert!(out.contains("Apply this fix? [y/N/a/q]"), "{out}");
    assert_eq!(fs::read_to_string(&p).unwrap(), "{\n  a: 2,\n  b: 1,\n  b: 2,\n}\n");
    assert!(out.contains("Fixed 1 of 2 findings; 1 remain."), "{out}");

    // "y": the rest is written.
    let (code, out) = on_terminal(&p, "y\n");
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(fs::read_to_string(&p).unwrap(), "{\n  a: 2,\n  b: 2,\n}\n");
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().filter_map(Result::ok) {
        let dest = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// On the seed and every comment-heavy fixture: what `--fix --yes` writes is exactly what the
/// printed diff says (applying the diff with `git apply` gives the same bytes), it equals the
/// reviewed `*.fixed.json5`, and a second run has nothing to fix.
#[test]
fn fix_yes_writes_exactly_the_diff_and_converges() {
    let mut cases: Vec<(String, String)> = fs::read_dir("tests/fixtures/fix")
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| (n.ends_with(".json5") || n.ends_with(".json")) && !n.ends_with(".fixed.json5"))
        .map(|n| ("tests/fixtures/fix".to_string(), n))
        .collect();
    cases.sort();
    assert!(cases.len() >= 10);
    cases.push(("tests/fixtures/fix/include".into(), "openclaw.json5".into()));
    cases.push(("examples/seed".into(), "openclaw.json".into()));
    for (dir, name) in cases {
        let work = tempfile::tempdir().unwrap();
        let patched = tempfile::tempdir().unwrap();
        copy_tree(Path::new(&dir), work.path());
        copy_tree(Path::new(&dir), patched.path());
        let run = |cwd: &Path, args: &[&str]| {
            Command::new(env!("CARGO_BIN_EXE_clawlint"))
                .args(args)
                .current_dir(cwd)
                .env_remove("OPENCLAW_CONFIG_READONLY")
                .env_remove("OPENCLAW_NIX_MODE")
                .output()
                .unwrap()
        };
        let diff = run(work.path(), &["doctor", "--diff", "--color", "never", &name]);
        let fixed = run(work.path(), &["doctor", "--fix", "--yes", "--color", "never", &name]);
        assert_ne!(fixed.status.code(), Some(2), "{name}: {}", text(&fixed.stderr));
        if diff.stdout.is_empty() {
            assert_eq!(dir, "examples/seed", "{name}: nothing to fix");
        } else {
            assert_eq!(diff.status.code(), Some(1));
            // The diff --fix printed is the one --diff printed.
            assert!(text(&fixed.stdout).starts_with(&text(&diff.stdout)), "{name}");
            fs::write(patched.path().join("fix.patch"), &diff.stdout).unwrap();
            let ok = Command::new("git")
                .args(["apply", "--whitespace=nowarn", "fix.patch"])
                .current_dir(patched.path())
                .status()
                .unwrap();
            assert!(ok.success(), "{name}: the printed diff does not apply");
            fs::remove_file(patched.path().join("fix.patch")).unwrap();
        }
        // Every file (root and includes) equals the patched copy: nothing beyond the diff changed.
        for entry in walkdir::WalkDir::new(work.path()).into_iter().filter_map(Result::ok) {
            let rel = entry.path().strip_prefix(work.path()).unwrap();
            let n = rel.to_string_lossy();
            if !entry.file_type().is_file() || n.contains(".bak") {
                continue;
            }
            let got = fs::read(entry.path()).unwrap();
            assert_eq!(got, fs::read(patched.path().join(rel)).unwrap(), "{dir}/{n} differs from the diff's result");
            let snap = Path::new(&dir).join(rel).with_extension("").with_extension("fixed.json5");
            if snap.exists() && fs::read(Path::new(&dir).join(rel)).unwrap() != got {
                assert_eq!(got, fs::read(&snap).unwrap(), "{dir}/{n} differs from {}", snap.display());
            }
        }
        let again = run(work.path(), &["doctor", "--diff", &name]);
        assert_eq!(again.status.code(), Some(0), "{name}: second run would still change");
        assert!(again.stdout.is_empty());
    }
}

/// Valid configs whose fixes rename or move a key (issue 16, item 5): a move the target would
/// reject is not offered (issue 18, item 7), a rename whose value does not fit the new key is
/// dropped with a note; never "the fixes would introduce new errors … a clawlint bug" (exit 3).
#[test]
fn renames_and_moves_never_end_in_exit_3() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[&str], Option<&str>, &str); 3] = [
        // A move whose result the target rejects is not offered, and says why (issue 18, item 7).
        (
            "{ agents: { defaults: { memorySearch: { enabld: true } } } }",
            &["--fix", "--yes"],
            None,
            "`memory.search.enabld`; move it by hand",
        ),
        ("{ gatway: { prot: 18789 } }", &["--diff", "--unsafe-fixes"], None, "+{ gateway: { prot: 18789 } }"),
        ("{ mode: \"merge\" }", &["--diff", "--unsafe-fixes"], None, "not applied: \"rename `mode` to `models`\""),
    ];
    for (text, mode, written, says) in cases {
        let p = config(dir.path(), text);
        let mut args = vec!["doctor", "--no-env", "--target", "2026.9.6"];
        args.extend_from_slice(mode);
        args.push(s(&p));
        let o = clawlint(&args, &[]);
        let all = format!("{}{}", text_of(&o.stdout), text_of(&o.stderr));
        assert!(matches!(o.status.code(), Some(0 | 1)), "{text}: exit {:?}\n{all}", o.status.code());
        assert!(!all.contains("clawlint bug"), "{text}:\n{all}");
        assert!(all.contains(says), "{text}: no {says:?} in\n{all}");
        assert_eq!(fs::read_to_string(&p).unwrap(), written.unwrap_or(text), "{text}");
    }
}

fn text_of(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Every input is read once, and an include that changes while the fixes are worked out is
/// caught before anything is written (issue 16, item 5).
#[test]
fn an_include_changed_during_the_fix_is_caught() {
    use clawlint::config::LoadOptions;
    use clawlint::engine::{fix as engine, write};
    let dir = tempfile::tempdir().unwrap();
    let inc = dir.path().join("gateway.json5");
    fs::write(&inc, "{ mode: \"local\" }").unwrap();
    let root = config(dir.path(), "{ gateway: { $include: \"./gateway.json5\" }, a: 1, a: 2 }");
    let opts = LoadOptions::default();
    let target = engine::Root { path: &root, display: "openclaw.json".into(), reason: String::new(), opts: &opts };
    let sel = clawlint::engine::Selection {
        select: vec![clawlint::rules::find("duplicate-key").unwrap()],
        ..Default::default()
    };
    let config = clawlint::config::load(&root, "openclaw.json".into(), String::new(), &opts).unwrap();
    let before = clawlint::report::LintResult { diagnostics: clawlint::engine::check(&config, &sel), config };
    // The include changes after it was read: the fix loop keeps to what it read...
    fs::write(&inc, "{ mode: \"remote\" }").unwrap();
    let lint = |c: &clawlint::config::LoadedConfig| clawlint::engine::check(c, &sel);
    let o = engine::run_from(&target, before, &lint, engine::Policy::default(), &mut |_| true).unwrap();
    assert_eq!(o.changes.len(), 1);
    let read: Vec<(&Path, &str)> = o.before.config.files[1..].iter().map(|d| (d.path.as_path(), &*d.text)).collect();
    assert_eq!(read[0].1, "{ mode: \"local\" }");
    // ...and the write sees the change.
    let e = write::unchanged_inputs(&read).unwrap_err().to_string();
    assert!(e.contains("gateway.json5 changed on disk"), "{e}");
}
