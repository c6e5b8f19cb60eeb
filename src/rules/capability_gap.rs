//! `capability-gap`: a setting relies on a capability the docs (which follow `main`) promise
//! but the target release does not deliver for this account.

use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use crate::facts::auth_facts;
use crate::rules::chain;

pub static RULE: Rule = Rule {
    name: "capability-gap",
    category: Category::Models,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    needs: &[],
    references: &[
        Reference::Issue(81151),
        Reference::Issue(70885),
        Reference::Issue(70984),
        Reference::Issue(71179),
        Reference::Issue(26801),
        Reference::Issue(36660),
    ],
    summary: "A setting relies on a capability documented on main that the target release does not deliver for this account's auth route.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Checks the settings named by the docs-vs-stable entries of `rules/auth.toml`
(`[[capability_gap]]`) against the target release and the account's auth route. Today: image
generation with `openai/gpt-image-2` (`agents.defaults.imageGenerationModel`,
`agents.defaults.mediaModels.image`) on an account whose only OpenAI credential is a
ChatGPT/Codex OAuth login, on releases up to 2026.5.7.

## Why it matters
docs.openclaw.ai documents `main`, not the release you run. `docs/providers/openai.md` on
main says `openai/gpt-image-2` works with either `OPENAI_API_KEY` or Codex OAuth; on
2026.5.7 stable the request goes to the direct OpenAI API and fails with `401 Missing
scopes: api.responses.write`, because a ChatGPT token has identity scopes only (#81151,
#70885, #70984).

## Example
With `--target 2026.5.7`, only a Codex OAuth profile and no `OPENAI_API_KEY`:
```json5
{ auth: { profiles: { "openai-codex:me": { provider: "openai-codex", mode: "oauth" } } },
  agents: { defaults: { imageGenerationModel: { primary: "openai/gpt-image-2" } } } }
```

## Fix safety
No automatic fix: the remedies are an `OPENAI_API_KEY` (API billing), another image
provider, or upgrading to a release that routes image generation through the Codex backend.

## References
- #81151, #70885, #70984, #71179; #26801, #36660 (ChatGPT tokens lack `api.responses.write`).
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let facts = auth_facts::facts();
    let v = &cx.release.version;
    let gaps: Vec<_> = facts.capability_gap.iter().filter(|g| g.span.contains(v)).collect();
    if gaps.is_empty() {
        return;
    }
    let Some(sub) = chain::subscription_only(cx) else { return };
    for (s, r, provider) in chain::chain_sites(cx) {
        let setting = s.setting.dotted();
        for g in &gaps {
            if !g.settings.contains(&setting)
                || !g.provider.eq_ignore_ascii_case(provider)
                || !g.models.iter().any(|m| m.eq_ignore_ascii_case(&r.model))
            {
                continue;
            }
            let message = format!(
                "`{}` in {setting}: the docs on main say this works with a ChatGPT/Codex login, but on {} it fails with `{}` ({sub}, and no OpenAI API key is configured)",
                s.raw,
                cx.target_name(),
                g.error
            );
            out.push(
                Diagnostic::new(RULE.name, RULE.severity, s.file, s.span, s.path.clone(), message)
                    .with_label("documented on main, not in this release")
                    .with_help(format!("{} See {}.", g.note, g.references.join(", "))),
            );
        }
    }
}
