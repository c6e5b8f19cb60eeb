#!/usr/bin/env node
// Records what OpenClaw's config parse path does on every corpus file.
//
// usage: NODE24 scripts/record/json5-parity.mjs OPENCLAW_PKG_DIR [CORPUS_DIR] [OUT_JSON]
//   OPENCLAW_PKG_DIR  the installed package, e.g. <install>/v2026.9.6/node_modules/openclaw
//   CORPUS_DIR        defaults to tests/fixtures/json5-parity
//   OUT_JSON          defaults to CORPUS_DIR/expected.json (plus CORPUS_DIR/expected-meta.json)
// Must run under the same Node major that OpenClaw uses (24); the recording used v24.19.0.
//
// Parse path reproduced (2026.9.6, dist/io.read-helpers-*.mjs parseConfigJson5 ->
// dist/parse-json-compat-*.mjs parseJsonWithJson5Fallback(raw, JSON5)):
//   raw = fs.readFileSync(configPath, "utf-8")   // no BOM stripping
//   try { JSON.parse(raw) } catch { JSON5.parse(raw) }
// We import OpenClaw's own parseJsonWithJson5Fallback from dist and pass the json5 module resolved
// from the openclaw package (what `import JSON5 from "json5"` in dist resolves to).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL, fileURLToPath } from "node:url";

const pkgDir = path.resolve(process.argv[2] ?? die("usage: json5-parity.mjs OPENCLAW_PKG_DIR [CORPUS_DIR] [OUT_JSON]"));
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const corpus = path.resolve(process.argv[3] ?? path.join(repo, "tests/fixtures/json5-parity"));
const outJson = path.resolve(process.argv[4] ?? path.join(corpus, "expected.json"));

function die(msg) { console.error(msg); process.exit(2); }

const dist = path.join(pkgDir, "dist");
const compatFile = fs.readdirSync(dist).find((f) => /^parse-json-compat-.*\.mjs$/.test(f)
  && fs.readFileSync(path.join(dist, f), "utf8").includes("function parseJsonWithJson5Fallback"));
if (!compatFile) die(`no parse-json-compat-*.mjs with parseJsonWithJson5Fallback in ${dist}`);
const compat = await import(pathToFileURL(path.join(dist, compatFile)).href);
const parseJsonWithJson5Fallback = compat.t;
if (typeof parseJsonWithJson5Fallback !== "function") die("export t of parse-json-compat is not a function");

const req = createRequire(path.join(dist, "index.js"));
const json5Path = req.resolve("json5");
const JSON5 = req("json5");
const json5Version = JSON.parse(fs.readFileSync(path.join(path.dirname(json5Path), "..", "package.json"), "utf8")).version;
const openclawVersion = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")).version;

// ---- value encoding -------------------------------------------------------
// Non-finite numbers become the strings "Infinity" / "-Infinity" / "NaN" and their JSON-pointer paths
// are listed in `special`; -0 is written as 0 and listed in `special` as "-0". Nesting deeper than
// MAX_DEPTH is not embedded (serde_json's default recursion limit is 128): `value` is omitted and
// `value_depth` gives the depth.
const MAX_DEPTH = 64;
function depthOf(v) {
  let max = 0; const stack = [[v, 0]];
  while (stack.length) {
    const [x, d] = stack.pop();
    if (x !== null && typeof x === "object") {
      const kids = Array.isArray(x) ? x : Object.values(x);
      if (d + 1 > max) max = d + 1;
      for (const k of kids) stack.push([k, d + 1]);
    }
  }
  return max;
}
const ptrEsc = (k) => String(k).replace(/~/g, "~0").replace(/\//g, "~1");
function encode(v, p, special) {
  if (typeof v === "number") {
    if (Number.isNaN(v)) { special.push({ path: p, kind: "NaN" }); return "NaN"; }
    if (v === Infinity) { special.push({ path: p, kind: "Infinity" }); return "Infinity"; }
    if (v === -Infinity) { special.push({ path: p, kind: "-Infinity" }); return "-Infinity"; }
    if (Object.is(v, -0)) { special.push({ path: p, kind: "-0" }); return 0; }
    return v;
  }
  if (Array.isArray(v)) return v.map((x, i) => encode(x, `${p}/${i}`, special));
  if (v !== null && typeof v === "object") {
    const o = {};
    for (const k of Object.keys(v)) {
      // defineProperty so an own "__proto__" key survives as data
      Object.defineProperty(o, k, { value: encode(v[k], `${p}/${ptrEsc(k)}`, special), enumerable: true, writable: true, configurable: true });
    }
    return o;
  }
  return v;
}
const hasLoneSurrogate = (s) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
function scanStrings(v, acc = { lone: false }) {
  const stack = [v];
  while (stack.length) {
    const x = stack.pop();
    if (typeof x === "string") { if (hasLoneSurrogate(x)) acc.lone = true; }
    else if (x !== null && typeof x === "object") {
      for (const k of Object.keys(x)) { if (hasLoneSurrogate(k)) acc.lone = true; stack.push(x[k]); }
    }
  }
  return acc.lone;
}

// ---- run -------------------------------------------------------------------
const files = fs.readdirSync(corpus).filter((f) => /^\d{3}-.*\.json5$/.test(f)).sort();
const result = {};
for (const f of files) {
  const raw = fs.readFileSync(path.join(corpus, f), "utf-8");
  const warnings = [];
  const origWarn = console.warn;
  console.warn = (...args) => warnings.push(args.map(String).join(" "));
  let strictOk = true;
  try { JSON.parse(raw); } catch { strictOk = false; }
  let entry;
  try {
    const value = parseJsonWithJson5Fallback(raw, JSON5);
    entry = { accepted: true, parser: strictOk ? "JSON.parse" : "json5" };
    const depth = depthOf(value);
    if (depth > MAX_DEPTH) {
      entry.value_depth = depth;
      entry.value_note = "nested too deep to embed; value omitted";
    } else {
      const special = [];
      entry.value = encode(value, "", special);
      if (special.length) entry.special = special;
      if (scanStrings(value)) entry.value_has_lone_surrogate = true;
    }
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      entry.root_own_keys = Object.getOwnPropertyNames(value);
      if (Object.getPrototypeOf(value) !== Object.prototype) entry.root_prototype_changed = true;
    }
  } catch (err) {
    entry = { accepted: false, error_name: err?.name ?? typeof err, message: String(err?.message ?? err) };
    entry.openclaw_message = `JSON5 parse failed: ${String(err)}`; // what parseConfigJson5 + snapshot reader report
    const m = /at (\d+):(\d+)$/.exec(entry.message);
    if (m) { entry.line = Number(m[1]); entry.column = Number(m[2]); }
    if (err && "lineNumber" in err) entry.lineNumber = err.lineNumber;
    if (err && "columnNumber" in err) entry.columnNumber = err.columnNumber;
  } finally {
    console.warn = origWarn;
  }
  if (warnings.length) entry.warnings = warnings;
  result[f] = entry;
}

fs.writeFileSync(outJson, JSON.stringify(result, null, 2) + "\n");
const meta = {
  openclaw_version: openclawVersion,
  json5_version: json5Version,
  json5_resolved: path.relative(pkgDir, json5Path),
  node_version: process.version,
  parse_function_source: `dist/${compatFile} (parseJsonWithJson5Fallback)`,
  read_encoding: "fs.readFileSync(path, 'utf-8'); no BOM stripping",
  encoding_of_value: "non-finite numbers -> strings \"Infinity\"/\"-Infinity\"/\"NaN\"; -0 -> 0; each such spot listed in `special` as {path: JSON pointer, kind}. Values nested deeper than " + MAX_DEPTH + " are omitted (value_depth given). Object key order is JS own-key order (integer-like keys first, ascending). Strings with lone surrogates are emitted as \\uXXXX escapes by JSON.stringify and flagged value_has_lone_surrogate.",
  fields: {
    accepted: "parse succeeded",
    parser: "which stage accepted: JSON.parse (strict) or json5",
    value: "parsed value (see encoding_of_value)",
    root_own_keys: "Object.getOwnPropertyNames of an object root",
    message: "err.message exactly as thrown",
    openclaw_message: "issue message OpenClaw builds: `JSON5 parse failed: ${String(err)}`",
    line: "from the trailing 'at L:C' of the message",
    column: "from the trailing 'at L:C' of the message",
    lineNumber: "err.lineNumber property set by json5",
    columnNumber: "err.columnNumber property set by json5",
    warnings: "console.warn output emitted by json5 during the parse",
  },
  files: files.length,
};
fs.writeFileSync(path.join(path.dirname(outJson), "expected-meta.json"), JSON.stringify(meta, null, 2) + "\n");
console.log(`recorded ${files.length} files -> ${outJson}`);
