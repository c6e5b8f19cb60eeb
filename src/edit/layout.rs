//! Where everything is in one file, read off its concrete syntax tree: each object and array
//! with its children in order — members, commas, comments, whitespace, newlines — as byte
//! ranges of the file text. Fix operations are lowered to text edits with this map, so they
//! know exactly which comma, indentation and comment belong to what.

use crate::document::{Cst, Span};
use jsonc_parser::cst::{CstContainerNode, CstLeafNode, CstNewlineKind, CstNode};
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// `{` or `[`.
    Open,
    /// `}` or `]`.
    Close,
    Comma,
    Whitespace,
    Newline,
    LineComment,
    BlockComment,
    /// An object member (key through value) or an array element.
    Member,
}

impl ItemKind {
    pub fn is_comment(self) -> bool {
        matches!(self, ItemKind::LineComment | ItemKind::BlockComment)
    }

    pub fn is_trivia(self) -> bool {
        matches!(self, ItemKind::Whitespace | ItemKind::Newline | ItemKind::LineComment | ItemKind::BlockComment)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub kind: ItemKind,
    pub span: Span,
}

/// An object or array and its direct children.
#[derive(Debug, Clone)]
pub struct Container {
    pub span: Span,
    pub is_object: bool,
    pub items: Vec<Item>,
}

impl Container {
    pub fn members(&self) -> impl Iterator<Item = (usize, &Item)> {
        self.items.iter().enumerate().filter(|(_, it)| it.kind == ItemKind::Member)
    }

    pub fn open(&self) -> Option<&Item> {
        self.items.iter().find(|it| it.kind == ItemKind::Open)
    }

    pub fn close(&self) -> Option<&Item> {
        self.items.iter().rfind(|it| it.kind == ItemKind::Close)
    }
}

/// The map of one file.
#[derive(Debug, Default)]
pub struct Layout {
    pub containers: Vec<Container>,
    /// Member or element span → (container, item index).
    members: HashMap<Span, (usize, usize)>,
    /// Object or array span → container.
    by_span: HashMap<Span, usize>,
}

impl Layout {
    pub fn new(cst: &Cst) -> Layout {
        let mut layout = Layout::default();
        let mut offset = cst.body_offset();
        for child in cst.root.children() {
            layout.walk(&child, &mut offset);
        }
        layout
    }

    /// The container and item index of the member or element with exactly this span.
    pub fn member(&self, span: Span) -> Option<(&Container, usize)> {
        self.members.get(&span).map(|&(c, i)| (&self.containers[c], i))
    }

    /// The object or array with exactly this span.
    pub fn container(&self, span: Span) -> Option<&Container> {
        self.by_span.get(&span).map(|&c| &self.containers[c])
    }

    /// Walk one node starting at `offset`; returns its span and advances `offset` past it.
    fn walk(&mut self, node: &CstNode, offset: &mut usize) -> Span {
        let start = *offset;
        match node {
            CstNode::Leaf(leaf) => *offset += leaf_len(leaf),
            CstNode::Container(c) => match c {
                CstContainerNode::Object(_) | CstContainerNode::Array(_) => {
                    let index = self.containers.len();
                    self.containers.push(Container {
                        span: Span::default(),
                        is_object: matches!(c, CstContainerNode::Object(_)),
                        items: Vec::new(),
                    });
                    let mut items = Vec::new();
                    for child in c.children() {
                        let kind = item_kind(&child);
                        let span = self.walk(&child, offset);
                        if kind == ItemKind::Member {
                            self.members.insert(span, (index, items.len()));
                        }
                        items.push(Item { kind, span });
                    }
                    let span = Span::new(start, *offset);
                    self.containers[index].span = span;
                    self.containers[index].items = items;
                    self.by_span.insert(span, index);
                }
                _ => {
                    for child in c.children() {
                        self.walk(&child, offset);
                    }
                }
            },
        }
        Span::new(start, *offset)
    }
}

fn leaf_len(leaf: &CstLeafNode) -> usize {
    match leaf {
        CstLeafNode::Token(t) => t.value().len_utf8(),
        CstLeafNode::Newline(n) => match n.kind() {
            CstNewlineKind::LineFeed | CstNewlineKind::CarriageReturn => 1,
            CstNewlineKind::CarriageReturnLineFeed => 2,
        },
        other => other.to_string().len(),
    }
}

fn item_kind(node: &CstNode) -> ItemKind {
    match node {
        CstNode::Container(_) => ItemKind::Member,
        CstNode::Leaf(leaf) => match leaf {
            CstLeafNode::Token(t) => match t.value() {
                '{' | '[' => ItemKind::Open,
                '}' | ']' => ItemKind::Close,
                ',' => ItemKind::Comma,
                _ => ItemKind::Member,
            },
            CstLeafNode::Whitespace(_) => ItemKind::Whitespace,
            CstLeafNode::Newline(_) => ItemKind::Newline,
            CstLeafNode::Comment(c) if c.is_line_comment() => ItemKind::LineComment,
            CstLeafNode::Comment(_) => ItemKind::BlockComment,
            _ => ItemKind::Member,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_members_commas_and_trivia() {
        let text = "\u{FEFF}{ /* c */ a: 1, b: [1, 2], // t\n}";
        let cst = Cst::parse(text).unwrap();
        let layout = Layout::new(&cst);
        let obj = layout.container(Span::new(3, text.len())).unwrap();
        let kinds: Vec<ItemKind> = obj.items.iter().map(|i| i.kind).collect();
        use ItemKind::*;
        assert_eq!(
            kinds,
            [
                Open,
                Whitespace,
                BlockComment,
                Whitespace,
                Member,
                Comma,
                Whitespace,
                Member,
                Comma,
                Whitespace,
                LineComment,
                Newline,
                Close
            ]
        );
        let b = obj.items[7].span;
        assert_eq!(&text[b.start..b.end], "b: [1, 2]");
        let arr_start = text.find('[').unwrap();
        let arr = layout.container(Span::new(arr_start, arr_start + 6)).unwrap();
        assert_eq!(arr.members().count(), 2);
        let (c, i) = layout.member(Span::new(arr_start + 4, arr_start + 5)).unwrap();
        assert!(!c.is_object);
        assert_eq!(i, 4);
    }
}
