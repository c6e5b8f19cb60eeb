//! The engine: rule metadata and the context rules read, selection, suppressions, the lint loop
//! and the fix loop, and the locked atomic write. It runs whatever registry it is given (the
//! `rules` layer's), so it imports no rule.

pub mod diagnostic;
pub mod fix;
pub mod lint;
pub mod machine;
pub mod rule;
pub mod select;
pub mod suppress;
pub mod write;

pub use diagnostic::{Diagnostic, Label, Severity};
pub use lint::{LintResult, check};
pub use rule::{Category, Context, FixAvailability, Need, Reference, Registry, Rule};
pub use select::{PathIgnore, Selection, target_for};
