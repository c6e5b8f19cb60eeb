//! The write path under stress: a file changed behind clawlint's back is never overwritten,
//! and a writer killed at any instant leaves the old or the new config, whole and parseable.

use clawlint::config::LoadOptions;
use clawlint::engine::Selection;
use clawlint::engine::fix::{self as engine, Policy, Root};
use clawlint::engine::write::{self, WriteError};
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn outcome(path: &Path) -> engine::Outcome {
    let opts = LoadOptions::default();
    let target = Root { path, display: path.display().to_string(), reason: "test".into(), opts: &opts };
    engine::run(&target, &Selection::default(), Policy::default(), &mut |_| true).unwrap()
}

#[test]
fn concurrent_modification_aborts_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("openclaw.json");
    fs::write(&p, "{ a: 1, a: 2 }").unwrap();
    let o = outcome(&p);
    assert_eq!(o.changes.len(), 1);
    // Someone (the gateway, an editor) writes the file in between.
    fs::write(&p, "{ a: 1, a: 2, b: 3 }").unwrap();
    let err = write::commit(&o.changes[0]).unwrap_err();
    assert!(matches!(err, WriteError::Changed { .. }), "{err}");
    assert!(err.to_string().contains("changed on disk"), "{err}");
    assert_eq!(fs::read_to_string(&p).unwrap(), "{ a: 1, a: 2, b: 3 }");
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "backup or temporary file left behind: {names:?}");

    // Same for a file that vanished.
    fs::remove_file(&p).unwrap();
    assert!(write::commit(&o.changes[0]).is_err());
    assert!(!p.exists());
}

#[test]
fn commit_writes_exactly_the_fixed_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("openclaw.json");
    fs::write(&p, "{ a: 1, a: 2 }").unwrap();
    let o = outcome(&p);
    let w = write::commit(&o.changes[0]).unwrap();
    assert_eq!(w.target, fs::canonicalize(&p).unwrap());
    assert_eq!(fs::read_to_string(&p).unwrap(), "{ a: 2 }");
    assert_eq!(fs::read_to_string(&w.backup).unwrap(), "{ a: 1, a: 2 }");
}

/// A config big enough that writing it takes a while: the fix removes one line near the top.
fn big_config() -> String {
    let mut s = String::from(
        "{\n  // big config\n  gateway: { mode: \"remote\" },\n  gateway: { mode: \"local\" },\n  skills: {\n    entries: {\n",
    );
    for i in 0..3000 {
        s.push_str(&format!(
            "      \"skill-{i:05}\": {{ enabled: true, config: {{ note: \"{}\" }} }}, // #{i}\n",
            "x".repeat(20)
        ));
    }
    s.push_str("    },\n  },\n}\n");
    s
}

#[cfg(unix)]
#[test]
fn killed_writer_never_leaves_a_partial_config() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("openclaw.json");
    let old = big_config();
    fs::write(&p, &old).unwrap();
    let new = outcome(&p).changes[0].fixed.clone();
    assert_ne!(old, new);

    let run = || {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_clawlint"));
        cmd.args(["doctor", "--fix", "--yes", "--color", "never"])
            .arg(&p)
            .env_remove("OPENCLAW_CONFIG_READONLY")
            .env_remove("OPENCLAW_NIX_MODE")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        cmd
    };
    // How long an uninterrupted run takes here; kills land anywhere in 0..1.5× that.
    let mut full = Duration::ZERO;
    for _ in 0..3 {
        fs::write(&p, &old).unwrap();
        let t = Instant::now();
        assert!(run().status().unwrap().success());
        full += t.elapsed();
        assert_eq!(fs::read_to_string(&p).unwrap(), new);
    }
    let full = full / 3;

    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let (mut saw_old, mut saw_new) = (0, 0);
    const CYCLES: usize = 240;
    for cycle in 0..CYCLES {
        fs::write(&p, &old).unwrap();
        let delay = full.mul_f64((next() % 1500) as f64 / 1000.0);
        let mut child = run().spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let now = fs::read_to_string(&p).unwrap_or_else(|e| panic!("cycle {cycle}: config unreadable: {e}"));
        if now == old {
            saw_old += 1;
        } else if now == new {
            saw_new += 1;
        } else {
            panic!("cycle {cycle} (kill after {delay:?}): the config is neither the old nor the new content");
        }
        assert!(clawlint::document::parse_tree(&now, clawlint::document::FileId(0)).is_ok());
        for entry in fs::read_dir(dir.path()).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.starts_with("openclaw.json.bak") {
                let bak = fs::read_to_string(dir.path().join(&name)).unwrap();
                assert!(bak == old || bak == new, "cycle {cycle}: {name} is partial");
            }
        }
    }
    eprintln!("{CYCLES} kills over 0..{:?}: {saw_old} left the old config, {saw_new} the new one", full.mul_f64(1.5));
    assert!(saw_old > 0 && saw_new > 0, "kills did not cover the write: old {saw_old}, new {saw_new}");
    // Temporary files of killed runs are cleaned up by the next run that writes.
    fs::write(&p, &old).unwrap();
    assert!(run().status().unwrap().success());
    let temps = fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(temps, 0, "stale temporary files remain");
}
