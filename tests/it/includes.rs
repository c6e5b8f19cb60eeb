//! `$include` behaviour: one test per acceptance case (escape, missing, cycle, depth, size, array
//! merge, sibling override), checked against what OpenClaw 2026.9.6 does (facts §1.3 and the
//! recordings under tests/fixtures/recorded/includes/).

use crate::common;

use crate::common::load as load_fixture;
use clawlint::config::include::{IncludeErrorKind, MAX_INCLUDE_BYTES};
use clawlint::config::{LoadOptions, load};
use serde_json::json;
use std::path::Path;

fn kinds(cfg: &clawlint::config::LoadedConfig) -> Vec<IncludeErrorKind> {
    cfg.include_errors.iter().map(|e| e.kind).collect()
}

#[test]
fn escape_is_refused() {
    let cfg = load_fixture("tests/fixtures/include-error/escape/config/openclaw.json");
    assert_eq!(kinds(&cfg), [IncludeErrorKind::Escapes]);
    let msg = &cfg.include_errors[0].message;
    assert!(msg.starts_with("Include path escapes config directory: ../outside/agents.json5 (root: "), "{msg}");
    assert_eq!(cfg.include_errors[0].path.dotted(), "agents");
}

#[test]
fn missing_file() {
    let cfg = load_fixture("tests/fixtures/include-error/missing/openclaw.json");
    assert_eq!(kinds(&cfg), [IncludeErrorKind::Missing]);
    assert!(cfg.include_errors[0].message.starts_with("Failed to read include file: ./agents.json5 (resolved: "));
}

#[test]
fn cycles_direct_and_indirect() {
    let cfg = load_fixture("tests/fixtures/include-error/cycle/openclaw.json");
    assert_eq!(kinds(&cfg), [IncludeErrorKind::Cycle]);
    let msg = &cfg.include_errors[0].message;
    assert!(
        msg.starts_with("Circular include detected: ") && msg.contains("a.json5 -> ") && msg.contains("b.json5"),
        "{msg}"
    );
    let cfg = load_fixture("tests/fixtures/include-error/self-include/openclaw.json");
    assert_eq!(kinds(&cfg), [IncludeErrorKind::Cycle]);
}

fn chain(dir: &Path, levels: usize) {
    // openclaw.json includes l1.json5, which includes l2.json5, … up to `levels`.
    std::fs::write(dir.join("openclaw.json"), "{ agents: { $include: \"./l1.json5\" } }").unwrap();
    for i in 1..=levels {
        let body = if i == levels {
            "{ defaults: { maxConcurrent: 3 } }".to_string()
        } else {
            format!("{{ $include: \"./l{}.json5\" }}", i + 1)
        };
        std::fs::write(dir.join(format!("l{i}.json5")), body).unwrap();
    }
}

#[test]
fn depth_ten_is_fine_eleven_is_not() {
    let opts = LoadOptions::default();
    let ok = tempfile::tempdir().unwrap();
    chain(ok.path(), 10);
    let cfg = load(&ok.path().join("openclaw.json"), "openclaw.json".into(), String::new(), &opts).unwrap();
    assert!(cfg.include_errors.is_empty(), "{:?}", cfg.include_errors);
    assert_eq!(cfg.merged.unwrap().to_json(), json!({"agents": {"defaults": {"maxConcurrent": 3}}}));

    let deep = tempfile::tempdir().unwrap();
    chain(deep.path(), 11);
    let cfg = load(&deep.path().join("openclaw.json"), "openclaw.json".into(), String::new(), &opts).unwrap();
    assert_eq!(kinds(&cfg), [IncludeErrorKind::TooDeep]);
    assert_eq!(cfg.include_errors[0].message, "Maximum include depth (10) exceeded at: ./l11.json5");
}

#[test]
fn size_limit_is_two_mebibytes() {
    let opts = LoadOptions::default();
    for (size, ok) in [(MAX_INCLUDE_BYTES, true), (MAX_INCLUDE_BYTES + 1, false)] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("openclaw.json"), "{ gateway: { $include: \"./big.json5\" } }").unwrap();
        let head = "{ mode: \"local\" }";
        let mut body = String::from(head);
        body.push_str(&" ".repeat(size as usize - head.len()));
        std::fs::write(dir.path().join("big.json5"), body).unwrap();
        let cfg = load(&dir.path().join("openclaw.json"), "openclaw.json".into(), String::new(), &opts).unwrap();
        if ok {
            assert!(cfg.include_errors.is_empty(), "{size}: {:?}", cfg.include_errors);
        } else {
            assert_eq!(kinds(&cfg), [IncludeErrorKind::TooLarge], "{size}");
            let msg = &cfg.include_errors[0].message;
            let openclaw =
                "Include file failed security checks (regular file, max 2097152 bytes, no hardlinks): ./big.json5";
            assert!(msg.starts_with(openclaw), "{msg}");
            let msg = &cfg.include_errors[0].message;
            assert!(
                msg.starts_with(
                    "Include file failed security checks (regular file, max 2097152 bytes, no hardlinks): ./big.json5"
                ),
                "{msg}"
            );
        }
    }
}

#[test]
fn array_includes_merge_in_order() {
    let cfg = load_fixture("tests/fixtures/include-error/array-merge/openclaw.json");
    assert!(cfg.include_errors.is_empty());
    let merged = cfg.merged.as_ref().unwrap();
    assert_eq!(
        merged.get("broadcast").unwrap().to_json(),
        json!({"groups": {"a": {"allow": ["x"]}, "b": {"allow": ["y"]}}, "shared": {"owner": "b", "tags": ["one", "two"]}})
    );
    // Provenance: the winning `owner` comes from b.json5, with its own span.
    let owner = merged.at(&merged.resolve_dotted("broadcast.shared.owner").unwrap()).unwrap();
    let doc = cfg.file(owner.file);
    assert!(doc.display.ends_with("clients/b.json5"), "{}", doc.display);
    assert_eq!(&doc.text[owner.span.start..owner.span.end], "\"b\"");
}

#[test]
fn siblings_deep_merge_over_the_include() {
    let cfg = load_fixture("tests/fixtures/include-error/sibling-override/openclaw.json");
    assert!(cfg.include_errors.is_empty());
    let merged = cfg.merged.as_ref().unwrap();
    assert_eq!(
        merged.get("agents").unwrap().get("defaults").unwrap().get("model").unwrap().to_json(),
        json!({"primary": "openai/gpt-5.4", "fallbacks": ["openai/gpt-5.4-mini"]})
    );
    // The kept fallback still maps back to the included file; the override to the root file.
    let defaults = merged.at(&merged.resolve_dotted("agents.defaults.model").unwrap()).unwrap();
    let primary = defaults.get("primary").unwrap();
    let fallbacks = defaults.get("fallbacks").unwrap();
    assert_eq!(cfg.file(primary.file).display, "tests/fixtures/include-error/sibling-override/openclaw.json");
    assert!(cfg.file(fallbacks.file).display.ends_with("agents.json5"));
    // Findings inside the include carry OpenClaw's path, not the include-relative one.
    let r = common::lint("tests/fixtures/include-error/sibling-override/openclaw.json");
    let d = r.diagnostics.iter().find(|d| d.rule == "non-finite-number").unwrap();
    assert_eq!(d.path.dotted(), "agents.defaults.maxRetries");
}

#[test]
fn invalid_values_and_non_object_siblings() {
    let cfg = load_fixture("tests/fixtures/include-error/invalid-value/openclaw.json");
    assert_eq!(kinds(&cfg), [IncludeErrorKind::InvalidValue, IncludeErrorKind::InvalidValue]);
    assert_eq!(
        cfg.include_errors[0].message,
        "Invalid $include value: expected string or array of strings, got number"
    );
    assert_eq!(cfg.include_errors[1].message, "Invalid $include array item: expected string, got boolean");
    let cfg = load_fixture("tests/fixtures/include-error/siblings-not-object/openclaw.json");
    assert_eq!(kinds(&cfg), [IncludeErrorKind::SiblingsNeedObject]);
}

#[test]
fn include_roots_widen_confinement() {
    let base = tempfile::tempdir().unwrap();
    let config_dir = base.path().join("config");
    let shared = base.path().join("shared");
    std::fs::create_dir_all(&config_dir).unwrap();
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::write(shared.join("models.json5"), "{ mode: \"merge\" }").unwrap();
    std::fs::write(config_dir.join("openclaw.json"), "{ models: { $include: \"../shared/models.json5\" } }").unwrap();
    let root = config_dir.join("openclaw.json");
    let cfg = load(&root, "openclaw.json".into(), String::new(), &LoadOptions::default()).unwrap();
    assert_eq!(kinds(&cfg), [IncludeErrorKind::Escapes]);
    let opts =
        LoadOptions { include_roots: vec![shared.canonicalize().unwrap()], display_base: None, ..Default::default() };
    let cfg = load(&root, "openclaw.json".into(), String::new(), &opts).unwrap();
    assert!(cfg.include_errors.is_empty(), "{:?}", cfg.include_errors);
}

#[cfg(unix)]
#[test]
fn symlink_escaping_the_root_is_refused() {
    let base = tempfile::tempdir().unwrap();
    let config_dir = base.path().join("config");
    std::fs::create_dir_all(&config_dir).unwrap();
    std::fs::write(base.path().join("outside.json5"), "{}").unwrap();
    std::os::unix::fs::symlink(base.path().join("outside.json5"), config_dir.join("link.json5")).unwrap();
    std::fs::write(config_dir.join("openclaw.json"), "{ agents: { $include: \"./link.json5\" } }").unwrap();
    let cfg = load(&config_dir.join("openclaw.json"), "openclaw.json".into(), String::new(), &LoadOptions::default())
        .unwrap();
    assert_eq!(kinds(&cfg), [IncludeErrorKind::SymlinkEscapes]);
    assert!(
        cfg.include_errors[0]
            .message
            .starts_with("Include path resolves outside config directory (symlink): ./link.json5")
    );
}

#[cfg(unix)]
#[test]
fn hard_linked_includes_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("real.json5"), "{}").unwrap();
    std::fs::hard_link(dir.path().join("real.json5"), dir.path().join("hl.json5")).unwrap();
    std::fs::write(dir.path().join("openclaw.json"), "{ agents: { $include: \"./hl.json5\" } }").unwrap();
    let cfg = load(&dir.path().join("openclaw.json"), "openclaw.json".into(), String::new(), &LoadOptions::default())
        .unwrap();
    assert_eq!(kinds(&cfg), [IncludeErrorKind::Hardlinked]);
}
