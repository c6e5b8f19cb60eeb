//! Every integration test, in one binary (one link instead of one per file).

mod common;

mod agreement;
mod attack_input;
mod attack_leak;
mod attack_write;
mod cli;
mod fix_cli;
mod fix_props;
mod fixes;
mod formats;
mod fuzz_corpus;
mod includes;
mod installed;
mod json5_parity;
mod layers;
mod matrix;
mod no_env;
mod pre_commit;
mod project;
mod readiness;
mod readme;
mod realworld;
mod recorded_includes;
mod robustness;
mod roundtrip;
mod rules;
mod safe_write;
mod security;
mod seed;
mod suppressions;
#[cfg(unix)]
mod terminal;
