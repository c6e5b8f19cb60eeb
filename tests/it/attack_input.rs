//! The hostile-input battery (issue 16, item 4): devices, FIFOs and procfs files wherever
//! clawlint reads (the config, a directory search, an include, the state `.env`,
//! `auth-profiles.json`, `--env-file`, `clawlint.toml` and its `env-files`), inputs larger than
//! OpenClaw reads, long lines and keys, thousands of fixes, a piped config. Each run: no hang
//! (a time limit), no panic, no exit 3, and peak memory within a small multiple of its input.

#![cfg(target_os = "linux")]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

struct Run {
    code: Option<i32>,
    out: String,
    err: String,
    /// Peak resident memory, KiB.
    rss: u64,
}

/// Runs a command and writes its peak memory (KiB) to the file named first. It is a small
/// process of its own: a child forked from the test binary would count the test binary's
/// memory as its own (Linux carries the pre-exec high-water mark into `ru_maxrss`).
const MEASURE: &str = r#"
import resource, subprocess, sys
try:
    code = subprocess.run(sys.argv[2:], timeout=float(sys.argv[1])).returncode
except subprocess.TimeoutExpired:
    code = 124
with open(__import__("os").environ["RSS_OUT"], "w") as f:
    f.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"#;

/// Run `cmd` (program and arguments only) under [`MEASURE`], draining its output; fail after
/// `limit`.
fn measured(cmd: Command, stdin: Option<Vec<u8>>, limit: Duration) -> Run {
    use std::io::Write;
    let rss_file = tempfile::NamedTempFile::new().unwrap();
    let mut py = Command::new("python3");
    py.arg("-c").arg(MEASURE).arg(limit.as_secs().to_string()).arg(cmd.get_program()).args(cmd.get_args());
    if let Some(dir) = cmd.get_current_dir() {
        py.current_dir(dir);
    }
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => py.env(k, v),
            None => py.env_remove(k),
        };
    }
    py.env("RSS_OUT", rss_file.path());
    py.stdout(Stdio::piped()).stderr(Stdio::piped());
    py.stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() });
    let mut child = py.spawn().expect("python3 runs (CI installs pre-commit with it)");
    if let Some(bytes) = stdin {
        let mut w = child.stdin.take().unwrap();
        std::thread::spawn(move || {
            let _ = w.write_all(&bytes);
        });
    }
    // The measuring process enforces `limit` itself; this one is a backstop.
    let o = crate::common::finish(child, limit + Duration::from_secs(30));
    assert_ne!(o.status.code(), Some(124), "{cmd:?} hung for more than {limit:?}");
    let rss = fs::read_to_string(rss_file.path()).unwrap().trim().parse().unwrap();
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    Run { code: o.status.code(), out: text(o.stdout), err: text(o.stderr), rss }
}

fn clawlint(home: &Path, dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_clawlint"));
    c.current_dir(dir)
        .args(args)
        .env("HOME", home)
        .env("NO_COLOR", "1")
        .env_remove("OPENCLAW_STATE_DIR")
        .env_remove("OPENCLAW_CONFIG_PATH")
        .env_remove("OPENCLAW_INCLUDE_ROOTS");
    c
}

fn mkfifo(p: &Path) {
    assert!(Command::new("mkfifo").arg(p).status().unwrap().success());
}

struct Case {
    name: &'static str,
    home: tempfile::TempDir,
    args: Vec<String>,
    env: Vec<(&'static str, String)>,
    stdin: Option<Vec<u8>>,
    /// The bytes of input clawlint may legitimately hold.
    input: u64,
    /// Exit codes that are right for it.
    codes: &'static [i32],
    /// Text its output must hold.
    says: &'static str,
    /// Peak memory allowed above the baseline, in multiples of `input`.
    factor: u64,
}

fn case(name: &'static str, codes: &'static [i32], says: &'static str) -> (Case, PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join(".openclaw");
    fs::create_dir(&state).unwrap();
    let c = Case { name, home, args: Vec::new(), env: Vec::new(), stdin: None, input: 0, codes, says, factor: 4 };
    (c, state)
}

fn cfg(state: &Path, text: &str) -> PathBuf {
    let p = state.join("openclaw.json");
    fs::write(&p, text).unwrap();
    p
}

const OK: &str = "{ gateway: { mode: \"local\" } }\n";

fn s(p: &Path) -> String {
    p.display().to_string()
}

fn lint(p: &Path) -> Vec<String> {
    vec!["doctor".into(), "--target".into(), "2026.9.6".into(), s(p)]
}

/// Devices, FIFOs and procfs where the config, an include, the state `.env` and
/// `auth-profiles.json` are read.
fn special_file_cases(all: &mut Vec<Case>) {
    for (name, target, says) in [
        ("config -> /dev/zero", "/dev/zero", "character device"),
        ("config -> /dev/urandom", "/dev/urandom", "character device"),
        ("config -> /proc/self/environ", "/proc/self/environ", "procfs"),
        ("config -> /proc/self/pagemap", "/proc/self/pagemap", "procfs"),
    ] {
        let (mut c, state) = case(name, &[2], says);
        symlink(target, state.join("openclaw.json")).unwrap();
        c.args = lint(&state.join("openclaw.json"));
        all.push(c);
    }
    {
        let (mut c, state) = case("FIFO found by a directory search", &[2], "FIFO");
        cfg(&state, OK);
        mkfifo(&state.join("fifo.json5"));
        symlink(state.join("fifo.json5"), state.join("link.json5")).unwrap();
        c.args = lint(&state);
        all.push(c);
    }
    for (name, target, roots, says) in [
        ("include of a FIFO", None, None, "security checks"),
        ("include -> /dev/zero under a /dev root", Some("/dev/zero"), Some("/dev"), "security checks"),
        ("include -> /proc/self/pagemap under a /proc root", Some("/proc/self/pagemap"), Some("/proc"), "procfs"),
    ] {
        let (mut c, state) = case(name, &[1], says);
        let inc = state.join("inc.json5");
        match target {
            None => mkfifo(&inc),
            Some(t) => symlink(t, &inc).unwrap(),
        }
        let root = cfg(&state, "{ gateway: { $include: \"./inc.json5\" } }\n");
        if let Some(r) = roots {
            c.env.push(("OPENCLAW_INCLUDE_ROOTS", r.into()));
        }
        c.args = lint(&root);
        all.push(c);
    }
    for (name, at, fifo) in [
        ("state .env is a FIFO", ".env", true),
        ("state .env -> /dev/zero", ".env", false),
        ("auth-profiles.json is a FIFO", "agents/main/agent/auth-profiles.json", true),
        ("auth-profiles.json -> /dev/zero", "agents/main/agent/auth-profiles.json", false),
    ] {
        let (mut c, state) = case(name, &[0, 1], "");
        cfg(&state, OK);
        let p = state.join(at);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        if fifo {
            mkfifo(&p)
        } else {
            symlink("/dev/zero", &p).unwrap()
        }
        c.args = vec!["doctor".into(), "--target".into(), "2026.9.6".into()];
        all.push(c);
    }
}

/// `--env-file` and `clawlint.toml` that are not regular files.
fn setting_cases(all: &mut Vec<Case>) {
    {
        let (mut c, state) = case("--env-file /dev/zero", &[2], "character device");
        let p = cfg(&state, OK);
        c.args = vec!["doctor".into(), "--env-file".into(), "/dev/zero".into(), s(&p)];
        all.push(c);
    }
    {
        let (mut c, state) = case("clawlint.toml env-files entry is a FIFO", &[2], "FIFO");
        let p = cfg(&state, OK);
        mkfifo(&state.join("vars.env"));
        fs::write(state.join("clawlint.toml"), "env-files = [\"vars.env\"]\n").unwrap();
        c.args = lint(&p);
        all.push(c);
    }
    for (name, fifo) in [("clawlint.toml is a FIFO", true), ("clawlint.toml is a dangling symlink", false)] {
        let (mut c, state) = case(name, &[2], "clawlint.toml");
        let p = cfg(&state, OK);
        if fifo {
            mkfifo(&state.join("clawlint.toml"))
        } else {
            symlink("nowhere.toml", state.join("clawlint.toml")).unwrap()
        }
        c.args = lint(&p);
        all.push(c);
    }
}

/// Inputs larger than OpenClaw reads, long keys and lines, thousands of fixes, a pipe.
fn size_cases(all: &mut Vec<Case>) {
    {
        // Sparse: larger than OpenClaw can read, refused before a byte is read.
        let (mut c, state) = case("600 MB config", &[2], "larger than 536870887 bytes");
        let p = state.join("openclaw.json");
        fs::File::create(&p).unwrap().set_len(600 << 20).unwrap();
        c.args = lint(&p);
        all.push(c);
    }
    {
        let (mut c, state) = case("64 MB of garbage", &[1], "syntax-error");
        let p = cfg(&state, &"x".repeat(64 << 20));
        c.input = 64 << 20;
        c.args = lint(&p);
        all.push(c);
    }
    {
        // Valid configs are parsed into a tree: every node costs more than the few bytes of its
        // text, and a key is held by the tree, the merged view and the JSON for the schema.
        // Their bound is looser than the 4× of input that is refused or never parsed; issue 22
        // brings the lint's own budget down.
        let (mut c, state) = case("4 MB key", &[1], "key-unknown");
        c.factor = 12;
        let p = cfg(&state, &format!("{{ \"{}\": 1 }}", "k".repeat(4 << 20)));
        c.input = 4 << 20;
        c.args = lint(&p);
        all.push(c);
    }
    {
        let (mut c, state) = case("10,000 agents on one line", &[1], "│");
        c.factor = 150;
        let list: Vec<String> = (0..10_000).map(|i| format!("{{ id: \"a{i}\", model: \"openai/gpt-5.5\" }}")).collect();
        let text = format!("{{ agents: {{ list: [{}] }}, bogus: 1 }}", list.join(","));
        c.input = text.len() as u64;
        let p = cfg(&state, &text);
        c.args = lint(&p);
        all.push(c);
    }
    {
        let (mut c, state) = case("2,000 duplicate keys, --diff", &[1], "findings; 0 would remain");
        c.factor = 150;
        let text = format!("{{\n{}}}\n", "  gateway: { mode: \"local\" },\n".repeat(2000));
        c.input = text.len() as u64;
        let p = cfg(&state, &text);
        c.args = vec!["doctor".into(), "--diff".into(), "--target".into(), "2026.9.6".into(), s(&p)];
        all.push(c);
    }
    {
        let (mut c, _state) = case("a config piped to --diff /dev/stdin", &[1], "+++ b/dev/stdin");
        let text = "{ gateway: { mode: \"remote\", mode: \"local\" } }\n";
        c.stdin = Some(text.as_bytes().to_vec());
        c.args = vec!["doctor".into(), "--diff".into(), "--target".into(), "2026.9.6".into(), "/dev/stdin".into()];
        all.push(c);
    }
    {
        let (mut c, _state) = case("a config piped to --fix --yes /dev/stdin", &[2], "can show the fixes (--diff)");
        c.stdin = Some(b"{ gateway: { mode: \"remote\", mode: \"local\" } }\n".to_vec());
        c.args = ["doctor", "--fix", "--yes", "--target", "2026.9.6", "/dev/stdin"].map(String::from).to_vec();
        all.push(c);
    }
}

fn cases() -> Vec<Case> {
    let mut all = Vec::new();
    special_file_cases(&mut all);
    setting_cases(&mut all);
    size_cases(&mut all);
    all
}

#[test]
fn hostile_inputs_are_bounded() {
    // What a run costs with nothing to read: the baseline memory.
    let (base_case, state) = case("baseline", &[0, 1], "");
    let p = cfg(&state, OK);
    let base = measured(
        clawlint(
            base_case.home.path(),
            base_case.home.path(),
            &["doctor", "--target", "2026.9.6", p.to_str().unwrap()],
        ),
        None,
        Duration::from_secs(60),
    );
    assert!(matches!(base.code, Some(0 | 1)), "{}{}", base.out, base.err);
    let mut failures = Vec::new();
    for c in cases() {
        let args: Vec<&str> = c.args.iter().map(String::as_str).collect();
        let mut cmd = clawlint(c.home.path(), c.home.path(), &args);
        for (k, v) in &c.env {
            cmd.env(k, v);
        }
        let r = measured(cmd, c.stdin.clone(), Duration::from_secs(60));
        let all = format!("{}{}", r.out, r.err);
        // 1 MiB of slack: two runs of the same binary differ by a few hundred KiB.
        let limit = base.rss + 1024 + c.factor * c.input / 1024;
        if !c.codes.contains(&r.code.unwrap_or(-1)) {
            failures.push(format!("{}: exit {:?}, expected one of {:?}:\n{all}", c.name, r.code, c.codes));
        }
        if all.contains("internal error") || all.contains("panicked") {
            failures.push(format!("{}: a panic:\n{all}", c.name));
        }
        if !all.contains(c.says) {
            failures.push(format!("{}: no {:?} in:\n{}", c.name, c.says, &all[..all.len().min(2000)]));
        }
        if r.rss > limit {
            failures.push(format!(
                "{}: peak memory {} KiB, over {limit} KiB (baseline {} + 1 MiB + {} × input)",
                c.name, r.rss, base.rss, c.factor
            ));
        }
        eprintln!("{}: exit {:?}, {} KiB", c.name, r.code, r.rss);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// An include swapped under a running `--fix --yes` (another content, a FIFO, a symlink to
/// `/dev/zero`, gone): every run ends, with the old or the new config whole, never exit 3.
#[test]
fn include_races_end_cleanly() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join(".openclaw");
    fs::create_dir(&dir).unwrap();
    let inc = dir.join("gateway.json5");
    let old = "{ gateway: { $include: \"./gateway.json5\" }, a: 1, a: 2 }\n";
    let new = "{ gateway: { $include: \"./gateway.json5\" }, a: 2 }\n";
    let root = dir.join("openclaw.json");
    let stop = Arc::new(AtomicBool::new(false));
    let flipper = {
        let (stop, inc, dir) = (stop.clone(), inc.clone(), dir.clone());
        std::thread::spawn(move || {
            let mut i = 0u64;
            while !stop.load(Ordering::Relaxed) {
                let tmp = dir.join(format!("next-{i}"));
                match i % 4 {
                    0 => fs::write(&tmp, "{ mode: \"local\" }").unwrap(),
                    1 => mkfifo(&tmp),
                    2 => symlink("/dev/zero", &tmp).unwrap(),
                    _ => fs::write(&tmp, "{ mode: \"remote\", port: 1 }").unwrap(),
                }
                let _ = fs::rename(&tmp, &inc);
                i += 1;
                std::thread::sleep(Duration::from_micros(300));
            }
        })
    };
    let mut outcomes = std::collections::BTreeMap::new();
    for _ in 0..60 {
        fs::write(&root, old).unwrap();
        let child =
            clawlint(home.path(), home.path(), &["doctor", "--fix", "--yes", "--no-env", "--target", "2026.9.6"])
                .arg(&root)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
        let o = crate::common::finish(child, Duration::from_secs(30));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(matches!(o.status.code(), Some(0..=2)), "exit {:?}: {err}", o.status.code());
        assert!(!err.contains("internal error") && !err.contains("clawlint bug"), "{err}");
        // The fix loop works from what it read once: a swap during the run is not blamed on a fix.
        assert!(!err.contains("would have new errors"), "{err}");
        let now = fs::read_to_string(&root).unwrap();
        assert!(now == old || now == new, "the config is neither old nor new: {now:?}");
        *outcomes.entry((o.status.code(), now == new)).or_insert(0) += 1;
    }
    stop.store(true, Ordering::Relaxed);
    flipper.join().unwrap();
    eprintln!("60 runs against a flipping include: {outcomes:?}");
}
