//! The capability matrix: stored schemas compile, versions and schema commands, `--target`
//! upgrade preview and docs-vs-stable findings, the rename fix.

use crate::common;

use std::process::Command;

fn clawlint(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_clawlint")).args(args).env("CLAWLINT_NO_PROBE", "1").output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn every_stored_schema_compiles() {
    let pack = clawlint::facts::pack();
    let releases = &pack.header.releases;
    assert!(releases.len() >= 11);
    // Every chunk compiles on its own, as a run compiles the chunks a config reaches (a chunk
    // shared by many releases is checked once); every release's root is OpenClaw's config.
    for id in 0..pack.chunk_count() as u32 {
        let text = pack.blob(pack.chunk_blob(id).unwrap()).unwrap();
        let chunk: serde_json::Value = serde_json::from_slice(&text).unwrap();
        let mut opts = jsonschema::options();
        if chunk.get("$schema").is_none() {
            opts = opts.with_draft(jsonschema::Draft::Draft7);
        }
        opts.build(&chunk).unwrap_or_else(|e| panic!("chunk {id}: {e}"));
    }
    for r in releases {
        let root: serde_json::Value =
            serde_json::from_slice(&pack.blob(pack.chunk_blob(r.root).unwrap()).unwrap()).unwrap();
        assert_eq!(root["title"], "OpenClawConfig", "{}", r.version);
        assert_eq!(root["additionalProperties"], false, "{}: the root object is closed", r.version);
    }
    // The oldest and the newest, reassembled whole, compile as the documents they were.
    for r in [releases.first().unwrap(), releases.last().unwrap()] {
        let s = clawlint::facts::digest::assemble(pack, r.root, "").unwrap();
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft7)
            .build(&s)
            .unwrap_or_else(|e| panic!("{}: {e}", r.version));
    }
}

#[test]
fn versions_lists_all_and_marks_data() {
    let o = clawlint(&["versions", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let all = v.as_array().unwrap();
    assert!(all.len() >= 133, "{}", all.len());
    let with_data: Vec<&str> =
        all.iter().filter(|x| x["data"] == true).map(|x| x["version"].as_str().unwrap()).collect();
    for want in [
        "2026.5.7",
        "2026.5.12",
        "2026.5.28",
        "2026.6.11",
        "2026.7.1",
        "2026.7.1-2",
        "2026.8.1",
        "2026.8.2",
        "2026.9.5",
        "2026.9.6",
        "2026.9.1-beta.1",
    ] {
        assert!(with_data.contains(&want), "{want} has no data");
    }
    let hotfix = all.iter().find(|x| x["version"] == "2026.7.1-2").unwrap();
    assert_eq!(hotfix["channel"], "hotfix");
    // A version that cannot have data says why, and never also claims data.
    let placeholder = all.iter().find(|x| x["version"] == "0.0.1").unwrap();
    assert!(placeholder["noData"].as_str().unwrap().contains("placeholder"), "{placeholder}");
    assert_eq!(placeholder["data"], false);
    assert!(all.iter().all(|x| x["noData"].is_null() || x["data"] == false));
}

#[test]
fn schema_prints_the_release_schema() {
    let o = clawlint(&["schema", "--target", "2026.7.1"]);
    assert_eq!(o.status.code(), Some(0));
    let s: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // 2026.7.1 still has messages.tts; 2026.9.6 moved it to the top level
    assert!(s["properties"]["messages"]["properties"]["tts"].is_object());
    assert!(s["properties"]["tts"].is_null());
    let o = clawlint(&["schema", "--target", "2026.9.6"]);
    let s: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(s["properties"]["tts"].is_object());
    let o = clawlint(&["schema", "--target", "2026.7.9"]);
    assert_eq!(o.status.code(), Some(2), "unpublished version is a usage error");
}

#[test]
fn docs_main_keys_on_an_older_release() {
    let o = clawlint(&[
        "doctor",
        "--target",
        "2026.7.1",
        "--format",
        "concise",
        "tests/fixtures/upgrade/from-docs-main.json5",
    ]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        out.contains("error[key-requires-newer] `agents.entries` requires OpenClaw ≥ 2026.8.1-beta.1 (a beta; the first stable release with it is 2026.8.1); you target 2026.7.1"),
        "{out}"
    );
    assert!(out.contains("error[key-requires-newer] `tts` requires OpenClaw ≥ 2026.8.1-beta.1 (a beta; the first stable release with it is 2026.8.1); you target 2026.7.1"), "{out}");
    // and on 2026.8.1 it is fine
    let o = clawlint(&["doctor", "--target", "2026.8.1", "tests/fixtures/upgrade/from-docs-main.json5"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
}

#[test]
fn upgrade_preview_names_new_homes_and_applies_the_1to1_migrations() {
    let path = "tests/fixtures/upgrade/valid-2026.7.1.json5";
    let o = clawlint(&["doctor", "--target", "2026.7.1", path]);
    assert_eq!(o.status.code(), Some(0), "valid for 2026.7.1: {}", text(&o.stdout));
    let o = clawlint(&["doctor", "--target", "2026.9.6", "--format", "full", "--color", "never", path]);
    let out = text(&o.stdout);
    common::snapshots().bind(|| insta::assert_snapshot!("upgrade__7.1-to-9.6", out));
    let o = clawlint(&["doctor", "--target", "2026.9.6", "--format", "concise", path]);
    let out = text(&o.stdout);
    assert!(out.contains(
        "`messages.tts` was removed: accepted up to 2026.7.35, rejected from 2026.8.1-beta.1; moved to `tts`"
    ));
    assert!(out.contains("`agents.defaults.memorySearch` was removed: accepted up to 2026.7.35, rejected from 2026.8.1-beta.1; moved to `memory.search`"));

    // --fix applies the 1:1 migrations (a rename, two moves) and keeps every comment.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("openclaw.json");
    std::fs::copy(path, &p).unwrap();
    let o =
        clawlint(&["doctor", "--target", "2026.9.6", "--fix", "--yes", "--select", "key-removed", p.to_str().unwrap()]);
    let fixed = std::fs::read_to_string(&p).unwrap();
    assert!(fixed.contains("      pdfMaxMb: 20,\n"), "{fixed}");
    assert!(fixed.contains("  memory: {\n    search: { enabled: true },\n  },\n"), "{fixed}");
    assert!(fixed.contains("  tts: { auto: \"off\" },\n"), "{fixed}");
    assert!(fixed.contains("// semantic memory") && fixed.contains("// A home setup"), "{fixed}");
    assert!(text(&o.stderr).contains("Fixed 3 of 3 findings; 0 remain."), "{}", text(&o.stderr));
    let o = clawlint(&["doctor", "--target", "2026.9.6", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "valid for 2026.9.6 once fixed: {}", text(&o.stdout));
}

#[test]
fn a_target_newer_than_the_data_says_so() {
    let o = clawlint(&["doctor", "--target", "2030.1.1", "--format", "concise", "examples/seed/openclaw.json"]);
    let out = text(&o.stdout);
    assert!(out.contains("warning[matrix-stale] no data for OpenClaw 2030.1.1"), "{out}");
}

/// A target older than every release with data (issue 19, item 3): never silently judged by a
/// newer release's schema. 2026.3.7 accepts `channels.telegram.streamMode`; 2026.5.7 does not.
#[test]
fn a_target_older_than_the_data_is_not_judged_by_newer_schemas() {
    let p = "tests/fixtures/matrix-stale/older-than-data.json5";
    let o = clawlint(&["doctor", "--format", "concise", p]);
    let out = text(&o.stdout);
    assert!(out.contains("warning[matrix-stale] no data for OpenClaw 2026.3.7"), "{out}");
    assert!(!out.contains("key-unknown") && !out.contains("streamMode"), "judged by newer data: {out}");
    let o = clawlint(&["doctor", p]);
    let full = text(&o.stdout);
    let oldest = clawlint::facts::releases()[0].to_string();
    assert!(full.contains(&format!("no data that old (clawlint's oldest is {oldest})")), "{full}");
    assert!(!full.contains("nearest imported release before it"), "{full}");
    // The same config checked as of a release with data (an upgrade check) gets the key judged:
    // 2026.5.7 no longer reads streamMode, which 2026.3.28 to 2026.4.2 accept. (2026.4.7 to 4.27
    // migrate it on read, and 2026.4.7 cannot read a config with a Telegram channel at all.)
    let o = clawlint(&["doctor", "--target", "2026.5.7", "--format", "concise", p]);
    assert!(text(&o.stdout).contains("key-removed"), "{}", text(&o.stdout));
    let o = clawlint(&["doctor", "--target", "2026.4.7", "--format", "concise", p]);
    assert!(text(&o.stdout).contains("#63184"), "{}", text(&o.stdout));
}

/// `compat` on corpus configs whose verdict flips between releases agrees with every recorded
/// release (tests/fixtures/validate-corpus/recorded): its verdicts are the releases' own.
#[test]
fn compat_agrees_with_every_recorded_release() {
    let dir = "tests/fixtures/validate-corpus";
    let files = [
        "312-web-search-brave-plugins-allow.json5",
        "263-add-gateway-remote-enabled.json5",
        "264-legacy-base-add-utility-model.json5",
        "314-agents-entries-same-id.json5",
    ];
    let paths: Vec<String> = files.iter().map(|f| format!("{dir}/configs/{f}")).collect();
    let mut args = vec!["compat", "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    let o = clawlint(&args);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let mut recorded = 0;
    for entry in std::fs::read_dir(format!("{dir}/recorded")).unwrap() {
        let rec: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        let version = rec["version"].as_str().unwrap();
        for (f, c) in files.iter().zip(v["configs"].as_array().unwrap()) {
            let ours = c["releases"].as_array().unwrap().iter().find(|r| r["version"] == version);
            let ours = ours.unwrap_or_else(|| panic!("compat has no verdict for {version}"));
            assert_eq!(ours["accepted"], rec["results"][f]["valid"], "{f} on {version}: {ours}");
        }
        recorded += 1;
    }
    assert!(recorded >= clawlint::facts::releases().len(), "{recorded} recorded releases");
}

/// `clawlint compat` (issue 19, item 5): the releases that load a config, and the first blocker
/// at each edge; its verdicts are the real releases' recorded `config validate` verdicts.
#[test]
fn compat_names_the_accepting_releases_and_the_blockers() {
    let o = clawlint(&["compat", "examples/seed/openclaw.json", "tests/fixtures/upgrade/valid-2026.7.1.json5"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let oldest = clawlint::facts::releases()[0].to_string();
    assert!(out.contains(&format!("examples/seed/openclaw.json: accepted by {oldest} … 2026.9.6\n")), "{out}");
    assert!(
        out.contains(&format!(
            "valid-2026.7.1.json5: accepted by {oldest} … 2026.7.2-beta.2, 2026.7.33 … 2026.7.35; from 2026.7.2-beta.5: agents.defaults.memorySearch (moved to memory.search); from 2026.8.1-beta.1: agents.defaults.memorySearch (moved to memory.search)"
        )),
        "{out}"
    );
    // Against what 2026.5.7 and 2026.9.6 said about real configs (tests/fixtures/realworld/recorded).
    let dir = "tests/fixtures/realworld";
    let files = ["09-dotfiles-imessage-codex.json", "10-dotfiles-remote-gateway.json", "15-vps-ollama-local.json"];
    let mut args = vec!["compat", "--format", "json"];
    let paths: Vec<String> = files.iter().map(|f| format!("{dir}/{f}")).collect();
    args.extend(paths.iter().map(String::as_str));
    let o = clawlint(&args);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for (f, c) in files.iter().zip(v["configs"].as_array().unwrap()) {
        for version in ["2026.5.7", "2026.9.6"] {
            let rec: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(format!("{dir}/recorded/{version}/{}.json", f.trim_end_matches(".json")))
                    .unwrap(),
            )
            .unwrap();
            let ours = c["releases"].as_array().unwrap().iter().find(|r| r["version"] == version).unwrap();
            assert_eq!(ours["accepted"], rec["valid"], "{f} on {version}: {ours}");
        }
    }
}
