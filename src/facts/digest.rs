//! Import-time work on a release's schema: normalise it so the `jsonschema` crate compiles it,
//! split it into chunks (so a run compiles only what the config uses), and list its key paths.

use crate::facts::pack::{Chunk, Hole, PackWriter};
use serde_json::Value;
use std::collections::{BTreeSet, HashSet};

/// Chunks larger than this (minified bytes) have their big children split off.
const SPLIT_ABOVE: usize = 4096;
/// Children smaller than this stay inline.
const CHILD_MIN: usize = 512;

/// Make an exported schema compile with `jsonschema`, returning what was changed:
/// - `\0` inside a `pattern` (ECMAScript NUL) becomes `\x00`, which the Rust regex engines read;
/// - `#/$defs/…` references inside embedded plugin schemas mean *their own* `$defs` (they were
///   written as stand-alone documents); they are rewritten to absolute pointers.
pub fn normalize(schema: &mut Value) -> Vec<String> {
    let mut notes = Vec::new();
    fix_patterns(schema, "", &mut notes);
    let mut scopes = Vec::new();
    fix_refs(schema, &mut String::new(), &mut scopes, &mut notes);
    notes
}

fn fix_patterns(v: &mut Value, ptr: &str, notes: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m.iter_mut() {
                let p = format!("{ptr}/{}", escape(k));
                if k == "pattern"
                    && let Value::String(s) = child
                    && s.contains("\\0")
                {
                    *s = s.replace("\\0", "\\x00");
                    notes.push(format!("pattern at {p}: `\\0` rewritten as `\\x00`"));
                    continue;
                }
                fix_patterns(child, &p, notes);
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter_mut().enumerate() {
                fix_patterns(child, &format!("{ptr}/{i}"), notes);
            }
        }
        _ => {}
    }
}

/// `scopes`: pointers of the enclosing schemas that carry their own `$defs`/`definitions`.
fn fix_refs(v: &mut Value, ptr: &mut String, scopes: &mut Vec<String>, notes: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            let own = !ptr.is_empty() && (m.contains_key("$defs") || m.contains_key("definitions"));
            if own {
                scopes.push(ptr.clone());
            }
            for (k, child) in m.iter_mut() {
                if k == "$ref"
                    && let Value::String(r) = child
                    && let Some(scope) = scopes.last()
                    && (r.starts_with("#/$defs/") || r.starts_with("#/definitions/"))
                {
                    let new = format!("#{scope}{}", &r[1..]);
                    notes.push(format!("$ref at {ptr}: `{r}` → `{new}`"));
                    *r = new;
                    continue;
                }
                let len = ptr.len();
                ptr.push('/');
                ptr.push_str(&escape(k));
                fix_refs(child, ptr, scopes, notes);
                ptr.truncate(len);
            }
            if own {
                scopes.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter_mut().enumerate() {
                let len = ptr.len();
                ptr.push_str(&format!("/{i}"));
                fix_refs(child, ptr, scopes, notes);
                ptr.truncate(len);
            }
        }
        _ => {}
    }
}

/// JSON Pointer escaping of one reference token.
pub fn escape(k: &str) -> String {
    k.replace('~', "~0").replace('/', "~1")
}

fn unescape(k: &str) -> String {
    k.replace("~1", "/").replace("~0", "~")
}

/// Resolve a JSON Pointer (without the leading `#`).
pub fn resolve<'a>(root: &'a Value, ptr: &str) -> Option<&'a Value> {
    if ptr.is_empty() {
        return Some(root);
    }
    let mut v = root;
    for tok in ptr.strip_prefix('/')?.split('/') {
        let tok = unescape(tok);
        v = match v {
            Value::Object(m) => m.get(&tok)?,
            Value::Array(a) => a.get(tok.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(v)
}

fn all_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                if k == "$ref"
                    && let Value::String(r) = c
                {
                    out.push(r.clone());
                } else {
                    all_refs(c, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|c| all_refs(c, out)),
        _ => {}
    }
}

/// Split a normalised schema into chunks and store them; returns the root chunk.
pub fn split(schema: &Value, w: &mut PackWriter) -> u32 {
    let mut refs = Vec::new();
    all_refs(schema, &mut refs);
    let targets: Vec<String> = refs.iter().filter_map(|r| r.strip_prefix('#').map(str::to_owned)).collect();
    let ctx = SplitCtx { targets };
    ctx.chunk(schema, "", w)
}

struct SplitCtx {
    /// Every `$ref` target pointer in the schema.
    targets: Vec<String>,
}

impl SplitCtx {
    fn chunk(&self, node: &Value, ptr: &str, w: &mut PackWriter) -> u32 {
        let mut node = node.clone();
        let mut holes = Vec::new();
        if splittable(&node) && minified_len(&node) > SPLIT_ABOVE {
            let m = node.as_object_mut().unwrap();
            if let Some(Value::Object(props)) = m.get_mut("properties") {
                for (k, child) in props.iter_mut() {
                    let cptr = format!("{ptr}/properties/{}", escape(k));
                    if minified_len(child) >= CHILD_MIN && self.can_extract(child, &cptr) {
                        let id = self.chunk(child, &cptr, w);
                        holes.push(Hole::Property(k.clone(), id));
                        *child = placeholder(child);
                    }
                }
            }
            if let Some(child @ Value::Object(_)) = m.get_mut("additionalProperties") {
                let cptr = format!("{ptr}/additionalProperties");
                if minified_len(child) >= CHILD_MIN && self.can_extract(child, &cptr) {
                    let id = self.chunk(child, &cptr, w);
                    holes.push(Hole::Additional(id));
                    *child = placeholder(child);
                }
            }
        }
        relativize_refs(&mut node, ptr);
        let blob = w.blob(serde_json::to_vec(&node).expect("serialisable"));
        w.chunk(Chunk { blob, holes })
    }

    /// A subtree can become its own document when its references stay inside it and nothing
    /// outside refers into it.
    fn can_extract(&self, child: &Value, cptr: &str) -> bool {
        let mut inner = Vec::new();
        all_refs(child, &mut inner);
        let inside = |t: &str| t == cptr || t.starts_with(&format!("{cptr}/"));
        let inner_ok = inner.iter().all(|r| r.strip_prefix('#').is_some_and(inside));
        // every reference into the subtree comes from inside it
        let into = self.targets.iter().filter(|t| inside(t)).count();
        inner_ok && into == inner.len()
    }
}

/// What stays in a hole: `true`, keeping a `default` (a required key with a default is
/// filled in before validation, so the parent needs to know it has one).
fn placeholder(child: &Value) -> Value {
    match child.get("default") {
        Some(d) => serde_json::json!({ "default": d }),
        None => Value::Bool(true),
    }
}

/// Only plain object schemas are split: their `properties` and `additionalProperties` apply to
/// known instance locations. Anything with combinators stays whole.
fn splittable(node: &Value) -> bool {
    let Value::Object(m) = node else { return false };
    ![
        "anyOf",
        "oneOf",
        "allOf",
        "not",
        "if",
        "$ref",
        "patternProperties",
        "dependencies",
        "dependentSchemas",
        "unevaluatedProperties",
        "$defs",
        "definitions",
    ]
    .iter()
    .any(|k| m.contains_key(*k))
}

fn minified_len(v: &Value) -> usize {
    serde_json::to_vec(v).map(|b| b.len()).unwrap_or(0)
}

/// Rewrite every local `$ref` (`#…`) with `f`, which gets the pointer after `#` and returns the
/// new one, or `None` to leave it.
fn rewrite_refs(v: &mut Value, f: &dyn Fn(&str) -> Option<String>) {
    match v {
        Value::Object(m) => {
            for (k, c) in m.iter_mut() {
                if k == "$ref"
                    && let Value::String(r) = c
                    && let Some(new) = r.strip_prefix('#').and_then(f)
                {
                    *r = format!("#{new}");
                } else {
                    rewrite_refs(c, f);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|c| rewrite_refs(c, f)),
        _ => {}
    }
}

/// References inside a chunk rooted at `base` become relative to the chunk.
fn relativize_refs(v: &mut Value, base: &str) {
    if !base.is_empty() {
        rewrite_refs(v, &|p| p.strip_prefix(base).map(str::to_owned));
    }
}

/// Reassemble a release's full schema from its chunks (for `clawlint schema` and the compile
/// test): fill every hole and turn references back into absolute pointers.
pub fn assemble(pack: &crate::facts::pack::Pack<'_>, chunk: u32, ptr: &str) -> std::io::Result<Value> {
    let mut v: Value = serde_json::from_slice(&pack.blob(pack.chunk_blob(chunk)?)?).map_err(std::io::Error::other)?;
    absolutize(&mut v, ptr);
    for h in pack.holes(chunk)?.iter() {
        match h {
            Hole::Property(name, id) => {
                let child = assemble(pack, *id, &format!("{ptr}/properties/{}", escape(name)))?;
                // (the placeholder, `true` or `{"default": …}`, is replaced by the whole subschema)
                if let Some(Value::Object(props)) = v.get_mut("properties") {
                    props.insert(name.clone(), child);
                }
            }
            Hole::Additional(id) => {
                let child = assemble(pack, *id, &format!("{ptr}/additionalProperties"))?;
                if let Value::Object(m) = &mut v {
                    m.insert("additionalProperties".into(), child);
                }
            }
        }
    }
    Ok(v)
}

/// The inverse of [`relativize_refs`].
pub fn absolutize(v: &mut Value, base: &str) {
    if !base.is_empty() {
        rewrite_refs(v, &|p| Some(format!("{base}{p}")));
    }
}

/// Every key path the schema accepts: object properties joined with `.`, `*` for
/// `additionalProperties` (a schema or `true`) and `patternProperties`, `[]` for array items.
/// Combinators (`anyOf`, `oneOf`, `allOf`, `if/then/else`) contribute on the same path and local
/// `$ref`s are followed (cycles cut).
pub fn key_paths(schema: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut seen = HashSet::new();
    // Every path the walk meets but the root and array items themselves (`a[]`), which name no
    // key.
    walk_nodes(schema, schema, "", &mut seen, &mut |p: &str, _: &Value| {
        if !p.is_empty() && !p.ends_with("[]") && !out.contains(p) {
            out.insert(p.to_owned());
        }
    });
    out
}

/// A digest of the subschema at each of [`key_paths`]' paths: two releases with the same digest
/// at a path accept the same values there. A path's digest covers every schema node the walk
/// meets at it (through references and combinators) and the digests of the paths below it, so a
/// change anywhere under a path changes it. Digests are compared only within one import, never
/// stored: the key index keeps the groups of releases they form.
pub fn shapes(schema: &Value) -> std::collections::BTreeMap<String, u64> {
    use std::collections::{BTreeMap, HashMap};
    use std::hash::{Hash, Hasher};
    let mut nodes: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    let mut texts: HashMap<usize, u64> = HashMap::new();
    let mut seen = HashSet::new();
    let mut visit = |path: &str, node: &Value| {
        let h = *texts.entry(node as *const Value as usize).or_insert_with(|| {
            let mut st = std::collections::hash_map::DefaultHasher::new();
            serde_json::to_string(node).unwrap_or_default().hash(&mut st);
            st.finish()
        });
        nodes.entry(path.to_owned()).or_default().push(h);
    };
    walk_nodes(schema, schema, "", &mut seen, &mut visit);
    // Deepest paths first, so each path's children are final when it is combined.
    let mut order: Vec<&String> = nodes.keys().collect();
    order.sort_by_key(|p| {
        std::cmp::Reverse(p.matches('.').count() + p.matches("[]").count() + usize::from(!p.is_empty()))
    });
    let mut out: BTreeMap<String, u64> = BTreeMap::new();
    let mut below: HashMap<String, Vec<u64>> = HashMap::new();
    for p in order {
        let mut hs = nodes[p].clone();
        hs.sort_unstable();
        hs.dedup();
        let mut kids = below.remove(p.as_str()).unwrap_or_default();
        kids.sort_unstable();
        let mut st = std::collections::hash_map::DefaultHasher::new();
        (hs, kids).hash(&mut st);
        let d = st.finish();
        if let Some(parent) = parent_path(p) {
            below.entry(parent).or_default().push(d);
        }
        out.insert(p.clone(), d);
    }
    out.remove("");
    out
}

/// `a.b[]` → `a.b`, `a.b` → `a`, `a` → `` (the root), `` → none.
fn parent_path(p: &str) -> Option<String> {
    if p.is_empty() {
        return None;
    }
    if let Some(s) = p.strip_suffix("[]") {
        return Some(s.to_owned());
    }
    Some(p.rfind('.').map(|i| p[..i].to_owned()).unwrap_or_default())
}

/// The walk of [`key_paths`], calling `visit` with every schema node met and the path it
/// describes.
fn walk_nodes(
    root: &Value,
    node: &Value,
    path: &str,
    seen: &mut HashSet<(String, usize)>,
    visit: &mut dyn FnMut(&str, &Value),
) {
    let Value::Object(m) = node else {
        visit(path, node);
        return;
    };
    visit(path, node);
    if let Some(Value::String(r)) = m.get("$ref")
        && let Some(target) = r.strip_prefix('#').and_then(|p| resolve(root, p))
        && seen.insert((path.to_owned(), target as *const Value as usize))
    {
        walk_nodes(root, target, path, seen, visit);
    }
    for k in ["anyOf", "oneOf", "allOf"] {
        if let Some(Value::Array(a)) = m.get(k) {
            a.iter().for_each(|s| walk_nodes(root, s, path, seen, visit));
        }
    }
    for k in ["if", "then", "else"] {
        if let Some(s) = m.get(k) {
            walk_nodes(root, s, path, seen, visit);
        }
    }
    let join = |k: &str| if path.is_empty() { k.to_owned() } else { format!("{path}.{k}") };
    if let Some(Value::Object(props)) = m.get("properties") {
        for (k, s) in props {
            walk_nodes(root, s, &join(k), seen, visit);
        }
    }
    if let Some(s @ Value::Object(o)) = m.get("additionalProperties")
        && !o.is_empty()
    {
        walk_nodes(root, s, &join("*"), seen, visit);
    }
    if let Some(Value::Object(pp)) = m.get("patternProperties") {
        pp.values().for_each(|s| walk_nodes(root, s, &join("*"), seen, visit));
    }
    match m.get("items") {
        Some(s @ Value::Object(_)) => walk_nodes(root, s, &format!("{path}[]"), seen, visit),
        Some(Value::Array(a)) => a.iter().for_each(|s| walk_nodes(root, s, &format!("{path}[]"), seen, visit)),
        _ => {}
    }
    if let Some(Value::Array(a)) = m.get("prefixItems") {
        a.iter().for_each(|s| walk_nodes(root, s, &format!("{path}[]"), seen, visit));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn normalises_nul_patterns_and_embedded_defs() {
        let mut s = json!({
            "properties": {
                "p": {"type": "string", "pattern": "^[^\\0]*$"},
                "plugin": {"$defs": {"x": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/x"}}}
            }
        });
        let notes = normalize(&mut s);
        assert_eq!(notes.len(), 2);
        assert_eq!(s["properties"]["p"]["pattern"], "^[^\\x00]*$");
        assert_eq!(s["properties"]["plugin"]["properties"]["a"]["$ref"], "#/properties/plugin/$defs/x");
        jsonschema::validator_for(&s).unwrap();
    }

    #[test]
    fn split_and_assemble_round_trip() {
        let big = "x".repeat(5000);
        let mut s = json!({
            "type": "object",
            "properties": {
                "a": {"type": "object", "description": big, "properties": {"b": {"type": "number"}}},
                "plugin": {"description": big, "$defs": {"x": {"type": "string"}}, "properties": {"c": {"$ref": "#/$defs/x"}}},
                "small": {"type": "string"}
            },
            "additionalProperties": false
        });
        normalize(&mut s);
        let mut w = PackWriter::default();
        let root = split(&s, &mut w);
        let idx = w.blob(Vec::new());
        let rel = crate::facts::pack::ReleaseEntry {
            version: "1.1.1".into(),
            commit: None,
            source: String::new(),
            root,
            key_paths: idx,
            hidden: vec![],
            providers: vec![],
            zod: None,
            web_search: None,
        };
        let bytes = w.finish(vec![rel], idx).unwrap();
        let pack = crate::facts::pack::Pack::parse(&bytes).unwrap();
        assert_eq!(pack.holes(root).unwrap().len(), 2, "a and plugin split off, small kept");
        assert_eq!(assemble(&pack, root, "").unwrap(), s);
    }

    #[test]
    fn key_paths_walks_combinators_maps_and_refs() {
        let s = json!({
            "properties": {
                "m": {"anyOf": [{"type": "string"}, {"properties": {"primary": {}, "fallbacks": {"items": {"type": "string"}}}}]},
                "map": {"additionalProperties": {"properties": {"x": {}}}},
                "list": {"items": {"$ref": "#/$defs/e"}}
            },
            "$defs": {"e": {"properties": {"id": {}}}}
        });
        let p: Vec<String> = key_paths(&s).into_iter().collect();
        assert_eq!(p, ["list", "list[].id", "m", "m.fallbacks", "m.primary", "map", "map.*", "map.*.x"]);
    }
}
