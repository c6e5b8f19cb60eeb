#!/usr/bin/env node
// Writes the json5 parity corpus byte-exactly (CRLF, BOM, NBSP, U+2028, raw NUL, invalid UTF-8 survive).
// usage: node scripts/record/make-json5-corpus.mjs [OUT_DIR]
//   OUT_DIR defaults to tests/fixtures/json5-parity (relative to the repo root).
// Every entry is [name, content]; content is a JS string (written as UTF-8) or a Buffer (written as-is).
// Any existing NNN-*.json5 files in OUT_DIR are removed first, so the directory always matches this list.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const out = path.resolve(process.argv[2] ?? path.join(repo, "tests/fixtures/json5-parity"));

const deep = (n, open, close, tail = "") => open.repeat(n) + close.repeat(n) + tail;

const cases = [
  // --- basics / comments
  ["empty-object", "{}\n"],
  ["strict-json", '{"a": 1, "b": [true, false, null], "c": "x", "d": {"e": -1.5e-3}}\n'],
  ["line-comment-before-root", "// leading comment\n{\n  gateway: { mode: \"local\" },\n}\n"],
  ["line-comment-after-root", "{\n  gateway: { mode: \"local\" },\n}\n// trailing comment\n"],
  ["line-comment-after-root-no-newline", "{} // no newline at end"],
  ["block-comment-everywhere", "/*a*/{/*b*/\"k\"/*c*/:/*d*/1/*e*/,/*f*/k2/*g*/:/*h*/[/*i*/2/*j*/]/*k*/}/*l*/\n"],
  ["comment-between-key-and-colon", "{\n  a // comment between key and colon\n  : 1,\n  b /* block */ : 2,\n}\n"],
  ["comments-inside-array", "[\n  1, /* block */ 2, // line\n  3 /* before comma */ ,\n  // last\n]\n"],
  ["block-comment-with-stars", "/** doc ** / * */\n{ /***/ a: 1 /* */ }\n"],
  ["nested-block-comment-invalid", "{ /* outer /* inner */ still */ a: 1 }\n"],
  ["comment-eats-closing-brace", "{ a: 1 // }\n"],
  ["slash-not-comment", "{ a: 1 / 2 }\n"],
  // --- trailing commas
  ["trailing-comma-object", "{ a: 1, }\n"],
  ["trailing-comma-array", "[1, 2, ]\n"],
  ["trailing-comma-nested", "{\n  a: [1, [2,], ],\n  b: { c: { d: 3, }, },\n}\n"],
  ["trailing-comma-after-root", "{},\n"],
  // --- unquoted keys
  ["unquoted-keys-valid", "{ $include: 1, _a: 2, $: 3, a1: 4, ключ: 5, é: 6, _$9: 7, café: 8 }\n"],
  ["unquoted-key-unicode-escape", "{ \\u0061b: 1, \\u006b\\u0065y: 2 }\n"],
  ["unquoted-key-reserved-words", "{ true: 1, false: 2, null: 3, Infinity: 4, NaN: 5, if: 6 }\n"],
  ["unquoted-key-dash", "{\n  a-b: 1\n}\n"],
  ["unquoted-key-leading-digit", "{\n  1a: 1\n}\n"],
  ["unquoted-key-dot", "{\n  a.b: 1\n}\n"],
  ["unquoted-key-number", "{ 1: 1 }\n"],
  ["unquoted-key-emoji", "{ 😀: 1 }\n"],
  ["unquoted-key-escape-invalid-char", "{ \\u002d: 1 }\n"],
  ["unquoted-key-bad-escape", "{ a\\x41: 1 }\n"],
  ["quoted-key-escape", "{ \"\\u0041\": 1, 'b\\'c': 2, \"\": 3 }\n"],
  // --- strings and escapes
  ["single-quoted-strings-and-keys", "{ 'a': 'b', \"c\": 'it\\'s \"quoted\"', 'd': \"it's\" }\n"],
  ["escapes-all", "[\"\\x41\", \"\\0\", \"\\v\", \"\\'\", \"\\\"\", \"\\/\", \"\\u00e9\", \"\\b\\f\\n\\r\\t\", \"\\\\\", \"\\x7e\\u00A0\"]\n"],
  ["escape-x41-in-strict-json-shape", "{\"a\": \"\\x41\"}\n"],
  ["escape-surrogate-pair", "[\"\\uD83D\\uDE00\", \"\\ud83d\\ude00\", \"😀\"]\n"],
  ["escape-lone-high-surrogate", "[\"\\uD800\"]\n"],
  ["escape-lone-low-surrogate", "['\\uDC00x']\n"],
  ["line-continuation-lf", "{ a: \"abc\\\ndef\" }\n"],
  ["line-continuation-crlf", "{ a: \"abc\\\r\ndef\" }\r\n"],
  ["line-continuation-cr", "{ a: \"abc\\\rdef\" }\n"],
  ["line-continuation-u2028", "{ a: \"abc\\\u2028def\", b: 'x\\\u2029y' }\n"],
  ["unknown-escape-q", "[\"\\q\", \"\\a\", \"\\z\", \"\\ \", \"\\é\"]\n"],
  ["escape-digit-8", "[\n  \"ok\",\n  \"bad \\8\"\n]\n"],
  ["escape-digit-1", "[\"\\1\"]\n"],
  ["escape-zero-then-digit", "[\"\\01\"]\n"],
  ["escape-zero-then-letter", "[\"\\0a\"]\n"],
  ["escape-x-too-short", "[\"\\x4\"]\n"],
  ["escape-u-too-short", "[\"\\u00e\"]\n"],
  ["escape-u-braces", "[\"\\u{41}\"]\n"],
  ["raw-newline-in-string", "{\n  a: \"line1\nline2\"\n}\n"],
  ["raw-cr-in-string", "{ a: \"line1\rline2\" }\n"],
  ["raw-tab-in-string", "{ a: \"col1\tcol2\" }\n"],
  ["raw-nul-in-string", "{ a: \"x\u0000y\" }\n"],
  ["raw-control-in-strict-json", "{\"a\": \"x\u0001y\"}\n"],
  ["u2028-in-string", "{ a: \"x\u2028y\" }\n"],
  ["u2029-in-string", "{ a: 'x\u2029y' }\n"],
  ["unterminated-string", "{\n  a: \"abc\n"],
  ["unterminated-string-eof", "{ a: 'abc"],
  // --- numbers
  ["hex-numbers", "[0x1F, 0X1f, -0x10, +0xA, 0xDEADBEEF, 0x0]\n"],
  ["hex-alone", "[0x]\n"],
  ["hex-bad-digit", "[0x1g]\n"],
  ["hex-fraction", "[0x1.5]\n"],
  ["hex-huge", "[0xFFFFFFFFFFFFFFFFFF]\n"],
  ["leading-dot", "[.5, -.5, +.5]\n"],
  ["trailing-dot", "[5., -5., 5.e1]\n"],
  ["dot-alone", "[.]\n"],
  ["plus-sign", "[+1, +1e2, +0]\n"],
  ["leading-zero", "[01]\n"],
  ["double-zero", "[00]\n"],
  ["leading-zero-ok-forms", "[0, 0.5, 0e1, 0.0, -0.5]\n"],
  ["negative-zero", "[-0, -0.0, -0x0]\n"],
  ["negative-zero-strict-json", "[-0]\n"],
  ["exponents", "[1e5, 1E+5, 1e-5, 2.5E3, 1e0, .5e1]\n"],
  ["exponent-incomplete", "[1e]\n"],
  ["exponent-sign-only", "[1e+]\n"],
  ["minus-alone", "[-]\n"],
  ["plus-minus", "[+-1]\n"],
  ["number-then-letter", "[1a]\n"],
  ["infinity", "[Infinity, +Infinity, -Infinity]\n"],
  ["nan", "[NaN, +NaN, -NaN]\n"],
  ["infinity-lowercase", "[infinity]\n"],
  ["nan-lowercase", "[nan]\n"],
  ["infinity-partial", "[Infinit]\n"],
  ["huge-exponent-strict-json", "{\"a\": 1e400, \"b\": -1e400, \"c\": 1e-400}\n"],
  ["big-integers", "[9007199254740993, 12345678901234567890, 1.0000000000000002]\n"],
  ["keyword-partial", "[tru]\n"],
  ["keyword-wrong-case", "[True]\n"],
  // --- whitespace / encoding
  ["bom-before-object", "\uFEFF{ gateway: { mode: \"local\" } }\n"],
  ["bom-strict-json", "\uFEFF{\"a\": 1}\n"],
  ["crlf-line-endings", "{\r\n  // comment\r\n  a: 1,\r\n  b: [2, 3],\r\n}\r\n"],
  ["crlf-error-position", "{\r\n  a: 1,\r\n  b: @\r\n}\r\n"],
  ["cr-only-error-position", "{\r  a: 1,\r  b: @\r}\r"],
  ["u2028-line-separator-error-position", "{\u2028  a: 1,\u2028  b: @\n}\n"],
  ["tabs", "{\n\ta:\t1,\n\tb:\t[\t2\t],\n}\n"],
  ["tab-before-error", "{\n\t\tb: @\n}\n"],
  ["nbsp-whitespace", "{\u00A0a:\u00A01\u00A0}\u00A0\n"],
  ["feff-inside-document", "{ a: 1,\uFEFF b: 2 }\uFEFF\n"],
  ["unicode-space-separators", "{\u2003a:\u30001,\u2028b:\u20292\u205F}\n"],
  ["vt-ff-whitespace", "{\u000Ba:\u000C1}\n"],
  ["zero-width-space-invalid", "{\u200Ba: 1}\n"],
  ["invalid-utf8-byte", Buffer.concat([Buffer.from('{ a: "x'), Buffer.from([0xff]), Buffer.from('y" }\n')])],
  ["empty-file", ""],
  ["whitespace-only", "  \n\t\n"],
  ["comment-only", "// just a comment\n/* and a block */\n"],
  ["bom-only", "\uFEFF"],
  // --- roots
  ["root-scalar-number", "42\n"],
  ["root-scalar-string", "'hello'\n"],
  ["root-null", "null\n"],
  ["root-array", "[1, 'two', { three: 3 }]\n"],
  ["two-top-level-values", "{}\n{}\n"],
  ["two-top-level-scalars", "1 2\n"],
  ["lone-close-brace", "}\n"],
  // --- structural errors
  ["unterminated-block-comment", "{ a: 1 }\n/* never closed\n"],
  ["unterminated-object", "{\n  a: 1,\n"],
  ["unterminated-array", "[1, 2\n"],
  ["missing-comma-object-4-3", "{\n  gateway: { mode: \"local\" }\n  // the comma after the line above is missing\n  agents: {}\n}\n"],
  ["missing-comma-object-blank-line-4-3", "{\n  gateway: { mode: \"local\" }\n\n  agents: {}\n}\n"],
  ["missing-comma-object-quoted-key", "{\n  \"a\": 1\n  \"b\": 2\n}\n"],
  ["missing-comma-object-same-line", "{ a: 1 b: 2 }\n"],
  ["missing-comma-array", "[\n  1\n  2\n]\n"],
  ["missing-comma-array-strings", "[\"a\" \"b\"]\n"],
  ["double-comma-object", "{ a: 1,, b: 2 }\n"],
  ["double-comma-array", "[1,, 2]\n"],
  ["leading-comma-array", "[,1]\n"],
  ["comma-only-array", "[,]\n"],
  ["comma-only-object", "{,}\n"],
  ["missing-colon", "{\n  a 1\n}\n"],
  ["key-without-value", "{ a: }\n"],
  ["key-without-colon-or-value", "{ a }\n"],
  ["unexpected-char-in-value", "{ a: @ }\n"],
  ["array-close-mismatch", "[1, 2}\n"],
  ["object-close-mismatch", "{ a: 1 ]\n"],
  // --- duplicate keys, ordering, prototype keys
  ["duplicate-keys", "{ a: 1, a: 2, b: { c: 1 }, b: { d: 2 }, gateway: { mode: 'remote', mode: 'local' } }\n"],
  ["duplicate-keys-strict-json", "{\"a\": 1, \"a\": 2, \"b\": {\"c\": 1}, \"b\": {\"d\": 2}}\n"],
  ["integer-like-key-order", "{ b: 1, \"2\": 2, \"1\": 3, a: 4, \"01\": 5, \"-1\": 6 }\n"],
  ["proto-key-json5", "{ __proto__: { polluted: true }, a: 1 }\n"],
  ["proto-key-strict-json", "{\"__proto__\": {\"polluted\": true}, \"a\": 1}\n"],
  // --- column units: multibyte text before an error on the same line
  ["column-ascii-baseline", "{ a: \"e\", b c }\n"],
  ["column-after-e-acute", "{ a: \"é\", b c }\n"],
  ["column-after-cjk", "{ a: \"中\", b c }\n"],
  ["column-after-emoji", "{ a: \"😀\", b c }\n"],
  ["column-after-two-emoji", "{ a: \"😀😀\", b c }\n"],
  ["column-after-combining", "{ a: \"e\u0301\", b c }\n"],
  ["column-after-emoji-in-comment", "{ /* 😀 */ a: 1 b: 2 }\n"],
  ["column-error-is-emoji", "{ a: 1, b: 😀 }\n"],
  ["column-multiline-emoji-previous-line", "{\n  a: \"😀😀😀\",\n  b c\n}\n"],
  // --- deep nesting
  ["deep-nesting-10000-strict-json", deep(10000, "[", "]", "\n")],
  ["deep-nesting-10000-json5", deep(10000, "[", "]", " // force json5\n")],
  ["deep-nesting-100000-json5", deep(100000, "[", "]", " // force json5\n")],
  ["deep-nesting-objects-10000-json5", "{a:".repeat(10000) + "1" + "}".repeat(10000) + "\n"],
  ["deep-nesting-100000-strict-json", deep(100000, "[", "]", "\n")],
  // --- realistic configs
  ["realistic-config", "// OpenClaw config\n{\n  /* block */\n  agents: { defaults: { model: {\n        primary: 'openai/gpt-5.4',\n        fallbacks: [\"ollama/llama3.2:3b\",],\n  }, }, },\n  gateway: { mode: \"local\", port: 0x4965, },\n}\n"],
  ["realistic-include-keys", "{\n  agents: { $include: \"./agents.json5\" },\n  broadcast: { \"$include\": [\"./a.json5\", './b.json5'] },\n}\n"],
  // --- appended later (numbers above stay stable)
  ["bom-then-error-same-line", "\uFEFF{ a: @ }\n"],
  ["u2028-in-line-comment", "{ a: 1 } // x\u2028y\n"],
  ["u2028-escaped-in-string", "{ a: \"x\\u2028y\" }\n"],
  ["u2028-in-strict-json-string", "{\"a\": \"x\u2028y\"}\n"],
];

fs.mkdirSync(out, { recursive: true });
for (const f of fs.readdirSync(out)) if (/^\d{3}-.*\.json5$/.test(f)) fs.unlinkSync(path.join(out, f));
const names = [];
cases.forEach(([name, content], i) => {
  const file = `${String(i + 1).padStart(3, "0")}-${name}.json5`;
  fs.writeFileSync(path.join(out, file), Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8"));
  names.push(file);
});
console.log(`wrote ${names.length} files to ${out}`);
