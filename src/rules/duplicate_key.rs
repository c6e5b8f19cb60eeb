//! `duplicate-key`: a key appears twice in one object; OpenClaw silently keeps the last.

use crate::document::{KeyPath, Member};
use crate::edit::{Fix, FixOp};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use std::collections::HashMap;

pub static RULE: Rule = Rule {
    name: "duplicate-key",
    category: Category::Syntax,
    severity: Severity::Warning,
    fix: FixAvailability::Always,
    needs: &[],
    references: &[Reference::Issue(69631), Reference::Issue(105683)],
    summary: "A key appears more than once in an object; OpenClaw silently uses the last one.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Finds keys that appear more than once in the same object, in the config and in every
`$include`d file. The earlier occurrence is flagged and the one that takes effect is labelled.

## Why it matters
OpenClaw parses with json5, which keeps the **last** value of a duplicated key and says nothing
(verified on 2026.9.6: `{gateway: {mode: "remote", mode: "local"}}` runs as `local`). The earlier
value looks active to whoever reads the file but is dead: an edit to it does nothing. Long
configs grow duplicates when sections are pasted from the docs or from another machine.
`openclaw doctor` does not report them, and its `--fix` drops the earlier value silently when it
rewrites the file.

## Example
```json5
{
  gateway: {
    mode: "remote",   // ignored
    port: 18789,
    mode: "local",    // this one wins
  },
}
```

## Fix safety
Safe: the fix removes the earlier occurrence (with its trailing comment), which is exactly what
OpenClaw already ignores, so the running configuration does not change. If the earlier value was
the one you meant, move it into the later place by hand instead.

## References
- Duplicate keys accepted silently, last one wins: verified with OpenClaw 2026.9.6 (json5 2.2.3 keeps the last).
- `doctor --fix` rewriting the file and dropping data: #69631, #105683.
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for doc in &cx.config.files {
        let Some(tree) = doc.tree() else { continue };
        tree.walk(&mut KeyPath::root(), &mut |path, node, _| {
            let Some(members) = node.as_object() else { return };
            if members.len() < 2 {
                return;
            }
            // The last member with each key is the one OpenClaw keeps.
            let mut last: HashMap<&str, usize> = HashMap::with_capacity(members.len());
            for (i, m) in members.iter().enumerate() {
                last.insert(m.key.as_str(), i);
            }
            if last.len() == members.len() {
                return;
            }
            for (i, m) in members.iter().enumerate() {
                let winner = last[m.key.as_str()];
                if winner != i {
                    out.push(finding(cx, doc.id, path, m, &members[winner]));
                }
            }
        });
    }
}

fn finding(
    cx: &Context<'_>,
    file: crate::document::FileId,
    parent: &KeyPath,
    dup: &Member,
    winner: &Member,
) -> Diagnostic {
    let doc = cx.config.file(file);
    let (line, _) = doc.line_col(winner.key_span.start);
    Diagnostic::new(
        RULE.name,
        RULE.severity,
        file,
        dup.key_span,
        cx.config.openclaw_path(file, &parent.child_key(&dup.key)),
        format!("duplicate key `{}`: OpenClaw ignores this value and uses the one on line {line}", dup.key),
    )
    .with_label("ignored")
    .with_secondary(file, winner.key_span, "this one takes effect")
    .with_help("remove the earlier occurrence, or move its value into the later one if that is what you meant")
    .with_fix(Fix::safe(
        format!("Remove the ignored earlier `{}`", dup.key),
        vec![FixOp::RemoveProperty { file, member: dup.span() }],
    ))
}
