//! Shared by the model-chain rules (not a rule): which refs form chains, what a failing entry
//! does at run time, what a provider id is to the target release, which auth route an OpenAI
//! ref takes, and the fix operations they share.

use crate::document::{Kind, Node};
use crate::edit::FixOp;
use crate::engine::Context;
use crate::facts::auth_facts;
use crate::model::auth::EnvLookup;
use crate::model::model_refs::{ModelRef, Role, Site};

/// The refs a run can use: primaries and fallbacks of every model setting, with a provider.
pub fn chain_sites<'a>(cx: &'a Context<'_>) -> impl Iterator<Item = (&'a Site, &'a ModelRef, &'a str)> + 'a {
    cx.model_sites().iter().filter(|s| matches!(s.role, Role::Primary | Role::Fallback(_))).filter_map(|s| {
        let r = s.parsed.as_ref()?;
        let p = r.provider.as_deref()?;
        Some((s, r, p))
    })
}

/// What a provider id is to the target release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProviderKind {
    /// Bundled with the release (or one of its provider aliases).
    Bundled,
    /// Declared in `models.providers` (a custom provider or an overlay).
    Declared,
    /// From an external plugin the config installs or enables.
    Plugin,
    /// A legacy id the release migrates (see `rules/auth.toml`).
    Legacy,
    Unknown,
}

pub fn provider_kind(cx: &Context<'_>, provider: &str) -> ProviderKind {
    let cat = cx.catalog();
    if cat.bundled_provider(provider).is_some() || cat.provider_alias(provider).is_some() {
        return ProviderKind::Bundled;
    }
    if cx.auth().provider(provider).is_some() {
        return ProviderKind::Declared;
    }
    if auth_facts::facts().legacy(provider, &cx.release.version).is_some() {
        return ProviderKind::Legacy;
    }
    let plugin = cat.external_plugin(provider).map(|e| e.plugin.clone());
    let mut names = vec![provider.to_owned()];
    names.extend(plugin);
    if plugin_named(cx, &names) {
        return ProviderKind::Plugin;
    }
    ProviderKind::Unknown
}

/// Does `plugins.allow`, `plugins.entries` or `plugins.installs` name one of `ids`?
pub fn plugin_named(cx: &Context<'_>, ids: &[String]) -> bool {
    let Some(plugins) = cx.config.merged.as_ref().and_then(|m| m.get("plugins")) else { return false };
    let hit = |s: &str| ids.iter().any(|i| i.eq_ignore_ascii_case(s.trim()));
    let allow =
        plugins.get("allow").and_then(Node::as_array).is_some_and(|a| a.iter().filter_map(Node::as_str).any(hit));
    allow
        || ["entries", "installs"]
            .iter()
            .any(|k| plugins.get(k).and_then(Node::as_object).is_some_and(|m| m.iter().any(|e| hit(&e.key))))
}

/// The auth route an OpenAI-family ref takes: the host its requests go to, and how clawlint
/// knows. `None` when nothing in the config or environment decides it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteGuess {
    pub host: String,
    pub why: String,
}

/// Which credentials the config shows for OpenAI.
struct OpenAiCredentials {
    subscription: Option<String>,
    api_key: Option<String>,
}

fn openai_credentials(cx: &Context<'_>) -> OpenAiCredentials {
    let auth = cx.auth();
    let routes = &auth_facts::facts().routes;
    let sub_provider = |p: &str| routes.subscription_providers.iter().any(|s| s.eq_ignore_ascii_case(p));
    let subscription = auth
        .profiles
        .iter()
        .find(|p| {
            sub_provider(&p.provider) && (p.mode == routes.oauth_mode || p.provider == routes.subscription_ref_provider)
        })
        .map(|p| format!("auth profile `{}` is a ChatGPT/Codex OAuth login", p.id))
        .or_else(|| {
            auth.legacy
                .iter()
                .find(|p| sub_provider(&p.provider) && p.kind == routes.oauth_mode)
                .map(|p| format!("{} holds the OAuth profile `{}`", p.file.display(), p.id))
        });
    let api_key = auth
        .profiles
        .iter()
        .find(|p| p.provider == routes.api_key_provider && p.mode == routes.api_key_mode)
        .map(|p| format!("auth profile `{}` is an API key", p.id))
        .or_else(|| {
            auth.provider(&routes.api_key_provider)
                .and_then(|e| e.api_key.as_ref())
                .map(|_| format!("models.providers.{} has an `apiKey`", routes.api_key_provider))
        })
        .or_else(|| {
            cx.catalog().provider_env_vars(&routes.api_key_provider).into_iter().find_map(|v| {
                match auth.env(&cx.env, v) {
                    EnvLookup::Set(o) => Some(format!("{v} is set in {}", o.describe())),
                    _ => None,
                }
            })
        });
    OpenAiCredentials { subscription, api_key }
}

/// Does `agents.defaults.models["openai/<model>"]` (or the provider) select the codex runtime?
pub fn codex_runtime(cx: &Context<'_>, provider: &str, model: &str) -> bool {
    let Some(m) = cx.config.merged.as_ref() else { return false };
    let key = format!("{provider}/{model}");
    let by_model = m
        .get("agents")
        .and_then(|a| a.get("defaults"))
        .and_then(|d| d.get("models"))
        .and_then(Node::as_object)
        .and_then(|ms| ms.iter().rev().find(|e| e.key.eq_ignore_ascii_case(&key)))
        .and_then(|e| e.value.get("agentRuntime")?.get("id")?.as_str().map(str::to_owned));
    let by_provider = m
        .get("models")
        .and_then(|x| x.get("providers"))
        .and_then(|p| p.get(provider))
        .and_then(|p| p.get("agentRuntime")?.get("id")?.as_str().map(str::to_owned));
    by_model.or(by_provider).is_some_and(|id| id == auth_facts::facts().routes.subscription_runtime)
}

/// The route a ref of `provider` (`openai`, `openai-codex`) takes for `model`.
pub fn route(cx: &Context<'_>, provider: &str, model: &str) -> Option<RouteGuess> {
    let routes = &auth_facts::facts().routes;
    if let Some(e) = cx.auth().provider(provider)
        && let Some(host) = e.host()
    {
        return Some(RouteGuess { host, why: format!("models.providers.{}.baseUrl", e.key) });
    }
    if provider == routes.subscription_ref_provider {
        return Some(RouteGuess {
            host: routes.subscription_host.clone(),
            why: "`openai-codex/*` refs use the ChatGPT/Codex OAuth route".into(),
        });
    }
    if provider != routes.api_key_provider {
        return None;
    }
    let creds = openai_credentials(cx);
    match (creds.subscription, creds.api_key) {
        (Some(sub), None) => Some(RouteGuess {
            host: routes.subscription_host.clone(),
            why: format!("{sub}, and no OpenAI API key is configured"),
        }),
        (Some(sub), Some(_)) if codex_runtime(cx, provider, model) => Some(RouteGuess {
            host: routes.subscription_host.clone(),
            why: format!("{sub}, and the codex runtime prefers the subscription"),
        }),
        (_, Some(key)) => Some(RouteGuess { host: routes.api_key_host.clone(), why: key }),
        (None, None) => None,
    }
}

/// Does the account reach OpenAI only through a subscription?
pub fn subscription_only(cx: &Context<'_>) -> Option<String> {
    let c = openai_credentials(cx);
    match (c.subscription, c.api_key) {
        (Some(s), None) => Some(s),
        _ => None,
    }
}

/// Remove a fallback from its array.
pub fn remove_entry(s: &Site) -> Option<FixOp> {
    matches!(s.role, Role::Fallback(_)).then_some(FixOp::RemoveElement { file: s.file, element: s.span })
}

/// The ops that make `agents.defaults.models["<ref>"].agentRuntime.id` `runtime`: insert
/// what is missing into the deepest object that exists (all in the file holding it).
pub fn ensure_runtime(cx: &Context<'_>, model_key: &str, runtime: &str) -> Option<Vec<FixOp>> {
    let merged = cx.config.merged.as_ref()?;
    let defaults = merged.get("agents")?.get("defaults")?;
    let path = [model_key, "agentRuntime", "id"];
    let value = serde_json::Value::String(runtime.into());
    let Some(models) = defaults.get("models") else {
        let v = serde_json::json!({ model_key: { "agentRuntime": { "id": runtime } } });
        return Some(vec![FixOp::InsertProperty {
            file: defaults.file,
            object: defaults.span,
            key: "models".into(),
            value: v,
            index: None,
        }]);
    };
    let Kind::Object(_) = &models.kind else { return None };
    let mut obj = models;
    for (i, key) in path.iter().enumerate() {
        match obj.get(key) {
            Some(next) if i + 1 < path.len() => {
                let Kind::Object(_) = &next.kind else { return None };
                obj = next;
            }
            Some(existing) => {
                // `id` exists: replace it unless it already says so.
                return if existing.as_str() == Some(runtime) {
                    Some(Vec::new())
                } else {
                    Some(vec![FixOp::ReplaceValue { file: existing.file, value: existing.span, new: value }])
                };
            }
            None => {
                let mut v = value.clone();
                for k in path[i + 1..].iter().rev() {
                    v = serde_json::json!({ *k: v });
                }
                return Some(vec![FixOp::InsertProperty {
                    file: obj.file,
                    object: obj.span,
                    key: (*key).into(),
                    value: v,
                    index: None,
                }]);
            }
        }
    }
    None
}

/// Replace a ref's string, keeping its `@profile` pin.
pub fn replace_ref(s: &Site, new_key: &str) -> FixOp {
    let profile = s.parsed.as_ref().and_then(|r| r.profile.as_deref());
    let new = match profile {
        Some(p) => format!("{new_key}@{p}"),
        None => new_key.to_owned(),
    };
    FixOp::ReplaceValue { file: s.file, value: s.span, new: serde_json::Value::String(new) }
}

/// "this fallback fails" / "this model fails", for messages.
pub fn fails_phrase(s: &Site) -> &'static str {
    match s.role {
        Role::Fallback(_) => "this fallback fails",
        _ => "this model fails",
    }
}
