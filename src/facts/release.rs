//! The releases with data: the embedded schema pack, the releases it holds (plus one read from
//! an installation at run time, if any), and each one's [`Release`] (schema, keys the schema
//! leaves out), loaded on first use.

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

/// A release read from an installation at run time ([`crate::facts::installed`]), after the
/// embedded ones.
struct RuntimeRelease {
    pack: Arc<Pack<'static>>,
    version: CalVer,
}

static RUNTIME: OnceLock<RuntimeRelease> = OnceLock::new();
static RELEASES: OnceLock<Vec<CalVer>> = OnceLock::new();

/// Releases with data, oldest first: the embedded ones, then the one read at run time, if any.
pub fn releases() -> &'static [CalVer] {
    RELEASES.get_or_init(|| {
        let mut all: Vec<CalVer> = pack()
            .header
            .releases
            .iter()
            .map(|r| r.version.parse().expect("pack versions parse (checked by tests)"))
            .collect();
        all.extend(RUNTIME.get().map(|r| r.version.clone()));
        all
    })
}

/// The newest embedded release (read without fixing the release list, see
/// [`add_runtime_release`]).
pub fn embedded_newest() -> Option<CalVer> {
    pack().header.releases.last().and_then(|r| r.version.parse().ok())
}

/// How many releases the embedded pack holds.
pub fn embedded_count() -> usize {
    pack().header.releases.len()
}

/// Add a release read at run time (a one-release pack, [`crate::facts::installed`]) after the
/// embedded ones. Only before anything has asked for [`releases`], once per process, and only
/// for a release newer than every embedded one.
pub fn add_runtime_release(bytes: Vec<u8>) -> Result<CalVer, String> {
    if !can_add_runtime() {
        return Err("this process already fixed its releases".into());
    }
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let p = Pack::parse(bytes).map_err(|e| e.to_string())?;
    let [head] = p.header.releases.as_slice() else {
        return Err(format!("the pack holds {} releases, not one", p.header.releases.len()));
    };
    let version: CalVer = head.version.parse().map_err(|e| format!("{}: {e}", head.version))?;
    if let Some(n) = embedded_newest()
        && version <= n
    {
        return Err(format!("{version} is not newer than the embedded data ({n})"));
    }
    if RELEASES.get().is_some() {
        return Err("the releases were read before the installed one was added".into());
    }
    RUNTIME
        .set(RuntimeRelease { pack: Arc::new(p), version: version.clone() })
        .map_err(|_| "a release was already read at run time".to_owned())?;
    Ok(version)
}

/// The release read at run time, if one was added.
pub fn runtime_version() -> Option<&'static CalVer> {
    RUNTIME.get().map(|r| &r.version)
}

/// Whether a release read at run time can still be added: none was, and nothing has read the
/// release list yet (a second lint in one process, as a library front end runs, cannot).
pub fn can_add_runtime() -> bool {
    RUNTIME.get().is_none() && RELEASES.get().is_none()
}

/// Whether the release at `index` was read from an installation at run time.
pub fn is_runtime(index: usize) -> bool {
    RUNTIME.get().is_some() && index == embedded_count()
}

/// The key index of the release read at run time, and its position.
pub fn runtime_key_index() -> Option<(String, usize)> {
    let r = RUNTIME.get()?;
    Some((r.pack.blob_str(r.pack.header.key_index).unwrap_or_default(), embedded_count()))
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
    /// The zod version it validates with (rules/validation.toml `[zod.releases]`, or read from
    /// the installation).
    pub zod: Option<String>,
    /// For a release read at run time: the web_search providers its bundled plugins declare.
    pub web_search: Option<std::collections::BTreeMap<String, String>>,
}

/// The data of one release, loaded once per process.
pub fn release(index: usize) -> Arc<Release> {
    static CACHE: OnceLock<Mutex<HashMap<usize, Arc<Release>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut c = cache.lock().unwrap();
    c.entry(index).or_insert_with(|| Arc::new(load(index))).clone()
}

fn load(index: usize) -> Release {
    let (p, at) = match RUNTIME.get() {
        Some(r) if index == embedded_count() => (r.pack.clone(), 0),
        _ => (pack().clone(), index),
    };
    let e = p.release(at).expect("the schema pack is valid (the embedded one is checked by tests)");
    let version = releases()[index].clone();
    let v = crate::facts::validation::validation();
    Release {
        index,
        commit: e.commit.clone(),
        source: e.source.clone(),
        schema: SchemaSet::new(p.clone(), e.root),
        hidden: e
            .hidden
            .iter()
            .cloned()
            .chain(v.hidden.iter().filter(|h| h.releases.contains(&version)).map(|h| h.path.clone()))
            .collect(),
        providers: e.providers.clone(),
        zod: e.zod.clone().or_else(|| v.zod.releases.get(&version.to_string()).cloned()),
        web_search: e.web_search.clone(),
        version,
    }
}

/// The newest release with data at or before `v` (`None` when `v` predates all data).
pub fn nearest_at_or_before(v: &CalVer) -> Option<usize> {
    releases().iter().rposition(|r| r <= v)
}
