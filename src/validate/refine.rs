//! Checks OpenClaw runs beyond its exported schema: zod refinements, the checks it runs on the
//! parsed config, and the plugin-stage checks. Which releases run them and what they say is data
//! (`[[refinement]]` in rules/validation.toml); the logic of each is here, one function per
//! check name, following the release code cited there. They see the config as OpenClaw
//! validates it (after the load-time migrations of [`crate::validate::migrate`]).

use crate::document::{FileId, KeyPath, Node, Segment, Span};
use crate::facts::Release;
use crate::facts::schema::{Violation, ViolationKind};
use crate::facts::validation::Refinement;
use crate::validate::issue::{Issue, Stage, ZodDialect, continues};
use crate::validate::migrate::{Migrated, normalize_agent_id};
use serde::Deserialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

/// Where a check looks and reports.
pub struct Ctx<'a> {
    pub merged: &'a Node,
    pub migrated: &'a Migrated,
    pub release: &'a Release,
    pub dialect: ZodDialect,
}

impl Ctx<'_> {
    fn value(&self) -> &Value {
        &self.migrated.value
    }

    /// The user's text for `path` of the migrated value: the key when `key` is set and the
    /// path names a member, else the value; the nearest existing ancestor when the path does
    /// not exist.
    fn locate(&self, path: &KeyPath, key: bool) -> (FileId, Span) {
        let mut src = self.migrated.source_path(path);
        loop {
            if let Some((Segment::Key(k), parent)) = src.0.split_last()
                && let Some(m) = self.merged.at(&KeyPath(parent.to_vec())).and_then(|n| n.member(k))
            {
                return (m.value.file, if key { m.key_span } else { m.value.span });
            }
            if let Some(n) = self.merged.at(&src) {
                return (n.file, n.span);
            }
            if src.0.pop().is_none() {
                return (self.merged.file, self.merged.span);
            }
        }
    }

    fn issue(&self, path: KeyPath, message: String, stage: Stage, key: bool) -> Issue {
        let (file, span) = self.locate(&path, key);
        Issue {
            violation: Violation { path: path.clone(), kind: ViolationKind::Other(message) },
            stage,
            openclaw_paths: vec![path],
            file,
            span,
            closed_map: None,
        }
    }
}

/// Run every refinement of `ctx.release` in OpenClaw's order: zod's own (each only when the
/// object it hangs on has no issue zod stops at), then the post-parse checks (only when the
/// core is valid so far), then the plugin-stage checks.
pub fn run_all(refinements: &[Refinement], ctx: &Ctx, issues: &mut Vec<Issue>) {
    let v = &ctx.release.version;
    let active = |r: &&Refinement| r.range.contains(v);
    let schema_core: Vec<Issue> = issues.iter().filter(|i| i.stage == Stage::Core).cloned().collect();
    let parsed = |scope: &KeyPath| {
        !schema_core.iter().any(|i| i.violation.path.0.starts_with(&scope.0) && !continues(&i.violation, ctx.dialect))
    };
    for r in refinements.iter().filter(active).filter(|r| !r.after_parse && r.stage.is_none()) {
        // A check of single values (`paths`) runs on each value, like a refinement of a string.
        if r.scope.as_deref().is_none_or(|s| parsed(&dotted(s))) {
            run(r, ctx, &schema_core, issues);
        }
    }
    for r in refinements.iter().filter(active).filter(|r| r.after_parse) {
        if !issues.iter().any(|i| i.stage == Stage::Core) {
            run(r, ctx, &schema_core, issues);
        }
    }
    for r in refinements.iter().filter(active).filter(|r| r.stage.is_some()) {
        run(r, ctx, &schema_core, issues);
    }
}

fn dotted(p: &str) -> KeyPath {
    if p.is_empty() {
        return KeyPath::root();
    }
    KeyPath(crate::facts::keys::segments(p).into_iter().map(|s| Segment::Key(s.to_owned())).collect())
}

fn run(r: &Refinement, ctx: &Ctx, schema_core: &[Issue], out: &mut Vec<Issue>) {
    match r.check.as_str() {
        "agents-distinct-ids" => agents_distinct_ids(r, ctx, out),
        "url-scheme" => url_scheme(r, ctx, schema_core, out),
        "suppressed-model-refs" => suppressed_model_refs(r, ctx, out),
        "web-search-legacy-keys" => web_search_legacy_keys(r, ctx, out),
        "mcp-server-legacy-keys" => mcp_server_legacy_keys(r, ctx, out),
        "mcp-server-disabled" => mcp_server_disabled(r, ctx, out),
        "custom-provider-requires" => custom_provider_requires(r, ctx, out),
        "tailscale-serve-needs-loopback" => tailscale_serve_needs_loopback(r, ctx, out),
        "agents-roster" => agents_roster(r, ctx, out),
        "agent-id-references" => agent_id_references(r, ctx, out),
        "web-search-provider" => web_search_provider(r, ctx, out),
        "required-when" => required_when(r, ctx, out),
        "dm-allow-from" => dm_allow_from(r, ctx, out),
        _ => {}
    }
}

fn key(parts: &[&str]) -> KeyPath {
    KeyPath(parts.iter().map(|p| Segment::Key((*p).to_owned())).collect())
}

fn msg(r: &Refinement, name: &str) -> String {
    r.messages.get(name).cloned().unwrap_or_else(|| r.message.clone())
}

/// A provider id the release does not bundle is a custom provider: it must declare a non-empty
/// `baseUrl` and a `models` array (reported at the missing key's path).
fn custom_provider_requires(r: &Refinement, ctx: &Ctx, out: &mut Vec<Issue>) {
    let Some(Value::Object(map)) = ctx.value().get("models").and_then(|m| m.get("providers")) else { return };
    for (id, p) in map {
        if ctx.release.providers.iter().any(|b| b.eq_ignore_ascii_case(id)) {
            continue;
        }
        let Value::Object(p) = p else { continue };
        let has_base = p.get("baseUrl").is_some_and(|b| !matches!(b, Value::Null | Value::Bool(false)) && b != "");
        let has_models = p.get("models").is_some_and(Value::is_array);
        for (k, ok) in [("baseUrl", has_base), ("models", has_models)] {
            if !ok {
                let path = key(&["models", "providers", id, k]);
                out.push(ctx.issue(path, r.message.replace("{key}", k), Stage::Core, true));
            }
        }
    }
}

fn is_loopback_ipv4(h: &str) -> bool {
    let parts: Vec<&str> = h.split('.').collect();
    parts.len() == 4 && parts[0] == "127" && parts.iter().all(|p| p.parse::<u8>().is_ok())
}

/// Tailscale `serve`/`funnel` proxies to loopback, so the gateway must bind loopback.
fn tailscale_serve_needs_loopback(r: &Refinement, ctx: &Ctx, out: &mut Vec<Issue>) {
    let Some(gw) = ctx.value().get("gateway") else { return };
    let mode = gw.get("tailscale").and_then(|t| t.get("mode")).and_then(Value::as_str).unwrap_or("off");
    if mode != "serve" && mode != "funnel" {
        return;
    }
    let bind = gw.get("bind").and_then(Value::as_str).unwrap_or("loopback");
    let host = gw.get("customBindHost").and_then(Value::as_str);
    if bind == "loopback" || (bind == "custom" && host.is_some_and(is_loopback_ipv4)) {
        return;
    }
    out.push(ctx.issue(key(&["gateway", "bind"]), r.message.replace("{mode}", mode), Stage::Core, false));
}

/// Every object at `scope` whose `when` members have those values must have each of `keys`.
fn required_when(r: &Refinement, ctx: &Ctx, out: &mut Vec<Issue>) {
    let Some(scope) = &r.scope else { return };
    let stage = if r.stage.is_some() { Stage::Deferred } else { Stage::Core };
    for (at, obj) in crate::facts::keys::values_at(scope, ctx.value()) {
        let Some(obj) = obj.as_object() else { continue };
        if !r.when.iter().all(|(k, v)| obj.get(k) == Some(v)) {
            continue;
        }
        for k in r.keys.iter().filter(|k| !obj.contains_key(k.as_str())) {
            out.push(ctx.issue(at.child_key(k), r.message.clone(), stage, false));
        }
    }
}

/// The first of `keys` (dotted, relative to `obj`) that `obj` sets to something other than
/// null, with the key, as JavaScript's `a ?? b` chain reads it.
fn first_set<'v, 'k>(obj: &'v Value, keys: &'k [String]) -> Option<(&'k String, &'v Value)> {
    keys.iter().find_map(|k| {
        let v = k.split('.').try_fold(obj, |v, seg| v.get(seg))?;
        (!v.is_null()).then_some((k, v))
    })
}

/// A DM policy that needs its sender list: `open` must list `"*"`, `allowlist` at least one
/// sender (entries compared as trimmed strings, empty ones dropped). With `accounts`, each
/// account is checked with what it sets, else what the channel sets.
fn dm_allow_from(r: &Refinement, ctx: &Ctx, out: &mut Vec<Issue>) {
    let Some(scope) = &r.scope else { return };
    let Some(first_allow) = r.allow_from_keys.first() else { return };
    let check = |policy: Option<&Value>, allow: Option<&Value>, at: KeyPath, account: bool, out: &mut Vec<Issue>| {
        let senders: Vec<String> = allow
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), |s| s.trim().to_owned()))
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let name = match policy.and_then(Value::as_str) {
            Some("open") if !senders.iter().any(|s| s == "*") => "open",
            Some("allowlist") if senders.is_empty() => "allowlist",
            _ => return,
        };
        let name = if account { format!("account-{name}") } else { name.to_owned() };
        out.push(ctx.issue(at, msg(r, &name), Stage::Core, false));
    };
    for (at, obj) in crate::facts::keys::values_at(scope, ctx.value()) {
        if !obj.is_object() {
            continue;
        }
        let policy = first_set(obj, &r.policy_keys).map(|(_, v)| v);
        let allow = first_set(obj, &r.allow_from_keys);
        let allow_at = dotted(allow.map_or(first_allow, |(k, _)| k)).0.into_iter().fold(at.clone(), |p, s| match s {
            Segment::Key(k) => p.child_key(&k),
            Segment::Index(i) => p.child_index(i),
        });
        check(policy, allow.map(|(_, v)| v), allow_at, false, out);
        let Some(Value::Object(accounts)) = obj.get("accounts").filter(|_| r.accounts) else { continue };
        for (id, account) in accounts {
            if !account.is_object() {
                continue;
            }
            let p = first_set(account, &r.policy_keys).map(|(_, v)| v).or(policy);
            let a = first_set(account, &r.allow_from_keys).map(|(_, v)| v).or(allow.map(|(_, v)| v));
            check(p, a, at.child_key("accounts").child_key(id).child_key("allowFrom"), true, out);
        }
    }
}

/// The agent roster: at least one agent, ids distinct once canonical, at most one legacy
/// `default` marker, and several agents need an explicit owner.
fn agents_roster(r: &Refinement, ctx: &Ctx, out: &mut Vec<Issue>) {
    let Some(agents) = ctx.value().get("agents").and_then(Value::as_object) else { return };
    let entries: Vec<(&String, &Value)> =
        agents.get("entries").and_then(Value::as_object).map(|e| e.iter().collect()).unwrap_or_default();
    if entries.is_empty() {
        out.push(ctx.issue(key(&["agents", "entries"]), r.message.clone(), Stage::Core, true));
    }
    let marked = entries.iter().filter(|(_, e)| e.get("default") == Some(&Value::Bool(true))).count();
    let explicit = agents.get("ownership").and_then(Value::as_str) == Some("explicit");
    if marked > 1 {
        let m = msg(r, "defaults").replace("{count}", &marked.to_string());
        out.push(ctx.issue(key(&["agents", "entries"]), m, Stage::Core, true));
    }
    if explicit && marked > 0 {
        out.push(ctx.issue(key(&["agents", "ownership"]), msg(r, "explicit-with-default"), Stage::Core, false));
    }
    if entries.len() > 1 && marked == 0 && !explicit {
        out.push(ctx.issue(key(&["agents", "ownership"]), msg(r, "needs-owner"), Stage::Core, true));
    }
}

/// `agents.entries` keys must stay distinct once canonical (`Work` and `work` are one agent).
fn agents_distinct_ids(r: &Refinement, ctx: &Ctx, out: &mut Vec<Issue>) {
    let Some(entries) = at(ctx.value(), &["agents", "entries"]).and_then(Value::as_object) else { return };
    let mut first: BTreeMap<String, &String> = BTreeMap::new();
    for k in entries.keys() {
        let id = normalize_agent_id(k);
        match first.get(&id) {
            None => {
                first.insert(id, k);
            }
            Some(f) => {
                let m = r.message.replace("{first}", f).replace("{key}", k).replace("{id}", &id);
                out.push(ctx.issue(key(&["agents", "entries", k]), m, Stage::Core, true));
            }
        }
    }
}

/// A URL whose scheme is not one of `schemes`. A value that is not a URL at all is the
/// schema's `format` finding (or a read crash, see `[[read_crash]]`); a key the release does
/// not know is the schema's finding too.
fn url_scheme(r: &Refinement, ctx: &Ctx, schema_core: &[Issue], out: &mut Vec<Issue>) {
    let unknown_key = |p: &KeyPath| {
        schema_core.iter().any(|i| match &i.violation.kind {
            ViolationKind::UnexpectedKey(k) => p.0.starts_with(&i.violation.path.child_key(k).0),
            _ => false,
        })
    };
    for pattern in &r.paths {
        for (path, v) in crate::facts::keys::values_at(pattern, ctx.value()) {
            let Some(s) = v.as_str() else { continue };
            let Ok(u) = url::Url::parse(s) else { continue };
            if !r.schemes.iter().any(|x| x == u.scheme()) && !unknown_key(&path) {
                out.push(ctx.issue(path, r.message.clone(), Stage::Core, false));
            }
        }
    }
}

/// A provider's own object under `tools.web.search` (`brave: {…}`), and from 2026.8.1
/// `tools.web.search.apiKey`, belong in `plugins.entries.<plugin>.config.webSearch` now.
fn web_search_legacy_keys(r: &Refinement, ctx: &Ctx, out: &mut Vec<Issue>) {
    let Some(scope) = r.scope.as_deref() else { return };
    let at = dotted(scope);
    let mut v = ctx.value();
    for seg in &at.0 {
        let Segment::Key(k) = seg else { return };
        let Some(next) = v.get(k.as_str()) else { return };
        v = next;
    }
    let Value::Object(members) = v else { return };
    for (key, entry) in members {
        if r.keys.iter().any(|k| k == key) && (r.any_value || entry.is_object()) {
            out.push(ctx.issue(at.child_key(key), r.message.clone(), Stage::Core, false));
        }
    }
}

/// Keys of other MCP clients' configs (`connectTimeout`, `ssl_verify`, …) that an MCP server
/// entry must not carry, reported at the server like zod's own unknown keys.
fn mcp_server_legacy_keys(r: &Refinement, ctx: &Ctx, out: &mut Vec<Issue>) {
    let Some(Value::Object(servers)) = ctx.value().get("mcp").and_then(|m| m.get("servers")) else { return };
    for (name, server) in servers {
        let Value::Object(server) = server else { continue };
        let at = key(&["mcp", "servers", name]);
        for k in r.keys.iter().filter(|k| server.contains_key(k.as_str())) {
            // Reported at the server, as the release does; shown at the key.
            let mut issue = ctx.issue(at.clone(), r.message.replace("{key}", k), Stage::Core, false);
            (issue.file, issue.span) = ctx.locate(&at.child_key(k), true);
            out.push(issue);
        }
    }
}

/// An MCP server's `disabled`, which the release refuses, saying what to write instead.
fn mcp_server_disabled(r: &Refinement, ctx: &Ctx, out: &mut Vec<Issue>) {
    let Some(Value::Object(servers)) = ctx.value().get("mcp").and_then(|m| m.get("servers")) else { return };
    for (name, server) in servers {
        let Some(d) = server.get("disabled") else { continue };
        let m = match d {
            Value::Bool(b) => r.message.replace("{enabled}", &(!b).to_string()),
            _ => msg(r, "other"),
        };
        out.push(ctx.issue(key(&["mcp", "servers", name, "disabled"]), m, Stage::Core, false));
    }
}

/// Configured model refs that a bundled plugin's manifest suppresses on every route (no `when`):
/// the release's validation calls them unknown models. Refs are compared lower-cased, as
/// written (no alias or id normalisation), like OpenClaw's `validateConfiguredModelRefs`.
fn suppressed_model_refs(r: &Refinement, ctx: &Ctx, out: &mut Vec<Issue>) {
    let catalog = crate::facts::catalog::for_release(&ctx.release.version);
    // Most configs name no suppressed model anywhere: one pass over the value says so, before
    // the settings are looked up one by one.
    let unconditional = |raw: &str| {
        let (p, m) = raw.trim().split_once('/')?;
        let (p, m) = (p.to_ascii_lowercase(), m.to_ascii_lowercase());
        catalog.suppressions(&p, &m).into_iter().find(|s| s.when_hosts.is_empty() && s.when_api.is_empty())
    };
    if !names_any(ctx.value(), &|s| unconditional(s).is_some()) {
        return;
    }
    let mut refs: Vec<(KeyPath, &str)> = Vec::new();
    for pattern in &r.paths {
        for (path, v) in crate::facts::keys::values_at(pattern, ctx.value()) {
            match v {
                Value::String(s) => refs.push((path, s)),
                Value::Object(o) => {
                    if let Some(Value::String(s)) = o.get("primary") {
                        refs.push((path.child_key("primary"), s));
                    }
                    if let Some(Value::Array(fb)) = o.get("fallbacks") {
                        for (i, f) in fb.iter().enumerate() {
                            if let Value::String(s) = f {
                                refs.push((path.child_key("fallbacks").child_index(i), s));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    for pattern in &r.map_keys {
        for (path, v) in crate::facts::keys::values_at(pattern, ctx.value()) {
            if let Value::Object(o) = v {
                refs.extend(o.keys().map(|k| (path.child_key(k), k.as_str())));
            }
        }
    }
    let mut seen = HashSet::new();
    for (path, raw) in refs {
        let Some(s) = unconditional(raw) else { continue };
        let Some((provider, model)) = raw.trim().split_once('/') else { continue };
        let (provider, model) = (provider.to_ascii_lowercase(), model.to_ascii_lowercase());
        if !seen.insert((path.clone(), provider.clone(), model.clone())) {
            continue;
        }
        let message = r.message.replace("{ref}", &format!("{}/{}", s.provider, s.model)).replace("{reason}", s.reason);
        out.push(ctx.issue(path, message.trim_end().to_owned(), Stage::Deferred, false));
    }
}

/// Does any string or object key in `v` that holds a `/` satisfy `hit`?
fn names_any(v: &Value, hit: &dyn Fn(&str) -> bool) -> bool {
    let check = |s: &str| s.contains('/') && hit(s);
    match v {
        Value::String(s) => check(s),
        Value::Array(a) => a.iter().any(|x| names_any(x, hit)),
        Value::Object(o) => o.iter().any(|(k, x)| check(k) || names_any(x, hit)),
        _ => false,
    }
}

/// Agent ids named elsewhere must be configured agents.
fn agent_id_references(r: &Refinement, ctx: &Ctx, out: &mut Vec<Issue>) {
    let v = ctx.value();
    let roster = v.get("agents").and_then(|a| a.get("entries")).and_then(Value::as_object);
    let ids: Vec<&String> =
        roster.map(|e| e.iter().filter(|(_, x)| x.is_object()).map(|(k, _)| k).collect()).unwrap_or_default();
    let mut effective: HashSet<String> = ids.iter().map(|k| normalize_agent_id(k)).collect();
    if ids.is_empty() {
        effective.insert("main".into());
    }
    let unknown = |id: &str| !effective.contains(&normalize_agent_id(id));
    let report = |path: KeyPath, id: &str, out: &mut Vec<Issue>| {
        out.push(ctx.issue(path, r.message.replace("{id}", id), Stage::Core, false));
    };
    for p in [["agents", "defaults", "heartbeat", "agentId"], ["agents", "defaults", "systemAgent", "agentId"]] {
        if let Some(id) = at(v, &p).and_then(Value::as_str)
            && unknown(id)
        {
            report(key(&p), id, out);
        }
    }
    if let Some(id) = at(v, &["talk", "agentId"]).and_then(Value::as_str)
        && unknown(id)
    {
        report(key(&["talk", "agentId"]), id, out);
    }
    if ids.is_empty() {
        return;
    }
    if let Some(Value::Array(bindings)) = v.get("bindings") {
        for (i, b) in bindings.iter().enumerate() {
            if let Some(id) = b.get("agentId").and_then(Value::as_str)
                && id != "main"
                && unknown(id)
            {
                report(key(&["bindings"]).child_index(i).child_key("agentId"), id, out);
            }
        }
    }
    if let Some(Value::Object(broadcast)) = v.get("broadcast") {
        for (peer, list) in broadcast {
            let Value::Array(list) = list else { continue };
            if peer == "strategy" {
                continue;
            }
            for (i, id) in list.iter().enumerate() {
                if let Some(id) = id.as_str()
                    && !ids.iter().any(|k| *k == id)
                {
                    report(key(&["broadcast", peer]).child_index(i), id, out);
                }
            }
        }
    }
}

fn at<'v>(v: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(v, |v, k| v.get(k))
}

#[derive(Debug, Deserialize)]
struct WebSearch {
    release: Vec<WebSearchRelease>,
    policy: Vec<WebSearchPolicy>,
}

#[derive(Debug, Deserialize)]
struct WebSearchRelease {
    version: String,
    bundled: BTreeMap<String, String>,
    installable: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
struct WebSearchPolicy {
    since: String,
    not_installed: String,
}

fn web_search() -> &'static WebSearch {
    static W: OnceLock<WebSearch> = OnceLock::new();
    W.get_or_init(|| crate::facts::data::WEB_SEARCH.load().unwrap_or_else(|e| panic!("{e}")))
}

/// `tools.web.search.provider` must be served by a plugin the release bundles. A provider of an
/// official external plugin needs that plugin installed, and an unknown one is an error.
fn web_search_provider(r: &Refinement, ctx: &Ctx, out: &mut Vec<Issue>) {
    let v = ctx.value();
    let Some(provider) = at(v, &["tools", "web", "search", "provider"]).and_then(Value::as_str) else { return };
    let path = key(&["tools", "web", "search", "provider"]);
    let data = web_search();
    let version = ctx.release.version.to_string();
    let runtime;
    let rel = match (data.release.iter().find(|x| x.version == version), &ctx.release.web_search) {
        (Some(rel), _) => rel,
        // A release read at run time: its own bundled providers; which external plugins its
        // install catalog offers is only known for imported releases (their Node evaluates it),
        // so the newest older one's.
        (None, Some(bundled)) => {
            let parse = |x: &WebSearchRelease| x.version.parse::<crate::facts::CalVer>().ok();
            let older = data
                .release
                .iter()
                .filter(|x| parse(x).is_some_and(|v| v < ctx.release.version))
                .max_by_key(|x| parse(x));
            runtime = WebSearchRelease {
                version,
                bundled: bundled.clone(),
                installable: older.map(|o| o.installable.clone()).unwrap_or_default(),
            };
            &runtime
        }
        (None, None) => return,
    };
    let p = provider.trim();
    if p.is_empty() {
        out.push(ctx.issue(path, msg(r, "empty"), Stage::Deferred, false));
        return;
    }
    if rel.bundled.contains_key(p) {
        return;
    }
    let policy = data
        .policy
        .iter()
        .rfind(|x| x.since.parse::<crate::facts::CalVer>().is_ok_and(|s| ctx.release.version >= s))
        .map_or("error", |x| x.not_installed.as_str());
    let named = |ids: &[&str]| {
        let plugins = v.get("plugins");
        let norm = |s: &str| s.trim().to_lowercase();
        let hit = |s: &str| ids.iter().any(|i| norm(i) == norm(s));
        plugins
            .and_then(|p| p.get("allow"))
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().filter_map(Value::as_str).any(hit))
            || ["entries", "installs"].iter().any(|k| {
                plugins.and_then(|p| p.get(*k)).and_then(Value::as_object).is_some_and(|m| m.keys().any(|k| hit(k)))
            })
    };
    match rel.installable.get(p) {
        Some(plugin) => {
            let error = match policy {
                "warning" => false,
                "error-unless-configured" => !named(&[p, plugin]),
                _ => true,
            };
            if error {
                let m = r.message.replace("{provider}", p).replace("{plugin}", plugin);
                out.push(ctx.issue(path, m, Stage::Deferred, false));
            }
        }
        None => {
            if !named(&[p]) {
                out.push(ctx.issue(path, msg(r, "unknown").replace("{provider}", p), Stage::Deferred, false));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn web_search_data_parses_and_covers_every_imported_release() {
        let w = super::web_search();
        for v in crate::facts::releases() {
            assert!(w.release.iter().any(|r| r.version == v.to_string()), "no web-search data for {v}");
        }
    }
}
