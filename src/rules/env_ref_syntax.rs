//! `env-ref-syntax`: `${…}` forms OpenClaw leaves in the string literally.

use crate::config::env::{self, EnvToken, LiteralProblem};
use crate::document::{KeyPath, Kind, Segment};
use crate::edit::{Applicability, Fix, FixOp};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};

pub static RULE: Rule = Rule {
    name: "env-ref-syntax",
    category: Category::Syntax,
    severity: Severity::Warning,
    fix: FixAvailability::Sometimes,
    needs: &[],
    references: &[Reference::Issue(149551), Reference::Issue(56190), Reference::Issue(1044), Reference::Issue(139105)],
    summary: "A `${…}` that OpenClaw does not substitute (`${var}`, `${VAR:-default}`, `${ VAR }`, in a key…) or another tool's variable syntax (`{env:VAR}`, `env:VAR`, `$VAR` outside a SecretInput field) reaches the gateway as literal text.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
Scans every string value of the merged config (includes resolved) for `${…}` and reports the
forms OpenClaw does not substitute:

- shell defaults: `${VAR:-default}`, `${VAR-default}`, `${VAR:=x}`;
- lower-case or mixed-case names: `${openai_key}`;
- blanks inside the braces: `${ VAR }`;
- other names outside `[A-Z_][A-Z0-9_]*`: `${1VAR}`, `${VAR.NAME}`, `${}`;
- an unterminated `${VAR`;
- `${VAR}` inside an object **key** (keys are never substituted);
- a whole value in another tool's syntax: `{env:VAR}` and `env:VAR` (opencode), `${env:VAR}`
  (VS Code), `$env:VAR` (PowerShell), `%VAR%` (cmd), and `$VAR` in an env map, a header or a
  plain credential field — or on a SecretInput field (`apiKey`, `token`, …) of a release that
  does not read `$VAR` as a SecretRef (2026.5.12 and older; from 2026.5.28 it does, `rules/secrets.toml`
  `[env_shorthand]`).

`$${VAR}` is OpenClaw's escape for a literal `${VAR}` and is not reported.

## Why it matters
OpenClaw substitutes only `${NAME}` with NAME matching `[A-Z_][A-Z0-9_]*`, and only in string
values. Every other form passes through **literally and without a warning**: the provider gets
the API key `${OPENAI_KEY:-sk-…}`, a timeout becomes the string `${TIMEOUT:-60}` (#149551 found
133 such references in one project), and the failure surfaces far from the config.

## Example
```json5
{
  models: { providers: { lan: {
    baseUrl: "${LAN_URL:-http://127.0.0.1:4000}/v1",  // not substituted
    apiKey: "${lan_key}",                            // not substituted: lower case
  } } },
}
```
Write `${LAN_URL}` and `${LAN_KEY}` and set the variables in the environment, `env.vars` or
`~/.openclaw/.env`.

## Fix safety
Unsafe, and only offered where the meant name is clear: `${ VAR }` → `${VAR}`,
`${VAR:-default}` → `${VAR}` (the default is dropped: OpenClaw has no default syntax),
`${lan_key}` → `${LAN_KEY}`, and `{env:VAR}`, `env:VAR`, `$VAR`, `%VAR%` → `${VAR}`. The fix changes what the gateway receives: the reference starts
being substituted, so the variable must be set — an unset one leaves `${VAR}` in place with a
"Missing env var" warning, and on an `apiKey` it makes secret resolution fail (OpenClaw
`src/config/env-substitution.ts`). Names are case-sensitive, so `${LAN_KEY}` may be a different variable from the one you
set. Apply with `--unsafe-fixes` after reading the diff. `${}`, other bad names, unterminated
references and keys get no fix.

## References
- `${VAR:-default}` passed through literally: #149551 (PR #56190 adding `:-` was closed).
- Substitution rules (`[A-Z_][A-Z0-9_]*`, `$${VAR}` escape, values only): PR #1044; OpenClaw `src/config/env-substitution.ts`.
- Unresolved placeholders sent to providers: #139105.
- `$NAME` SecretRef shorthand: OpenClaw `src/config/types.secrets.ts` (`ENV_SECRET_SHORTHAND_RE` from 2026.5.28; absent up to 2026.5.12).
"#;

fn describe(text: &str, problem: LiteralProblem) -> (String, String) {
    let inner = text.trim_start_matches("${").trim_end_matches('}');
    let head: String = inner.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    match problem {
        LiteralProblem::ShellDefault => (
            format!(
                "`{text}` is not substituted: OpenClaw has no default-value syntax, so the gateway gets this text literally"
            ),
            format!("write `${{{head}}}` and set {head} in the environment, `env.vars` or ~/.openclaw/.env"),
        ),
        LiteralProblem::LowerCase => (
            format!("`{text}` is not substituted: OpenClaw only substitutes upper-case names ([A-Z_][A-Z0-9_]*)"),
            format!("did you mean `${{{}}}`? (variable names are case-sensitive)", inner.to_ascii_uppercase()),
        ),
        LiteralProblem::Whitespace => (
            format!("`{text}` is not substituted: blanks inside the braces make it literal text"),
            format!("write `${{{}}}`", inner.trim()),
        ),
        LiteralProblem::Empty => {
            ("`${}` names no variable and stays literal".to_string(), "remove it or name a variable".to_string())
        }
        LiteralProblem::BadName => (
            format!("`{text}` is not substituted: `{inner}` is not a name OpenClaw accepts ([A-Z_][A-Z0-9_]*)"),
            "use a name of upper-case letters, digits and `_`, not starting with a digit".to_string(),
        ),
        LiteralProblem::Unterminated => {
            (format!("`{text}` has no closing `}}` and stays literal"), "close the reference with `}`".to_string())
        }
        LiteralProblem::ForeignSyntax => foreign_words(text, env::foreign_name(inner).unwrap_or(inner)),
    }
}

/// The variable a malformed reference clearly means, if any.
fn meant_name(text: &str, problem: LiteralProblem) -> Option<String> {
    let inner = text.strip_prefix("${")?.strip_suffix('}')?;
    let name = match problem {
        LiteralProblem::Whitespace => inner.trim().to_owned(),
        LiteralProblem::ForeignSyntax => env::foreign_name(inner)?.to_owned(),
        LiteralProblem::LowerCase => inner.to_ascii_uppercase(),
        LiteralProblem::ShellDefault => {
            inner.split_once([':', '-']).map(|(head, _)| head.to_owned()).unwrap_or_default()
        }
        _ => return None,
    };
    env::is_valid_name(&name).then_some(name)
}

/// Message and help for a variable written in another tool's syntax.
fn foreign_words(text: &str, name: &str) -> (String, String) {
    let whose = if text.starts_with('$') && !text.starts_with("$env:") && !text.starts_with("${") {
        "shell syntax"
    } else {
        "another tool's variable syntax"
    };
    (
        format!(
            "`{text}` is {whose}: OpenClaw substitutes only `${{NAME}}` here, so the gateway gets the text `{text}` itself"
        ),
        format!("write `${{{name}}}` and set {name} in the environment, `env.vars` or ~/.openclaw/.env"),
    )
}

/// Is a whole-value `$NAME` passed on literally here? Only `${NAME}` is substituted; on a
/// SecretInput field the release may read `$NAME` as an env SecretRef (`[env_shorthand]` in
/// `rules/secrets.toml`). Judged only where a variable is clearly meant: credential fields,
/// env maps and headers. `None` when the release's behaviour is not known.
fn bare_dollar_is_literal(cx: &Context<'_>, path: &KeyPath) -> Option<bool> {
    let f = crate::config::secrets::facts();
    let mut keys = path.0.iter().rev().filter_map(|s| match s {
        Segment::Key(k) => Some(k.as_str()),
        Segment::Index(_) => None,
    });
    let key = keys.next()?;
    let parent = keys.next();
    let container = KeyPath(path.0[..path.0.len().saturating_sub(1)].to_vec());
    if f.env_map(&container) || parent == Some(f.facts.maps.headers.as_str()) {
        return Some(true);
    }
    if f.facts.fields.plain.iter().any(|k| k == key) {
        return Some(true);
    }
    if f.credential_field(key, parent) {
        return f.facts.env_shorthand.introduced.at(&cx.release.version).map(|has| !has);
    }
    Some(false)
}

/// A whole value naming a variable in a syntax OpenClaw does not substitute: `{env:NAME}`,
/// `env:NAME`, `%NAME%`, and `$NAME` where it is not read as a SecretRef.
fn foreign(cx: &Context<'_>, path: &KeyPath, s: &str) -> Option<String> {
    if let Some(name) = env::foreign_ref(s) {
        return Some(name.to_owned());
    }
    let name = s.trim().strip_prefix('$')?;
    (env::is_valid_name(name) && bare_dollar_is_literal(cx, path) == Some(true)).then(|| name.to_owned())
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(merged) = &cx.config.merged else { return };
    merged.walk(&mut KeyPath::root(), &mut |path, node, via| {
        if let Some(member) = via
            && env::scan(&member.key).iter().any(|t| matches!(t, EnvToken::Ref { .. }))
        {
            out.push(
                Diagnostic::new(
                    RULE.name,
                    RULE.severity,
                    node.file,
                    member.key_span,
                    path.clone(),
                    format!("`{}` is an object key: OpenClaw never substitutes `${{…}}` in keys", member.key),
                )
                .with_label("used literally as a key")
                .with_help("only string values are substituted; use the literal key name"),
            );
        }
        let Kind::String(s) = &node.kind else { return };
        if let Some(name) = foreign(cx, path, s) {
            let text = s.trim();
            let (message, help) = foreign_words(text, &name);
            out.push(
                Diagnostic::new(RULE.name, RULE.severity, node.file, node.span, path.clone(), message)
                    .with_label("passed to the gateway literally")
                    .with_help(help)
                    .with_fix(Fix::new(
                        format!("Write `{text}` as `${{{name}}}` (the variable must then be set)"),
                        Applicability::Unsafe,
                        vec![FixOp::ReplaceValue {
                            file: node.file,
                            value: node.span,
                            new: format!("${{{name}}}").into(),
                        }],
                    )),
            );
            return;
        }
        for tok in env::scan(s) {
            if let EnvToken::Literal { text, problem } = tok {
                let (message, help) = describe(&text, problem);
                let mut d = Diagnostic::new(RULE.name, RULE.severity, node.file, node.span, path.clone(), message)
                    .with_label("passed to the gateway literally")
                    .with_help(help);
                if let Some(name) = meant_name(&text, problem)
                    && let Some(at) = s.find(&text)
                {
                    let fixed = format!("{}${{{name}}}{}", &s[..at], &s[at + text.len()..]);
                    d = d.with_fix(Fix::new(
                        format!("Write `{text}` as `${{{name}}}` (the variable must then be set)"),
                        Applicability::Unsafe,
                        vec![FixOp::ReplaceValue { file: node.file, value: node.span, new: fixed.into() }],
                    ));
                }
                out.push(d);
            }
        }
    });
}
