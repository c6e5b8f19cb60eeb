//! What OpenClaw does to a config in memory between reading it and validating it: 2026.4.7 to
//! 2026.4.27 rewrite legacy bind addresses, streaming, `allow` and `audio.transcription`
//! (`super::migrate_legacy`); from 2026.7.2-beta.5 a legacy `agents.list` becomes keyed
//! `agents.entries`, and from 2026.8.1-beta.3 legacy context budgets are dropped. Those keys are
//! accepted (with a warning) instead of rejected as unknown.
//! Which release runs which migration is data (`[[load_migration]]` in rules/validation.toml);
//! the steps of each are here, one function per name, following the release code cited there.
//!
//! Validation then sees the migrated value; [`Migrated::source_path`] maps a path in it back to
//! the path the user wrote, so every issue still points at the user's text.

use crate::document::{KeyPath, Segment};
use crate::facts::Release;
use crate::facts::validation::validation;
use serde_json::{Map, Value};

pub use super::migrated::{Migrated, Note};

/// Apply the release's load-time migrations to `value` (the merged config as JSON), except
/// the gated ones (see [`apply_gated`]).
pub fn apply(value: &Value, release: &Release) -> Migrated {
    let mut out = Migrated::unchanged(value.clone());
    run(&mut out, release, false);
    out
}

/// The release's gated migrations (2026.3.28 to 2026.4.2 run the doctor's migrations on read
/// only when a legacy rule matches the file) applied on top of `base`; `None` when the release
/// has none.
pub fn apply_gated(base: &Migrated, release: &Release) -> Option<Migrated> {
    let any = validation().load_migration.iter().any(|m| m.gated && m.range.contains(&release.version));
    any.then(|| {
        let mut out = base.clone();
        run(&mut out, release, true);
        out
    })
}

fn run(out: &mut Migrated, release: &Release, gated: bool) {
    for m in &validation().load_migration {
        if m.gated != gated || !m.range.contains(&release.version) {
            continue;
        }
        match m.check.as_str() {
            "context-budget" => context_budget(out),
            "agents-list-to-entries" => agents_roster(out),
            "agents-roster-default-marker" => agents_roster_default_marker(out),
            "plugins-installs-ledger" => plugins_installs(out),
            "value-rename" => value_rename(m, out),
            "key-rename" => super::migrate_legacy::key_rename(m, out),
            "audio-transcription" => super::migrate_legacy::audio_transcription(out),
            "channel-streaming-aliases" => super::migrate_legacy::channel_streaming(m, out),
            _ => {}
        }
    }
    out.renames.sort_by_key(|r| std::cmp::Reverse(r.0.0.len()));
}

/// A legacy value the release reads as its new spelling before validating.
fn value_rename(m: &crate::facts::validation::LoadMigration, out: &mut Migrated) {
    let (Some(from), Some(to)) = (&m.from, &m.to) else { return };
    for pattern in &m.paths {
        let hits: Vec<KeyPath> = crate::facts::keys::values_at(pattern, &out.value)
            .into_iter()
            .filter(|(_, v)| m.matches_from(from, v))
            .map(|(p, _)| p)
            .collect();
        for at in hits {
            if let Some(v) = out.value.pointer_mut(&at.pointer()) {
                *v = to.clone();
                out.notes.push(Note { path: at, message: format!("is read as {to}"), moved_to: None });
            }
        }
    }
}

fn path(parts: &[&str]) -> KeyPath {
    KeyPath(parts.iter().map(|p| Segment::Key((*p).to_owned())).collect())
}

/// Per-provider and per-agent context budgets cannot be represented any more: a provider's
/// `contextTokens`/`contextWindow` is copied into each of its model rows that lacks it and
/// removed; `contextTokens` of `agents.defaults`, of each agent entry and of each `agents.list`
/// item is removed.
fn context_budget(m: &mut Migrated) {
    const PER_MODEL: &str = "models.providers.<provider>.models[].contextTokens";
    if let Some(Value::Object(providers)) = m.value.get_mut("models").and_then(|v| v.get_mut("providers")) {
        for (id, provider) in providers.iter_mut() {
            let Value::Object(provider) = provider else { continue };
            for key in ["contextTokens", "contextWindow"] {
                let Some(budget) = provider.remove(key) else { continue };
                let at = path(&["models", "providers", id, key]);
                match provider.get_mut("models") {
                    Some(Value::Array(models)) if !models.is_empty() => {
                        for (i, model) in models.iter_mut().enumerate() {
                            if let Value::Object(model) = model
                                && model.get(key).is_none()
                            {
                                model.insert(key.to_owned(), budget.clone());
                                let mut to = path(&["models", "providers", id, "models"]);
                                to = to.child_index(i).child_key(key);
                                m.renames.push((to, at.clone()));
                            }
                        }
                        m.notes.push(Note {
                            path: at,
                            message: format!(
                                "is copied into each of the provider's model rows that lacks `{key}`, then dropped"
                            ),
                            moved_to: Some(format!("models.providers.{id}.models[].{key}")),
                        });
                    }
                    _ => m.notes.push(Note {
                        path: at,
                        message: format!("is dropped (the provider has no model rows to carry it; set `{PER_MODEL}`)"),
                        moved_to: Some(PER_MODEL.into()),
                    }),
                }
            }
        }
    }
    let Some(Value::Object(agents)) = m.value.get_mut("agents") else { return };
    let drop = |obj: &mut Value, at: KeyPath, notes: &mut Vec<Note>| {
        if let Value::Object(o) = obj
            && o.remove("contextTokens").is_some()
        {
            notes.push(Note {
                path: at,
                message: format!("is dropped (a context budget cannot be set per agent; set `{PER_MODEL}`)"),
                moved_to: Some(PER_MODEL.into()),
            });
        }
    };
    if let Some(d) = agents.get_mut("defaults") {
        drop(d, path(&["agents", "defaults", "contextTokens"]), &mut m.notes);
    }
    if let Some(Value::Object(entries)) = agents.get_mut("entries") {
        for (id, e) in entries.iter_mut() {
            drop(e, path(&["agents", "entries", id, "contextTokens"]), &mut m.notes);
        }
    }
    if let Some(Value::Array(list)) = agents.get_mut("list") {
        for (i, e) in list.iter_mut().enumerate() {
            drop(e, path(&["agents", "list"]).child_index(i).child_key("contextTokens"), &mut m.notes);
        }
    }
}

/// OpenClaw's canonical agent id: trimmed and lower-cased when it is a valid id (a letter or
/// digit, then up to 63 of letters, digits, `_` and `-`), else with every run of other
/// characters turned into `-`; `main` when nothing is left.
pub fn normalize_agent_id(id: &str) -> String {
    let t = id.trim();
    let lower = t.to_lowercase();
    let valid = |s: &str| {
        let mut cs = s.chars();
        cs.next().is_some_and(|c| c.is_ascii_alphanumeric())
            && s.len() <= 64
            && cs.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    if valid(t) {
        return lower;
    }
    // Each run of other characters becomes one `-`; leading and trailing dashes go.
    let mut out = String::new();
    let mut in_run = false;
    for c in lower.chars() {
        let ok = c.is_ascii_alphanumeric() || c == '_' || c == '-';
        if ok {
            out.push(c);
        } else if !in_run {
            out.push('-');
        }
        in_run = !ok;
    }
    let out: String = out.trim_matches('-').chars().take(64).collect();
    if out.is_empty() { "main".into() } else { out }
}

/// The legacy roster: a valid `agents.list` (objects with distinct canonical string ids)
/// becomes `agents.entries` keyed by id; an empty or missing roster gets the implicit `main`
/// agent unless ownership is explicit; a single `default: true` marker among several agents is
/// retired (OpenClaw then validates as if `agents.ownership` were `"explicit"`).
/// `plugins.installs` records move to the state-managed install ledger
/// (`plugins/installs.json`) and leave the config before it is validated; a `plugins` object
/// left empty goes too.
fn plugins_installs(m: &mut Migrated) {
    let Value::Object(root) = &mut m.value else { return };
    let Some(Value::Object(plugins)) = root.get_mut("plugins") else { return };
    if plugins.remove("installs").is_none() {
        return;
    }
    if plugins.is_empty() {
        root.remove("plugins");
    }
    m.notes.push(Note {
        path: path(&["plugins", "installs"]),
        message: "moves to OpenClaw's plugin install ledger (`plugins/installs.json` in the state directory)".into(),
        moved_to: None,
    });
}

fn agents_roster(m: &mut Migrated) {
    let Value::Object(root) = &mut m.value else { return };
    if root.get("agents").is_some_and(|a| !a.is_object()) {
        return;
    }
    let agents = root.entry("agents").or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(agents) = agents else { return };
    let present = |a: &Map<String, Value>, k: &str| a.get(k).is_some();
    let mut order: Option<Vec<String>> = None;
    if !present(agents, "entries")
        && let Some(list) = agents.get("list")
    {
        let Some(parsed) = parse_list(list) else { return };
        let ids: Vec<String> = parsed.iter().map(|(id, _)| id.clone()).collect();
        agents.remove("list");
        agents.insert("entries".into(), Value::Object(parsed.into_iter().collect()));
        list_became_entries(&mut m.renames, &mut m.notes, &ids);
        order = Some(ids);
    }
    let explicit = agents.get("ownership").and_then(Value::as_str) == Some("explicit");
    let entries = match agents.get("entries") {
        None => None,
        Some(Value::Object(e)) if e.is_empty() => None,
        Some(e) => Some(e),
    };
    let Some(entries) = entries else {
        if !explicit {
            let mut main = Map::new();
            main.insert("main".into(), Value::Object(Map::new()));
            agents.insert("entries".into(), Value::Object(main));
        }
        return;
    };
    let Value::Object(entries) = entries else { return };
    let ids: Vec<String> =
        order.unwrap_or_else(|| entries.iter().filter(|(_, v)| v.is_object()).map(|(k, _)| k.clone()).collect());
    if ids.is_empty() || ids.iter().any(|id| entries[id].get("default").is_some_and(|d| !d.is_boolean())) {
        return;
    }
    let marked = ids.iter().filter(|id| entries[*id].get("default") == Some(&Value::Bool(true))).count();
    if explicit || marked != 1 {
        return;
    }
    let count = entries.len();
    if let Some(Value::Object(entries)) = agents.get_mut("entries") {
        for e in entries.values_mut() {
            if let Value::Object(e) = e {
                e.remove("default");
            }
        }
    }
    if ids.len() > 1 && count > 1 && !present(agents, "ownership") {
        agents.insert("ownership".into(), Value::String("explicit".into()));
    }
}

/// The roster migration of 2026.7.2-beta.5 to 2026.8.1-beta.1, before `agents.ownership`:
/// `agents.list` becomes keyed `agents.entries`; a missing or empty roster becomes
/// `{ main: { default: true } }`; unless exactly one entry is marked `default: true`, the first
/// marked one (else the first entry) becomes the only default. Where the release gives up (an
/// unconvertible list, a non-boolean `default`) it validates the config as written.
fn agents_roster_default_marker(m: &mut Migrated) {
    let Value::Object(root) = &m.value else { return };
    let mut agents = match root.get("agents") {
        None => Map::new(),
        Some(Value::Object(a)) => a.clone(),
        Some(_) => return,
    };
    let mut converted: Option<Vec<String>> = None;
    if !agents.contains_key("entries")
        && let Some(list) = agents.get("list")
    {
        let Some(parsed) = parse_list(list) else { return };
        converted = Some(parsed.iter().map(|(id, _)| id.clone()).collect());
        agents.remove("list");
        agents.insert("entries".into(), Value::Object(parsed.into_iter().collect()));
    }
    match agents.get_mut("entries") {
        None => {
            agents.insert("entries".into(), serde_json::json!({ "main": { "default": true } }));
        }
        Some(Value::Object(e)) if e.is_empty() => {
            e.insert("main".into(), serde_json::json!({ "default": true }));
        }
        Some(Value::Object(entries)) => {
            let ids = converted
                .clone()
                .unwrap_or_else(|| entries.iter().filter(|(_, v)| v.is_object()).map(|(k, _)| k.clone()).collect());
            if ids.is_empty() || ids.iter().any(|id| entries[id].get("default").is_some_and(|d| !d.is_boolean())) {
                return;
            }
            let marked: Vec<&String> =
                ids.iter().filter(|id| entries[*id].get("default") == Some(&Value::Bool(true))).collect();
            if marked.len() == 1 && converted.is_none() {
                return;
            }
            if marked.len() != 1 {
                let effective = marked.first().copied().unwrap_or(&ids[0]).clone();
                for (id, e) in entries.iter_mut() {
                    if let Value::Object(e) = e {
                        if *id == effective {
                            e.insert("default".into(), Value::Bool(true));
                        } else {
                            e.remove("default");
                        }
                    }
                }
            }
        }
        Some(_) => return,
    }
    if let Some(ids) = &converted {
        list_became_entries(&mut m.renames, &mut m.notes, ids);
    }
    if let Value::Object(root) = &mut m.value {
        root.insert("agents".into(), Value::Object(agents));
    }
}

/// A converted `agents.list` (its ids in list order): paths under `agents.entries.<id>` point
/// back at the list items the user wrote, and the move is noted.
fn list_became_entries(renames: &mut Vec<(KeyPath, KeyPath)>, notes: &mut Vec<Note>, ids: &[String]) {
    for (i, id) in ids.iter().enumerate() {
        renames.push((path(&["agents", "entries", id]), path(&["agents", "list"]).child_index(i)));
    }
    renames.push((path(&["agents", "entries"]), path(&["agents", "list"])));
    notes.push(Note {
        path: path(&["agents", "list"]),
        message: "becomes keyed `agents.entries`".into(),
        moved_to: Some("agents.entries".into()),
    });
}

/// `agents.list` as `(id, entry without id)`, or `None` when OpenClaw would leave it alone:
/// an item that is not an object, an id that is not a canonical, distinct string.
fn parse_list(list: &Value) -> Option<Vec<(String, Value)>> {
    let mut out: Vec<(String, Value)> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for item in list.as_array()? {
        let mut body = item.as_object()?.clone();
        let id = body.remove("id")?.as_str()?.to_owned();
        if id.is_empty() || id.trim() != id || normalize_agent_id(&id) != id || !seen.insert(id.clone()) {
            return None;
        }
        out.push((id, Value::Object(body)));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agent_ids_normalize_like_openclaw() {
        assert_eq!(normalize_agent_id("Work"), "work");
        assert_eq!(normalize_agent_id(" ops "), "ops");
        assert_eq!(normalize_agent_id("work agent"), "work-agent");
        assert_eq!(normalize_agent_id("--"), "main");
        assert_eq!(normalize_agent_id("_x"), "_x");
        assert_eq!(normalize_agent_id("a -b"), "a--b");
    }

    #[test]
    fn list_parses_only_when_openclaw_would_convert_it() {
        let ok = serde_json::json!([{"id": "main"}, {"id": "work", "model": "a/b"}]);
        assert_eq!(parse_list(&ok).unwrap()[1].1, serde_json::json!({"model": "a/b"}));
        for bad in [
            serde_json::json!([{"id": "Main"}]),
            serde_json::json!([{"id": "a"}, {"id": "a"}]),
            serde_json::json!([{"name": "x"}]),
            serde_json::json!([1]),
            serde_json::json!({"a": {}}),
        ] {
            assert!(parse_list(&bad).is_none(), "{bad}");
        }
    }
}
