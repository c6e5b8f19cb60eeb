//! The schema pack: every imported release's config schema, pre-digested into chunks and
//! stored once per distinct chunk, in one file (`schemas/matrix.pack`) embedded in the binary.
//!
//! Layout: the magic line `CLAWPACK 1\n`, a little-endian `u32` header length, the header
//! (zstd-compressed JSON: [`Header`]), then the blobs (independent zstd frames). A chunk is a
//! schema subtree; subtrees split off from it are *holes*, written as `true` in its text and
//! listed in the header with the chunk that fills them. Reading a release decompresses only the
//! header; each chunk's text is decompressed when a config first needs it.

use serde::{Deserialize, Serialize};
use std::io;

pub const MAGIC: &[u8] = b"CLAWPACK 1\n";

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Header {
    /// Imported releases, oldest first (OpenClaw's order).
    pub releases: Vec<ReleaseEntry>,
    pub chunks: Vec<Chunk>,
    /// `(offset, length)` of each blob, offsets from the start of the blob area.
    pub blobs: Vec<(u32, u32)>,
    /// Blob holding the key-path index: one `path\truns` line per path any release knows, the
    /// runs the positions in `releases` of the releases that know it (`0-10,12`).
    pub key_index: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
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
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden: Vec<String>,
    /// Provider ids the release bundles (`providers` of `dist/extensions/*/openclaw.plugin.json`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub providers: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq, Hash)]
pub struct Chunk {
    /// Blob with the chunk's schema text (minified JSON).
    pub blob: u32,
    /// Subschemas split off this chunk, each filled by another chunk.
    #[serde(default, skip_serializing_if = "Holes::is_empty")]
    pub holes: Holes,
}

/// A chunk's holes. Read from the header only when the chunk is first used: a run touches a
/// few dozen of the header's ~1,200 chunks, and decoding every hole up front was a third of
/// the time of linting a small config.
#[derive(Debug, Clone, Default)]
pub struct Holes {
    raw: Option<Box<serde_json::value::RawValue>>,
    parsed: std::sync::OnceLock<Vec<Hole>>,
}

impl Holes {
    pub fn is_empty(&self) -> bool {
        match &self.raw {
            Some(raw) => raw.get() == "[]",
            None => self.parsed.get().is_none_or(Vec::is_empty),
        }
    }
}

impl std::ops::Deref for Holes {
    type Target = [Hole];
    fn deref(&self) -> &[Hole] {
        self.parsed.get_or_init(|| match &self.raw {
            Some(raw) => serde_json::from_str(raw.get()).expect("the embedded schema pack is valid (checked by tests)"),
            None => Vec::new(),
        })
    }
}

impl From<Vec<Hole>> for Holes {
    fn from(v: Vec<Hole>) -> Holes {
        Holes { raw: None, parsed: std::sync::OnceLock::from(v) }
    }
}

impl PartialEq for Holes {
    fn eq(&self, other: &Holes) -> bool {
        **self == **other
    }
}

impl Eq for Holes {}

impl std::hash::Hash for Holes {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl Serialize for Holes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(s)
    }
}

impl<'de> Deserialize<'de> for Holes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Holes, D::Error> {
        Ok(Holes { raw: Some(Deserialize::deserialize(d)?), parsed: std::sync::OnceLock::new() })
    }
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

/// A pack in memory: the parsed header and the raw blob area.
#[derive(Debug)]
pub struct Pack<'a> {
    pub header: Header,
    data: &'a [u8],
}

impl<'a> Pack<'a> {
    pub fn parse(bytes: &'a [u8]) -> io::Result<Pack<'a>> {
        let bad = |m: &str| io::Error::new(io::ErrorKind::InvalidData, format!("schema pack: {m}"));
        if bytes.is_empty() {
            // Before the first import.
            let header = Header { releases: Vec::new(), chunks: Vec::new(), blobs: Vec::new(), key_index: 0 };
            return Ok(Pack { header, data: bytes });
        }
        let rest = bytes.strip_prefix(MAGIC).ok_or_else(|| bad("bad magic"))?;
        if rest.len() < 4 {
            return Err(bad("truncated"));
        }
        let len = u32::from_le_bytes(rest[..4].try_into().unwrap()) as usize;
        let rest = &rest[4..];
        if rest.len() < len {
            return Err(bad("truncated header"));
        }
        let json = zstd::decode_all(&rest[..len])?;
        let header: Header = serde_json::from_slice(&json).map_err(|e| bad(&e.to_string()))?;
        Ok(Pack { header, data: &rest[len..] })
    }

    /// Decompressed bytes of one blob.
    pub fn blob(&self, id: u32) -> io::Result<Vec<u8>> {
        let &(off, len) = self
            .header
            .blobs
            .get(id as usize)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, format!("schema pack: no blob {id}")))?;
        let raw = self
            .data
            .get(off as usize..(off + len) as usize)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "schema pack: blob out of range"))?;
        zstd::decode_all(raw)
    }

    pub fn blob_str(&self, id: u32) -> io::Result<String> {
        String::from_utf8(self.blob(id)?).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

/// Builds a pack, storing each distinct blob once.
#[derive(Default)]
pub struct PackWriter {
    blobs: Vec<Vec<u8>>,
    by_content: std::collections::HashMap<Vec<u8>, u32>,
    chunks: Vec<Chunk>,
    chunk_ids: std::collections::HashMap<Chunk, u32>,
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
    pub fn finish(self, releases: Vec<ReleaseEntry>, key_index: u32) -> io::Result<Vec<u8>> {
        let mut area = Vec::new();
        let mut spans = Vec::with_capacity(self.blobs.len());
        // One context for every blob: a fresh level-19 context per blob spent most of an
        // import's time allocating its window.
        let mut z19 = zstd::bulk::Compressor::new(19)?;
        for b in &self.blobs {
            let z = z19.compress(b)?;
            spans.push((area.len() as u32, z.len() as u32));
            area.extend_from_slice(&z);
        }
        let header = Header { releases, chunks: self.chunks, blobs: spans, key_index };
        let json = serde_json::to_vec(&header).map_err(io::Error::other)?;
        let hz = z19.compress(&json)?;
        let mut out = Vec::with_capacity(MAGIC.len() + 4 + hz.len() + area.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(hz.len() as u32).to_le_bytes());
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
        let leaf = w.chunk(Chunk { blob: a, holes: Holes::default() });
        let obj = w.blob(b"{\"type\":\"object\",\"properties\":{\"x\":true}}".to_vec());
        let root = w.chunk(Chunk { blob: obj, holes: vec![Hole::Property("x".into(), leaf)].into() });
        let idx = w.blob(b"x\t1\n".to_vec());
        let rel = ReleaseEntry {
            version: "2026.9.6".into(),
            commit: None,
            source: "test".into(),
            root,
            key_paths: idx,
            hidden: vec![],
            providers: vec![],
        };
        let bytes = w.finish(vec![rel], idx).unwrap();
        let p = Pack::parse(&bytes).unwrap();
        assert_eq!(p.header.releases[0].root, root);
        assert_eq!(p.blob_str(a).unwrap(), "{\"type\":\"string\"}");
        assert_eq!(*p.header.chunks[root as usize].holes, [Hole::Property("x".into(), leaf)]);
        assert!(p.header.chunks[leaf as usize].holes.is_empty());
        assert!(Pack::parse(&bytes[..10]).is_err());
    }
}
