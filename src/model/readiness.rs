//! Is a provider authenticated? The target release's own answer, as far as the config and the
//! environment clawlint sees can give it.
//!
//! Mirrors OpenClaw 2026.9.6's `models status` (dist/model-auth-availability-*.mjs,
//! `unprofiledEvaluation`; dist/loader-runtime-load-*.mjs; facts §3.5), in its order; older
//! releases differ in the steps `rules/auth.toml` `[[readiness.dialect]]` switches off
//! (presence-only keys up to 2026.5.7, "missing" for no evidence up to 2026.7.1, no synthetic
//! local before 2026.9.5), recorded in tests/fixtures/recorded/models-status:
//!
//! 1. `auth: "aws-sdk"`: the AWS SDK chain decides (clawlint cannot see it: unknown);
//! 2. a malformed secret reference in `apiKey`: not usable;
//! 3. an auth profile for the provider (`auth.profiles`, `auth.order`): its credential is in
//!    OpenClaw's store, which clawlint cannot read: unknown;
//! 4. a literal `apiKey`: ready;
//! 5. a marker `apiKey`: an env-var name is ready iff the variable is set; a `*-local` marker
//!    only with a local `baseUrl`, a local `api` and a non-empty `models`, else indeterminate;
//! 6. a SecretRef (`${VAR}`, `$VAR`, `{source:"env"}`): ready iff the variable is set;
//! 7. no `apiKey`: one of the provider's env vars is set;
//! 8. "synthetic local": local `baseUrl`, an `api`, non-empty `models`, `auth` unset or
//!    `api-key`;
//! 9. otherwise missing when the config shows auth evidence (`auth`, an `apiKey`),
//!    indeterminate when it shows none.
//!
//! Where a step needs a variable and clawlint does not read the environment (`--no-env`), the
//! verdict is *unknown*: never *missing*.

use crate::facts::auth_facts::AuthFacts;
use crate::facts::catalog::ReleaseCatalog;
use crate::facts::version::CalVer;
use crate::model::auth::{ApiKeyForm, AuthContext, EnvLookup, Environment, ProviderEntry};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The release would use a credential.
    Ready,
    /// The config shows a credential that cannot work (`models status`: Missing auth).
    Missing,
    /// No evidence either way (`models status`: indeterminate).
    Indeterminate,
    /// Depends on something clawlint cannot see (the credential store, `--no-env`).
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readiness {
    /// The release's verdict, taking OpenClaw's credential store as empty and every variable
    /// clawlint cannot see as unset.
    pub verdict: Verdict,
    /// Why, in words that never hold a secret: "`apiKey` names OLLAMA_API_KEY, which is not set".
    pub reason: String,
    /// Variables that would authenticate the provider.
    pub env_vars: Vec<String>,
    /// The verdict could change with a credential in OpenClaw's store, which clawlint cannot
    /// read (an auth profile, or a key stored by `openclaw configure`).
    pub store_dependent: bool,
    /// The verdict could change with a variable clawlint did not look at (`--no-env`).
    pub env_dependent: bool,
    /// Those variables, by name (for "depends on X in the gateway's environment").
    pub unread: Vec<String>,
    /// The config's `apiKey` for it is not used (a subscription-only route): the file proves
    /// that much, whatever the store holds.
    pub key_unused: bool,
}

/// What readiness is judged from.
pub struct ReadinessInputs<'a> {
    pub auth: &'a AuthContext,
    pub env: &'a Environment,
    pub catalog: &'a ReleaseCatalog<'a>,
    pub facts: &'a AuthFacts,
    pub release: &'a CalVer,
}

impl ReadinessInputs<'_> {
    fn lookup(&self, name: &str) -> EnvLookup {
        self.auth.env(self.env, name)
    }

    fn unset_words(&self, name: &str) -> String {
        match self.lookup(name) {
            EnvLookup::Unknown => format!("{name}, not checked (--no-env)"),
            _ => format!("{name}, which is not set in {}", self.env.describe_with_config()),
        }
    }

    /// Is `s` an env-var name the release reads as a marker?
    fn env_marker(&self, s: &str) -> bool {
        self.catalog.known_env_name(s) || self.facts.readiness.legacy_env_names.iter().any(|n| n == s)
    }
}

/// Whether a provider entry is "custom local" (facts §3.5 rule 5): local `baseUrl`, an `api`
/// of the local kinds, and model rows.
fn custom_local(p: &ProviderEntry, facts: &AuthFacts) -> Result<(), String> {
    local_entry(p)?;
    match &p.api {
        Some(a) if !facts.readiness.local_marker_apis.iter().any(|x| x == a) => {
            Err(format!("its `api` {a:?} is not one of {}", facts.readiness.local_marker_apis.join(", ")))
        }
        _ => Ok(()),
    }
}

/// The parts of a local entry every rule needs: a local `baseUrl`, an `api`, model rows.
fn local_entry(p: &ProviderEntry) -> Result<(), String> {
    if p.base_url.is_none() {
        return Err("it has no `baseUrl`".into());
    }
    if !p.local() {
        return Err(format!("its `baseUrl` host {} is not local", p.host().unwrap_or_default()));
    }
    if p.api.is_none() {
        return Err("it has no `api`".into());
    }
    if p.models.as_ref().is_none_or(Vec::is_empty) {
        return Err("its `models` list is empty".into());
    }
    Ok(())
}

/// Rule 8: a local provider entry that needs no key at all.
fn synthetic_local(p: &ProviderEntry) -> Result<(), String> {
    local_entry(p)?;
    if p.auth.as_deref().is_some_and(|a| a != "api-key") {
        return Err(format!("its `auth` is {:?}", p.auth.as_deref().unwrap_or_default()));
    }
    Ok(())
}

/// The readiness of `provider` (lower-cased id) in the target release.
pub fn provider(i: &ReadinessInputs<'_>, provider: &str) -> Readiness {
    let d = i.facts.dialect(i.release);
    let env_vars: Vec<String> = i.catalog.provider_env_vars(provider).into_iter().map(str::to_owned).collect();
    let r = |verdict, reason: String| Readiness {
        verdict,
        reason,
        env_vars: env_vars.clone(),
        store_dependent: false,
        env_dependent: false,
        unread: Vec::new(),
        key_unused: false,
    };
    let entry = i.auth.provider(provider);
    if let Some(x) = subscription_host(i, provider, &r) {
        return x;
    }
    // 1. AWS SDK.
    if entry.and_then(|e| e.auth.as_deref()) == Some("aws-sdk") {
        return r(Verdict::Unknown, "`auth` is \"aws-sdk\": the AWS SDK credential chain decides".into());
    }
    let api_key =
        entry.and_then(|e| e.api_key.as_ref()).filter(|k| !matches!(k, ApiKeyForm::Empty | ApiKeyForm::Other));
    // 2. A malformed secret reference.
    if !d.presence
        && let Some(ApiKeyForm::Text(t)) = api_key
        && t.starts_with("${")
    {
        return r(
            Verdict::Missing,
            "`apiKey` starts with `${` but is not a `${UPPER_CASE}` reference, so it resolves to nothing".into(),
        );
    }
    if let Some(x) = from_store(i, provider, &r) {
        return x;
    }
    if let (Some(k), Some(e)) = (api_key, entry) {
        return from_api_key(i, e, k, &r);
    }
    // 7. The provider's env vars.
    if let Some((v, o)) = env_vars.iter().find_map(|v| match i.lookup(v) {
        EnvLookup::Set(o) => Some((v, o)),
        _ => None,
    }) {
        return r(Verdict::Ready, format!("{v} is set in {}", o.describe()));
    }
    without_key(i, entry, &env_vars, &r)
}

/// A subscription provider (`openai`) whose `baseUrl` is the subscription host (chatgpt.com):
/// from 2026.8.1 only a ChatGPT/Codex OAuth login from the store authenticates it there, and an
/// `apiKey` is not used. `None` when the route is not that one, or the release takes keys there.
fn subscription_host(
    i: &ReadinessInputs<'_>,
    provider: &str,
    r: &dyn Fn(Verdict, String) -> Readiness,
) -> Option<Readiness> {
    let routes = &i.facts.routes;
    let entry = i.auth.provider(provider)?;
    let host = entry.host()?;
    if !routes.subscription_providers.iter().any(|p| p == provider)
        || crate::facts::catalog::route_host(&routes.subscription_host).as_deref() != Some(host.as_str())
    {
        return None;
    }
    let has_key = entry.api_key.as_ref().is_some_and(|k| !matches!(k, ApiKeyForm::Empty | ApiKeyForm::Other));
    let key_words = if has_key { "; its `apiKey` is not used" } else { "" };
    let verdict = match routes.subscription_host_needs_oauth.at(i.release) {
        Some(true) => Verdict::Missing,
        // Releases between the ones read: the key may or may not count there.
        None => Verdict::Unknown,
        Some(false) => return None,
    };
    let mut x = r(
        verdict,
        format!(
            "models.providers.{}.baseUrl is {host}, where OpenClaw {} {} only with a ChatGPT/Codex subscription login from its credential store{}",
            entry.key,
            i.release,
            if verdict == Verdict::Missing { "authenticates" } else { "may authenticate" },
            if verdict == Verdict::Missing { key_words } else { "" }
        ),
    );
    x.store_dependent = true;
    x.key_unused = has_key && verdict == Verdict::Missing;
    Some(x)
}

/// Steps 3 to 5: auth profiles, `auth.order` and legacy auth files.
fn from_store(i: &ReadinessInputs<'_>, provider: &str, r: &dyn Fn(Verdict, String) -> Readiness) -> Option<Readiness> {
    // 3. Auth profiles: their credentials are in the store.
    if let Some(p) = i.auth.profiles_for(provider).next() {
        let mut x = r(
            Verdict::Unknown,
            format!(
                "auth profile `{}` ({}) keeps its credential in OpenClaw's store, which clawlint cannot read",
                p.id, p.mode
            ),
        );
        x.store_dependent = true;
        return Some(x);
    }
    if i.auth.order.get(provider).is_some_and(|o| !o.is_empty()) {
        let mut x =
            r(Verdict::Unknown, "`auth.order` lists profiles for it; their credentials are in OpenClaw's store".into());
        x.store_dependent = true;
        return Some(x);
    }
    let l = i.auth.legacy.iter().find(|l| l.provider == provider)?;
    Some(r(Verdict::Ready, format!("{} holds the {} profile `{}`", l.file.display(), l.kind, l.id)))
}

/// Step 6: the entry's `apiKey`, in the form it is written.
fn from_api_key(
    i: &ReadinessInputs<'_>,
    e: &ProviderEntry,
    k: &ApiKeyForm,
    r: &dyn Fn(Verdict, String) -> Readiness,
) -> Readiness {
    let d = i.facts.dialect(i.release);
    match k {
        ApiKeyForm::Text(t) if d.env_markers && i.env_marker(t) => env_key(i, r, t, "names"),
        ApiKeyForm::EnvRef(name) if d.secret_refs => env_key(i, r, name, "reads"),
        // Env SecretRef objects are resolved by every recorded release (2026.5.7 case 13).
        ApiKeyForm::SecretRef { source, id } if source == "env" => env_key(i, r, id, "reads"),
        _ if d.presence => r(
            Verdict::Ready,
            format!(
                "models.providers.{} has an `apiKey` (OpenClaw {} checks only that one is there)",
                e.key, i.release
            ),
        ),
        ApiKeyForm::Text(t) if i.facts.local_marker(t) => match custom_local(e, i.facts) {
            Ok(()) => r(Verdict::Ready, format!("local provider entry with the marker {t:?}")),
            Err(why) if d.local_markers => {
                r(Verdict::Indeterminate, format!("`apiKey` is the local marker {t:?}, but {why}"))
            }
            Err(_) => r(Verdict::Ready, format!("`apiKey` is the marker {t:?}")),
        },
        ApiKeyForm::Text(t) if i.facts.managed_marker(t) || i.catalog.auth_marker(t) => {
            let mut x = r(Verdict::Unknown, format!("`apiKey` is the marker {t:?}: OpenClaw manages that credential"));
            x.store_dependent = true;
            x
        }
        ApiKeyForm::SecretRef { source, .. } if source != "env" => {
            r(Verdict::Unknown, format!("`apiKey` is a {source} SecretRef, resolved by the gateway"))
        }
        _ => r(Verdict::Ready, "`apiKey` is a literal key".into()),
    }
}

/// Steps 8 and 9: no key anywhere; a local entry may need none, else the release decides
/// between missing and indeterminate.
fn without_key(
    i: &ReadinessInputs<'_>,
    entry: Option<&ProviderEntry>,
    env_vars: &[String],
    r: &dyn Fn(Verdict, String) -> Readiness,
) -> Readiness {
    let d = i.facts.dialect(i.release);
    // 8. Synthetic local.
    let local = entry.map(synthetic_local);
    if d.synthetic_local
        && let Some(Ok(())) = local
    {
        return r(Verdict::Ready, "a local provider entry (no key needed)".into());
    }
    // 9. Evidence or not.
    let evidence = entry.is_some_and(|e| e.auth.is_some());
    let vars = match env_vars {
        [] => "no env var authenticates it".to_string(),
        [one] => i.unset_words(one),
        many => format!("{} ({})", many.join(", "), if i.env.hermetic { "not checked: --no-env" } else { "none set" }),
    };
    let reason = match (&local, entry) {
        (_, Some(e)) if e.auth.is_some() => {
            format!(
                "models.providers.{} sets `auth: {:?}` but no key; {vars}",
                e.key,
                e.auth.as_deref().unwrap_or_default()
            )
        }
        (Some(Ok(())), Some(e)) => {
            format!("models.providers.{} is a local entry, but OpenClaw {} still wants a key; {vars}", e.key, i.release)
        }
        (Some(Err(why)), Some(e)) => format!("models.providers.{} has no key and {why}; {vars}", e.key),
        _ => format!("no key, auth profile or provider entry; {vars}"),
    };
    let verdict = if evidence || d.no_evidence == "missing" { Verdict::Missing } else { Verdict::Indeterminate };
    let mut x = r(verdict, reason);
    x.store_dependent = true;
    x.unread = env_vars.iter().filter(|v| i.lookup(v) == EnvLookup::Unknown).cloned().collect();
    x.env_dependent = !x.unread.is_empty();
    x
}

fn env_key(i: &ReadinessInputs<'_>, r: &dyn Fn(Verdict, String) -> Readiness, name: &str, verb: &str) -> Readiness {
    match i.lookup(name) {
        EnvLookup::Set(o) => r(Verdict::Ready, format!("`apiKey` {verb} {name}, set in {}", o.describe())),
        EnvLookup::Unset => r(Verdict::Missing, format!("`apiKey` {verb} the variable {}", i.unset_words(name))),
        EnvLookup::Unknown => {
            let mut x = r(Verdict::Missing, format!("`apiKey` {verb} the variable {}", i.unset_words(name)));
            x.env_dependent = true;
            x.unread = vec![name.to_owned()];
            x
        }
    }
}
