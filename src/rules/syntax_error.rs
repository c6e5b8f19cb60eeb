//! `syntax-error`: the file is not JSON5 that OpenClaw can read.

use crate::document::{KeyPath, ParseFailure, Span};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};

pub static RULE: Rule = Rule {
    name: "syntax-error",
    category: Category::Syntax,
    severity: Severity::Error,
    fix: FixAvailability::None,
    needs: &[],
    references: &[Reference::Issue(105683), Reference::Issue(107604)],
    summary: "The file is not JSON5 that OpenClaw's parser accepts; the gateway will not start.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Parses `openclaw.json` and every `$include`d file with exactly the grammar OpenClaw uses
(`JSON.parse`, then the `json5` 2.2.3 package) and reports the first place it fails, at the
line and column OpenClaw itself reports, with what the grammar expected there. Lines count `\n`
only and columns count UTF-16 code units, as OpenClaw's messages do.

JSON5 allows comments, trailing commas, unquoted keys, single quotes, hex numbers, `.5`/`5.`,
`+1`, `Infinity`/`NaN` and a BOM. It does not allow a missing comma, a key like `a-b` or `1a`
without quotes, a raw line break inside a string, `01`, or two top-level values.

## Why it matters
An unparseable config stops the gateway cold: `config validate` prints
`JSON5 parse failed: SyntaxError: JSON5: invalid character 'a' at 4:3` and the gateway refuses to
start. Other parsers (editors' JSONC modes, `jq`, the docs' examples) accept things json5 does
not, so a file that "looks fine" in an editor can still be rejected.

## Example
```json5
{
  gateway: { mode: "local" }   // <- missing comma
  // comment
  agents: {},
}
```
`invalid character 'a' at 4:3`: expected `,` or `}` after the property value. Add the comma after
`}` on line 2.

## Fix safety
No automatic fix: where the comma or quote belongs is a guess, and a wrong guess changes the
meaning. The message says what was expected at the exact position.

## References
- OpenClaw's parse path: `parseJsonWithJson5Fallback` (json5 2.2.3), 2026.9.6 dist.
- Missing comma reported at the next token: the `syntax-error` baseline in the research notes
  (`JSON5: invalid character 'a' at 4:3`).
- Comment and JSON5 handling when OpenClaw writes configs back: #105683, PR #107604.
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for doc in &cx.config.files {
        let Err(failure) = &doc.root else { continue };
        let offset = failure.offset();
        let width = doc.text[offset.min(doc.text.len())..].chars().next().map_or(0, char::len_utf8);
        let span = Span::new(offset, offset + width);
        let d = match failure {
            ParseFailure::Syntax(e) => {
                let what = e.message.rsplit_once(" at ").map_or(e.message.as_str(), |(w, _)| w);
                let path = cx.config.openclaw_path(doc.id, &e.path);
                let label = if span.is_empty() { "the file ends here" } else { "unexpected here" };
                let d = Diagnostic::new(
                    RULE.name,
                    RULE.severity,
                    doc.id,
                    span,
                    path,
                    format!("{what}: expected {}", e.expected),
                )
                .with_label(label);
                if e.is_limit {
                    d.with_help("OpenClaw's parser has no nesting limit, but no real config nests this deep; clawlint stops reading here")
                } else {
                    d.with_help(format!(
                        "OpenClaw rejects this file (`JSON5 parse failed: SyntaxError: {}`) and the gateway will not start",
                        e.openclaw_message()
                    ))
                }
            }
            ParseFailure::Unsupported { message, .. } => {
                Diagnostic::new(RULE.name, RULE.severity, doc.id, span, KeyPath::root(), message.clone())
                    .with_label("clawlint stops here")
            }
        };
        out.push(d);
    }
}
