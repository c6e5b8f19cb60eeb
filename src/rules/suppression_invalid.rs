//! `suppression-invalid`: a `clawlint-ignore` comment without a reason or with an unknown rule.

use crate::document::KeyPath;
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};

pub static RULE: Rule = Rule {
    name: "suppression-invalid",
    category: Category::Suppression,
    severity: Severity::Error,
    fix: FixAvailability::None,
    needs: &[],
    references: &[Reference::Issue(76358), Reference::Issue(79880)],
    summary: "A clawlint-ignore comment lacks a reason, names no rule or an unknown one: it silences nothing.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Checks every `clawlint-ignore` and `clawlint-ignore-file` comment: it must name at least one
rule clawlint knows, and give a reason after a colon
(`// clawlint-ignore gateway-exposed: reached only through the VPN`). A comment that fails
this silences nothing, so the findings it meant to hide still show, and it is reported here.

## Why it matters
A suppression is a decision someone made about this config; the reason is what lets the next
reader (or the same operator after an upgrade) check that it still holds. Silencing without a
reason is how warnings become noise (#76358), and a misspelt rule name would otherwise silence
nothing without anyone noticing.

## Example
```json5
{
  // clawlint-ignore gateway-exposed
  gateway: { bind: "lan", auth: { mode: "none" } },
  // clawlint-ignore gateway-exposd: typo
  channels: {},
}
```

## Fix safety
No automatic fix: write the reason, or correct the rule name (`clawlint rules` lists them).

## References
- #76358 (unexplained, repeated warnings lead to warning blindness), #79880.
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for s in cx.suppressions() {
        let mut report = |span, message: String, help: String| {
            out.push(
                Diagnostic::new(RULE.name, RULE.severity, s.file, span, KeyPath::root(), message)
                    .with_label("suppresses nothing")
                    .with_help(help),
            );
        };
        if s.rules.is_empty() {
            report(
                s.span,
                "this clawlint-ignore comment names no rule".into(),
                "write `clawlint-ignore RULE: reason`".into(),
            );
            continue;
        }
        for n in &s.rules {
            if cx.registry().find(&n.rule).is_none() {
                let help = match cx.registry().closest(&n.rule) {
                    Some(c) => format!("did you mean `{c}`?"),
                    None => "`clawlint rules` lists the rule names".to_owned(),
                };
                report(n.span, format!("`{}` is not a clawlint rule", n.rule), help);
            }
        }
        if s.reason.is_none() {
            report(
                s.span,
                "this clawlint-ignore comment gives no reason, so it does not apply".into(),
                "add the reason after a colon: `clawlint-ignore RULE: why this is fine here`".into(),
            );
        }
    }
}
