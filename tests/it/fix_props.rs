//! Property tests for the fixer: on generated JSON5 (comments in every gap, mixed quotes, CRLF,
//! BOM, trailing commas, nesting), every operation on every member or element
//! - leaves text that OpenClaw's grammar accepts,
//! - gives exactly the value the same operation gives on the value tree,
//! - keeps every comment that is not inside (or trailing on the line of) a removed member,
//! - is deterministic.

use crate::common;

use crate::common::generate::{Doc, comment, doc, scalar};
use clawlint::document::{FileId, Kind, Member, Node, Span, json5, parse_tree};
use clawlint::edit::FixOp;
use clawlint::edit::lower::Editable;
use clawlint::edit::text::apply;
use proptest::prelude::*;

/// A place in the tree: indices of members/elements from the root.
type Place = Vec<usize>;

fn places(node: &Node, here: &mut Place, out: &mut Vec<Place>) {
    let children: Vec<&Node> = match &node.kind {
        Kind::Object(m) => m.iter().map(|m| &m.value).collect(),
        Kind::Array(a) => a.iter().collect(),
        _ => return,
    };
    for (i, c) in children.into_iter().enumerate() {
        here.push(i);
        out.push(here.clone());
        places(c, here, out);
        here.pop();
    }
}

fn at_mut<'a>(node: &'a mut Node, place: &[usize]) -> &'a mut Node {
    match place.split_first() {
        None => node,
        Some((&i, rest)) => match &mut node.kind {
            Kind::Object(m) => at_mut(&mut m[i].value, rest),
            Kind::Array(a) => at_mut(&mut a[i], rest),
            _ => unreachable!(),
        },
    }
}

fn comments(text: &str) -> Vec<(usize, usize, String)> {
    let (body, off) = text.strip_prefix('\u{FEFF}').map_or((text, 0), |b| (b, 3));
    let collect =
        jsonc_parser::CollectOptions { comments: jsonc_parser::CommentCollectionStrategy::AsTokens, tokens: true };
    jsonc_parser::parse_to_ast(body, &collect, &Default::default())
        .unwrap()
        .tokens
        .unwrap()
        .into_iter()
        .filter(|t| {
            matches!(
                t.token,
                jsonc_parser::tokens::Token::CommentLine(_) | jsonc_parser::tokens::Token::CommentBlock(_)
            )
        })
        .map(|t| (t.range.start + off, t.range.end + off, body[t.range.start..t.range.end].to_string()))
        .collect()
}

#[derive(Debug, Clone)]
enum Op {
    Remove,
    Replace(Doc),
    Rename(String),
    Insert(String, Doc, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => Just(Op::Remove),
        1 => scalar().prop_map(Op::Replace),
        1 => doc().prop_map(Op::Replace),
        1 => "[a-zA-Z_][a-zA-Z0-9_]{0,5}|[a-z -]{1,6}".prop_map(Op::Rename),
        2 => ("[a-zA-Z_][a-zA-Z0-9_]{0,5}|[a-z/ -]{1,6}", doc(), 0usize..6).prop_map(|(k, d, i)| Op::Insert(k, d, i)),
    ]
}

fn line_of(text: &str, pos: usize) -> usize {
    text[..pos].bytes().filter(|&b| b == b'\n').count()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 768, ..ProptestConfig::default() })]

    #[test]
    fn operations_keep_the_file_valid_and_mean_what_they_say(
        d in doc(), lead in comment(), tail in comment(), crlf in any::<bool>(), bom in any::<bool>(),
        pick in any::<prop::sample::Index>(), op in op(),
    ) {
        // A root object, so there is always something to insert into.
        let mut text = format!("{lead}{{\n  root: {},\n  other: [1, 2],\n}}{tail}", d.text);
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        if bom {
            text.insert(0, '\u{FEFF}');
        }
        let tree = parse_tree(&text, FileId(0)).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let file = Editable::new(&text, &tree).map_err(TestCaseError::fail)?;
        let mut all = Vec::new();
        places(&tree, &mut Vec::new(), &mut all);
        let place = pick.get(&all).clone();
        let (last, parent_place) = place.split_last().unwrap();
        let mut expected = tree.clone();
        let parent = at_mut(&mut expected, parent_place);
        let parent_span = parent.span;
        let is_object = matches!(parent.kind, Kind::Object(_));
        let target = at_mut(&mut tree.clone(), &place).clone();

        let (fix, removed): (FixOp, Option<Span>) = match (&op, &mut parent.kind) {
            (Op::Remove, Kind::Object(members)) => {
                let m = members.remove(*last);
                (FixOp::RemoveProperty { file: FileId(0), member: m.span() }, Some(m.span()))
            }
            (Op::Remove, Kind::Array(items)) => {
                let n = items.remove(*last);
                (FixOp::RemoveElement { file: FileId(0), element: n.span }, Some(n.span))
            }
            (Op::Replace(new), _) => {
                let slot = at_mut(&mut expected, &place);
                let parsed = parse_tree(&new.text, FileId(0)).unwrap();
                *slot = parsed;
                (FixOp::ReplaceValue { file: FileId(0), value: target.span, new: new.value.clone() }, None)
            }
            (Op::Rename(k), Kind::Object(members)) => {
                let key_span = members[*last].key_span;
                members[*last].key = k.clone();
                (FixOp::RenameKey { file: FileId(0), key: key_span, new: k.clone() }, None)
            }
            (Op::Insert(k, v, i), _) => {
                // Insert into the nearest object: the parent if it is one, else the root.
                let (object, obj_place) = if is_object { (parent_span, parent_place.to_vec()) } else { (tree.span, vec![]) };
                let obj = at_mut(&mut expected, &obj_place);
                let Kind::Object(members) = &mut obj.kind else { unreachable!() };
                let index = (*i).min(members.len());
                let value = parse_tree(&v.text, FileId(0)).unwrap();
                members.insert(index, Member { key: k.clone(), key_span: Span::default(), value });
                (FixOp::InsertProperty { file: FileId(0), object, key: k.clone(), value: v.value.clone(), index: Some(index) }, None)
            }
            (Op::Rename(_), _) => return Ok(()), // array elements have no key
            (Op::Remove, _) => unreachable!(),
        };

        let edits = file.lower(&fix).map_err(TestCaseError::fail)?;
        let out = apply(&text, &edits);
        prop_assert!(json5::check(&out).is_ok(), "{:?} made invalid JSON5 ({:?}):\n{}\n---\n{}", fix, json5::check(&out).err(), text, out);
        let got = parse_tree(&out, FileId(0)).map_err(|e| TestCaseError::fail(format!("{e:?}\n{out}")))?;
        prop_assert!(common::same(&got.to_json(), &expected.to_json()), "{:?}\n{}\n---\n{}\ngot {}\nwant {}", fix, text, out, got.to_json(), expected.to_json());
        // Deterministic.
        prop_assert_eq!(apply(&text, &file.lower(&fix).unwrap()), out.clone());
        // Comments outside a removed member survive.
        let mut left: Vec<String> = comments(&out).into_iter().map(|c| c.2).collect();
        for (s, e, c) in comments(&text) {
            let inside = removed.is_some_and(|r| {
                (s >= r.start && e <= r.end) || (s >= r.end && line_of(&text, s) == line_of(&text, r.end))
            });
            let replaced = matches!(fix, FixOp::ReplaceValue { value, .. } if s >= value.start && e <= value.end);
            if inside || replaced {
                continue;
            }
            let Some(i) = left.iter().position(|x| *x == c) else {
                return Err(TestCaseError::fail(format!("comment {c:?} lost by {fix:?}\n{text}\n---\n{out}")));
            };
            left.remove(i);
        }
    }
}
