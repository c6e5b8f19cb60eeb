//! `model-not-allowed`: a configured primary is outside the target release's model allowlist.

use crate::document::{KeyPath, Node};
use crate::edit::{Applicability, Fix, FixOp};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use crate::facts::auth_facts;
use crate::model::model_refs::{self, Role};

pub static RULE: Rule = Rule {
    name: "model-not-allowed",
    category: Category::Models,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    needs: &[],
    references: &[
        Reference::Issue(20265),
        Reference::Issue(12674),
        Reference::Issue(75753),
        Reference::Issue(83617),
        Reference::Issue(84101),
    ],
    summary: "A configured primary model is outside the model allowlist of the target release (agents.defaults.models before 2026.8.1, modelPolicy.allow after).",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Finds the allowlist the target release applies and checks every configured primary against
it (`model`, `imageModel`, `pdfModel`, `utilityModel`, subagent and heartbeat models, for the
defaults and per agent):

- before 2026.8.1: a non-empty `agents.defaults.models` map *is* the allowlist: its keys;
- from 2026.8.1: `modelPolicy.allow` (an agent's own, else the defaults'); `[]` or absent
  allows any model; `provider/*` allows a whole provider.

Aliases are resolved first. Fallbacks are not checked: OpenClaw does not filter the fallback
chain by the allowlist (docs concepts/model-failover.md).

## Why it matters
A model outside the allowlist is rejected where OpenClaw enforces it — cron jobs and
subagent spawns fail with `… rejected by agents.defaults.models allowlist`, `/model` refuses
it — while the config validates (#84101, #12674, #75753, #83617). The change of meaning in
2026.8.1 (the `models` map stopped being an allowlist) makes upgrades flip this silently.

## Example
With `--target 2026.5.7`:
```json5
{ agents: { defaults: {
  models: { "anthropic/claude-sonnet-4-6": { alias: "sonnet" } },   // the allowlist
  model: { primary: "openai/gpt-5.5" },                             // not in it
} } }
```

## Fix safety
Before 2026.8.1 an unsafe fix adds the model to `agents.defaults.models` (`"openai/gpt-5.5": {}`),
widening the allowlist; review that this is what you want. From 2026.8.1 add it to
`modelPolicy.allow` by hand.

## References
- #20265, #12674, #75753, #83617, #84101; docs concepts/models.md ("Explicit modelPolicy.allow restrictions were introduced in v2026.8.1").
"#;

fn allowed(list: &[String], key: &str) -> bool {
    let (provider, _) = key.split_once('/').unwrap_or((key, ""));
    list.iter().any(|a| {
        let a = a.trim();
        a.eq_ignore_ascii_case(key)
            || a.strip_suffix("/*").is_some_and(|p| p.eq_ignore_ascii_case(provider))
            || a == "*"
    })
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(merged) = cx.config.merged.as_ref() else { return };
    let facts = auth_facts::facts();
    let policy = cx.release.version >= facts.allowlist.model_policy_since;
    let defaults = merged.get("agents").and_then(|a| a.get("defaults"));
    let aliases = model_refs::aliases(merged);
    let keys = |n: Option<&Node>| -> Vec<String> {
        n.and_then(Node::as_object).map(|o| o.iter().map(|m| m.key.clone()).collect()).unwrap_or_default()
    };
    let allow_of = |n: Option<&Node>| -> Option<Vec<String>> {
        n.and_then(|x| x.get("modelPolicy")).and_then(|p| p.get("allow")).and_then(Node::as_array).map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(|s| model_refs::parse(s, &aliases).map_or(s.to_owned(), |r| r.key())))
                .collect()
        })
    };
    for s in cx.model_sites() {
        if s.role != Role::Primary {
            continue;
        }
        let Some(r) = s.parsed.as_ref() else { continue };
        if r.provider.is_none() {
            continue;
        }
        let agent: Option<&Node> = {
            let d = s.setting.dotted();
            if d.starts_with("agents.entries.") || d.starts_with("agents.list.") {
                let parts = &s.setting.0[..3];
                merged.at(&KeyPath(parts.to_vec()))
            } else {
                None
            }
        };
        let (list, source) = if policy {
            match allow_of(agent).or_else(|| allow_of(defaults)) {
                Some(l) if !l.is_empty() => (l, "modelPolicy.allow"),
                _ => continue,
            }
        } else {
            let l = keys(defaults.and_then(|d| d.get("models")));
            if l.is_empty() {
                continue;
            }
            (
                l.iter().map(|k| model_refs::parse(k, &[]).map_or(k.clone(), |r| r.key())).collect(),
                "agents.defaults.models",
            )
        };
        let key = r.key();
        if allowed(&list, &key) {
            continue;
        }
        let message = format!(
            "`{}` is not in the model allowlist ({source}) of {}: runs that select it, such as cron jobs and subagents, are rejected with `… rejected by {source} allowlist: {key}`",
            s.raw,
            cx.target_name()
        );
        let mut d = Diagnostic::new(RULE.name, RULE.severity, s.file, s.span, s.path.clone(), message)
            .with_label("not allowed")
            .with_help(format!("add `{key}` to {source}, or pick an allowed model"));
        if !policy && let Some(models) = defaults.and_then(|x| x.get("models")) {
            d = d.with_fix(Fix::new(
                format!("Allow `{key}` in agents.defaults.models"),
                Applicability::Unsafe,
                vec![FixOp::InsertProperty {
                    file: models.file,
                    object: models.span,
                    key: key.clone(),
                    value: serde_json::json!({}),
                    index: None,
                }],
            ));
        }
        out.push(d);
    }
}
