//! What a loaded config means: the auth context (profiles, keys, env references), every model
//! reference with its site, and each provider's readiness as a given release judges it.

pub mod auth;
pub mod model_refs;
pub mod readiness;
