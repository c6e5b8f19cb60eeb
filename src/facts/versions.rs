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

/// A published version that cannot have data.
#[derive(Debug, Clone, Deserialize)]
pub struct NoData {
    pub version: CalVer,
    pub reason: String,
    pub source: String,
}

#[derive(Debug, Deserialize)]
struct File {
    versions: Vec<Published>,
    #[serde(default)]
    no_data: Vec<NoData>,
}

fn file() -> &'static File {
    static F: OnceLock<File> = OnceLock::new();
    F.get_or_init(|| {
        let mut f: File = crate::facts::data::VERSIONS.load().unwrap_or_else(|e| panic!("{e}"));
        f.versions.sort_by(|a, b| a.version.cmp(&b.version));
        f
    })
}

/// Why a published version has no data, when it cannot have any.
pub fn no_data(v: &CalVer) -> Option<&'static NoData> {
    file().no_data.iter().find(|n| &n.version == v)
}

/// Every published version, in OpenClaw's order.
pub fn published() -> &'static [Published] {
    &file().versions
}

pub fn latest(channel: Channel) -> Option<&'static CalVer> {
    published().iter().rev().find(|p| p.channel == channel).map(|p| &p.version)
}

pub fn is_published(v: &CalVer) -> bool {
    published().iter().any(|p| &p.version == v)
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
        for n in &file().no_data {
            assert!(is_published(&n.version), "no_data for unpublished {}", n.version);
            assert!(!n.reason.is_empty() && !n.source.is_empty());
        }
        assert!(no_data(&"0.0.1".parse().unwrap()).is_some());
    }
}
