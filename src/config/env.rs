//! `${VAR}` references in string values, scanned exactly as OpenClaw's
//! `src/config/env-substitution.ts` scans them (facts §1.4; PR #1044):
//!
//! - `${NAME}` is substituted only when NAME matches `^[A-Z_][A-Z0-9_]*$`; NAME is everything
//!   up to the first `}`.
//! - `$${NAME}` (valid NAME) is an escape for the literal text `${NAME}`.
//! - Anything else — `${lower}`, `${VAR:-default}`, `${ VAR }`, an unterminated `${` — is left in
//!   the string literally, with no warning (#149551).
//! - Only string values are substituted, never object keys.
//!
//! clawlint records references and never substitutes values into anything it prints or writes.

use crate::document::{FileId, KeyPath, Span};

/// One `$…` construct found in a string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnvToken {
    /// `${NAME}`: OpenClaw substitutes it.
    Ref { name: String },
    /// `$${NAME}`: the literal text `${NAME}`.
    Escaped { name: String },
    /// `${…}` that OpenClaw leaves as it is.
    Literal { text: String, problem: LiteralProblem },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiteralProblem {
    /// `${VAR:-default}`, `${VAR-default}`, `${VAR:=x}`… : shell default syntax.
    ShellDefault,
    /// `${var}` / `${Var}`: lower-case letters.
    LowerCase,
    /// `${ VAR }`: blanks inside the braces.
    Whitespace,
    /// `${}`.
    Empty,
    /// `${1VAR}`, `${VAR.NAME}` and other characters OpenClaw's pattern refuses.
    BadName,
    /// `${VAR` with no closing brace.
    Unterminated,
    /// `${env:VAR}`, `${env.VAR}`: another tool's syntax (VS Code, opencode).
    ForeignSyntax,
}

pub fn is_valid_name(name: &str) -> bool {
    let b = name.as_bytes();
    !b.is_empty()
        && (b[0].is_ascii_uppercase() || b[0] == b'_')
        && b.iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'_')
}

fn classify(inner: &str) -> LiteralProblem {
    if inner.is_empty() {
        LiteralProblem::Empty
    } else if foreign_name(inner).is_some() {
        LiteralProblem::ForeignSyntax
    } else if inner.contains(":-") || inner.contains(":=") || inner.contains(":?") || inner.contains(":+") {
        LiteralProblem::ShellDefault
    } else if inner.trim() != inner {
        LiteralProblem::Whitespace
    } else if let Some((head, _)) = inner.split_once('-')
        && is_valid_name(head)
    {
        LiteralProblem::ShellDefault
    } else if is_valid_name(&inner.to_ascii_uppercase()) {
        LiteralProblem::LowerCase
    } else {
        LiteralProblem::BadName
    }
}

/// `env:NAME` or `env.NAME` (any case of `env`): the variable another tool's syntax names.
pub fn foreign_name(inner: &str) -> Option<&str> {
    let rest = inner.get(..4).filter(|p| p.eq_ignore_ascii_case("env:") || p.eq_ignore_ascii_case("env."))?;
    let name = &inner[rest.len()..];
    let b = name.as_bytes();
    let ok = !b.is_empty()
        && (b[0].is_ascii_alphabetic() || b[0] == b'_')
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_');
    ok.then_some(name)
}

/// A whole value that references a variable in another tool's syntax, which OpenClaw passes
/// on as literal text (it substitutes only `${NAME}`): `env:NAME`, `{env:NAME}` (opencode),
/// `$env:NAME` (PowerShell), `%NAME%` (cmd). Returns the variable's name. `${env:NAME}` is a
/// [`LiteralProblem::ForeignSyntax`] of [`scan`].
pub fn foreign_ref(value: &str) -> Option<&str> {
    let v = value.trim();
    // Outside `${…}` only an upper-case variable name counts: `env:prod` is a tag, not a
    // reference.
    let name = if let Some(inner) = v.strip_prefix('{').and_then(|x| x.strip_suffix('}')) {
        foreign_name(inner.trim())
    } else if let Some(inner) = v.strip_prefix('%').and_then(|x| x.strip_suffix('%')) {
        Some(inner)
    } else {
        foreign_name(v.strip_prefix('$').unwrap_or(v))
    };
    name.filter(|n| is_valid_name(n))
}

/// Scan one string value.
pub fn scan(s: &str) -> Vec<EnvToken> {
    let mut out = Vec::new();
    if !s.contains('$') {
        return out;
    }
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'$' {
            i += 1;
            continue;
        }
        // Escape: $${NAME} with a valid NAME.
        if b.get(i + 1) == Some(&b'$') && b.get(i + 2) == Some(&b'{') {
            let start = i + 3;
            if let Some(rel) = s[start..].find('}') {
                let name = &s[start..start + rel];
                if is_valid_name(name) {
                    out.push(EnvToken::Escaped { name: name.to_owned() });
                    i = start + rel + 1;
                    continue;
                }
            }
        }
        if b.get(i + 1) == Some(&b'{') {
            let start = i + 2;
            match s[start..].find('}') {
                Some(rel) => {
                    let name = &s[start..start + rel];
                    if is_valid_name(name) {
                        out.push(EnvToken::Ref { name: name.to_owned() });
                    } else {
                        out.push(EnvToken::Literal { text: s[i..start + rel + 1].to_owned(), problem: classify(name) });
                    }
                    i = start + rel + 1;
                    continue;
                }
                None => {
                    out.push(EnvToken::Literal { text: s[i..].to_owned(), problem: LiteralProblem::Unterminated });
                    break;
                }
            }
        }
        i += 1;
    }
    out
}

/// A substituted reference found in the merged config.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvRef {
    pub name: String,
    pub file: FileId,
    /// Span of the string value holding the reference.
    pub span: Span,
    /// OpenClaw path of that value.
    pub path: KeyPath,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn foreign_references() {
        assert_eq!(foreign_ref("{env:MINIMAX_API_KEY}"), Some("MINIMAX_API_KEY"));
        assert_eq!(foreign_ref("env:OPENAI_API_KEY"), Some("OPENAI_API_KEY"));
        assert_eq!(foreign_ref("$env:OPENAI_API_KEY"), Some("OPENAI_API_KEY"));
        assert_eq!(foreign_ref("%OPENAI_API_KEY%"), Some("OPENAI_API_KEY"));
        for not in [
            "${OPENAI_API_KEY}",
            "environment",
            "env:",
            "env:a b",
            "{env}",
            "%%",
            "sk-env:x",
            "env:prod",
            "{env:staging}",
        ] {
            assert_eq!(foreign_ref(not), None, "{not}");
        }
    }

    fn names(s: &str) -> Vec<String> {
        scan(s)
            .into_iter()
            .map(|t| match t {
                EnvToken::Ref { name } => format!("ref:{name}"),
                EnvToken::Escaped { name } => format!("esc:{name}"),
                EnvToken::Literal { text, problem } => format!("lit:{text}:{problem:?}"),
            })
            .collect()
    }

    #[test]
    fn scanning_matches_openclaw() {
        assert_eq!(names("plain"), Vec::<String>::new());
        assert_eq!(names("${OPENAI_API_KEY}"), ["ref:OPENAI_API_KEY"]);
        assert_eq!(names("${BASE}/v1/${_X1}"), ["ref:BASE", "ref:_X1"]);
        assert_eq!(names("$${LITERAL}"), ["esc:LITERAL"]);
        assert_eq!(names("${var}"), ["lit:${var}:LowerCase"]);
        assert_eq!(names("${VAR:-60}"), ["lit:${VAR:-60}:ShellDefault"]);
        assert_eq!(names("${VAR-60}"), ["lit:${VAR-60}:ShellDefault"]);
        assert_eq!(names("${ VAR }"), ["lit:${ VAR }:Whitespace"]);
        assert_eq!(names("${1VAR}"), ["lit:${1VAR}:BadName"]);
        assert_eq!(names("${env:OPENAI_API_KEY}"), ["lit:${env:OPENAI_API_KEY}:ForeignSyntax"]);
        assert_eq!(names("${env.HOME}"), ["lit:${env.HOME}:ForeignSyntax"]);
        assert_eq!(names("${}"), ["lit:${}:Empty"]);
        assert_eq!(names("x ${VAR"), ["lit:${VAR:Unterminated"]);
        assert_eq!(names("$VAR and $5"), Vec::<String>::new());
        // An escape only applies to a valid name; `$${var}` is `$` followed by a literal.
        assert_eq!(names("$${var}"), ["lit:${var}:LowerCase"]);
    }
}
