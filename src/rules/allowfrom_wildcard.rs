//! `allowfrom-wildcard`: `"*"` in a DM allowlist silently admits everyone under `pairing` or
//! `allowlist`, including in every account that inherits it; and channels open to anyone while
//! the agent can run commands.

use crate::document::{KeyPath, Node};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use crate::rules::exposure::{self, allow_from, dm_policy};

pub static RULE: Rule = Rule {
    name: "allowfrom-wildcard",
    category: Category::Security,
    severity: Severity::Error,
    fix: FixAvailability::None,
    needs: &[],
    references: &[
        Reference::Issue(136082),
        Reference::Issue(22552),
        Reference::Issue(55612),
        Reference::Issue(92883),
        Reference::File("rules/sources/security-facts.md"),
    ],
    summary: "\"*\" in allowFrom (channel or account, inherited by accounts) while dmPolicy is pairing or allowlist; an open channel while exec can run commands.",
    docs: DOCS,
    facts: Some(crate::rules::exposure::explain),
    check,
};

const DOCS: &str = r#"## What it does
For every channel (`channels.<id>`) and account (`channels.<id>.accounts.<acct>`), works out
the DM policy and DM allowlist the way OpenClaw does: the account's `dmPolicy` (or legacy
`dm.policy`), else the channel's, else `pairing`; the account's `allowFrom` (or `dm.allowFrom`),
else the channel's — an account without its own list inherits the channel's, `"*"` included.
It reports:
- `"*"` in the effective allowlist while the policy is `pairing` or `allowlist` (error), with
  the accounts that inherit it;
- `dmPolicy: "open"` or `groupPolicy: "open"` while the exec policy lets the agent run commands
  (`tools.exec` security other than `deny`; unset means `full` with no approval on the gateway
  host) and the tool policy gives agents the exec tool (not with `tools.deny` naming it, nor
  with a `messaging` or `minimal` profile that nothing adds it back to) — a warning, as an open
  channel is sometimes intended.

## Why it matters
OpenClaw's DM gate admits any sender that matches the allowlist before it looks at pairing,
and `"*"` matches everyone. So `dmPolicy: "pairing"` with `allowFrom: ["*"]` is open: one
operator added `"*"` to relax *command* auth and for six months "every DM from anyone was
admitted to the full agent" (#136082). Neither `config validate` nor `doctor` nor the
security audit says so; the audit even reports such a channel as "locked". An open channel
plus exec means any stranger can make the agent run shell commands on the gateway host; the
audit misses it when `tools.exec` is unset, because it assumes `deny` while the runtime
defaults to `full` with `ask: off` (#22552, #55612).

## Example
```json5
{ channels: { telegram: {
  dmPolicy: "pairing",
  allowFrom: ["*"],                 // admits everyone, in every account below
  accounts: { bot1: {}, bot2: { dmPolicy: "pairing" } },
} } }
```

## Fix safety
No automatic fix: removing `"*"` locks out senders who rely on it today. List the senders
(`allowFrom: ["123456789"]`) or drop `"*"` and approve senders with `openclaw pairing approve`.

## References
- #136082 (pairing bypassed by `"*"`), #22552 and #55612 (open policies with exec), PR #92883.
- rules/sources/security-facts.md §3 and §6 (account inheritance code, 2026.5.7 and 2026.9.6).
"#;

fn star(list: Option<&Node>) -> Option<&Node> {
    list?.as_array()?.iter().find(|x| x.as_str().map(str::trim) == Some("*"))
}

/// An account that inherits its channel's `"*"` while its own dmPolicy is pairing or allowlist:
/// (account, the node that sets its policy, the policy).
type Inheriting<'n> = (String, &'n Node, String);

const HELP: &str = "list the senders instead, or remove \"*\" and approve senders with `openclaw pairing approve`";

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(merged) = cx.config.merged.as_ref() else { return };
    for (id, ch, accounts) in exposure::channels(merged) {
        channel(&id, ch, &accounts, out);
    }
    open_with_exec(cx, merged, out);
}

/// Detect: a `"*"` in a channel's or an account's allowlist that bypasses its dmPolicy.
fn channel(id: &str, ch: &Node, accounts: &[(String, &Node)], out: &mut Vec<Diagnostic>) {
    let at = KeyPath::root().child_key("channels").child_key(id);
    let ch_policy = dm_policy(ch).and_then(Node::as_str).unwrap_or("pairing");
    let ch_star = star(allow_from(ch));
    // Accounts without their own list inherit the channel's "*".
    let mut inheriting: Vec<Inheriting<'_>> = Vec::new();
    for (acct, a) in accounts {
        let policy = dm_policy(a).and_then(Node::as_str).unwrap_or(ch_policy).to_owned();
        let gated = matches!(policy.as_str(), "pairing" | "allowlist");
        match star(allow_from(a)) {
            Some(s) if gated => out.push(account_star(id, acct, &policy, s, &at)),
            None if gated && allow_from(a).is_none() && ch_star.is_some() => {
                inheriting.push((acct.clone(), dm_policy(a).unwrap_or(a), policy));
            }
            _ => {}
        }
    }
    if let Some(s) = ch_star
        && (matches!(ch_policy, "pairing" | "allowlist") || !inheriting.is_empty())
    {
        out.push(channel_star(id, ch_policy, s, &at, &inheriting));
    }
}

/// Word: an account's own `"*"`.
fn account_star(id: &str, acct: &str, policy: &str, s: &Node, at: &KeyPath) -> Diagnostic {
    Diagnostic::new(
        RULE.name,
        RULE.severity,
        s.file,
        s.span,
        at.child_key("accounts").child_key(acct).child_key("allowFrom"),
        format!(
            "`\"*\"` in the allowlist of account `{acct}` of channel `{id}` admits every sender: dmPolicy `{policy}` is bypassed, anyone can DM the agent"
        ),
    )
    .with_label("matches everyone")
    .with_help(HELP)
}

/// Word: a channel's `"*"`, and the accounts that inherit it.
fn channel_star(id: &str, ch_policy: &str, s: &Node, at: &KeyPath, inheriting: &[Inheriting<'_>]) -> Diagnostic {
    let mut message = if matches!(ch_policy, "pairing" | "allowlist") {
        format!(
            "`\"*\"` in the allowlist of channel `{id}` admits every sender: dmPolicy `{ch_policy}` is bypassed, anyone can DM the agent"
        )
    } else {
        format!(
            "`\"*\"` in the allowlist of channel `{id}` is inherited by accounts whose dmPolicy is pairing or allowlist: it bypasses them"
        )
    };
    if !inheriting.is_empty() {
        let names: Vec<String> = inheriting.iter().map(|(a, ..)| format!("`{a}`")).collect();
        message.push_str(&format!(
            "; inherited by {} account{} without an allowFrom of {} own ({})",
            inheriting.len(),
            if inheriting.len() == 1 { "" } else { "s" },
            if inheriting.len() == 1 { "its" } else { "their" },
            names.join(", ")
        ));
    }
    let mut d = Diagnostic::new(RULE.name, RULE.severity, s.file, s.span, at.child_key("allowFrom"), message)
        .with_label("matches everyone")
        .with_help(HELP);
    for (acct, pnode, policy) in inheriting {
        d = d.with_secondary(pnode.file, pnode.span, format!("account `{acct}` ({policy}) inherits \"*\""));
    }
    d
}

/// Detect and word: inbound open to anyone while exec runs commands.
fn open_with_exec(cx: &Context<'_>, merged: &Node, out: &mut Vec<Diagnostic>) {
    let exec = exposure::global_exec(merged, &cx.release.version);
    if exec.security == "deny" || !exposure::exec_tool_present(merged) {
        return;
    }
    for o in exposure::open_inbound(merged) {
        // `dmPolicy: "open"` without "*" admits only the listed senders from 2026.9.x on; the
        // audit and validate warn about that shape, so only a wildcard (or groups) counts here.
        let admits_all = o.which == "groupPolicy" || {
            let node = merged.at(&o.path);
            node.is_some_and(|n| star(allow_from(n)).is_some())
                || (o.path.0.len() > 2
                    && merged.at(&KeyPath(o.path.0[..2].to_vec())).is_some_and(|c| star(allow_from(c)).is_some()))
        };
        if !admits_all {
            continue;
        }
        let how = match exec.set_by {
            Some(_) => format!("tools.exec allows commands (security `{}`, ask `{}`)", exec.security, exec.ask),
            None => format!(
                "tools.exec is unset, so commands run on the gateway host with security `{}` and ask `{}` (OpenClaw's audit assumes deny and stays silent)",
                exec.security, exec.ask
            ),
        };
        let mut d = Diagnostic::new(
            RULE.name,
            Severity::Warning,
            o.policy.file,
            o.policy.span,
            o.path.child_key(o.which),
            format!("`{}` is open to anyone on `{}` while {how}: any stranger can make the agent run shell commands", o.which, o.path.dotted()),
        )
        .with_label("open to anyone")
        .with_help("set `tools.exec.security: \"deny\"` (or `mode: \"deny\"`) for agents that serve open channels, or restrict the channel");
        if let Some(n) = exec.set_by {
            d = d.with_secondary(n.file, n.span, "exec policy");
        }
        out.push(d);
    }
}
