//! Unified diffs of a fix, `--- a/<path>` / `+++ b/<path>` like git, coloured on request.

use similar::TextDiff;

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// The unified diff from `old` to `new` for the file shown as `path`; empty when equal.
pub fn unified(old: &str, new: &str, path: &str, color: bool) -> String {
    if old == new {
        return String::new();
    }
    let diff = TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(CONTEXT)
        .missing_newline_hint(true)
        .header(&header_path("a/", path), &header_path("b/", path))
        .to_string();
    if color { paint(&text) } else { text }
}

/// A diff header's path as git writes it: `a/` + the path without a leading `/` (never
/// `a//abs`), C-quoted when it holds a quote, a backslash or a control character.
fn header_path(prefix: &str, path: &str) -> String {
    let p = format!("{prefix}{}", path.trim_start_matches('/'));
    if !p.chars().any(|c| c == '"' || c == '\\' || c.is_control()) {
        return p;
    }
    let mut q = String::from("\"");
    for c in p.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\t' => q.push_str("\\t"),
            '\r' => q.push_str("\\r"),
            c if c.is_control() => q.push_str(&format!("\\{:03o}", c as u32)),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// Only the hunks (no file header): how one fix is shown during review.
pub fn hunks(old: &str, new: &str, color: bool) -> String {
    let full = unified(old, new, "", false);
    let body: String = full.split_inclusive('\n').skip(2).collect();
    if color { paint(&body) } else { body }
}

/// Colour diff lines: headers bold, hunk headers cyan, removals red, additions green.
pub fn paint(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    // `---`/`+++` are file headers only before the first hunk; later they are a removed `--…`
    // or an added `++…` line.
    let mut in_hunk = false;
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        in_hunk |= body.starts_with("@@");
        let code = if !in_hunk && (body.starts_with("---") || body.starts_with("+++")) {
            "\x1b[1m"
        } else if body.starts_with("@@") {
            "\x1b[36m"
        } else if body.starts_with('-') {
            "\x1b[31m"
        } else if body.starts_with('+') {
            "\x1b[32m"
        } else {
            ""
        };
        if code.is_empty() {
            out.push_str(line);
        } else {
            out.push_str(code);
            out.push_str(body);
            out.push_str("\x1b[0m");
            out.push_str(end);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn git_style_headers_and_colour() {
        let d = unified("a\nb\nc\n", "a\nc\n", "cfg/openclaw.json", false);
        assert_eq!(d, "--- a/cfg/openclaw.json\n+++ b/cfg/openclaw.json\n@@ -1,3 +1,2 @@\n a\n-b\n c\n");
        assert_eq!(unified("x", "x", "p", true), "");
        let c = unified("a\n", "b\n", "p", true);
        assert!(c.contains("\x1b[31m-a\x1b[0m\n") && c.contains("\x1b[32m+b\x1b[0m\n"), "{c:?}");
        assert_eq!(hunks("a\nb\n", "a\n", false), "@@ -1,2 +1 @@\n a\n-b\n");
        assert!(unified("a", "b", "p", false).contains("\\ No newline at end of file"));
        // A removed line that starts with `--` is a removal, not a header.
        assert!(paint("@@ -1 +1 @@\n--- x\n").contains("\x1b[31m--- x\x1b[0m"));
    }
}
