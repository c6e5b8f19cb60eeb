//! Model references (`provider/model@profile`) exactly as OpenClaw parses them, and every place
//! a config names one, with its span.
//!
//! Parsing follows OpenClaw 2026.9.6: `splitTrailingAuthProfile` (dist/model-ref-profile-*.mjs)
//! takes a trailing `@profile` off, except a `@YYYYMMDD` date or a quantization suffix
//! (`@q4_k_m`, `@iq3_xs`, `@8bit`); the provider is what comes before the first `/`, trimmed and
//! lower-cased; the model id is the rest, `/` and `:` included (`openrouter/qwen/qwen-2.5:free`).
//! A ref without `/` names an alias of `agents.defaults.models` (or, when none matches, the
//! default provider). `openrouter:auto` means `openrouter/auto`.

use crate::document::{FileId, KeyPath, Node, Span};

/// One parsed reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelRef {
    /// Lower-cased provider id; `None` for a bare name that is no alias.
    pub provider: Option<String>,
    /// The model id as written (OpenClaw normalises it per provider later).
    pub model: String,
    /// The auth-profile pin after `@`.
    pub profile: Option<String>,
    /// The alias the ref was written as, when it was one.
    pub alias: Option<String>,
}

impl ModelRef {
    /// `provider/model`, or the bare model id.
    pub fn key(&self) -> String {
        match &self.provider {
            Some(p) => format!("{p}/{}", self.model),
            None => self.model.clone(),
        }
    }
}

/// Split a trailing `@profile` off, keeping `@YYYYMMDD` and quantization suffixes in the model.
pub fn split_profile(raw: &str) -> (&str, Option<&str>) {
    let t = raw.trim();
    let after_slash = t.rfind('/').map_or(0, |i| i + 1);
    let Some(mut at) = t[after_slash..].find('@').map(|i| i + after_slash) else { return (t, None) };
    if at == 0 {
        return (t, None);
    }
    let date = |s: &str| {
        s.len() >= 8
            && s.as_bytes()[..8].iter().all(u8::is_ascii_digit)
            && matches!(s.as_bytes().get(8), None | Some(b'@'))
    };
    if date(&t[at + 1..]) {
        match t.get(at + 9..).and_then(|s| s.find('@')).map(|i| i + at + 9) {
            Some(next) => at = next,
            None => return (t, None),
        }
    }
    if quantization(&t[at + 1..]) {
        match t[at + 1..].find('@').map(|i| i + at + 1) {
            Some(next) => at = next,
            None => return (t, None),
        }
    }
    let (model, profile) = (t[..at].trim(), t[at + 1..].trim());
    if model.is_empty() || profile.is_empty() { (t, None) } else { (model, Some(profile)) }
}

/// `^(?:i?q\d+(?:_[a-z0-9]+)*|\d+bit)(?:@|$)`, case-insensitive.
fn quantization(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let b = lower.as_bytes();
    let end_ok = |i: usize| i == b.len() || b[i] == b'@';
    let digits = |mut i: usize| {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        (i > start).then_some(i)
    };
    // \d+bit
    if let Some(i) = digits(0)
        && lower[i..].starts_with("bit")
        && end_ok(i + 3)
    {
        return true;
    }
    // i?q\d+(_[a-z0-9]+)*
    let mut i = usize::from(b.first() == Some(&b'i'));
    if b.get(i) != Some(&b'q') {
        return false;
    }
    let Some(mut i2) = digits(i + 1) else { return false };
    loop {
        if end_ok(i2) {
            return true;
        }
        if b[i2] != b'_' {
            return false;
        }
        i = i2 + 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i == start {
            return false;
        }
        i2 = i;
    }
}

/// Parse a ref as OpenClaw does; `None` when it names nothing (empty, or an empty provider or
/// model around the `/`). `aliases` maps an alias (compared case-insensitively) to its ref.
pub fn parse(raw: &str, aliases: &[(String, String)]) -> Option<ModelRef> {
    let (body, profile) = split_profile(raw);
    if body.is_empty() {
        return None;
    }
    let profile = profile.map(str::to_owned);
    let body = if body.eq_ignore_ascii_case("openrouter:auto") { "openrouter/auto" } else { body };
    match body.find('/') {
        Some(i) => {
            let (p, m) = (body[..i].trim(), body[i + 1..].trim());
            if p.is_empty() || m.is_empty() {
                return None;
            }
            Some(ModelRef { provider: Some(p.to_lowercase()), model: m.to_owned(), profile, alias: None })
        }
        None => {
            if let Some((alias, target)) = aliases.iter().find(|(a, _)| a.eq_ignore_ascii_case(body))
                && let Some(mut r) = parse(target, &[])
                && r.provider.is_some()
            {
                r.alias = Some(alias.clone());
                r.profile = profile.or(r.profile);
                return Some(r);
            }
            Some(ModelRef { provider: None, model: body.to_owned(), profile, alias: None })
        }
    }
}

/// What a reference is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// The primary of a model setting (string form, or `primary`).
    Primary,
    /// Fallback number `n` of a model setting.
    Fallback(usize),
    /// A key of a `models` map (aliases and per-model settings; the allowlist before 2026.8.1).
    ModelsKey,
    /// An entry of `modelPolicy.allow` (may end in `/*`).
    PolicyAllow,
}

/// One place a config names a model.
#[derive(Debug, Clone)]
pub struct Site {
    /// The setting: `agents.defaults.model`, `agents.entries.work.model`, `agents.list.1.model`…
    pub setting: KeyPath,
    /// The string itself (for a `models` key: the key).
    pub path: KeyPath,
    pub role: Role,
    pub raw: String,
    /// `None` when it names nothing.
    pub parsed: Option<ModelRef>,
    pub file: FileId,
    pub span: Span,
    /// The setting is the string form (primary only): an agent's string drops the inherited
    /// fallbacks.
    pub string_form: bool,
}

/// Model settings of `agents.defaults` and of each agent (string or `{primary, fallbacks}`).
/// (`imageGenerationModel` and its video/music siblings are the pre-`mediaModels` names.)
const MODEL_SETTINGS: &[&str] = &[
    "model",
    "imageModel",
    "pdfModel",
    "utilityModel",
    "decisionModel",
    "imageGenerationModel",
    "videoGenerationModel",
    "musicGenerationModel",
];

/// Every model reference of a merged config, in document order of the settings.
pub fn collect(merged: &Node) -> Vec<Site> {
    let aliases = aliases(merged);
    let mut out = Vec::new();
    let root = KeyPath::root();
    let agents = root.child_key("agents");
    if let Some(d) = merged.get("agents").and_then(|a| a.get("defaults")) {
        agent_sites(d, &agents.child_key("defaults"), &aliases, &mut out);
        if let Some(Some(media)) = d.get("mediaModels").map(Node::as_object) {
            for m in media {
                let at = agents.child_key("defaults").child_key("mediaModels").child_key(&m.key);
                setting(&m.value, &at, &aliases, &mut out);
            }
        }
        if let Some(Some(models)) = d.get("models").map(Node::as_object) {
            let at = agents.child_key("defaults").child_key("models");
            for m in models {
                out.push(Site {
                    setting: at.clone(),
                    path: at.child_key(&m.key),
                    role: Role::ModelsKey,
                    raw: m.key.clone(),
                    parsed: parse(&m.key, &[]),
                    file: m.value.file,
                    span: m.key_span,
                    string_form: false,
                });
            }
        }
    }
    if let Some(Some(entries)) = merged.get("agents").and_then(|a| a.get("entries")).map(Node::as_object) {
        for e in entries {
            agent_sites(&e.value, &agents.child_key("entries").child_key(&e.key), &aliases, &mut out);
        }
    }
    if let Some(Some(list)) = merged.get("agents").and_then(|a| a.get("list")).map(Node::as_array) {
        for (i, e) in list.iter().enumerate() {
            agent_sites(e, &agents.child_key("list").child_index(i), &aliases, &mut out);
        }
    }
    out
}

/// `agents.defaults.models` aliases: `(alias, ref)`.
pub fn aliases(merged: &Node) -> Vec<(String, String)> {
    let Some(Some(models)) =
        merged.get("agents").and_then(|a| a.get("defaults")).and_then(|d| d.get("models")).map(Node::as_object)
    else {
        return Vec::new();
    };
    models
        .iter()
        .filter_map(|m| Some((m.value.get("alias")?.as_str()?.trim().to_owned(), m.key.clone())))
        .filter(|(a, _)| !a.is_empty())
        .collect()
}

/// The model settings of one agent (or of `agents.defaults`), its subagent and heartbeat
/// models, and its `modelPolicy.allow`.
fn agent_sites(agent: &Node, at: &KeyPath, aliases: &[(String, String)], out: &mut Vec<Site>) {
    for name in MODEL_SETTINGS {
        if let Some(v) = agent.get(name) {
            setting(v, &at.child_key(name), aliases, out);
        }
    }
    for (parent, name) in [("subagents", "model"), ("heartbeat", "model")] {
        if let Some(v) = agent.get(parent).and_then(|p| p.get(name)) {
            setting(v, &at.child_key(parent).child_key(name), aliases, out);
        }
    }
    if let Some(Some(allow)) = agent.get("modelPolicy").and_then(|p| p.get("allow")).map(Node::as_array) {
        let setting = at.child_key("modelPolicy").child_key("allow");
        for (i, v) in allow.iter().enumerate() {
            if let Some(s) = v.as_str() {
                out.push(Site {
                    setting: setting.clone(),
                    path: setting.child_index(i),
                    role: Role::PolicyAllow,
                    raw: s.to_owned(),
                    parsed: parse(s, aliases),
                    file: v.file,
                    span: v.span,
                    string_form: false,
                });
            }
        }
    }
}

/// A model setting: a string (the primary) or `{primary, fallbacks}`.
fn setting(v: &Node, at: &KeyPath, aliases: &[(String, String)], out: &mut Vec<Site>) {
    let site = |n: &Node, path: KeyPath, role: Role, string_form: bool| {
        n.as_str().map(|s| Site {
            setting: at.clone(),
            path,
            role,
            raw: s.to_owned(),
            parsed: parse(s, aliases),
            file: n.file,
            span: n.span,
            string_form,
        })
    };
    if v.as_str().is_some() {
        out.extend(site(v, at.clone(), Role::Primary, true));
        return;
    }
    if let Some(p) = v.get("primary") {
        out.extend(site(p, at.child_key("primary"), Role::Primary, false));
    }
    if let Some(Some(fallbacks)) = v.get("fallbacks").map(Node::as_array) {
        for (i, f) in fallbacks.iter().enumerate() {
            out.extend(site(f, at.child_key("fallbacks").child_index(i), Role::Fallback(i), false));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(raw: &str) -> Option<(Option<String>, String, Option<String>)> {
        parse(raw, &[]).map(|r| (r.provider, r.model, r.profile))
    }

    fn some(provider: &str, model: &str, profile: Option<&str>) -> Option<(Option<String>, String, Option<String>)> {
        Some((Some(provider.into()), model.into(), profile.map(Into::into)))
    }

    #[test]
    fn splits_on_the_first_slash_and_lowercases_the_provider() {
        assert_eq!(p("ollama/llama3.2:3b"), some("ollama", "llama3.2:3b", None));
        assert_eq!(
            p("OpenRouter/qwen/qwen-2.5-vl-72b-instruct:free"),
            some("openrouter", "qwen/qwen-2.5-vl-72b-instruct:free", None)
        );
        assert_eq!(p(" openai/gpt-5.4 "), some("openai", "gpt-5.4", None));
        assert_eq!(p("openrouter:auto"), some("openrouter", "auto", None));
        assert_eq!(p("/gpt-5.4"), None);
        assert_eq!(p("openai/"), None);
        assert_eq!(p("  "), None);
        assert_eq!(p("opus"), Some((None, "opus".into(), None)));
    }

    #[test]
    fn profile_suffixes_like_openclaw() {
        assert_eq!(p("openai/gpt-5.4@openai:work"), some("openai", "gpt-5.4", Some("openai:work")));
        // A date and a quantization suffix are part of the model id.
        assert_eq!(p("anthropic/claude-3-5-sonnet@20241022"), some("anthropic", "claude-3-5-sonnet@20241022", None));
        assert_eq!(
            p("anthropic/claude-3-5-sonnet@20241022@anthropic:me"),
            some("anthropic", "claude-3-5-sonnet@20241022", Some("anthropic:me"))
        );
        assert_eq!(p("ollama/qwen3@q4_k_m"), some("ollama", "qwen3@q4_k_m", None));
        assert_eq!(p("ollama/qwen3@IQ3_XS@ollama:local"), some("ollama", "qwen3@IQ3_XS", Some("ollama:local")));
        assert_eq!(p("mlx/llama@8bit"), some("mlx", "llama@8bit", None));
        // `@` before the last `/` is not a profile; an empty profile is none.
        assert_eq!(p("a@b/c"), some("a@b", "c", None));
        assert_eq!(p("openai/gpt-5.4@"), some("openai", "gpt-5.4@", None));
        assert_eq!(split_profile("@work"), ("@work", None));
    }

    #[test]
    fn aliases_resolve_bare_names() {
        let aliases = vec![("Opus".to_owned(), "anthropic/claude-opus-4-7".to_owned())];
        let r = parse("opus@anthropic:work", &aliases).unwrap();
        assert_eq!(r.key(), "anthropic/claude-opus-4-7");
        assert_eq!(r.profile.as_deref(), Some("anthropic:work"));
        assert_eq!(r.alias.as_deref(), Some("Opus"));
        assert_eq!(parse("sonnet", &aliases).unwrap().provider, None);
    }

    #[test]
    fn collects_every_setting_with_its_path() {
        let text = r#"{
          agents: {
            defaults: {
              model: { primary: "opus", fallbacks: ["openai/gpt-5.5-pro", "ollama/llama3.2:3b"] },
              imageModel: "openai/gpt-5.4",
              mediaModels: { image: "openai/gpt-image-2" },
              subagents: { model: "openai/gpt-5.4-mini" },
              models: { "anthropic/claude-opus-4-7": { alias: "opus" } },
              modelPolicy: { allow: ["openai/*"] },
            },
            entries: { work: { model: "moonshot/kimi-k2.6" } },
            list: [{ id: "old", model: { fallbacks: ["openai-codex/gpt-5.4"] } }],
          },
        }"#;
        let tree = crate::document::parse_tree(text, FileId(0)).unwrap();
        let sites = collect(&tree);
        let got: Vec<(String, String, Option<String>)> =
            sites.iter().map(|s| (s.path.dotted(), s.raw.clone(), s.parsed.as_ref().map(ModelRef::key))).collect();
        let want = [
            ("agents.defaults.model.primary", "opus", Some("anthropic/claude-opus-4-7")),
            ("agents.defaults.model.fallbacks.0", "openai/gpt-5.5-pro", Some("openai/gpt-5.5-pro")),
            ("agents.defaults.model.fallbacks.1", "ollama/llama3.2:3b", Some("ollama/llama3.2:3b")),
            ("agents.defaults.imageModel", "openai/gpt-5.4", Some("openai/gpt-5.4")),
            ("agents.defaults.subagents.model", "openai/gpt-5.4-mini", Some("openai/gpt-5.4-mini")),
            ("agents.defaults.modelPolicy.allow.0", "openai/*", Some("openai/*")),
            ("agents.defaults.mediaModels.image", "openai/gpt-image-2", Some("openai/gpt-image-2")),
            (
                "agents.defaults.models.anthropic/claude-opus-4-7",
                "anthropic/claude-opus-4-7",
                Some("anthropic/claude-opus-4-7"),
            ),
            ("agents.entries.work.model", "moonshot/kimi-k2.6", Some("moonshot/kimi-k2.6")),
            ("agents.list.0.model.fallbacks.0", "openai-codex/gpt-5.4", Some("openai-codex/gpt-5.4")),
        ];
        let want: Vec<(String, String, Option<String>)> =
            want.iter().map(|(a, b, c)| ((*a).into(), (*b).into(), c.map(Into::into))).collect();
        assert_eq!(got, want);
        // Spans point at the strings.
        for s in &sites {
            let lit = &text[s.span.start..s.span.end];
            assert!(lit.contains(&s.raw), "{lit} vs {}", s.raw);
        }
        assert!(sites.iter().find(|s| s.path.dotted() == "agents.entries.work.model").unwrap().string_form);
    }

    proptest::proptest! {
        #[test]
        fn profile_split_never_loses_text(raw in "[ a-zA-Z0-9@/:._\\-é]{0,24}") {
            let (model, profile) = split_profile(&raw);
            match profile {
                None => proptest::prop_assert_eq!(model, raw.trim()),
                Some(p) => {
                    proptest::prop_assert!(!model.is_empty() && !p.is_empty());
                    proptest::prop_assert!(raw.trim().starts_with(model) && raw.trim().ends_with(p));
                }
            }
            let _ = parse(&raw, &[("x".into(), raw.clone())]);
        }
    }
}
