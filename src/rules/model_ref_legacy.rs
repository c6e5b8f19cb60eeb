//! `model-ref-legacy`: `openai-codex/*` refs and `openai-codex:*` profiles on a release that
//! treats the id as legacy.

use crate::edit::{Applicability, Fix};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use crate::facts::auth_facts;
use crate::facts::catalog::Route;
use crate::model::model_refs::Role;
use crate::rules::chain;

pub static RULE: Rule = Rule {
    name: "model-ref-legacy",
    category: Category::Models,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    needs: &[],
    references: &[
        Reference::Issue(77731),
        Reference::Issue(78407),
        Reference::Issue(84175),
        Reference::Issue(90028),
        Reference::Issue(98099),
        Reference::Issue(100067),
        Reference::Issue(26801),
        Reference::Issue(36660),
        Reference::Issue(90536),
        Reference::File("2026.7.1 dist/model-*.js"),
    ],
    summary: "A model ref or auth profile uses a provider id the target release treats as legacy (`openai-codex`).",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Reports model refs (chains, `agents.defaults.models` keys, `modelPolicy.allow`), auth
profiles and `auth.order` entries that use a provider id the target release no longer has
and migrates instead (`rules/auth.toml`). Today that is `openai-codex`: 2026.5.7–2026.5.28
bundle it as the ChatGPT/Codex OAuth route through PI; 2026.6.11 drops it, and from 2026.7.1
`config set` refuses it: `"openai-codex" is a legacy provider ID. Run openclaw doctor --fix…`.
The current form is `openai/<model>` with `agents.defaults.models["openai/<model>"].agentRuntime.id
= "codex"`, and profile ids `openai:*`.

## Why it matters
Until migrated, `openclaw models status` reports the routes as indeterminate or missing and
the gateway relies on load-time repair. `openclaw doctor --fix` performs the migration
automatically and has locked users out doing so (#78407, #84175): it changed the billing
route (subscription vs API key) and runtime pins without saying so.

## Example
```json5
{ agents: { defaults: { model: { primary: "openai-codex/gpt-5.5" } } } }
```
becomes
```json5
{ agents: { defaults: {
  model: { primary: "openai/gpt-5.5" },
  models: { "openai/gpt-5.5": { agentRuntime: { id: "codex" } } },
} } }
```

## Fix safety
Unsafe and explicit: the fix rewrites a chain ref to `openai/<model>` and sets the model's
runtime to `codex`, which keeps it on the ChatGPT/Codex subscription; an account that also
has an OpenAI API key may be billed differently afterwards, so read the diff. A model the
subscription route does not serve is left to `model-unsupported-for-account`, whose fix
replaces or removes it. Profiles are not rewritten: their credentials live in OpenClaw's store
and must move with them, which only `openclaw doctor --fix` can do; run it after reviewing.

## References
- #77731 (the doctor migration), #78407, #84175 (lock-outs), #90028, #98099 (profile
  unification), #100067.
- #26801, #36660, #90536 (the ChatGPT/Codex OAuth route); 2026.7.1 dist/model-*.js.
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let facts = auth_facts::facts();
    let v = &cx.release.version;
    for s in cx.model_sites() {
        let Some(r) = s.parsed.as_ref() else { continue };
        let Some(provider) = r.provider.as_deref() else { continue };
        let Some(l) = facts.legacy(provider, v) else { continue };
        let new_key = format!("{}/{}", l.replacement, r.model);
        let message =
            format!("`{}`: {} treats `{provider}` as a legacy provider id: {}", s.raw, cx.target_name(), l.error);
        let mut d = Diagnostic::new(RULE.name, RULE.severity, s.file, s.span, s.path.clone(), message)
            .with_label(format!("now `{new_key}` on the {} runtime", l.runtime));
        let chain_role = matches!(s.role, Role::Primary | Role::Fallback(_));
        let route = chain::route(cx, provider, &r.model);
        let host = route.as_ref().map(|g| g.host.as_str());
        let unsupported = cx.catalog().suppression_on(&l.replacement, &r.model, Route { host, api: None }).is_some()
            || host.is_some_and(|h| facts.unsupported(provider, &r.model, h, v).is_some());
        if chain_role && unsupported {
            d = d.with_help("the subscription route does not serve this model: see model-unsupported-for-account, whose fix replaces or removes it");
        } else if chain_role {
            d = d.with_help(format!(
                "`{new_key}` with agentRuntime.id \"{}\" keeps the ChatGPT/Codex subscription route; with an OpenAI API key as well, check which one bills",
                l.runtime
            ));
            if let Some(more) = chain::ensure_runtime(cx, &new_key, &l.runtime) {
                let mut ops = vec![chain::replace_ref(s, &new_key)];
                ops.extend(more);
                d = d.with_fix(Fix::new(
                    format!("Rewrite `{}` to `{new_key}` on the {} runtime", s.raw, l.runtime),
                    Applicability::Unsafe,
                    ops,
                ));
            }
        } else {
            d = d.with_help(format!(
                "rename it to `{new_key}` with agentRuntime.id \"{}\", or run `openclaw doctor --fix`",
                l.runtime
            ));
        }
        out.push(d);
    }
    let auth = cx.auth();
    for p in &auth.profiles {
        let id_provider = p.id.split(':').next().unwrap_or_default().to_lowercase();
        let legacy = facts.legacy(&p.provider, v).or_else(|| facts.legacy(&id_provider, v));
        let Some(l) = legacy else { continue };
        let message = format!(
            "auth profile `{}` uses the legacy provider id `{}`: {} migrates it to `{}:*` (provider `{}`) together with its stored credential",
            p.id,
            l.id,
            cx.target_name(),
            l.replacement,
            l.replacement
        );
        out.push(
            Diagnostic::new(RULE.name, RULE.severity, p.file, p.span, p.path.clone(), message)
                .with_label("legacy profile id")
                .with_help("run `openclaw doctor --fix` to move the stored credential and this entry together; renaming only the entry strands the credential"),
        );
    }
    if let Some(Some(order)) =
        cx.config.merged.as_ref().and_then(|m| m.get("auth")?.get("order")).map(crate::document::Node::as_object)
    {
        for m in order {
            let Some(l) = facts.legacy(m.key.trim(), v) else { continue };
            let path = crate::document::KeyPath::root().child_key("auth").child_key("order").child_key(&m.key);
            out.push(
                Diagnostic::new(
                    RULE.name,
                    RULE.severity,
                    m.value.file,
                    m.key_span,
                    path,
                    format!(
                        "`auth.order.{}` uses the legacy provider id: {} reads `auth.order.{}`",
                        m.key,
                        cx.target_name(),
                        l.replacement
                    ),
                )
                .with_label("legacy provider id")
                .with_help("run `openclaw doctor --fix`, which migrates the order with the profiles"),
            );
        }
    }
}
