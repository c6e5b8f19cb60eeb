//! clawlint's maintainer tools as a library (the `xtask` binary and its tests use it): reading an
//! installed OpenClaw release into `schemas/matrix.pack` and `rules/*.toml`.

pub mod import;
pub mod pack_v1;
pub mod versions;
