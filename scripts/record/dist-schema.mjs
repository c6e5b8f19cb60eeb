#!/usr/bin/env node
// dist-schema.mjs — print the JSON Schema of an openclaw release's config,
// produced by that release's own code in PACKAGE_DIR/dist (prototype).
//
// usage: node dist-schema.mjs [--mode core|runtime] [--no-dollar-schema] PACKAGE_DIR
//
//   PACKAGE_DIR  an installed package root (…/node_modules/openclaw): it must
//                contain dist/ and its dependencies must be resolvable from
//                there (zod, json5, …). An `npm pack` extract without
//                node_modules is not enough; see rules/sources/release-eras.md.
//   --mode core     (default) call the release's schema builder
//                   (buildConfigSchemaCore / buildConfigSchema) with no plugin
//                   and no channel metadata: OpenClawSchema -> zod v4
//                   toJSONSchema (or, 2026.3.22–2026.5.7, the build-time
//                   GENERATED_BASE_CONFIG_SCHEMA) plus whatever that release's
//                   builder merges on its own (bundled channel metadata from
//                   2026.3.22 on; nothing before).
//   --mode runtime  call the release's readBestEffortRuntimeConfigSchema(), the
//                   function behind `openclaw config schema` (2026.3.28+):
//                   core + plugin-manifest and channel schemas. Needs a full
//                   install (bundled extensions under dist/extensions).
//   --mode zod      the zod schema the release validates with (`OpenClawSchema`, the
//                   object validateConfigObjectRaw() parses with) converted the way its own
//                   builder converts it: toJSONSchema({target:"draft-07",
//                   unrepresentable:"any"}), title "OpenClawConfig", but without the builder's
//                   channel stripping (2026.1.29–2026.3.24 export `channels` as an open object
//                   although validation checks every bundled channel). For releases without
//                   `config schema`; no `$schema` property is prepended (validation has none
//                   unless the zod schema declares it).
//   --no-dollar-schema  do not prepend properties.$schema = {type:"string"};
//                   `openclaw config schema` prepends it (config-cli-*.js).
//
// Environment is sandboxed like `env -i HOME=$(mktemp -d) PATH=…`: every
// variable except PATH is removed, HOME points to a fresh empty directory (so
// no user config or plugins are read), and OPENCLAW_NO_RESPAWN=1 is set.
// 2026.2.x bundles: importing the builder chunk also imports dist/entry.js,
// whose top level would start the release's CLI with this script's argv; the
// load hook disables that block (see below).
//
// How the builder is reached: the builder is usually not exported from its
// bundler chunk (or exported under a one-letter alias), so a synchronous
// module load hook (node:module registerHooks, Node >= 22.15) appends
// `export { <builder> as __clawlintBuild }` to that one file's source while it
// is loaded from its real location. Relative and bare imports therefore
// resolve exactly as in the release. Nothing is written to PACKAGE_DIR.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import module from "node:module";

function die(msg) {
  process.stderr.write(`dist-schema: ${msg}\n`);
  process.exit(2);
}

const argv = process.argv.slice(2);
let mode = "core";
let dollarSchema = true;
let pkgDir = null;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === "--mode") mode = argv[++i];
  else if (a.startsWith("--mode=")) mode = a.slice(7);
  else if (a === "--no-dollar-schema") dollarSchema = false;
  else if (a === "-h" || a === "--help") {
    process.stdout.write("usage: node dist-schema.mjs [--mode core|runtime] [--no-dollar-schema] PACKAGE_DIR\n");
    process.exit(0);
  } else if (!pkgDir) pkgDir = a;
  else die(`unexpected argument ${a}`);
}
if (!pkgDir) die("usage: node dist-schema.mjs [--mode core|runtime] [--no-dollar-schema] PACKAGE_DIR");
if (mode !== "core" && mode !== "runtime" && mode !== "zod") die(`unknown mode ${mode}`);
if (mode === "zod") dollarSchema = false;
if (typeof module.registerHooks !== "function") die(`node ${process.version} lacks module.registerHooks; use Node >= 22.15`);

pkgDir = path.resolve(pkgDir);
const dist = path.join(pkgDir, "dist");
if (!fs.existsSync(dist)) die(`${dist} does not exist`);
let version = "?";
try {
  version = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")).version;
} catch {}

// ---- find the builder -------------------------------------------------------
// Candidate files: top-level dist chunks (bundled releases, 2026.2.x+) and
// dist/config/schema.js (tsc-compiled releases, 2026.1.x–2026.2.x).
function listCandidates() {
  const out = [];
  const unbundled = path.join(dist, "config", "schema.js");
  if (fs.existsSync(unbundled)) out.push(unbundled);
  for (const name of fs.readdirSync(dist).sort()) {
    if (/\.m?js$/.test(name)) out.push(path.join(dist, name));
  }
  return out;
}

// Which function to reach, in order of preference, per mode.
const WANT = {
  core: [/\bfunction (buildConfigSchemaCore)\(/, /\bfunction (buildConfigSchema)\(/],
  runtime: [/\basync function (readBestEffortRuntimeConfigSchema)\(/],
  zod: [/\bconst (OpenClawSchema) = /],
};

function findBuilder() {
  const cands = listCandidates();
  for (const re of WANT[mode]) {
    const hits = [];
    for (const file of cands) {
      const src = fs.readFileSync(file, "utf8");
      const m = src.match(re);
      if (m) hits.push({ file, local: m[1] });
    }
    if (hits.length) return { ...hits[0], others: hits.slice(1).map((h) => h.file) };
  }
  return null;
}

const builder = findBuilder();
if (!builder) {
  die(
    mode === "runtime"
      ? `no readBestEffortRuntimeConfigSchema in ${dist} (release ${version} predates \`config schema\`, 2026.3.28)`
      : `no buildConfigSchema/buildConfigSchemaCore in ${dist} (release ${version})`,
  );
}
const builderUrl = pathToFileURL(builder.file).href;
process.stderr.write(
  `dist-schema: ${version} mode=${mode} builder=${builder.local} in dist/${path.relative(dist, builder.file)}` +
    (builder.others.length ? ` (duplicates: ${builder.others.map((f) => path.relative(dist, f)).join(", ")})` : "") +
    "\n",
);

// ---- sandbox the environment ------------------------------------------------
const home = fs.mkdtempSync(path.join(os.tmpdir(), "dist-schema-home-"));
for (const k of Object.keys(process.env)) if (k !== "PATH") delete process.env[k];
process.env.HOME = home;
// 2026.2.x bundles: the builder chunk imports dist/entry.js, which otherwise
// re-spawns node with --disable-warning (running this script twice).
process.env.OPENCLAW_NO_RESPAWN = "1";

// ---- expose the builder through a load hook ---------------------------------
const entryUrl = pathToFileURL(path.join(dist, "entry.js")).href;
module.registerHooks({
  load(url, context, nextLoad) {
    const r = nextLoad(url, context);
    if (url === entryUrl) {
      // 2026.2.x bundles: the builder chunk imports dist/entry.js, whose
      // top level starts the CLI (runCli(process.argv)); skip that block.
      const src = typeof r.source === "string" ? r.source : Buffer.from(r.source).toString("utf8");
      const patched = src.replace("if (!ensureExperimentalWarningSuppressed()) {", "if (false) {");
      if (patched !== src) process.stderr.write("dist-schema: disabled CLI start in dist/entry.js\n");
      return { ...r, format: r.format ?? "module", source: patched };
    }
    if (url === builderUrl) {
      const src = typeof r.source === "string" ? r.source : Buffer.from(r.source).toString("utf8");
      return {
        ...r,
        format: r.format ?? "module",
        source: `${src}\n;export { ${builder.local} as __clawlintBuild };\n`,
      };
    }
    return r;
  },
});

// Some releases print banners/warnings to stdout while loading; keep stdout
// for the schema only.
const realStdoutWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => process.stderr.write(chunk, ...rest);

let result;
try {
  const mod = await import(builderUrl);
  const build = mod.__clawlintBuild;
  if (mode === "zod") {
    if (typeof build?.toJSONSchema !== "function") die(`${builder.local} is not a zod v4 schema`);
    result = build.toJSONSchema({ target: "draft-07", unrepresentable: "any" });
    result.title = "OpenClawConfig";
  } else {
    if (typeof build !== "function") die(`${builder.local} is not a function after load`);
    result = mode === "runtime" ? await build() : await build({ plugins: [], channels: [] });
  }
} catch (err) {
  die(`loading/calling ${builder.local} failed: ${err?.stack ?? err}`);
}
const schema = structuredClone(result?.schema ?? result);
if (!schema || typeof schema !== "object" || !schema.properties) die("builder returned no schema object");
if (dollarSchema) {
  // Same as buildCliConfigSchema()/runConfigSchema() in config-cli-*.js.
  schema.properties = { $schema: { type: "string" }, ...schema.properties };
}
const text = JSON.stringify(schema, null, 2) + "\n";
fs.rmSync(home, { recursive: true, force: true });
realStdoutWrite(text, () => process.exit(0));
