//! `unused-suppression`: a `clawlint-ignore` comment that silenced nothing.

use crate::document::KeyPath;
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::suppress::Scope;
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};

pub static RULE: Rule = Rule {
    name: "unused-suppression",
    category: Category::Suppression,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    needs: &[],
    references: &[Reference::Issue(76358), Reference::Issue(79880)],
    summary: "A clawlint-ignore comment names a rule that found nothing there: remove it.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Reports each rule named in a valid `// clawlint-ignore RULE: reason` (or `clawlint-ignore-file`)
comment that silenced no finding in this run. Only rules that ran are judged: with
`--select syntax-error`, a suppression of `gateway-exposed` is neither used nor unused.

## Why it matters
A suppression outlives the reason it was written for. Once the config changes (the key is
gone, the gateway moved back to loopback, the release stopped rejecting a value) the comment
keeps silencing the rule on that line, and the next real finding there goes unseen: warnings
that cannot be told apart from noise get ignored wholesale (#76358), and blanket off-switches
hide the very problems they were added around (#79880). Reporting unused suppressions keeps
each one tied to a finding that still exists.

## Example
```json5
{
  // clawlint-ignore gateway-exposed: reached only through the VPN
  gateway: { bind: "loopback" }, // loopback now: nothing to silence
}
```

## Fix safety
No automatic fix: delete the comment, or the rule's name from it.

## References
- #76358 (warnings re-emitted on every run, leading to warning blindness), #79880 (environment
  switches to silence doctor's false positives).
- ruff `RUF100` and cargo-deny `advisory-not-detected`: the same accountability for suppressions.
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for s in cx.suppressions().iter().filter(|s| s.valid()) {
        for n in s.rules.iter().filter(|n| n.used == 0) {
            let Some(rule) = cx.registry().find(&n.rule) else { continue };
            if !cx.ran(rule) {
                continue;
            }
            let place = match s.scope {
                Scope::Line { line, .. } => format!("line {line}"),
                Scope::File => "this file".to_owned(),
            };
            out.push(
                Diagnostic::new(
                    RULE.name,
                    RULE.severity,
                    s.file,
                    n.span,
                    KeyPath::root(),
                    format!("`{}` found nothing on {place} to suppress", n.rule),
                )
                .with_label("unused")
                .with_help("remove it (or this rule's name from it); the reason it was added no longer applies"),
            );
        }
    }
}
