//! The installed release, read at run time: a real release's package presented under a version
//! clawlint has no data for. The package is 2026.9.6's (its plugin manifests, zod version and
//! hidden keys, recorded from the installed release in tests/fixtures/installed/ by
//! scripts/record/installed-fixture.py), under version 2026.9.7, behind an `openclaw` launcher
//! that answers `--version` and, for `config schema`, prints 2026.9.6's own schema (from the
//! embedded data). So a run that reads the installation must judge every corpus config exactly
//! as `--target 2026.9.6` does. No network, no Node.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::{Command, Output};

const FIXTURE: &str = "tests/fixtures/installed/openclaw-2026.9.6.json";
const AS: &str = "2026.9.7";

struct Fake {
    dir: PathBuf,
}

impl Fake {
    fn new(name: &str) -> Fake {
        let dir = std::env::temp_dir().join(format!("clawlint-installed-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let pkg = dir.join("lib/node_modules/openclaw");
        let fx: Value = serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
        let write = |p: PathBuf, text: String| {
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        write(pkg.join("package.json"), format!(r#"{{"name":"openclaw","version":"{AS}"}}"#));
        write(pkg.join("openclaw.mjs"), String::new());
        for (d, m) in fx["manifests"].as_object().unwrap() {
            write(pkg.join("dist/extensions").join(d).join("openclaw.plugin.json"), m.to_string());
        }
        let hidden: Vec<String> = fx["hidden"].as_array().unwrap().iter().map(|h| format!("{h}")).collect();
        write(pkg.join("dist/hidden.js"), format!("const LEGACY_HIDDEN_PUBLIC_PATHS = [{}];\n", hidden.join(", ")));
        write(pkg.join("node_modules/zod/package.json"), format!(r#"{{"version":{}}}"#, fx["zod"]));
        let v96: clawlint::facts::CalVer = "2026.9.6".parse().unwrap();
        let i = clawlint::facts::releases().iter().position(|v| *v == v96).unwrap();
        let schema = clawlint::facts::release(i).schema.assemble().unwrap();
        write(dir.join("schema.json"), serde_json::to_string_pretty(&schema).unwrap());
        let script = format!(
            "#!/bin/sh\n# runs {pkg}/openclaw.mjs\necho \"$*\" >> {dir}/calls\ncase \"$1\" in\n  --version) echo 'OpenClaw {AS} (0000000)' ;;\n  config) cat {dir}/schema.json ;;\n  *) exit 1 ;;\nesac\n",
            pkg = pkg.display(),
            dir = dir.display()
        );
        write(dir.join("bin/openclaw"), script);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir.join("bin/openclaw"), std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        std::fs::create_dir_all(dir.join("home")).unwrap();
        Fake { dir }
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_clawlint"))
            .args(args)
            .env_clear()
            .env("PATH", format!("{}:/usr/bin:/bin", self.dir.join("bin").display()))
            .env("HOME", self.dir.join("home"))
            .env("XDG_CACHE_HOME", self.dir.join("cache"))
            .output()
            .unwrap()
    }

    fn schema_reads(&self) -> usize {
        std::fs::read_to_string(self.dir.join("calls"))
            .unwrap_or_default()
            .lines()
            .filter(|l| *l == "config schema")
            .count()
    }

    fn cache_files(&self) -> Vec<PathBuf> {
        let d = self.dir.join("cache/clawlint/releases");
        std::fs::read_dir(d).map(|r| r.flatten().map(|e| e.path()).collect()).unwrap_or_default()
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Each finding as (file, rule, severity, line, column, path), the release named the same way.
fn findings(out: &Output) -> BTreeSet<String> {
    let v: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {} {} {}:{} {} {}",
                f["file"], f["checkId"], f["severity"], f["line"], f["column"], f["path"], f["message"]
            )
            .replace(AS, "2026.9.6")
        })
        .collect()
}

fn corpus() -> Vec<String> {
    crate::common::files("tests/fixtures/validate-corpus/configs", &[".json5"])
}

#[test]
fn an_installed_release_newer_than_the_data_is_read_once_and_checked_with() {
    let fake = Fake::new("once");
    let configs = corpus();
    let mut args = vec!["doctor", "--format", "json", "--no-env"];
    args.extend(configs.iter().map(String::as_str));

    let first = fake.run(&args);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(stderr.contains(&format!("no data for OpenClaw {AS}: read it from the installation")), "{stderr}");
    assert_eq!(fake.schema_reads(), 1);
    assert_eq!(fake.cache_files().len(), 1, "one cache file");
    let got = findings(&first);
    assert!(!got.iter().any(|f| f.contains("matrix-stale")), "the data is the installation's own");

    let mut want_args: Vec<&str> = vec!["doctor", "--format", "json", "--no-env", "--target", "2026.9.6"];
    want_args.extend(configs.iter().map(String::as_str));
    let want = findings(&fake.run(&want_args));
    let only = |a: &BTreeSet<String>, b: &BTreeSet<String>| a.difference(b).cloned().collect::<Vec<_>>();
    assert!(
        got == want,
        "read at run time, not in 2026.9.6:\n{:#?}\nin 2026.9.6, not read at run time:\n{:#?}",
        only(&got, &want),
        only(&want, &got)
    );

    // Later runs use the cache: no second `config schema`, no line about it, the same verdicts.
    let again = fake.run(&args);
    assert_eq!(fake.schema_reads(), 1);
    assert!(!String::from_utf8_lossy(&again.stderr).contains("read it from the installation"));
    assert_eq!(findings(&again), got);
}

#[test]
fn offline_data_and_a_damaged_cache() {
    let fake = Fake::new("offline");
    let seed = "tests/fixtures/validate-corpus/configs/002-home-telegram.json5";
    let report = |o: &Output| String::from_utf8_lossy(&o.stdout).into_owned();

    // --offline-data: nothing is read; the newest data is used and the run says so.
    let off = fake.run(&["doctor", "--no-env", "--offline-data", "--format", "concise", seed]);
    assert_eq!(fake.schema_reads(), 0);
    assert!(fake.cache_files().is_empty());
    assert!(report(&off).contains(&format!("matrix-stale] no data for OpenClaw {AS}")), "{}", report(&off));

    // Read once; then a damaged cache file is read again from the installation, not trusted.
    let on = fake.run(&["doctor", "--no-env", "--format", "concise", seed]);
    assert!(!report(&on).contains("matrix-stale"), "{}", report(&on));
    let file = fake.cache_files().pop().unwrap();
    std::fs::write(&file, b"CLAWPACK 2\n\x01\x00").unwrap();
    let again = fake.run(&["doctor", "--no-env", "--format", "concise", seed]);
    assert_eq!(fake.schema_reads(), 2);
    assert!(String::from_utf8_lossy(&again.stderr).contains("read it from the installation"));
    assert_eq!(report(&again), report(&on));

    // compat counts the release read from the installation apart from the published ones.
    let compat = fake.run(&["compat", seed]);
    let text = report(&compat);
    assert!(text.contains(&format!("; {AS} read from the installation")), "{text}");
    assert!(text.contains(&format!("… {AS}")), "{text}");
}

#[test]
fn a_launcher_that_lies_about_its_version_is_not_read() {
    let fake = Fake::new("lies");
    let pkg = fake.dir.join("lib/node_modules/openclaw/package.json");
    std::fs::write(&pkg, r#"{"name":"openclaw","version":"2026.9.8"}"#).unwrap();
    let out = fake.run(&[
        "doctor",
        "--no-env",
        "--format",
        "concise",
        "tests/fixtures/validate-corpus/configs/002-home-telegram.json5",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("`openclaw --version` says {AS} but")), "{stderr}");
    assert_eq!(fake.schema_reads(), 0);
    assert!(String::from_utf8_lossy(&out.stdout).contains("matrix-stale"));
}

#[test]
fn the_cache_is_written_whole_and_private() {
    let fake = Fake::new("private");
    fake.run(&["doctor", "--no-env", "tests/fixtures/validate-corpus/configs/002-home-telegram.json5"]);
    let files = fake.cache_files();
    assert_eq!(files.len(), 1, "{files:?}: no temporary left beside it");
    let name = files[0].file_name().unwrap().to_str().unwrap().to_owned();
    assert!(name.starts_with(&format!("{AS}-")) && name.ends_with(".pack"), "{name}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&files[0]).unwrap().permissions().mode() & 0o777, 0o600);
    }
}
