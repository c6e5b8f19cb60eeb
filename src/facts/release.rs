//! The imported releases: the embedded schema pack, the releases it holds, and each one's
//! [`Release`] (schema, keys the schema leaves out), loaded on first use.

use crate::facts::pack::Pack;
use crate::facts::schema::SchemaSet;
use crate::facts::version::CalVer;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

static PACK_BYTES: &[u8] = include_bytes!("../../schemas/matrix.pack");

/// The embedded pack (its header parsed on first use).
pub fn pack() -> &'static Arc<Pack<'static>> {
    static PACK: OnceLock<Arc<Pack<'static>>> = OnceLock::new();
    PACK.get_or_init(|| {
        Arc::new(Pack::parse(PACK_BYTES).expect("the embedded schema pack is valid (checked by tests)"))
    })
}

/// Releases with data, oldest first.
pub fn releases() -> &'static [CalVer] {
    static REL: OnceLock<Vec<CalVer>> = OnceLock::new();
    REL.get_or_init(|| {
        pack()
            .header
            .releases
            .iter()
            .map(|r| r.version.parse().expect("pack versions parse (checked by tests)"))
            .collect()
    })
}

/// One imported release.
pub struct Release {
    pub version: CalVer,
    /// Position in [`releases`] (and bit in the key index masks).
    pub index: usize,
    pub commit: Option<String>,
    pub source: String,
    pub schema: SchemaSet,
    /// Keys accepted but left out of the exported schema (dotted).
    pub hidden: Vec<String>,
    /// Provider ids the release bundles.
    pub providers: Vec<String>,
}

/// The data of one imported release, loaded once per process.
pub fn release(index: usize) -> Arc<Release> {
    static CACHE: OnceLock<Mutex<HashMap<usize, Arc<Release>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut c = cache.lock().unwrap();
    c.entry(index)
        .or_insert_with(|| {
            let p = pack();
            let e = p.release(index).expect("the embedded schema pack is valid (checked by tests)");
            Arc::new(Release {
                version: releases()[index].clone(),
                index,
                commit: e.commit.clone(),
                source: e.source.clone(),
                schema: SchemaSet::new(p.clone(), e.root),
                hidden: e
                    .hidden
                    .iter()
                    .cloned()
                    .chain(
                        crate::facts::validation::validation()
                            .hidden
                            .iter()
                            .filter(|h| h.releases.contains(&releases()[index]))
                            .map(|h| h.path.clone()),
                    )
                    .collect(),
                providers: e.providers.clone(),
            })
        })
        .clone()
}

/// The newest release with data at or before `v` (`None` when `v` predates all data).
pub fn nearest_at_or_before(v: &CalVer) -> Option<usize> {
    releases().iter().rposition(|r| r <= v)
}
