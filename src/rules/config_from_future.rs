//! `config-from-future`: the config was last written by a newer OpenClaw than the target.

use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use crate::facts::CalVer;
use crate::facts::schema::ViolationKind;

pub static RULE: Rule = Rule {
    name: "config-from-future",
    category: Category::Versions,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    needs: &[],
    references: &[Reference::Issue(120638), Reference::Issue(48920)],
    summary: "`meta.lastTouchedVersion` is newer than the target release; lists exactly the keys the target rejects.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Compares `meta.lastTouchedVersion` (stamped by every OpenClaw write) with the target release.
When the config was last written by a newer OpenClaw, it says so and lists exactly the keys the
target rejects (each also reported by `key-requires-newer`, `key-removed` or `key-unknown`).

## Why it matters
A downgrade (rolling back a bad upgrade, a second machine on an older release, a dotfiles repo
shared between hosts) leaves a config the older gateway may refuse: newer releases add keys and
`doctor --fix` writes new layouts. Knowing which keys are the problem turns a failed start into
a short edit.

## Example
With `--target 2026.7.1`:
```json5
{ meta: { lastTouchedVersion: "2026.9.6" }, tts: { auto: "off" } }
```
The config was last written by OpenClaw 2026.9.6; 2026.7.1 rejects 1 key: `tts`.

## Fix safety
No fix of its own; see the key rules.

## References
- `meta.lastTouchedVersion` is written on every config write (OpenClaw 2026.9.6).
- #120638 (docs vs stable), #48920.
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(merged) = &cx.config.merged else { return };
    let Some(node) = merged.get("meta").and_then(|m| m.get("lastTouchedVersion")) else { return };
    let Some(written) = node.as_str().and_then(|s| s.parse::<CalVer>().ok()) else { return };
    if written <= cx.target.version {
        return;
    }
    let keys: Vec<String> = cx
        .validation()
        .issues
        .iter()
        .filter_map(|i| match &i.violation.kind {
            ViolationKind::UnexpectedKey(k) => Some(format!("`{}`", i.violation.path.child_key(k).dotted())),
            _ => None,
        })
        .collect();
    let what = match keys.len() {
        0 => format!("{} accepts all of its keys", cx.target.version),
        1 => format!("{} rejects 1 key: {}", cx.target.version, keys[0]),
        n => format!("{} rejects {n} keys: {}", cx.target.version, keys.join(", ")),
    };
    let path = crate::document::KeyPath::root().child_key("meta").child_key("lastTouchedVersion");
    out.push(
        Diagnostic::new(
            RULE.name,
            RULE.severity,
            node.file,
            node.span,
            path,
            format!(
                "this config was last written by OpenClaw {written}, newer than the target {}; {what}",
                cx.target.version
            ),
        )
        .with_label(format!("newer than {}", cx.target.version))
        .with_help(format!(
            "check with `--target {written}` if that is what runs it, or fix the keys listed for {}",
            cx.target.version
        )),
    );
}
