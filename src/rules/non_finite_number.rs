//! `non-finite-number`: `Infinity`, `-Infinity` or `NaN` as a value.

use crate::document::{KeyPath, Kind};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};

pub static RULE: Rule = Rule {
    name: "non-finite-number",
    category: Category::Syntax,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    needs: &[],
    references: &[Reference::Issue(105683), Reference::File("tests/fixtures/recorded/nonfinite")],
    summary: "`Infinity`, `-Infinity` or `NaN`: numeric settings reject it, and OpenClaw refuses to write a config that holds one.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Reports `Infinity`, `+Infinity`, `-Infinity` and `NaN` (any sign) used as values anywhere in the
config or its includes.

## Why it matters
JSON5 accepts these literals, so OpenClaw parses them, but then (recorded with 2026.9.6):

- in a typed numeric setting the config is invalid and the gateway will not start:
  `gateway.port: Invalid input: expected number, received Infinity`;
- in a free-form place (model `params`, plugin config) the config validates, but **every
  OpenClaw write fails**: `openclaw config set gateway.mode local` exits 1 with
  `Value must be a finite number, got Infinity`, so the wizard, `config set` and `doctor --fix`
  can no longer change anything in the file; and `config get --json` shows the value as `null`.

Tools that read the file as JSON (`jq`, dashboards, CI checks) fail on it too.

## Example
```json5
{ agents: { defaults: { models: { "openai/gpt-5.4": { params: { maxRetries: Infinity } } } } } }
```
Use a large finite number, or remove the key to get OpenClaw's default.

## Fix safety
No automatic fix: the finite value that means "unlimited" differs per setting.

## References
- Recorded from OpenClaw 2026.9.6: `tests/fixtures/recorded/nonfinite/` (`config validate`,
  `config set`, `config get` on typed and free-form values).
- OpenClaw writes configs with `JSON.stringify` (2026.9.6 `config set`, `doctor --fix`); comment loss on write-back: #105683.
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for doc in &cx.config.files {
        let Some(tree) = doc.tree() else { continue };
        tree.walk(&mut KeyPath::root(), &mut |path, node, _| {
            let Kind::Number(n) = node.kind else { return };
            if n.is_finite() {
                return;
            }
            let raw = &doc.text[node.span.start..node.span.end];
            out.push(
                Diagnostic::new(
                    RULE.name,
                    RULE.severity,
                    doc.id,
                    node.span,
                    cx.config.openclaw_path(doc.id, path),
                    format!(
                        "`{raw}` is not a finite number: numeric settings reject it, and OpenClaw refuses to write this config while it is here"
                    ),
                )
                .with_label("not a finite number")
                .with_help("use a finite number, or remove the key to get OpenClaw's default"),
            );
        });
    }
}
