//! `rules/providers.toml`: what each imported OpenClaw release knows about model providers,
//! embedded in the binary and parsed once, on first use.
//!
//! The file is written by `cargo xtask matrix import` (see xtask/src/import.rs) from the release's
//! `dist/extensions/*/openclaw.plugin.json`, its official external-plugin catalog, the core
//! env-var table in its dist and, for releases that still bundle it, pi-ai's
//! `models.generated.js`. Every row holds one fact (or a group of facts that share everything
//! but an id) with the range of imported releases that carry it: `since` is the first, `until`
//! the last; no `until` means "still there in the newest imported release".
//!
//! [`for_release`] gives the view of one release, which is what rules use:
//!
//! ```
//! use clawlint::facts::catalog;
//! let c = catalog::for_release(&"2026.9.6".parse().unwrap());
//! let s = c.suppression("openai", "gpt-5.4", Some("chatgpt.com")).unwrap();
//! assert_eq!(s.replaced_by, Some("gpt-5.6-terra"));
//! assert!(c.bundled_provider("moonshot").is_none());
//! assert_eq!(c.external_plugin("moonshotai").unwrap().package, "@openclaw/moonshot-provider");
//! ```

use crate::facts::version::CalVer;
use serde::Deserialize;
use std::sync::OnceLock;

/// Where the file lives in the repository.
pub const PATH: &str = "rules/providers.toml";

/// The layout version written in the file's `format` key.
pub const FORMAT: u32 = 1;

/// The embedded catalog, parsed on first use.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::embedded(&crate::facts::data::PROVIDERS).unwrap_or_else(|e| panic!("{e}")))
}

/// The embedded catalog as seen by release `v` (see [`Catalog::for_release`]).
pub fn for_release(v: &CalVer) -> ReleaseCatalog<'static> {
    catalog().for_release(v)
}

/// A range of imported releases.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Range {
    /// The first imported release that carries the fact.
    pub since: CalVer,
    /// The last imported release that carries it; `None`: still in the newest one.
    pub until: Option<CalVer>,
    /// The release and file the fact was read from (`2026.9.6 dist/extensions/openai/openclaw.plugin.json`).
    pub source: String,
}

impl Range {
    /// Whether release `r` carries the fact.
    pub fn contains(&self, r: &CalVer) -> bool {
        &self.since <= r && self.until.as_ref().is_none_or(|u| r <= u)
    }
}

/// One imported release, with the files its facts came from.
#[derive(Debug, Clone, Deserialize)]
pub struct ReleaseInfo {
    pub version: CalVer,
    pub commit: Option<String>,
    /// The file holding `CORE_PROVIDER_AUTH_ENV_VAR_CANDIDATES`.
    pub core_env: Option<String>,
    /// The files holding the official external catalog's provider entries.
    #[serde(default)]
    pub external_catalog: Vec<String>,
    /// pi-ai's model list (`@scope/pi-ai@version/dist/models.generated.js`), for releases that bundle it.
    pub pi_ai: Option<String>,
    /// Plugins whose manifest directory under `dist/extensions/` is not their id.
    #[serde(default)]
    pub manifest_dirs: std::collections::BTreeMap<String, String>,
}

/// A provider a release bundles (an id in a manifest's `providers`).
#[derive(Debug, Clone, Deserialize)]
pub struct BundledProvider {
    pub id: String,
    /// The plugin whose manifest declares it.
    pub plugin: String,
    /// Env vars the manifest says authenticate it (`setup.providers[].envVars`, and the older
    /// `providerAuthEnvVars`), in the manifest's order.
    #[serde(default)]
    pub env: Vec<String>,
    /// Its `providerAuthChoices[].method`s (`api-key`, `oauth`, `local`, …), sorted.
    #[serde(default)]
    pub auth: Vec<String>,
    /// `providerAuthAliases`: the provider whose credentials it uses.
    pub auth_alias_of: Option<String>,
    /// An auth choice with method `local` (a local server, no credential).
    #[serde(default)]
    pub local: bool,
    /// Listed in the manifest's `syntheticAuthRefs`: the plugin can supply auth itself.
    #[serde(default)]
    pub synthetic_auth: bool,
    /// The plugin's `nonSecretAuthMarkers`: placeholder api-key values that are not secrets
    /// (`ollama-local`, `lmstudio-local`, `minimax-oauth`).
    #[serde(default)]
    pub auth_markers: Vec<String>,
    #[serde(flatten)]
    pub range: Range,
}

impl BundledProvider {
    /// Works without any credential, as the manifest declares it: an auth choice with method
    /// `local`, or synthetic auth with a `*-local` non-secret marker (ollama, lmstudio from
    /// 2026.5.28, apple-fm, copilot-proxy). vLLM and SGLang are *not*: their manifests only
    /// offer a `custom` choice with an env var (vLLM: "Set VLLM_API_KEY (any value works)").
    pub fn keyless(&self) -> bool {
        self.local || (self.synthetic_auth && self.auth_markers.iter().any(|m| m.ends_with("-local")))
    }
}

/// `CORE_PROVIDER_AUTH_ENV_VAR_CANDIDATES` in the release's dist: env vars that override the
/// manifests' for a few providers (e.g. `openai: CODEX_API_KEY, OPENAI_API_KEY` from 2026.6.11).
#[derive(Debug, Clone, Deserialize)]
pub struct CoreEnv {
    pub provider: String,
    pub env: Vec<String>,
    #[serde(flatten)]
    pub range: Range,
}

/// `modelCatalog.aliases`: a provider id that reads another provider's catalog.
#[derive(Debug, Clone, Deserialize)]
pub struct ProviderAlias {
    pub alias: String,
    pub provider: String,
    pub api: Option<String>,
    pub plugin: String,
    #[serde(flatten)]
    pub range: Range,
}

/// `modelCatalog.discovery`: how a provider's model list is completed at runtime
/// (`static`: the static list is all; `refreshable`/`runtime`: more ids can appear).
#[derive(Debug, Clone, Deserialize)]
pub struct Discovery {
    pub provider: String,
    pub plugin: String,
    pub mode: String,
    #[serde(flatten)]
    pub range: Range,
}

/// Static model ids of one provider that share a status and a range.
#[derive(Debug, Clone, Deserialize)]
pub struct ModelGroup {
    pub provider: String,
    /// The plugin whose `modelCatalog.providers.<provider>.models[]` lists them.
    pub plugin: String,
    /// The row's `status` (`deprecated`, `preview`); `None`: active.
    pub status: Option<String>,
    /// The row's `replacedBy`.
    pub replaced_by: Option<String>,
    #[serde(flatten)]
    pub range: Range,
    pub ids: Vec<String>,
}

/// Model ids of one provider in the bundled pi-ai's `models.generated.js` (releases up to
/// 2026.5.12 build their model registry on it).
#[derive(Debug, Clone, Deserialize)]
pub struct PiAiModelGroup {
    pub provider: String,
    #[serde(flatten)]
    pub range: Range,
    pub ids: Vec<String>,
}

/// One `alias = model` pair of a provider's `modelIdNormalization`.
#[derive(Debug, Clone, Deserialize)]
pub struct AliasPair {
    pub alias: String,
    pub model: String,
}

/// A provider's model-id aliases (`modelIdNormalization.providers.<id>.aliases`).
#[derive(Debug, Clone, Deserialize)]
pub struct ModelAliasGroup {
    pub provider: String,
    pub plugin: String,
    #[serde(flatten)]
    pub range: Range,
    pub aliases: Vec<AliasPair>,
}

/// `modelCatalog.suppressions` entries that share provider, reason and condition.
#[derive(Debug, Clone, Deserialize)]
pub struct SuppressionGroup {
    pub provider: String,
    pub plugin: String,
    pub reason: String,
    /// `when.baseUrlHosts`: applies only on these routes.
    #[serde(default)]
    pub when_hosts: Vec<String>,
    /// `when.providerConfigApiIn`: applies only when the provider's `api` is one of these.
    #[serde(default)]
    pub when_api: Vec<String>,
    /// `retirement.replacedBy`.
    pub replaced_by: Option<String>,
    #[serde(flatten)]
    pub range: Range,
    pub models: Vec<String>,
}

/// A provider of the official external-plugin catalog (installable, not necessarily bundled).
#[derive(Debug, Clone, Deserialize)]
pub struct External {
    pub provider: String,
    pub plugin: String,
    /// The npm package (`@openclaw/moonshot-provider`).
    pub package: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub env: Vec<String>,
    /// `install.minHostVersion` (`>=2026.6.9`).
    pub min_host: Option<String>,
    /// The entry's `source`: `official` or `external` (third-party).
    pub listed_as: Option<String>,
    #[serde(flatten)]
    pub range: Range,
}

/// One section's rows, read from its part of the file on first use.
#[derive(Debug)]
struct Lazy<T> {
    name: &'static str,
    text: Section,
    rows: OnceLock<Vec<T>>,
}

/// A section's text: a TOML document holding only that section, or the section's JSON array
/// in the embedded file.
#[derive(Debug)]
enum Section {
    Toml(String),
    Json(&'static str),
}

impl<T: serde::de::DeserializeOwned> Lazy<T> {
    fn new(name: &'static str, text: Section) -> Self {
        Lazy { name, text, rows: OnceLock::new() }
    }

    fn parse(&self) -> Result<Vec<T>, String> {
        match &self.text {
            Section::Toml(text) => {
                let mut map: std::collections::BTreeMap<String, Vec<T>> =
                    toml_edit::de::from_str(text).map_err(|e| format!("{PATH}: [[{}]]: {e}", self.name))?;
                Ok(map.remove(self.name).unwrap_or_default())
            }
            Section::Json(json) => serde_json::from_str(json).map_err(|e| format!("{PATH}: [[{}]]: {e}", self.name)),
        }
    }

    fn get(&self) -> &[T] {
        self.rows.get_or_init(|| self.parse().unwrap_or_else(|e| panic!("{e}")))
    }

    fn force(&self) -> Result<(), String> {
        if self.rows.get().is_none() {
            let rows = self.parse()?;
            let _ = self.rows.set(rows);
        }
        Ok(())
    }
}

/// The part of the file before the first fact section.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Head {
    format: u32,
    #[serde(default)]
    release: Vec<ReleaseInfo>,
}

/// Section names in the order the importer writes them (`[[release]]` comes first).
const SECTIONS: [&str; 10] = [
    "release",
    "provider",
    "core_env",
    "provider_alias",
    "discovery",
    "models",
    "pi_ai_models",
    "model_alias",
    "suppression",
    "external",
];

/// The catalog file: its imported releases, and every fact section, each parsed on first use.
#[derive(Debug)]
pub struct Catalog {
    /// The layout version ([`FORMAT`]).
    pub format: u32,
    /// The imported releases, oldest first.
    pub releases: Vec<ReleaseInfo>,
    providers: Lazy<BundledProvider>,
    core_env: Lazy<CoreEnv>,
    provider_aliases: Lazy<ProviderAlias>,
    discovery: Lazy<Discovery>,
    models: Lazy<ModelGroup>,
    pi_ai_models: Lazy<PiAiModelGroup>,
    model_aliases: Lazy<ModelAliasGroup>,
    suppressions: Lazy<SuppressionGroup>,
    external: Lazy<External>,
}

impl Catalog {
    /// The embedded file (its JSON form, see [`crate::facts::data`]): the head is read now, each fact
    /// section when a query first needs it (a malformed section panics then; tests read the
    /// embedded file whole).
    fn embedded(file: &crate::facts::data::Embedded) -> Result<Catalog, String> {
        if let Some(name) = file.keys().find(|k| !(*k == "format" || SECTIONS.contains(k))) {
            return Err(format!("{PATH}: unknown key {name:?}"));
        }
        let format: u32 = match file.section("format") {
            Some(json) => serde_json::from_str(json).map_err(|e| format!("{PATH}: format: {e}"))?,
            None => return Err(format!("{PATH}: no format key")),
        };
        let release = match file.section("release") {
            Some(json) => serde_json::from_str(json).map_err(|e| format!("{PATH}: [[release]]: {e}"))?,
            None => Vec::new(),
        };
        let slice = |name: &str| Section::Json(file.section(name).unwrap_or("[]"));
        Catalog::assemble(Head { format, release }, slice)
    }

    /// Read and check the whole file now.
    pub fn parse(text: &str) -> Result<Catalog, String> {
        let doc: toml_edit::DocumentMut = text.parse().map_err(|e| format!("{PATH}: {e}"))?;
        let mut head_doc = toml_edit::DocumentMut::new();
        for (k, v) in doc.iter() {
            if k == "format" || k == "release" || !SECTIONS.contains(&k) {
                head_doc.insert(k, v.clone());
            }
        }
        let head: Head = toml_edit::de::from_str(&head_doc.to_string()).map_err(|e| format!("{PATH}: {e}"))?;
        let slice = |name: &str| {
            let mut d = toml_edit::DocumentMut::new();
            if let Some(item) = doc.get(name) {
                d.insert(name, item.clone());
            }
            Section::Toml(d.to_string())
        };
        let c = Catalog::assemble(head, slice)?;
        c.providers.force()?;
        c.core_env.force()?;
        c.provider_aliases.force()?;
        c.discovery.force()?;
        c.models.force()?;
        c.pi_ai_models.force()?;
        c.model_aliases.force()?;
        c.suppressions.force()?;
        c.external.force()?;
        Ok(c)
    }

    fn assemble(head: Head, slice: impl Fn(&str) -> Section) -> Result<Catalog, String> {
        if head.format != FORMAT {
            return Err(format!("{PATH}: format {} (this clawlint reads format {FORMAT})", head.format));
        }
        let mut releases = head.release;
        releases.sort_by(|a, b| a.version.cmp(&b.version));
        Ok(Catalog {
            format: head.format,
            releases,
            providers: Lazy::new("provider", slice("provider")),
            core_env: Lazy::new("core_env", slice("core_env")),
            provider_aliases: Lazy::new("provider_alias", slice("provider_alias")),
            discovery: Lazy::new("discovery", slice("discovery")),
            models: Lazy::new("models", slice("models")),
            pi_ai_models: Lazy::new("pi_ai_models", slice("pi_ai_models")),
            model_aliases: Lazy::new("model_alias", slice("model_alias")),
            suppressions: Lazy::new("suppression", slice("suppression")),
            external: Lazy::new("external", slice("external")),
        })
    }

    /// The imported releases, oldest first.
    pub fn release_versions(&self) -> impl Iterator<Item = &CalVer> {
        self.releases.iter().map(|r| &r.version)
    }

    /// Every `[[provider]]` row.
    pub fn provider_rows(&self) -> &[BundledProvider] {
        self.providers.get()
    }

    /// Every `[[models]]` row.
    pub fn model_rows(&self) -> &[ModelGroup] {
        self.models.get()
    }

    /// Every `[[suppression]]` row.
    pub fn suppression_rows(&self) -> &[SuppressionGroup] {
        self.suppressions.get()
    }

    /// Every `[[external]]` row.
    pub fn external_rows(&self) -> &[External] {
        self.external.get()
    }

    /// The catalog as release `v` has it: the data of the newest imported release at or
    /// before `v` (the oldest when `v` predates them all), as `--target` does.
    pub fn for_release(&self, v: &CalVer) -> ReleaseCatalog<'_> {
        let data = self.releases.iter().rev().find(|r| &r.version <= v).or_else(|| self.releases.first());
        ReleaseCatalog { catalog: self, release: data }
    }
}

/// One release's view of the catalog. Provider ids compare case-insensitively (OpenClaw
/// lower-cases them); model ids compare exactly, except in [`ReleaseCatalog::suppression`],
/// which lower-cases both as OpenClaw's resolver does.
#[derive(Debug, Clone)]
pub struct ReleaseCatalog<'a> {
    catalog: &'a Catalog,
    release: Option<&'a ReleaseInfo>,
}

/// A static model of a provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Model<'a> {
    pub id: &'a str,
    pub status: Option<&'a str>,
    pub replaced_by: Option<&'a str>,
    pub source: &'a str,
}

/// A suppression that applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelSuppression<'a> {
    pub provider: &'a str,
    pub model: &'a str,
    /// OpenClaw's text ("GPT-5.4 has retired from the ChatGPT-account Codex route.").
    pub reason: &'a str,
    /// `retirement.replacedBy`: the model OpenClaw's doctor moves the ref to.
    pub replaced_by: Option<&'a str>,
    /// The route hosts it is limited to (empty: every route).
    pub when_hosts: &'a [String],
    /// The provider `api` values it is limited to (empty: any).
    pub when_api: &'a [String],
    pub source: &'a str,
}

/// The route a model ref is used on, for [`ReleaseCatalog::suppression_on`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Route<'r> {
    /// The host of the provider's base URL (`chatgpt.com` for ChatGPT/Codex OAuth,
    /// `api.openai.com` for an API key); `None` when nothing configures one.
    pub host: Option<&'r str>,
    /// The provider's configured `api`; `None`: the provider id stands for it, as in OpenClaw.
    pub api: Option<&'r str>,
}

/// An official external plugin's provider.
#[derive(Debug, Clone, Copy)]
pub struct ExternalPlugin<'a> {
    pub entry: &'a External,
    /// The same release also bundles a provider with this id (the catalog lists a few
    /// bundled plugins too, e.g. opencode-go from 2026.8.1).
    pub bundled: bool,
}

impl std::ops::Deref for ExternalPlugin<'_> {
    type Target = External;
    fn deref(&self) -> &External {
        self.entry
    }
}

fn same_id(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// The host of a base URL (`https://chatgpt.com/backend-api/codex` → `chatgpt.com`), lower-cased
/// and without trailing dots; a bare host is returned normalised the same way.
pub fn route_host(base_url: &str) -> Option<String> {
    let s = base_url.trim();
    let rest = s.split_once("://").map_or(s, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host =
        if let Some(v6) = host_port.strip_prefix('[') { v6.split(']').next()? } else { host_port.split(':').next()? };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

impl<'a> ReleaseCatalog<'a> {
    /// The imported release whose data this view uses (`None` when the catalog is empty).
    pub fn data_release(&self) -> Option<&'a CalVer> {
        self.release.map(|r| &r.version)
    }

    fn live(&self, r: &Range) -> bool {
        self.release.is_some_and(|rel| r.contains(&rel.version))
    }

    /// Every bundled provider.
    pub fn bundled_providers(&self) -> impl Iterator<Item = &'a BundledProvider> + '_ {
        self.catalog.providers.get().iter().filter(|p| self.live(&p.range))
    }

    /// The bundled provider `id`.
    pub fn bundled_provider(&self, id: &str) -> Option<&'a BundledProvider> {
        self.bundled_providers().find(|p| same_id(&p.id, id))
    }

    /// Whether the release bundles `id` and it needs no credential ([`BundledProvider::keyless`]).
    pub fn is_keyless(&self, id: &str) -> bool {
        self.bundled_provider(id).is_some_and(BundledProvider::keyless)
    }

    /// The env vars that authenticate provider `id`, as the release resolves them: its core
    /// table when it names `id` (it wins over the manifests), else the manifest's list; an
    /// auth alias (`providerAuthAliases`) adds its target's. Empty for providers the release
    /// does not know (an external plugin's vars are in [`ReleaseCatalog::external_plugin`]).
    pub fn provider_env_vars(&self, id: &str) -> Vec<&'a str> {
        let core =
            |id: &str| self.catalog.core_env.get().iter().find(|c| self.live(&c.range) && same_id(&c.provider, id));
        let own = |id: &str| -> Vec<&'a str> {
            match core(id) {
                Some(c) => c.env.iter().map(String::as_str).collect(),
                None => {
                    self.bundled_provider(id).map(|p| p.env.iter().map(String::as_str).collect()).unwrap_or_default()
                }
            }
        };
        let mut out = own(id);
        if core(id).is_none()
            && let Some(target) = self.bundled_provider(id).and_then(|p| p.auth_alias_of.as_deref())
        {
            for v in own(target) {
                if !out.contains(&v) {
                    out.push(v);
                }
            }
        }
        out
    }

    /// Whether the release knows `name` as a provider credential variable (a manifest's env
    /// var, or one of its core table): an `apiKey` equal to such a name is an env marker.
    pub fn known_env_name(&self, name: &str) -> bool {
        self.bundled_providers().any(|p| p.env.iter().any(|e| e == name))
            || self.catalog.core_env.get().iter().any(|c| self.live(&c.range) && c.env.iter().any(|e| e == name))
    }

    /// Every non-secret `apiKey` marker a bundled manifest declares.
    pub fn auth_marker(&self, value: &str) -> bool {
        self.bundled_providers().any(|p| p.auth_markers.iter().any(|m| m == value))
    }

    /// The static models of `provider` (manifest rows and, up to 2026.5.12, pi-ai's list),
    /// sorted by id; one entry per id (a manifest row wins over pi-ai's).
    pub fn models(&self, provider: &str) -> Vec<Model<'a>> {
        let mut out: Vec<(bool, Model<'a>)> = Vec::new();
        for g in self.catalog.models.get().iter().filter(|g| self.live(&g.range) && same_id(&g.provider, provider)) {
            for id in &g.ids {
                let m = Model {
                    id,
                    status: g.status.as_deref(),
                    replaced_by: g.replaced_by.as_deref(),
                    source: &g.range.source,
                };
                out.push((false, m));
            }
        }
        // pi-ai's list is parsed only for the releases that bundle it.
        if self.release.is_some_and(|r| r.pi_ai.is_some()) {
            let pi = self.catalog.pi_ai_models.get();
            for g in pi.iter().filter(|g| self.live(&g.range) && same_id(&g.provider, provider)) {
                for id in &g.ids {
                    out.push((true, Model { id, status: None, replaced_by: None, source: &g.range.source }));
                }
            }
        }
        out.sort_by(|a, b| a.1.id.cmp(b.1.id).then(a.0.cmp(&b.0)));
        out.dedup_by(|b, a| a.1.id == b.1.id);
        out.into_iter().map(|(_, m)| m).collect()
    }

    /// The static model `id` of `provider`.
    pub fn model(&self, provider: &str, id: &str) -> Option<Model<'a>> {
        self.models(provider).into_iter().find(|m| m.id == id)
    }

    /// `modelCatalog.discovery` of `provider` (`static`, `refreshable`, `runtime`); `None`
    /// when no manifest declares it.
    pub fn discovery(&self, provider: &str) -> Option<&'a str> {
        self.catalog
            .discovery
            .get()
            .iter()
            .find(|d| self.live(&d.range) && same_id(&d.provider, provider))
            .map(|d| d.mode.as_str())
    }

    /// What `alias` resolves to in `provider`'s `modelIdNormalization` (`opus` → `claude-opus-5`).
    pub fn model_alias(&self, provider: &str, alias: &str) -> Option<&'a str> {
        self.catalog
            .model_aliases
            .get()
            .iter()
            .filter(|g| self.live(&g.range) && same_id(&g.provider, provider))
            .flat_map(|g| &g.aliases)
            .find(|a| a.alias == alias)
            .map(|a| a.model.as_str())
    }

    /// `modelCatalog.aliases`: the provider (and `api`) a provider alias reads
    /// (`azure-openai-responses` → `openai`).
    pub fn provider_alias(&self, alias: &str) -> Option<&'a ProviderAlias> {
        self.catalog.provider_aliases.get().iter().find(|a| self.live(&a.range) && same_id(&a.alias, alias))
    }

    /// Every suppression of `provider`/`model`, whatever its condition.
    pub fn suppressions(&self, provider: &str, model: &str) -> Vec<ModelSuppression<'a>> {
        let mut out = Vec::new();
        for g in
            self.catalog.suppressions.get().iter().filter(|g| self.live(&g.range) && same_id(&g.provider, provider))
        {
            for m in g.models.iter().filter(|m| same_id(m, model)) {
                out.push(ModelSuppression {
                    provider: &g.provider,
                    model: m,
                    reason: &g.reason,
                    replaced_by: g.replaced_by.as_deref(),
                    when_hosts: &g.when_hosts,
                    when_api: &g.when_api,
                    source: &g.range.source,
                });
            }
        }
        out
    }

    /// The suppression OpenClaw applies to `provider/model` on the route whose base-URL host
    /// is `route_host` (see [`route_host`]); the provider id stands for its `api`.
    pub fn suppression(&self, provider: &str, model: &str, route_host: Option<&str>) -> Option<ModelSuppression<'a>> {
        self.suppression_on(provider, model, Route { host: route_host, api: None })
    }

    /// [`ReleaseCatalog::suppression`] with the provider's configured `api` too. Conditions
    /// as in OpenClaw 2026.9.6's `manifestSuppressionMatchesConditions`: no `when`: always;
    /// `when.providerConfigApiIn`: the api (else the provider id) must be listed;
    /// `when.baseUrlHosts`: the host must be listed, and with no known host a plain
    /// suppression applies while a retirement (`replacedBy`) does not. (OpenClaw's extra rule
    /// for a custom provider whose base URL is a bundled plugin's own host is not modelled.)
    pub fn suppression_on(&self, provider: &str, model: &str, route: Route<'_>) -> Option<ModelSuppression<'a>> {
        let host = route.host.and_then(route_host);
        let api = route.api.unwrap_or(provider).to_ascii_lowercase();
        self.suppressions(provider, model).into_iter().find(|s| {
            if !s.when_api.is_empty() && !s.when_api.iter().any(|a| a.eq_ignore_ascii_case(&api)) {
                return false;
            }
            if s.when_hosts.is_empty() {
                return true;
            }
            match &host {
                Some(h) => s.when_hosts.iter().any(|w| route_host(w).as_deref() == Some(h.as_str())),
                None => s.replaced_by.is_none(),
            }
        })
    }

    /// Every provider of the official external-plugin catalog.
    pub fn external_plugins(&self) -> impl Iterator<Item = ExternalPlugin<'a>> + '_ {
        self.catalog
            .external
            .get()
            .iter()
            .filter(|e| self.live(&e.range))
            .map(|e| ExternalPlugin { entry: e, bundled: self.bundled_provider(&e.provider).is_some() })
    }

    /// The external catalog's provider whose id, alias or plugin id is `id_or_alias`.
    pub fn external_plugin(&self, id_or_alias: &str) -> Option<ExternalPlugin<'a>> {
        let find = |f: &dyn Fn(&External) -> bool| self.external_plugins().find(|e| f(e.entry));
        find(&|e| same_id(&e.provider, id_or_alias))
            .or_else(|| find(&|e| e.aliases.iter().any(|a| same_id(a, id_or_alias))))
            .or_else(|| find(&|e| same_id(&e.plugin, id_or_alias)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> CalVer {
        s.parse().unwrap()
    }

    const SMALL: &str = r#"
format = 1

[[release]]
version = "2026.1.1"
core_env = "dist/env-a.js"
pi_ai = "@x/pi-ai@1.0.0/dist/models.generated.js"

[[release]]
version = "2026.2.1"

[[provider]]
id = "alpha"
plugin = "alpha"
env = ["ALPHA_KEY"]
auth = ["api-key"]
since = "2026.1.1"
source = "2026.1.1 dist/extensions/alpha/openclaw.plugin.json"

[[provider]]
id = "alpha-plan"
plugin = "alpha"
env = ["ALPHA_PLAN_KEY"]
auth_alias_of = "alpha"
since = "2026.1.1"
source = "2026.1.1 dist/extensions/alpha/openclaw.plugin.json"

[[provider]]
id = "loco"
plugin = "loco"
synthetic_auth = true
auth_markers = ["loco-local"]
since = "2026.2.1"
source = "2026.2.1 dist/extensions/loco/openclaw.plugin.json"

[[core_env]]
provider = "alpha"
env = ["CORE_ALPHA", "ALPHA_KEY"]
since = "2026.2.1"
source = "2026.2.1 dist/env-a.js"

[[models]]
provider = "alpha"
plugin = "alpha"
since = "2026.1.1"
source = "2026.1.1 dist/extensions/alpha/openclaw.plugin.json"
ids = ["a-1", "a-2"]

[[pi_ai_models]]
provider = "alpha"
since = "2026.1.1"
until = "2026.1.1"
source = "2026.1.1 @x/pi-ai@1.0.0/dist/models.generated.js"
ids = ["a-1", "a-old"]

[[models]]
provider = "alpha"
plugin = "alpha"
status = "deprecated"
replaced_by = "a-2"
since = "2026.2.1"
source = "2026.2.1 dist/extensions/alpha/openclaw.plugin.json"
ids = ["a-0"]

[[suppression]]
provider = "alpha"
plugin = "alpha"
reason = "gone on the subscription route"
when_hosts = ["sub.example.com"]
replaced_by = "a-2"
since = "2026.2.1"
source = "2026.2.1 dist/extensions/alpha/openclaw.plugin.json"
models = ["a-1"]

[[suppression]]
provider = "alpha"
plugin = "alpha"
reason = "api keys cannot use it"
when_hosts = ["api.example.com"]
since = "2026.1.1"
source = "2026.1.1 dist/extensions/alpha/openclaw.plugin.json"
models = ["a-spark"]

[[external]]
provider = "moon"
plugin = "moon"
package = "@x/moon-provider"
aliases = ["moonshot-x"]
env = ["MOON_KEY"]
since = "2026.2.1"
source = "2026.2.1 dist/official-external-plugin-catalog-x.js"
"#;

    #[test]
    fn embedded_catalog_parses_and_matches_the_pack() {
        let c = catalog();
        let ours: Vec<String> = c.release_versions().map(ToString::to_string).collect();
        let pack: Vec<String> = crate::facts::release::releases().iter().map(ToString::to_string).collect();
        assert_eq!(ours, pack, "rules/providers.toml and schemas/matrix.pack hold the same releases");
        for p in c.provider_rows() {
            assert!(p.range.source.starts_with(&p.range.since.to_string()), "{}: {}", p.id, p.range.source);
        }
    }

    #[test]
    fn embedded_catalog_reads_like_the_toml_file() {
        let lazy = catalog();
        let eager = Catalog::parse(include_str!("../../rules/providers.toml")).unwrap();
        assert_eq!(lazy.releases.len(), eager.releases.len());
        for r in eager.release_versions() {
            let (a, b) = (lazy.for_release(r), eager.for_release(r));
            let ids = |c: &ReleaseCatalog<'_>| c.bundled_providers().map(|p| p.id.clone()).collect::<Vec<_>>();
            assert_eq!(ids(&a), ids(&b), "{r}");
            for p in ids(&b) {
                assert_eq!(a.models(&p), b.models(&p), "{r} {p}");
                assert_eq!(a.provider_env_vars(&p), b.provider_env_vars(&p), "{r} {p}");
            }
            let ext = |c: &ReleaseCatalog<'_>| c.external_plugins().map(|e| e.package.clone()).collect::<Vec<_>>();
            assert_eq!(ext(&a), ext(&b), "{r}");
        }
        assert_eq!(lazy.suppression_rows().len(), eager.suppression_rows().len());
        let file = |json| crate::facts::data::Embedded::for_tests(json);
        assert!(Catalog::embedded(&file(r#"{"format":1,"bogus":[]}"#)).unwrap_err().contains("bogus"));
        assert!(Catalog::embedded(&file(r#"{"format":2}"#)).unwrap_err().contains("format 2"));
        let small = Catalog::embedded(&file(r#"{"format":1,"external":[]}"#)).unwrap();
        assert!(small.model_rows().is_empty() && small.external_rows().is_empty());
    }

    #[test]
    fn ranges_pick_the_nearest_older_release() {
        let c = Catalog::parse(SMALL).unwrap();
        assert_eq!(c.for_release(&v("2026.1.15")).data_release(), Some(&v("2026.1.1")));
        assert_eq!(c.for_release(&v("2025.1.1")).data_release(), Some(&v("2026.1.1")));
        assert_eq!(c.for_release(&v("2027.1.1")).data_release(), Some(&v("2026.2.1")));
        let r1 = c.for_release(&v("2026.1.1"));
        assert!(r1.bundled_provider("loco").is_none());
        assert!(c.for_release(&v("2026.2.1")).bundled_provider("LOCO").is_some());
    }

    #[test]
    fn env_vars_core_table_wins_and_aliases_inherit() {
        let c = Catalog::parse(SMALL).unwrap();
        let r1 = c.for_release(&v("2026.1.1"));
        assert_eq!(r1.provider_env_vars("alpha"), ["ALPHA_KEY"]);
        assert_eq!(r1.provider_env_vars("alpha-plan"), ["ALPHA_PLAN_KEY", "ALPHA_KEY"]);
        let r2 = c.for_release(&v("2026.2.1"));
        assert_eq!(r2.provider_env_vars("alpha"), ["CORE_ALPHA", "ALPHA_KEY"]);
        assert_eq!(r2.provider_env_vars("alpha-plan"), ["ALPHA_PLAN_KEY", "CORE_ALPHA", "ALPHA_KEY"]);
        assert!(r2.provider_env_vars("moon").is_empty());
        assert!(r2.is_keyless("loco"));
        assert!(!r2.is_keyless("alpha"));
    }

    #[test]
    fn models_union_manifest_and_pi_ai() {
        let c = Catalog::parse(SMALL).unwrap();
        let ids =
            |r: &str| -> Vec<String> { c.for_release(&v(r)).models("alpha").iter().map(|m| m.id.to_owned()).collect() };
        assert_eq!(ids("2026.1.1"), ["a-1", "a-2", "a-old"]);
        assert_eq!(ids("2026.2.1"), ["a-0", "a-1", "a-2"]);
        let r1 = c.for_release(&v("2026.1.1"));
        assert!(r1.model("alpha", "a-1").unwrap().source.contains("openclaw.plugin.json"), "manifest row wins");
        let dep = c.for_release(&v("2026.2.1")).model("alpha", "a-0").unwrap();
        assert_eq!((dep.status, dep.replaced_by), (Some("deprecated"), Some("a-2")));
    }

    #[test]
    fn suppression_follows_the_route() {
        let c = Catalog::parse(SMALL).unwrap();
        let r2 = c.for_release(&v("2026.2.1"));
        let s = r2.suppression("alpha", "A-1", Some("https://Sub.Example.com./v1")).unwrap();
        assert_eq!((s.reason, s.replaced_by), ("gone on the subscription route", Some("a-2")));
        assert!(r2.suppression("alpha", "a-1", Some("api.example.com")).is_none());
        // a retirement needs a known route; a plain suppression applies without one
        assert!(r2.suppression("alpha", "a-1", None).is_none());
        assert!(r2.suppression("alpha", "a-spark", None).is_some());
        assert!(r2.suppression("alpha", "a-spark", Some("sub.example.com")).is_none());
        assert!(c.for_release(&v("2026.1.1")).suppression("alpha", "a-1", Some("sub.example.com")).is_none());
        assert_eq!(r2.suppressions("alpha", "a-1").len(), 1);
    }

    #[test]
    fn external_plugins_by_id_alias_or_plugin() {
        let c = Catalog::parse(SMALL).unwrap();
        let r2 = c.for_release(&v("2026.2.1"));
        for q in ["moon", "MOONSHOT-X"] {
            let e = r2.external_plugin(q).unwrap();
            assert_eq!((e.package.as_str(), e.bundled), ("@x/moon-provider", false), "{q}");
        }
        assert!(c.for_release(&v("2026.1.1")).external_plugin("moon").is_none());
    }

    #[test]
    fn route_hosts() {
        assert_eq!(route_host("https://chatgpt.com/backend-api/codex").as_deref(), Some("chatgpt.com"));
        assert_eq!(route_host("API.OpenAI.com.").as_deref(), Some("api.openai.com"));
        assert_eq!(route_host("http://user@[::1]:8080/x").as_deref(), Some("::1"));
        assert_eq!(route_host("http://localhost:11434").as_deref(), Some("localhost"));
        assert_eq!(route_host(""), None);
    }

    #[test]
    fn rejects_other_formats() {
        assert!(Catalog::parse("format = 2\n").unwrap_err().contains("format 2"));
        assert!(Catalog::parse("format = 1\nbogus = 3\n").is_err());
    }

    // Facts of the real releases, checked by hand against ../shared/research/peer-baseline.md §3
    // and the packages themselves.
    #[test]
    fn real_gpt_5_4_retired_on_the_chatgpt_route_from_2026_9_5() {
        let c = catalog();
        let r = c.for_release(&v("2026.9.6"));
        let s = r.suppression("openai", "gpt-5.4", Some("chatgpt.com")).unwrap();
        assert_eq!(s.replaced_by, Some("gpt-5.6-terra"));
        assert!(s.reason.contains("ChatGPT-account Codex route"), "{}", s.reason);
        assert_eq!(
            r.suppression("openai", "gpt-5.4-mini", Some("chatgpt.com")).unwrap().replaced_by,
            Some("gpt-5.6-luna")
        );
        assert!(r.suppression("openai", "gpt-5.4", Some("api.openai.com")).is_none());
        assert!(r.suppression("openai", "gpt-5.4", None).is_none());
        assert!(r.suppression("openai", "gpt-5.3-codex-spark", Some("api.openai.com")).is_some());
        assert!(r.suppression("openai", "gpt-5.3-codex-spark", Some("chatgpt.com")).is_none());
        assert!(r.suppression("openai", "gpt-5.5-pro", Some("chatgpt.com")).is_none());
        // the retirement ships in 2026.9.5 (not in the 2026.9.1 beta)
        assert!(c.for_release(&v("2026.9.5")).suppression("openai", "gpt-5.4", Some("chatgpt.com")).is_some());
        assert!(c.for_release(&v("2026.9.1-beta.1")).suppression("openai", "gpt-5.4", Some("chatgpt.com")).is_none());
    }

    #[test]
    fn real_codex_oauth_suppressions_only_in_2026_5_12() {
        let c = catalog();
        let ids = ["gpt-5.1", "gpt-5.1-codex", "gpt-5.1-codex-mini", "gpt-5.1-codex-max", "gpt-5.2"];
        let more = ["gpt-5.2-codex", "gpt-5.2-pro", "gpt-5.3", "gpt-5.3-codex", "gpt-5.3-chat-latest"];
        for id in ids.iter().chain(&more) {
            let s = c.for_release(&v("2026.5.12")).suppression("openai-codex", id, None).unwrap();
            assert!(s.reason.contains("no longer supported for ChatGPT/Codex OAuth"), "{id}: {}", s.reason);
            for r in ["2026.5.7", "2026.5.28", "2026.9.6"] {
                assert!(c.for_release(&v(r)).suppression("openai-codex", id, None).is_none(), "{id} in {r}");
            }
        }
    }

    #[test]
    fn real_moonshot_bundled_then_external() {
        let c = catalog();
        for r in ["2026.5.7", "2026.5.12", "2026.5.28"] {
            let rc = c.for_release(&v(r));
            let p = rc.bundled_provider("moonshot").unwrap_or_else(|| panic!("moonshot bundled in {r}"));
            assert_eq!(p.env, ["MOONSHOT_API_KEY", "KIMI_API_KEY"]);
            assert!(rc.models("moonshot").iter().any(|m| m.id == "kimi-k2.6"), "{r}");
        }
        for r in ["2026.6.11", "2026.7.1", "2026.8.2", "2026.9.6"] {
            let rc = c.for_release(&v(r));
            assert!(rc.bundled_provider("moonshot").is_none(), "{r}");
            let e = rc.external_plugin("moonshot").unwrap();
            assert_eq!(e.package, "@openclaw/moonshot-provider");
            assert_eq!(e.aliases, ["moonshotai", "moonshot-ai"]);
            assert_eq!(e.env, ["MOONSHOT_API_KEY", "KIMI_API_KEY"]);
            assert!(!e.bundled);
            assert_eq!(rc.external_plugin("moonshot-ai").unwrap().provider, "moonshot");
        }
    }

    #[test]
    fn real_providers_env_and_keyless() {
        let c = catalog();
        let r = c.for_release(&v("2026.9.6"));
        assert_eq!(r.provider_env_vars("openai"), ["CODEX_API_KEY", "OPENAI_API_KEY"]);
        assert_eq!(c.for_release(&v("2026.5.7")).provider_env_vars("openai"), ["OPENAI_API_KEY"]);
        assert!(r.is_keyless("ollama"));
        assert!(r.is_keyless("lmstudio"));
        assert!(!r.is_keyless("vllm") && r.bundled_provider("vllm").is_some());
        assert!(!r.is_keyless("openai"));
        assert!(c.for_release(&v("2026.5.7")).bundled_provider("openai-codex").is_some());
        assert!(r.bundled_provider("openai-codex").is_none());
        assert_eq!(r.discovery("openai"), Some("runtime"));
        assert_eq!(r.provider_alias("azure-openai-responses").map(|a| a.provider.as_str()), Some("openai"));
        assert_eq!(r.model_alias("anthropic", "opus"), Some("claude-opus-5"));
    }

    #[test]
    fn real_model_lists() {
        let c = catalog();
        let ids = |r: &str, p: &str| -> Vec<String> {
            c.for_release(&v(r)).models(p).iter().map(|m| m.id.to_owned()).collect()
        };
        let o96 = ids("2026.9.6", "openai");
        for m in ["gpt-6-astra", "gpt-5.6-terra", "gpt-5.4", "gpt-5.4-mini"] {
            assert!(o96.iter().any(|x| x == m), "{m} in {o96:?}");
        }
        assert_eq!(o96.len(), 12);
        // 2026.5.7 still bundles pi-ai: openai-codex/gpt-5.4 is in its list, not in the manifest's
        let codex57 = ids("2026.5.7", "openai-codex");
        assert!(codex57.iter().any(|x| x == "gpt-5.4") && codex57.iter().any(|x| x == "gpt-5.5-pro"), "{codex57:?}");
        let m = c.for_release(&v("2026.9.6")).model("openai", "gpt-5.5").unwrap();
        assert_eq!((m.status, m.replaced_by), (Some("deprecated"), Some("gpt-5.6-sol")));
        assert!(ids("2026.9.6", "ollama").is_empty());
        assert_eq!(c.for_release(&v("2026.9.6")).discovery("ollama"), Some("refreshable"));
    }
}
