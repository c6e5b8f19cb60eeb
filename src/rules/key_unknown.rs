//! `key-unknown`: a key no imported release accepts.

use crate::edit::{Applicability, Fix, FixOp};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use crate::facts::schema::ViolationKind;
use crate::validate::classify::Class;

pub static RULE: Rule = Rule {
    name: "key-unknown",
    category: Category::Schema,
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    needs: &[],
    references: &[Reference::Issue(120638)],
    summary: "A key no OpenClaw release accepts (a typo, or an unknown channel id): the gateway will not start. Suggests the nearest key.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Reports a key that the target release rejects and that no other imported release accepts
either, with the nearest key the target does accept ("did you mean `fallbacks`?"). A channel id
under `channels` that the target does not bundle is reported the same way.

Keys that other releases accept are reported as `key-requires-newer` or `key-removed` instead.

## Why it matters
Every object in OpenClaw's config is closed: one unknown key anywhere and
`openclaw config validate` fails with `Unrecognized key: "…"`, and the gateway refuses to start.
A typo in a fallback list key (`fallback` for `fallbacks`) is the classic case.

## Example
```json5
{ agents: { defaults: { thinkingDefualt: "low" } } }
```
`thinkingDefualt` is unknown to every release: a typo of `thinkingDefault`.

## Fix safety
When there is a suggestion and the object does not already have that key, an **unsafe** fix
renames the key to it (a guess: review the diff; `--unsafe-fixes` applies it).

## References
- Key-path index built from every imported release's schema (`clawlint versions`).
- `Unrecognized key` is OpenClaw's own message (`config validate --json`); #120638.
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for c in cx.classified() {
        let Class::Unknown { suggestion } = &c.class else { continue };
        let ViolationKind::UnexpectedKey(key) = &c.issue.violation.kind else { continue };
        let parent = if c.issue.violation.path.is_root() {
            "the top level".to_string()
        } else {
            format!("`{}`", c.issue.violation.path.dotted())
        };
        let message = match c.issue.closed_map {
            Some(_) => format!("unknown channel id `{key}`: {} has no such channel", cx.target_name()),
            None => {
                let rel = crate::facts::releases();
                format!(
                    "unknown key `{key}` in {parent}: no release from {} to {} accepts it",
                    rel[0],
                    rel[rel.len() - 1]
                )
            }
        };
        let mut d = cx.issue_diagnostic(&RULE, c, message).with_label("unknown key");
        if let Some(s) = suggestion {
            d = d.with_help(format!("did you mean `{s}`?"));
            if !cx.has_key(&c.issue.violation.path, s) && c.issue.closed_map.is_none() {
                d = d.with_fix(Fix {
                    title: format!("rename `{key}` to `{s}`"),
                    applicability: Applicability::Unsafe,
                    ops: vec![FixOp::RenameKey { file: c.issue.file, key: c.issue.span, new: s.clone() }],
                    effects: Vec::new(),
                });
            }
        } else if c.issue.closed_map.is_some() {
            d = d.with_help("install the plugin that provides this channel, or remove the entry");
        } else {
            d = d.with_help(format!(
                "remove it; `clawlint schema --target {}` shows what this object accepts",
                cx.target.version
            ));
        }
        out.push(d);
    }
}
