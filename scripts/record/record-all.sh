#!/usr/bin/env bash
# Re-records every fixture under tests/fixtures/json5-parity and tests/fixtures/recorded.
# usage: scripts/record/record-all.sh OPENCLAW_BIN
#   OPENCLAW_BIN  wrapper written by install-openclaw.sh (e.g. <install>/bin/openclaw-2026.9.6). Its exec line
#                 gives the Node binary and the package dir; override with NODE=... OPENCLAW_PKG_DIR=...
# Takes ~12 minutes (two commands hang on purpose and are killed after their timeouts).
# Results depend on the machine only through the random HOME paths that appear inside messages (each
# case dir records its HOME in home.txt) and the deep-nesting stack limits.
set -euo pipefail
oc=${1:?usage: record-all.sh OPENCLAW_BIN}
here=$(cd "$(dirname "$0")" && pwd)
exec_line=$(grep -m1 '^exec ' "$oc" || true)
NODE=${NODE:-$(printf '%s' "$exec_line" | sed -E 's/^exec "([^"]+)".*/\1/')}
OPENCLAW_PKG_DIR=${OPENCLAW_PKG_DIR:-$(dirname "$(printf '%s' "$exec_line" | sed -E 's/^exec "[^"]+" "([^"]+)".*/\1/')")}
echo "node: $NODE ($("$NODE" --version))  package: $OPENCLAW_PKG_DIR" >&2
"$NODE" "$here/make-json5-corpus.mjs"
"$NODE" "$here/json5-parity.mjs" "$OPENCLAW_PKG_DIR"
bash "$here/validate-samples.sh" "$oc"
bash "$here/validate-crosscheck.sh" "$oc"
bash "$here/includes.sh" "$oc"
bash "$here/env.sh" "$oc"
bash "$here/nonfinite.sh" "$oc"
bash "$here/hangs.sh" "$oc"
bash "$here/deep-nesting.sh" "$oc"
