//! `fallbacks-dropped`: an agent's own model drops the fallbacks of `agents.defaults.model`.

use crate::document::{KeyPath, Kind, Node};
use crate::edit::{Applicability, Fix, FixOp};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};

pub static RULE: Rule = Rule {
    name: "fallbacks-dropped",
    category: Category::Models,
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    needs: &[],
    references: &[Reference::Issue(79369), Reference::Issue(80953)],
    summary: "An agent's own model (a string, or an object without `fallbacks`) silently drops the fallbacks of agents.defaults.model.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Reports an agent (`agents.entries.<id>.model`, legacy `agents.list[].model`) that sets its own
primary — as a string, or as an object without `fallbacks` — while `agents.defaults.model`
has fallbacks.

## Why it matters
An agent primary is strict unless that agent's model object has its own `fallbacks`
(docs concepts/model-failover.md). Writing `model: "anthropic/claude-opus-4-7"`
on an agent looks like "use this model", but it also means "never fall back": when that
provider is down or out of credit the agent's runs fail while the default agent falls back
fine (#79369, #80953). `model: { fallbacks: [...] }` without a primary keeps inheriting.

## Example
```json5
{ agents: {
  defaults: { model: { primary: "openai/gpt-5.5", fallbacks: ["anthropic/claude-sonnet-4-6"] } },
  entries: { work: { model: "anthropic/claude-opus-4-7" } },   // no fallbacks for `work`
} }
```

## Fix safety
Unsafe (it changes what runs when the primary fails): the fix gives the agent the defaults'
fallbacks explicitly (`{ primary: …, fallbacks: [...] }`). If the agent is meant to be strict,
keep it and suppress the finding.

## References
- #79369, #80953 (agents losing their fallbacks); docs concepts/model-failover.md.
"#;

fn strings(n: &Node) -> Vec<String> {
    n.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()).unwrap_or_default()
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(agents) = cx.config.merged.as_ref().and_then(|m| m.get("agents")) else { return };
    let inherited = agents
        .get("defaults")
        .and_then(|d| d.get("model"))
        .and_then(|m| m.get("fallbacks"))
        .map(strings)
        .unwrap_or_default();
    if inherited.is_empty() {
        return;
    }
    let base = KeyPath::root().child_key("agents");
    let mut each = |id: String, agent: &Node, at: KeyPath| {
        let Some(model) = agent.get("model") else { return };
        let path = at.child_key("model");
        let (primary, fix_op) = match &model.kind {
            Kind::String(s) => {
                let new = serde_json::json!({ "primary": s, "fallbacks": inherited });
                (s.clone(), FixOp::ReplaceValue { file: model.file, value: model.span, new })
            }
            Kind::Object(_) if model.get("fallbacks").is_none() => {
                let Some(p) = model.get("primary").and_then(Node::as_str) else { return };
                (
                    p.to_owned(),
                    FixOp::InsertProperty {
                        file: model.file,
                        object: model.span,
                        key: "fallbacks".into(),
                        value: serde_json::json!(inherited),
                        index: None,
                    },
                )
            }
            _ => return,
        };
        let message = format!(
            "agent `{id}` sets its own primary `{primary}` without `fallbacks`, so it is strict: {} of agents.defaults.model {} not used for it, and its runs fail when `{primary}` does",
            if inherited.len() == 1 {
                "the fallback".to_string()
            } else {
                format!("the {} fallbacks", inherited.len())
            },
            if inherited.len() == 1 { "is" } else { "are" }
        );
        out.push(
            Diagnostic::new(RULE.name, RULE.severity, model.file, model.span, path, message)
                .with_label("strict: no fallbacks")
                .with_help("give the agent `fallbacks` (the defaults' or its own), or write `model: { fallbacks: [...] }` to inherit the primary")
                .with_fix(Fix::new(format!("Give agent `{id}` the defaults' fallbacks"), Applicability::Unsafe, vec![fix_op])),
        );
    };
    if let Some(Some(entries)) = agents.get("entries").map(Node::as_object) {
        for e in entries {
            each(e.key.clone(), &e.value, base.child_key("entries").child_key(&e.key));
        }
    } else if let Some(Some(list)) = agents.get("list").map(Node::as_array) {
        for (i, e) in list.iter().enumerate() {
            let id = e.get("id").and_then(Node::as_str).map_or_else(|| i.to_string(), str::to_owned);
            each(id, e, base.child_key("list").child_index(i));
        }
    }
}
