//! README.md stays true: its rules table is the registry's, and the commands it shows exist.

#[test]
fn rules_table_matches_registry() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme.find("<!-- rules:start -->\n").expect("rules:start marker") + "<!-- rules:start -->\n".len();
    let end = readme.find("<!-- rules:end -->").expect("rules:end marker");
    let want = clawlint::rules::markdown_table();
    assert_eq!(&readme[start..end], want, "README rules table is stale; replace it with:\n{want}");
}

#[test]
fn test_command_in_readme_is_what_ci_runs() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let ci = std::fs::read_to_string(".ci/run").unwrap();
    // The command README.md gives for running the tests is the one CI runs.
    let command = readme
        .lines()
        .find(|l| l.starts_with("cargo test") && l.contains("# run the test suite"))
        .and_then(|l| l.split('#').next())
        .map(str::trim)
        .expect("README.md names the test command");
    assert_eq!(command, "cargo test --workspace --locked");
    assert!(ci.lines().any(|l| l.trim() == command), ".ci/run does not run `{command}`");
    assert!(readme.contains("clawlint doctor examples/seed/openclaw.json"));
}

#[test]
fn suppression_example_is_clean_and_needs_every_comment() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let section = &readme[readme.find("## Suppressing a finding").expect("section")..];
    let start = section.find("```json5\n").unwrap() + "```json5\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    let lint = |text: &str| {
        let path = dir.path().join("openclaw.json5");
        std::fs::write(&path, text).unwrap();
        let opts = clawlint::config::LoadOptions::default();
        let config = clawlint::config::load(&path, "openclaw.json5".into(), "readme".into(), &opts).unwrap();
        let sel = clawlint::engine::Selection { target: "2026.9.6".parse().unwrap(), ..Default::default() };
        clawlint::engine::check(&config, &sel).into_iter().map(|d| d.rule).collect::<Vec<_>>()
    };
    assert_eq!(lint(example), Vec::<&str>::new(), "the README example is not clean");
    let mut bare = lint(&example.replace("clawlint-ignore", "note"));
    bare.sort();
    bare.dedup();
    assert_eq!(bare, ["dangerous-flags", "fallback-duplicate", "gateway-exposed"]);
}
