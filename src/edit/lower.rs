//! Lowering fix operations onto one file's text.
//!
//! Every operation becomes text edits chosen with the file's [`Layout`] (read off the CST),
//! so the result keeps everything it does not touch byte for byte:
//! - **removing** a member or element takes its own line(s) when it has them — its indentation,
//!   its comma and a comment trailing on the same line go with it; comments on other lines, and
//!   comments before it on a shared line, stay. The comma of the previous member goes when the
//!   removed one was last and had none, so the file keeps its trailing-comma habit.
//! - **inserting** writes a new line in the indentation of its siblings, above the leading
//!   comment block of the member it goes before; keys and strings follow the file's [`Style`].
//! - **replacing** a value or **renaming** a key rewrites exactly that token, keeping its quotes.

use crate::document::{Node, Span};
use crate::edit::FixOp;
use crate::edit::layout::{Container, ItemKind, Layout};
use crate::edit::style::{Style, is_inline_space, line_indent, line_start};
use crate::edit::text::Edit;

/// A file ready for edits: its text, value tree, CST layout and style.
pub struct Editable<'a> {
    pub text: &'a str,
    pub tree: &'a Node,
    pub layout: Layout,
    pub style: Style,
}

impl<'a> Editable<'a> {
    /// Fails, with the reason, on the few JSON5 constructs the CST cannot hold losslessly.
    pub fn new(text: &'a str, tree: &'a Node) -> Result<Editable<'a>, String> {
        let cst = crate::document::Cst::parse(text)?;
        if cst.print() != text {
            return Err("the syntax tree does not reproduce the file byte for byte".into());
        }
        let layout = Layout::new(&cst);
        let style = Style::detect(text, tree, &layout);
        Ok(Editable { text, tree, layout, style })
    }

    /// The edits for one operation, or why it cannot be applied here.
    pub fn lower(&self, op: &FixOp) -> Result<Vec<Edit>, String> {
        match op {
            FixOp::RemoveProperty { member: span, .. } | FixOp::RemoveElement { element: span, .. } => {
                let (c, i) = self.layout.member(*span).ok_or_else(|| format!("no member at {span:?}"))?;
                Ok(remove(self.text, c, i))
            }
            FixOp::ReplaceValue { value, new, .. } => {
                let old = &self.text[value.start..value.end];
                let style = match old.chars().next() {
                    Some(q @ ('"' | '\'')) => Style { quote: q, ..self.style.clone() },
                    _ => self.style.clone(),
                };
                let unquoted = self.style.unquoted_keys;
                let indent = line_indent(self.text, value.start);
                Ok(vec![Edit::replace(*value, style.value(new, unquoted, indent, false))])
            }
            FixOp::RenameKey { key, new, .. } => {
                let old = &self.text[key.start..key.end];
                let text = match old.chars().next() {
                    Some(q @ ('"' | '\'')) => Style { quote: q, ..self.style.clone() }.key(new, false),
                    _ => self.style.key(new, true),
                };
                Ok(vec![Edit::replace(*key, text)])
            }
            FixOp::InsertProperty { object, key, value, index, .. } => {
                let c = self.layout.container(*object).ok_or_else(|| format!("no object at {object:?}"))?;
                let node = self.tree.find_span(*object).ok_or_else(|| format!("no object at {object:?}"))?;
                if !c.is_object {
                    return Err("insert target is not an object".into());
                }
                let unquoted = self.style.keys_unquoted_in(self.text, node);
                let render = |indent: &str, inline: bool| self.style.value(value, unquoted, indent, inline);
                Ok(insert(self, c, node, key, &render, *index))
            }
            FixOp::MoveProperty { member, value, object, path, .. } => self.lower_move(*member, *value, *object, path),
        }
    }

    /// Remove the member and insert its value's text, verbatim, in its new home. When the new
    /// home is the member's own object, the new member takes the old one's place.
    fn lower_move(&self, member: Span, value: Span, object: Span, path: &[String]) -> Result<Vec<Edit>, String> {
        let (src, i) = self.layout.member(member).ok_or_else(|| format!("no member at {member:?}"))?;
        let c = self.layout.container(object).ok_or_else(|| format!("no object at {object:?}"))?;
        let node = self.tree.find_span(object).ok_or_else(|| format!("no object at {object:?}"))?;
        let (key, nested) = path.split_first().ok_or("no destination key")?;
        if !c.is_object {
            return Err("move target is not an object".into());
        }
        let raw = &self.text[value.start..value.end];
        // Re-indenting must not touch string contents: refuse multi-line strings.
        if raw.contains("\\\n") || raw.contains("\\\r\n") {
            return Err("the value holds a multi-line string".into());
        }
        let from = line_indent(self.text, member.start).to_owned();
        let unquoted = self.style.keys_unquoted_in(self.text, node);
        // On a line shared with its siblings, a multi-line value is laid out as if it were a
        // member of the line the object starts on.
        let shared = line_indent(self.text, object.start).to_owned();
        let render = |indent: &str, inline: bool| {
            self.nest(nested, raw, &from, if inline { &shared } else { indent }, unquoted, inline)
        };
        let same = src.span == c.span;
        let index = same.then(|| c.members().position(|(j, _)| j == i)).flatten();
        let mut edits = remove_keeping_comments(self.text, src, i);
        edits.extend(insert(self, c, node, key, &render, index));
        Ok(edits)
    }

    /// `raw` (written at indentation `from`) under the keys `nested`, for a member at `indent`.
    /// `inline`: the member shares its line with its siblings, so a one-line value stays on it.
    fn nest(&self, nested: &[String], raw: &str, from: &str, indent: &str, unquoted: bool, inline: bool) -> String {
        let Some((key, rest)) = nested.split_first() else { return reindent(raw, from, indent) };
        let key = self.style.key(key, unquoted);
        if inline && !raw.contains('\n') {
            return format!("{{ {key}: {} }}", self.nest(rest, raw, from, indent, unquoted, true));
        }
        let inner = format!("{indent}{}", self.style.indent_unit);
        let nl = self.style.newline;
        let trail = if self.style.trailing_commas { "," } else { "" };
        let value = self.nest(rest, raw, from, &inner, unquoted, false);
        format!("{{{nl}{inner}{key}: {value}{trail}{nl}{indent}}}")
    }
}

/// Move `raw`'s continuation lines from indentation `from` to `to` (lines indented less than
/// `from`, e.g. a closing brace at column 0, keep what they have beyond the common part).
fn reindent(raw: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for (n, line) in raw.split_inclusive('\n').enumerate() {
        if n == 0 {
            out.push_str(line);
        } else if let Some(rest) = line.strip_prefix(from) {
            out.push_str(to);
            out.push_str(rest);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The comma that ends member `i`, if any.
fn comma_after(c: &Container, i: usize) -> Option<usize> {
    let j = i + 1 + c.items[i + 1..].iter().position(|it| !it.kind.is_trivia())?;
    (c.items[j].kind == ItemKind::Comma).then_some(j)
}

/// The comma between the previous member and member `i`, if any.
fn comma_before(c: &Container, i: usize) -> Option<usize> {
    let j = c.items[..i].iter().rposition(|it| !it.kind.is_trivia())?;
    (c.items[j].kind == ItemKind::Comma).then_some(j)
}

/// The newline that ends the line after item `after`, if only whitespace and single-line
/// comments come before it.
fn end_of_line(text: &str, c: &Container, after: usize) -> Option<usize> {
    for (j, it) in c.items.iter().enumerate().skip(after + 1) {
        match it.kind {
            ItemKind::Whitespace | ItemKind::LineComment => {}
            ItemKind::BlockComment if !text[it.span.start..it.span.end].contains('\n') => {}
            ItemKind::Newline => return Some(j),
            _ => return None,
        }
    }
    None
}

/// Start of the whitespace run directly before item `i`.
fn space_before(c: &Container, i: usize) -> usize {
    let mut k = i;
    while k > 0 && c.items[k - 1].kind == ItemKind::Whitespace {
        k -= 1;
    }
    c.items[k].span.start
}

fn starts_line(text: &str, pos: usize) -> bool {
    let ls = line_start(text, pos);
    text[ls..pos].chars().all(is_inline_space)
}

/// Like [`remove`], but a comment on the member's own line stays (on that line): the member
/// moves elsewhere, its comment is the user's text.
fn remove_keeping_comments(text: &str, c: &Container, i: usize) -> Vec<Edit> {
    let comma = comma_after(c, i);
    let last = comma.unwrap_or(i);
    let commented =
        end_of_line(text, c, last).is_some_and(|j| c.items[last + 1..j].iter().any(|it| it.kind.is_comment()));
    if !commented || !starts_line(text, c.items[i].span.start) {
        return remove(text, c, i);
    }
    let mut end = c.items[last].span.end;
    for it in &c.items[last + 1..] {
        if it.kind != ItemKind::Whitespace {
            break;
        }
        end = it.span.end;
    }
    vec![Edit::delete(Span::new(c.items[i].span.start, end))]
}

fn remove(text: &str, c: &Container, i: usize) -> Vec<Edit> {
    let items = &c.items;
    let n = items[i].span;
    let others = c.members().any(|(j, _)| j != i);
    if !others
        && !items.iter().any(|it| it.kind.is_comment())
        && let (Some(open), Some(close)) = (c.open(), c.close())
    {
        return vec![Edit::delete(Span::new(open.span.end, close.span.start))];
    }
    let comma = comma_after(c, i);
    let prev_comma = comma_before(c, i);
    let eol = end_of_line(text, c, comma.unwrap_or(i));
    let own_line = starts_line(text, n.start);
    if own_line && let Some(j) = eol {
        let mut edits = vec![Edit::delete(Span::new(line_start(text, n.start), items[j].span.end))];
        if comma.is_none()
            && let Some(p) = prev_comma
        {
            edits.push(Edit::delete(items[p].span));
        }
        return edits;
    }
    let before = space_before(c, i);
    match (comma, prev_comma) {
        (Some(cm), _) if eol.is_some() => vec![Edit::delete(Span::new(before, items[cm].span.end))],
        (Some(cm), _) => {
            let mut end = items[cm].span.end;
            for it in &items[cm + 1..] {
                if it.kind != ItemKind::Whitespace {
                    break;
                }
                end = it.span.end;
            }
            vec![Edit::delete(Span::new(n.start, end))]
        }
        (None, Some(p)) if before == items[p].span.end => vec![Edit::delete(Span::new(items[p].span.start, n.end))],
        (None, Some(p)) => vec![Edit::delete(items[p].span), Edit::delete(Span::new(before, n.end))],
        (None, None) => vec![Edit::delete(Span::new(before, n.end))],
    }
}

/// Insert `key: <value>` into object `c`; `render(indent, inline)` writes the value for a
/// member at `indent` (`inline`: on one line with its siblings).
fn insert(
    file: &Editable<'_>,
    c: &Container,
    object: &Node,
    key: &str,
    render: &dyn Fn(&str, bool) -> String,
    index: Option<usize>,
) -> Vec<Edit> {
    let (text, style) = (file.text, &file.style);
    let nl = style.newline;
    let unquoted = style.keys_unquoted_in(text, object);
    let key = style.key(key, unquoted);
    let members: Vec<usize> = c.members().map(|(j, _)| j).collect();
    let (Some(open), Some(close)) = (c.open(), c.close()) else { return Vec::new() };
    let outer = line_indent(text, c.span.start);
    let inner = format!("{outer}{}", style.indent_unit);
    let trail = if style.trailing_commas { "," } else { "" };

    if members.is_empty() {
        let value = render(&inner, false);
        let inside = Span::new(open.span.end, close.span.start);
        return if text[inside.start..inside.end].chars().all(char::is_whitespace) {
            vec![Edit::replace(inside, format!("{nl}{inner}{key}: {value}{trail}{nl}{outer}"))]
        } else {
            vec![Edit::insert(open.span.end, format!("{nl}{inner}{key}: {value}{trail}"))]
        };
    }

    let first = c.items[members[0]].span;
    let multiline = text[open.span.end..first.start].contains('\n');
    let idx = index.unwrap_or(members.len()).min(members.len());
    if !multiline {
        let value = render("", true);
        if idx < members.len() {
            return vec![Edit::insert(c.items[members[idx]].span.start, format!("{key}: {value}, "))];
        }
        let last = *members.last().unwrap_or(&0);
        return match comma_after(c, last) {
            Some(cm) => vec![Edit::insert(c.items[cm].span.end, format!(" {key}: {value},"))],
            None => vec![Edit::insert(c.items[last].span.end, format!(", {key}: {value}"))],
        };
    }

    if idx < members.len() {
        let mi = members[idx];
        let m = c.items[mi].span;
        if !starts_line(text, m.start) {
            let value = render(line_indent(text, m.start), true);
            return vec![Edit::insert(m.start, format!("{key}: {value}, "))];
        }
        let indent = line_indent(text, m.start);
        let value = render(indent, false);
        return vec![Edit::insert(leading_block_start(c, mi), format!("{indent}{key}: {value},{nl}"))];
    }

    let last = *members.last().unwrap_or(&0);
    let l = c.items[last].span;
    let indent = if starts_line(text, l.start) { line_indent(text, l.start).to_owned() } else { inner.clone() };
    let comma = comma_after(c, last);
    match end_of_line(text, c, comma.unwrap_or(last)) {
        Some(j) => {
            let value = render(&indent, false);
            let own = if comma.is_some() { "," } else { "" };
            let mut edits = vec![Edit::insert(c.items[j].span.end, format!("{indent}{key}: {value}{own}{nl}"))];
            if comma.is_none() {
                edits.push(Edit::insert(l.end, ","));
            }
            edits
        }
        None => {
            let value = render(&indent, true);
            match comma {
                Some(cm) => vec![Edit::insert(c.items[cm].span.end, format!(" {key}: {value},"))],
                None => vec![Edit::insert(l.end, format!(", {key}: {value}"))],
            }
        }
    }
}

/// Where the lines that belong to member `mi` begin: the start of its own line, or of the
/// comment-only lines directly above it.
fn leading_block_start(c: &Container, mi: usize) -> usize {
    let items = &c.items;
    let mut pos = mi;
    while pos > 0 && items[pos - 1].kind == ItemKind::Whitespace {
        pos -= 1;
    }
    loop {
        if pos == 0 || items[pos - 1].kind != ItemKind::Newline {
            break;
        }
        let mut j = pos - 1;
        let mut comment = false;
        while j > 0
            && matches!(items[j - 1].kind, ItemKind::Whitespace | ItemKind::LineComment | ItemKind::BlockComment)
        {
            comment |= items[j - 1].kind.is_comment();
            j -= 1;
        }
        if comment && j > 0 && items[j - 1].kind == ItemKind::Newline {
            pos = j;
        } else {
            break;
        }
    }
    items[pos].span.start
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{FileId, parse_tree};
    use crate::edit::text::apply;

    fn run(text: &str, op: impl Fn(&Node) -> FixOp) -> String {
        let tree = parse_tree(text, FileId(0)).unwrap();
        let file = Editable::new(text, &tree).unwrap();
        let edits = file.lower(&op(&tree)).unwrap();
        let out = apply(text, &edits);
        parse_tree(&out, FileId(0)).unwrap_or_else(|e| panic!("{e:?}\n{out}"));
        out
    }

    fn member(path: &str) -> impl Fn(&Node) -> FixOp + '_ {
        move |tree| {
            let kp = tree.resolve_dotted(path).unwrap();
            let (last, parent) = kp.0.split_last().unwrap();
            let parent = tree.at(&crate::document::KeyPath(parent.to_vec())).unwrap();
            match last {
                crate::document::Segment::Key(k) => {
                    let m = parent.as_object().unwrap().iter().find(|m| &m.key == k).unwrap();
                    FixOp::RemoveProperty { file: FileId(0), member: m.span() }
                }
                crate::document::Segment::Index(i) => {
                    FixOp::RemoveElement { file: FileId(0), element: parent.as_array().unwrap()[*i].span }
                }
            }
        }
    }

    const GW: &str = "{\n  // about gateway\n  gateway: {\n    mode: \"remote\",   // ignored\n    port: 18789,\n    mode: \"local\"    // wins\n  },\n}\n";

    fn mv(from: &'static str, to: &'static str) -> impl Fn(&Node) -> FixOp {
        move |tree| {
            let kp = tree.resolve_dotted(from).unwrap();
            let (crate::document::Segment::Key(k), parent) = kp.0.split_last().unwrap() else { panic!() };
            let m = tree.at(&crate::document::KeyPath(parent.to_vec())).unwrap().member(k).unwrap();
            let segs: Vec<&str> = to.split('.').collect();
            let mut object = tree;
            let mut depth = 0;
            while let Some(next) = object.get(segs[depth]) {
                object = next;
                depth += 1;
            }
            FixOp::MoveProperty {
                file: FileId(0),
                member: m.span(),
                value: m.value.span,
                object: object.span,
                path: segs[depth..].iter().map(|s| s.to_string()).collect(),
            }
        }
    }

    #[test]
    fn moves_keep_the_value_text_and_comments() {
        let t = "{\n  messages: {\n    ack: 1,\n    tts: {\n      auto: \"off\", // not yet\n      /* who */ provider: \"x\",\n    }, // speech\n  },\n}\n";
        assert_eq!(
            run(t, mv("messages.tts", "tts")),
            "{\n  messages: {\n    ack: 1,\n    // speech\n  },\n  tts: {\n    auto: \"off\", // not yet\n    /* who */ provider: \"x\",\n  },\n}\n"
        );
        // Objects on the way are created, in the file's style.
        let t = "{\n  \"agents\": {\n    \"defaults\": { \"memorySearch\": { \"enabled\": true } }\n  }\n}\n";
        assert_eq!(
            run(t, mv("agents.defaults.memorySearch", "memory.search")),
            "{\n  \"agents\": {\n    \"defaults\": {}\n  },\n  \"memory\": {\n    \"search\": { \"enabled\": true }\n  }\n}\n"
        );
        // Inside the same object, the new member takes the old one's place.
        let t = "{ session: { a: 1, idleMinutes: 30, b: 2 } }";
        assert_eq!(
            run(t, mv("session.idleMinutes", "session.reset.idleMinutes")),
            "{ session: { a: 1, reset: { idleMinutes: 30 }, b: 2 } }"
        );
    }

    #[test]
    fn removes_own_lines_with_trailing_comment() {
        assert_eq!(
            run(GW, member("gateway.port")),
            "{\n  // about gateway\n  gateway: {\n    mode: \"remote\",   // ignored\n    mode: \"local\"    // wins\n  },\n}\n"
        );
    }

    #[test]
    fn removing_last_drops_previous_comma() {
        let tree = parse_tree(GW, FileId(0)).unwrap();
        let gw = tree.get("gateway").unwrap().as_object().unwrap();
        let last = gw[2].span();
        let out = run(GW, |_| FixOp::RemoveProperty { file: FileId(0), member: last });
        assert_eq!(
            out,
            "{\n  // about gateway\n  gateway: {\n    mode: \"remote\",   // ignored\n    port: 18789\n  },\n}\n"
        );
    }

    #[test]
    fn shared_lines_keep_comments() {
        let t = "{ /* keep */ a: 1, b: 2, // about b\n c: [1, /* x */ 2, 3], d: {} }";
        assert_eq!(run(t, member("a")), "{ /* keep */ b: 2, // about b\n c: [1, /* x */ 2, 3], d: {} }");
        assert_eq!(run(t, member("c.1")), "{ /* keep */ a: 1, b: 2, // about b\n c: [1, /* x */ 3], d: {} }");
        assert_eq!(run(t, member("c.2")), "{ /* keep */ a: 1, b: 2, // about b\n c: [1, /* x */ 2], d: {} }");
        assert_eq!(run(t, member("d")), "{ /* keep */ a: 1, b: 2, // about b\n c: [1, /* x */ 2, 3] }");
        assert_eq!(run(t, member("b")), "{ /* keep */ a: 1, // about b\n c: [1, /* x */ 2, 3], d: {} }");
        assert_eq!(run("{a: [1]}", member("a.0")), "{a: []}");
        assert_eq!(run("{a: {b: 1}}", member("a.b")), "{a: {}}");
    }

    #[test]
    fn sole_member_collapses() {
        assert_eq!(run("{\n  a: {\n    b: 1,\n  },\n}", member("a.b")), "{\n  a: {},\n}");
        assert_eq!(run("{\n  a: {\n    // note\n    b: 1,\n  },\n}", member("a.b")), "{\n  a: {\n    // note\n  },\n}");
    }

    /// Insert `key: value` into the object at `object` (a dotted path; "" for the root).
    fn insert_into(text: &str, object: &str, key: &str, value: serde_json::Value, index: Option<usize>) -> String {
        run(text, |tree| {
            let node = if object.is_empty() { tree } else { tree.at(&tree.resolve_dotted(object).unwrap()).unwrap() };
            FixOp::InsertProperty { file: FileId(0), object: node.span, key: key.into(), value: value.clone(), index }
        })
    }

    #[test]
    fn inserts_in_style() {
        let t = "{\n  gateway: {\n    // the port\n    port: 18789,\n  },\n  'x-y': 'z',\n}\n";
        assert_eq!(
            insert_into(t, "gateway", "mode", serde_json::json!("local"), Some(0)),
            "{\n  gateway: {\n    mode: 'local',\n    // the port\n    port: 18789,\n  },\n  'x-y': 'z',\n}\n"
        );
        assert_eq!(
            insert_into(t, "gateway", "mode", serde_json::json!("local"), None),
            "{\n  gateway: {\n    // the port\n    port: 18789,\n    mode: 'local',\n  },\n  'x-y': 'z',\n}\n"
        );
        assert_eq!(
            insert_into("{\n\t\"a\": {\n\t\t\"b\": 1 // c\n\t}\n}", "a", "n", serde_json::json!({"k": [1]}), None),
            "{\n\t\"a\": {\n\t\t\"b\": 1, // c\n\t\t\"n\": {\n\t\t\t\"k\": [1]\n\t\t}\n\t}\n}"
        );
        assert_eq!(insert_into("{a: {}}", "a", "b", serde_json::json!(1), None), "{a: {\n  b: 1\n}}");
    }

    #[test]
    fn replace_and_rename_keep_quotes() {
        let t = "{'a': 'x', b: \"y\"}";
        let tree = parse_tree(t, FileId(0)).unwrap();
        let a = tree.member("a").unwrap().clone();
        let b = tree.member("b").unwrap().clone();
        let out =
            run(t, |_| FixOp::ReplaceValue { file: FileId(0), value: a.value.span, new: serde_json::json!("it's") });
        assert_eq!(out, "{'a': 'it\\'s', b: \"y\"}");
        assert_eq!(
            run(t, |_| FixOp::RenameKey { file: FileId(0), key: a.key_span, new: "aa".into() }),
            "{'aa': 'x', b: \"y\"}"
        );
        assert_eq!(
            run(t, |_| FixOp::RenameKey { file: FileId(0), key: b.key_span, new: "c".into() }),
            "{'a': 'x', c: \"y\"}"
        );
        assert_eq!(
            run(t, |_| FixOp::RenameKey { file: FileId(0), key: b.key_span, new: "c-d".into() }),
            "{'a': 'x', 'c-d': \"y\"}"
        );
    }
}
