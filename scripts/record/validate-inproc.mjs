#!/usr/bin/env node
// validate-inproc.mjs — run one OpenClaw release's `config validate --json` on many configs in one
// Node process, the way the CLI would run it once per config.
//
// usage: node validate-inproc.mjs PACKAGE_DIR OUTDIR CONFIG...
//
//   PACKAGE_DIR  an installed package root (…/node_modules/openclaw).
//   OUTDIR       for each CONFIG, writes OUTDIR/<name>.{stdout,stderr,rc,home} exactly as
//                scripts/record-verdicts.sh's one_run does for a CLI run, so the same
//                normalisation turns either into tests/fixtures/validate-corpus/recorded/<V>.json.
//
// How: the release's own `runConfigValidate` (dist/config-cli-*.js, the function behind
// `openclaw config validate`) is reached through a load hook that appends
// `export { runConfigValidate as __clawlintValidate }` to its chunk while Node loads it from its
// real path; nothing is written into PACKAGE_DIR. Per config: a fresh HOME holding
// .openclaw/openclaw.json (a byte copy), cwd = HOME, an environment reduced to HOME, PATH, LANG
// and TERM like the CLI recording, and a runtime object that captures what the command prints
// and the exit code it asks for. Anything the release writes to process.stdout/stderr directly
// during the call is captured too.
//
// Faithfulness is checked, not assumed: scripts/record-verdicts.sh --check compares this
// recorder's output with the CLI's on a sample of configs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import module from "node:module";

function die(msg) {
  process.stderr.write(`validate-inproc: ${msg}\n`);
  process.exit(2);
}

const [pkgArg, outArg, ...configs] = process.argv.slice(2);
if (!pkgArg || !outArg) die("usage: node validate-inproc.mjs PACKAGE_DIR OUTDIR CONFIG...");
if (typeof module.registerHooks !== "function") die(`node ${process.version} lacks module.registerHooks`);
const pkgDir = path.resolve(pkgArg);
const outDir = path.resolve(outArg);
const cfgs = configs.map((c) => path.resolve(c));
const dist = path.join(pkgDir, "dist");
fs.mkdirSync(outDir, { recursive: true });

// ---- find runConfigValidate ---------------------------------------------------
const WANT = /\basync function (runConfigValidate)\(/;
let target = null;
for (const name of fs.readdirSync(dist).sort()) {
  if (!/\.m?js$/.test(name)) continue;
  const file = path.join(dist, name);
  const m = fs.readFileSync(file, "utf8").match(WANT);
  if (m) {
    target = { file, local: m[1] };
    break;
  }
}
if (!target) die(`no runConfigValidate in ${dist} (the release predates \`config validate\`)`);
const targetUrl = pathToFileURL(target.file).href;
const entryUrl = pathToFileURL(path.join(dist, "entry.js")).href;
module.registerHooks({
  load(url, context, nextLoad) {
    const r = nextLoad(url, context);
    if (url !== targetUrl && url !== entryUrl) return r;
    let src = typeof r.source === "string" ? r.source : Buffer.from(r.source).toString("utf8");
    if (url === entryUrl) src = src.replace("if (!ensureExperimentalWarningSuppressed()) {", "if (false) {");
    else src = `${src}\n;export { ${target.local} as __clawlintValidate };\n`;
    return { ...r, format: r.format ?? "module", source: src };
  },
});

// ---- the sandboxed environment --------------------------------------------------
// Releases from 2026.4.27 install a bundled plugin's runtime dependencies (pi-ai for ollama, …) with
// npm on first use, into $OPENCLAW_STATE_DIR/plugin-runtime-deps: with a fresh HOME per config that
// would be one npm install per config. scripts/record-verdicts.sh points OPENCLAW_PLUGIN_STAGE_DIR at
// one directory per install instead (the release's own override), so the first config that needs
// them installs them once, as a gateway does on its first start; npm_execpath and
// NODE_EXTRA_CA_CERTS let that install reach the registry. None of the three changes a verdict.
const keep = Object.fromEntries(
  ["PATH", "OPENCLAW_PLUGIN_STAGE_DIR", "npm_execpath", "NODE_EXTRA_CA_CERTS"]
    .filter((k) => process.env[k] !== undefined)
    .map((k) => [k, process.env[k]]),
);
function resetEnv(home) {
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, keep, { HOME: home, LANG: "C.UTF-8", TERM: "dumb", OPENCLAW_NO_RESPAWN: "1" });
}
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "ocv-inproc-"));
resetEnv(scratch);
const mod = await import(targetUrl);
const validate = mod.__clawlintValidate;
if (typeof validate !== "function") die("runConfigValidate was not exported by the load hook");

// ---- capture ----------------------------------------------------------------------
const realOut = process.stdout.write.bind(process.stdout);
const realErr = process.stderr.write.bind(process.stderr);
let out = "";
let err = "";
function capture(on) {
  process.stdout.write = on ? (chunk, ...rest) => ((out += String(chunk)), callback(rest), true) : realOut;
  process.stderr.write = on ? (chunk, ...rest) => ((err += String(chunk)), callback(rest), true) : realErr;
}
function callback(rest) {
  const cb = rest.find((r) => typeof r === "function");
  if (cb) cb();
}

async function runOne(cfg) {
  const name = path.basename(cfg);
  const home = fs.mkdtempSync(path.join(scratch, "h-"));
  fs.mkdirSync(path.join(home, ".openclaw"));
  fs.copyFileSync(cfg, path.join(home, ".openclaw", "openclaw.json"));
  resetEnv(home);
  process.chdir(home);
  out = "";
  err = "";
  let code = null;
  const runtime = {
    log: (...a) => (out += a.join(" ") + "\n"),
    error: (...a) => (err += a.join(" ") + "\n"),
    writeStdout: (s) => (out += s.endsWith("\n") ? s : s + "\n"),
    writeJson: (v, space = 2) => (out += JSON.stringify(v, undefined, space > 0 ? space : undefined) + "\n"),
    exit: (c) => {
      if (code === null) code = c;
    },
  };
  capture(true);
  try {
    await validate({ json: true, runtime });
  } catch (e) {
    // exitCliAfterOutput throws the release's ExitError after runtime.exit; anything else is a crash.
    if (!(e && (e.name === "ExitError" || e.constructor?.name === "ExitError" || "exitCode" in e))) {
      err += `validate-inproc: ${e?.stack ?? e}\n`;
      if (code === null) code = 1;
    } else if (code === null) code = e.exitCode ?? e.code ?? 1;
  } finally {
    capture(false);
  }
  fs.writeFileSync(path.join(outDir, `${name}.stdout`), out);
  fs.writeFileSync(path.join(outDir, `${name}.stderr`), err);
  fs.writeFileSync(path.join(outDir, `${name}.rc`), `${code ?? 0}\n`);
  fs.writeFileSync(path.join(outDir, `${name}.home`), `${home}\n`);
  fs.rmSync(home, { recursive: true, force: true });
}

for (const cfg of cfgs) await runOne(cfg);
process.chdir(os.tmpdir());
fs.rmSync(scratch, { recursive: true, force: true });
// The release may leave timers or sockets behind; the work is done.
process.exit(0);
