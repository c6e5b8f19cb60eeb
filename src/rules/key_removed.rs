//! `key-removed`: a key only releases older than the target accept.

use crate::document::{KeyPath, Segment};
use crate::edit::{Applicability, Fix, FixOp};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use crate::facts::releases;
use crate::facts::schema::ViolationKind;
use crate::validate::classify::{Class, MoveFix};

pub static RULE: Rule = Rule {
    name: "key-removed",
    category: Category::Versions,
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    needs: &[],
    references: &[Reference::Issue(105683), Reference::Issue(120638), Reference::File("rules/migrations.toml")],
    summary: "A key the target release no longer accepts (removed or moved in an upgrade), with its new home: the gateway will not start.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Reports a key that older imported releases accept but the target rejects: it says which
release last accepted it and, from `rules/migrations.toml`, where the setting lives now
("moved to `tts`") or that it was retired.

Run it with `--target <newer release>` before an upgrade to see everything the upgrade breaks.

## Why it matters
OpenClaw removes and renames config keys between releases (2026.8.1 alone moved
`messages.tts`, `agents.defaults.memorySearch`, `agents.list` and more). A config that worked
yesterday then fails validation after `npm i -g openclaw@latest` and the gateway does not
start; `openclaw doctor --fix` migrates some keys, rewriting the whole file as plain JSON and
dropping comments (#105683), and it keeps a migration for only about two months.

## Example
With `--target 2026.9.6`:
```json5
{ messages: { tts: { auto: "off" } }, agents: { defaults: { memorySearch: { enabled: true } } } }
```
`messages.tts` was removed after 2026.7.1-2: moved to `tts`; `agents.defaults.memorySearch`:
moved to `memory.search`.

## Fix safety
A **safe** fix applies the 1:1 migrations: it renames the key when the migration is a rename
inside the same object, and moves the member when the setting moved to another object
(`messages.tts` → `tts`, `agents.defaults.memorySearch` → `memory.search`), creating the
objects on the way. The value's text moves verbatim, comments inside it included, re-indented
for its new depth; comment lines above the old key stay where they were. No fix when the new
home is already set, when a step on the way is not an object, or when the two ends are in
different files (`$include`). Migrations that reshape the value get a help line naming the new
home; `openclaw doctor --fix` (or an edit by hand) does those.

## References
- `rules/migrations.toml` (each entry with its source: OpenClaw 2026.9.6 doctor migrations).
- Key-path index over every imported release's schema.
- #105683 (doctor drops comments), #120638.
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for c in cx.classified() {
        let Class::Removed { last, migration } = c.class else { continue };
        let Some(full) = &c.key_path else { continue };
        let rel = releases();
        let when = match last {
            None => format!("is not accepted by {} or any release since {}", cx.target_name(), rel[0]),
            Some(last) => {
                let next = rel.get(last + 1).map(|v| format!(", rejected from {v}")).unwrap_or_default();
                format!("was removed: accepted up to {}{next}", rel[last])
            }
        };
        let home = match migration {
            Some(m) if m.to.is_empty() => "; retired without a successor".to_string(),
            Some(m) => format!("; moved to `{}`", m.to),
            None => String::new(),
        };
        let message = format!("`{}` {when}{home}", full.dotted());
        let mut d = cx.issue_diagnostic(&RULE, c, message).with_label(format!("not accepted by {}", cx.target.version));
        if let Some(m) = migration {
            let mut help = m.note.clone().unwrap_or_default();
            if m.fix == MoveFix::Move {
                if !help.is_empty() {
                    help.push_str("; ");
                }
                help.push_str(&format!("move the whole value to `{}`", m.to));
            }
            if !help.is_empty() {
                d = d.with_help(help);
            }
            // A rename inside the same object, to a key not already there.
            let (from_parent, _) = m.from.rsplit_once('.').unwrap_or(("", &m.from));
            let (to_parent, new) = m.to.rsplit_once('.').unwrap_or(("", &m.to));
            if m.fix == MoveFix::Rename && from_parent == to_parent && !cx.has_key(&c.issue.violation.path, new) {
                d = d.with_fix(Fix {
                    title: format!("rename `{}` to `{new}`", full.dotted()),
                    applicability: Applicability::Safe,
                    ops: vec![FixOp::RenameKey { file: c.issue.file, key: c.issue.span, new: new.to_owned() }],
                    effects: Vec::new(),
                });
            } else if m.fix == MoveFix::Move
                && let Some(rejected) = rejected_after_move(cx, full, &m.to)
            {
                // A move the target would reject is no fix: say what stands in the way.
                d = d.with_help(format!(
                    "not moved automatically: at `{}`, {} does not accept {rejected}; move it by hand and adapt those settings",
                    m.to,
                    cx.target_name()
                ));
            } else if m.fix == MoveFix::Move
                && let Some(op) = move_op(cx, full, &m.to)
            {
                d = d.with_fix(Fix {
                    title: format!("move `{}` to `{}`", full.dotted(), m.to),
                    applicability: Applicability::Safe,
                    ops: vec![op],
                    effects: Vec::new(),
                });
            }
        } else {
            d = d.with_help(format!("remove it, or keep OpenClaw at {} or earlier", rel[last.unwrap_or(0)]));
        }
        out.push(d);
    }
}

/// What the target rejects at `to` once the value at `from` is moved there (`None`: nothing,
/// the move is a fix). Only the moved value is judged; other problems of the config are not.
fn rejected_after_move(cx: &Context<'_>, from: &KeyPath, to: &str) -> Option<String> {
    let merged = cx.config.merged.as_ref()?;
    let mut value = crate::document::to_json(merged);
    let (Segment::Key(k), parent) = from.0.split_last()? else { return None };
    let mut at = &mut value;
    for seg in parent {
        at = match seg {
            Segment::Key(key) => at.get_mut(key.as_str())?,
            Segment::Index(i) => at.get_mut(*i)?,
        };
    }
    let moved = at.as_object_mut()?.remove(k)?;
    let segs = crate::facts::keys::segments(to);
    let mut at = &mut value;
    for (i, seg) in segs.iter().enumerate() {
        let obj = at.as_object_mut()?;
        if i + 1 == segs.len() {
            obj.insert((*seg).to_owned(), moved);
            break;
        }
        at = obj.entry((*seg).to_owned()).or_insert_with(|| serde_json::json!({}));
    }
    let dest = KeyPath(segs.iter().map(|s| Segment::Key((*s).to_owned())).collect());
    let migrated = crate::validate::migrate::apply(&value, &cx.release);
    let violations = cx.release.schema.validate(&migrated.value).ok()?;
    let found: Vec<String> = violations
        .iter()
        .filter(|v| v.path.0.starts_with(&dest.0))
        .map(|v| match &v.kind {
            ViolationKind::UnexpectedKey(key) => format!("`{}`", v.path.child_key(key).dotted()),
            _ => format!("the value at `{}`", v.path.dotted()),
        })
        .collect();
    (!found.is_empty()).then(|| found.join(", "))
}

/// Move the member at `from` to the dotted path `to`, creating the objects on the way: only
/// when `to` is free, every existing step is an object, and both ends are in the same file.
fn move_op(cx: &Context<'_>, from: &KeyPath, to: &str) -> Option<FixOp> {
    let merged = cx.config.merged.as_ref()?;
    let (Segment::Key(k), parent) = from.0.split_last()? else { return None };
    let member = merged.at(&KeyPath(parent.to_vec()))?.member(k)?;
    let segs = crate::facts::keys::segments(to);
    if segs.iter().any(|s| s.is_empty() || *s == "*" || s.contains('[')) {
        return None;
    }
    let mut object = merged;
    let mut depth = 0;
    while depth < segs.len() {
        match object.get(segs[depth]) {
            Some(next) if depth + 1 == segs.len() => {
                let _ = next;
                return None; // the new home is taken
            }
            Some(next) if next.as_object().is_some() => {
                object = next;
                depth += 1;
            }
            Some(_) => return None,
            None => break,
        }
    }
    if object.file != member.value.file || object.as_object().is_none() {
        return None;
    }
    Some(FixOp::MoveProperty {
        file: member.value.file,
        member: member.span(),
        value: member.value.span,
        object: object.span,
        path: segs[depth..].iter().map(|s| (*s).to_owned()).collect(),
    })
}
