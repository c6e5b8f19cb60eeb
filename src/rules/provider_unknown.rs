//! `provider-unknown`: a model chain names a provider the target release does not have.

use crate::edit::{Applicability, Fix};
use crate::engine::diagnostic::{Diagnostic, Severity};
use crate::engine::{Category, Context, FixAvailability, Reference, Rule};
use crate::facts::catalog;
use crate::rules::chain::{self, ProviderKind};

pub static RULE: Rule = Rule {
    name: "provider-unknown",
    category: Category::Models,
    severity: Severity::Error,
    fix: FixAvailability::Sometimes,
    needs: &[],
    references: &[
        Reference::Issue(100067),
        Reference::Issue(119865),
        Reference::File("2026.9.6 dist/extensions"),
        Reference::File("rules/providers.toml"),
    ],
    summary: "A chain entry's provider is not bundled with the target release, not declared in models.providers and not an installed plugin.",
    docs: DOCS,
    facts: None,
    check,
};

const DOCS: &str = r#"## What it does
For every primary and fallback, checks that the provider id exists for the target release:
bundled with it (per release: `rules/providers.toml`, imported from the release's plugin
manifests), declared under `models.providers`, or supplied by a plugin the config installs
or enables (`plugins.installs`, `plugins.entries`, `plugins.allow`). When the id belongs to
an official external plugin, the finding is a warning that names the npm package: the plugin
may be installed without the config naming it (OpenClaw keeps install records in its state
database, which clawlint does not read), so clawlint cannot promise the entry fails. Otherwise
it is an error and suggests the nearest provider id the release knows. Legacy ids the release migrates (`openai-codex`) are
left to `model-ref-legacy`.

## Why it matters
Providers leave the bundle: `moonshot` (Kimi) is bundled up to 2026.5.28 and an external
plugin (`@openclaw/moonshot-provider`) from 2026.6.11. After an upgrade the entry can never
run: `openclaw models status` reports the route as indeterminate and the run fails with
`Unknown model`. `openclaw config validate` accepts the config, and `openclaw doctor --fix`
keeps the refs.

## Example
```json5
// On OpenClaw 2026.9.6, without the moonshot plugin:
{ agents: { defaults: { model: { primary: "anthropic/claude-sonnet-4-6",
  fallbacks: ["moonshot/kimi-k2.5"] } } } }
```

## Fix safety
A misspelt id close to a known one (`anthropc` → `anthropic`) gets an unsafe fix that
replaces it; review it, the model id may need changing too. Otherwise there is no automatic
fix: install the plugin (`openclaw plugins install <package>`) or remove the entry.

## References
- 2026.9.6 dist/extensions/ (moonshot and kimi are not bundled); rules/providers.toml.
- #100067 (fallbacks failing as `Unknown model`), #119865 (silent cross-vendor fallback).
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let cat = cx.catalog();
    for (s, r, provider) in chain::chain_sites(cx) {
        if chain::provider_kind(cx, provider) != ProviderKind::Unknown {
            continue;
        }
        let external = cat.external_plugin(provider);
        let was_bundled = catalog::catalog()
            .provider_rows()
            .iter()
            .filter(|p| p.id.eq_ignore_ascii_case(provider) && p.range.since <= cx.release.version)
            .filter_map(|p| p.range.until.clone())
            .max();
        let bundled_until = was_bundled.map(|last| format!(" (bundled up to {last})")).unwrap_or_default();
        let (message, severity) = match &external {
            // An official plugin may be installed without the config naming it: OpenClaw keeps
            // its install records in the state database, which clawlint does not read.
            Some(e) => (
                format!(
                    "`{}`: {} does not bundle the provider `{provider}`{bundled_until}; it comes with the plugin {}, which clawlint cannot see installed from the config: without it, {} with `Unknown model: {}`",
                    s.raw,
                    cx.target_name(),
                    e.package,
                    chain::fails_phrase(s),
                    r.key()
                ),
                Severity::Warning,
            ),
            None => (
                format!(
                    "`{}`: {} does not have the provider `{provider}`{bundled_until}; {} with `Unknown model: {}`",
                    s.raw,
                    cx.target_name(),
                    chain::fails_phrase(s),
                    r.key()
                ),
                RULE.severity,
            ),
        };
        let mut d = Diagnostic::new(RULE.name, severity, s.file, s.span, s.path.clone(), message);
        match external {
            Some(e) => {
                d = d.with_label(format!("provided by the plugin {}", e.package)).with_help(format!(
                    "install it: openclaw plugins install {} (add `{}` to plugins.allow if you keep an allowlist){}, or remove the entry",
                    e.package,
                    e.plugin,
                    if e.env.is_empty() { String::new() } else { format!(", then set {}", e.env.join(" or ")) }
                ));
            }
            None => {
                d = d.with_label("unknown provider");
                let known: Vec<String> = cat
                    .bundled_providers()
                    .map(|p| p.id.clone())
                    .chain(cx.auth().providers.iter().map(|p| p.id.clone()))
                    .collect();
                let near = known
                    .iter()
                    .filter_map(|k| {
                        crate::util::edit_distance_at_most(provider, k, (k.len() / 4).clamp(1, 2)).map(|d| (d, k))
                    })
                    .min();
                match near {
                    Some((_, k)) => {
                        let new_key = format!("{k}/{}", r.model);
                        d = d.with_help(format!("did you mean `{k}`?")).with_fix(Fix::new(
                            format!("Replace `{}` with `{new_key}`", s.raw),
                            Applicability::Unsafe,
                            vec![chain::replace_ref(s, &new_key)],
                        ));
                    }
                    None => {
                        d = d.with_help(format!(
                            "declare it under models.providers.{provider} (baseUrl, api, models), install the plugin that provides it, or remove the entry"
                        ));
                    }
                }
            }
        }
        out.push(d);
    }
}
