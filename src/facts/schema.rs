//! Validating a config against one release's schema, compiling only the chunks the config
//! reaches, and turning `jsonschema`'s errors into [`Violation`]s that read like OpenClaw's.

use crate::document::{KeyPath, Segment};
use crate::facts::digest::resolve;
use crate::facts::pack::{Hole, Pack};
use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{Draft, ValidationError};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// One failed check, at an instance location.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Where the offending value is (for an unexpected key: the object holding it).
    pub path: KeyPath,
    pub kind: ViolationKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ViolationKind {
    /// A key the object does not allow.
    UnexpectedKey(String),
    /// A required key is missing.
    Missing(String),
    Type {
        expected: Vec<String>,
        found: &'static str,
    },
    /// Not one of the allowed values (`enum`, or a single `const`).
    NotAllowed {
        allowed: Vec<Value>,
    },
    Pattern(String),
    /// A key a map does not allow (`propertyNames`); the violation's path ends with the key.
    BadKey {
        /// The key pattern, when that is what the key fails.
        pattern: Option<String>,
    },
    /// None of the shapes of an `anyOf`/`oneOf` fit. `shapes` names each branch, `branches`
    /// holds each branch's own violations, `closest` the branch that got furthest.
    NoShape {
        shapes: Vec<String>,
        branches: Vec<Vec<Violation>>,
        closest: Option<usize>,
    },
    /// Anything else, with `jsonschema`'s wording (ranges, lengths, formats…).
    Other(String),
}

struct Compiled {
    validator: jsonschema::Validator,
    schema: Value,
}

/// A release's schema, compiled chunk by chunk on demand. Chunks are shared between releases
/// (the pack stores each distinct one once), and so is their compiled form.
pub struct SchemaSet {
    pack: Arc<Pack<'static>>,
    root: u32,
    draft: Draft,
}

/// Compiled chunks by pack (the embedded one, or one read at run time) and chunk id.
type Cache = Mutex<HashMap<(usize, u32), Arc<Compiled>>>;

fn cache() -> &'static Cache {
    static C: std::sync::OnceLock<Cache> = std::sync::OnceLock::new();
    C.get_or_init(Default::default)
}

impl SchemaSet {
    pub fn new(pack: Arc<Pack<'static>>, root: u32) -> SchemaSet {
        SchemaSet { pack, root, draft: Draft::Draft7 }
    }

    /// The whole schema, reassembled from its chunks.
    pub fn assemble(&self) -> std::io::Result<Value> {
        crate::facts::digest::assemble(&self.pack, self.root, "")
    }

    fn compiled(&self, id: u32) -> std::io::Result<Arc<Compiled>> {
        let key = (Arc::as_ptr(&self.pack) as usize, id);
        if let Some(c) = cache().lock().unwrap().get(&key) {
            return Ok(c.clone());
        }
        let schema: Value =
            serde_json::from_slice(&self.pack.blob(self.pack.chunk_blob(id)?)?).map_err(std::io::Error::other)?;
        // A chunk that is an embedded plugin schema names its own draft; the rest are draft 7
        // like the document they came from.
        let mut opts = jsonschema::options();
        if schema.get("$schema").is_none() {
            opts = opts.with_draft(self.draft);
        }
        let validator = opts
            .build(&schema)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("schema chunk {id}: {e}")))?;
        let c = Arc::new(Compiled { validator, schema });
        cache().lock().unwrap().insert(key, c.clone());
        Ok(c)
    }

    /// Every violation of `value`, paths from the config root.
    pub fn validate(&self, value: &Value) -> std::io::Result<Vec<Violation>> {
        let mut out = Vec::new();
        self.validate_chunk(self.root, value, &KeyPath::root(), &mut out)?;
        Ok(out)
    }

    fn validate_chunk(&self, id: u32, value: &Value, at: &KeyPath, out: &mut Vec<Violation>) -> std::io::Result<()> {
        let c = self.compiled(id)?;
        for e in c.validator.iter_errors(value) {
            out.extend(convert(&e, at, &c.schema));
        }
        let Value::Object(obj) = value else { return Ok(()) };
        let holes = self.pack.holes(id)?;
        for h in holes.iter() {
            match h {
                Hole::Property(name, child) => {
                    if let Some(v) = obj.get(name) {
                        self.validate_chunk(*child, v, &at.child_key(name), out)?;
                    }
                }
                Hole::Additional(child) => {
                    let props = c.schema.get("properties").and_then(Value::as_object);
                    for (k, v) in obj {
                        if props.is_none_or(|p| !p.contains_key(k)) {
                            self.validate_chunk(*child, v, &at.child_key(k), out)?;
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// The property names the schema declares at a (concrete) config path, for "did you
    /// mean" suggestions. Follows holes, `additionalProperties` and combinators.
    pub fn known_keys(&self, path: &KeyPath) -> std::io::Result<Vec<String>> {
        let mut chunk = self.root;
        let mut c = self.compiled(chunk)?;
        let mut nodes: Vec<Value> = vec![c.schema.clone()];
        for seg in &path.0 {
            let mut next = Vec::new();
            for n in &nodes {
                for n in expand(n, &c.schema) {
                    match seg {
                        Segment::Key(k) => {
                            if let Some(s) = n.get("properties").and_then(|p| p.get(k.as_str())) {
                                next.push(s.clone());
                            } else if let Some(s @ Value::Object(_)) = n.get("additionalProperties") {
                                next.push(s.clone());
                            }
                        }
                        Segment::Index(_) => {
                            if let Some(s) = n.get("items") {
                                next.push(s.clone());
                            }
                        }
                    }
                }
            }
            // Crossing into a hole: continue in the chunk that fills it.
            if next.iter().all(|n| n == &Value::Bool(true))
                && let Segment::Key(k) = seg
            {
                let holes = self.pack.holes(chunk)?;
                let named = holes.iter().find_map(|h| match h {
                    Hole::Property(n, id) if n == k => Some(*id),
                    _ => None,
                });
                let any = holes.iter().find_map(|h| match h {
                    Hole::Additional(id) => Some(*id),
                    _ => None,
                });
                if let Some(id) = named.or(any) {
                    chunk = id;
                    c = self.compiled(chunk)?;
                    next = vec![c.schema.clone()];
                }
            }
            nodes = next;
        }
        let mut keys = Vec::new();
        for n in &nodes {
            for n in expand(n, &c.schema) {
                if let Some(p) = n.get("properties").and_then(Value::as_object) {
                    keys.extend(p.keys().cloned());
                }
            }
        }
        keys.sort();
        keys.dedup();
        Ok(keys)
    }
}

/// A schema node and the alternatives it stands for (`$ref`, `anyOf`, `oneOf`, `allOf`).
fn expand<'a>(n: &'a Value, root: &'a Value) -> Vec<&'a Value> {
    let mut out = vec![n];
    let mut i = 0;
    while i < out.len() && out.len() < 64 {
        let cur = out[i];
        if let Some(r) = cur.get("$ref").and_then(Value::as_str)
            && let Some(t) = r.strip_prefix('#').and_then(|p| resolve(root, p))
        {
            out.push(t);
        }
        for k in ["anyOf", "oneOf", "allOf"] {
            if let Some(Value::Array(a)) = cur.get(k) {
                out.extend(a.iter());
            }
        }
        i += 1;
    }
    out
}

fn instance_path(e: &ValidationError<'_>, at: &KeyPath) -> KeyPath {
    let mut p = at.clone();
    for seg in e.instance_path().iter() {
        match seg {
            jsonschema::paths::LocationSegment::Property(k) => p.0.push(Segment::Key(k.into_owned())),
            jsonschema::paths::LocationSegment::Index(i) => p.0.push(Segment::Index(i)),
        }
    }
    p
}

fn convert(e: &ValidationError<'_>, at: &KeyPath, schema: &Value) -> Vec<Violation> {
    let path = instance_path(e, at);
    let kind = match e.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            return unexpected
                .iter()
                .map(|k| Violation { path: path.clone(), kind: ViolationKind::UnexpectedKey(k.clone()) })
                .collect();
        }
        ValidationErrorKind::Required { property } => {
            let k = property.as_str().map(str::to_owned).unwrap_or_else(|| property.to_string());
            // A required key with a default is filled in before OpenClaw validates.
            let obj = e.schema_path().as_str().strip_suffix("/required").and_then(|p| resolve(schema, p));
            if obj.and_then(|o| o.get("properties")?.get(&k)?.get("default")).is_some() {
                return Vec::new();
            }
            ViolationKind::Missing(k)
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(t) => vec![t.to_string()],
                TypeKind::Multiple(ts) => ts.iter().map(|t| t.to_string()).collect(),
            };
            ViolationKind::Type { expected, found: json_type(e.instance()) }
        }
        ValidationErrorKind::Enum { options } => {
            ViolationKind::NotAllowed { allowed: options.as_array().cloned().unwrap_or_default() }
        }
        ValidationErrorKind::Constant { expected_value } => {
            ViolationKind::NotAllowed { allowed: vec![(**expected_value).clone()] }
        }
        ValidationErrorKind::Pattern { pattern } => ViolationKind::Pattern(pattern.clone()),
        ValidationErrorKind::PropertyNames { error } => {
            let Some(key) = error.instance().as_str() else { return Vec::new() };
            let pattern = match error.kind() {
                ValidationErrorKind::Pattern { pattern } => Some(pattern.clone()),
                _ => None,
            };
            return vec![Violation { path: path.child_key(key), kind: ViolationKind::BadKey { pattern } }];
        }
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            let branches = resolve(schema, e.schema_path().as_str()).and_then(Value::as_array);
            // A union of constants is an enum.
            if let Some(b) = branches {
                let consts: Option<Vec<Value>> = b
                    .iter()
                    .map(|s| match (s.get("const"), s.get("enum")) {
                        (Some(c), _) => Some(vec![c.clone()]),
                        (None, Some(Value::Array(e))) => Some(e.clone()),
                        _ => None,
                    })
                    .collect::<Option<Vec<_>>>()
                    .map(|v| v.concat());
                if let Some(allowed) = consts {
                    return vec![Violation { path, kind: ViolationKind::NotAllowed { allowed } }];
                }
            }
            let shapes = branches.map(|b| b.iter().map(|s| describe(s, schema)).collect()).unwrap_or_default();
            let branches: Vec<Vec<Violation>> =
                context.iter().map(|errs| errs.iter().flat_map(|e| convert(e, at, schema)).collect()).collect();
            let closest = closest_branch(&branches, &path);
            ViolationKind::NoShape { shapes, branches, closest }
        }
        _ => ViolationKind::Other(e.to_string()),
    };
    vec![Violation { path, kind }]
}

/// The branch that got furthest: the one whose violations sit deepest in the value, then the
/// one with the fewest; a branch that fails on the value's own type or value, or on a member
/// that names another branch (a discriminator such as `source`), is not a candidate.
fn closest_branch(branches: &[Vec<Violation>], at: &KeyPath) -> Option<usize> {
    let mut best: Option<(usize, (usize, usize))> = None;
    for (i, vs) in branches.iter().enumerate() {
        let shallow = vs.iter().all(|v| {
            v.path.0.len() == at.0.len()
                && matches!(v.kind, ViolationKind::Type { .. } | ViolationKind::NotAllowed { .. })
        });
        // A member that must be one constant and is another (`source: "exec"` against the
        // `source: "env"` branch) says the value is meant for a different branch.
        let other_kind = vs.iter().any(|v| {
            v.path.0.len() == at.0.len() + 1
                && matches!(&v.kind, ViolationKind::NotAllowed { allowed } if allowed.len() == 1)
        });
        if shallow || other_kind || vs.is_empty() {
            continue;
        }
        let depth = vs.iter().map(|v| v.path.0.len()).max().unwrap_or(0);
        let score = (depth, usize::MAX - vs.len());
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}

/// A short name for a schema branch: `string`, `object {primary, fallbacks}`, `"auto"`…
pub fn describe(s: &Value, root: &Value) -> String {
    if let Some(r) = s.get("$ref").and_then(Value::as_str)
        && let Some(t) = r.strip_prefix('#').and_then(|p| resolve(root, p))
    {
        return describe(t, root);
    }
    if let Some(c) = s.get("const") {
        return c.to_string();
    }
    if let Some(Value::Array(e)) = s.get("enum") {
        return e.iter().map(|v| v.to_string()).collect::<Vec<_>>().join(" | ");
    }
    let ty = match s.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" | "),
        _ => String::new(),
    };
    if let Some(Value::Object(p)) = s.get("properties") {
        let keys: Vec<&str> = p.keys().map(String::as_str).take(4).collect();
        let more = if p.len() > 4 { ", …" } else { "" };
        return format!("object {{{}{more}}}", keys.join(", "));
    }
    if ty == "array"
        && let Some(items) = s.get("items")
    {
        return format!("array of {}", describe(items, root));
    }
    if ty.is_empty() { "another shape".into() } else { ty }
}

pub fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// `"a", "b" or "c"` for allowed values, as OpenClaw lists them.
pub fn list_values(vals: &[Value]) -> String {
    let items: Vec<String> = vals.iter().map(|v| v.to_string()).collect();
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} or {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

fn article(t: &str) -> String {
    match t {
        "integer" | "object" | "array" => format!("an {t}"),
        "null" => "null".into(),
        _ => format!("a {t}"),
    }
}

/// What is wrong, in a few words, without the path: `expected a number, found a string`.
pub fn explain(v: &Violation) -> String {
    match &v.kind {
        ViolationKind::UnexpectedKey(k) => format!("unexpected key `{k}`"),
        ViolationKind::Missing(k) => format!("missing required key `{k}`"),
        ViolationKind::Type { expected, found } => {
            let exp: Vec<String> = expected.iter().map(|t| article(t)).collect();
            format!("expected {}, found {}", exp.join(" or "), article(found))
        }
        ViolationKind::NotAllowed { allowed } => format!("not an allowed value (allowed: {})", list_values(allowed)),
        ViolationKind::Pattern(p) => format!("does not match the pattern `{p}`"),
        ViolationKind::BadKey { pattern: Some(p) } => format!("the key does not match the pattern `{p}`"),
        ViolationKind::BadKey { pattern: None } => "the key is not allowed here".into(),
        ViolationKind::NoShape { shapes, branches, closest } => {
            let mut s = format!("matches none of the accepted shapes ({})", shapes.join("; "));
            if let Some(i) = closest
                && let (Some(shape), Some(first)) = (shapes.get(*i), branches[*i].first())
            {
                let at = if first.path == v.path { String::new() } else { format!("`{}`: ", first.path.dotted()) };
                s.push_str(&format!("; closest is {shape}, where {at}{}", explain(first)));
            }
            s
        }
        ViolationKind::Other(m) => m.clone(),
    }
}
