//! `env-ref-unresolved`: a `${VAR}` reference with no value in the environment clawlint reads.

use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Need, Reference, Rule};
use crate::model::auth::EnvLookup;
use std::collections::HashSet;

pub static RULE: Rule = Rule {
    name: "env-ref-unresolved",
    category: Category::Security,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    needs: &[Need::Environment],
    references: &[
        Reference::Issue(21130),
        Reference::Issue(118733),
        Reference::Issue(139105),
        Reference::Issue(50486),
        Reference::Issue(1044),
        Reference::File("rules/sources/security-facts.md"),
    ],
    summary: "A ${VAR} reference has no value in the environment clawlint reads (skipped with --no-env; the gateway may see another environment).",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
For each `${NAME}` OpenClaw substitutes (the pattern `[A-Z_][A-Z0-9_]*`, in string values,
after `$include`), looks `NAME` up where OpenClaw would find it: the process environment,
`$OPENCLAW_STATE_DIR/.env` (or `~/.openclaw/.env`), any `--env-file`, and the config's own
`env.vars`. Reports a name that is unset or empty in all of them. With `--no-env` clawlint
reads none of the machine's sources and this rule says nothing.

## Why it matters
OpenClaw keeps a missing reference as the literal text `${NAME}` and only logs `missing env
var "NAME" … feature using this value will be unavailable` (2026.5.7 … 2026.9.6; older
releases failed to load with `MissingEnvVarError`, #21130). A token or API key then silently
becomes the string `${NAME}`: the provider answers 401, the channel does not connect.

The gateway often runs with another environment than your shell: a systemd unit with
`EnvironmentFile=`, a launchd plist, a Docker `--env-file`. A variable set only there is
reported here although the gateway sees it; run clawlint with `--env-file` pointing at that
file, or suppress the finding.

## Example
```json5
{ channels: { telegram: { botToken: "${TELEGRAM_BOT_TOKEN}" } } }   // TELEGRAM_BOT_TOKEN unset
```

## Fix safety
No automatic fix: the value is yours to provide (in `~/.openclaw/.env`, mode 0600).

## References
- #21130 (variable only in the systemd unit), #118733, #139105, #50486; PR #1044
  (substitution rules); rules/sources/security-facts.md §7.
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // Runs only when the environment was read (`needs`): under `--no-env` the engine skips it.
    let mut seen = HashSet::new();
    for r in &cx.config.env_refs {
        if !seen.insert((r.name.clone(), r.file, r.span.start)) {
            continue;
        }
        if cx.auth().env(&cx.env, &r.name) != EnvLookup::Unset {
            continue;
        }
        out.push(
            Diagnostic::new(
                RULE.name,
                RULE.severity,
                r.file,
                r.span,
                r.path.clone(),
                format!(
                    "`${{{}}}` is not set in {}: OpenClaw keeps the literal text `${{{}}}` here and the feature using `{}` will not work",
                    r.name,
                    cx.env.describe_with_config(),
                    r.name,
                    r.path.dotted()
                ),
            )
            .with_label("unset")
            .with_help(format!(
                "set {} in ~/.openclaw/.env (mode 0600); if the gateway gets it elsewhere (systemd EnvironmentFile=, launchd, Docker), pass that file with --env-file",
                r.name
            )),
        );
    }
}
