//! A config against one release: its load-time migrations, its schema, the refinements OpenClaw
//! checks beyond the schema, and the classification of each issue across releases.

pub mod check;
pub mod classify;
pub mod issue;
pub mod legacy;
pub mod migrate;
mod migrate_legacy;
mod migrated;
pub mod refine;
