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
    assert!(readme.contains("cargo test --locked") && ci.contains("cargo test --locked"));
    assert!(readme.contains("clawlint doctor examples/seed/openclaw.json"));
}
