//! The on-read migrations of OpenClaw 2026.4.x (`applyRuntimeLegacyConfigMigrations` in the
//! release's dist/io-*.js): legacy shapes a release rewrites in memory before validating, so
//! `config validate` accepts them. Which release runs which is data (`[[load_migration]]` in
//! rules/validation.toml, each citing the dist function); the steps are here.

use super::migrated::{Migrated, Note};
use crate::document::KeyPath;
use crate::facts::validation::LoadMigration;
use serde_json::{Map, Value, json};

/// A key renamed inside every object matching `paths`: `from` becomes `to` unless `to` is
/// already there (then `from` is dropped), as OpenClaw's `allow → enabled` and
/// `ttlHours → idleHours` do.
pub(super) fn key_rename(m: &LoadMigration, out: &mut Migrated) {
    let (Some(Value::String(from)), Some(Value::String(to))) = (&m.from, &m.to) else { return };
    for pattern in &m.paths {
        let hits: Vec<KeyPath> = crate::facts::keys::values_at(pattern, &out.value)
            .into_iter()
            .filter(|(_, v)| v.as_object().is_some_and(|o| o.contains_key(from)))
            .map(|(p, _)| p)
            .collect();
        for at in hits {
            let Some(Value::Object(o)) = out.value.pointer_mut(&at.pointer()) else { continue };
            let Some(old) = o.remove(from) else { continue };
            let message = if o.contains_key(to) {
                format!("is dropped (`{to}` is already set)")
            } else {
                o.insert(to.clone(), old);
                out.renames.push((at.child_key(to), at.child_key(from)));
                format!("is read as `{to}`")
            };
            let moved_to = Some(at.child_key(to).dotted());
            out.notes.push(Note { path: at.child_key(from), message, moved_to });
        }
    }
}

/// `audio.transcription` (`{ command: [exe, ...args], timeoutSeconds }`) becomes the first
/// `tools.media.audio.models` entry when that list is empty and the command is a safe
/// executable; it is removed in every case, and `audio` with it when nothing else is left.
pub(super) fn audio_transcription(out: &mut Migrated) {
    let Value::Object(root) = &mut out.value else { return };
    let Some(Value::Object(audio)) = root.get_mut("audio") else { return };
    let Some(t) = audio.remove("transcription") else { return };
    if audio.is_empty() {
        root.remove("audio");
    }
    let at = KeyPath::root().child_key("audio").child_key("transcription");
    let target = "tools.media.audio.models";
    let occupied = root
        .get("tools")
        .and_then(|t| t.get("media"))
        .and_then(|m| m.get("audio"))
        .and_then(|a| a.get("models"))
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty());
    let message = match map_transcription(&t) {
        Some(_) if occupied => format!("is dropped (`{target}` is already set)"),
        None => "is dropped (its command is not a safe executable and arguments)".to_owned(),
        Some(model) => {
            let audio = ensure_record(ensure_record(ensure_record(root, "tools"), "media"), "audio");
            audio.insert("models".into(), Value::Array(vec![model]));
            audio.insert("enabled".into(), Value::Bool(true));
            format!("becomes the first `{target}` entry")
        }
    };
    out.notes.push(Note { path: at, message, moved_to: Some(target.into()) });
}

/// The object at `key`, replacing whatever else is there (OpenClaw's `ensureRecord`).
fn ensure_record<'a>(obj: &'a mut Map<String, Value>, key: &str) -> &'a mut Map<String, Value> {
    if !obj.get(key).is_some_and(Value::is_object) {
        obj.insert(key.to_owned(), Value::Object(Map::new()));
    }
    match obj.get_mut(key) {
        Some(Value::Object(o)) => o,
        _ => unreachable!("just inserted an object"),
    }
}

/// OpenClaw's `mapLegacyAudioTranscription`.
fn map_transcription(t: &Value) -> Option<Value> {
    let command = t.get("command")?.as_array()?;
    let parts: Vec<&str> = command.iter().map(Value::as_str).collect::<Option<_>>()?;
    let exe = parts.first()?.trim();
    if !is_safe_executable(exe) {
        return None;
    }
    let mut model = json!({ "command": exe, "type": "cli" });
    if parts.len() > 1 {
        model["args"] = json!(parts[1..]);
    }
    if let Some(n) = t.get("timeoutSeconds").filter(|v| v.is_number()) {
        model["timeoutSeconds"] = n.clone();
    }
    Some(model)
}

/// OpenClaw's `isSafeExecutableValue`: no shell metacharacters, quotes or line breaks; a path,
/// or a bare name of `[A-Za-z0-9._+-]` not starting with `-`.
fn is_safe_executable(s: &str) -> bool {
    if s.is_empty() || s.chars().any(|c| ";&|`$<>\"'\r\n\0".contains(c)) {
        return false;
    }
    let path_like = s.contains('/') || s.contains('\\') || s.starts_with('.') || s.starts_with('~');
    path_like || (!s.starts_with('-') && s.chars().all(|c| c.is_ascii_alphanumeric() || "._+-".contains(c)))
}

/// The flat streaming keys of a channel and where they go under `streaming`.
const FLAT: &[(&str, &[&str])] = &[
    ("chunkMode", &["chunkMode"]),
    ("blockStreaming", &["block", "enabled"]),
    ("draftChunk", &["preview", "chunk"]),
    ("blockStreamingCoalesce", &["block", "coalesce"]),
];

/// Legacy streaming of telegram, slack and discord (root and each account): a string or boolean
/// `streaming` and `streamMode` become `streaming.mode`, the flat keys move under `streaming`
/// (OpenClaw's `normalizeLegacyStreamingAliases`). With `keep_on_conflict` a flat key whose new
/// home is taken stays (and the release rejects it); otherwise it is dropped.
pub(super) fn channel_streaming(m: &LoadMigration, out: &mut Migrated) {
    for channel in ["telegram", "slack", "discord"] {
        let base = KeyPath::root().child_key("channels").child_key(channel);
        let mut entries = vec![base.clone()];
        if let Some(Value::Object(accounts)) = out.value.pointer(&base.child_key("accounts").pointer()) {
            entries.extend(accounts.keys().map(|a| base.child_key("accounts").child_key(a)));
        }
        for at in entries {
            streaming_entry(channel, &at, m.keep_on_conflict, out);
        }
    }
}

fn streaming_entry(channel: &str, at: &KeyPath, keep_on_conflict: bool, out: &mut Migrated) {
    let Some(Value::Object(entry)) = out.value.pointer_mut(&at.pointer()) else { return };
    let scalar = entry.get("streaming").filter(|v| v.is_string() || v.is_boolean()).cloned();
    let flat: Vec<&str> = FLAT
        .iter()
        .map(|(k, _)| *k)
        .chain(std::iter::once("nativeStreaming").filter(|_| channel == "slack"))
        .filter(|k| entry.contains_key(*k) && (*k != "draftChunk" || channel != "slack"))
        .collect();
    if scalar.is_none() && !entry.contains_key("streamMode") && flat.is_empty() {
        return;
    }
    let mode = streaming_mode(channel, scalar.as_ref(), entry.get("streamMode"));
    let stream_mode = entry.remove("streamMode");
    let mut notes = Vec::new();
    let mut renames = Vec::new();
    if !entry.get("streaming").is_some_and(Value::is_object) {
        entry.insert("streaming".into(), Value::Object(Map::new()));
    }
    let mut moved = Vec::new();
    for key in &flat {
        let dest: Vec<&str> = FLAT.iter().find(|(k, _)| k == key).map_or(&["nativeTransport"][..], |(_, d)| d).to_vec();
        let taken = pointer_in(entry, "streaming", &dest).is_some();
        if taken && keep_on_conflict {
            continue;
        }
        let value = entry.remove(*key).unwrap_or(Value::Null);
        let to = dest.iter().fold(at.child_key("streaming"), |p, k| p.child_key(k));
        if taken {
            notes.push(Note {
                path: at.child_key(key),
                message: format!("is dropped (`{}` is already set)", to.dotted()),
                moved_to: None,
            });
        } else {
            moved.push((dest, value));
            renames.push((to.clone(), at.child_key(key)));
            notes.push(Note {
                path: at.child_key(key),
                message: format!("is read as `{}`", to.dotted()),
                moved_to: Some(to.dotted()),
            });
        }
    }
    let Some(Value::Object(streaming)) = entry.get_mut("streaming") else { return };
    for (dest, value) in moved {
        set_in(streaming, &dest, value);
    }
    if channel == "slack"
        && !flat.contains(&"nativeStreaming")
        && let Some(Value::Bool(b)) = scalar
    {
        streaming.entry("nativeTransport").or_insert(Value::Bool(b));
    }
    let mode_at = at.child_key("streaming").child_key("mode");
    if !streaming.contains_key("mode") {
        streaming.insert("mode".into(), Value::String(mode.to_owned()));
        let from = if scalar.is_some() { at.child_key("streaming") } else { at.child_key("streamMode") };
        renames.push((mode_at.clone(), from));
    }
    if scalar.is_some() {
        notes.push(Note {
            path: at.child_key("streaming"),
            message: format!("is read as `{{ mode: \"{mode}\" }}`"),
            moved_to: Some(mode_at.dotted()),
        });
    }
    if stream_mode.is_some() {
        notes.push(Note {
            path: at.child_key("streamMode"),
            message: format!("is read as `{}`", mode_at.dotted()),
            moved_to: Some(mode_at.dotted()),
        });
    }
    out.renames.extend(renames);
    out.notes.extend(notes);
}

/// The mode a legacy streaming setting stands for, per channel, as the release resolves it.
fn streaming_mode(channel: &str, streaming: Option<&Value>, stream_mode: Option<&Value>) -> &'static str {
    const MODES: [&str; 4] = ["off", "partial", "block", "progress"];
    let folded = |v: Option<&Value>| v.and_then(Value::as_str).map(|s| s.trim().to_lowercase());
    let as_bool = streaming.and_then(Value::as_bool).map(|b| if b { "partial" } else { "off" });
    match channel {
        "telegram" => [folded(streaming), folded(stream_mode)]
            .into_iter()
            .flatten()
            .find_map(|s| MODES.iter().find(|m| **m == s).map(|m| if *m == "progress" { "partial" } else { m }))
            .or(as_bool)
            .unwrap_or("partial"),
        "slack" => streaming
            .and_then(Value::as_str)
            .and_then(|s| MODES.iter().find(|m| **m == s).copied())
            .or_else(|| match stream_mode.and_then(Value::as_str) {
                Some("replace") => Some("partial"),
                Some("status_final") => Some("progress"),
                Some("append") => Some("block"),
                _ => None,
            })
            .or(as_bool)
            .unwrap_or("partial"),
        _ => streaming
            .and_then(Value::as_str)
            .and_then(|s| ["off", "partial", "block"].into_iter().find(|m| *m == s))
            .or(as_bool)
            .unwrap_or("off"),
    }
}

fn pointer_in<'a>(obj: &'a Map<String, Value>, first: &str, rest: &[&str]) -> Option<&'a Value> {
    rest.iter().try_fold(obj.get(first)?, |v, k| v.get(*k))
}

fn set_in(obj: &mut Map<String, Value>, path: &[&str], value: Value) {
    let Some((last, parents)) = path.split_last() else { return };
    let mut cur = obj;
    for p in parents {
        cur = ensure_record(cur, p);
    }
    cur.insert((*last).to_owned(), value);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn migration(check: &str) -> LoadMigration {
        toml_edit::de::from_str(&format!("check = \"{check}\"\nsince = \"2026.4.10\"\nsource = \"test\"")).unwrap()
    }

    fn migrated(v: Value) -> Migrated {
        Migrated::unchanged(v)
    }

    #[test]
    fn streaming_scalars_become_modes_per_channel() {
        let mut out = migrated(json!({"channels": {
            "telegram": {"streaming": "Progress", "chunkMode": "newline"},
            "slack": {"streaming": true},
            "discord": {"streaming": "progress", "accounts": {"a": {"streamMode": "block"}}}
        }}));
        channel_streaming(&migration("channel-streaming-aliases"), &mut out);
        let c = &out.value["channels"];
        assert_eq!(c["telegram"]["streaming"], json!({"mode": "partial", "chunkMode": "newline"}));
        assert_eq!(c["slack"]["streaming"], json!({"mode": "partial", "nativeTransport": true}));
        assert_eq!(c["discord"]["streaming"], json!({"mode": "off"}));
        assert_eq!(c["discord"]["accounts"]["a"], json!({"streaming": {"mode": "off"}}));
        let p = KeyPath::root().child_key("channels").child_key("telegram").child_key("streaming").child_key("mode");
        assert_eq!(out.source_path(&p).dotted(), "channels.telegram.streaming");
    }

    #[test]
    fn streaming_objects_are_left_alone() {
        let v = json!({"channels": {"telegram": {"streaming": {"mode": "block"}}}});
        let mut out = migrated(v.clone());
        channel_streaming(&migration("channel-streaming-aliases"), &mut out);
        assert_eq!(out.value, v);
    }

    #[test]
    fn audio_transcription_moves_a_safe_command_and_is_always_removed() {
        let mut out = migrated(
            json!({"audio": {"transcription": {"command": ["whisper", "--model", "base"], "timeoutSeconds": 30}}}),
        );
        audio_transcription(&mut out);
        assert_eq!(
            out.value,
            json!({"tools": {"media": {"audio": {"enabled": true, "models": [{"command": "whisper", "type": "cli", "args": ["--model", "base"], "timeoutSeconds": 30}]}}}})
        );
        let mut out = migrated(json!({"audio": {"transcription": {"command": ["rm -rf /; x"]}, "x": 1}}));
        audio_transcription(&mut out);
        assert_eq!(out.value, json!({"audio": {"x": 1}}));
    }

    #[test]
    fn key_rename_keeps_an_existing_new_key() {
        let mut m = migration("key-rename");
        m.paths = vec!["channels.discord.guilds.*.channels.*".into()];
        m.from = Some(json!("allow"));
        m.to = Some(json!("enabled"));
        let mut out = migrated(json!({"channels": {"discord": {"guilds": {"g": {"channels": {
            "a": {"allow": true}, "b": {"allow": false, "enabled": true}
        }}}}}}));
        key_rename(&m, &mut out);
        assert_eq!(
            out.value["channels"]["discord"]["guilds"]["g"]["channels"],
            json!({"a": {"enabled": true}, "b": {"enabled": true}})
        );
    }
}
