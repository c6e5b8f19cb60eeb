//! The schema pack: every imported release's config schema, pre-digested into chunks and
//! stored once per distinct chunk, in one file (`schemas/matrix.pack`) embedded in the binary.
//!
//! Layout (all integers little-endian `u32`):
//!
//! ```text
//! CLAWPACK 2\n
//! n_blobs n_chunks header_len
//! blob table    n_blobs  × (offset, length)        offsets from the start of the blob area
//! chunk table   n_chunks × (blob, holes blob)      u32::MAX: no holes
//! header        zstd JSON [`Header`]: per release its version, root chunk and meta blob
//! blob area     one zstd frame per distinct blob
//! ```
//!
//! A chunk is a schema subtree; subtrees split off from it are *holes*, written as `true` in its
//! text and listed (JSON [`Hole`]s) in the chunk's holes blob. Opening the pack reads three
//! numbers and a header of a few bytes per release; the tables are read in place, and a chunk's
//! text, its holes and a release's meta (commit, source, hidden keys, providers) are decompressed
//! when first needed. So what a run costs does not grow with the number of releases.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::io;
use std::sync::{Arc, Mutex};

pub const MAGIC: &[u8] = b"CLAWPACK 2\n";
const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Header {
    /// Imported releases, oldest first (OpenClaw's order).
    pub releases: Vec<ReleaseHead>,
    /// Blob holding the key-path index: one `path\truns` line per path any release knows, the
    /// runs the positions in `releases` of the releases that know it (`0-10,12`).
    pub key_index: u32,
}

/// What opening the pack reads of each release.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ReleaseHead {
    pub version: String,
    /// The chunk holding the schema root.
    pub root: u32,
    /// Blob holding the rest of the release's [`ReleaseEntry`] (JSON [`ReleaseMeta`]).
    pub meta: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
struct ReleaseMeta {
    commit: Option<String>,
    source: String,
    key_paths: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    hidden: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    providers: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    zod: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    web_search: Option<BTreeMap<String, String>>,
}

/// Everything the pack records about one release.
#[derive(Debug, Clone, PartialEq)]
pub struct ReleaseEntry {
    pub version: String,
    pub commit: Option<String>,
    /// Where the data came from, e.g. `npm openclaw@2026.9.6, openclaw config schema`.
    pub source: String,
    /// The chunk holding the schema root.
    pub root: u32,
    /// Blob holding the release's own key paths (one per line, sorted); kept so a later import
    /// can rebuild the index without re-reading every schema.
    pub key_paths: u32,
    /// Keys the release accepts but leaves out of its exported schema
    /// (`LEGACY_HIDDEN_PUBLIC_PATHS` in its dist), dotted.
    pub hidden: Vec<String>,
    /// Provider ids the release bundles (`providers` of `dist/extensions/*/openclaw.plugin.json`).
    pub providers: Vec<String>,
    /// The zod version it validates with, for a release read at run time (imported releases
    /// have theirs in rules/validation.toml).
    pub zod: Option<String>,
    /// The web_search providers its bundled plugins declare (provider → plugin), for a release
    /// read at run time (imported releases have theirs in rules/web-search.toml).
    pub web_search: Option<BTreeMap<String, String>>,
}

/// A chunk as written: its text's blob and the subschemas split off it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Chunk {
    pub blob: u32,
    pub holes: Vec<Hole>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub enum Hole {
    /// `properties.<name>` of the chunk's root object.
    #[serde(rename = "p")]
    Property(String, u32),
    /// `additionalProperties` of the chunk's root object (every key not in `properties`).
    #[serde(rename = "a")]
    Additional(u32),
}

/// A pack in memory: the parsed header, the tables and the blob area, all borrowed.
#[derive(Debug)]
pub struct Pack<'a> {
    pub header: Header,
    blob_table: &'a [u8],
    chunk_table: &'a [u8],
    data: &'a [u8],
    holes: Mutex<HashMap<u32, Arc<[Hole]>>>,
}

fn bad(m: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("schema pack: {m}"))
}

fn u32_at(b: &[u8], i: usize) -> io::Result<u32> {
    b.get(i * 4..i * 4 + 4).map(|w| u32::from_le_bytes(w.try_into().unwrap())).ok_or_else(|| bad("truncated"))
}

impl<'a> Pack<'a> {
    pub fn parse(bytes: &'a [u8]) -> io::Result<Pack<'a>> {
        if bytes.is_empty() {
            // Before the first import.
            let header = Header { releases: Vec::new(), key_index: NONE };
            return Ok(Pack { header, blob_table: &[], chunk_table: &[], data: &[], holes: Default::default() });
        }
        let rest = bytes.strip_prefix(MAGIC).ok_or_else(|| bad("bad magic"))?;
        let (n_blobs, n_chunks, len) =
            (u32_at(rest, 0)? as usize, u32_at(rest, 1)? as usize, u32_at(rest, 2)? as usize);
        let rest = &rest[12..];
        let split = |r: &'a [u8], n: usize| (n <= r.len()).then(|| r.split_at(n)).ok_or_else(|| bad("truncated"));
        let (blob_table, rest) = split(rest, n_blobs.checked_mul(8).ok_or_else(|| bad("size"))?)?;
        let (chunk_table, rest) = split(rest, n_chunks.checked_mul(8).ok_or_else(|| bad("size"))?)?;
        let (head, data) = split(rest, len)?;
        let json = zstd::decode_all(head)?;
        let header: Header = serde_json::from_slice(&json).map_err(|e| bad(&e.to_string()))?;
        Ok(Pack { header, blob_table, chunk_table, data, holes: Default::default() })
    }

    /// Decompressed bytes of one blob.
    pub fn blob(&self, id: u32) -> io::Result<Vec<u8>> {
        let i = id as usize;
        let (off, len) = (u32_at(self.blob_table, 2 * i)? as usize, u32_at(self.blob_table, 2 * i + 1)? as usize);
        let raw = self.data.get(off..off + len).ok_or_else(|| bad("blob out of range"))?;
        zstd::decode_all(raw)
    }

    pub fn blob_str(&self, id: u32) -> io::Result<String> {
        String::from_utf8(self.blob(id)?).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }

    pub fn chunk_count(&self) -> usize {
        self.chunk_table.len() / 8
    }

    /// The blob holding a chunk's text.
    pub fn chunk_blob(&self, id: u32) -> io::Result<u32> {
        u32_at(self.chunk_table, 2 * id as usize)
    }

    /// The holes of a chunk (read once per process).
    pub fn holes(&self, id: u32) -> io::Result<Arc<[Hole]>> {
        if let Some(h) = self.holes.lock().unwrap().get(&id) {
            return Ok(h.clone());
        }
        let blob = u32_at(self.chunk_table, 2 * id as usize + 1)?;
        let holes: Arc<[Hole]> = if blob == NONE {
            Arc::from(Vec::new())
        } else {
            serde_json::from_slice::<Vec<Hole>>(&self.blob(blob)?).map_err(|e| bad(&e.to_string()))?.into()
        };
        self.holes.lock().unwrap().insert(id, holes.clone());
        Ok(holes)
    }

    /// Everything recorded about the release at position `i`.
    pub fn release(&self, i: usize) -> io::Result<ReleaseEntry> {
        let h = self.header.releases.get(i).ok_or_else(|| bad("no such release"))?;
        let m: ReleaseMeta = serde_json::from_slice(&self.blob(h.meta)?).map_err(|e| bad(&e.to_string()))?;
        Ok(ReleaseEntry {
            version: h.version.clone(),
            commit: m.commit,
            source: m.source,
            root: h.root,
            key_paths: m.key_paths,
            hidden: m.hidden,
            providers: m.providers,
            zod: m.zod,
            web_search: m.web_search,
        })
    }
}

/// Builds a pack, storing each distinct blob once.
#[derive(Default)]
pub struct PackWriter {
    blobs: Vec<Vec<u8>>,
    by_content: HashMap<Vec<u8>, u32>,
    chunks: Vec<Chunk>,
    chunk_ids: HashMap<Chunk, u32>,
}

impl PackWriter {
    pub fn blob(&mut self, content: Vec<u8>) -> u32 {
        if let Some(&id) = self.by_content.get(&content) {
            return id;
        }
        let id = self.blobs.len() as u32;
        self.by_content.insert(content.clone(), id);
        self.blobs.push(content);
        id
    }

    pub fn chunk(&mut self, chunk: Chunk) -> u32 {
        if let Some(&id) = self.chunk_ids.get(&chunk) {
            return id;
        }
        let id = self.chunks.len() as u32;
        self.chunk_ids.insert(chunk.clone(), id);
        self.chunks.push(chunk);
        id
    }

    /// Serialise: compress every blob at a high level (the pack is written once per import and
    /// read on every run).
    pub fn finish(mut self, releases: Vec<ReleaseEntry>, key_index: u32) -> io::Result<Vec<u8>> {
        let mut chunk_table = Vec::with_capacity(self.chunks.len() * 8);
        for c in std::mem::take(&mut self.chunks) {
            let holes = if c.holes.is_empty() {
                NONE
            } else {
                self.blob(serde_json::to_vec(&c.holes).map_err(io::Error::other)?)
            };
            chunk_table.extend_from_slice(&c.blob.to_le_bytes());
            chunk_table.extend_from_slice(&holes.to_le_bytes());
        }
        let mut heads = Vec::with_capacity(releases.len());
        for r in releases {
            let meta = ReleaseMeta {
                commit: r.commit,
                source: r.source,
                key_paths: r.key_paths,
                hidden: r.hidden,
                providers: r.providers,
                zod: r.zod,
                web_search: r.web_search,
            };
            let meta = self.blob(serde_json::to_vec(&meta).map_err(io::Error::other)?);
            heads.push(ReleaseHead { version: r.version, root: r.root, meta });
        }
        // One context for every blob: a fresh level-19 context per blob spent most of an
        // import's time allocating its window.
        let mut z19 = zstd::bulk::Compressor::new(19)?;
        let mut area = Vec::new();
        let mut blob_table = Vec::with_capacity(self.blobs.len() * 8);
        for b in &self.blobs {
            let z = z19.compress(b)?;
            blob_table.extend_from_slice(&(area.len() as u32).to_le_bytes());
            blob_table.extend_from_slice(&(z.len() as u32).to_le_bytes());
            area.extend_from_slice(&z);
        }
        let header = Header { releases: heads, key_index };
        let hz = z19.compress(&serde_json::to_vec(&header).map_err(io::Error::other)?)?;
        let mut out =
            Vec::with_capacity(MAGIC.len() + 12 + blob_table.len() + chunk_table.len() + hz.len() + area.len());
        out.extend_from_slice(MAGIC);
        for n in [self.blobs.len(), chunk_table.len() / 8, hz.len()] {
            out.extend_from_slice(&(n as u32).to_le_bytes());
        }
        out.extend_from_slice(&blob_table);
        out.extend_from_slice(&chunk_table);
        out.extend_from_slice(&hz);
        out.extend_from_slice(&area);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_dedupe() {
        let mut w = PackWriter::default();
        let a = w.blob(b"{\"type\":\"string\"}".to_vec());
        let b = w.blob(b"{\"type\":\"string\"}".to_vec());
        assert_eq!(a, b);
        let leaf = w.chunk(Chunk { blob: a, holes: vec![] });
        let obj = w.blob(b"{\"type\":\"object\",\"properties\":{\"x\":true}}".to_vec());
        let root = w.chunk(Chunk { blob: obj, holes: vec![Hole::Property("x".into(), leaf)] });
        let idx = w.blob(b"x\t1\n".to_vec());
        let rel = ReleaseEntry {
            version: "2026.9.6".into(),
            commit: None,
            source: "test".into(),
            root,
            key_paths: idx,
            hidden: vec!["h".into()],
            providers: vec!["p".into()],
            zod: None,
            web_search: None,
        };
        let bytes = w.finish(vec![rel.clone()], idx).unwrap();
        let p = Pack::parse(&bytes).unwrap();
        assert_eq!(p.header.releases[0].root, root);
        assert_eq!(p.release(0).unwrap(), rel);
        assert_eq!(p.blob_str(a).unwrap(), "{\"type\":\"string\"}");
        assert_eq!(p.chunk_count(), 2);
        assert_eq!(&*p.holes(root).unwrap(), [Hole::Property("x".into(), leaf)]);
        assert!(p.holes(leaf).unwrap().is_empty());
        assert!(p.holes(7).is_err());
        for n in [3, 10, 20, 40] {
            assert!(Pack::parse(&bytes[..n]).is_err(), "{n}");
        }
    }
}
