// Print the `[[release]]` entry of rules/web-search.toml for one installed OpenClaw release:
//   node scripts/web-search-providers.mjs VERSION PACKAGE_DIR
// bundled: web_search provider ids the release's bundled plugins declare
//   (dist/extensions/*/openclaw.plugin.json `contracts.webSearchProviders`), with their plugin;
// installable: the official external plugins' web_search providers, as the release's own
//   resolveWebSearchInstallCatalogEntries() (dist/web-search-install-catalog-*.js) lists them.
import fs from "node:fs";
import path from "node:path";
import url from "node:url";

const [version, pkg] = process.argv.slice(2);
const dist = path.join(pkg, "dist");
const bundled = new Map();
for (const d of fs.readdirSync(path.join(dist, "extensions")).sort()) {
  const p = path.join(dist, "extensions", d, "openclaw.plugin.json");
  if (!fs.existsSync(p)) continue;
  const m = JSON.parse(fs.readFileSync(p, "utf8"));
  for (const id of m.contracts?.webSearchProviders ?? []) bundled.set(id, m.id);
}
const file = fs.readdirSync(dist).find((n) => /^web-search-install-catalog-.*\.m?js$/.test(n));
const installable = new Map();
if (file) {
  const mod = await import(url.pathToFileURL(path.join(dist, file)));
  for (const f of Object.values(mod)) {
    if (typeof f !== "function" || f.length !== 0) continue;
    let r;
    try { r = f(); } catch { continue; }
    if (Array.isArray(r) && r.every((e) => e?.provider?.id && e.pluginId)) {
      for (const e of r) installable.set(e.provider.id, e.pluginId);
      if (r.length) break;
    }
  }
}
const table = (m) => "{ " + [...m].sort().map(([k, v]) => `${JSON.stringify(k)} = ${JSON.stringify(v)}`).join(", ") + " }";
console.log(`[[release]]
version = "${version}"
bundled = ${table(bundled)}
installable = ${table(installable)}
source = "${version} dist/extensions/*/openclaw.plugin.json contracts.webSearchProviders; dist/${file ?? "(none)"}"
`);
