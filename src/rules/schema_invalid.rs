//! `schema-invalid`: a value the target release's schema rejects.

use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use crate::facts::schema::{ViolationKind, explain};
use crate::validate::classify::Class;

pub static RULE: Rule = Rule {
    name: "schema-invalid",
    category: Category::Schema,
    severity: Severity::Error,
    fix: FixAvailability::None,
    needs: &[],
    references: &[Reference::Issue(120638), Reference::Issue(48920), Reference::File("tests/fixtures/validate-corpus")],
    summary: "A value the target release's config schema rejects (type, allowed values, required keys, patterns, ranges): the gateway will not start.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Validates the config (after `$include`s are merged) against the JSON Schema of the release you
target (`--target`, default: the installed `openclaw`), as `openclaw config validate` does, and
reports each value it rejects: wrong types, values outside an allowed set (naming the allowed
values, as OpenClaw does), missing required keys, pattern and range violations, and values that
fit none of a setting's accepted shapes (naming the closest shape and what it lacks).

The caret sits on the offending value; for a missing key, on the object's key. Channel and
plugin configs are checked by OpenClaw only once the core config is valid; clawlint reports
them at once and says so.

Keys the schema does not know are `key-unknown`, `key-requires-newer` or `key-removed`; values
another release accepts are `value-changed`.

## Why it matters
OpenClaw refuses to start on an invalid config (`Invalid config at ~/.openclaw/openclaw.json`),
and `openclaw doctor` often cannot repair what it does not recognise (#120638, #48920).

## Example
```json5
{ gateway: { mode: "remotex", port: "18789" } }
```
`gateway.mode` is not an allowed value (allowed: "local" or "remote"); `gateway.port` expected an
integer, found a string.

## Fix safety
No automatic fix: the right value is the operator's call.

## References
- Schemas: `openclaw config schema` of each imported release (`clawlint schema --target V`).
- Checked against `openclaw config validate --json` of every imported release on
  tests/fixtures/validate-corpus (recorded verdicts and paths).
- #120638, #48920 (docs describe `main`, not the release you run).
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for c in cx.classified() {
        if !matches!(c.class, Class::Invalid) {
            continue;
        }
        let v = &c.issue.violation;
        let what = explain(v);
        let message = match &v.kind {
            ViolationKind::Missing(k) => {
                format!("`{}` is missing `{k}`, which {} requires", v.path.dotted(), cx.target_name())
            }
            _ => format!("`{}`: {what}", v.path.dotted()),
        };
        let label = match &v.kind {
            ViolationKind::Missing(k) => format!("needs `{k}`"),
            ViolationKind::NotAllowed { .. } => "not an allowed value".into(),
            ViolationKind::Type { expected, .. } => format!("expected {}", expected.join(" or ")),
            ViolationKind::NoShape { .. } => "no accepted shape".into(),
            _ => "rejected here".into(),
        };
        out.push(cx.issue_diagnostic(&RULE, c, message).with_label(label));
    }
}
