//! `clawlint doctor --fix` at a real terminal: the binary runs with stdin and stderr on a
//! pseudo-terminal, as a person would run it, and the test answers its questions. This is the
//! only path that may move a secret out of the config (plaintext-secret's fix), so it is
//! tested end to end: what is asked, what is written where, with which modes, and that the
//! secret shows nowhere on the terminal.

#![cfg(unix)]

use std::fs;
use std::io::{Read, Write};
use std::os::fd::{FromRawFd, OwnedFd};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const SECRET: &str = "sk-proj-FAKEfakeFAKEfakeFAKEfake0123456789";

fn openpty() -> (OwnedFd, OwnedFd) {
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two fresh descriptors on success; each is owned once below.
    let rc =
        unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), std::ptr::null()) };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: both descriptors were just opened and are not owned elsewhere.
    unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}

/// What the terminal showed and what went to stdout, and the exit code.
struct Session {
    terminal: String,
    stdout: String,
    code: Option<i32>,
}

/// Run `clawlint args…` with stdin and stderr on a terminal, answering each question (a line
/// ending in `? [y/N…] `) with the next of `answers`.
fn at_terminal(home: &Path, args: &[&str], answers: &[&str]) -> Session {
    let (master, slave) = openpty();
    let mut child = Command::new(env!("CARGO_BIN_EXE_clawlint"))
        .args(args)
        .env("HOME", home)
        .env_remove("OPENCLAW_STATE_DIR")
        .env_remove("OPENCLAW_CONFIG_PATH")
        .env("NO_COLOR", "1")
        .env("CLAWLINT_NO_PROBE", "1")
        .env_remove("OPENAI_API_KEY")
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave))
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        stdout.read_to_string(&mut s).unwrap();
        s
    });
    let mut reader = fs::File::from(master.try_clone().unwrap());
    let mut writer = fs::File::from(master);
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        // Reading the master fails (EIO) once the child and every copy of the slave are gone.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let mut answered = 0;
    let deadline = Instant::now() + Duration::from_secs(60);
    let code = loop {
        if let Ok(chunk) = rx.recv_timeout(Duration::from_millis(20)) {
            seen.extend_from_slice(&chunk);
        }
        let text = String::from_utf8_lossy(&seen).into_owned();
        let questions = text.matches("? [").count();
        if questions > answered {
            let answer = answers.get(answered).unwrap_or_else(|| panic!("unexpected question:\n{text}"));
            writer.write_all(format!("{answer}\n").as_bytes()).unwrap();
            answered += 1;
        }
        if let Some(status) = child.try_wait().unwrap() {
            // Whatever is still in flight.
            while let Ok(chunk) = rx.recv_timeout(Duration::from_millis(100)) {
                seen.extend_from_slice(&chunk);
            }
            break status.code();
        }
        assert!(Instant::now() < deadline, "clawlint did not finish; the terminal shows:\n{text}");
    };
    assert_eq!(answered, answers.len(), "not every answer was asked for:\n{}", String::from_utf8_lossy(&seen));
    Session { terminal: String::from_utf8_lossy(&seen).replace("\r\n", "\n"), stdout: out_reader.join().unwrap(), code }
}

/// A state dir holding a config with a plaintext OpenAI key, modes already private.
fn state_dir() -> (tempfile::TempDir, std::path::PathBuf) {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join(".openclaw");
    fs::create_dir(&state).unwrap();
    fs::set_permissions(&state, fs::Permissions::from_mode(0o700)).unwrap();
    let cfg = state.join("openclaw.json");
    fs::write(
        &cfg,
        format!("// my gateway\n{{\n  models: {{ providers: {{ openai: {{ apiKey: \"{SECRET}\" }} }} }}, // key\n}}\n"),
    )
    .unwrap();
    fs::set_permissions(&cfg, fs::Permissions::from_mode(0o600)).unwrap();
    (home, cfg)
}

fn mode(p: &Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

fn assert_no_secret(s: &Session) {
    for (what, text) in [("terminal", &s.terminal), ("stdout", &s.stdout)] {
        assert!(!text.contains(&SECRET[..12]), "the secret shows on {what}:\n{text}");
    }
}

#[test]
fn yes_moves_the_secret_to_the_env_file() {
    let (home, cfg) = state_dir();
    let cfg_arg = cfg.to_str().unwrap();
    let s = at_terminal(
        home.path(),
        &["doctor", "--fix", "--unsafe-fixes", "--select", "plaintext-secret", cfg_arg],
        &["y"],
    );
    assert_no_secret(&s);
    assert_eq!(s.code, Some(0), "{}\n{}", s.terminal, s.stdout);
    // The preview: the diff on stdout, the effect and the question on the terminal.
    assert!(
        s.stdout.contains("+  models: { providers: { openai: { apiKey: \"${OPENAI_API_KEY}\" } } }, // key"),
        "{}",
        s.stdout
    );
    assert!(
        s.terminal
            .contains("also: append OPENAI_API_KEY=sk-p… to ~/.openclaw/.env (created with mode 0600 if missing)"),
        "{}",
        s.terminal
    );
    assert!(s.terminal.contains("Apply 1 fix to "), "{}", s.terminal);
    // The config keeps its comments; the key went to the env file, and nowhere else.
    assert_eq!(
        fs::read_to_string(&cfg).unwrap(),
        "// my gateway\n{\n  models: { providers: { openai: { apiKey: \"${OPENAI_API_KEY}\" } } }, // key\n}\n"
    );
    let env = home.path().join(".openclaw/.env");
    assert_eq!(fs::read_to_string(&env).unwrap(), format!("OPENAI_API_KEY={SECRET}\n"));
    assert_eq!(mode(&env), 0o600);
    assert_eq!(mode(&cfg), 0o600, "the config keeps its mode");
    let backups: Vec<String> = fs::read_dir(cfg.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "openclaw.json" && n != ".env")
        .collect();
    for b in &backups {
        let p = cfg.parent().unwrap().join(b);
        if p.is_file() {
            assert_eq!(mode(&p), 0o600, "backup {b} is private");
        }
    }
    // Linted again, the config is clean and the reference resolves from the env file.
    let again = at_terminal(home.path(), &["doctor", "--select", "plaintext-secret,env-ref-unresolved", cfg_arg], &[]);
    assert_eq!(again.code, Some(0), "{}\n{}", again.terminal, again.stdout);
}

#[test]
fn no_leaves_config_and_env_file_alone() {
    let (home, cfg) = state_dir();
    let before = fs::read(&cfg).unwrap();
    let s = at_terminal(
        home.path(),
        &["doctor", "--fix", "--unsafe-fixes", "--select", "plaintext-secret", cfg.to_str().unwrap()],
        &["n"],
    );
    assert_no_secret(&s);
    assert_eq!(s.code, Some(1), "the finding stays: {}\n{}", s.terminal, s.stdout);
    assert_eq!(fs::read(&cfg).unwrap(), before);
    assert!(!home.path().join(".openclaw/.env").exists());
}

#[test]
fn without_unsafe_fixes_nothing_is_offered() {
    let (home, cfg) = state_dir();
    let before = fs::read(&cfg).unwrap();
    let s = at_terminal(home.path(), &["doctor", "--fix", "--select", "plaintext-secret", cfg.to_str().unwrap()], &[]);
    assert_no_secret(&s);
    assert_eq!(s.code, Some(1), "{}\n{}", s.terminal, s.stdout);
    assert!(s.terminal.contains("--unsafe-fixes"), "the withheld fix is named: {}", s.terminal);
    assert_eq!(fs::read(&cfg).unwrap(), before);
    assert!(!home.path().join(".openclaw/.env").exists());
}

/// A key continued over two lines (a JSON5 `\` line continuation, LF and CRLF): neither half
/// shows in the diff, the per-fix review or anything else on the terminal (issue 16, item 3).
#[test]
fn a_continued_secret_never_shows() {
    const HALVES: [&str; 2] = ["Kq7Zr2-Wv9Xn4-FIRSTHALF", "SECONDHALF-Lm3Tp8-Jd6Vb1"];
    for newline in ["\n", "\r\n"] {
        let home = tempfile::tempdir().unwrap();
        let state = home.path().join(".openclaw");
        fs::create_dir(&state).unwrap();
        fs::set_permissions(&state, fs::Permissions::from_mode(0o700)).unwrap();
        let cfg = state.join("openclaw.json");
        let text = format!(
            "{{{newline}  models: {{ providers: {{ openai: {{ apiKey: \"{}\\{newline}{}\" }} }} }},{newline}}}{newline}",
            HALVES[0], HALVES[1]
        );
        fs::write(&cfg, &text).unwrap();
        fs::set_permissions(&cfg, fs::Permissions::from_mode(0o600)).unwrap();
        let s = at_terminal(
            home.path(),
            &["doctor", "--fix", "--unsafe-fixes", "--select", "plaintext-secret", cfg.to_str().unwrap()],
            &["r", "n"],
        );
        for half in HALVES {
            for (what, out) in [("terminal", &s.terminal), ("stdout", &s.stdout)] {
                assert!(!out.contains(&half[2..10]), "{newline:?}: half of the key shows on {what}:\n{out}");
            }
        }
        assert!(s.terminal.contains("Apply this fix?"), "the fix was reviewed: {}", s.terminal);
        assert_eq!(fs::read_to_string(&cfg).unwrap(), text, "declined: nothing written");
    }
}
