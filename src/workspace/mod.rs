//! What a run is: the inputs, their `clawlint.toml`, and the library API front ends call.

pub mod project;
