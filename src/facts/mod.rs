//! The capability matrix: what each imported OpenClaw release accepts, embedded in the binary.
//!
//! Data: `schemas/matrix.pack` (every imported release's config schema, chunked, see [`pack`])
//! and `rules/versions.toml` (every published version). Only the target release's header entry
//! is touched on a normal run, and only the schema chunks the config reaches are decompressed
//! and compiled. The key-path index (which release knows which key) is read the first time a
//! config has a key the target rejects.

pub mod auth_facts;
pub mod catalog;
pub mod data;
pub mod digest;
pub mod installed;
pub mod keys;
pub mod pack;
pub mod packing;
pub mod release;
pub mod schema;
pub mod secrets;
pub mod security;
pub mod target;
pub mod validation;
pub mod version;
pub mod versions;

pub use release::{Release, nearest_at_or_before, pack, release, releases};
pub use target::{Target, TargetRequest};
pub use version::CalVer;
