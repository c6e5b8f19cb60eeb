//! `matrix-stale`: the target is newer than clawlint's data.

use crate::document::{KeyPath, Span};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};

pub static RULE: Rule = Rule {
    name: "matrix-stale",
    category: Category::Versions,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    needs: &[],
    references: &[Reference::Issue(120638)],
    summary: "The target release is newer than every release clawlint has data for (it checks with the newest), or older than all of them (its schema checks do not run).",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Warns when the target release (`--target`, or the installed `openclaw`) is newer than every
release in clawlint's capability matrix. clawlint then checks against the newest release it has
data for, and says which.

A target older than every release with data (`meta.lastTouchedVersion: "2026.3.7"`) gets a
warning too, and the rules that judge keys and values by the release's schema (schema and
versions categories) do not run for it: judged by a newer release's schema, keys the old
release accepts would look unknown. The other rules use the oldest data.

## Why it matters
OpenClaw ships often and every release can add, move or remove keys. Checked with older data,
a key the new release added looks unknown and a key it removed still looks fine; checked with
newer data, a key the old release accepts looks unknown (`channels.telegram.streamMode`
before 2026.5). Knowing the data is not the gateway's keeps the report honest.

## Example
`openclaw --version` prints 2026.10.2 (or `--target 2026.10.2`) and this clawlint's newest data
is 2026.9.6: every finding is as of 2026.9.6.
```json5
{ gateway: { mode: "local" } }
```

## Fix safety
Nothing to fix in the config: update clawlint, or import the release yourself
(`scripts/import-release.sh 2026.10.2` in a clawlint checkout).

## References
- `clawlint versions` lists the releases with data.
- #120638 (what the docs describe is not what you run).
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if !cx.target.newer_than_data && !cx.target.older_than_data {
        return;
    }
    let root = cx.config.root();
    let (file, span, path) = match cx.config.merged.as_ref().and_then(|m| m.get("meta")?.get("lastTouchedVersion")) {
        Some(n) => (n.file, n.span, KeyPath::root().child_key("meta").child_key("lastTouchedVersion")),
        None => (root.id, Span::new(0, 0), KeyPath::root()),
    };
    out.push(
        Diagnostic::new(
            RULE.name,
            RULE.severity,
            file,
            span,
            path,
            if cx.target.older_than_data {
                format!(
                    "no data for OpenClaw {} ({}): clawlint's oldest release is {}, so the checks of keys and values against the release's schema did not run, and the other checks use {}'s facts",
                    cx.target.version, cx.target.why, cx.release.version, cx.release.version
                )
            } else {
                format!(
                    "no data for OpenClaw {} ({}); checking against {}, the newest release clawlint knows",
                    cx.target.version, cx.target.why, cx.release.version
                )
            },
        )
        .with_help(if cx.target.older_than_data {
            format!("before upgrading, check against the release you will run: --target {} or later", cx.release.version)
        } else {
            "update clawlint, or import the release: scripts/import-release.sh in a clawlint checkout".to_owned()
        }),
    );
}
