//! `model-unknown`: a chain entry names a model its provider's static catalog does not list.

use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use crate::rules::chain::{self, ProviderKind};

pub static RULE: Rule = Rule {
    name: "model-unknown",
    category: Category::Models,
    severity: Severity::Info,
    fix: FixAvailability::None,
    needs: &[],
    references: &[Reference::Issue(22008), Reference::Issue(100067)],
    summary: "A chain entry names a model the provider's static catalog in the target release does not list.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
For primaries and fallbacks of bundled providers with a static model catalog in the target
release (`rules/providers.toml`: the plugin manifests' `modelCatalog` rows and, up to
2026.5.12, pi-ai's list), reports a model id that is neither in that catalog, nor a catalog
alias, nor a row of `models.providers.<id>.models`. Providers that discover models at run
time or refresh their catalog from their API (`modelCatalog.discovery` `runtime` or
`refreshable`: ollama, anthropic and minimax from 2026.8.1…) and providers without a static
catalog are skipped, and so are models the release
suppresses (`model-unsupported-for-account` reports those).

## Why it matters
`openclaw config set` rejects such a ref (`Unknown model: minimax/MiniMax-M2.1`, recorded on 2026.9.6),
but a hand-edited file keeps it, and at run time the entry fails as `model_not_found` and
the chain moves on. It is info, not an error: a provider may serve a model newer than the
catalog the release shipped.

## Example
With `--target 2026.5.7`, whose MiniMax catalog lists MiniMax-M2.7 and MiniMax-M2.7-highspeed:
```json5
{ agents: { defaults: { model: { primary: "minimax/MiniMax-M2.1" } } } }
```

## Fix safety
No automatic fix: the right replacement is a choice. The message lists the catalog's models
when there are few.

## References
- `openclaw config set` model validation, recorded on 2026.9.6.
- #22008 (`Unknown model` for a model the release notes announced), #100067.
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let cat = cx.catalog();
    for (s, r, provider) in chain::chain_sites(cx) {
        if chain::provider_kind(cx, provider) != ProviderKind::Bundled {
            continue;
        }
        // Local servers list their own models; a provider whose catalog refreshes from its API
        // or is discovered at run time may serve models the shipped list lacks (anthropic's
        // 2026.9.6 list has no claude-opus-4-6, which its API serves).
        if cat.is_keyless(provider) || matches!(cat.discovery(provider), Some("runtime" | "refreshable")) {
            continue;
        }
        let models = cat.models(provider);
        if models.is_empty() {
            continue;
        }
        let id = r.model.as_str();
        let listed = models.iter().any(|m| m.id.eq_ignore_ascii_case(id))
            || cat.model_alias(provider, id).is_some()
            || cx
                .auth()
                .provider(provider)
                .and_then(|e| e.models.as_ref())
                .is_some_and(|rows| rows.iter().any(|m| m == id))
            || !cat.suppressions(provider, id).is_empty();
        if listed {
            continue;
        }
        let mut message = format!(
            "`{}`: {} does not list `{id}` among {provider}'s models; if the provider does not serve it either, {} with `Unknown model: {}`",
            s.raw,
            cx.target_name(),
            chain::fails_phrase(s),
            r.key()
        );
        let active: Vec<&str> =
            models.iter().filter(|m| m.status.is_none_or(|st| st == "active")).map(|m| m.id).collect();
        if !active.is_empty() && active.len() <= 8 {
            message.push_str(&format!(" (it lists {})", active.join(", ")));
        }
        out.push(
            Diagnostic::new(RULE.name, RULE.severity, s.file, s.span, s.path.clone(), message)
                .with_label("not in the catalog")
                .with_help(format!("check the id with: openclaw models list --provider {provider}")),
        );
    }
}
