//! What a run is: the inputs, their `clawlint.toml`, and the library API front ends call
//! ([`lint`]; the fix loop is `crate::engine::fix`).

pub mod compat;
pub mod installed;
pub mod project;
pub mod run;

pub use run::{Inputs, Options, Report, UsageError, lint};
