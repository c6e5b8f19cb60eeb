//! Loading a root config: read it (within OpenClaw's size limit), walk its `$include`s, merge,
//! collect `${VAR}` references and plaintext secrets, and register those with [`crate::redact`].

use crate::config::env::{self, EnvRef, EnvToken};
use crate::config::include::{Link, Loader, normalize};
use crate::config::loaded::{LoadOptions, LoadedConfig, MAX_CONFIG_BYTES, file_key};
use crate::config::secrets;
use crate::document::{KeyPath, Kind, Node, Span};
use crate::redact;
use std::collections::HashMap;
use std::path::Path;

/// Load a root config from bytes already read (used by tests and by [`load`]).
pub fn load_bytes(path: &Path, display: String, bytes: Vec<u8>, reason: String, opts: &LoadOptions) -> LoadedConfig {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let abs = normalize(&abs);
    // OpenClaw checks an include's path as written against the roots as written (the config's
    // directory, never resolved, and OPENCLAW_INCLUDE_ROOTS), then its real path against the
    // real paths of the roots (includes-*.mjs in 2026.9.6; recorded:
    // tests/fixtures/recorded/includes/state-dir-symlink-*, include-root-symlink-*).
    let config_dir = abs.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut roots = vec![config_dir.clone()];
    for r in &opts.include_roots {
        if !roots.contains(r) {
            roots.push(r.clone());
        }
    }
    let real_roots = roots.iter().filter_map(|r| std::fs::canonicalize(r).ok()).collect();
    let mut loader = Loader {
        opts,
        files: Vec::new(),
        mounts: Vec::new(),
        by_path: HashMap::new(),
        include_errors: Vec::new(),
        roots,
        real_roots,
    };
    let root_id = loader.add_file(abs.clone(), display, bytes);
    loader.mounts[0] = Some(KeyPath::root());
    let key = if opts.frozen { abs.clone() } else { std::fs::canonicalize(&abs).unwrap_or_else(|_| abs.clone()) };
    loader.by_path.insert(key.clone(), root_id);
    let merged = loader.files[0].tree().cloned().map(|tree| {
        let mut chain = vec![Link { key: abs.clone(), shown: abs.clone() }];
        loader.resolve(&tree, root_id, &mut chain, &KeyPath::root())
    });
    let env_refs = merged.as_ref().map(collect_env_refs).unwrap_or_default();
    let mut config = LoadedConfig {
        files: loader.files,
        mounts: loader.mounts,
        reason,
        merged,
        include_errors: loader.include_errors,
        env_refs,
        secrets: Vec::new(),
    };
    config.secrets = secrets::scan(&config.files, &config.mounts);
    // Whatever clawlint prints from now on masks this config's secrets.
    register_secrets(&config);
    config
}

/// Read and load a root config. Only the root file's own read errors are `Err`: problems with
/// includes are findings.
pub fn load(path: &Path, display: String, reason: String, opts: &LoadOptions) -> std::io::Result<LoadedConfig> {
    let lexical = normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
    let bytes = match opts.overlay.get(&lexical).or_else(|| opts.overlay.get(&file_key(path))) {
        Some(text) => text.as_bytes().to_vec(),
        None => {
            let limits =
                crate::fsio::ReadLimits { cap: MAX_CONFIG_BYTES, allow_pipe: opts.named.iter().any(|n| n == path) };
            crate::fsio::read(path, limits)?
        }
    };
    Ok(load_bytes(path, display, bytes, reason, opts))
}

fn collect_env_refs(merged: &Node) -> Vec<EnvRef> {
    let mut out = Vec::new();
    merged.walk(&mut KeyPath::root(), &mut |path, node, _| {
        if let Kind::String(s) = &node.kind {
            for tok in env::scan(s) {
                if let EnvToken::Ref { name } = tok {
                    out.push(EnvRef { name, file: node.file, span: node.span, path: path.clone() });
                }
            }
        }
    });
    out
}

/// Register every plaintext secret of a loaded config with [`crate::redact`]: the decoded value
/// and, when it differs, the text as written (escapes and all). A file that does not parse has
/// no tree to judge, so every string written after a credential-like key is registered (its
/// snippet still shows).
fn register_secrets(config: &LoadedConfig) {
    // Names are never masked: what a file is called and the keys it uses.
    for doc in &config.files {
        let path = doc.path.display().to_string();
        let mut names: Vec<&str> = vec![&doc.display, &path];
        if let Some(tree) = doc.tree() {
            keys(tree, &mut names);
        }
        redact::protect_names(names);
    }
    for doc in &config.files {
        if doc.tree().is_none() {
            redact::register_keyed_values(&doc.text);
        }
    }
    for site in &config.secrets {
        let doc = config.file(site.file);
        let raw = &doc.text[site.span.start..site.span.end];
        let raw = raw.get(1..raw.len().saturating_sub(1)).unwrap_or(raw);
        redact::register(raw);
        let value = match doc.tree().and_then(|t| string_at(t, site.span)) {
            Some(v) => v,
            None => continue,
        };
        if value != raw {
            redact::register(value);
        }
        // `--api-key=VALUE`, `${VALUE}`: the part that is the key, as well.
        let part = secrets::arg_value(&site.place, value);
        if part != value {
            redact::register(part);
        }
        if let Some(inner) = value.strip_prefix("${").and_then(|v| v.strip_suffix('}')) {
            redact::register(inner);
        }
    }
}

/// Every object key under `node` (names that masking leaves alone).
fn keys<'n>(node: &'n Node, out: &mut Vec<&'n str>) {
    match &node.kind {
        Kind::Object(members) => {
            for m in members {
                out.push(&m.key);
                keys(&m.value, out);
            }
        }
        Kind::Array(items) => items.iter().for_each(|x| keys(x, out)),
        _ => {}
    }
}

/// The string value exactly at `span`, if there is one.
fn string_at(node: &Node, span: Span) -> Option<&str> {
    if node.span == span {
        return match &node.kind {
            Kind::String(s) => Some(s),
            _ => None,
        };
    }
    if !(node.span.start <= span.start && span.end <= node.span.end) {
        return None;
    }
    match &node.kind {
        Kind::Object(ms) => ms.iter().find_map(|m| string_at(&m.value, span)),
        Kind::Array(xs) => xs.iter().find_map(|x| string_at(x, span)),
        _ => None,
    }
}
