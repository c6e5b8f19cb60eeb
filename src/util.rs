//! Small helpers shared across modules.

/// [`edit_distance`] when it is at most `max`, found without the quadratic work for words whose
/// lengths alone rule it out (a 4 MB key is compared with nothing).
pub fn edit_distance_at_most(a: &str, b: &str, max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max * 4 || a.chars().count().abs_diff(b.chars().count()) > max {
        return None;
    }
    Some(edit_distance(a, b)).filter(|d| *d <= max)
}

/// `s` with every run of more than 200 non-blank characters shortened to its first 80 and last
/// 40 with `…` between: a 4 MB key quoted in a message prints as a line, not as 4 MB. Apply it
/// after masking secrets, never before (a clipped secret would no longer be recognised).
pub fn clip_runs(s: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 200;
    if s.len() <= MAX || !s.split_whitespace().any(|w| w.len() > MAX && w.chars().count() > MAX) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(MAX * 4);
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        let n = run.chars().count();
        if n > MAX {
            out.extend(run.chars().take(80));
            out.push('…');
            out.extend(run.chars().skip(n - 40));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in s.chars() {
        if c.is_whitespace() {
            flush(&mut run, &mut out);
            out.push(c);
        } else {
            run.push(c);
        }
    }
    flush(&mut run, &mut out);
    std::borrow::Cow::Owned(out)
}

/// Levenshtein distance over chars, for "did you mean" suggestions.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// `path` with the home directory written as `~` (for messages).
pub fn tilde(path: &std::path::Path) -> String {
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty())
        && let Ok(rest) = path.strip_prefix(std::path::Path::new(&home))
    {
        return format!("~/{}", rest.display());
    }
    path.display().to_string()
}

/// `s` on one line: line breaks and other control characters written as escapes (`\n`,
/// `\u{0}`), for formats with one finding per line (a path may hold a newline).
pub fn one_line(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| c.is_control() && c != '\t') {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push('\t'),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Control characters that are not layout (everything but `\t`, `\n`, `\r` and the escape
/// that starts clawlint's own colours) written as `\u{…}`: a NUL or a backspace in a key is
/// shown, not sent to the terminal.
pub fn visible_controls(s: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x1b');
    if !s.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Lexically normalise `.` and `..` (no file-system access).
pub fn normalize_path(p: &std::path::Path) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn distances() {
        assert_eq!(super::edit_distance("fallback", "fallbacks"), 1);
        assert_eq!(super::edit_distance("", "abc"), 3);
        assert_eq!(super::edit_distance("kitten", "sitting"), 3);
    }
}
