//! Loading a config the way OpenClaw loads it: the root file, its `$include`s, the merged view
//! with provenance, and the `${VAR}` references in it.

pub mod discover;
pub mod env;
pub mod found;
pub mod include;
pub mod load;
pub mod loaded;
pub mod secrets;

pub use load::{load, load_bytes};
pub use loaded::{FileError, LoadOptions, LoadedConfig, MAX_CONFIG_BYTES, file_key, include_roots};
