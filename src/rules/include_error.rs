//! `include-error`: an `$include` OpenClaw cannot resolve.

use crate::config::include::IncludeErrorKind;
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};

pub static RULE: Rule = Rule {
    name: "include-error",
    category: Category::Syntax,
    severity: Severity::Error,
    fix: FixAvailability::None,
    needs: &[],
    references: &[
        Reference::Issue(70087),
        Reference::Issue(66048),
        Reference::Issue(14179),
        Reference::Issue(6711),
        Reference::File("tests/fixtures/recorded/includes"),
    ],
    summary: "An `$include` is missing, escapes the config directory, forms a cycle, nests too deep, is too big or is malformed.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Resolves every `$include` the way OpenClaw does and reports each one it cannot use, with its own
message:

- **missing**: the file does not exist, or is a dangling symlink (paths are relative to the
  *including* file);
- **escapes the root**: the path leaves the directory of `openclaw.json` and every
  `OPENCLAW_INCLUDE_ROOTS` entry, directly or through a symlink;
- **cycle**: a file includes itself, directly or through others;
- **too deep**: more than 10 nested levels of includes;
- **too big**: an included file over 2 MiB (2,097,152 bytes);
- **security checks**: not a regular file (a directory, `""`), or a file with several hard links;
- **unusable path**: a NUL byte, or 4096 characters or more;
- **parse failed**: the included file has a syntax error (reported in that file too);
- **invalid value**: `$include` is not a string or an array of strings;
- **siblings need an object**: keys next to `$include` whose content is not an object;
- **unreadable**: the path is a directory or cannot be read.

Messages start with OpenClaw 2026.9.6's own text, verbatim, so they can be searched for.

## Why it matters
OpenClaw treats every one of these as an invalid config (`config validate` fails with
`Include path escapes config directory: …` or `Failed to read include file: …`) and the gateway
refuses to start. Split configs break when files are moved between machines, when a dotfiles
manager puts the include behind a symlink outside the config directory, or when two files include
each other.

## Example
```json5
// ~/.openclaw/openclaw.json
{
  agents: { $include: "./agents.json5" },        // missing: no such file
  models: { $include: "../shared/models.json5" },  // escapes ~/.openclaw
}
```

## Fix safety
No automatic fix: which file was meant, or whether to widen `OPENCLAW_INCLUDE_ROOTS`, is the
operator's decision.

## References
- OpenClaw docs `gateway/config-secrets-env.md` "Config includes"; OpenClaw `src/config/includes.ts`.
- Behaviour and messages recorded from OpenClaw 2026.9.6 `config validate --json` on 62 cases:
  `tests/fixtures/recorded/includes/`.
- Config writers flattening `$include` layouts: #70087, #66048, PR #14179.
- A wrapper that includes itself: `Circular include detected` (multica PR #6711).
"#;

fn help(kind: IncludeErrorKind) -> &'static str {
    match kind {
        IncludeErrorKind::InvalidValue => {
            "write `$include: \"./file.json5\"` or `$include: [\"./a.json5\", \"./b.json5\"]`"
        }
        IncludeErrorKind::InvalidPath => "include paths must be shorter than 4096 characters and contain no NUL byte",
        IncludeErrorKind::Missing => "include paths are relative to the file that contains the `$include`",
        IncludeErrorKind::SymlinkEscapes => {
            "the path is a symlink to a file outside the config directory; OpenClaw follows links before checking. Add the target's directory to OPENCLAW_INCLUDE_ROOTS or copy the file in"
        }
        IncludeErrorKind::NotAFile => "`$include` must name a file, not a directory",
        IncludeErrorKind::Hardlinked => {
            "OpenClaw refuses hard-linked include files; copy the file or use a symlink inside the config directory"
        }
        IncludeErrorKind::ParseFailed => "the syntax error is reported in the included file",
        IncludeErrorKind::Unreadable => "check the path names a readable file",
        IncludeErrorKind::Escapes => {
            "move the file under the config directory, or add its directory to OPENCLAW_INCLUDE_ROOTS (absolute paths, separated like PATH)"
        }
        IncludeErrorKind::Cycle => "remove one of the includes that closes the loop",
        IncludeErrorKind::TooDeep => "OpenClaw follows at most 10 levels of nested includes; flatten the chain",
        IncludeErrorKind::TooLarge => "OpenClaw reads at most 2 MB from one included file; split it",
        IncludeErrorKind::SiblingsNeedObject => {
            "keys next to `$include` are merged over the included object; include an object, or move the keys"
        }
    }
}

fn label(kind: IncludeErrorKind) -> &'static str {
    match kind {
        IncludeErrorKind::InvalidValue => "not a string or an array of strings",
        IncludeErrorKind::InvalidPath => "unusable path",
        IncludeErrorKind::Missing => "no such file",
        IncludeErrorKind::SymlinkEscapes => "symlink leads outside the allowed include roots",
        IncludeErrorKind::NotAFile => "not a regular file",
        IncludeErrorKind::Hardlinked => "hard-linked file",
        IncludeErrorKind::ParseFailed => "included file does not parse",
        IncludeErrorKind::Unreadable => "cannot be read",
        IncludeErrorKind::Escapes => "outside the allowed include roots",
        IncludeErrorKind::Cycle => "closes an include cycle",
        IncludeErrorKind::TooDeep => "one level too deep",
        IncludeErrorKind::TooLarge => "file too large",
        IncludeErrorKind::SiblingsNeedObject => "included content is not an object",
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for e in &cx.config.include_errors {
        out.push(
            Diagnostic::new(RULE.name, RULE.severity, e.file, e.span, e.path.clone(), e.message.clone())
                .with_label(label(e.kind))
                .with_help(help(e.kind)),
        );
    }
}
