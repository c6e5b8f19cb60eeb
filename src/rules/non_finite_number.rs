//! `non-finite-number`: `Infinity`, `-Infinity` or `NaN` as a value.

use super::{Category, Context, FixAvailability, Rule};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{KeyPath, Kind};

pub static RULE: Rule = Rule {
    name: "non-finite-number",
    category: Category::Syntax,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    summary: "`Infinity`, `-Infinity` or `NaN`: valid JSON5, but not a JSON number; OpenClaw's own writes turn it into `null`.",
    docs: DOCS,
    check,
};

const DOCS: &str = r#"## What it does
Reports `Infinity`, `+Infinity`, `-Infinity` and `NaN` (any sign) used as values anywhere in the
config or its includes.

## Why it matters
JSON5 accepts these literals, so OpenClaw parses them, but JSON has no way to write them: every
time OpenClaw writes the config back (`openclaw config set`, `doctor --fix`, the wizard), it
serialises with `JSON.stringify`, which turns each of them into `null`. A value that meant
"unlimited" silently becomes "unset" (or an invalid `null`) after an unrelated edit. Numeric
settings are also validated as finite numbers, so the gateway may reject them outright. Tools
that read the file as JSON (`jq`, dashboards, CI checks) fail on it.

## Example
```json5
{ agents: { defaults: { models: { "openai/gpt-5.4": { params: { maxRetries: Infinity } } } } } }
```
Use a large finite number, or remove the key to get OpenClaw's default.

## Fix safety
No automatic fix: the finite value that means "unlimited" differs per setting.

## References
- OpenClaw writes configs with `JSON.stringify(cfg, null, 2)`; facts §1.7.
- Comment and format loss on OpenClaw's write-back: #105683.
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
                    format!("`{raw}` is not a JSON number: OpenClaw's next write of this config turns it into `null`"),
                )
                .with_label("not representable in JSON")
                .with_help("use a finite number, or remove the key to get OpenClaw's default"),
            );
        });
    }
}
