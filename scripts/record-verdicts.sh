#!/usr/bin/env bash
# Record what real OpenClaw releases say about every config in the validate corpus.
#
# usage: scripts/record-verdicts.sh VERSION...
#   e.g. scripts/record-verdicts.sh 2026.7.1 2026.9.6
#
# For each VERSION it runs `openclaw config validate --json` once per config in
# tests/fixtures/validate-corpus/configs/*.json5, each with a fresh throwaway HOME
# (config copied byte-for-byte to $HOME/.openclaw/openclaw.json, cwd=$HOME, stdin=/dev/null,
# environment reduced to HOME/PATH/LANG/TERM plus the plugin stage described below), and writes
# tests/fixtures/validate-corpus/recorded/<VERSION>.json:
#
#   {"version": "...", "openclaw": "<openclaw --version>", "command": "openclaw config validate --json",
#    "results": {"001-x.json5": {"exit": 1, "valid": false, "issues": [{"path": ..., "message": ...}, ...]}, ...}}
#
# Per result: `exit` (exit code, or "timeout"), then every field of the printed JSON except the
# config `path` (it names the throwaway HOME). `issues` (and `warnings`, when non-empty) are kept
# exactly as printed, with the throwaway HOME replaced by "$HOME" should it ever appear. The
# 8.x+ `ok`/`error` wrapper is dropped when it is the standard "OpenClaw config is invalid" error.
# `stderr` is added when stderr was not empty. When stdout is not JSON: {"exit": N, "raw": "<stdout+stderr, first 2000 chars>"}.
#
# Environment:
#   OPENCLAW_BIN_DIR  where the openclaw-<VERSION> wrappers live (default /work/oc/bin)
#   JOBS              parallel runs (default 2; capped at 2)
#   OC_TIMEOUT        seconds per run before it and its descendants are killed (default 120)
#   ONLY              a glob of config file names (e.g. '3[01]?-*.json5'): record only those and
#                     merge them into the existing recorded/<VERSION>.json
#   RECORDER          cli (default): one `openclaw config validate --json` process per config;
#                     inproc: every config in one Node process running the release's own
#                     runConfigValidate (scripts/record/validate-inproc.mjs), ~100x faster. Both
#                     write the same files; check one against the other with OUT_DIR.
#   OUT_DIR           where recorded/<VERSION>.json goes (default the corpus's recorded/)
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=$root/tests/fixtures/validate-corpus
bindir=${OPENCLAW_BIN_DIR:-/work/oc/bin}
jobs=${JOBS:-2}
[ "$jobs" -gt 2 ] && jobs=2
[ "$jobs" -lt 1 ] && jobs=1
export OC_TIMEOUT=${OC_TIMEOUT:-120}

if [ $# -eq 0 ]; then
  echo "usage: $0 VERSION..." >&2
  exit 2
fi
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 2; }

# run_to (kills the CLI's detached re-spawned child too)
# shellcheck source=record/timeout.sh
source "$root/scripts/record/timeout.sh"

# one_run OC CFG OUTDIR : validate CFG with binary OC; writes OUTDIR/<name>.{stdout,stderr,rc,home}
one_run() {
  local oc=$1 cfg=$2 outdir=$3 name H stage
  name=$(basename "$cfg")
  H=$(mktemp -d "${TMPDIR:-/tmp}/ocv.XXXXXX")
  mkdir -p "$H/.openclaw"
  cp "$cfg" "$H/.openclaw/openclaw.json"
  # STAGE_ENV_STR: set per release below (arrays do not cross xargs; the paths hold no spaces)
  read -ra stage <<<"${STAGE_ENV_STR:-}"
  _inner() { cd "$H" && exec env -i HOME="$H" PATH="$PATH" LANG=C.UTF-8 TERM=dumb "${stage[@]}" "$oc" config validate --json; }
  run_to "$OC_TIMEOUT" "$outdir/$name.stdout" "$outdir/$name.stderr" _inner
  echo "$RUN_TO_RC" >"$outdir/$name.rc"
  echo "$H" >"$outdir/$name.home"
  rm -rf "$H"
}
export -f one_run run_to _run_to_descendants

shopt -s nullglob
configs=("$corpus"/configs/${ONLY:-*.json5})
[ ${#configs[@]} -gt 0 ] || { echo "no configs in $corpus/configs" >&2; exit 2; }
outdir=${OUT_DIR:-$corpus/recorded}
mkdir -p "$outdir"

status=0
for ver in "$@"; do
  oc=$bindir/openclaw-$ver
  if [ ! -x "$oc" ]; then
    echo "skip $ver: $oc not found" >&2
    status=1
    continue
  fi
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/ocv-$ver.XXXXXX")
  vh=$(mktemp -d "${TMPDIR:-/tmp}/ocv.XXXXXX")
  ocver=$(cd "$vh" && env -i HOME="$vh" PATH="$PATH" LANG=C.UTF-8 TERM=dumb "$oc" --version </dev/null 2>/dev/null | tail -n 1)
  rm -rf "$vh"
  echo "== $ver ($ocver): ${#configs[@]} configs, $jobs at a time" >&2
  start=$(date +%s)
  # the launcher is `exec NODE PACKAGE/openclaw.mjs "$@"` (install-openclaw.sh)
  node=$(sed -n 's/^exec "\([^"]*\)".*/\1/p' "$oc")
  pkg=$(sed -n 's/^exec "[^"]*" "\([^"]*\)\/openclaw.mjs".*/\1/p' "$oc")
  # From 2026.4.27 a release npm-installs a bundled plugin's runtime deps on first use (pi-ai for
  # ollama) into its state dir: one shared stage per install (the release's own
  # OPENCLAW_PLUGIN_STAGE_DIR) makes that once per release instead of once per config. The system
  # npm and CA bundle let that install reach the registry; none of this changes a verdict.
  # 2026.4.29-beta.1 stages every bundled plugin's deps at once, WhatsApp's baileys among them,
  # whose libsignal git dependency cannot be fetched without GitHub: after a first run reads
  # "npm error code 128 … libsignal-node", add "overrides": {"libsignal": "6.0.0"} (as the
  # installer does) to plugin-stage/openclaw-*/package.json, run `npm install --omit=dev
  # --ignore-scripts` there, and record again.
  STAGE_ENV=(OPENCLAW_PLUGIN_STAGE_DIR="$(dirname "$(dirname "$pkg")")/plugin-stage")
  npmcli="$(npm root -g 2>/dev/null)/npm/bin/npm-cli.js"
  [ -f "$npmcli" ] && STAGE_ENV+=(npm_execpath="$npmcli")
  [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && STAGE_ENV+=(NODE_EXTRA_CA_CERTS="$NODE_EXTRA_CA_CERTS")
  export STAGE_ENV_STR="${STAGE_ENV[*]}"
  if [ "${RECORDER:-cli}" = inproc ]; then
    (cd "${TMPDIR:-/tmp}" && env -i PATH="$PATH" "${STAGE_ENV[@]}" "$node" "$root/scripts/record/validate-inproc.mjs" "$pkg" "$tmp" "${configs[@]}") ||
      { echo "in-process recorder failed for $ver" >&2; status=1; rm -rf "$tmp"; continue; }
  else
    printf '%s\0' "${configs[@]}" |
      xargs -0 -P "$jobs" -I{} bash -c 'one_run "$1" "$2" "$3"' _ "$oc" {} "$tmp"
  fi
  ONLY=${ONLY:-} python3 - "$ver" "$ocver" "$tmp" "$outdir/$ver.json" "${configs[@]}" <<'PY'
import json, os, sys

ver, ocver, tmp, outpath, *configs = sys.argv[1:]
STD_ERROR_PREFIX = "OpenClaw config is invalid: "


def norm(obj, home):
    """replace the throwaway HOME path in every string (messages could name it)"""
    if isinstance(obj, str):
        return obj.replace(home, "$HOME") if home else obj
    if isinstance(obj, list):
        return [norm(x, home) for x in obj]
    if isinstance(obj, dict):
        return {k: norm(v, home) for k, v in obj.items()}
    return obj


def parse_stdout(text):
    text = text.strip()
    if not text:
        return None
    try:
        v = json.loads(text)
        return v if isinstance(v, dict) else None
    except ValueError:
        pass
    # tolerate log lines before the JSON document
    for i, line in enumerate(text.splitlines()):
        if line.startswith("{"):
            try:
                v = json.loads("\n".join(text.splitlines()[i:]))
                return v if isinstance(v, dict) else None
            except ValueError:
                continue
    return None


results = {}
if os.environ.get("ONLY") and os.path.exists(outpath):
    with open(outpath, encoding="utf-8") as f:
        results = json.load(f)["results"]
for cfg in sorted(configs, key=os.path.basename):
    name = os.path.basename(cfg)
    base = os.path.join(tmp, name)
    rd = lambda ext: open(base + ext, encoding="utf-8", errors="replace").read() if os.path.exists(base + ext) else ""
    out, err, rc, home = rd(".stdout"), rd(".stderr"), rd(".rc").strip(), rd(".home").strip()
    exitv = int(rc) if rc.lstrip("-").isdigit() else (rc or "missing")
    doc = parse_stdout(out)
    if doc is None:
        results[name] = {"exit": exitv, "raw": norm((out + err)[:2000], home)}
        continue
    r = {"exit": exitv}
    for k, v in doc.items():
        if k == "path":
            continue
        if k == "warnings" and v == []:
            continue
        r[k] = norm(v, home)
    e = r.get("error")
    if (isinstance(e, dict) and e.get("type") == "cli_error"
            and str(e.get("message", "")).startswith(STD_ERROR_PREFIX) and r.get("ok") is False):
        del r["error"], r["ok"]
    if err.strip():
        r["stderr"] = norm(err, home)
    results[name] = r


def dump(v):
    return json.dumps(v, ensure_ascii=False)


results = dict(sorted(results.items()))
lines = ["{",
         f' "version": {dump(ver)},',
         f' "openclaw": {dump(ocver)},',
         ' "command": "openclaw config validate --json",',
         ' "results": {']
names = list(results)
for i, name in enumerate(names):
    r = results[name]
    parts = []
    for k, v in r.items():
        if k in ("issues", "warnings") and isinstance(v, list) and v:
            inner = ",\n".join("   " + dump(x) for x in v)
            parts.append(f"{dump(k)}: [\n{inner}\n  ]")
        else:
            parts.append(f"{dump(k)}: {dump(v)}")
    sep = "," if i < len(names) - 1 else ""
    lines.append(f"  {dump(name)}: {{" + ", ".join(parts) + "}" + sep)
lines += [" }", "}"]
text = "\n".join(lines) + "\n"
json.loads(text)  # must stay valid JSON
with open(outpath, "w", encoding="utf-8") as f:
    f.write(text)
valid = sum(1 for r in results.values() if r.get("valid") is True)
invalid = sum(1 for r in results.values() if r.get("valid") is False)
raw = sum(1 for r in results.values() if "raw" in r)
print(f"{ver}: {len(results)} configs: {valid} valid, {invalid} invalid, {raw} non-JSON -> {outpath}", file=sys.stderr)
PY
  [ $? -eq 0 ] || status=1
  echo "   took $(( $(date +%s) - start ))s" >&2
  rm -rf "$tmp"
done
exit $status
