//! clawlint: lint OpenClaw's `openclaw.json` against the release you run, and fix it
//! losslessly.
//!
//! The pipeline, in module order: [`document`] (JSON5 exactly as OpenClaw parses it, with spans
//! and a lossless CST) → [`config`] (discovery, `$include`, `${VAR}` references) → [`rules`]
//! (one file per rule) → [`fix`] (fixes as data) → [`report`] (one file per output format).
//! [`matrix`] holds what each imported OpenClaw release accepts. [`cli`] wires them to the
//! command line.

pub mod cli;
pub mod config;
pub mod document;
pub mod edit;
pub mod engine;
pub mod facts;
pub mod fsio;
#[doc(hidden)]
pub mod fuzzing;
pub mod model;
pub mod redact;
pub mod report;
pub mod rules;
pub mod util;
pub mod validate;
pub mod workspace;
