//! `value-changed`: a value the target rejects that another release accepts, or that OpenClaw
//! renamed.

use crate::edit::{Applicability, Fix, FixOp};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use crate::facts::releases;
use crate::facts::schema::explain;
use crate::validate::classify::Class;

pub static RULE: Rule = Rule {
    name: "value-changed",
    category: Category::Versions,
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    needs: &[],
    references: &[Reference::Issue(105683), Reference::File("rules/migrations.toml")],
    summary: "A value whose accepted shape or spelling changed between releases (`api: \"openai\"`, `streaming` string ↔ object): the target rejects it.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Reports a value the target release rejects when another imported release accepts it at the
same place (a setting changed shape, e.g. `channels.*.streaming` from a string to an object), or
when OpenClaw renamed the value (`rules/migrations.toml`: `api: "openai"` →
`"openai-completions"`, `"openai-codex-responses"` → `"openai-chatgpt-responses"`). It names the
release that accepts the value and what the target expects.

## Why it matters
After an upgrade or a downgrade, a value that validated before now fails and the gateway does
not start. OpenClaw's own migration of such values happens only inside `doctor --fix`, which
rewrites the whole file (#105683).

## Example
```json5
{ models: { providers: { local: { api: "openai", baseUrl: "http://127.0.0.1:8000/v1", models: [] } } } }
```
`api: "openai"` is no longer accepted; use `"openai-completions"`.

## Fix safety
A **safe** fix replaces a renamed value with its new spelling (1:1, same meaning). Shape
changes have no automatic fix.

## References
- `rules/migrations.toml` (OpenClaw 2026.9.6 doctor migrations, each with its source).
- Schemas of every imported release; #105683.
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for c in cx.classified() {
        let Class::ValueChanged { accepted_by, migration } = &c.class else { continue };
        let v = &c.issue.violation;
        let mut message = format!("`{}`: {}", v.path.dotted(), explain(v));
        if let Some(i) = accepted_by {
            message.push_str(&format!("; OpenClaw {} accepts this value", releases()[*i]));
        }
        let mut d = cx.issue_diagnostic(&RULE, c, message).with_label(format!("rejected by {}", cx.target.version));
        if let Some(m) = migration {
            d = d.with_help(format!("OpenClaw renamed {} to {}", m.from, m.to)).with_fix(Fix {
                title: format!("replace {} with {}", m.from, m.to),
                applicability: Applicability::Safe,
                ops: vec![FixOp::ReplaceValue { file: c.issue.file, value: c.issue.span, new: m.to.clone() }],
                effects: Vec::new(),
            });
        } else {
            d = d.with_help(format!(
                "write it the way {} expects (`clawlint schema --target {}`)",
                cx.target.version, cx.target.version
            ));
        }
        out.push(d);
    }
}
