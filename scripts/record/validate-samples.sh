#!/usr/bin/env bash
# Runs the real `openclaw config validate` on selected json5-parity corpus files and saves the output verbatim.
# usage: scripts/record/validate-samples.sh OPENCLAW_BIN [CORPUS_DIR]
#   OPENCLAW_BIN  wrapper from install-openclaw.sh, e.g. <install>/bin/openclaw-2026.9.6
# Each file is copied byte-exactly to $HOME/.openclaw/openclaw.json in a fresh HOME=$(mktemp -d).
# Output: CORPUS_DIR/validate-samples.json  { "<file>": { home, json: {stdout, stderr, rc}, human: {stdout, stderr, rc} } }
# `home` is the throwaway HOME used, so tests can replace it with a placeholder.
set -euo pipefail
oc=${1:?usage: validate-samples.sh OPENCLAW_BIN [CORPUS_DIR]}
here=$(cd "$(dirname "$0")" && pwd)
corpus=${2:-$here/../../tests/fixtures/json5-parity}
corpus=$(cd "$corpus" && pwd)
files=(
  112-missing-comma-object-4-3.json5
  098-empty-file.json5
  053-unterminated-string.json5
  046-raw-newline-in-string.json5
  137-column-after-emoji.json5
  025-unquoted-key-escape-invalid-char.json5
  106-two-top-level-values.json5
  084-bom-before-object.json5
  105-root-array.json5
  146-deep-nesting-objects-10000-json5.json5
)
work=$(mktemp -d)
# shellcheck source=timeout.sh
source "$here/timeout.sh"
OC_TIMEOUT=${OC_TIMEOUT:-60}
trap 'rm -rf "$work"' EXIT
_inner() { local h=$1; shift; cd "$h" && exec env -i HOME="$h" PATH="$PATH" LANG=C.UTF-8 TERM=dumb "$oc" "$@"; }
for f in "${files[@]}"; do
  h=$(mktemp -d)
  mkdir -p "$h/.openclaw"
  cp "$corpus/$f" "$h/.openclaw/openclaw.json"
  d="$work/$f"; mkdir -p "$d"
  echo "$h" >"$d/home"
  set +e
  run_to "$OC_TIMEOUT" "$d/json.stdout" "$d/json.stderr" _inner "$h" config validate --json; echo "$RUN_TO_RC" >"$d/json.rc"
  run_to "$OC_TIMEOUT" "$d/human.stdout" "$d/human.stderr" _inner "$h" config validate; echo "$RUN_TO_RC" >"$d/human.rc"
  set -e
  cmp -s "$corpus/$f" "$h/.openclaw/openclaw.json" || echo "WARNING: $f was modified by validate" >&2
done
python3 - "$work" "$corpus/validate-samples.json" "${files[@]}" <<'PY'
import json, sys, os
work, out, files = sys.argv[1], sys.argv[2], sys.argv[3:]
res = {}
rc = lambda t: int(t) if t.strip().isdigit() else t.strip()   # "timeout" if killed after OC_TIMEOUT s
for f in files:
    d = os.path.join(work, f)
    rd = lambda n: open(os.path.join(d, n), encoding="utf-8", errors="surrogateescape").read()
    res[f] = {
        "home": rd("home").strip(),
        "command": "cd <home> && env -i HOME=<home> PATH=... LANG=C.UTF-8 TERM=dumb openclaw config validate --json   (and without --json for `human`)",
        "json": {"stdout": rd("json.stdout"), "stderr": rd("json.stderr"), "rc": rc(rd("json.rc"))},
        "human": {"stdout": rd("human.stdout"), "stderr": rd("human.stderr"), "rc": rc(rd("human.rc"))},
    }
json.dump(res, open(out, "w", encoding="utf-8"), indent=2, ensure_ascii=False)
open(out, "a").write("\n")
print("wrote", out)
PY
