//! `model-unsupported-for-account`: a chain entry names a model the account's auth route does
//! not serve, or one the target release retires on that route.

use crate::edit::{Applicability, Fix};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use crate::facts::auth_facts;
use crate::facts::catalog::Route;
use crate::rules::chain;

pub static RULE: Rule = Rule {
    name: "model-unsupported-for-account",
    category: Category::Models,
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    needs: &[],
    references: &[
        Reference::Issue(79158),
        Reference::Issue(79362),
        Reference::Issue(81151),
        Reference::Issue(83954),
        Reference::Issue(74451),
        Reference::Issue(75150),
        Reference::Issue(67158),
        Reference::Issue(83303),
        Reference::Issue(26801),
        Reference::Issue(36660),
        Reference::Issue(90536),
        Reference::File("2026.9.6 dist/extensions/openai/openclaw.plugin.json"),
    ],
    summary: "A chain entry names a model the account's auth route (ChatGPT/Codex subscription or API key) does not serve, or that the target release retires.",
    docs: DOCS,
    facts: Some(curated_facts),
    check,
};

const DOCS: &str = r#"## What it does
Works out which auth route each OpenAI-family entry takes and checks the model against it:

- the route: `openai-codex/*` refs, and `openai/*` refs on an account whose only OpenAI
  credential is a ChatGPT/Codex OAuth login (`auth.profiles` with mode `oauth`), go to
  `chatgpt.com`; an `OPENAI_API_KEY`, an `api_key` profile or a `models.providers.openai`
  key sends `openai/*` to `api.openai.com` (with both, the model's `agentRuntime.id: "codex"`
  picks the subscription, as OpenClaw prefers it); a configured `baseUrl` decides outright;
- the release's own suppressions for that route and provider (`rules/providers.toml`,
  imported from `modelCatalog.suppressions`), e.g. 2026.9.5+ retiring `gpt-5.4` and
  `gpt-5.4-mini` on chatgpt.com in favour of `gpt-5.6-terra` and `gpt-5.6-luna`, and
  retired models of any provider (Google's shut-down Gemini previews);
- curated facts no release carries (`rules/auth.toml`, each with its issues): `gpt-5.5-pro`
  and `gpt-5.4-pro` are refused for ChatGPT accounts; `gpt-5.4-mini` on the Codex OAuth
  route; the `gpt-5.1`…`gpt-5.3-codex` family on subscriptions.

`clawlint explain model-unsupported-for-account` lists every curated fact with its sources.

## Why it matters
The backend refuses the request (`The 'gpt-5.5-pro' model is not supported when using Codex
with a ChatGPT account.`), so the entry fails every time it is reached, or every turn when it
is the primary. No release suppresses the Pro models, and `openclaw doctor --fix` keeps them
in the chain (verified on 2026.9.6).

## Example
```json5
{ auth: { profiles: { "openai-codex:default": { provider: "openai-codex", mode: "oauth" } } },
  agents: { defaults: { model: { primary: "openai-codex/gpt-5.5",
    fallbacks: ["openai-codex/gpt-5.5-pro"] } } } }   // Pro: refused for ChatGPT accounts
```

## Fix safety
Unsafe (it changes which model runs and can change billing): a model with a known
replacement is replaced by it (for a legacy `openai-codex/*` ref on a release that retired
that id, by `openai/<replacement>` with the codex runtime, which keeps the subscription
route); a fallback without one is removed. A primary without a replacement is left for you.

## References
- #79158, #79362, #81151, #83954 (Pro models on ChatGPT accounts); #74451, #75150
  (gpt-5.4-mini on Codex OAuth); #67158, #83303 (gpt-5.1–5.3 suppressions).
- #26801, #36660, #90536; 2026.9.5 and 2026.9.6 dist/extensions/openai/openclaw.plugin.json.
"#;

/// Render the curated facts for `clawlint explain`.
pub fn curated_facts() -> String {
    let f = auth_facts::facts();
    let mut out = String::from("\n\n## Curated facts (rules/auth.toml)\n");
    for u in &f.unsupported {
        let range = match (&u.span.since, &u.span.until) {
            (None, None) => "every imported release".to_string(),
            (s, u) => format!(
                "{}–{}",
                s.as_ref().map_or("…".into(), |v| v.to_string()),
                u.as_ref().map_or("…".into(), |v| v.to_string())
            ),
        };
        out.push_str(&format!(
            "- {} on {} for {} ({range}): {}{} Sources: {}.\n",
            u.models.join(", "),
            u.route,
            u.providers.join("/"),
            u.note,
            u.replaced_by.as_deref().map(|r| format!(" Replacement: {r}.")).unwrap_or_default(),
            u.references.join(", ")
        ));
    }
    out.push_str(&format!("- Auth routes: {}.\n", f.routes.source));
    out
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let cat = cx.catalog();
    let facts = auth_facts::facts();
    let v = &cx.release.version;
    for (s, r, provider) in chain::chain_sites(cx) {
        let route = chain::route(cx, provider, &r.model);
        let host = route.as_ref().map(|g| g.host.as_str());
        let legacy = facts.legacy(provider, v);
        // The release's own suppressions: under the provider as written, and for a legacy id
        // under the provider OpenClaw migrates it to.
        let api = cx.auth().provider(provider).and_then(|e| e.api.clone());
        let mut found = cat.suppression_on(provider, &r.model, Route { host, api: api.as_deref() });
        if found.is_none()
            && let Some(l) = legacy
        {
            found = cat.suppression_on(&l.replacement, &r.model, Route { host, api: None });
        }
        let (why, replaced_by, refs) = match (found, host.and_then(|h| facts.unsupported(provider, &r.model, h, v))) {
            (Some(sup), _) => (
                format!(
                    "{} suppresses it{}: {}",
                    cx.target_name(),
                    host.map(|h| format!(" on {h}")).unwrap_or_default(),
                    sup.reason
                ),
                sup.replaced_by.map(str::to_owned),
                sup.source.to_string(),
            ),
            (None, Some(u)) => (
                format!("the backend refuses it with `{}`", u.error_for(&r.model)),
                u.replaced_by.clone(),
                u.references.join(", "),
            ),
            (None, None) => continue,
        };
        let route_words = match &route {
            Some(g) => format!(" ({} → {})", g.why, g.host),
            None => String::new(),
        };
        let message = format!("`{}`{route_words}: {why}; {} every time it is reached", s.raw, chain::fails_phrase(s),);
        let mut d = Diagnostic::new(RULE.name, RULE.severity, s.file, s.span, s.path.clone(), message)
            .with_label(match host {
                Some(h) => format!("not served on {h}"),
                None => "retired".into(),
            })
            .with_help(format!("see {refs}"));
        if let Some(new_model) = replaced_by {
            let (new_provider, runtime) = match legacy {
                Some(l) => (l.replacement.clone(), Some(l.runtime.clone())),
                None => (provider.to_owned(), None),
            };
            let new_key = format!("{new_provider}/{new_model}");
            let mut ops = vec![chain::replace_ref(s, &new_key)];
            if let Some(rt) = &runtime {
                match chain::ensure_runtime(cx, &new_key, rt) {
                    Some(more) => ops.extend(more),
                    None => ops.clear(),
                }
            }
            if !ops.is_empty() {
                let title = match runtime {
                    Some(rt) => format!("Replace `{}` with `{new_key}` on the {rt} runtime", s.raw),
                    None => format!("Replace `{}` with `{new_key}`", s.raw),
                };
                d = d.with_fix(Fix::new(title, Applicability::Unsafe, ops));
            }
        } else if let Some(op) = chain::remove_entry(s) {
            d = d.with_fix(Fix::new(format!("Remove `{}` from the chain", s.raw), Applicability::Unsafe, vec![op]));
        }
        out.push(d);
    }
}
