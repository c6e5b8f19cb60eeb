//! `key-migrated-on-load`: a legacy key the target release still accepts only because it
//! rewrites it in memory every time it loads the config.

use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};

pub static RULE: Rule = Rule {
    name: "key-migrated-on-load",
    category: Category::Versions,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    needs: &[],
    references: &[Reference::Issue(124665), Reference::File("rules/validation.toml")],
    summary: "A legacy key the target release rewrites in memory on every load (`agents.list`, per-agent or per-provider context budgets): it works, with a warning, until the shim goes.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Reports keys that the target release accepts only through a load-time migration: it rewrites
them in memory before validating (from 2026.8.1 `openclaw config validate` prints a warning for
each; 2026.4.x rewrites silently, and only `openclaw doctor` names the change).
- 2026.4.7 to 2026.4.27: `gateway.bind` addresses (`0.0.0.0`, `localhost`, …) become `lan` or
  `loopback`; a string or boolean `streaming` and the flat streaming keys of telegram, slack and
  discord move under `streaming`; channel `allow` becomes `enabled`; `threadBindings.ttlHours`
  becomes `idleHours`; `audio.transcription` becomes a `tools.media.audio.models` entry.
- From 2026.7.2-beta.5: a legacy `agents.list` becomes keyed `agents.entries` (from 2026.8.1-beta.3
  a single `default: true` marker among several agents is retired in favour of explicit
  ownership).
- From 2026.8.1-beta.3: `agents.defaults.contextTokens` and each agent's `contextTokens` are
  dropped; a provider's `contextWindow`/`contextTokens` is copied into each of its model rows
  that lacks one, or dropped when the provider has no model rows.

Which releases run which migration is data (`[[load_migration]]` in `rules/validation.toml`),
and the validation that follows sees the migrated config, exactly like OpenClaw: errors inside
`agents.list[1]` are reported at `agents.entries.<id>`, where OpenClaw reports them.

## Why it matters
A load-time shim is a grace period, not a promise: OpenClaw keeps a migration for a few
releases, then the key fails validation and the gateway does not start. A dropped context
budget silently stops limiting anything today.

## Example
With `--target 2026.9.6`:
```json5
{ agents: { defaults: { contextTokens: 64000 }, list: [{ id: "main" }] } }
```
`agents.defaults.contextTokens`: dropped on load, use
`models.providers.<provider>.models[].contextTokens`; `agents.list`: moved to keyed
`agents.entries` on load.

## Fix safety
No automatic fix: the new layout reshapes the value (a list becomes a map keyed by id; a budget
moves into each model row). The message names the new home; `openclaw doctor --fix` performs
the migration (rewriting the file as plain JSON), or edit by hand.

## References
- #124665: 2026.8.1 consolidated the context budget to one per-model knob and migrates the old
  keys when it reads the config (`migrateLegacyContextBudgetConfig`).
- `rules/validation.toml` `[[load_migration]]`, with the release files that implement them
  (2026.8.1 `migratePersistedImplicitMainRoster`, `migrateLegacyContextBudgetConfig`; 2026.4.21
  `applyRuntimeLegacyConfigMigrations`).
- Recorded `config validate` verdicts: validate-corpus 226, 242, 246, 317, 318.
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for n in &cx.validation().notes {
        let message =
            format!("`{}` {} when {} loads the config", n.note.path.dotted(), n.note.message, cx.target_name());
        let d = Diagnostic::new(RULE.name, RULE.severity, n.file, n.span, n.note.path.clone(), message)
            .with_label(format!("rewritten in memory by {}", cx.target.version))
            .with_help(match &n.note.moved_to {
                Some(to) => {
                    format!("move it to `{to}` by hand, or run `openclaw doctor --fix` (which rewrites the whole file)")
                }
                None => "remove it, or run `openclaw doctor --fix` (which rewrites the whole file)".to_owned(),
            });
        out.push(d);
    }
}
