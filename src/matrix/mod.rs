//! Per-release capability data (schemas, key-path index, catalogs, migrations) built from real
//! OpenClaw releases. Empty until the release importer lands; rules that need release data
//! read it from here.
