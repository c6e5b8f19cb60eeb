//! The write path under attack: concurrent runs, planted symlinks and FIFOs at the names clawlint
//! writes, and a disk that fills up mid-write. No update is lost, nothing is written through a
//! planted link, nothing hangs, and a failed write leaves the config and its backups as they were.

#![cfg(unix)]

use crate::common::finish;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

fn clawlint(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_clawlint"));
    cmd.current_dir(dir)
        .args(args)
        .env("HOME", dir)
        .env("NO_COLOR", "1")
        .env_remove("OPENCLAW_CONFIG_READONLY")
        .env_remove("OPENCLAW_NIX_MODE")
        .env_remove("OPENCLAW_STATE_DIR")
        .env_remove("OPENCLAW_CONFIG_PATH");
    cmd
}

/// Two findings fixed by two different rules, in a config big enough that a write takes a
/// moment: a duplicated `gateway.mode` (duplicate-key) and a repeated fallback
/// (fallback-duplicate).
fn two_fix_config() -> String {
    let mut s = String::from(
        "{\n  gateway: { mode: \"remote\", mode: \"local\" },\n  agents: { defaults: { model: {\n    primary: \"openai/gpt-5.5\",\n    fallbacks: [\"anthropic/claude-opus-4-7\", \"anthropic/claude-opus-4-7\"],\n  } } },\n  skills: { entries: {\n",
    );
    for i in 0..1500 {
        s.push_str(&format!("    \"skill-{i:05}\": {{ enabled: true }}, // note {i}\n"));
    }
    s.push_str("  } },\n}\n");
    s
}

fn has_dup_key_fix(text: &str) -> bool {
    !text.contains("mode: \"remote\"")
}

fn has_fallback_fix(text: &str) -> bool {
    text.matches("anthropic/claude-opus-4-7").count() == 1
}

#[test]
fn concurrent_fixes_never_lose_an_update() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("openclaw.json");
    let original = two_fix_config();
    let run = |rule: &str| {
        clawlint(dir.path(), &["doctor", "--fix", "--yes", "--no-env", "--target", "2026.9.6", "--select", rule])
            .arg(&p)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (mut landed, mut refused, mut lost) = (0, 0, Vec::new());
    for pair in 0..100 {
        fs::write(&p, &original).unwrap();
        let (a, b) = (run("duplicate-key"), run("fallback-duplicate"));
        let (a, b) = (finish(a, Duration::from_secs(60)), finish(b, Duration::from_secs(60)));
        let now = fs::read_to_string(&p).unwrap();
        for (o, fixed, rule) in
            [(&a, has_dup_key_fix(&now), "duplicate-key"), (&b, has_fallback_fix(&now), "fallback-duplicate")]
        {
            let err = String::from_utf8_lossy(&o.stderr);
            if err.contains("Wrote ") {
                assert_eq!(o.status.code(), Some(0), "pair {pair}, {rule}: {err}");
                landed += 1;
                if !fixed {
                    lost.push(format!("pair {pair}: {rule} said it wrote, but its fix is gone"));
                }
            } else {
                assert!(err.contains("changed on disk"), "pair {pair}, {rule}: neither wrote nor said why: {err}");
                assert_eq!(o.status.code(), Some(2), "pair {pair}, {rule}: {err}");
                refused += 1;
            }
        }
        assert!(clawlint::document::parse_tree(&now, clawlint::document::FileId(0)).is_ok());
    }
    eprintln!("100 concurrent pairs: {landed} fixes landed, {refused} runs saw the file change");
    assert!(lost.is_empty(), "lost updates:\n{}", lost.join("\n"));
    assert!(landed >= 100, "each pair lands at least one fix");
    let temps: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(temps.is_empty(), "temporary files left: {temps:?}");
}

/// The next process ids the kernel will hand out (Linux), for planting at the names an
/// attacker would predict from them.
fn next_pids(n: u32) -> Vec<u32> {
    let last: u32 =
        fs::read_to_string("/proc/sys/kernel/ns_last_pid").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(1000);
    (last + 1..last + 1 + n).collect()
}

#[test]
fn planted_links_and_fifos_are_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path();
    let state = home.join(".openclaw");
    fs::create_dir(&state).unwrap();
    fs::set_permissions(&state, fs::Permissions::from_mode(0o700)).unwrap();
    let cfg = state.join("openclaw.json");
    fs::write(&cfg, "{ gateway: { mode: \"remote\", mode: \"local\" } }\n").unwrap();
    let victim = home.join("victim.txt");
    fs::write(&victim, "untouched\n").unwrap();
    // Every name the old writer derived from a process id, for the next few hundred ids: a
    // symlink to the victim for most, a FIFO for some (opening one for writing would block).
    let mut planted = Vec::new();
    for pid in next_pids(300) {
        for name in [
            format!(".openclaw.json.clawlint-{pid}-0.tmp"),
            format!(".openclaw.json.bak.clawlint-{pid}.tmp"),
            format!(".env.clawlint-{pid}.tmp"),
        ] {
            let at = state.join(&name);
            if pid % 7 == 0 {
                assert!(Command::new("mkfifo").arg(&at).status().unwrap().success());
            } else {
                std::os::unix::fs::symlink(&victim, &at).unwrap();
            }
            planted.push(at);
        }
    }
    let child =
        clawlint(home, &["doctor", "--fix", "--yes", "--no-env", "--target", "2026.9.6", "--select", "duplicate-key"])
            .arg(&cfg)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
    let o = finish(child, Duration::from_secs(30));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "untouched\n", "a planted link was followed");
    assert_eq!(fs::read_to_string(&cfg).unwrap(), "{ gateway: { mode: \"local\" } }\n");
    assert_eq!(
        fs::read_to_string(state.join("openclaw.json.bak")).unwrap(),
        "{ gateway: { mode: \"remote\", mode: \"local\" } }\n"
    );
    let bak_mode = fs::metadata(state.join("openclaw.json.bak")).unwrap().permissions().mode() & 0o777;
    assert_eq!(bak_mode, 0o600);
    // Planted names of processes that are gone are stale and removed; none was written through.
    for at in &planted {
        if let Ok(m) = fs::symlink_metadata(at) {
            assert!(m.file_type().is_symlink() || !m.is_file(), "{} became a file", at.display());
        }
    }
}

#[test]
fn a_full_disk_leaves_the_config_and_the_ring_alone() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("openclaw.json");
    // The fix removes a large duplicate: the new file is small, the backup of the old is large.
    let big_note = "x".repeat(200_000);
    let old = format!("{{ gateway: {{ mode: \"remote\", note: \"{big_note}\" }}, gateway: {{ mode: \"local\" }} }}\n");
    fs::write(&cfg, &old).unwrap();
    fs::write(dir.path().join("openclaw.json.bak"), "previous backup\n").unwrap();
    let mut cmd = clawlint(
        dir.path(),
        &["doctor", "--fix", "--yes", "--no-env", "--target", "2026.9.6", "--select", "duplicate-key"],
    );
    cmd.arg(&cfg).stdout(Stdio::piped()).stderr(Stdio::piped());
    // A file-size limit between the two: writing the new content fits, the backup does not.
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let lim = libc::rlimit { rlim_cur: 10_000, rlim_max: 10_000 };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let o = finish(cmd.spawn().unwrap(), Duration::from_secs(30));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("openclaw.json.bak: writing the backup"), "{err}");
    assert!(!err.contains("clawlint-") && !err.contains("os error"), "messages name the user's files: {err}");
    assert_eq!(fs::read_to_string(&cfg).unwrap(), old, "the config changed");
    assert_eq!(fs::read_to_string(dir.path().join("openclaw.json.bak")).unwrap(), "previous backup\n");
    assert!(!dir.path().join("openclaw.json.bak.1").exists(), "the ring turned before the write");
    let names: Vec<String> =
        fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(names.len(), 2, "temporary files left: {names:?}");
}
