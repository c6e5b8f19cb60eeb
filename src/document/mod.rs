//! One JSON5 file: its exact bytes, line index, value tree with spans, and (for edits) its CST.
//!
//! Parsing has two steps. [`json5::check`] decides acceptance and error positions exactly as
//! OpenClaw's parser (json5 2.2.3) does; then `jsonc-parser` builds the AST our [`Node`] tree is
//! made from, and on demand the CST that lossless edits go through.

pub mod json5;
pub mod path;
pub mod span;
pub mod tree;

use std::path::PathBuf;
use std::sync::Arc;

pub use json5::Json5Error;
pub use span::{FileId, Span};
pub use tree::to_json;

const BOM: &str = "\u{FEFF}";
pub use path::{KeyPath, Segment};
pub use tree::{Kind, Member, Node};

/// Why a file has no value tree.
#[derive(Debug, Clone, PartialEq)]
pub enum ParseFailure {
    /// OpenClaw rejects the file too.
    Syntax(Json5Error),
    /// OpenClaw accepts the file but clawlint's AST builder cannot read this construct
    /// (lone surrogate escapes, escaped identifiers, exotic whitespace). Reported honestly
    /// instead of guessing.
    Unsupported { offset: usize, message: String },
}

impl ParseFailure {
    pub fn offset(&self) -> usize {
        match self {
            ParseFailure::Syntax(e) => e.offset,
            ParseFailure::Unsupported { offset, .. } => *offset,
        }
    }
}

/// Maps byte offsets to 1-based line and column. Lines end at `\n` only and columns count
/// UTF-16 code units: OpenClaw's (json5's) convention, which editors also use.
///
/// Every look-up is O(log n) in lines plus at most [`MARK_EVERY`] bytes: an ASCII text counts
/// columns in bytes, any other keeps the UTF-16 column at a mark every few KiB, so thousands of
/// findings on one long line (a minified config) do not each count from the line's start.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `None` for ASCII text; else (byte offset, UTF-16 column there), in order.
    marks: Option<Vec<(usize, usize)>>,
}

/// How far apart the column marks of a non-ASCII text are, in bytes.
const MARK_EVERY: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr_newlines(text));
        let marks = (!text.is_ascii()).then(|| {
            let mut marks = Vec::with_capacity(text.len() / MARK_EVERY + 1);
            let (mut col, mut next) = (0usize, MARK_EVERY);
            for (i, c) in text.char_indices() {
                if i >= next {
                    marks.push((i, col));
                    next = i + MARK_EVERY;
                }
                col = if c == '\n' { 0 } else { col + c.len_utf16() };
            }
            marks
        });
        LineIndex { starts, marks }
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// How many lines the text has (a final line without `\n` counts).
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// Where 0-based `line` starts (the text's length past the last line).
    pub fn start(&self, line: usize, text: &str) -> usize {
        self.starts.get(line).copied().unwrap_or(text.len())
    }

    /// (line, column), both 1-based. `offset` is clamped to the text.
    pub fn line_col(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let col = match &self.marks {
            None => end - start,
            Some(marks) => {
                // Count from the last mark on this line before `end`, else from the line start.
                let (from, base) = match marks.partition_point(|&(at, _)| at <= end) {
                    0 => (start, 0),
                    i if marks[i - 1].0 >= start => marks[i - 1],
                    _ => (start, 0),
                };
                base + text[from..end].chars().map(char::len_utf16).sum::<usize>()
            }
        };
        (line as u32 + 1, col as u32 + 1)
    }
}

fn memchr_newlines(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i + 1)
}

/// How the message of a file that is not UTF-8 starts.
pub const NOT_UTF8: &str = "the file is not valid UTF-8";

/// A parsed JSON5 file.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: FileId,
    pub path: PathBuf,
    /// The path as the user should see it (as given, or relative to where it was found).
    pub display: String,
    pub text: Arc<str>,
    pub lines: LineIndex,
    pub root: Result<Node, ParseFailure>,
}

impl Document {
    pub fn parse(id: FileId, path: PathBuf, display: String, text: Arc<str>) -> Document {
        let lines = LineIndex::new(&text);
        let root = parse_tree(&text, id);
        Document { id, path, display, text, lines, root }
    }

    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        self.lines.line_col(&self.text, offset)
    }

    /// The file is not UTF-8 (its text is only the valid start; see `config::not_utf8`).
    pub fn not_utf8(&self) -> bool {
        matches!(&self.root, Err(ParseFailure::Unsupported { message, .. }) if message.starts_with(NOT_UTF8))
    }

    pub fn tree(&self) -> Option<&Node> {
        self.root.as_ref().ok()
    }
}

fn jsonc_options() -> jsonc_parser::ParseOptions {
    jsonc_parser::ParseOptions { allow_missing_commas: false, ..Default::default() }
}

/// Parse text into a value tree, with OpenClaw's acceptance rules.
pub fn parse_tree(text: &str, file: FileId) -> Result<Node, ParseFailure> {
    let shadow = json5::check(text).map_err(ParseFailure::Syntax)?;
    let shadowed = shadow.apply(text);
    let text = shadowed.as_deref().unwrap_or(text);
    let (body, offset) = match text.strip_prefix(BOM) {
        Some(rest) => (rest, BOM.len()),
        None => (text, 0),
    };
    let collect =
        jsonc_parser::CollectOptions { comments: jsonc_parser::CommentCollectionStrategy::Off, tokens: false };
    let unsupported = |offset: usize, detail: String| ParseFailure::Unsupported {
        offset,
        message: format!(
            "OpenClaw accepts this JSON5, but clawlint cannot read this construct yet ({detail}); \
             the file was not linted"
        ),
    };
    match jsonc_parser::parse_to_ast(body, &collect, &jsonc_options()) {
        Ok(result) => match result.value {
            Some(v) => {
                let mut node = Node::from_ast(&v, file, offset);
                restore_escaped_keys(&mut node, &shadow);
                Ok(node)
            }
            None => Err(unsupported(offset, "no value found".into())),
        },
        Err(e) => Err(unsupported(e.range().start + offset, e.kind().to_string())),
    }
}

/// Keys written with `\u` escapes were parsed from placeholders; put the decoded names back.
fn restore_escaped_keys(node: &mut Node, shadow: &json5::Shadow) {
    let keys: Vec<(usize, &str)> = shadow
        .edits
        .iter()
        .filter_map(|e| match e {
            json5::ShadowEdit::EscapedIdentifier { start, decoded, .. } => Some((*start, decoded.as_str())),
            _ => None,
        })
        .collect();
    if keys.is_empty() {
        return;
    }
    fn walk(node: &mut Node, keys: &[(usize, &str)]) {
        match &mut node.kind {
            Kind::Object(members) => {
                for m in members {
                    if let Some((_, k)) = keys.iter().find(|(s, _)| *s == m.key_span.start) {
                        m.key = (*k).to_owned();
                    }
                    walk(&mut m.value, keys);
                }
            }
            Kind::Array(items) => items.iter_mut().for_each(|i| walk(i, keys)),
            _ => {}
        }
    }
    walk(node, &keys);
}

/// The lossless concrete syntax tree of a file, for edits.
///
/// A leading BOM is kept aside and restored by [`Cst::print`]. A U+FEFF *inside* the document
/// (whitespace to json5, not to jsonc-parser) is swapped for a same-length Unicode space that
/// does not occur in the text, and swapped back when printing.
pub struct Cst {
    bom: bool,
    /// The stand-in used for inner U+FEFF characters, if any.
    feff_stand_in: Option<char>,
    pub root: jsonc_parser::cst::CstRootNode,
}

/// Three-byte space separators jsonc-parser treats as whitespace, candidates for a stand-in.
const STAND_INS: &[char] = &[
    '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}',
    '\u{2009}', '\u{200A}', '\u{202F}', '\u{205F}', '\u{3000}',
];

impl Cst {
    /// Build the CST. Fails (with jsonc-parser's reason) on the few constructs json5 accepts but
    /// the CST cannot hold: a comment glued to an unquoted key (`key/*c*/: 1`), `\u`-escaped
    /// identifiers and lone surrogate escapes. Such files are linted but not edited.
    pub fn parse(text: &str) -> Result<Cst, String> {
        let (body, bom) = match text.strip_prefix(BOM) {
            Some(rest) => (rest, true),
            None => (text, false),
        };
        let mut feff_stand_in = None;
        let swapped;
        let body = if body.contains('\u{FEFF}') {
            let c = STAND_INS
                .iter()
                .copied()
                .find(|c| !body.contains(*c))
                .ok_or_else(|| "a U+FEFF inside the document, and no free stand-in character".to_string())?;
            feff_stand_in = Some(c);
            swapped = body.replace('\u{FEFF}', c.encode_utf8(&mut [0; 4]));
            swapped.as_str()
        } else {
            body
        };
        let root = jsonc_parser::cst::CstRootNode::parse(body, &jsonc_options()).map_err(|e| e.to_string())?;
        Ok(Cst { bom, feff_stand_in, root })
    }

    /// Byte offset of the CST's text within the file (3 when a BOM was set aside).
    pub fn body_offset(&self) -> usize {
        if self.bom { BOM.len() } else { 0 }
    }

    /// The file's text as it stands now; byte-identical to the input when nothing was edited.
    pub fn print(&self) -> String {
        let mut body = self.root.to_string();
        if let Some(c) = self.feff_stand_in {
            body = body.replace(c, "\u{FEFF}");
        }
        if self.bom { format!("{BOM}{body}") } else { body }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_from_marks() {
        // A long non-ASCII line: every offset's column equals a count from the line start.
        let line: String = (0..3000)
            .map(|i| {
                if i % 7 == 0 {
                    '😀'
                } else if i % 5 == 0 {
                    'é'
                } else {
                    'a'
                }
            })
            .collect();
        let text = format!("x\n{line}\n{line}");
        let idx = LineIndex::new(&text);
        for (offset, _) in text.char_indices().step_by(37) {
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let want: usize = text[start..offset].chars().map(char::len_utf16).sum();
            let line = text[..offset].matches('\n').count();
            assert_eq!(idx.line_col(&text, offset), (line as u32 + 1, want as u32 + 1), "at {offset}");
        }
    }

    #[test]
    fn line_col_counts_utf16_and_lf_only() {
        let text = "a\r\nbé😀x\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), (2, 5));
        assert_eq!(idx.line_col(text, text.len()), (3, 1));
    }

    #[test]
    fn bom_and_spans() {
        let text = "\u{FEFF}{a: [1, 'x']}";
        let root = parse_tree(text, FileId(0)).unwrap();
        let a = root.get("a").unwrap();
        assert_eq!(&text[a.span.start..a.span.end], "[1, 'x']");
        let cst = Cst::parse(text).unwrap();
        assert_eq!(cst.print(), text);
    }

    #[test]
    fn dotted_paths_with_dots_and_slashes_map_to_spans() {
        let text =
            r#"{agents: {defaults: {models: {"openai/gpt-5.4": {alias: "g"}}, model: {fallbacks: ["a", "b"]}}}}"#;
        let root = parse_tree(text, FileId(0)).unwrap();
        for (path, want) in [
            ("agents.defaults.models[\"openai/gpt-5.4\"].alias", "\"g\""),
            ("agents.defaults.models.openai/gpt-5.4.alias", "\"g\""),
            ("agents.defaults.model.fallbacks.1", "\"b\""),
            ("agents.defaults.model.fallbacks[0]", "\"a\""),
        ] {
            let kp = root.resolve_dotted(path).unwrap_or_else(|| panic!("{path}"));
            let span = root.span_at(&kp).unwrap();
            assert_eq!(&text[span.start..span.end], want, "{path}");
        }
        let kp = root.resolve_pointer("/agents/defaults/models/openai~1gpt-5.4/alias").unwrap();
        assert_eq!(kp.dotted(), "agents.defaults.models.openai/gpt-5.4.alias");
        let key = root.key_span_at(&kp).unwrap();
        assert_eq!(&text[key.start..key.end], "alias");
    }
}
