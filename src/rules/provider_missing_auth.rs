//! `provider-missing-auth`: a model chain names a provider the target release will not find a
//! credential for.

use crate::edit::{Applicability, Fix, FixOp};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use crate::model::model_refs::Role;
use crate::model::readiness::Verdict;
use crate::rules::chain::{self, ProviderKind};

pub static RULE: Rule = Rule {
    name: "provider-missing-auth",
    category: Category::Auth,
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    needs: &[],
    references: &[
        Reference::Issue(100067),
        Reference::Issue(4667),
        Reference::Issue(82367),
        Reference::File("2026.9.6 dist/loader-runtime-load-*.mjs"),
        Reference::File("tests/fixtures/recorded/models-status"),
    ],
    summary: "A chain entry's provider has no credential the target release will use: the entry fails with an auth error at run time.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
For every primary and fallback, judges the provider's auth the way the target release's own
`openclaw models status` does, from what the config and the environment show: the `apiKey`
form in `models.providers.<id>` (literal, env-var name, `${VAR}`, SecretRef, `ollama-local`
marker), the provider's env vars, `auth.profiles`, and local provider entries. The rules
differ by release and were recorded from real releases (`rules/auth.toml`,
tests/fixtures/recorded/models-status):

- 2026.5.7: any `apiKey` string counts; with no key, profile or env var the provider is
  *missing*.
- 2026.5.28–2026.7.1: an `apiKey` that names an env var (`"OLLAMA_API_KEY"`) or reads one
  (`${OLLAMA_API_KEY}`) counts only when the variable is set.
- 2026.8.1: no evidence at all is *indeterminate* rather than missing.
- From 2026.9.5: a local entry with `baseUrl`, `api` and a non-empty `models` needs no key
  (ollama: `{ baseUrl: "http://127.0.0.1:11434", api: "ollama", models: [...] }`).

It reports an entry when the credential is *missing* in the config's own terms (an env-var
name that is not set), and for keyless local providers (ollama, lmstudio…) that nothing
registers. A provider whose key could be in OpenClaw's credential store (SQLite since
2026.6) is never reported as missing: clawlint cannot read the store, so it says nothing rather
than "missing". Info only, never "fails":
- with `--no-env`, a variable decides: the message names it;
- the release itself cannot confirm the provider (`models status`: indeterminate), e.g. an
  ollama entry with a marker key on a host that is not local (`http://ollama:11434` in Docker,
  recorded: models-status/22–25): whether the server answers decides;
- from 2026.8.1 an `openai` provider whose `baseUrl` is chatgpt.com authenticates only with a
  ChatGPT/Codex subscription login from the store: its `apiKey` is not used (models-status/31).

## Why it matters
A fallback without a credential is not a fallback: every time the chain reaches it the run
fails with `No API key found for provider "…"` (for ollama: `Unknown model: ollama/…. Ollama
requires authentication to be registered as a provider`) and moves on, adding latency and
noise; a primary without one fails every turn (#100067, #82367). `openclaw doctor` does not
check this.

## Example
```json5
{ agents: { defaults: { model: {
  primary: "anthropic/claude-sonnet-4-6",
  fallbacks: ["ollama/llama3.2:3b"],      // no models.providers.ollama, no OLLAMA_API_KEY
} } } }
```

## Fix safety
Unsafe (it changes what runs): when `models.providers.<id>` already points at a local
server but lacks `api` or `models`, the fix completes it (`api: "ollama"` or
`"openai-completions"`, one row per referenced model); otherwise it removes the fallback.
A primary is never removed. Review the diff: if the gateway's environment sets the key
(for example a systemd `EnvironmentFile`), keep the entry and ignore the finding.

## References
- 2026.9.6 dist/loader-runtime-load-*.mjs (readiness), tests/fixtures/recorded/models-status (5.7–9.6).
- #100067 (every fallback failing after the auth store moved), #4667 (ollama needs
  `OLLAMA_API_KEY` to register), #82367.
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let cat = cx.catalog();
    for (s, r, provider) in chain::chain_sites(cx) {
        if !matches!(chain::provider_kind(cx, provider), ProviderKind::Bundled | ProviderKind::Declared) {
            continue;
        }
        let rd = cx.readiness(provider);
        let keyless = cat.is_keyless(provider);
        let report = match rd.verdict {
            Verdict::Ready | Verdict::Unknown => false,
            Verdict::Missing | Verdict::Indeterminate => keyless || !rd.store_dependent || rd.key_unused,
        };
        if !report {
            continue;
        }
        // A variable clawlint did not read decides it: unknown, never "fails" (`--no-env`).
        if !rd.unread.is_empty() {
            out.push(depends_on_environment(cx, s, provider, &rd.unread));
            continue;
        }
        // What the release cannot confirm, or what the store decides: info, never "fails".
        // A keyless provider with no entry at all is not registered, whatever `models status`
        // calls it: `Unknown model` at run time (#100067). With an entry, the release cannot
        // tell, and neither can clawlint.
        let unregistered = keyless && cx.auth().provider(provider).is_none();
        if (rd.verdict == Verdict::Indeterminate && !unregistered) || rd.key_unused {
            let mut d = unconfirmed(cx, s, provider, &rd);
            if !rd.key_unused
                && let Some(f) = complete_local(cx, provider, keyless)
            {
                d = d.with_fix(f);
            }
            out.push(d);
            continue;
        }
        let definite = rd.verdict == Verdict::Missing && !rd.env_dependent;
        let severity = if definite { Severity::Error } else { Severity::Warning };
        let status = match rd.verdict {
            Verdict::Missing => "lists it under Missing auth",
            _ => "reports it as indeterminate",
        };
        let failure = if keyless && cx.auth().provider(provider).is_none() {
            format!("`Unknown model: {}`: the provider is not registered", r.key())
        } else {
            format!("`No API key found for provider \"{provider}\"`")
        };
        let mut message = format!(
            "`{}`: {} has no credential {} will use ({}); {} fails with {failure}",
            s.raw,
            provider,
            cx.target_name(),
            rd.reason,
            match s.role {
                Role::Fallback(_) => "this fallback",
                _ => "this model",
            }
        );
        message.push_str(&format!(" (`openclaw models status` {status})"));
        let mut d = Diagnostic::new(RULE.name, severity, s.file, s.span, s.path.clone(), message)
            .with_label(if definite { "no usable credential" } else { "credential not found" });
        let local = crate::facts::auth_facts::facts().local_entry.for_provider(provider);
        let help = match (rd.env_vars.as_slice(), keyless) {
            (vars, true) if !vars.is_empty() => format!(
                "add a local entry: models.providers.{provider} = {{ baseUrl: \"{}\", api: \"{}\", models: [{{ id: \"{}\", name: \"{}\" }}] }}, or set {} in the gateway's environment (any value)",
                local.1,
                local.0,
                r.model,
                r.model,
                vars.join(" or ")
            ),
            ([], _) => format!(
                "give models.providers.{provider} an `apiKey`, or log in: openclaw models auth login --provider {provider}"
            ),
            (vars, _) => format!(
                "set {} where the gateway runs, or: openclaw models auth login --provider {provider}",
                vars.join(" or ")
            ),
        };
        d = d.with_help(help);
        if let Some(fix) = fix(cx, s, provider, keyless) {
            d = d.with_fix(fix);
        }
        out.push(d);
    }
}

/// Info: the credential is a variable of the gateway's environment that clawlint did not read.
/// The release cannot confirm the provider's auth (`models status`: indeterminate), or only a
/// login in OpenClaw's credential store would authenticate it: said as info.
fn unconfirmed(
    cx: &Context<'_>,
    s: &crate::model::model_refs::Site,
    provider: &str,
    rd: &crate::model::readiness::Readiness,
) -> Diagnostic {
    let (message, label, help) = if rd.key_unused {
        (
            format!(
                "`{}`: {}; whether {provider} is authenticated depends on OpenClaw's credential store, which clawlint cannot read",
                s.raw, rd.reason
            ),
            "needs a subscription login",
            format!(
                "log in with a ChatGPT/Codex subscription (`openclaw models auth login --provider {provider}`) and check `openclaw models status`, or remove `baseUrl` to use the API key"
            ),
        )
    } else {
        (
            format!(
                "`{}`: {} cannot confirm {provider}'s auth ({}); `openclaw models status` reports it as indeterminate (\"Auth readiness could not be confirmed\") rather than missing",
                s.raw,
                cx.target_name(),
                rd.reason
            ),
            "auth not confirmed",
            "check `openclaw models status` where the gateway runs; a reachable local server with a complete `models.providers` entry is enough".to_owned(),
        )
    };
    Diagnostic::new(RULE.name, Severity::Info, s.file, s.span, s.path.clone(), message)
        .with_label(label)
        .with_help(help)
}

fn depends_on_environment(
    cx: &Context<'_>,
    s: &crate::model::model_refs::Site,
    provider: &str,
    unread: &[String],
) -> Diagnostic {
    let vars = unread.join(" or ");
    Diagnostic::new(
        RULE.name,
        Severity::Info,
        s.file,
        s.span,
        s.path.clone(),
        format!(
            "`{}`: whether {} has a credential for {provider} depends on {vars} in the gateway's environment, which clawlint did not read",
            s.raw,
            cx.target_name()
        ),
    )
    .with_label("depends on the environment")
    .with_help(format!(
        "make sure {vars} is set where the gateway runs (`openclaw models status` there shows the verdict), or run clawlint without --no-env on that machine"
    ))
}

/// Complete a local entry that lacks `api` or `models`, else remove the fallback.
fn fix(cx: &Context<'_>, s: &crate::model::model_refs::Site, provider: &str, keyless: bool) -> Option<Fix> {
    if let Some(f) = complete_local(cx, provider, keyless) {
        return Some(f);
    }
    let op = chain::remove_entry(s)?;
    Some(Fix::new(format!("Remove `{}` from the chain", s.raw), Applicability::Unsafe, vec![op]))
}

/// Complete a keyless local entry (on this machine) that lacks `api` or `models`.
fn complete_local(cx: &Context<'_>, provider: &str, keyless: bool) -> Option<Fix> {
    let entry = cx.auth().provider(provider);
    if keyless
        && let Some(e) = entry
        && e.local()
        && e.api_key.is_none()
    {
        let node = cx.config.merged.as_ref()?.at(&e.path)?;
        let mut ops = Vec::new();
        if e.api.is_none() {
            let (api, _) = crate::facts::auth_facts::facts().local_entry.for_provider(provider);
            ops.push(FixOp::InsertProperty {
                file: node.file,
                object: node.span,
                key: "api".into(),
                value: serde_json::Value::String(api.into()),
                index: None,
            });
        }
        // Two insertions at the same place conflict; the fix loop adds `models` on its next pass.
        if ops.is_empty() && e.models.as_ref().is_none_or(Vec::is_empty) {
            let mut rows = Vec::new();
            for (_, r, p) in chain::chain_sites(cx) {
                let row = serde_json::json!({ "id": r.model, "name": r.model });
                if p == provider && !rows.contains(&row) {
                    rows.push(row);
                }
            }
            let rows = serde_json::Value::Array(rows);
            match node.get("models") {
                Some(m) => ops.push(FixOp::ReplaceValue { file: m.file, value: m.span, new: rows }),
                None => ops.push(FixOp::InsertProperty {
                    file: node.file,
                    object: node.span,
                    key: "models".into(),
                    value: rows,
                    index: None,
                }),
            }
        }
        if !ops.is_empty() {
            return Some(Fix::new(
                format!("Complete the local entry models.providers.{}", e.key),
                Applicability::Unsafe,
                ops,
            ));
        }
    }
    None
}
