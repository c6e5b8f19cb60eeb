#!/usr/bin/env bash
# Cross-checks the json5-parity recording against the real CLI: runs `openclaw config validate --json`
# on EVERY corpus file (as $HOME/.openclaw/openclaw.json) and stores rc + the first issue message.
# usage: scripts/record/validate-crosscheck.sh OPENCLAW_BIN [CORPUS_DIR]
# Output: CORPUS_DIR/validate-crosscheck.json
#   { "<file>": { "rc": N or "timeout" (killed after OC_TIMEOUT=60 s), "valid": bool|null, "issues": [...], "warnings": [...], "matches_parity": bool|null } }
#   matches_parity: for files json5-parity recorded as rejected, whether issues[0].message equals
#   "JSON5 parse failed: " + String(err) from expected.json (null for accepted files).
set -euo pipefail
oc=${1:?usage: validate-crosscheck.sh OPENCLAW_BIN [CORPUS_DIR]}
here=$(cd "$(dirname "$0")" && pwd)
corpus=${2:-$here/../../tests/fixtures/json5-parity}
corpus=$(cd "$corpus" && pwd)
work=$(mktemp -d)
# shellcheck source=timeout.sh
source "$here/timeout.sh"
OC_TIMEOUT=${OC_TIMEOUT:-60}
trap 'rm -rf "$work"' EXIT
_inner() { local h=$1; shift; cd "$h" && exec env -i HOME="$h" PATH="$PATH" LANG=C.UTF-8 TERM=dumb "$oc" "$@"; }
for p in "$corpus"/[0-9][0-9][0-9]-*.json5; do
  f=$(basename "$p")
  h=$(mktemp -d); mkdir -p "$h/.openclaw"; cp "$p" "$h/.openclaw/openclaw.json"
  set +e
  run_to "$OC_TIMEOUT" "$work/$f.out" "$work/$f.err" _inner "$h" config validate --json; echo "$RUN_TO_RC" >"$work/$f.rc"
  set -e
  echo "$h" >"$work/$f.home"
  rm -rf "$h"
done
python3 - "$work" "$corpus" <<'PY'
import json, os, sys
work, corpus = sys.argv[1], sys.argv[2]
exp = json.load(open(os.path.join(corpus, "expected.json"), encoding="utf-8"))
res = {}
for f in sorted(exp):
    out = open(os.path.join(work, f + ".out"), encoding="utf-8").read()
    home = open(os.path.join(work, f + ".home")).read().strip()
    try:
        j = json.loads(out)
    except Exception:
        j = {"unparsed_stdout": out}
    err = open(os.path.join(work, f + ".err"), encoding="utf-8", errors="replace").read()
    rct = open(os.path.join(work, f + ".rc")).read().strip()
    e = {"rc": int(rct) if rct.isdigit() else rct, "valid": j.get("valid"),
         "issues": j.get("issues", []), "warnings": j.get("warnings", [])}
    if "unparsed_stdout" in j: e["unparsed_stdout"] = j["unparsed_stdout"]
    if err: e["stderr"] = err
    e = json.loads(json.dumps(e).replace(home, "<HOME>"))
    if not exp[f]["accepted"]:
        e["matches_parity"] = bool(e["issues"]) and e["issues"][0]["message"] == exp[f]["openclaw_message"]
    else:
        e["matches_parity"] = None
    res[f] = e
json.dump(res, open(os.path.join(corpus, "validate-crosscheck.json"), "w", encoding="utf-8"), indent=2, ensure_ascii=False)
bad = [f for f, e in res.items() if e["matches_parity"] is False]
print("files:", len(res), "rejected-mismatches:", bad)
PY
