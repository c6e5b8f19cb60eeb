//! `rules/versions.toml`: every published OpenClaw version, rewritten from
//! `npm view openclaw versions --json`.

use clawlint::facts::version::CalVer;
use clawlint::facts::versions;

/// Rewrite `versions.toml` text with a new version list (from `npm view openclaw versions
/// --json`), keeping the file's comments and layout. Versions that do not parse as OpenClaw
/// versions (`0.0.1` does) are reported back.
pub fn update(text: &str, npm_versions: &[String]) -> Result<(String, Vec<String>), String> {
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e| format!("{}: {e}", versions::PATH))?;
    let mut vs: Vec<CalVer> = Vec::new();
    let mut skipped = Vec::new();
    for s in npm_versions {
        match s.parse::<CalVer>() {
            Ok(v) => vs.push(v),
            Err(_) => skipped.push(s.clone()),
        }
    }
    vs.sort();
    vs.dedup();
    let mut arr = toml_edit::Array::new();
    for v in &vs {
        let mut t = toml_edit::InlineTable::new();
        t.insert("version", v.to_string().into());
        t.insert("channel", v.channel().as_str().into());
        arr.push(t);
    }
    for v in arr.iter_mut() {
        v.decor_mut().set_prefix("\n  ");
    }
    arr.set_trailing("\n");
    arr.set_trailing_comma(true);
    doc["versions"] = toml_edit::value(arr);
    Ok((doc.to_string(), skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_keeps_comments() {
        let text = "# header\n# source: npm\nversions = []\n";
        let (out, skipped) = update(text, &["2026.7.1-2".into(), "2026.7.1".into(), "x".into()]).unwrap();
        assert!(out.starts_with("# header\n# source: npm\n"), "{out}");
        assert_eq!(skipped, ["x"]);
        let doc: toml_edit::DocumentMut = out.parse().unwrap();
        let list = doc["versions"].as_array().unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list.get(0).unwrap().as_inline_table().unwrap()["version"].as_str(), Some("2026.7.1"));
    }
}
