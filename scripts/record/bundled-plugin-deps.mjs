// Install a release's bundled-plugin runtime dependencies, as its own postinstall does.
//
//   node scripts/record/bundled-plugin-deps.mjs PACKAGE_ROOT   (…/node_modules/openclaw)
//
// Releases from about 2026.4.5 to 2026.4.2x ship their bundled plugins' dependencies
// (grammy, @buape/carbon, @slack/web-api, …) only in dist/extensions/*/package.json and install
// them in a postinstall script (scripts/postinstall-bundled-plugins.mjs). The shared installer
// runs npm with --ignore-scripts, so without this step loading the config fails with "Cannot
// find module 'grammy'" and every recorded verdict is a read failure. This asks the release's
// own script which dependencies it would install (discoverBundledPluginRuntimeDeps) and installs
// those exact versions with the system npm (the Node wheel's npm is broken), scripts still off,
// into the install directory around the package (node resolves them from there; installing inside
// the package would make npm resolve its devDependencies too, which conflict).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";

const root = process.argv[2];
if (!root) {
  console.error("usage: bundled-plugin-deps.mjs PACKAGE_ROOT");
  process.exit(2);
}
const script = join(root, "scripts", "postinstall-bundled-plugins.mjs");
if (!existsSync(script)) {
  console.log("no postinstall-bundled-plugins.mjs: nothing to install");
  process.exit(0);
}
const mod = await import(pathToFileURL(script).href);
if (typeof mod.discoverBundledPluginRuntimeDeps !== "function") {
  console.log("the postinstall script exports no discoverBundledPluginRuntimeDeps: nothing to install");
  process.exit(0);
}
const deps = mod.discoverBundledPluginRuntimeDeps({ extensionsDir: join(root, "dist", "extensions") });
const missing = deps.filter((d) => !existsSync(join(root, d.sentinelPath))).map((d) => `${d.name}@${d.version}`);
if (missing.length === 0) {
  console.log("bundled plugin deps: all present");
  process.exit(0);
}
const cwd = basename(dirname(root)) === "node_modules" ? dirname(dirname(root)) : root;
// WhatsApp's baileys pins libsignal-node as a git+ssh URL npm cannot fetch here; the shared
// installer swaps in the registry's libsignal 6.0.0 for the same reason (WhatsApp's crypto is not
// on the config path).
const manifestPath = join(cwd, "package.json");
if (cwd !== root && existsSync(manifestPath)) {
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  manifest.overrides = { libsignal: "6.0.0", ...(manifest.overrides ?? {}) };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + "\n");
}
const r = spawnSync(
  "npm",
  ["install", "--omit=dev", "--no-save", "--package-lock=false", "--ignore-scripts", "--engine-strict=false", "--no-audit", "--no-fund", ...missing],
  { cwd, stdio: ["ignore", "inherit", "inherit"] },
);
if (r.status !== 0) {
  console.error(`npm install of ${missing.length} bundled plugin deps failed`);
  process.exit(1);
}
console.log(`bundled plugin deps: installed ${missing.length} (${missing.join(", ")})`);
