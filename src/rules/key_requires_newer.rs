//! `key-requires-newer`: a key only releases newer than the target accept.

use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use crate::facts::keys::KeyIndex;
use crate::facts::keys::path_matches;
use crate::facts::releases;
use crate::facts::version::{CalVer, Channel};
use crate::validate::classify::{Class, migrations};

pub static RULE: Rule = Rule {
    name: "key-requires-newer",
    category: Category::Versions,
    severity: Severity::Error,
    fix: FixAvailability::None,
    needs: &[],
    references: &[Reference::Issue(120638), Reference::Issue(48920), Reference::File("rules/migrations.toml")],
    summary: "A key only newer releases accept (often copied from docs.openclaw.ai, which documents `main`): the target release will not start.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Reports a key the target release rejects but a newer imported release accepts, naming the first
release that accepts it, and, where the key replaced an older one, the key the target uses.

## Why it matters
docs.openclaw.ai documents `main`, not the stable release most people run (#120638, #48920).
Copying a documented key into an older release's config makes that gateway refuse to start with
`Unrecognized key`. The same happens after a downgrade or when a config written by a newer
OpenClaw is used on an older one (see also `config-from-future`).

## Example
With `--target 2026.7.1`:
```json5
{ agents: { entries: { main: { model: "openai/gpt-5.5" } } }, tts: { auto: "off" } }
```
`agents.entries` requires OpenClaw ≥ 2026.8.1 (2026.7.1 uses `agents.list`); `tts` requires
OpenClaw ≥ 2026.8.1 (2026.7.1 uses `messages.tts`).

## Fix safety
No automatic fix: upgrade OpenClaw, or write the target's form of the setting.

## References
- Key-path index over every imported release's schema (`clawlint versions`); migrations in
  `rules/migrations.toml`.
- #120638, #48920.
"#;

/// When the first release that accepts the key is a beta: the first stable release with data
/// that accepts it, the one a user on the stable channel upgrades to.
fn first_stable(first: usize, key: &crate::document::KeyPath, declared: bool) -> Option<&'static CalVer> {
    if releases()[first].channel() == Channel::Stable {
        return None;
    }
    let idx = KeyIndex::embedded();
    let mask = if declared { idx.mask_declared(key) } else { idx.mask(key) };
    (first..releases().len())
        .find(|&i| mask.contains(i) && releases()[i].channel() == Channel::Stable)
        .map(|i| &releases()[i])
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for c in cx.classified() {
        let Class::RequiresNewer { first } = c.class else { continue };
        let Some(full) = &c.key_path else { continue };
        let first_v = &releases()[first];
        let stable = first_stable(first, full, c.issue.closed_map.is_some());
        let message = format!(
            "`{}` requires OpenClaw ≥ {first_v}{}; you target {} (docs.openclaw.ai describes main, not your release)",
            full.dotted(),
            stable.map(|s| format!(" (a beta; the first stable release with it is {s})")).unwrap_or_default(),
            cx.target.version
        );
        // Upgrade advice names a stable release where there is one.
        let upgrade_to = stable.unwrap_or(first_v);
        let mut d = cx.issue_diagnostic(&RULE, c, message).with_label(format!("needs ≥ {first_v}"));
        // The older form of the same setting, when this key replaced one.
        let older = migrations().key.iter().find(|m| !m.to.is_empty() && path_matches(&m.to, full));
        d = match older {
            Some(m) => d.with_help(format!(
                "{} uses `{}` for this; or upgrade OpenClaw to {upgrade_to} or later",
                cx.target.version, m.from
            )),
            None => d.with_help(format!("upgrade OpenClaw to {upgrade_to} or later, or remove the key")),
        };
        out.push(d);
    }
}
