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
    summary: "A configured subagent or Gmail hook model is outside the model allowlist the target release checks it against (agents.defaults.models, or modelPolicy.allow from 2026.8.1): it is not used.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Checks the models a release consults its allowlist for. OpenClaw always starts a run on the
configured primary (an agent's own, else the defaults'), so primaries, fallbacks and media
models are never rejected by the allowlist. What it checks is a model chosen *instead of* the
primary; of those, the config holds `subagents.model` (defaults and per agent) and
`hooks.gmail.model`. The allowlist is the target's:
- before 2026.8.1 (and 2026.7.2-beta.5): a non-empty `agents.defaults.models` map — its keys,
  plus the run's primary and `agents.defaults.model.fallbacks` (also in the 2026.7.1
  maintenance releases 2026.7.33–2026.7.35);
- from 2026.8.1 (and 2026.7.2-beta.5): `modelPolicy.allow` of the agent when it owns `allow`,
  else of the defaults; `[]` allows any model; `provider/*` allows a whole provider;
- there a non-empty `agents.defaults.models` map is still the allowlist when no
  `modelPolicy.allow` applies and `meta.migrations.modelPolicyAllowlist` is not `true`;
- `provider/*` entries count from 2026.5.12, `provider/prefix/*` from 2026.8.1 (between
  2026.7.1-2 and 2026.8.1 clawlint does not judge them).
Aliases are resolved first. The facts are in `rules/auth.toml` `[allowlist]`.

## Why it matters
A subagent model outside the allowlist is not used: subagent spawns fail with
`model not allowed: …` (#84101) or quietly run on the agent's primary (cron), and a Gmail hook
model is ignored — while `config validate` accepts the config (#12674, #75753, #83617). Cron
jobs' `payload.model` and `/model` are checked the same way, but they are not in the config.

## Example
With `--target 2026.5.7`:
```json5
{ agents: { defaults: {
  models: { "anthropic/claude-sonnet-4-6": { alias: "sonnet" } },   // the allowlist
  model: { primary: "openai/gpt-5.5" },                             // admitted: the run's own
  subagents: { model: "openai/gpt-5.4-mini" },                      // not in it: not used
} } }
```

## Fix safety
Where the list is `agents.defaults.models`, an unsafe fix adds the model to it
(`"openai/gpt-5.4-mini": {}`), widening the allowlist; review that this is what you want. Add
it to `modelPolicy.allow` by hand.

## References
- #20265, #12674, #75753, #83617, #84101; docs concepts/models.md ("Explicit modelPolicy.allow restrictions were introduced in v2026.8.1").
- 2026.5.7 dist/model-selection-shared-*.js (`buildAllowedModelSetWithFallbacks`), dist/isolated-agent-*.js (`resolveCronModelSelection`); 2026.9.6 dist/model-selection-shared-*.mjs (`resolveConfiguredModelPolicyAllow`), dist/agent-scope-config-*.mjs.
"#;

/// How an allowlist entry admits `key`: exactly, through a `provider/*` wildcard, or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Admits {
    Exactly,
    ByWildcard,
    No,
}

fn admits(entry: &str, key: &str) -> Admits {
    let a = entry.trim();
    if a.eq_ignore_ascii_case(key) {
        return Admits::Exactly;
    }
    match a.strip_suffix("/*") {
        Some(prefix)
            if !prefix.is_empty()
                && key.to_ascii_lowercase().starts_with(&format!("{}/", prefix.to_ascii_lowercase())) =>
        {
            Admits::ByWildcard
        }
        _ => Admits::No,
    }
}

/// The allowlist a release applies to one agent's checked settings, and where it comes from.
struct Allowlist {
    entries: Vec<String>,
    source: &'static str,
    /// Also admitted (2026.5.7: the run's primary and the defaults' fallbacks).
    also: Vec<String>,
}

fn keys_of(n: Option<&Node>) -> Vec<String> {
    n.and_then(Node::as_object)
        .map(|o| o.iter().map(|m| m.key.clone()).filter(|k| !k.trim().is_empty()).collect())
        .unwrap_or_default()
}

/// `modelPolicy.allow` of a node when the node owns `allow` (an explicit `[]` allows any model).
fn policy_allow(n: Option<&Node>, aliases: &[(String, String)]) -> Option<Vec<String>> {
    let allow = n?.get("modelPolicy")?.get("allow")?;
    Some(
        allow
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(|s| model_refs::parse(s, aliases).map_or(s.to_owned(), |r| r.key())))
                    .collect()
            })
            .unwrap_or_default(),
    )
}

/// The allowlist the target applies to `agent` (or the defaults), `None` when any model is
/// allowed or the release's behaviour is not known.
fn allowlist(cx: &Context<'_>, merged: &Node, agent: Option<&Node>, aliases: &[(String, String)]) -> Option<Allowlist> {
    let f = &auth_facts::facts().allowlist;
    let v = &cx.release.version;
    let defaults = merged.get("agents").and_then(|a| a.get("defaults"));
    let legacy = || -> Vec<String> {
        keys_of(defaults.and_then(|d| d.get("models")))
            .iter()
            .map(|k| model_refs::parse(k, &[]).map_or(k.clone(), |r| r.key()))
            .collect()
    };
    if !f.model_policy.contains(v) {
        let entries = legacy();
        if entries.is_empty() {
            return None;
        }
        let primary = |n: Option<&Node>| {
            let m = n?.get("model")?;
            m.as_str()
                .or_else(|| m.get("primary")?.as_str())
                .and_then(|s| model_refs::parse(s, aliases))
                .map(|r| r.key())
        };
        let mut also: Vec<String> = primary(agent).or_else(|| primary(defaults)).into_iter().collect();
        if let Some(fb) =
            defaults.and_then(|d| d.get("model")).and_then(|m| m.get("fallbacks")).and_then(Node::as_array)
        {
            also.extend(fb.iter().filter_map(|x| model_refs::parse(x.as_str()?, aliases)).map(|r| r.key()));
        }
        return Some(Allowlist { entries, source: "agents.defaults.models", also });
    }
    if let Some(list) = policy_allow(agent, aliases).or_else(|| policy_allow(defaults, aliases)) {
        return (!list.is_empty()).then_some(Allowlist {
            entries: list,
            source: "modelPolicy.allow",
            also: Vec::new(),
        });
    }
    let migrated = merged.get("meta").and_then(|m| m.get("migrations")).and_then(|m| m.get("modelPolicyAllowlist"));
    let owns_policy = defaults.and_then(|d| d.get("modelPolicy")).is_some_and(|p| p.as_object().is_some());
    if !f.legacy_map_fallback.contains(v)
        || owns_policy
        || migrated.is_some_and(|n| matches!(n.kind, crate::document::Kind::Bool(true)))
    {
        return None;
    }
    let entries = legacy();
    (!entries.is_empty()).then_some(Allowlist { entries, source: "agents.defaults.models", also: Vec::new() })
}

/// Is `key` allowed? `None` when only a wildcard could allow it and the target's wildcard
/// semantics are not known.
fn allowed(cx: &Context<'_>, list: &Allowlist, key: &str) -> Option<bool> {
    if list.also.iter().any(|a| a.eq_ignore_ascii_case(key)) {
        return Some(true);
    }
    let f = &auth_facts::facts().allowlist;
    let v = &cx.release.version;
    let mut verdict = Some(false);
    for e in &list.entries {
        match admits(e, key) {
            Admits::Exactly => return Some(true),
            Admits::ByWildcard => {
                // `provider/*`, and from 2026.8.1 `provider/prefix/*` too.
                let deep = e.trim().trim_end_matches("/*").contains('/');
                let counts = if deep { f.deep_wildcards.at(v) } else { f.wildcards.at(v) };
                match counts {
                    Some(true) => return Some(true),
                    None => verdict = None,
                    Some(false) => {}
                }
            }
            Admits::No => {}
        }
    }
    verdict
}

/// A checked setting: its model string, where it is, and the agent it belongs to.
struct Checked<'n> {
    raw: String,
    key: String,
    file: crate::document::FileId,
    span: crate::document::Span,
    path: KeyPath,
    agent: Option<&'n Node>,
    gmail: bool,
}

fn checked_settings<'n>(cx: &Context<'_>, merged: &'n Node, aliases: &[(String, String)]) -> Vec<Checked<'n>> {
    let f = &auth_facts::facts().allowlist;
    let mut out = Vec::new();
    for s in cx.model_sites() {
        if s.role != Role::Primary || !f.checked.iter().any(|p| s.setting.matches(p)) {
            continue;
        }
        let Some(r) = s.parsed.as_ref().filter(|r| r.provider.is_some()) else { continue };
        let d = s.setting.dotted();
        let agent = (d.starts_with("agents.entries.") || d.starts_with("agents.list."))
            .then(|| merged.at(&KeyPath(s.setting.0[..3].to_vec())))
            .flatten();
        out.push(Checked {
            raw: s.raw.clone(),
            key: r.key(),
            file: s.file,
            span: s.span,
            path: s.path.clone(),
            agent,
            gmail: false,
        });
    }
    let gmail = KeyPath::root().child_key("hooks").child_key("gmail").child_key("model");
    if f.checked.iter().any(|p| gmail.matches(p))
        && let Some(n) = merged.at(&gmail)
        && let Some(raw) = n.as_str()
        && let Some(r) = model_refs::parse(raw, aliases).filter(|r| r.provider.is_some())
    {
        out.push(Checked {
            raw: raw.to_owned(),
            key: r.key(),
            file: n.file,
            span: n.span,
            path: gmail,
            agent: None,
            gmail: true,
        });
    }
    out
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(merged) = cx.config.merged.as_ref() else { return };
    let aliases = model_refs::aliases(merged);
    let defaults = merged.get("agents").and_then(|a| a.get("defaults"));
    for c in checked_settings(cx, merged, &aliases) {
        let Some(list) = allowlist(cx, merged, c.agent, &aliases) else { continue };
        if allowed(cx, &list, &c.key) != Some(false) {
            continue;
        }
        let (source, key) = (list.source, &c.key);
        let effect = if c.gmail {
            "Gmail hook runs ignore it and use the agent's primary model".to_owned()
        } else {
            format!(
                "subagent runs that select it are rejected (`model not allowed: {key}`) or run on the agent's primary model instead"
            )
        };
        let message = format!(
            "`{}` is not in the model allowlist ({source}) that {} checks it against: {effect}",
            c.raw,
            cx.target_name()
        );
        let mut d = Diagnostic::new(RULE.name, RULE.severity, c.file, c.span, c.path.clone(), message)
            .with_label("not allowed")
            .with_help(format!("add `{key}` to {source}, or pick an allowed model"));
        if source == "agents.defaults.models"
            && let Some(models) = defaults.and_then(|x| x.get("models"))
        {
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
