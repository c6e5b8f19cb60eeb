//! Strict JSON5 grammar check that accepts exactly what OpenClaw's parser accepts.
//!
//! OpenClaw reads `openclaw.json` with `JSON.parse`, falling back to the `json5` npm package
//! (v2.2.3). `jsonc-parser`, which builds our AST and CST, is deliberately more lenient (words
//! with `-`, numeric keys, raw line breaks in strings, a different whitespace set), so this
//! module decides *whether* a text is valid and *where* it fails, reproducing json5 2.2.3's
//! observable behaviour: the same accept/reject verdict, the same `invalid character 'x' at L:C`
//! / `invalid end of input at L:C` messages and the same positions (lines count `\n` only,
//! columns count UTF-16 code units, both 1-based).
//!
//! The check is iterative (an explicit stack), so hostile nesting cannot overflow the stack;
//! nesting deeper than [`MAX_DEPTH`] is reported as a clear error instead of being walked.
//! It also records the key path at the failure point so a syntax error can name where it is.

use crate::document::path::{KeyPath, Segment};

/// Deepest nesting clawlint reads. OpenClaw's iterative parser has no limit, but no real config
/// comes near this and every later pass (AST, merge, rules) can then recurse safely.
pub const MAX_DEPTH: usize = 256;

/// A syntax error as json5 2.2.3 reports it, plus what clawlint knows about the context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Json5Error {
    /// Byte offset of the offending character (or the end of the text).
    pub offset: usize,
    /// 1-based line, counting `\n` only (json5's rule).
    pub line: u32,
    /// 1-based column in UTF-16 code units (json5's rule).
    pub column: u32,
    /// json5's own message without the `JSON5: ` prefix, e.g. `invalid character 'a' at 4:3`.
    pub message: String,
    /// What the grammar expected at this point, in words.
    pub expected: &'static str,
    /// Key path of the innermost container or member being read when the error happened.
    pub path: KeyPath,
    /// The error is clawlint's own limit, not something OpenClaw rejects.
    pub is_limit: bool,
}

/// A same-length rewrite of a byte range, so `jsonc-parser` can build the AST of a text it would
/// otherwise refuse, with every byte offset unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShadowEdit {
    /// A comment: blanked (comments carry no value; `key/*c*/:` then parses).
    Blank { start: usize, end: usize },
    /// A `\uD800`-style escape of a lone surrogate, which Rust strings cannot hold: `\uFFFD`.
    LoneSurrogate { start: usize },
    /// An identifier written with `\u` escapes: replaced by `_`s, key restored from `decoded`.
    EscapedIdentifier { start: usize, end: usize, decoded: String },
}

/// What the AST builder needs beyond the text: the edits that make it readable to jsonc-parser.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shadow {
    pub edits: Vec<ShadowEdit>,
}

impl Shadow {
    /// The rewritten text, or `None` when the original can be used as is.
    pub fn apply(&self, text: &str) -> Option<String> {
        if self.edits.is_empty() {
            return None;
        }
        let mut bytes = text.as_bytes().to_vec();
        for e in &self.edits {
            match e {
                ShadowEdit::Blank { start, end } => bytes[*start..*end].fill(b' '),
                ShadowEdit::LoneSurrogate { start } => bytes[*start..*start + 6].copy_from_slice(b"\\ufffd"),
                ShadowEdit::EscapedIdentifier { start, end, .. } => bytes[*start..*end].fill(b'_'),
            }
        }
        // Every edit replaces whole characters with ASCII, so the result is still UTF-8.
        String::from_utf8(bytes).ok()
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    Start,
    BeforePropertyName,
    AfterPropertyName,
    BeforePropertyValue,
    AfterPropertyValue,
    BeforeArrayValue,
    AfterArrayValue,
    End,
}

enum Frame {
    Object { key: Option<String> },
    Array { len: usize },
}

enum Token {
    Eof,
    Punct(char),
    /// A property name (identifier or string) with its decoded text.
    Name(String),
    /// Any scalar value, or a string in value position.
    Scalar,
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    line: u32,
    col: u32,
    shadow: Shadow,
    /// Count of `\u` escapes read inside identifiers so far.
    escaped_identifier_chars: usize,
}

/// Where and what went wrong, as json5 reports it: `{what} at {line}:{column}`.
struct LexError {
    offset: usize,
    line: u32,
    column: u32,
    what: String,
}

type LexResult<T> = Result<T, LexError>;

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    /// json5's `read()`: advance one code point and update line/column the way json5 does.
    fn read(&mut self) -> Option<char> {
        let c = self.peek();
        match c {
            Some('\n') => {
                self.line += 1;
                self.col = 0;
            }
            Some(c) => self.col += c.len_utf16() as u32,
            None => self.col += 1,
        }
        if let Some(c) = c {
            self.pos += c.len_utf8();
        }
        c
    }

    /// json5's `invalidChar(read())`: consume the offending character and describe it.
    fn invalid_char(&mut self) -> LexError {
        let offset = self.pos;
        let what = match self.read() {
            None => "invalid end of input".to_string(),
            Some(c) => format!("invalid character '{}'", format_char(c)),
        };
        LexError { offset, line: self.line, column: self.col, what }
    }

    fn invalid_eof(&self) -> LexError {
        LexError { offset: self.pos, line: self.line, column: self.col, what: "invalid end of input".into() }
    }

    /// json5's `invalidIdentifier()`: reported at the backslash of the escape.
    fn invalid_identifier(&self, escape_start: usize) -> LexError {
        LexError {
            offset: escape_start,
            line: self.line,
            column: self.col.saturating_sub(5),
            what: "invalid identifier character".into(),
        }
    }

    /// Skip whitespace and comments (json5's `default`/`comment` lexer states).
    /// Returns `Ok(true)` at end of input.
    fn skip_trivia(&mut self) -> LexResult<bool> {
        loop {
            match self.peek() {
                None => {
                    self.read();
                    return Ok(true);
                }
                Some('/') => {
                    let start = self.pos;
                    self.read();
                    match self.peek() {
                        Some('*') => {
                            self.read();
                            self.block_comment()?;
                            self.shadow.edits.push(ShadowEdit::Blank { start, end: self.pos });
                        }
                        Some('/') => {
                            self.read();
                            loop {
                                match self.peek() {
                                    Some('\n' | '\r' | '\u{2028}' | '\u{2029}') => {
                                        self.shadow.edits.push(ShadowEdit::Blank { start, end: self.pos });
                                        self.read();
                                        break;
                                    }
                                    None => {
                                        self.shadow.edits.push(ShadowEdit::Blank { start, end: self.pos });
                                        self.read();
                                        return Ok(true);
                                    }
                                    Some(_) => {
                                        self.read();
                                    }
                                }
                            }
                        }
                        _ => return Err(self.invalid_char()),
                    }
                }
                Some('\u{FEFF}') if self.pos > 0 => {
                    // A BOM inside the document is whitespace to json5, not to jsonc-parser.
                    self.shadow.edits.push(ShadowEdit::Blank { start: self.pos, end: self.pos + 3 });
                    self.read();
                }
                Some(c) if is_json5_whitespace(c) => {
                    self.read();
                }
                Some(_) => return Ok(false),
            }
        }
    }

    fn block_comment(&mut self) -> LexResult<()> {
        loop {
            match self.peek() {
                None => return Err(self.invalid_char()),
                Some('*') => {
                    self.read();
                    loop {
                        match self.peek() {
                            Some('*') => {
                                self.read();
                            }
                            Some('/') => {
                                self.read();
                                return Ok(());
                            }
                            None => return Err(self.invalid_char()),
                            Some(_) => {
                                self.read();
                                break;
                            }
                        }
                    }
                }
                Some(_) => {
                    self.read();
                }
            }
        }
    }

    fn literal(&mut self, rest: &str) -> LexResult<()> {
        for expected in rest.chars() {
            if self.peek() != Some(expected) {
                return Err(self.invalid_char());
            }
            self.read();
        }
        Ok(())
    }

    /// json5's `value` lexer state. The first character has not been consumed.
    fn value(&mut self) -> LexResult<Token> {
        match self.peek() {
            Some(c @ ('{' | '[')) => {
                self.read();
                Ok(Token::Punct(c))
            }
            Some('n') => {
                self.read();
                self.literal("ull")?;
                Ok(Token::Scalar)
            }
            Some('t') => {
                self.read();
                self.literal("rue")?;
                Ok(Token::Scalar)
            }
            Some('f') => {
                self.read();
                self.literal("alse")?;
                Ok(Token::Scalar)
            }
            Some('-' | '+') => {
                self.read();
                match self.peek() {
                    Some('.') => {
                        self.read();
                        self.decimal_point_leading()
                    }
                    Some('0') => {
                        self.read();
                        self.zero()
                    }
                    Some('1'..='9') => {
                        self.read();
                        self.decimal_integer()
                    }
                    Some('I') => {
                        self.read();
                        self.literal("nfinity")?;
                        Ok(Token::Scalar)
                    }
                    Some('N') => {
                        self.read();
                        self.literal("aN")?;
                        Ok(Token::Scalar)
                    }
                    _ => Err(self.invalid_char()),
                }
            }
            Some('.') => {
                self.read();
                self.decimal_point_leading()
            }
            Some('0') => {
                self.read();
                self.zero()
            }
            Some('1'..='9') => {
                self.read();
                self.decimal_integer()
            }
            Some('I') => {
                self.read();
                self.literal("nfinity")?;
                Ok(Token::Scalar)
            }
            Some('N') => {
                self.read();
                self.literal("aN")?;
                Ok(Token::Scalar)
            }
            Some(q @ ('"' | '\'')) => {
                self.read();
                self.string(q)?;
                Ok(Token::Scalar)
            }
            _ => Err(self.invalid_char()),
        }
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some('0'..='9')) {
            self.read();
        }
    }

    fn zero(&mut self) -> LexResult<Token> {
        match self.peek() {
            Some('.') => {
                self.read();
                self.decimal_point()
            }
            Some('e' | 'E') => {
                self.read();
                self.exponent()
            }
            Some('x' | 'X') => {
                self.read();
                if !matches!(self.peek(), Some(c) if c.is_ascii_hexdigit()) {
                    return Err(self.invalid_char());
                }
                while matches!(self.peek(), Some(c) if c.is_ascii_hexdigit()) {
                    self.read();
                }
                Ok(Token::Scalar)
            }
            _ => Ok(Token::Scalar),
        }
    }

    fn decimal_integer(&mut self) -> LexResult<Token> {
        self.digits();
        match self.peek() {
            Some('.') => {
                self.read();
                self.decimal_point()
            }
            Some('e' | 'E') => {
                self.read();
                self.exponent()
            }
            _ => Ok(Token::Scalar),
        }
    }

    fn decimal_point_leading(&mut self) -> LexResult<Token> {
        if !matches!(self.peek(), Some('0'..='9')) {
            return Err(self.invalid_char());
        }
        self.decimal_fraction()
    }

    /// After `N.`: digits, an exponent, or the end of the number.
    fn decimal_point(&mut self) -> LexResult<Token> {
        match self.peek() {
            Some('e' | 'E') => {
                self.read();
                self.exponent()
            }
            Some('0'..='9') => self.decimal_fraction(),
            _ => Ok(Token::Scalar),
        }
    }

    fn decimal_fraction(&mut self) -> LexResult<Token> {
        self.digits();
        if matches!(self.peek(), Some('e' | 'E')) {
            self.read();
            return self.exponent();
        }
        Ok(Token::Scalar)
    }

    fn exponent(&mut self) -> LexResult<Token> {
        if matches!(self.peek(), Some('+' | '-')) {
            self.read();
        }
        if !matches!(self.peek(), Some('0'..='9')) {
            return Err(self.invalid_char());
        }
        self.digits();
        Ok(Token::Scalar)
    }

    fn hex_digits(&mut self, n: usize) -> LexResult<u32> {
        let mut v = 0u32;
        for _ in 0..n {
            match self.peek().and_then(|c| c.to_digit(16)) {
                Some(d) => {
                    self.read();
                    v = v * 16 + d;
                }
                None => return Err(self.invalid_char()),
            }
        }
        Ok(v)
    }

    /// Reads a string body after its opening quote; returns the decoded text (lossy for lone
    /// surrogates, which only matters for the key path shown in a message).
    fn string(&mut self, quote: char) -> LexResult<String> {
        let mut units: Vec<u16> = Vec::new();
        let mut buf = [0u16; 2];
        // (offset of the backslash, unit) for every `\uXXXX` escape in this string.
        let mut u_escapes: Vec<(usize, u16)> = Vec::new();
        loop {
            match self.peek() {
                Some('\\') => {
                    let at = self.pos;
                    self.read();
                    let is_u = self.peek() == Some('u');
                    self.escape(&mut units)?;
                    if is_u && let Some(&unit) = units.last() {
                        u_escapes.push((at, unit));
                    }
                }
                Some(c) if c == quote => {
                    self.read();
                    self.mark_lone_surrogates(&u_escapes);
                    return Ok(String::from_utf16_lossy(&units));
                }
                Some('\n' | '\r') | None => return Err(self.invalid_char()),
                Some(c) => {
                    self.read();
                    units.extend_from_slice(c.encode_utf16(&mut buf));
                }
            }
        }
    }

    /// Surrogate escapes only pair when a high one is directly followed by a low one.
    fn mark_lone_surrogates(&mut self, escapes: &[(usize, u16)]) {
        let high = |u: u16| (0xD800..0xDC00).contains(&u);
        let low = |u: u16| (0xDC00..0xE000).contains(&u);
        for (i, &(at, unit)) in escapes.iter().enumerate() {
            let paired = if high(unit) {
                escapes.get(i + 1).is_some_and(|&(n, u)| n == at + 6 && low(u))
            } else if low(unit) {
                i > 0 && escapes[i - 1].0 + 6 == at && high(escapes[i - 1].1)
            } else {
                true
            };
            if !paired {
                self.shadow.edits.push(ShadowEdit::LoneSurrogate { start: at });
            }
        }
    }

    fn escape(&mut self, out: &mut Vec<u16>) -> LexResult<()> {
        let mut buf = [0u16; 2];
        let simple = |c: char| -> Option<u16> {
            Some(match c {
                'b' => 0x08,
                'f' => 0x0C,
                'n' => 0x0A,
                'r' => 0x0D,
                't' => 0x09,
                'v' => 0x0B,
                _ => return None,
            })
        };
        match self.peek() {
            Some(c) if simple(c).is_some() => {
                self.read();
                out.push(simple(c).unwrap_or_default());
            }
            Some('0') => {
                self.read();
                if matches!(self.peek(), Some('0'..='9')) {
                    return Err(self.invalid_char());
                }
                out.push(0);
            }
            Some('x') => {
                self.read();
                out.push(self.hex_digits(2)? as u16);
            }
            Some('u') => {
                self.read();
                out.push(self.hex_digits(4)? as u16);
            }
            Some('\n' | '\u{2028}' | '\u{2029}') => {
                self.read();
            }
            Some('\r') => {
                self.read();
                if self.peek() == Some('\n') {
                    self.read();
                }
            }
            Some('1'..='9') | None => return Err(self.invalid_char()),
            Some(c) => {
                self.read();
                out.extend_from_slice(c.encode_utf16(&mut buf));
            }
        }
        Ok(())
    }

    /// `\uXXXX` inside an identifier; `start` says whether it is the first character.
    fn identifier_escape(&mut self, start: bool, name: &mut String) -> LexResult<()> {
        let escape_start = self.pos - 1;
        if self.peek() != Some('u') {
            return Err(self.invalid_char());
        }
        self.read();
        let unit = self.hex_digits(4)?;
        let c = char::from_u32(unit);
        let ok = match c {
            Some('$' | '_') => true,
            Some('\u{200C}' | '\u{200D}') => !start,
            Some(c) if start => is_id_start(c),
            Some(c) => is_id_continue(c),
            None => false,
        };
        if !ok {
            return Err(self.invalid_identifier(escape_start));
        }
        name.push(c.unwrap_or('\u{FFFD}'));
        self.escaped_identifier_chars += 1;
        Ok(())
    }

    fn identifier_rest(&mut self, name: &mut String) -> LexResult<()> {
        loop {
            match self.peek() {
                Some('\\') => {
                    self.read();
                    self.identifier_escape(false, name)?;
                }
                Some(c) if c == '$' || c == '_' || c == '\u{200C}' || c == '\u{200D}' || is_id_continue(c) => {
                    self.read();
                    name.push(c);
                }
                _ => return Ok(()),
            }
        }
    }

    /// Lex the next token in the given parse state (json5's `lex()` dispatch).
    fn next(&mut self, state: State) -> LexResult<Token> {
        if self.skip_trivia()? {
            return Ok(Token::Eof);
        }
        match state {
            State::Start => match self.peek() {
                Some(c @ ('{' | '[')) => {
                    self.read();
                    Ok(Token::Punct(c))
                }
                _ => self.value(),
            },
            State::BeforePropertyName => match self.peek() {
                Some('}') => {
                    self.read();
                    Ok(Token::Punct('}'))
                }
                Some(q @ ('"' | '\'')) => {
                    self.read();
                    Ok(Token::Name(self.string(q)?))
                }
                Some('\\') => {
                    let start = self.pos;
                    self.read();
                    let mut name = String::new();
                    self.identifier_escape(true, &mut name)?;
                    self.identifier_rest(&mut name)?;
                    self.shadow.edits.push(ShadowEdit::EscapedIdentifier {
                        start,
                        end: self.pos,
                        decoded: name.clone(),
                    });
                    Ok(Token::Name(name))
                }
                Some(c) if c == '$' || c == '_' || is_id_start(c) => {
                    let start = self.pos;
                    self.read();
                    let mut name = String::from(c);
                    let escapes_before = self.escaped_identifier_chars;
                    self.identifier_rest(&mut name)?;
                    if self.escaped_identifier_chars != escapes_before {
                        self.shadow.edits.push(ShadowEdit::EscapedIdentifier {
                            start,
                            end: self.pos,
                            decoded: name.clone(),
                        });
                    }
                    Ok(Token::Name(name))
                }
                _ => Err(self.invalid_char()),
            },
            State::AfterPropertyName => match self.peek() {
                Some(':') => {
                    self.read();
                    Ok(Token::Punct(':'))
                }
                _ => Err(self.invalid_char()),
            },
            State::BeforePropertyValue => self.value(),
            State::AfterPropertyValue => match self.peek() {
                Some(c @ (',' | '}')) => {
                    self.read();
                    Ok(Token::Punct(c))
                }
                _ => Err(self.invalid_char()),
            },
            State::BeforeArrayValue => match self.peek() {
                Some(']') => {
                    self.read();
                    Ok(Token::Punct(']'))
                }
                _ => self.value(),
            },
            State::AfterArrayValue => match self.peek() {
                Some(c @ (',' | ']')) => {
                    self.read();
                    Ok(Token::Punct(c))
                }
                _ => Err(self.invalid_char()),
            },
            State::End => Err(self.invalid_char()),
        }
    }
}

/// The characters json5 2.2.3 skips between tokens.
fn is_json5_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{0B}'
            | '\u{0C}'
            | ' '
            | '\u{A0}'
            | '\u{FEFF}'
            | '\n'
            | '\r'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Whether `s` can be written as an unquoted JSON5 key that every parser reads the same way
/// (ASCII identifiers only; exotic letters are quoted to be safe).
pub fn is_plain_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii() && is_id_start(c)) && chars.all(|c| c.is_ascii() && is_id_continue(c))
}

fn is_id_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '$' || c == '_' || (!c.is_ascii() && unicode_ident::is_xid_start(c))
}

fn is_id_continue(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '$' || c == '_' || (!c.is_ascii() && unicode_ident::is_xid_continue(c))
}

/// json5's `formatChar`: how a character is shown inside `invalid character '…'`.
fn format_char(c: char) -> String {
    match c {
        '\'' => "\\'".into(),
        '"' => "\\\"".into(),
        '\\' => "\\\\".into(),
        '\u{08}' => "\\b".into(),
        '\u{0C}' => "\\f".into(),
        '\n' => "\\n".into(),
        '\r' => "\\r".into(),
        '\t' => "\\t".into(),
        '\u{0B}' => "\\v".into(),
        '\0' => "\\0".into(),
        '\u{2028}' => "\\u2028".into(),
        '\u{2029}' => "\\u2029".into(),
        c if (c as u32) < 0x20 => format!("\\x{:02x}", c as u32),
        c => c.to_string(),
    }
}

fn expected_in(state: State) -> &'static str {
    match state {
        State::Start => "a JSON5 value (OpenClaw's config is an object: `{ … }`)",
        State::BeforePropertyName => "a property name or `}`",
        State::AfterPropertyName => "`:` after the property name",
        State::BeforePropertyValue => "a value after `:`",
        State::AfterPropertyValue => "`,` or `}` after the property value (a comma may be missing)",
        State::BeforeArrayValue => "an array element or `]`",
        State::AfterArrayValue => "`,` or `]` after the array element (a comma may be missing)",
        State::End => "the end of the file after the top-level value",
    }
}

/// Check `text` against json5 2.2.3's grammar. `Ok` means OpenClaw parses it; the [`Shadow`]
/// says how to present it to `jsonc-parser`.
pub fn check(text: &str) -> Result<Shadow, Json5Error> {
    let mut lx = Lexer { src: text, pos: 0, line: 1, col: 0, shadow: Shadow::default(), escaped_identifier_chars: 0 };
    let mut stack: Vec<Frame> = Vec::new();
    let mut state = State::Start;
    loop {
        let lexed = match lx.next(state) {
            Ok(Token::Eof) if state != State::End => Err(lx.invalid_eof()),
            other => other,
        };
        let tok = lexed.map_err(|e| Json5Error {
            offset: e.offset,
            line: e.line,
            column: e.column,
            message: format!("{} at {}:{}", e.what, e.line, e.column),
            expected: expected_in(state),
            path: path_at(&stack, state),
            is_limit: false,
        })?;
        if state == State::End {
            return Ok(lx.shadow);
        }
        state = step(state, tok, &mut stack, &lx)?;
    }
}

/// The path of the value being parsed in `state` (for error messages).
fn path_at(stack: &[Frame], state: State) -> KeyPath {
    let mut segs = Vec::with_capacity(stack.len());
    let last = stack.len().saturating_sub(1);
    for (i, frame) in stack.iter().enumerate() {
        let inner = i == last;
        match frame {
            Frame::Object { key: Some(k) }
                if !inner || matches!(state, State::AfterPropertyName | State::BeforePropertyValue) =>
            {
                segs.push(Segment::Key(k.clone()))
            }
            Frame::Array { len } if !inner => segs.push(Segment::Index(len.saturating_sub(1))),
            Frame::Array { len } if state == State::BeforeArrayValue => segs.push(Segment::Index(*len)),
            _ => {}
        }
    }
    KeyPath(segs)
}

/// json5's parse states, driven by the token just lexed: the state after it.
fn step(state: State, tok: Token, stack: &mut Vec<Frame>, lx: &Lexer<'_>) -> Result<State, Json5Error> {
    Ok(match state {
        State::Start | State::BeforePropertyValue | State::BeforeArrayValue => {
            if state == State::BeforeArrayValue && matches!(tok, Token::Punct(']')) {
                stack.pop();
                return Ok(after_value(stack));
            }
            if let Some(Frame::Array { len }) = stack.last_mut() {
                *len += 1;
            }
            if matches!(tok, Token::Punct('{' | '[')) && stack.len() >= MAX_DEPTH {
                return Err(Json5Error {
                    offset: lx.pos - 1,
                    line: lx.line,
                    column: lx.col,
                    message: format!(
                        "nesting deeper than {MAX_DEPTH} levels at {}:{}; clawlint does not read further",
                        lx.line, lx.col
                    ),
                    expected: "a shallower document",
                    path: path_at(stack, state),
                    is_limit: true,
                });
            }
            match tok {
                Token::Punct('{') => {
                    stack.push(Frame::Object { key: None });
                    State::BeforePropertyName
                }
                Token::Punct('[') => {
                    stack.push(Frame::Array { len: 0 });
                    State::BeforeArrayValue
                }
                _ => after_value(stack),
            }
        }
        State::BeforePropertyName => match tok {
            Token::Name(name) => {
                if let Some(Frame::Object { key }) = stack.last_mut() {
                    *key = Some(name);
                }
                State::AfterPropertyName
            }
            _ => {
                // `}`: close the object.
                stack.pop();
                after_value(stack)
            }
        },
        State::AfterPropertyName => State::BeforePropertyValue,
        State::AfterPropertyValue | State::AfterArrayValue => match (state, tok) {
            (State::AfterPropertyValue, Token::Punct(',')) => State::BeforePropertyName,
            (State::AfterArrayValue, Token::Punct(',')) => State::BeforeArrayValue,
            _ => {
                stack.pop();
                after_value(stack)
            }
        },
        State::End => State::End,
    })
}

fn after_value(stack: &[Frame]) -> State {
    match stack.last() {
        None => State::End,
        Some(Frame::Object { .. }) => State::AfterPropertyValue,
        Some(Frame::Array { .. }) => State::AfterArrayValue,
    }
}

impl Json5Error {
    /// The message exactly as OpenClaw prints it inside `JSON5 parse failed: SyntaxError: …`.
    pub fn openclaw_message(&self) -> String {
        format!("JSON5: {}", self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> Json5Error {
        check(text).expect_err("should be rejected")
    }

    #[test]
    fn accepts_json5_features() {
        for ok in [
            "{}",
            "[]",
            "{a:1,}",
            "{'a':'b'}",
            "{a: 0x1F, b: .5, c: 5., d: +1, e: -Infinity, f: NaN, g: +NaN}",
            "\u{FEFF}{a:1}",
            "// c\n{/* x */a /* y */ : [1, /* z */ 2,],}\r\n",
            "{a: 'it\\'s', b: \"\\x41\\u00e9\\0\\v\\q\", c: 'line\\\ncontinued'}",
            "{$include: './x.json5', _a: 1, $: 2, ключ: 3}",
            "{a:1, a:2}",
            "1",
            "'str'",
            "{a: 1e5, b: 1E+5, c: -0, d: 0.5e-3}",
            "{a: '\u{2028}'}",
            "// only a comment then a value\n{}// trailing",
        ] {
            assert!(check(ok).is_ok(), "{ok:?} should be accepted: {:?}", check(ok));
        }
    }

    #[test]
    fn missing_comma_reported_at_next_token() {
        let e = err("{\n  gateway: { mode: \"local\" }\n  // comment\n  agents: {}\n}\n");
        assert_eq!(e.message, "invalid character 'a' at 4:3");
        assert_eq!((e.line, e.column), (4, 3));
        assert!(e.path.is_root());
    }

    #[test]
    fn rejects_what_json5_rejects() {
        assert_eq!(err("").message, "invalid end of input at 1:1");
        assert_eq!(err("{a-b: 1}").message, "invalid character '-' at 1:3");
        assert_eq!(err("{1: 2}").message, "invalid character '1' at 1:2");
        assert_eq!(err("{a: 01}").message, "invalid character '1' at 1:6");
        assert_eq!(err("{a: 'x\ny'}").message, "invalid character '\\n' at 2:0");
        assert_eq!(err("{a: '\\1'}").message, "invalid character '1' at 1:7");
        assert_eq!(err("[,]").message, "invalid character ',' at 1:2");
        assert_eq!(err("{a: 1} {b: 2}").message, "invalid character '{' at 1:8");
        assert_eq!(err("{a: 1").message, "invalid end of input at 1:6");
        assert_eq!(err("/* open").message, "invalid end of input at 1:8");
        assert_eq!(err("{a: infinity}").message, "invalid character 'i' at 1:5");
    }

    #[test]
    fn columns_count_utf16_units() {
        // 'é' is one UTF-16 unit, '😀' is two.
        assert_eq!(err("{a: 'é😀', b: x}").message, "invalid character 'x' at 1:15");
    }

    #[test]
    fn path_points_into_member() {
        let e = err("{gateway: {mode: tru}}");
        assert_eq!(e.path.dotted(), "gateway.mode");
        let e = err("{a: [1, 2, x]}");
        assert_eq!(e.path.dotted(), "a.2");
    }

    #[test]
    fn deep_nesting_is_a_clear_error_not_a_crash() {
        let text = "[".repeat(100_000);
        let e = err(&text);
        assert!(e.is_limit);
        assert!(e.message.contains("nesting deeper than"));
    }
}
