//! `exec-unrestricted`: exec is configured to run any command with no approval, or elevated
//! exec escapes the sandbox for channels anyone can message.

use crate::document::{KeyPath, Node};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use crate::rules::exposure::{self, exec_layer, global_exec};

pub static RULE: Rule = Rule {
    name: "exec-unrestricted",
    category: Category::Security,
    severity: Severity::Warning,
    fix: FixAvailability::None,
    needs: &[],
    references: &[
        Reference::Issue(8586),
        Reference::Issue(46786),
        Reference::Issue(11832),
        Reference::Issue(56775),
        Reference::Issue(84517),
        Reference::File("rules/security.toml"),
        Reference::File("rules/sources/security-facts.md"),
    ],
    summary: "tools.exec (global or per agent) set to security full with ask off; elevated exec enabled for sandboxed agents while a channel is open; \"*\" in tools.elevated.allowFrom.",
    docs: DOCS,
    facts: Some(crate::rules::exposure::explain),
    check,
};

const DOCS: &str = r#"## What it does
Works out the exec policy of the defaults and of each agent (`tools.exec` under
`agents.entries.<id>`, or `agents.list[]` before 2026.8.1) as the target release does:
`tools.exec.mode` (2026.5.28+) wins over `security`/`ask`. It reports:
- a policy *written* as security `full` with ask `off` (`mode: "full"`, or
  `security: "full"` with `ask` off or unset): every command the model asks for runs, with no
  approval;
- `tools.elevated` enabled (the default) while agents run in a sandbox and a channel is open
  to anyone (`dmPolicy`/`groupPolicy` `open`): elevated exec leaves the sandbox for the host;
- `"*"` in `tools.elevated.allowFrom.<provider>`: every sender may request elevated exec;
- `agents.defaults.elevatedDefault: "full"` on releases up to 2026.5.12, where elevated `full`
  forced security `full` and ask `off` regardless of the policy (#8586).

## Why it matters
`security: full` + `ask: off` means the model, and anyone who can talk to it, runs arbitrary
commands as your user (#8586). `tools.elevated.enabled` silently routes exec to the gateway
host instead of the sandbox (#46786). Note that an *unset* `tools.exec` is already full/off
on the gateway host in every release from 2026.5.7 to 2026.9.6; that default is reported
where it matters, with open channels, by `allowfrom-wildcard`.

## Example
```json5
{ tools: { exec: { security: "full", ask: "off" } } }
```

## Fix safety
No automatic fix: the right policy depends on the agent. `mode: "ask"` (allowlist + approval
on a miss) or `mode: "allowlist"` keep exec useful.

## References
- #8586, #46786, #11832 (per-agent exec ignored), #56775 (defaults), #84517.
- rules/security.toml `[exec]`; rules/sources/security-facts.md §5.
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(merged) = cx.config.merged.as_ref() else { return };
    let v = &cx.release.version;
    let global = global_exec(merged, v);
    let tools = KeyPath::root().child_key("tools");
    let mut report = |scope: String, p: &exposure::ExecPolicy<'_>, path: KeyPath| {
        let Some(n) = p.set_by else { return };
        if p.security != "full" || p.ask != "off" {
            return;
        }
        out.push(
            Diagnostic::new(
                RULE.name,
                RULE.severity,
                n.file,
                n.span,
                path,
                format!("{scope} runs every command the model asks for with no approval (security `full`, ask `off`)"),
            )
            .with_label("no approval")
            .with_help("use `mode: \"ask\"` (allowlist, approval on a miss) or `mode: \"allowlist\"`; keep `full` only for a sandboxed, single-user setup"),
        );
    };
    report("tools.exec".into(), &global, tools.child_key("exec").child_key(global.key));
    for (id, at, agent) in exposure::agents(merged) {
        let exec = agent.get("tools").and_then(|t| t.get("exec"));
        let p = exec_layer(exec, &exposure::ExecPolicy { set_by: None, ..global.clone() }, v);
        if p.set_by.is_none() {
            continue; // inherits: reported at tools.exec
        }
        report(format!("agent `{id}`'s tools.exec"), &p, at.child_key("tools").child_key("exec").child_key(p.key));
    }
    elevated(cx, merged, out);
}

/// Elevated exec: who may ask for it, whether it leaves a sandbox, and whether `full` bypasses
/// approvals on the target.
fn elevated(cx: &Context<'_>, merged: &Node, out: &mut Vec<Diagnostic>) {
    let f = &exposure::facts().exec;
    let tools = KeyPath::root().child_key("tools");
    let elevated = merged.get("tools").and_then(|t| t.get("elevated"));
    let enabled_node = elevated.and_then(|e| e.get("enabled"));
    let enabled = enabled_node
        .and_then(|n| if let crate::document::Kind::Bool(b) = n.kind { Some(b) } else { None })
        .unwrap_or(f.elevated_default);
    if !enabled {
        return;
    }
    if let Some(Some(allow)) = elevated.and_then(|e| e.get("allowFrom")).map(Node::as_object) {
        for m in allow {
            if let Some(s) = m.value.as_array().and_then(|a| a.iter().find(|x| x.as_str() == Some("*"))) {
                out.push(
                    Diagnostic::new(
                        RULE.name,
                        Severity::Error,
                        s.file,
                        s.span,
                        tools.child_key("elevated").child_key("allowFrom").child_key(&m.key),
                        format!("`\"*\"` lets every `{}` sender request elevated exec, which runs on the host outside the sandbox", m.key),
                    )
                    .with_label("everyone")
                    .with_help("list the senders who may use /elevated"),
                );
            }
        }
    }
    leaves_sandbox(merged, elevated, enabled_node, out);
    full_bypass(cx, merged, out);
}

/// Elevated exec enabled while the agents are sandboxed and a channel is open to anyone.
fn leaves_sandbox(merged: &Node, elevated: Option<&Node>, enabled_node: Option<&Node>, out: &mut Vec<Diagnostic>) {
    let tools = KeyPath::root().child_key("tools");
    let sandboxed = merged
        .get("agents")
        .and_then(|a| a.get("defaults"))
        .and_then(|d| d.get("sandbox"))
        .and_then(|s| s.get("mode"))
        .and_then(Node::as_str)
        .is_some_and(|m| m != "off");
    let open = exposure::open_inbound(merged);
    if sandboxed && let Some(first) = open.first() {
        let at = enabled_node.or(elevated).unwrap_or(first.policy);
        out.push(
            Diagnostic::new(
                RULE.name,
                Severity::Error,
                at.file,
                at.span,
                tools.child_key("elevated").child_key("enabled"),
                format!(
                    "elevated exec is {} while `{}` is open to anyone: an elevated request runs on the gateway host, outside the sandbox",
                    if enabled_node.is_some() { "enabled" } else { "enabled by default" },
                    first.path.dotted()
                ),
            )
            .with_label("leaves the sandbox")
            .with_secondary(first.policy.file, first.policy.span, "open to anyone")
            .with_help("set `tools.elevated.enabled: false`, or restrict the open channels"),
        );
    }
}

/// `elevatedDefault: "full"` on a release where it forces security full and ask off.
fn full_bypass(cx: &Context<'_>, merged: &Node, out: &mut Vec<Diagnostic>) {
    let f = &exposure::facts().exec;
    if cx.release.version <= f.elevated_full_bypass_until
        && let Some(d) = merged.get("agents").and_then(|a| a.get("defaults")).and_then(|d| d.get("elevatedDefault"))
        && d.as_str() == Some("full")
    {
        out.push(
            Diagnostic::new(
                RULE.name,
                RULE.severity,
                d.file,
                d.span,
                KeyPath::root().child_key("agents").child_key("defaults").child_key("elevatedDefault"),
                format!(
                    "on {} elevated `full` forces security `full` and ask `off` whatever tools.exec says (#8586)",
                    cx.target_name()
                ),
            )
            .with_label("bypasses approvals")
            .with_help(format!(
                "use `elevatedDefault: \"ask\"`, or upgrade to {}+ where full only applies when the policy allows it",
                f.elevated_full_respects_policy_since
            )),
        );
    }
}
