//! `fallback-duplicate`: a model chain names the same model twice.

use crate::edit::{Fix, FixOp};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use crate::model::model_refs::{Role, Site};

pub static RULE: Rule = Rule {
    name: "fallback-duplicate",
    category: Category::Models,
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    needs: &[],
    references: &[Reference::Issue(77766), Reference::Issue(79369)],
    summary: "A fallback repeats the chain's primary or an earlier fallback: it can never add a model, only noise.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
In every model setting written as `{ primary, fallbacks }` (`agents.defaults.model`,
`imageModel`, `pdfModel`, `utilityModel`, `mediaModels.*`, subagent and heartbeat models, and
the same per agent), reports a fallback that names the chain's primary or an earlier fallback.
Refs are compared as OpenClaw resolves them: provider lower-cased, aliases of
`agents.defaults.models` resolved, the `@profile` pin included (the same model under another
auth profile is a real second candidate).

## Why it matters
OpenClaw builds the candidate chain as the requested model, then the fallbacks, deduplicated
(docs: concepts/model-failover). A repeated entry is dropped at run time, so the chain is
shorter than it looks: a reader counts three fallbacks where the gateway has two, and a copy
of the primary in the fallbacks gives no protection when the primary's provider is down.
Duplicates accumulate when chains are edited by hand or merged from snippets (#77766, #79369).

## Example
```json5
{ agents: { defaults: { model: {
  primary: "anthropic/claude-opus-4-7",
  fallbacks: ["openai/gpt-5.5", "Anthropic/claude-opus-4-7", "openai/gpt-5.5"],
} } } }
```
The second fallback repeats the primary, the third repeats the first fallback.

## Fix safety
Safe: the fix removes the repeated entry (with a comment trailing it on its line), which is what
OpenClaw's own deduplication already does, so the chain the gateway runs does not change. To
get a real second candidate, replace the entry with another provider's model by hand.

## References
- OpenClaw docs concepts/model-failover.md: "the configured fallbacks, deduplicated".
- #77766 (a chain deduplicated to length 1), #79369.
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let chains = cx.model_sites().iter().filter(|s| matches!(s.role, Role::Primary | Role::Fallback(_)));
    // Grouped by setting in one pass, each entry looked up once: linear in the chain sites.
    let mut by_setting: Vec<(&crate::document::KeyPath, Vec<&Site>)> = Vec::new();
    let mut index: std::collections::HashMap<&crate::document::KeyPath, usize> = std::collections::HashMap::new();
    for s in chains {
        match index.get(&s.setting) {
            Some(&i) => by_setting[i].1.push(s),
            None => {
                index.insert(&s.setting, by_setting.len());
                by_setting.push((&s.setting, vec![s]));
            }
        }
    }
    for (setting, sites) in by_setting {
        let mut seen: std::collections::HashMap<(String, Option<String>), &Site> = std::collections::HashMap::new();
        for s in sites {
            let Some(id) = s.parsed.as_ref().map(|r| (r.key(), r.profile.clone())) else { continue };
            let first = match seen.entry(id) {
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(s);
                    continue;
                }
                std::collections::hash_map::Entry::Occupied(e) => *e.get(),
            };
            let Role::Fallback(_) = s.role else { continue };
            let what = if first.role == Role::Primary { "the primary" } else { "an earlier fallback" };
            let d = Diagnostic::new(
                RULE.name,
                RULE.severity,
                s.file,
                s.span,
                s.path.clone(),
                format!("`{}` repeats {what} of `{}`: OpenClaw drops it from the chain", s.raw, setting.dotted()),
            )
            .with_label("never tried")
            .with_secondary(first.file, first.span, "already in the chain here")
            .with_help("remove it, or put another provider's model here to get a real fallback")
            .with_fix(Fix::safe(
                format!("Remove the repeated `{}`", s.raw),
                vec![FixOp::RemoveElement { file: s.file, element: s.span }],
            ));
            out.push(d);
        }
    }
}
