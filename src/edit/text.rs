//! Text edits: the form every fix operation takes once lowered onto a file.

use crate::document::Span;

/// Replace `span` of a file's text with `text` (an insertion when the span is empty).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

impl Edit {
    pub fn delete(span: Span) -> Edit {
        Edit { span, text: String::new() }
    }

    pub fn insert(at: usize, text: impl Into<String>) -> Edit {
        Edit { span: Span::new(at, at), text: text.into() }
    }

    pub fn replace(span: Span, text: impl Into<String>) -> Edit {
        Edit { span, text: text.into() }
    }

    /// Whether two edits cannot both be applied: their ranges intersect, or they insert at
    /// the same place (the order would be a guess), or one inserts inside the other's range.
    pub fn conflicts(&self, other: &Edit) -> bool {
        let (a, b) = (self.span, other.span);
        if a.start.max(b.start) < a.end.min(b.end) {
            return true;
        }
        if a.start == b.start && (a.is_empty() || b.is_empty()) {
            return true;
        }
        let inside = |p: &Span, q: &Span| p.is_empty() && q.start < p.start && p.start < q.end;
        inside(&a, &b) || inside(&b, &a)
    }
}

/// Apply non-conflicting edits to `text`. Edits are applied in order of position; the caller
/// guarantees they do not conflict.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in sorted {
        debug_assert!(e.span.start >= at, "overlapping edits");
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.text);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conflicts() {
        let e = |s, t| Edit::delete(Span::new(s, t));
        assert!(e(0, 5).conflicts(&e(4, 6)));
        assert!(!e(0, 5).conflicts(&e(5, 6)));
        assert!(Edit::insert(5, "x").conflicts(&Edit::insert(5, "y")));
        assert!(Edit::insert(3, "x").conflicts(&e(0, 5)));
        assert!(!Edit::insert(5, "x").conflicts(&e(0, 5)));
        assert_eq!(apply("abcdef", &[e(4, 5), Edit::replace(Span::new(0, 1), "X"), Edit::insert(2, "-")]), "Xb-cdf");
    }
}
