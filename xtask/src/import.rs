//! `cargo xtask matrix import`: read a real OpenClaw release and add it to the matrix.
//!
//! Runs the release (`--version`, `config schema`) in a throwaway HOME with a clean
//! environment, normalises and checks the schema, re-packs `schemas/matrix.pack` with every
//! release already there, and rebuilds the key-path index. The maintainer workflow around it
//! is `scripts/import-release.sh VERSION`.

use clawlint::facts::digest;
use clawlint::facts::installed::{self, extensions_dir};
use clawlint::facts::pack::Pack;
use clawlint::facts::packing::{self, PackRelease};
use clawlint::facts::version::{CalVer, parse_version_output};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const PACK_PATH: &str = "schemas/matrix.pack";

pub struct ImportOptions {
    /// The installed package (the directory holding `node_modules/openclaw`, or the package itself).
    pub package: PathBuf,
    /// How to run the release (a program path; words after the first are arguments).
    pub openclaw: String,
    /// The repository to update.
    pub repo: PathBuf,
    /// For releases without `openclaw config schema` (before 2026.3.28): the schema as
    /// `scripts/record/dist-schema.mjs --mode zod` printed it, and where it came from.
    pub schema: Option<(PathBuf, String)>,
}

#[derive(Debug)]
pub struct Imported {
    pub version: CalVer,
    pub commit: Option<String>,
    pub schema_bytes: usize,
    pub key_paths: usize,
    pub notes: Vec<String>,
    pub replaced: bool,
    pub pack_bytes: usize,
    pub releases: usize,
    /// What was merged into `rules/providers.toml` (`None` from [`add_release`] alone).
    pub catalog: Option<CatalogSummary>,
    /// The zod version the release validates with, when the package has it.
    pub zod: Option<String>,
}

fn run(opts: &ImportOptions, args: &[&str], home: &Path) -> Result<String, String> {
    let mut words = opts.openclaw.split_whitespace();
    let prog = words.next().ok_or("--openclaw is empty")?;
    let mut cmd = Command::new(prog);
    cmd.args(words).args(args).env_clear().env("HOME", home).env("NO_COLOR", "1");
    if let Some(p) = std::env::var_os("PATH") {
        cmd.env("PATH", p);
    }
    let out = cmd.output().map_err(|e| format!("running {prog}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`{} {}` failed ({}): {}",
            opts.openclaw,
            args.join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr).lines().take(5).collect::<Vec<_>>().join(" / ")
        ));
    }
    String::from_utf8(out.stdout).map_err(|e| format!("`{}` printed non-UTF-8: {e}", args.join(" ")))
}

/// The package's own version, from its package.json.
fn package_version(dir: &Path) -> Option<String> {
    for p in [dir.join("node_modules/openclaw/package.json"), dir.join("package.json")] {
        if let Ok(t) = std::fs::read_to_string(&p)
            && let Ok(v) = serde_json::from_str::<Value>(&t)
            && v.get("name").and_then(Value::as_str) == Some("openclaw")
        {
            return v.get("version").and_then(Value::as_str).map(str::to_owned);
        }
    }
    None
}

pub fn import(opts: &ImportOptions) -> Result<Imported, String> {
    let home = tempdir()?;
    let result = import_in(opts, &home);
    let _ = std::fs::remove_dir_all(&home);
    result
}

fn tempdir() -> Result<PathBuf, String> {
    clawlint::fsio::private_dir(&std::env::temp_dir(), "clawlint-import-").map_err(|e| format!("a temporary HOME: {e}"))
}

fn import_in(opts: &ImportOptions, home: &Path) -> Result<Imported, String> {
    let printed = run(opts, &["--version"], home)?;
    let (version, commit) =
        parse_version_output(&printed).ok_or_else(|| format!("`--version` printed no version: {printed:?}"))?;
    if let Some(pv) = package_version(&opts.package)
        && pv != version.to_string()
    {
        return Err(format!("{} is openclaw {pv}, but the command runs {version}", opts.package.display()));
    }
    let text = match &opts.schema {
        Some((file, _)) => std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?,
        None => run(opts, &["config", "schema"], home)?,
    };
    let mut schema: Value =
        serde_json::from_str(&text).map_err(|e| format!("`config schema` output is not JSON: {e}"))?;
    let notes = digest::normalize(&mut schema);
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .build(&schema)
        .map_err(|e| format!("{version}'s schema does not compile after normalising: {e}"))?;
    let root = openclaw_root(&opts.package);
    let extra = Extra { hidden: installed::hidden_paths(&root), providers: installed::bundled_providers(&root) };
    // Read the provider catalog before writing anything, so a package it cannot read leaves
    // the repository as it was.
    let catalog_release = extract_catalog(&opts.package, version.clone(), commit.clone())?;
    let ext = extensions_dir(&root).1;
    let source = match &opts.schema {
        Some((_, from)) => format!("npm openclaw@{version}: {from}, {ext}/*/openclaw.plugin.json"),
        None => format!("npm openclaw@{version}: `openclaw config schema`, {ext}/*/openclaw.plugin.json"),
    };
    let mut imported = add_release(
        &opts.repo,
        NewRelease { version, commit, source, schema, extra, schema_bytes: text.len(), notes },
    )?;
    imported.catalog = Some(write_catalog(&opts.repo, &catalog_release)?);
    if let Some(zod) = installed::zod_version(&root) {
        record_zod(&opts.repo, &imported.version, &zod)?;
        imported.zod = Some(zod);
    }
    Ok(imported)
}

/// Set `[zod.releases] "<version>" = "<zod>"` in rules/validation.toml, keeping the file's
/// comments and order.
pub fn record_zod(repo: &Path, version: &CalVer, zod: &str) -> Result<(), String> {
    let path = repo.join("rules/validation.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut doc: toml_edit::DocumentMut = text.parse().map_err(|e| format!("{}: {e}", path.display()))?;
    let releases = doc
        .get_mut("zod")
        .and_then(|z| z.get_mut("releases"))
        .and_then(|r| r.as_table_like_mut())
        .ok_or_else(|| format!("{}: no [zod.releases] table", path.display()))?;
    let key = version.to_string();
    if releases.get(&key).and_then(|v| v.as_str()) == Some(zod) {
        return Ok(());
    }
    releases.insert(&key, toml_edit::value(zod));
    write_atomic(&path, doc.to_string().as_bytes())
}

/// One release's data, ready to pack.
pub struct NewRelease {
    pub version: CalVer,
    pub commit: Option<String>,
    pub source: String,
    /// Normalised.
    pub schema: Value,
    pub extra: Extra,
    pub schema_bytes: usize,
    pub notes: Vec<String>,
}

/// What an import reads from the package besides the schema.
#[derive(Debug, Clone, Default)]
pub struct Extra {
    pub hidden: Vec<String>,
    pub providers: Vec<String>,
}

/// Add (or replace) one release's normalised schema in the repository's pack.
pub fn add_release(repo: &Path, new: NewRelease) -> Result<Imported, String> {
    let NewRelease { version, commit, source, schema, extra, schema_bytes, notes } = new;
    let mut all = packed_releases(repo)?;
    let replaced = all.iter().any(|r| r.version == version);
    all.retain(|r| r.version != version);
    all.push(Packed { version: version.clone(), commit: commit.clone(), source, schema, extra });
    let (this_paths, pack_bytes) = write_pack(repo, all, Some(&version))?;
    let releases = packed_releases_count(repo)?;
    Ok(Imported {
        version,
        commit,
        schema_bytes,
        key_paths: this_paths,
        notes,
        replaced,
        pack_bytes,
        releases,
        catalog: None,
        zod: None,
    })
}

/// One release as the pack holds it, reassembled.
pub struct Packed {
    pub version: CalVer,
    pub commit: Option<String>,
    pub source: String,
    pub schema: Value,
    pub extra: Extra,
}

/// Everything already in the repository's pack, reassembled (empty when there is no pack).
pub fn packed_releases(repo: &Path) -> Result<Vec<Packed>, String> {
    let pack_path = repo.join(PACK_PATH);
    let mut all = Vec::new();
    if let Ok(bytes) = std::fs::read(&pack_path) {
        if bytes.starts_with(crate::pack_v1::MAGIC) {
            return crate::pack_v1::releases(&bytes).map_err(|e| format!("{}: {e}", pack_path.display()));
        }
        let pack = Pack::parse(&bytes).map_err(|e| format!("{}: {e}", pack_path.display()))?;
        for i in 0..pack.header.releases.len() {
            let r = pack.release(i).map_err(|e| format!("{}: {e}", pack_path.display()))?;
            let version: CalVer = r.version.parse().map_err(|e| format!("{}: {e}", pack_path.display()))?;
            let schema = digest::assemble(&pack, r.root, "").map_err(|e| format!("{}: {e}", pack_path.display()))?;
            let extra = Extra { hidden: r.hidden.clone(), providers: r.providers.clone() };
            all.push(Packed { version, commit: r.commit.clone(), source: r.source.clone(), schema, extra });
        }
    }
    Ok(all)
}

/// Remove releases from the matrix: the pack, rules/providers.toml, rules/web-search.toml and
/// the zod versions of rules/validation.toml (a release whose recording cannot be trusted yet).
pub fn drop_releases(repo: &Path, versions: &[CalVer]) -> Result<(), String> {
    let all: Vec<Packed> = packed_releases(repo)?.into_iter().filter(|r| !versions.contains(&r.version)).collect();
    write_pack(repo, all, None)?;
    let path = repo.join(catalog::PATH);
    let mut text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    for v in versions {
        text = drop_from_catalog(&text, v)?;
    }
    write_atomic(&path, text.as_bytes())?;
    let ws = repo.join("rules/web-search.toml");
    let mut doc: DocumentMut = std::fs::read_to_string(&ws)
        .map_err(|e| e.to_string())?
        .parse()
        .map_err(|e| format!("{}: {e}", ws.display()))?;
    if let Some(Item::ArrayOfTables(a)) = doc.get_mut("release") {
        a.retain(|t| !versions.iter().any(|v| t.get("version").and_then(Item::as_str) == Some(v.to_string().as_str())));
    }
    write_atomic(&ws, doc.to_string().as_bytes())?;
    let val = repo.join("rules/validation.toml");
    let mut doc: DocumentMut = std::fs::read_to_string(&val)
        .map_err(|e| e.to_string())?
        .parse()
        .map_err(|e| format!("{}: {e}", val.display()))?;
    if let Some(t) = doc.get_mut("zod").and_then(|z| z.get_mut("releases")).and_then(Item::as_table_like_mut) {
        for v in versions {
            t.remove(&v.to_string());
        }
    }
    write_atomic(&val, doc.to_string().as_bytes())
}

fn packed_releases_count(repo: &Path) -> Result<usize, String> {
    let bytes = std::fs::read(repo.join(PACK_PATH)).map_err(|e| e.to_string())?;
    Ok(Pack::parse(&bytes).map_err(|e| e.to_string())?.header.releases.len())
}

/// Write the pack holding `all` (in OpenClaw's order, whatever order they come in); returns
/// how many key paths `count_for` has and the pack's size.
pub fn write_pack(repo: &Path, all: Vec<Packed>, count_for: Option<&CalVer>) -> Result<(usize, usize), String> {
    let all = all
        .into_iter()
        .map(|r| PackRelease {
            version: r.version,
            commit: r.commit,
            source: r.source,
            schema: r.schema,
            hidden: r.extra.hidden,
            providers: r.extra.providers,
            zod: None,
            web_search: None,
        })
        .collect();
    let built = packing::build(all)?;
    let this_paths = built.key_paths.iter().find(|(v, _)| Some(v) == count_for).map_or(0, |(_, n)| *n);
    write_atomic(&repo.join(PACK_PATH), &built.bytes)?;
    Ok((this_paths, built.bytes.len()))
}

/// Write `bytes` to `path` the way clawlint writes a fixed config: a fresh temporary file
/// beside it (unpredictable name, `O_EXCL|O_NOFOLLOW`), synced, then renamed over it, so a crash
/// leaves the old file or the new one, whole.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    clawlint::engine::write::replace_file(path, bytes).map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------------------
// The provider catalog: rules/providers.toml (read back by `clawlint::facts::catalog`).
//
// An import reads one release's facts ([`extract_catalog`]) and merges them into the file
// ([`merge_catalog`]): the file is turned back into facts, each with the set of imported
// releases that carry it; the release's old facts are dropped and its new ones added; then every
// fact's releases are cut into runs of consecutive imported releases, and each run becomes a
// row (`since`, `until`, `source`). Rows are matched to the file's existing tables, which are
// updated in place, so comments stay, and rows come out in a canonical order: the result
// depends only on the set of imported releases, not on the order of the imports.
// ---------------------------------------------------------------------------------------------

use clawlint::facts::catalog;
use std::collections::{BTreeMap, BTreeSet};
use toml_edit::{Array, ArrayOfTables, DocumentMut, InlineTable, Item, Table};

/// One field of a catalog fact.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Val {
    /// An optional field that is not there (also: an empty list, `false`).
    Absent,
    /// A string field.
    Str(String),
    /// A non-empty list of strings.
    List(Vec<String>),
    /// A flag (only `true` is stored).
    Bool(bool),
    /// An `alias = model` pair (the items of `[[model_alias]]`).
    Pair(String, String),
}

impl Val {
    fn opt(s: Option<&str>) -> Val {
        s.map_or(Val::Absent, |s| Val::Str(s.to_owned()))
    }
    fn str(s: &str) -> Val {
        Val::Str(s.to_owned())
    }
    fn list(v: Vec<String>) -> Val {
        if v.is_empty() { Val::Absent } else { Val::List(v) }
    }
    fn flag(b: bool) -> Val {
        if b { Val::Bool(true) } else { Val::Absent }
    }
    fn as_str(&self) -> Option<&str> {
        match self {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// The kinds of rows in rules/providers.toml (in file order, after `[[release]]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// `[[provider]]`: a bundled provider and its auth.
    Provider,
    /// `[[core_env]]`: the dist's own env-var table.
    CoreEnv,
    /// `[[provider_alias]]`: `modelCatalog.aliases`.
    ProviderAlias,
    /// `[[discovery]]`: `modelCatalog.discovery`.
    Discovery,
    /// `[[models]]`: static model ids (grouped by status and range).
    Models,
    /// `[[pi_ai_models]]`: the bundled pi-ai's model ids.
    PiAiModels,
    /// `[[model_alias]]`: `modelIdNormalization` aliases.
    ModelAlias,
    /// `[[suppression]]`: `modelCatalog.suppressions` (grouped by reason and condition).
    Suppression,
    /// `[[external]]`: providers of the official external-plugin catalog.
    External,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Str,
    OptStr,
    List,
    Bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GroupKind {
    /// A list of strings, one per line.
    Ids,
    /// A list of `{ alias = …, model = … }`, one per line.
    Pairs,
}

struct Spec {
    name: &'static str,
    /// The fields that make up a fact, in sort order.
    key: &'static [(&'static str, Kind)],
    /// Facts that differ only in this field share a row, which lists them.
    group: Option<(&'static str, GroupKind)>,
    /// The order fields are written in.
    order: &'static [&'static str],
    /// Rows sort by this many leading key fields, then by range, then by the other fields
    /// (so the rows of one provider read in release order).
    sort_prefix: usize,
}

const SECTIONS: [Section; 9] = [
    Section::Provider,
    Section::CoreEnv,
    Section::ProviderAlias,
    Section::Discovery,
    Section::Models,
    Section::PiAiModels,
    Section::ModelAlias,
    Section::Suppression,
    Section::External,
];

impl Section {
    fn spec(self) -> &'static Spec {
        use Kind::*;
        const PROVIDER: Spec = Spec {
            name: "provider",
            key: &[
                ("id", Str),
                ("plugin", Str),
                ("env", List),
                ("auth", List),
                ("auth_alias_of", OptStr),
                ("local", Bool),
                ("synthetic_auth", Bool),
                ("auth_markers", List),
            ],
            group: None,
            order: &[
                "id",
                "plugin",
                "env",
                "auth",
                "auth_alias_of",
                "local",
                "synthetic_auth",
                "auth_markers",
                "since",
                "until",
                "source",
            ],
            sort_prefix: 2,
        };
        const CORE_ENV: Spec = Spec {
            name: "core_env",
            key: &[("provider", Str), ("env", List)],
            group: None,
            order: &["provider", "env", "since", "until", "source"],
            sort_prefix: 1,
        };
        const PROVIDER_ALIAS: Spec = Spec {
            name: "provider_alias",
            key: &[("alias", Str), ("provider", Str), ("api", OptStr), ("plugin", Str)],
            group: None,
            order: &["alias", "provider", "api", "plugin", "since", "until", "source"],
            sort_prefix: 1,
        };
        const DISCOVERY: Spec = Spec {
            name: "discovery",
            key: &[("provider", Str), ("plugin", Str), ("mode", Str)],
            group: None,
            order: &["provider", "plugin", "mode", "since", "until", "source"],
            sort_prefix: 2,
        };
        const MODELS: Spec = Spec {
            name: "models",
            key: &[("provider", Str), ("plugin", Str), ("status", OptStr), ("replaced_by", OptStr)],
            group: Some(("ids", GroupKind::Ids)),
            order: &["provider", "plugin", "status", "replaced_by", "since", "until", "source", "ids"],
            sort_prefix: 2,
        };
        const PI_AI_MODELS: Spec = Spec {
            name: "pi_ai_models",
            key: &[("provider", Str)],
            group: Some(("ids", GroupKind::Ids)),
            order: &["provider", "since", "until", "source", "ids"],
            sort_prefix: 1,
        };
        const MODEL_ALIAS: Spec = Spec {
            name: "model_alias",
            key: &[("provider", Str), ("plugin", Str)],
            group: Some(("aliases", GroupKind::Pairs)),
            order: &["provider", "plugin", "since", "until", "source", "aliases"],
            sort_prefix: 2,
        };
        const SUPPRESSION: Spec = Spec {
            name: "suppression",
            key: &[
                ("provider", Str),
                ("plugin", Str),
                ("reason", Str),
                ("when_hosts", List),
                ("when_api", List),
                ("replaced_by", OptStr),
            ],
            group: Some(("models", GroupKind::Ids)),
            order: &[
                "provider",
                "plugin",
                "models",
                "reason",
                "when_hosts",
                "when_api",
                "replaced_by",
                "since",
                "until",
                "source",
            ],
            sort_prefix: 2,
        };
        const EXTERNAL: Spec = Spec {
            name: "external",
            key: &[
                ("provider", Str),
                ("plugin", Str),
                ("package", Str),
                ("aliases", List),
                ("env", List),
                ("min_host", OptStr),
                ("listed_as", OptStr),
            ],
            group: None,
            order: &[
                "provider",
                "plugin",
                "package",
                "aliases",
                "env",
                "min_host",
                "listed_as",
                "since",
                "until",
                "source",
            ],
            sort_prefix: 2,
        };
        match self {
            Section::Provider => &PROVIDER,
            Section::CoreEnv => &CORE_ENV,
            Section::ProviderAlias => &PROVIDER_ALIAS,
            Section::Discovery => &DISCOVERY,
            Section::Models => &MODELS,
            Section::PiAiModels => &PI_AI_MODELS,
            Section::ModelAlias => &MODEL_ALIAS,
            Section::Suppression => &SUPPRESSION,
            Section::External => &EXTERNAL,
        }
    }

    /// The file a fact of this section was read from, in release `files`.
    fn path(self, key: &[Val], files: &ReleaseFiles) -> String {
        let manifest = |plugin: &Val| {
            let id = plugin.as_str().unwrap_or_default();
            let dir = files.manifest_dirs.get(id).map_or(id, String::as_str);
            format!("{}/{dir}/openclaw.plugin.json", files.extensions.as_deref().unwrap_or("dist/extensions"))
        };
        let or_unknown = |p: &Option<String>| p.clone().unwrap_or_else(|| "(file not recorded)".into());
        match self {
            Section::Provider | Section::Discovery | Section::Models | Section::ModelAlias | Section::Suppression => {
                manifest(&key[1])
            }
            Section::ProviderAlias => manifest(&key[3]),
            Section::PiAiModels => or_unknown(&files.pi_ai),
            Section::CoreEnv => or_unknown(&files.core_env),
            Section::External if files.external_catalog.is_empty() => "(file not recorded)".into(),
            Section::External => files.external_catalog.join(" + "),
        }
    }
}

/// One fact: a row of rules/providers.toml minus its range, or one item of a grouped row.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Fact {
    /// Which rows it belongs to.
    pub section: Section,
    /// The section's key fields, in [`Spec::key`] order.
    pub key: Vec<Val>,
    /// The grouped item (a model id, an alias pair); [`Val::Absent`] for ungrouped sections.
    pub item: Val,
}

/// Which files of a release the facts came from (the `[[release]]` rows).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReleaseFiles {
    /// The dist file with `CORE_PROVIDER_AUTH_ENV_VAR_CANDIDATES`.
    pub core_env: Option<String>,
    /// The dist files with the external catalog's provider entries.
    pub external_catalog: Vec<String>,
    /// `@scope/pi-ai@version/dist/models.generated.js` when the release bundles pi-ai.
    pub pi_ai: Option<String>,
    /// Plugin id → directory under `dist/extensions`, where they differ.
    pub manifest_dirs: BTreeMap<String, String>,
    /// Where the bundled plugins' manifests are when not in `dist/extensions` (before
    /// 2026.3.28 the package ships them as TypeScript sources under `extensions/`).
    pub extensions: Option<String>,
}

/// Everything one release's package says about providers.
#[derive(Debug, Clone)]
pub struct CatalogRelease {
    pub version: CalVer,
    /// The commit `openclaw --version` prints.
    pub commit: Option<String>,
    pub files: ReleaseFiles,
    /// Every fact, once.
    pub facts: BTreeSet<Fact>,
    /// Things the reader did not understand (new manifest keys, unreadable entries).
    pub notes: Vec<String>,
}

impl CatalogRelease {
    /// How many facts of `section` the release has.
    pub fn count(&self, section: Section) -> usize {
        self.facts.iter().filter(|f| f.section == section).count()
    }
}

/// What one import did to rules/providers.toml.
#[derive(Debug, Clone)]
pub struct CatalogSummary {
    pub version: CalVer,
    /// Bundled providers the release declares.
    pub providers: usize,
    /// Static model ids (manifests and pi-ai).
    pub models: usize,
    /// Suppressed models (provider, model and condition).
    pub suppressions: usize,
    /// Providers of the official external-plugin catalog.
    pub external: usize,
    /// What the reader did not understand (see [`CatalogRelease::notes`]).
    pub notes: Vec<String>,
    /// Whether the file changed.
    pub changed: bool,
    pub bytes: usize,
}

// ---- reading a package ----------------------------------------------------------------------

/// The `openclaw` package directory: `<dir>/node_modules/openclaw` or `<dir>` itself.
fn openclaw_root(package: &Path) -> PathBuf {
    let nested = package.join("node_modules/openclaw");
    if nested.join("package.json").is_file() { nested } else { package.to_path_buf() }
}

fn strs(v: Option<&Value>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in v.and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str) {
        if !out.iter().any(|o| o == s) {
            out.push(s.to_owned());
        }
    }
    out
}

fn get_str<'v>(v: &'v Value, key: &str) -> Option<&'v str> {
    v.get(key).and_then(Value::as_str)
}

/// The end (exclusive) of the bracketed JS literal that starts at `start` (`{` or `[`),
/// skipping strings and comments.
fn literal_end(text: &str, start: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = start;
    while i < b.len() {
        match b[i] {
            q @ (b'"' | b'\'' | b'`') => {
                i += 1;
                while i < b.len() && b[i] != q {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i + 1 < b.len() && !(b[i] == b'*' && b[i + 1] == b'/') {
                    i += 1;
                }
                i += 1;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// A JS object/array literal made of plain data, as JSON (JSON5 syntax is accepted).
fn parse_literal(text: &str) -> Result<Value, String> {
    if let Ok(v) = serde_json::from_str(text) {
        return Ok(v);
    }
    match clawlint::document::parse_tree(text, clawlint::document::FileId(0)) {
        Ok(node) => Ok(node.to_json()),
        Err(clawlint::document::ParseFailure::Syntax(e)) => Err(e.openclaw_message()),
        Err(clawlint::document::ParseFailure::Unsupported { message, .. }) => Err(message),
    }
}

/// The literal assigned after `marker` (`NAME = {…}`) in `text`.
fn literal_after(text: &str, marker: &str) -> Option<Result<Value, String>> {
    let at = text.find(marker)? + marker.len();
    let open = at + text[at..].find(['{', '['])?;
    let end = literal_end(text, open)?;
    Some(parse_literal(&text[open..end]))
}

/// Read one release's provider facts from its installed package.
pub fn extract_catalog(package: &Path, version: CalVer, commit: Option<String>) -> Result<CatalogRelease, String> {
    let root = openclaw_root(package);
    let dist = root.join("dist");
    if !dist.is_dir() {
        return Err(format!("{}: no dist/ directory (expected an installed openclaw package)", root.display()));
    }
    let mut rel =
        CatalogRelease { version, commit, files: ReleaseFiles::default(), facts: BTreeSet::new(), notes: Vec::new() };
    read_manifests(&root, &mut rel)?;
    read_core_env(&dist, &mut rel)?;
    read_external_catalog(&dist, &mut rel)?;
    read_pi_ai(&root, &mut rel)?;
    Ok(rel)
}

fn read_manifests(root: &Path, rel: &mut CatalogRelease) -> Result<(), String> {
    let (ext, rel_dir) = extensions_dir(root);
    if rel_dir != "dist/extensions" {
        rel.files.extensions = Some(rel_dir.to_owned());
    }
    let rd = std::fs::read_dir(&ext).map_err(|e| format!("{}: {e}", ext.display()))?;
    let mut dirs: Vec<PathBuf> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
    dirs.sort();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for dir in dirs {
        let path = dir.join("openclaw.plugin.json");
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(format!("{}: {e}", path.display())),
        };
        let m: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let dir_name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let Some(id) = get_str(&m, "id") else {
            rel.notes.push(format!("{rel_dir}/{dir_name}/openclaw.plugin.json has no `id`; skipped"));
            continue;
        };
        if let Some(other) = seen.insert(id.to_owned(), dir_name.clone()) {
            rel.notes.push(format!("plugin `{id}` is declared in {rel_dir}/{other} and {dir_name}"));
        }
        if id != dir_name {
            rel.files.manifest_dirs.insert(id.to_owned(), dir_name.clone());
        }
        manifest_facts(id, &m, rel);
    }
    Ok(())
}

/// `modelCatalog` keys the importer knows (read, or knowingly left out).
const MODEL_CATALOG_KEYS: [&str; 6] =
    ["providers", "discovery", "aliases", "suppressions", "modelsDev", "runtimeAugment"];

fn manifest_facts(plugin: &str, m: &Value, rel: &mut CatalogRelease) {
    let facts = &mut rel.facts;
    let notes = &mut rel.notes;
    let providers = strs(m.get("providers"));
    let choices: Vec<&Value> = m.get("providerAuthChoices").and_then(Value::as_array).into_iter().flatten().collect();
    let setup: Vec<&Value> = m.pointer("/setup/providers").and_then(Value::as_array).into_iter().flatten().collect();
    let synthetic = strs(m.get("syntheticAuthRefs"));
    let markers = strs(m.get("nonSecretAuthMarkers"));
    for p in &providers {
        let mut env: Vec<String> = Vec::new();
        let from_setup = setup.iter().filter(|s| get_str(s, "id") == Some(p)).flat_map(|s| strs(s.get("envVars")));
        let from_old = strs(m.pointer(&format!("/providerAuthEnvVars/{}", digest::escape(p))));
        for v in from_setup.chain(from_old) {
            if !env.contains(&v) {
                env.push(v);
            }
        }
        let mine = || choices.iter().filter(|c| get_str(c, "provider") == Some(p));
        let auth: BTreeSet<String> = mine().filter_map(|c| get_str(c, "method")).map(str::to_owned).collect();
        let local = mine().any(|c| get_str(c, "method") == Some("local"));
        let alias_of = m.get("providerAuthAliases").and_then(|a| a.get(p)).and_then(Value::as_str);
        facts.insert(Fact {
            section: Section::Provider,
            key: vec![
                Val::str(p),
                Val::str(plugin),
                Val::list(env),
                Val::list(auth.into_iter().collect()),
                Val::opt(alias_of),
                Val::flag(local),
                Val::flag(synthetic.contains(p)),
                Val::list(markers.clone()),
            ],
            item: Val::Absent,
        });
    }
    if let Some(norm) = m.pointer("/modelIdNormalization/providers").and_then(Value::as_object) {
        for (p, spec) in norm {
            for (alias, model) in spec.get("aliases").and_then(Value::as_object).into_iter().flatten() {
                if let Some(model) = model.as_str() {
                    facts.insert(Fact {
                        section: Section::ModelAlias,
                        key: vec![Val::str(p), Val::str(plugin)],
                        item: Val::Pair(alias.clone(), model.to_owned()),
                    });
                }
            }
        }
    }
    let Some(mc) = m.get("modelCatalog").and_then(Value::as_object) else { return };
    for k in mc.keys().filter(|k| !MODEL_CATALOG_KEYS.contains(&k.as_str())) {
        notes.push(format!("plugin `{plugin}`: modelCatalog.{k} is new to the importer; not read"));
    }
    for (p, pv) in mc.get("providers").and_then(Value::as_object).into_iter().flatten() {
        for row in pv.get("models").and_then(Value::as_array).into_iter().flatten() {
            let (id, status, replaced) = match row {
                Value::String(id) => (Some(id.as_str()), None, None),
                _ => (get_str(row, "id"), get_str(row, "status"), get_str(row, "replacedBy")),
            };
            let Some(id) = id else {
                notes.push(format!("plugin `{plugin}`: a model of `{p}` has no id; skipped"));
                continue;
            };
            facts.insert(Fact {
                section: Section::Models,
                key: vec![Val::str(p), Val::str(plugin), Val::opt(status), Val::opt(replaced)],
                item: Val::str(id),
            });
        }
    }
    for (p, mode) in mc.get("discovery").and_then(Value::as_object).into_iter().flatten() {
        if let Some(mode) = mode.as_str() {
            facts.insert(Fact {
                section: Section::Discovery,
                key: vec![Val::str(p), Val::str(plugin), Val::str(mode)],
                item: Val::Absent,
            });
        }
    }
    for (alias, target) in mc.get("aliases").and_then(Value::as_object).into_iter().flatten() {
        let Some(provider) = get_str(target, "provider") else { continue };
        facts.insert(Fact {
            section: Section::ProviderAlias,
            key: vec![Val::str(alias), Val::str(provider), Val::opt(get_str(target, "api")), Val::str(plugin)],
            item: Val::Absent,
        });
    }
    for s in mc.get("suppressions").and_then(Value::as_array).into_iter().flatten() {
        let (Some(provider), Some(model)) = (get_str(s, "provider"), get_str(s, "model")) else {
            notes.push(format!("plugin `{plugin}`: a suppression without provider or model; skipped"));
            continue;
        };
        let when = s.get("when");
        for k in when.and_then(Value::as_object).into_iter().flat_map(|w| w.keys()) {
            if k != "baseUrlHosts" && k != "providerConfigApiIn" {
                notes.push(format!(
                    "plugin `{plugin}`: suppression {provider}/{model}: `when.{k}` is new to the importer"
                ));
            }
        }
        facts.insert(Fact {
            section: Section::Suppression,
            key: vec![
                Val::str(provider),
                Val::str(plugin),
                Val::str(get_str(s, "reason").unwrap_or_default()),
                Val::list(strs(when.and_then(|w| w.get("baseUrlHosts")))),
                Val::list(strs(when.and_then(|w| w.get("providerConfigApiIn")))),
                Val::opt(s.pointer("/retirement/replacedBy").and_then(Value::as_str)),
            ],
            item: Val::str(model),
        });
    }
}

/// Top-level dist files (`.js`/`.mjs`) whose name passes `keep`, sorted.
fn dist_files(dist: &Path, keep: impl Fn(&str) -> bool) -> Result<Vec<(String, PathBuf)>, String> {
    let rd = std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    let mut out: Vec<(String, PathBuf)> = rd
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            ((name.ends_with(".js") || name.ends_with(".mjs")) && keep(&name)).then(|| (name, e.path()))
        })
        .collect();
    out.sort();
    Ok(out)
}

fn read_core_env(dist: &Path, rel: &mut CatalogRelease) -> Result<(), String> {
    const MARKER: &str = "CORE_PROVIDER_AUTH_ENV_VAR_CANDIDATES = ";
    // It lives in dist/provider-env-vars-<hash>.js; any other top-level file is the fallback.
    let mut files = dist_files(dist, |n| n.starts_with("provider-env-vars-"))?;
    files.extend(dist_files(dist, |n| !n.starts_with("provider-env-vars-"))?);
    for (name, path) in files {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let Some(parsed) = literal_after(&text, MARKER) else { continue };
        let table = parsed.map_err(|e| format!("dist/{name}: CORE_PROVIDER_AUTH_ENV_VAR_CANDIDATES: {e}"))?;
        for (p, env) in table.as_object().into_iter().flatten() {
            let env = strs(Some(env));
            if !env.is_empty() {
                rel.facts.insert(Fact {
                    section: Section::CoreEnv,
                    key: vec![Val::str(p), Val::List(env)],
                    item: Val::Absent,
                });
            }
        }
        rel.files.core_env = Some(format!("dist/{name}"));
        return Ok(());
    }
    rel.notes.push("no CORE_PROVIDER_AUTH_ENV_VAR_CANDIDATES in dist/".into());
    Ok(())
}

/// The official external-plugin catalog: `dist/official-external-plugin-catalog-*.js` (≤ 2026.7.x),
/// `official-external-plugin-bundled-catalogs-*` (2026.8.x), `official-external-provider-catalog-*.mjs`
/// (2026.9.x). Its entries are JSON objects written into the JS (`{"name": "@openclaw/…", …,
/// "openclaw": {…}}`), read wherever they sit.
fn read_external_catalog(dist: &Path, rel: &mut CatalogRelease) -> Result<(), String> {
    let files = dist_files(dist, |n| n.starts_with("official-external-") && n.contains("catalog"))?;
    let mut used = BTreeSet::new();
    for (name, path) in files {
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut from = 0;
        while let Some(off) = text[from..].find('{') {
            let at = from + off;
            from = at + 1;
            if !text[at + 1..].trim_start().starts_with("\"name\":") {
                continue;
            }
            let Some(end) = literal_end(&text, at) else { break };
            let entry = match parse_literal(&text[at..end]) {
                Ok(v) => v,
                Err(e) => {
                    rel.notes.push(format!("dist/{name}: an entry does not parse ({e}); skipped"));
                    continue;
                }
            };
            let Some(oc) = entry.get("openclaw").filter(|o| o.is_object()) else { continue };
            from = end;
            let Some(package) = get_str(&entry, "name") else { continue };
            for p in oc.get("providers").and_then(Value::as_array).into_iter().flatten() {
                let Some(id) = get_str(p, "id") else { continue };
                let plugin = oc.pointer("/plugin/id").and_then(Value::as_str).unwrap_or(id);
                rel.facts.insert(Fact {
                    section: Section::External,
                    key: vec![
                        Val::str(id),
                        Val::str(plugin),
                        Val::str(package),
                        Val::list(strs(p.get("aliases"))),
                        Val::list(strs(p.get("envVars"))),
                        Val::opt(oc.pointer("/install/minHostVersion").and_then(Value::as_str)),
                        Val::opt(get_str(&entry, "source")),
                    ],
                    item: Val::Absent,
                });
                used.insert(format!("dist/{name}"));
            }
        }
    }
    rel.files.external_catalog = used.into_iter().collect();
    Ok(())
}

/// Releases up to 2026.5.12 bundle pi-ai, whose `models.generated.js` is part of their static
/// model catalog (its `MODELS` object: provider → model id → model).
fn read_pi_ai(root: &Path, rel: &mut CatalogRelease) -> Result<(), String> {
    let pj = root.join("package.json");
    let Ok(text) = std::fs::read_to_string(&pj) else { return Ok(()) };
    let manifest: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", pj.display()))?;
    let deps = manifest.get("dependencies").and_then(Value::as_object);
    let Some(dep) = deps.into_iter().flat_map(|d| d.keys()).find(|k| *k == "pi-ai" || k.ends_with("/pi-ai")) else {
        return Ok(());
    };
    // Node's lookup: <root>/node_modules/<dep>, then node_modules of each ancestor.
    let dir = root
        .ancestors()
        .filter(|a| a.file_name().is_none_or(|n| n != "node_modules"))
        .map(|a| a.join("node_modules").join(dep))
        .find(|d| d.join("package.json").is_file());
    let Some(dir) = dir else {
        rel.notes.push(format!("openclaw depends on {dep}, which is not installed; its models were not read"));
        return Ok(());
    };
    let file = dir.join("dist/models.generated.js");
    let Ok(js) = std::fs::read_to_string(&file) else {
        rel.notes.push(format!("{}: not found; pi-ai's models were not read", file.display()));
        return Ok(());
    };
    let version = std::fs::read_to_string(dir.join("package.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        .and_then(|v| get_str(&v, "version").map(str::to_owned))
        .unwrap_or_else(|| "?".into());
    let models = literal_after(&js, "MODELS = ")
        .ok_or_else(|| format!("{}: no `MODELS = {{…}}`", file.display()))?
        .map_err(|e| format!("{}: MODELS: {e}", file.display()))?;
    for (p, list) in models.as_object().into_iter().flatten() {
        for (key, m) in list.as_object().into_iter().flatten() {
            let id = get_str(m, "id").unwrap_or(key);
            rel.facts.insert(Fact { section: Section::PiAiModels, key: vec![Val::str(p)], item: Val::str(id) });
        }
    }
    rel.files.pi_ai = Some(format!("{dep}@{version}/dist/models.generated.js"));
    Ok(())
}

// ---- merging into the file ----------------------------------------------------------------

/// The text of a new rules/providers.toml.
const CATALOG_TEMPLATE: &str = r#"# OpenClaw's model providers per imported release: bundled providers and the env vars that
# authenticate them, static model catalogs, model suppressions, and the official external
# plugins. Written by `cargo xtask matrix import` (scripts/import-release.sh), read by
# src/facts/catalog.rs. Comments may be added anywhere; imports keep them and the order.
#
# Each row is a fact read from the release packages, with
#   since  = the first imported release that carries it,
#   until  = the last one (no `until`: it is still in the newest imported release),
#   source = that first release and the file the fact was read from there.
# A fact that changes (a new env var, a model's new status) ends its row and starts a new one.
#
# [[release]]         imported releases, and the files their facts come from
# [[provider]]        bundled providers (dist/extensions/*/openclaw.plugin.json `providers`):
#                     env = setup.providers[].envVars + providerAuthEnvVars; auth =
#                     providerAuthChoices[].method; auth_alias_of = providerAuthAliases;
#                     local = a `local` auth choice; synthetic_auth = syntheticAuthRefs;
#                     auth_markers = nonSecretAuthMarkers
# [[core_env]]        CORE_PROVIDER_AUTH_ENV_VAR_CANDIDATES (dist): replaces a provider's env vars
# [[provider_alias]]  modelCatalog.aliases: a provider id that reads another one's catalog
# [[discovery]]       modelCatalog.discovery: static / refreshable / runtime
# [[models]]          modelCatalog.providers.<id>.models[].id, by status and replacedBy
# [[pi_ai_models]]    the bundled pi-ai's models.generated.js (releases up to 2026.5.12)
# [[model_alias]]     modelIdNormalization.providers.<id>.aliases
# [[suppression]]     modelCatalog.suppressions: when_hosts = when.baseUrlHosts, when_api =
#                     when.providerConfigApiIn, replaced_by = retirement.replacedBy
# [[external]]        providers of the official external-plugin catalog (dist/official-external-*)
format = 1
"#;

/// What makes a row: its section, key fields and range.
type RowKey = (Section, Vec<Val>, CalVer, Option<CalVer>);

/// A row to write.
#[derive(Debug)]
struct Row {
    section: Section,
    key: Vec<Val>,
    since: CalVer,
    until: Option<CalVer>,
    items: Vec<Val>,
    source: String,
}

struct ReleaseRow {
    version: CalVer,
    commit: Option<String>,
    files: ReleaseFiles,
}

fn err_at(section: &str, i: usize, msg: impl std::fmt::Display) -> String {
    format!("{}: [[{section}]] #{}: {msg}", catalog::PATH, i + 1)
}

fn read_str(t: &Table, name: &str) -> Result<Option<String>, String> {
    match t.get(name) {
        None => Ok(None),
        Some(item) => item.as_str().map(|s| Some(s.to_owned())).ok_or_else(|| format!("`{name}` is not a string")),
    }
}

fn read_list(t: &Table, name: &str) -> Result<Vec<String>, String> {
    let Some(item) = t.get(name) else { return Ok(Vec::new()) };
    let arr = item.as_array().ok_or_else(|| format!("`{name}` is not an array"))?;
    arr.iter().map(|v| v.as_str().map(str::to_owned).ok_or_else(|| format!("`{name}` holds a non-string"))).collect()
}

fn read_field(t: &Table, name: &str, kind: Kind) -> Result<Val, String> {
    Ok(match kind {
        Kind::Str => Val::Str(read_str(t, name)?.ok_or_else(|| format!("missing `{name}`"))?),
        Kind::OptStr => Val::opt(read_str(t, name)?.as_deref()),
        Kind::List => Val::list(read_list(t, name)?),
        Kind::Bool => match t.get(name) {
            None => Val::Absent,
            Some(i) => Val::flag(i.as_bool().ok_or_else(|| format!("`{name}` is not a boolean"))?),
        },
    })
}

fn read_group(t: &Table, name: &str, kind: GroupKind) -> Result<Vec<Val>, String> {
    match kind {
        GroupKind::Ids => Ok(read_list(t, name)?.into_iter().map(Val::Str).collect()),
        GroupKind::Pairs => {
            let Some(item) = t.get(name) else { return Ok(Vec::new()) };
            let arr = item.as_array().ok_or_else(|| format!("`{name}` is not an array"))?;
            arr.iter()
                .map(|v| {
                    let it = v.as_inline_table().ok_or_else(|| format!("`{name}` holds a non-table"))?;
                    let get = |k: &str| it.get(k).and_then(|x| x.as_str()).map(str::to_owned);
                    match (get("alias"), get("model")) {
                        (Some(a), Some(m)) => Ok(Val::Pair(a, m)),
                        _ => Err(format!("`{name}` items need `alias` and `model`")),
                    }
                })
                .collect()
        }
    }
}

fn read_version(t: &Table, name: &str) -> Result<Option<CalVer>, String> {
    read_str(t, name)?.map(|s| s.parse::<CalVer>().map_err(|e| format!("`{name}`: {e}"))).transpose()
}

/// A row's key, range and items as the file has them.
type ParsedRow = (Vec<Val>, CalVer, Option<CalVer>, Vec<Val>);

fn read_row(t: &Table, spec: &Spec) -> Result<ParsedRow, String> {
    let key = spec.key.iter().map(|(n, k)| read_field(t, n, *k)).collect::<Result<Vec<_>, _>>()?;
    let since = read_version(t, "since")?.ok_or("missing `since`")?;
    let until = read_version(t, "until")?;
    let items = match spec.group {
        Some((name, kind)) => read_group(t, name, kind)?,
        None => Vec::new(),
    };
    Ok((key, since, until, items))
}

fn read_release(t: &Table) -> Result<ReleaseRow, String> {
    let version = read_version(t, "version")?.ok_or("missing `version`")?;
    let mut dirs = BTreeMap::new();
    if let Some(item) = t.get("manifest_dirs") {
        let tl = item.as_table_like().ok_or("`manifest_dirs` is not a table")?;
        for (k, v) in tl.iter() {
            let v = v.as_str().ok_or("`manifest_dirs` holds a non-string")?;
            dirs.insert(k.to_owned(), v.to_owned());
        }
    }
    Ok(ReleaseRow {
        version,
        commit: read_str(t, "commit")?,
        files: ReleaseFiles {
            core_env: read_str(t, "core_env")?,
            external_catalog: read_list(t, "external_catalog")?,
            pi_ai: read_str(t, "pi_ai")?,
            manifest_dirs: dirs,
            extensions: read_str(t, "extensions")?,
        },
    })
}

fn tables<'d>(doc: &'d DocumentMut, name: &str) -> Result<Vec<&'d Table>, String> {
    match doc.get(name) {
        None => Ok(Vec::new()),
        Some(Item::ArrayOfTables(a)) => Ok(a.iter().collect()),
        Some(_) => Err(format!("{}: `{name}` must be written as [[{name}]] tables", catalog::PATH)),
    }
}

/// Runs of consecutive releases of `all` (sorted) that are in `set`: (since, until), with
/// `until = None` for a run that reaches the newest release.
fn runs(all: &[CalVer], set: &BTreeSet<CalVer>) -> Vec<(CalVer, Option<CalVer>)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, r) in all.iter().enumerate() {
        match (set.contains(r), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((all[s].clone(), Some(all[i - 1].clone())));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((all[s].clone(), None));
    }
    out
}

fn string_value(s: &str) -> toml_edit::Value {
    toml_edit::Value::from(s)
}

fn one_line_list(items: &[String]) -> toml_edit::Value {
    toml_edit::Value::Array(items.iter().map(String::as_str).collect::<Array>())
}

fn multi_line(mut arr: Array) -> toml_edit::Value {
    for v in arr.iter_mut() {
        v.decor_mut().set_prefix("\n  ");
        v.decor_mut().set_suffix("");
    }
    arr.set_trailing("\n");
    arr.set_trailing_comma(true);
    toml_edit::Value::Array(arr)
}

fn group_value(items: &[Val], kind: GroupKind) -> toml_edit::Value {
    let mut arr = Array::new();
    for it in items {
        match (kind, it) {
            (GroupKind::Ids, Val::Str(s)) => arr.push(s.as_str()),
            (GroupKind::Pairs, Val::Pair(a, m)) => {
                let mut t = InlineTable::new();
                t.insert("alias", a.as_str().into());
                t.insert("model", m.as_str().into());
                arr.push(t);
            }
            _ => {}
        }
    }
    multi_line(arr)
}

fn field_value(v: &Val) -> Option<toml_edit::Value> {
    match v {
        Val::Absent => None,
        Val::Str(s) => Some(string_value(s)),
        Val::List(l) => Some(one_line_list(l)),
        Val::Bool(b) => Some(toml_edit::Value::from(*b)),
        Val::Pair(..) => None,
    }
}

/// Set `name` in `t` to `want` unless it already holds that (compared by `same`); remove it
/// when `want` is `None`.
fn set_if_changed(t: &mut Table, name: &str, want: Option<toml_edit::Value>, same: bool) {
    if same {
        return;
    }
    match want {
        Some(v) => {
            t.insert(name, Item::Value(v));
        }
        None => {
            t.remove(name);
        }
    }
}

/// Order `t`'s fields as `order` says; fields it does not name (a reviewer's `note`) go last,
/// in their order.
fn order_fields(t: &mut Table, order: &[&str]) {
    let pos = |k: &str| order.iter().position(|o| *o == k).unwrap_or(usize::MAX);
    t.sort_values_by(|k1, _, k2, _| pos(k1.get()).cmp(&pos(k2.get())));
}

fn write_row(t: &mut Table, spec: &Spec, row: &Row) {
    for (i, (name, kind)) in spec.key.iter().enumerate() {
        let same = read_field(t, name, *kind).ok().as_ref() == Some(&row.key[i]);
        set_if_changed(t, name, field_value(&row.key[i]), same);
    }
    let since = Val::Str(row.since.to_string());
    let until = Val::opt(row.until.as_ref().map(ToString::to_string).as_deref());
    let source = Val::Str(row.source.clone());
    for (name, want) in [("since", &since), ("until", &until), ("source", &source)] {
        let same = read_field(t, name, Kind::OptStr).ok().as_ref() == Some(want);
        set_if_changed(t, name, field_value(want), same);
    }
    if let Some((name, kind)) = spec.group {
        let same = read_group(t, name, kind).ok().as_deref() == Some(&row.items[..]);
        set_if_changed(t, name, Some(group_value(&row.items, kind)), same);
    }
    order_fields(t, spec.order);
}

const RELEASE_ORDER: [&str; 7] =
    ["version", "commit", "core_env", "external_catalog", "pi_ai", "manifest_dirs", "extensions"];

fn write_release(t: &mut Table, r: &ReleaseRow) {
    let old = read_release(t).ok();
    let old = old.as_ref();
    let s = |v: &Option<String>| v.as_deref().map(string_value);
    set_if_changed(
        t,
        "version",
        Some(string_value(&r.version.to_string())),
        old.is_some_and(|o| o.version == r.version),
    );
    set_if_changed(t, "commit", s(&r.commit), old.is_some_and(|o| o.commit == r.commit));
    let f = &r.files;
    set_if_changed(t, "core_env", s(&f.core_env), old.is_some_and(|o| o.files.core_env == f.core_env));
    let ext = (!f.external_catalog.is_empty()).then(|| one_line_list(&f.external_catalog));
    set_if_changed(t, "external_catalog", ext, old.is_some_and(|o| o.files.external_catalog == f.external_catalog));
    set_if_changed(t, "pi_ai", s(&f.pi_ai), old.is_some_and(|o| o.files.pi_ai == f.pi_ai));
    let dirs = (!f.manifest_dirs.is_empty()).then(|| {
        let mut it = InlineTable::new();
        for (k, v) in &f.manifest_dirs {
            it.insert(k, v.as_str().into());
        }
        toml_edit::Value::InlineTable(it)
    });
    set_if_changed(t, "manifest_dirs", dirs, old.is_some_and(|o| o.files.manifest_dirs == f.manifest_dirs));
    set_if_changed(t, "extensions", s(&f.extensions), old.is_some_and(|o| o.files.extensions == f.extensions));
    order_fields(t, &RELEASE_ORDER);
}

fn new_table() -> Table {
    let mut t = Table::new();
    t.decor_mut().set_prefix("\n");
    t
}

/// Rebuild the array of tables `name` from `wanted` (in order), reusing the existing table
/// that `matches` picks for each, so its comments stay. The comment above the first table
/// belongs to the section and stays on top.
fn rebuild_section<W>(
    doc: &mut DocumentMut,
    name: &str,
    wanted: &[W],
    matches: impl Fn(&Table, &W) -> u8,
    write: impl Fn(&mut Table, &W),
) {
    let mut old: Vec<Option<Table>> = match doc.remove(name) {
        Some(Item::ArrayOfTables(a)) => a.into_iter().map(Some).collect(),
        _ => Vec::new(),
    };
    let header = old.first_mut().and_then(Option::as_mut).map(|t| {
        let prefix = t.decor().prefix().cloned();
        t.decor_mut().set_prefix("\n");
        prefix
    });
    let mut out = ArrayOfTables::new();
    for w in wanted {
        // 2: the same row; 1: the same fact with another range; 0: no match.
        let best = (1..=2u8)
            .rev()
            .find_map(|level| old.iter().position(|t| t.as_ref().is_some_and(|t| matches(t, w) >= level)));
        let mut t = best.and_then(|i| old[i].take()).unwrap_or_else(new_table);
        write(&mut t, w);
        out.push(t);
    }
    if let (Some(Some(prefix)), Some(first)) = (header, out.get_mut(0)) {
        first.decor_mut().set_prefix(prefix);
    }
    if !out.is_empty() {
        doc.insert(name, Item::ArrayOfTables(out));
    }
}

/// Merge one release's facts into rules/providers.toml's text (`None`: a new file). Importing
/// a release again replaces its facts; the result does not depend on the order of imports.
pub fn merge_catalog(text: Option<&str>, rel: &CatalogRelease) -> Result<String, String> {
    rewrite_catalog(text, rel, true)
}

/// rules/providers.toml without release `version` (its facts and its `[[release]]` row).
pub fn drop_from_catalog(text: &str, version: &CalVer) -> Result<String, String> {
    let rel = CatalogRelease {
        version: version.clone(),
        commit: None,
        files: ReleaseFiles::default(),
        facts: BTreeSet::new(),
        notes: Vec::new(),
    };
    rewrite_catalog(Some(text), &rel, false)
}

/// The file with `rel`'s old facts replaced by its new ones (`keep`), or dropped with its row.
fn rewrite_catalog(text: Option<&str>, rel: &CatalogRelease, keep: bool) -> Result<String, String> {
    let mut doc: DocumentMut =
        text.unwrap_or(CATALOG_TEMPLATE).parse().map_err(|e| format!("{}: {e}", catalog::PATH))?;
    match doc.get("format").and_then(Item::as_integer) {
        Some(f) if f == i64::from(catalog::FORMAT) => {}
        Some(f) => {
            return Err(format!("{}: format {f}; this clawlint writes format {}", catalog::PATH, catalog::FORMAT));
        }
        None => {
            doc.insert("format", toml_edit::value(i64::from(catalog::FORMAT)));
        }
    }
    let mut releases: Vec<ReleaseRow> = Vec::new();
    for (i, t) in tables(&doc, "release")?.into_iter().enumerate() {
        releases.push(read_release(t).map_err(|e| err_at("release", i, e))?);
    }
    releases.sort_by(|a, b| a.version.cmp(&b.version));
    let old_versions: Vec<CalVer> = releases.iter().map(|r| r.version.clone()).collect();

    // The file as facts, each with the releases that carry it.
    let mut facts: BTreeMap<Fact, BTreeSet<CalVer>> = BTreeMap::new();
    for section in SECTIONS {
        let spec = section.spec();
        for (i, t) in tables(&doc, spec.name)?.into_iter().enumerate() {
            let (key, since, until, items) = read_row(t, spec).map_err(|e| err_at(spec.name, i, e))?;
            let carried: Vec<&CalVer> = old_versions
                .iter()
                .filter(|r| **r != rel.version && &since <= *r && until.as_ref().is_none_or(|u| *r <= u))
                .collect();
            let items = if spec.group.is_some() { items } else { vec![Val::Absent] };
            for item in items {
                let set = facts.entry(Fact { section, key: key.clone(), item }).or_default();
                set.extend(carried.iter().map(|r| (*r).clone()));
            }
        }
    }
    for f in &rel.facts {
        facts.entry(f.clone()).or_default().insert(rel.version.clone());
    }
    releases.retain(|r| r.version != rel.version);
    if keep {
        releases.push(ReleaseRow {
            version: rel.version.clone(),
            commit: rel.commit.clone(),
            files: rel.files.clone(),
        });
    }
    releases.sort_by(|a, b| a.version.cmp(&b.version));
    let all: Vec<CalVer> = releases.iter().map(|r| r.version.clone()).collect();
    let files_of = |v: &CalVer| releases.iter().find(|r| &r.version == v).map(|r| &r.files);

    // Facts → rows.
    let mut grouped: BTreeMap<RowKey, Vec<Val>> = BTreeMap::new();
    for (fact, set) in &facts {
        for (since, until) in runs(&all, set) {
            grouped.entry((fact.section, fact.key.clone(), since, until)).or_default().push(fact.item.clone());
        }
    }
    let mut rows: BTreeMap<Section, Vec<Row>> = BTreeMap::new();
    for ((section, key, since, until), mut items) in grouped {
        items.sort();
        items.dedup();
        items.retain(|i| *i != Val::Absent);
        let path = files_of(&since).map_or_else(|| "(file not recorded)".into(), |f| section.path(&key, f));
        let source = format!("{since} {path}");
        rows.entry(section).or_default().push(Row { section, key, since, until, items, source });
    }
    for (section, list) in rows.iter_mut() {
        let n = section.spec().sort_prefix;
        list.sort_by(|a, b| {
            (&a.key[..n], &a.since, &a.until, &a.key[n..]).cmp(&(&b.key[..n], &b.since, &b.until, &b.key[n..]))
        });
    }

    rebuild_section(
        &mut doc,
        "release",
        &releases,
        |t, r| if read_version(t, "version").ok().flatten().is_some_and(|v| v == r.version) { 2 } else { 0 },
        write_release,
    );
    for section in SECTIONS {
        let spec = section.spec();
        let wanted = rows.remove(&section).unwrap_or_default();
        rebuild_section(
            &mut doc,
            spec.name,
            &wanted,
            |t, row| match read_row(t, spec) {
                Ok((key, since, until, _)) if key == row.key => {
                    if since == row.since && until == row.until {
                        2
                    } else if spec.group.is_none() {
                        1
                    } else {
                        0
                    }
                }
                _ => 0,
            },
            |t, row| write_row(t, spec, row),
        );
        debug_assert!(wanted.iter().all(|r| r.section == section));
    }
    order_sections(&mut doc);
    Ok(doc.to_string())
}

/// Sections in their fixed order (`format` first), each table numbered in that order.
fn order_sections(doc: &mut DocumentMut) {
    let names: Vec<&str> = std::iter::once("release").chain(SECTIONS.iter().map(|s| s.spec().name)).collect();
    let pos =
        |k: &str| if k == "format" { 0 } else { names.iter().position(|n| *n == k).map_or(usize::MAX, |p| p + 1) };
    doc.as_table_mut().sort_values_by(|k1, _, k2, _| pos(k1.get()).cmp(&pos(k2.get())));
    let mut n: isize = 1;
    for name in names {
        if let Some(Item::ArrayOfTables(a)) = doc.get_mut(name) {
            for t in a.iter_mut() {
                t.set_position(Some(n));
                n += 1;
            }
        }
    }
}

/// Read release `version`'s provider facts from `package` and merge them into
/// `<repo>/rules/providers.toml` (written atomically, and only when it changes).
pub fn import_catalog(
    repo: &Path,
    package: &Path,
    version: CalVer,
    commit: Option<String>,
) -> Result<CatalogSummary, String> {
    let rel = extract_catalog(package, version, commit)?;
    write_catalog(repo, &rel)
}

fn write_catalog(repo: &Path, rel: &CatalogRelease) -> Result<CatalogSummary, String> {
    let path = repo.join(catalog::PATH);
    let old = match std::fs::read_to_string(&path) {
        Ok(t) => Some(t),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let new = merge_catalog(old.as_deref(), rel)?;
    catalog::Catalog::parse(&new).map_err(|e| format!("the merged catalog does not load back: {e}"))?;
    let changed = old.as_deref() != Some(new.as_str());
    if changed {
        write_atomic(&path, new.as_bytes())?;
    }
    Ok(CatalogSummary {
        version: rel.version.clone(),
        providers: rel.count(Section::Provider),
        models: rel.count(Section::Models) + rel.count(Section::PiAiModels),
        suppressions: rel.count(Section::Suppression),
        external: rel.count(Section::External),
        notes: rel.notes.clone(),
        changed,
        bytes: new.len(),
    })
}
