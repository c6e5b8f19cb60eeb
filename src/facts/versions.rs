//! `rules/versions.toml`: every published OpenClaw version and its channel, embedded.

use crate::facts::version::{CalVer, Channel};
use serde::Deserialize;
use std::sync::OnceLock;

pub const PATH: &str = "rules/versions.toml";

#[derive(Debug, Clone, Deserialize)]
pub struct Published {
    pub version: CalVer,
    pub channel: Channel,
}

#[derive(Debug, Deserialize)]
struct File {
    versions: Vec<Published>,
}

/// Every published version, in OpenClaw's order.
pub fn published() -> &'static [Published] {
    static V: OnceLock<Vec<Published>> = OnceLock::new();
    V.get_or_init(|| {
        let mut f: File = crate::facts::data::VERSIONS.load().unwrap_or_else(|e| panic!("{e}"));
        f.versions.sort_by(|a, b| a.version.cmp(&b.version));
        f.versions
    })
}

pub fn latest(channel: Channel) -> Option<&'static CalVer> {
    published().iter().rev().find(|p| p.channel == channel).map(|p| &p.version)
}

pub fn is_published(v: &CalVer) -> bool {
    published().iter().any(|p| &p.version == v)
}

/// Rewrite `versions.toml` text with a new version list (from `npm view openclaw versions
/// --json`), keeping the file's comments and layout. Versions that do not parse as OpenClaw
/// versions (`0.0.1` does) are reported back.
pub fn update(text: &str, npm_versions: &[String]) -> Result<(String, Vec<String>), String> {
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e| format!("{PATH}: {e}"))?;
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
    fn embedded_list_parses_in_order() {
        let p = published();
        assert!(p.len() >= 133, "{} versions", p.len());
        assert!(p.windows(2).all(|w| w[0].version < w[1].version));
        for x in p {
            assert_eq!(x.channel, x.version.channel(), "{}", x.version);
        }
        assert!(is_published(&"2026.7.1-2".parse().unwrap()));
    }

    #[test]
    fn update_keeps_comments() {
        let text = "# header\n# source: npm\nversions = []\n";
        let (out, skipped) = update(text, &["2026.7.1-2".into(), "2026.7.1".into(), "x".into()]).unwrap();
        assert!(out.starts_with("# header\n# source: npm\n"), "{out}");
        assert_eq!(skipped, ["x"]);
        let f: File = toml_edit::de::from_str(&out).unwrap();
        assert_eq!(f.versions.len(), 2);
        assert_eq!(f.versions[0].version.to_string(), "2026.7.1");
    }
}
