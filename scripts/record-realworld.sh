#!/usr/bin/env bash
# Record what real OpenClaw releases say about the real-world config corpus (tests/fixtures/realworld/).
#
# usage: scripts/record-realworld.sh VERSION...
#        scripts/record-realworld.sh --readme       (only regenerate recorded/README.md from the stored records)
#   e.g. scripts/record-realworld.sh 2026.9.6 2026.5.7
#        FILES="03 36" scripts/record-realworld.sh 2026.9.6
#
# Output: tests/fixtures/realworld/recorded/
#   <VERSION>/<config-file-stem>.json   trimmed record (schema below), overwritten on every run
#   README.md                           regenerated from every record present (summary table)
#
# For each VERSION x config (tests/fixtures/realworld/*.json and *.json5) it makes two runs, each with its OWN
# fresh throwaway HOME (the config copied byte-for-byte to $HOME/.openclaw/openclaw.json - a *.json5 file too -,
# cwd=$HOME, stdin=/dev/null, no extra environment, nothing listening on the gateway port):
#   env -i HOME=$tmp PATH=/usr/bin:/bin openclaw-<V> config validate --json
#   env -i HOME=$tmp PATH=/usr/bin:/bin openclaw-<V> models status --json
# `models status` without --probe makes no model calls. Files a config `$include`s are not in the corpus,
# so they are absent in the throwaway HOME too.
#
# Trimmed record; every occurrence of the throwaway HOME is replaced by "~":
#   file                  corpus file name
#   version               release under test (the launcher suffix)
#   openclaw              `openclaw --version` output
#   validate_rc           exit code of `config validate --json` ("timeout" if killed)
#   valid                 its .valid (null if it printed no JSON)
#   issues                [{path, message}] from its .issues ([] if none)
#   warnings              its .warnings, verbatim (null when the release's JSON has no such field)
#   status_rc             exit code of `models status --json` ("timeout" if killed)
#   defaultModel          .defaultModel of the status JSON (null if no status JSON)
#   fallbacks             .fallbacks
#   missingProvidersInUse .auth.missingProvidersInUse
#   modelRouteIssues      [{kind, provider, model, message}] from .auth.modelRouteIssues;
#                         null when the release's JSON has no such field (older releases) or there is no status JSON
#   status_notice         non-JSON text printed on stdout before the status JSON document (only if any)
#   status_stderr         stderr lines of a successful `models status --json` run (only if any)
#   error                 null if both commands printed their JSON and `models status` exited 0; otherwise the
#                         failing command's stderr (or its stdout if stderr is empty; for a `{"ok": false, "error"}`
#                         document its error), minus "[openclaw] Debug:/Try:/Help:" lines and JS stack frames,
#                         each prefixed "[config validate] " / "[models status] "
#
# Environment:
#   OPENCLAW_BIN_DIR  where the openclaw-<VERSION> launchers live (default /work/oc/bin)
#   FILES             space-separated file numbers (the NN- prefix) or names to run (default: all)
#   JOBS              parallel config runs (default 2, max 4)
#   OC_TIMEOUT        seconds per command before it and its descendants are killed (default 120)
#   RECORD_DATE       date written into README.md (default: today, UTC)
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=$root/tests/fixtures/realworld
out=$corpus/recorded
# bindir, jobs, OC_TIMEOUT, run_to, select_items, for_each_release
# shellcheck source=record/driver.sh
source "$root/scripts/record/driver.sh"

# ---------------------------------------------------------------------------------------------
# One invocation: run one config on one release (called through xargs).
if [ "${1:-}" = "--one" ]; then
  oc=$2 ver=$3 file=$4 raw=$5
  mkdir -p "$raw"
  for kind in validate status; do
    case $kind in
      validate) args=(config validate --json) ;;
      status) args=(models status --json) ;;
    esac
    H=$(mktemp -d "${TMPDIR:-/tmp}/ocrw.XXXXXX")
    mkdir -p "$H/.openclaw"
    cp "$corpus/$file" "$H/.openclaw/openclaw.json"
    _inner() { cd "$H" && exec env -i HOME="$H" PATH=/usr/bin:/bin "$oc" "${args[@]}"; }
    run_to "$OC_TIMEOUT" "$raw/$kind.stdout" "$raw/$kind.stderr" _inner
    echo "$RUN_TO_RC" >"$raw/$kind.rc"
    echo "$H" >"$raw/$kind.home"
    rm -rf "$H"
  done
  stem=${file%.json5}
  stem=${stem%.json}
  mkdir -p "$out/$ver"
  python3 - "$file" "$ver" "$(cat "$raw/../openclaw-version")" "$raw" "$out/$ver/$stem.json" <<'PY'
import json, os, re, sys

file, ver, ocver, raw, outpath = sys.argv[1:]
sys.path.insert(0, os.environ["RECORD_LIB"])
from trim import BOILER, STACK, home_strip, reader, split_json  # noqa: E402

rd, rc_of = reader(raw)

homes = {k: rd(k, "home").strip() for k in ("validate", "status")}
out = {k: home_strip(rd(k, "stdout"), homes[k]) for k in homes}
err = {k: home_strip(rd(k, "stderr"), homes[k]) for k in homes}


def errtext(kind, doc, prefix):
    lines = [l.rstrip() for l in err[kind].splitlines() if l.strip() and not BOILER.match(l) and not STACK.match(l)]
    e = "\n".join(lines[:30])
    if not e and isinstance(doc, dict) and doc.get("error") is not None:
        x = doc["error"]
        e = x.get("message") if isinstance(x, dict) and x.get("message") else json.dumps(x, ensure_ascii=False)
    if not e:
        e = (prefix or out[kind].strip())[:2000] or f"exit {rc_of(kind)} with no output"
    return e


rec = {"file": file, "version": ver, "openclaw": ocver}

rec["validate_rc"] = rc_of("validate")
vprefix, val = split_json(out["validate"])
if isinstance(val, dict) and not isinstance(val.get("valid"), bool):
    val = None
rec["valid"] = val.get("valid") if val else None
rec["issues"] = [{"path": i.get("path"), "message": i.get("message")} for i in (val or {}).get("issues") or []]
rec["warnings"] = val.get("warnings") if val and "warnings" in val else None

rec["status_rc"] = rc_of("status")
sprefix, st = split_json(out["status"])
sdoc = st
if st is not None and not isinstance(st.get("auth"), dict):
    st = None  # e.g. {"ok": false, "error": {...}}
auth = (st or {}).get("auth") or {}
rec["defaultModel"] = st.get("defaultModel") if st else None
rec["fallbacks"] = st.get("fallbacks") if st else None
rec["missingProvidersInUse"] = auth.get("missingProvidersInUse") if st else None
if st and "modelRouteIssues" in auth:
    rec["modelRouteIssues"] = [
        {k: i.get(k) for k in ("kind", "provider", "model", "message")} for i in auth["modelRouteIssues"]
    ]
else:
    rec["modelRouteIssues"] = None
if sprefix and st is not None:
    rec["status_notice"] = sprefix

errors = []
if val is None:
    errors.append("[config validate] " + errtext("validate", None, vprefix))
if st is None or rec["status_rc"] != 0:
    errors.append("[models status] " + errtext("status", sdoc, sprefix))
else:
    sl = [l.rstrip() for l in err["status"].splitlines() if l.strip() and not BOILER.match(l) and not STACK.match(l)]
    if sl:
        rec["status_stderr"] = sl
rec["error"] = "\n".join(errors) if errors else None

with open(outpath, "w", encoding="utf-8") as f:
    json.dump(rec, f, indent=2, ensure_ascii=False)
    f.write("\n")
PY
  exit $?
fi

# ---------------------------------------------------------------------------------------------
write_readme() {
  python3 - "$out" "${RECORD_DATE:-$(date -u +%F)}" <<'PY'
import json, os, re, sys

out, date = sys.argv[1:]


def vkey(v):
    return tuple(int(x) if x.isdigit() else x for x in re.split(r"[.-]", v))


versions = sorted((d for d in os.listdir(out) if os.path.isdir(os.path.join(out, d))), key=vkey, reverse=True)
recs, files, ocver = {}, set(), {}
for v in versions:
    for f in os.listdir(os.path.join(out, v)):
        if f.endswith(".json"):
            with open(os.path.join(out, v, f), encoding="utf-8") as fh:
                r = json.load(fh)
            recs[(r["file"], v)] = r
            files.add(r["file"])
            ocver[v] = r.get("openclaw")
files = sorted(files)


def cell(r):
    if r is None:
        return ""
    if r.get("valid") is None:
        v = "no JSON"
    else:
        v = "valid" if r["valid"] else "**invalid**"
    n = len(r.get("issues") or [])
    w = r.get("warnings")
    w = "–" if w is None else str(len(w))
    mp = r.get("missingProvidersInUse")
    if r.get("error") and mp is None:
        m = "status error"
    else:
        m = ", ".join(mp) if mp else "–"
    ri = r.get("modelRouteIssues")
    if ri:
        kinds = []
        for i in ri:
            k = f"{i.get('provider')}:{i.get('kind')}"
            if k not in kinds:
                kinds.append(k)
        m += "; routes: " + ", ".join(kinds)
    return f"{v} / {n} / {w} / {m} (rc {r.get('validate_rc')}/{r.get('status_rc')})"


L = []
L.append("# Recorded `config validate` and `models status` for the real-world corpus\n")
L.append(f"Observed output of real OpenClaw releases on `tests/fixtures/realworld/*.json{{,5}}`, recorded on {date} by")
L.append("`scripts/record-realworld.sh`. Releases: " + ", ".join(f"{v} (`{ocver.get(v)}`)" for v in versions) + ".")
L.append("Re-run with:\n")
L.append("```")
L.append("scripts/record-realworld.sh " + " ".join(versions))
L.append("```\n")
L.append("Each config ran two commands per release, each with its own fresh throwaway HOME (the file copied")
L.append("byte-for-byte to `$HOME/.openclaw/openclaw.json`, also for `.json5` files; cwd `$HOME`; stdin `/dev/null`;")
L.append("no extra environment, so no API keys; no gateway running; files that a config `$include`s are not present;")
L.append("120 s timeout per command):\n")
L.append("```")
L.append("env -i HOME=$tmp PATH=/usr/bin:/bin openclaw-<V> config validate --json")
L.append("env -i HOME=$tmp PATH=/usr/bin:/bin openclaw-<V> models status --json")
L.append("```\n")
L.append("Layout: `<V>/<config-file-stem>.json`, a trimmed record (field list at the top of the script). `$tmp` is")
L.append("replaced by `~` everywhere.\n")
L.append("Cell: `validity / number of validate issues / number of validate warnings (– = that validate JSON has no")
L.append("`warnings` field) / auth.missingProvidersInUse (– = none)` then, if any, `routes:` the `provider:kind` pairs of")
L.append("`auth.modelRouteIssues`, and `(rc <validate exit>/<models status exit>)`. `status error` = `models status")
L.append("--json` printed no status JSON (see the record's `error`).\n")
L.append("| config | " + " | ".join(versions) + " |")
L.append("|---|" + "---|" * len(versions))
for f in files:
    L.append(f"| `{f}` | " + " | ".join(cell(recs.get((f, v))) for v in versions) + " |")
L.append("")
L.append("Totals:\n")
L.append("| release | valid | invalid | no validate JSON | `models status` error | missing providers ≥ 1 |")
L.append("|---|---|---|---|---|---|")
for v in versions:
    rs = [recs[(f, v)] for f in files if (f, v) in recs]
    L.append(
        f"| {v} | {sum(r.get('valid') is True for r in rs)} | {sum(r.get('valid') is False for r in rs)} | "
        f"{sum(r.get('valid') is None for r in rs)} | "
        f"{sum(1 for r in rs if r.get('error') and '[models status]' in r['error'])} | "
        f"{sum(1 for r in rs if r.get('missingProvidersInUse'))} |"
    )
L.append("")
with open(os.path.join(out, "README.md"), "w", encoding="utf-8") as fh:
    fh.write("\n".join(L))
PY
}

# ---------------------------------------------------------------------------------------------
if [ "${1:-}" = "--readme" ]; then
  write_readme
  exit $?
fi
if [ $# -eq 0 ]; then
  echo "usage: $0 VERSION...   (env: FILES, JOBS, OC_TIMEOUT, OPENCLAW_BIN_DIR, RECORD_DATE)" >&2
  exit 2
fi
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 2; }

all_files=()
for f in "$corpus"/*.json "$corpus"/*.json5; do
  [ -f "$f" ] && all_files+=("$(basename "$f")")
done
mapfile -t all_files < <(printf '%s\n' "${all_files[@]}" | sort)
mapfile -t selected < <(select_items "${FILES:-}" "${all_files[@]}")
[ ${#selected[@]} -gt 0 ] || { echo "no config matches FILES=$FILES" >&2; exit 2; }

mkdir -p "$out"
export -f run_to _run_to_descendants
for_each_release "$0" ocrw configs "" "$@"
status=$?

write_readme
exit $status
