//! Key paths: OpenClaw's dotted paths (`agents.defaults.model.fallbacks.5`), bracketed paths for
//! keys that contain dots or slashes (`agents.defaults.models["openai/gpt-5.4"]`), and JSON
//! pointers (`/agents/defaults/models/openai~1gpt-5.4`).

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// A path from the document root to a value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyPath(pub Vec<Segment>);

impl KeyPath {
    pub fn root() -> Self {
        KeyPath(Vec::new())
    }

    /// Does this path match a dotted pattern where `*` stands for any one key or index
    /// (`channels.*.accounts.*.dmPolicy`)?
    pub fn matches(&self, pattern: &str) -> bool {
        // Called for every node against every pattern of some rules: no allocation, and out at
        // the first segment that differs.
        let mut segs = self.0.iter();
        for p in pattern.split('.') {
            let same = match segs.next() {
                None => false,
                Some(_) if p == "*" => true,
                Some(Segment::Key(k)) => p == k,
                Some(Segment::Index(i)) => p.parse::<usize>().ok() == Some(*i),
            };
            if !same {
                return false;
            }
        }
        segs.next().is_none()
    }

    /// Is this path at or under a dotted pattern (`models.providers.*` covers
    /// `models.providers.lan.apiKey`)?
    pub fn starts_with_pattern(&self, pattern: &str) -> bool {
        let n = pattern.split('.').count();
        n <= self.0.len() && KeyPath(self.0[..n].to_vec()).matches(pattern)
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    pub fn child_key(&self, key: &str) -> Self {
        let mut p = self.clone();
        p.0.push(Segment::Key(key.to_owned()));
        p
    }

    pub fn child_index(&self, i: usize) -> Self {
        let mut p = self.clone();
        p.0.push(Segment::Index(i));
        p
    }

    /// OpenClaw's own form: segments joined with `.`, even when a key contains `.` or `/`
    /// (this is what `config validate --json` and `doctor --lint --json` print). The root is
    /// `<root>`.
    pub fn dotted(&self) -> String {
        if self.0.is_empty() {
            return "<root>".to_owned();
        }
        let mut out = String::new();
        for (i, seg) in self.0.iter().enumerate() {
            if i > 0 {
                out.push('.');
            }
            match seg {
                Segment::Key(k) => out.push_str(k),
                Segment::Index(n) => out.push_str(&n.to_string()),
            }
        }
        out
    }

    /// JSON pointer (RFC 6901).
    pub fn pointer(&self) -> String {
        let mut out = String::new();
        for seg in &self.0 {
            out.push('/');
            match seg {
                Segment::Key(k) => out.push_str(&k.replace('~', "~0").replace('/', "~1")),
                Segment::Index(n) => out.push_str(&n.to_string()),
            }
        }
        out
    }

    /// Parse a JSON pointer. Array indices stay keys until resolved against a document
    /// (a pointer cannot tell `"0"` the key from `0` the index).
    pub fn parse_pointer(ptr: &str) -> Option<Vec<String>> {
        if ptr.is_empty() {
            return Some(Vec::new());
        }
        let rest = ptr.strip_prefix('/')?;
        Some(rest.split('/').map(|s| s.replace("~1", "/").replace("~0", "~")).collect())
    }

    /// Parse a dotted path with optional bracket segments: `a.b["x.y/z"][3].c`, `a.b.3`.
    /// Returns raw parts; plain parts may need re-joining against a document when a key
    /// contains dots (see `Node::resolve_dotted`).
    pub fn parse_dotted(path: &str) -> Option<Vec<PathPart>> {
        let mut parts = Vec::new();
        if path.is_empty() || path == "<root>" {
            return Some(parts);
        }
        let mut chars = path.char_indices().peekable();
        let mut cur = String::new();
        let mut expect_sep = false;
        while let Some((_, c)) = chars.next() {
            match c {
                '.' => {
                    if !expect_sep {
                        if cur.is_empty() {
                            return None;
                        }
                        parts.push(PathPart::Plain(std::mem::take(&mut cur)));
                    }
                    expect_sep = false;
                }
                '[' => {
                    if !cur.is_empty() {
                        parts.push(PathPart::Plain(std::mem::take(&mut cur)));
                    }
                    match chars.peek().map(|&(_, c)| c) {
                        Some(q @ ('"' | '\'')) => {
                            chars.next();
                            let mut key = String::new();
                            loop {
                                match chars.next()?.1 {
                                    '\\' => key.push(chars.next()?.1),
                                    c if c == q => break,
                                    c => key.push(c),
                                }
                            }
                            if chars.next()?.1 != ']' {
                                return None;
                            }
                            parts.push(PathPart::Quoted(key));
                        }
                        _ => {
                            let mut num = String::new();
                            loop {
                                match chars.next()?.1 {
                                    ']' => break,
                                    c => num.push(c),
                                }
                            }
                            parts.push(PathPart::Index(num.trim().parse().ok()?));
                        }
                    }
                    expect_sep = true;
                }
                c => {
                    if expect_sep {
                        return None;
                    }
                    cur.push(c);
                }
            }
        }
        if !cur.is_empty() {
            parts.push(PathPart::Plain(cur));
        } else if !expect_sep {
            return None;
        }
        Some(parts)
    }
}

/// One piece of a parsed dotted path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Unquoted text between dots: a key, or an array index if it is all digits.
    Plain(String),
    /// `["…"]`: always a key, taken literally.
    Quoted(String),
    /// `[3]`.
    Index(usize),
}

/// Human form: dotted, with bracket-quoting for keys that would be ambiguous.
impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("<root>");
        }
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Segment::Key(k) if is_plain_key(k) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Segment::Key(k) => write!(f, "[{}]", serde_json::to_string(k).map_err(|_| fmt::Error)?)?,
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

fn is_plain_key(k: &str) -> bool {
    !k.is_empty()
        && !k.bytes().all(|b| b.is_ascii_digit())
        && k.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '-' || c == ':')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kp(segs: &[Segment]) -> KeyPath {
        KeyPath(segs.to_vec())
    }

    #[test]
    fn matches_dotted_patterns() {
        let k = |s: &str| Segment::Key(s.into());
        let p = kp(&[k("channels"), k("telegram"), k("accounts"), Segment::Index(2), k("dmPolicy")]);
        assert!(p.matches("channels.*.accounts.*.dmPolicy"));
        assert!(p.matches("channels.telegram.accounts.2.dmPolicy"));
        assert!(!p.matches("channels.telegram.accounts.1.dmPolicy"));
        assert!(!p.matches("channels.*.accounts.*"), "shorter pattern");
        assert!(!p.matches("channels.*.accounts.*.dmPolicy.x"), "longer pattern");
        assert!(!p.matches("gateway.*.accounts.*.dmPolicy"));
        assert!(!KeyPath::root().matches("a") && !KeyPath::root().matches(""));
        assert!(kp(&[k("")]).matches(""), "an empty key is one segment");
        assert!(p.starts_with_pattern("channels.*") && p.starts_with_pattern("channels.telegram.accounts.2.dmPolicy"));
        assert!(
            !p.starts_with_pattern("channels.discord") && !p.starts_with_pattern("channels.*.accounts.*.dmPolicy.x")
        );
    }

    #[test]
    fn dotted_and_display() {
        let p = kp(&[
            Segment::Key("agents".into()),
            Segment::Key("defaults".into()),
            Segment::Key("models".into()),
            Segment::Key("openai/gpt-5.4".into()),
        ]);
        assert_eq!(p.dotted(), "agents.defaults.models.openai/gpt-5.4");
        assert_eq!(p.to_string(), "agents.defaults.models[\"openai/gpt-5.4\"]");
        assert_eq!(p.pointer(), "/agents/defaults/models/openai~1gpt-5.4");
        let q = kp(&[Segment::Key("fallbacks".into()), Segment::Index(5)]);
        assert_eq!(q.dotted(), "fallbacks.5");
        assert_eq!(q.to_string(), "fallbacks[5]");
        assert_eq!(KeyPath::root().dotted(), "<root>");
    }

    #[test]
    fn parse_dotted_forms() {
        use PathPart::*;
        assert_eq!(
            KeyPath::parse_dotted("agents.defaults.models[\"openai/gpt-5.4\"].alias"),
            Some(vec![
                Plain("agents".into()),
                Plain("defaults".into()),
                Plain("models".into()),
                Quoted("openai/gpt-5.4".into()),
                Plain("alias".into())
            ])
        );
        assert_eq!(
            KeyPath::parse_dotted("a.fallbacks[5]"),
            Some(vec![Plain("a".into()), Plain("fallbacks".into()), Index(5)])
        );
        assert_eq!(KeyPath::parse_dotted("a..b"), None);
        assert_eq!(KeyPath::parse_dotted("<root>"), Some(vec![]));
        assert_eq!(
            KeyPath::parse_pointer("/a/openai~1gpt-5.4/x~0y"),
            Some(vec!["a".into(), "openai/gpt-5.4".into(), "x~y".into()])
        );
    }
}
