#!/usr/bin/env python3
"""Record what clawlint reads from an installed OpenClaw package, for the run-time import test.

usage: scripts/record/installed-fixture.py PACKAGE_ROOT OUT.json
  PACKAGE_ROOT  an installed package (…/node_modules/openclaw)

Writes the files `clawlint` reads from an installation besides `openclaw config schema`
(src/facts/installed.rs): package.json's name and version, each bundled plugin manifest's id,
providers and contracts.webSearchProviders (dist/extensions/*/openclaw.plugin.json), the keys in LEGACY_HIDDEN_PUBLIC_PATHS, and
the zod version. tests/it/installed.rs rebuilds a package from it under another version; the
schema its fake `openclaw config schema` prints is the release's own, from the embedded data.
"""
import json, os, re, sys

root, out = sys.argv[1], sys.argv[2]
pkg = json.load(open(os.path.join(root, "package.json")))
ext = os.path.join(root, "dist", "extensions")
manifests = {}
for d in sorted(os.listdir(ext)):
    p = os.path.join(ext, d, "openclaw.plugin.json")
    if os.path.isfile(p):
        m = json.load(open(p))
        kept = {k: m[k] for k in ("id", "providers") if k in m}
        web = (m.get("contracts") or {}).get("webSearchProviders")
        if web:
            kept["contracts"] = {"webSearchProviders": web}
        manifests[d] = kept
hidden = set()
for dirpath, _, files in os.walk(os.path.join(root, "dist")):
    for f in files:
        if f.endswith((".js", ".mjs")):
            t = open(os.path.join(dirpath, f), encoding="utf-8", errors="replace").read()
            m = re.search(r"LEGACY_HIDDEN_PUBLIC_PATHS = \[([^\]]*)\]", t)
            if m:
                hidden.update(x.strip().strip("\"'`") for x in m.group(1).split(",") if x.strip())
zod = None
for p in ("node_modules/zod/package.json", "../zod/package.json"):
    f = os.path.join(root, p)
    if os.path.isfile(f):
        zod = json.load(open(f))["version"]
        break
json.dump(
    {
        "source": f"npm openclaw@{pkg['version']}, installed; recorded by scripts/record/installed-fixture.py",
        "package": {"name": pkg["name"], "version": pkg["version"]},
        "manifests": manifests,
        "hidden": sorted(hidden),
        "zod": zod,
    },
    open(out, "w"),
    indent=1,
    sort_keys=True,
)
print(f"{out}: {len(manifests)} manifests, {len(hidden)} hidden keys, zod {zod}")
