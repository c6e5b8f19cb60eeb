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
}
