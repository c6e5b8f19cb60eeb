//! Exit codes (API: 0 clean, 1 findings, 2 usage or I/O error, 3 internal error) and the one
//! shape of a usage or I/O error message.

pub const CLEAN: u8 = 0;
pub const FINDINGS: u8 = 1;
pub const USAGE: u8 = 2;
pub const INTERNAL: u8 = 3;

/// Print a usage or I/O error to stderr in one consistent shape.
pub fn error(msg: impl std::fmt::Display) {
    crate::redact::say!("clawlint: error: {msg}");
}
