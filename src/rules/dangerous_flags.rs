//! `dangerous-flags`: switches OpenClaw itself calls insecure or dangerous are on; an error
//! for the Control UI ones when the gateway listens beyond loopback.

use crate::document::{KeyPath, Kind};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use crate::rules::exposure::{self, Gateway, walk};

pub static RULE: Rule = Rule {
    name: "dangerous-flags",
    category: Category::Security,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    needs: &[],
    references: &[
        Reference::Issue(78855),
        Reference::Issue(20684),
        Reference::Issue(41539),
        Reference::File("rules/security.toml"),
        Reference::File("rules/sources/security-facts.md"),
    ],
    summary: "A flag OpenClaw's audit calls insecure or dangerous is on (controlUi.allowInsecureAuth, dangerouslyDisableDeviceAuth, any dangerously* key…); an error beyond loopback.",
    docs: DOCS,
    facts: Some(crate::rules::exposure::explain),
    check,
};

const DOCS: &str = r#"## What it does
Reports every flag of `rules/security.toml` (`[[flag]]`) set to its dangerous value on a
release where it still has an effect — the list OpenClaw's own `security audit` checks as
`config.insecure_or_dangerous_flags`, such as `gateway.controlUi.allowInsecureAuth`,
`gateway.controlUi.dangerouslyDisableDeviceAuth`, `hooks.gmail.allowUnsafeExternalContent`,
`tools.fs.workspaceOnly: false` — plus any other `dangerously*` key set to `true`. The
Control UI flags are errors when `gateway.bind` reaches beyond loopback.

## Why it matters
These flags switch off a protection for a special setup (a sandbox, a reverse proxy, a
trusted LAN) and are easy to leave behind: onboarding left `allowInsecureAuth: true` in
place (#78855); the gateway only logs `dangerous config flags enabled` at startup (#41539).
On a network-reachable gateway, a Control UI without device identity is a login page with a
token as the only lock (PR #20684, CVSS 8.3). `allowInsecureAuth` and
`dangerouslyDisableDeviceAuth` stopped having an effect in 2026.8.1 (the first fails
validation, the second is ignored); `key-removed` reports them there.

## Example
With `--target 2026.7.1` (2026.8.1 removed the key):
```json5
{ gateway: { bind: "lan", controlUi: { allowInsecureAuth: true } } }
```

## Fix safety
No automatic fix: a flag may be deliberate (a throwaway sandbox, #NemoClaw#6024). Remove it,
or suppress the finding with the reason.

## References
- #78855, PR #20684, #41539, NVIDIA/NemoClaw#6024; OpenClaw's audit checkIds
  `config.insecure_or_dangerous_flags`, `gateway.control_ui.insecure_auth`.
- rules/security.toml `[[flag]]`; rules/sources/security-facts.md §3–4.
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(merged) = cx.config.merged.as_ref() else { return };
    let facts = exposure::facts();
    let exposed = Gateway::read(merged).is_some_and(|g| g.exposed());
    let v = &cx.release.version;
    walk(merged, KeyPath::root(), &mut |path, key, node| {
        let Kind::Bool(b) = node.kind else { return };
        let listed = facts.flag.iter().find(|f| path.matches(&f.path));
        let (effect, escalate, refs) = match listed {
            Some(f) if f.value == b && f.until.as_ref().is_none_or(|u| v <= u) => {
                (f.effect.clone(), f.exposed && exposed, f.references.join(", "))
            }
            Some(_) => return,
            None if b && key.starts_with("dangerously") => {
                ("switches off a protection OpenClaw marks as dangerous".to_owned(), false, String::new())
            }
            None => return,
        };
        let severity = if escalate { Severity::Error } else { RULE.severity };
        let mut message = format!("`{}: {b}` {effect}", path.dotted());
        if escalate {
            message.push_str(", and the gateway listens beyond loopback");
        }
        let mut d = Diagnostic::new(RULE.name, severity, node.file, node.span, path.clone(), message)
            .with_label("dangerous")
            .with_help(if refs.is_empty() {
                "remove it unless this setup needs it; suppress the finding with the reason if it does".to_owned()
            } else {
                format!("remove it unless this setup needs it ({refs})")
            });
        if escalate && let Some(bind) = merged.get("gateway").and_then(|g| g.get("bind")) {
            d = d.with_secondary(bind.file, bind.span, "reachable from the network");
        }
        out.push(d);
    });
}
