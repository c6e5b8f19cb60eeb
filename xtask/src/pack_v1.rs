//! Reading the first pack layout (`CLAWPACK 1`: one zstd JSON header holding every chunk and
//! blob span), so `cargo xtask matrix repack` can carry a pack written before layout 2 over.

use crate::import::{Extra, Packed};
use clawlint::facts::CalVer;
use clawlint::facts::pack::Hole;
use serde::Deserialize;
use serde_json::Value;

pub const MAGIC: &[u8] = b"CLAWPACK 1\n";

#[derive(Deserialize)]
struct Header {
    releases: Vec<Release>,
    chunks: Vec<Chunk>,
    blobs: Vec<(u32, u32)>,
}

#[derive(Deserialize)]
struct Release {
    version: String,
    commit: Option<String>,
    source: String,
    root: u32,
    #[serde(default)]
    hidden: Vec<String>,
    #[serde(default)]
    providers: Vec<String>,
}

#[derive(Deserialize)]
struct Chunk {
    blob: u32,
    #[serde(default)]
    holes: Vec<Hole>,
}

struct V1<'a> {
    header: Header,
    data: &'a [u8],
}

impl V1<'_> {
    fn blob(&self, id: u32) -> Result<Value, String> {
        let &(off, len) = self.header.blobs.get(id as usize).ok_or("v1 pack: no such blob")?;
        let raw = self.data.get(off as usize..(off + len) as usize).ok_or("v1 pack: blob out of range")?;
        let bytes = zstd::decode_all(raw).map_err(|e| e.to_string())?;
        serde_json::from_slice(&bytes).map_err(|e| e.to_string())
    }

    /// The chunk's schema with every hole filled. Chunks hold references relative to themselves;
    /// layout 2 stores them the same way, so a chunk's text is re-split unchanged.
    fn assemble(&self, chunk: u32, ptr: &str) -> Result<Value, String> {
        let c = self.header.chunks.get(chunk as usize).ok_or("v1 pack: no such chunk")?;
        let mut v = self.blob(c.blob)?;
        clawlint::facts::digest::absolutize(&mut v, ptr);
        for h in &c.holes {
            match h {
                Hole::Property(name, id) => {
                    let child =
                        self.assemble(*id, &format!("{ptr}/properties/{}", clawlint::facts::digest::escape(name)))?;
                    if let Some(Value::Object(props)) = v.get_mut("properties") {
                        props.insert(name.clone(), child);
                    }
                }
                Hole::Additional(id) => {
                    let child = self.assemble(*id, &format!("{ptr}/additionalProperties"))?;
                    if let Value::Object(m) = &mut v {
                        m.insert("additionalProperties".into(), child);
                    }
                }
            }
        }
        Ok(v)
    }
}

/// Every release of a layout-1 pack, reassembled.
pub fn releases(bytes: &[u8]) -> Result<Vec<Packed>, String> {
    let rest = bytes.strip_prefix(MAGIC).ok_or("not a layout-1 pack")?;
    let len = u32::from_le_bytes(rest.get(..4).ok_or("v1 pack: truncated")?.try_into().unwrap()) as usize;
    let head = rest.get(4..4 + len).ok_or("v1 pack: truncated")?;
    let header: Header =
        serde_json::from_slice(&zstd::decode_all(head).map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    let v1 = V1 { header, data: &rest[4 + len..] };
    let mut out = Vec::new();
    for r in &v1.header.releases {
        let version: CalVer = r.version.parse().map_err(|e| format!("v1 pack: {e}"))?;
        out.push(Packed {
            version,
            commit: r.commit.clone(),
            source: r.source.clone(),
            schema: v1.assemble(r.root, "")?,
            extra: Extra { hidden: r.hidden.clone(), providers: r.providers.clone() },
        });
    }
    Ok(out)
}
