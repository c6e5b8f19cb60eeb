#!/usr/bin/env bash
# Record what real OpenClaw releases say about auth readiness (`openclaw models status`).
#
# usage: scripts/record-models-status.sh VERSION...
#        scripts/record-models-status.sh --readme     (only regenerate README.md from the stored records)
#   e.g. scripts/record-models-status.sh 2026.9.6 2026.5.7
#        CASES="01 02 03 05 07 11 17" scripts/record-models-status.sh 2026.5.28 2026.6.11 2026.8.1
#
# Output: tests/fixtures/recorded/models-status/
#   NN-short-name/openclaw.json   the case's config (written by this script from the table below;
#                                 17 and 18 are byte-for-byte copies of examples/seed/openclaw.json)
#   NN-short-name/env             extra environment, KEY=VALUE per line (empty file: none)
#   NN-short-name/<VERSION>.json  trimmed record (schema below), overwritten on every run
#   README.md                     regenerated from every <VERSION>.json present (summary tables)
#
# For each VERSION x case it makes three runs, each with its OWN fresh throwaway HOME
# (config copied to $HOME/.openclaw/openclaw.json, cwd=$HOME, stdin=/dev/null):
#   env -i HOME=$tmp PATH=/usr/bin:/bin [case env] openclaw-<V> models status --json
#   env -i HOME=$tmp PATH=/usr/bin:/bin [case env] openclaw-<V> models status --check
#   env -i HOME=$tmp PATH=/usr/bin:/bin [case env] openclaw-<V> config validate --json
# `models status` without --probe makes no model calls. Some releases (e.g. 2026.5.7) try to reach a
# local gateway on ws://127.0.0.1:18789 when an apiKey is a SecretRef/env template; nothing listens there.
#
# Trimmed record (<VERSION>.json); every occurrence of the throwaway HOME is replaced by "~":
#   version              release under test (the launcher suffix)
#   openclaw             `openclaw --version` output
#   json_rc              exit code of `models status --json` ("timeout" if killed)
#   check_rc             exit code of `models status --check` ("timeout" if killed)
#   config_valid         `config validate --json` .valid (null if that printed no JSON)
#   validate_issues      [{path, message}] from `config validate --json` (only when config_valid is false)
#   defaultModel         .defaultModel of the status JSON (null if no status JSON)
#   fallbacks            .fallbacks
#   missingProvidersInUse .auth.missingProvidersInUse
#   modelRouteIssues     [{kind, provider, model, message}] from .auth.modelRouteIssues;
#                        null when the release's JSON has no such field (older releases)
#   providers_effective  {provider: "<effective.kind>:<effective.detail>"} for each provider used by the
#                        default model, the fallbacks and the utility model; null if .auth.providers has no row
#   check_sections       {heading: [lines]} of the human `--check` output after "Auth overview"
#                        (e.g. "Missing auth", "Model route issues", "OAuth/token status")
#   notice               non-JSON text printed on stdout before the JSON document (only if any)
#   warnings             stderr lines of a successful `--json` run (only if any)
#   error                stderr of the `--json` run when it failed or printed no status JSON, minus the
#                        "[openclaw] Debug:/Try:/Help:" boilerplate lines and JS stack frames; null otherwise
#
# Environment:
#   OPENCLAW_BIN_DIR  where the openclaw-<VERSION> launchers live (default /work/oc/bin)
#   CASES             space-separated case numbers or names to run (default: all 32)
#   JOBS              parallel case runs (default 2, max 4)
#   OC_TIMEOUT        seconds per command before it and its descendants are killed (default 120)
#   RECORD_DATE       date written into README.md (default: today, UTC)
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$root/tests/fixtures/recorded/models-status
seed=$root/examples/seed/openclaw.json
# bindir, jobs, OC_TIMEOUT, run_to, select_items, for_each_release
# shellcheck source=record/driver.sh
source "$root/scripts/record/driver.sh"

# ---------------------------------------------------------------------------------------------
# One invocation: run one case on one release (called through xargs).
if [ "${1:-}" = "--one" ]; then
  oc=$2 ver=$3 dir=$4 raw=$5
  mkdir -p "$raw"
  extra=()
  while IFS= read -r line || [ -n "$line" ]; do
    [ -n "$line" ] && extra+=("$line")
  done <"$dir/env"
  for kind in json check validate; do
    case $kind in
      json) args=(models status --json) ;;
      check) args=(models status --check) ;;
      validate) args=(config validate --json) ;;
    esac
    H=$(mktemp -d "${TMPDIR:-/tmp}/ocms.XXXXXX")
    mkdir -p "$H/.openclaw"
    cp "$dir/openclaw.json" "$H/.openclaw/openclaw.json"
    _inner() { cd "$H" && exec env -i HOME="$H" PATH=/usr/bin:/bin "${extra[@]}" "$oc" "${args[@]}"; }
    run_to "$OC_TIMEOUT" "$raw/$kind.stdout" "$raw/$kind.stderr" _inner
    echo "$RUN_TO_RC" >"$raw/$kind.rc"
    echo "$H" >"$raw/$kind.home"
    rm -rf "$H"
  done
  python3 - "$ver" "$(cat "$raw/../openclaw-version")" "$raw" "$dir/$ver.json" <<'PY'
import json, os, re, sys

ver, ocver, raw, outpath = sys.argv[1:]
sys.path.insert(0, os.environ["RECORD_LIB"])
from trim import BOILER, STACK, home_strip, reader, split_json  # noqa: E402

rd, rc_of = reader(raw)

homes = {k: rd(k, "home").strip() for k in ("json", "check", "validate")}
out = {k: home_strip(rd(k, "stdout"), homes[k]) for k in homes}
err = {k: home_strip(rd(k, "stderr"), homes[k]) for k in homes}

rec = {"version": ver, "openclaw": ocver, "json_rc": rc_of("json"), "check_rc": rc_of("check")}

_, val = split_json(out["validate"])
rec["config_valid"] = val.get("valid") if isinstance(val, dict) and isinstance(val.get("valid"), bool) else None
if rec["config_valid"] is False:
    rec["validate_issues"] = [
        {"path": i.get("path"), "message": i.get("message")} for i in (val.get("issues") or [])
    ]

prefix, st = split_json(out["json"])
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

pe = None
if st:
    refs = [st.get("defaultModel")] + list(st.get("fallbacks") or [])
    um = st.get("utilityModel")
    if isinstance(um, dict) and um.get("ref"):
        refs.append(um["ref"])
    used = []
    for r in refs:
        if isinstance(r, str) and "/" in r:
            p = r.split("/", 1)[0].lower()
            if p not in used:
                used.append(p)
    rows = {p.get("provider"): p for p in (auth.get("providers") or []) if isinstance(p, dict)}
    pe = {}
    for p in used:
        row = rows.get(p)
        eff = (row or {}).get("effective") or None
        if eff is None:
            pe[p] = None
        else:
            pe[p] = eff.get("kind", "?") + (":" + str(eff["detail"]) if eff.get("detail") not in (None, "") else "")
rec["providers_effective"] = pe

# human --check sections after "Auth overview"
sections, cur, after = {}, None, False
for line in out["check"].splitlines():
    if not line.strip():
        cur = None
        continue
    if cur is None and not line.startswith(("-", " ")) and ":" not in line:
        cur = line.strip()
        if cur == "Auth overview":
            after = True
        if after and cur != "Auth overview":
            sections[cur] = []
        continue
    if cur and cur in sections:
        sections[cur].append(line.rstrip())
if not after and out["check"].strip():
    sections = {"(unparsed)": out["check"].strip().splitlines()[:40]}
rec["check_sections"] = sections

if prefix:
    rec["notice"] = prefix
ok = st is not None and rec["json_rc"] == 0
errlines = [l.rstrip() for l in err["json"].splitlines() if l.strip() and not BOILER.match(l) and not STACK.match(l)]
if ok:
    if errlines:
        rec["warnings"] = errlines
    rec["error"] = None
else:
    e = "\n".join(errlines[:30])
    if not e:
        e = (prefix or out["json"].strip())[:2000] or f"exit {rec['json_rc']} with no output"
    rec["error"] = e

with open(outpath, "w", encoding="utf-8") as f:
    json.dump(rec, f, indent=2, ensure_ascii=False)
    f.write("\n")
PY
  exit $?
fi

# ---------------------------------------------------------------------------------------------
# Case table. Primary model ollama/llama3.2:3b unless the case says otherwise.
M='[{ "id": "llama3.2:3b", "name": "llama3.2:3b" }]'
B='"baseUrl": "http://127.0.0.1:11434"'

ollama_cfg() { # ollama_cfg '<provider object body or empty>'
  if [ -z "$1" ]; then
    printf '{\n  "agents": { "defaults": { "model": { "primary": "ollama/llama3.2:3b" } } }\n}\n'
  else
    printf '{\n  "agents": { "defaults": { "model": { "primary": "ollama/llama3.2:3b" } } },\n  "models": { "providers": { "ollama": { %s } } }\n}\n' "$1"
  fi
}
minimax_cfg() { # minimax_cfg '<extra top-level members or empty>'
  printf '{\n  "agents": {\n    "defaults": {\n      "model": {\n        "primary": "minimax/MiniMax-M2.7",\n        "fallbacks": ["openai/gpt-5.5", "anthropic/claude-sonnet-4-6"]\n      }\n    }\n  }%s\n}\n' "$1"
}

primary_cfg() { # primary_cfg PRIMARY '<fallbacks JSON array or empty>' '<provider id>' '<provider object body or empty>'
  local m="\"primary\": \"$1\""
  [ -n "$2" ] && m="$m, \"fallbacks\": $2"
  if [ -z "$4" ]; then
    printf '{\n  "agents": { "defaults": { "model": { %s } } }\n}\n' "$m"
  else
    printf '{\n  "agents": { "defaults": { "model": { %s } } },\n  "models": { "providers": { "%s": { %s } } }\n}\n' "$m" "$3" "$4"
  fi
}
OR='"baseUrl": "https://openrouter.ai/api/v1"'
CG='"baseUrl": "https://chatgpt.com/backend-api"'

# write_case NAME ENVLINES ; config on stdin ("SEED" = copy the seed config verbatim)
write_case() {
  local d=$out/$1 envl=$2 cfg
  cfg=$(cat)
  mkdir -p "$d"
  if [ "$cfg" = SEED ]; then cp "$seed" "$d/openclaw.json"; else printf '%s\n' "$cfg" >"$d/openclaw.json"; fi
  if [ -n "$envl" ]; then printf '%s\n' "$envl" | tr ' ' '\n' >"$d/env"; else : >"$d/env"; fi
}

all_cases=(
  01-nothing 02-env-only 03-local-provider 04-local-provider-ollama-local 05-models-empty
  06-models-empty-ollama-local 07-no-api 08-openai-completions-v1 09-auth-api-key-no-key
  10-literal-key 11-env-name-marker-unset 12-env-template-unset 13-secretref-env-unset
  14-env-name-marker-set 15-rfc1918-host 16-public-host 17-seed 18-seed-with-keys
  19-minimax-chain 20-minimax-chain-minimax-key 21-minimax-chain-anthropic-profile
  22-ollama-docker-host-marker-no-api 23-ollama-v1-marker-no-api 24-ollama-docker-host-no-key-no-api
  25-ollama-docker-host-marker-api 26-openrouter-env-template-unset 27-openrouter-env-name-unset
  28-openrouter-no-entry 29-gemini-3-pro-preview 30-gemini-15-pro-fallback
  31-openai-chatgpt-baseurl-literal-key 32-openai-chatgpt-baseurl-no-key
)

write_all_cases() {
  ollama_cfg '' | write_case 01-nothing ''
  ollama_cfg '' | write_case 02-env-only 'OLLAMA_API_KEY=ollama-local'
  ollama_cfg "$B, \"api\": \"ollama\", \"models\": $M" | write_case 03-local-provider ''
  ollama_cfg "$B, \"api\": \"ollama\", \"models\": $M, \"apiKey\": \"ollama-local\"" | write_case 04-local-provider-ollama-local ''
  ollama_cfg "$B, \"api\": \"ollama\", \"models\": []" | write_case 05-models-empty ''
  ollama_cfg "$B, \"api\": \"ollama\", \"models\": [], \"apiKey\": \"ollama-local\"" | write_case 06-models-empty-ollama-local ''
  ollama_cfg "$B, \"models\": $M" | write_case 07-no-api ''
  ollama_cfg "\"baseUrl\": \"http://localhost:11434/v1\", \"api\": \"openai-completions\", \"models\": $M" | write_case 08-openai-completions-v1 ''
  ollama_cfg "$B, \"api\": \"ollama\", \"auth\": \"api-key\", \"models\": $M" | write_case 09-auth-api-key-no-key ''
  ollama_cfg "$B, \"api\": \"ollama\", \"apiKey\": \"whatever-literal\", \"models\": $M" | write_case 10-literal-key ''
  ollama_cfg "$B, \"api\": \"ollama\", \"apiKey\": \"OLLAMA_API_KEY\", \"models\": $M" | write_case 11-env-name-marker-unset ''
  # shellcheck disable=SC2016
  ollama_cfg "$B, \"api\": \"ollama\", \"apiKey\": \"\${OLLAMA_API_KEY}\", \"models\": $M" | write_case 12-env-template-unset ''
  ollama_cfg "$B, \"api\": \"ollama\", \"apiKey\": { \"source\": \"env\", \"provider\": \"default\", \"id\": \"OLLAMA_API_KEY\" }, \"models\": $M" | write_case 13-secretref-env-unset ''
  ollama_cfg "$B, \"api\": \"ollama\", \"apiKey\": \"OLLAMA_API_KEY\", \"models\": $M" | write_case 14-env-name-marker-set 'OLLAMA_API_KEY=x'
  ollama_cfg "\"baseUrl\": \"http://192.168.1.20:11434\", \"api\": \"ollama\", \"models\": $M" | write_case 15-rfc1918-host ''
  ollama_cfg "\"baseUrl\": \"https://ollama.example.com\", \"api\": \"ollama\", \"models\": $M" | write_case 16-public-host ''
  echo SEED | write_case 17-seed ''
  echo SEED | write_case 18-seed-with-keys 'MOONSHOT_API_KEY=x MINIMAX_API_KEY=x OLLAMA_API_KEY=x'
  minimax_cfg '' | write_case 19-minimax-chain ''
  minimax_cfg '' | write_case 20-minimax-chain-minimax-key 'MINIMAX_API_KEY=x'
  minimax_cfg ',
  "auth": { "profiles": { "anthropic:default": { "provider": "anthropic", "mode": "api_key" } } }' |
    write_case 21-minimax-chain-anthropic-profile ''
  ollama_cfg "\"baseUrl\": \"http://ollama:11434\", \"apiKey\": \"ollama-local\", \"models\": $M" | write_case 22-ollama-docker-host-marker-no-api ''
  ollama_cfg "\"baseUrl\": \"http://ollama:11434/v1\", \"apiKey\": \"ollama-local\", \"models\": $M" | write_case 23-ollama-v1-marker-no-api ''
  ollama_cfg "\"baseUrl\": \"http://ollama:11434\", \"models\": $M" | write_case 24-ollama-docker-host-no-key-no-api ''
  ollama_cfg "\"baseUrl\": \"http://ollama:11434\", \"api\": \"ollama\", \"apiKey\": \"ollama-local\", \"models\": $M" | write_case 25-ollama-docker-host-marker-api ''
  # openrouter: the model id is not in either release's offline catalog (openrouter models are discovered live);
  # `models status` does not look the id up
  # shellcheck disable=SC2016
  primary_cfg openrouter/anthropic/claude-sonnet-4.5 '' openrouter "$OR, \"apiKey\": \"\${OPENROUTER_API_KEY}\", \"models\": []" | write_case 26-openrouter-env-template-unset ''
  primary_cfg openrouter/anthropic/claude-sonnet-4.5 '' openrouter "$OR, \"apiKey\": \"OPENROUTER_API_KEY\", \"models\": []" | write_case 27-openrouter-env-name-unset ''
  primary_cfg openrouter/anthropic/claude-sonnet-4.5 '' '' '' | write_case 28-openrouter-no-entry ''
  primary_cfg google/gemini-3-pro-preview '' '' '' | write_case 29-gemini-3-pro-preview 'GEMINI_API_KEY=x'
  primary_cfg google/gemini-2.5-pro '["google/gemini-1.5-pro"]' '' '' | write_case 30-gemini-15-pro-fallback 'GEMINI_API_KEY=x'
  # no "api": 2026.5.7 and 2026.9.6 both accept this provider entry without it (config validate: valid)
  primary_cfg openai/gpt-5.5 '' openai "$CG, \"apiKey\": \"sk-proj-FAKEfakeFAKEfake1234567890abcdef\", \"models\": [{ \"id\": \"gpt-5.5\", \"name\": \"gpt-5.5\" }]" | write_case 31-openai-chatgpt-baseurl-literal-key ''
  primary_cfg openai/gpt-5.5 '' openai "$CG, \"models\": [{ \"id\": \"gpt-5.5\", \"name\": \"gpt-5.5\" }]" | write_case 32-openai-chatgpt-baseurl-no-key ''
}

# ---------------------------------------------------------------------------------------------
write_readme() {
  python3 - "$out" "${RECORD_DATE:-$(date -u +%F)}" <<'PY'
import json, os, re, sys

out, date = sys.argv[1:]
cases = sorted(d for d in os.listdir(out) if re.match(r"\d\d-", d) and os.path.isdir(os.path.join(out, d)))


def vkey(v):
    return tuple(int(x) if x.isdigit() else x for x in re.split(r"[.-]", v))


recs = {}
versions = set()
for c in cases:
    for f in os.listdir(os.path.join(out, c)):
        if f.endswith(".json") and f != "openclaw.json":
            v = f[:-5]
            versions.add(v)
            with open(os.path.join(out, c, f), encoding="utf-8") as fh:
                recs[(c, v)] = json.load(fh)
versions = sorted(versions, key=vkey)


def status(rec, provider):
    if rec.get("error") is not None:
        return "error"
    s = []
    if provider in (rec.get("missingProvidersInUse") or []):
        s.append("missing")
    kinds = []
    for i in rec.get("modelRouteIssues") or []:
        if i.get("provider") == provider:
            k = "missing" if i.get("kind") == "missing-auth" else i.get("kind")
            if k not in kinds and k not in s:
                kinds.append(k)
    s += kinds
    if not s:
        s = ["ready" if rec.get("modelRouteIssues") is not None else "ready¹"]
    return "+".join(s)


def cell(rec, provider):
    st = status(rec, provider)
    inv = "" if rec.get("config_valid") is not False else " (invalid config)"
    return f"{st} (rc {rec.get('check_rc')}){inv}"


L = []
L.append("# Recorded `openclaw models status` auth readiness\n")
L.append("Observed output of real OpenClaw releases, recorded on " + date + " by `scripts/record-models-status.sh`.")
L.append("Re-run with e.g.:\n")
L.append("```")
L.append("scripts/record-models-status.sh 2026.9.6 2026.5.7")
L.append('CASES="01 02 03 05 07 11 17" scripts/record-models-status.sh 2026.5.28 2026.6.11 2026.8.1')
L.append("```\n")
L.append("Each case ran three commands per release, each with its own fresh throwaway HOME (config at")
L.append("`$HOME/.openclaw/openclaw.json`, cwd `$HOME`, stdin `/dev/null`, no network, no gateway running):\n")
L.append("```")
L.append("env -i HOME=$tmp PATH=/usr/bin:/bin $(cat NN-case/env) openclaw-<V> models status --json")
L.append("env -i HOME=$tmp PATH=/usr/bin:/bin $(cat NN-case/env) openclaw-<V> models status --check")
L.append("env -i HOME=$tmp PATH=/usr/bin:/bin $(cat NN-case/env) openclaw-<V> config validate --json")
L.append("```\n")
L.append("Layout: `NN-case/openclaw.json` (the config; 17 and 18 are the JSON5 seed config verbatim), `NN-case/env`")
L.append("(extra KEY=VALUE environment, empty if none) and `NN-case/<V>.json` (trimmed record; the field list is at the top")
L.append("of the script). `$tmp` is replaced by `~` everywhere.\n")
L.append("Cell legend: `missing` = provider in `auth.missingProvidersInUse` (human: \"Missing auth\") or a `missing-auth`")
L.append("route issue; `indeterminate` / `incompatible` / ... = `auth.modelRouteIssues[].kind` for that provider;")
L.append("`ready` = neither; `error` = `models status --json` failed (see the record's `error`). `rc N` is the exit code")
L.append("of `models status --check`. ¹ This release has no `modelRouteIssues` in its JSON: `ready¹` only means")
L.append("\"not listed as missing\". A blank cell = not recorded for that release.\n")

L.append("## Ollama route (`ollama/llama3.2:3b`), cases 01–16\n")
L.append("| case | " + " | ".join(versions) + " |")
L.append("|---|" + "---|" * len(versions))
for c in cases:
    if int(c[:2]) > 16:
        continue
    row = [f"`{c}`"]
    for v in versions:
        r = recs.get((c, v))
        row.append(cell(r, "ollama") if r else "")
    L.append("| " + " | ".join(row) + " |")
L.append("")

L.append("## Per provider, cases 17 and later (each case’s `config_valid` is in its records)\n")
for c in cases:
    if int(c[:2]) <= 16:
        continue
    vs = [v for v in versions if (c, v) in recs]
    if not vs:
        continue
    provs = []
    for v in vs:
        for p in (recs[(c, v)].get("providers_effective") or {}):
            if p not in provs:
                provs.append(p)
        for p in recs[(c, v)].get("missingProvidersInUse") or []:
            if p not in provs:
                provs.append(p)
    env = open(os.path.join(out, c, "env"), encoding="utf-8").read().split()
    L.append(f"### `{c}`" + (f" (env {' '.join(env)})" if env else " (no env)") + "\n")
    L.append("| provider | " + " | ".join(vs) + " |")
    L.append("|---|" + "---|" * len(vs))
    if not provs:
        L.append("| (no status JSON) | " + " | ".join(cell(recs[(c, v)], "") for v in vs) + " |")
    for p in provs:
        L.append(f"| `{p}` | " + " | ".join(status(recs[(c, v)], p) for v in vs) + " |")
    L.append("| `--check` rc | " + " | ".join(str(recs[(c, v)].get("check_rc")) for v in vs) + " |")
    L.append("")

L.append("## `providers_effective` for the ollama route\n")
L.append("| case | " + " | ".join(versions) + " |")
L.append("|---|" + "---|" * len(versions))
for c in cases:
    if int(c[:2]) > 16:
        continue
    row = [f"`{c}`"]
    for v in versions:
        r = recs.get((c, v))
        if not r:
            row.append("")
        elif r.get("error") is not None:
            row.append("error")
        else:
            e = (r.get("providers_effective") or {}).get("ollama")
            row.append(f"`{e}`" if e else "(no row)")
    L.append("| " + " | ".join(row) + " |")
L.append("")

L.append("""## Observations (written by hand from the 2026-11-21 recording; re-check them after re-recording)

- **2026.5.7** decides "Missing auth" purely by presence: a provider in use (default, fallbacks, image model) is missing
  iff it has no stored profile, no provider env var, no `apiKey` string in `models.providers.<id>` and no plugin synthetic
  auth (dist `list.status-command-*.js`: `missingProvidersInUse = providersInUse.filter(p => !providerAuthMap.has(p))`).
  So *no evidence at all* is **missing** (rc 1), not indeterminate (cases 01, 05, 07, 17, 19), and a local provider entry
  without `apiKey` is missing too (03, 08, 09, 15). Conversely *any* `apiKey` string makes the provider count as present
  even when its `effective` is `missing:missing` (06 `ollama-local` with `models: []`, 11 `"OLLAMA_API_KEY"` with the
  var unset, 12 unresolved `${OLLAMA_API_KEY}`): not listed, `--check` rc 0. Its JSON has no `modelRouteIssues`,
  `runtimeAuthRoutes` or `utilityModel`.
- 2026.5.7 with `apiKey: "${OLLAMA_API_KEY}"` unset (12) tries the gateway at ws://127.0.0.1:18789, prints that failure
  on **stdout before the JSON** (see `notice`), resolves locally and succeeds. With an env SecretRef (13) it fails:
  `Failed to start CLI: ... Start the gateway and retry.` 2026.9.6 fails on both (12, 13) with rc 1 and prints
  `{"ok": false, "error": {...}}` on stdout.
- 2026.5.28 and 2026.6.11 behave like 5.7 for no-evidence providers (missing) but already flag the env-var-name marker
  with the var unset (11) as missing.
- 2026.8.1 already has `modelRouteIssues` and reports no-evidence routes as `indeterminate` (01, 05, 07, 17), but not the
  synthetic-local rule: a local provider entry with `api` and `models[]` and no key (03) is still indeterminate there;
  it is ready in 2026.9.6.
- 2026.9.6: `openai/*` with no key and no profile (19, 20, 21) is **missing**, not indeterminate, and comes with a
  "Runtime auth" line `openai via codex uses openai effective=missing:missing | status=unavailable | ... No enabled plugin
  owns agent harness "codex".` Other no-evidence providers (`minimax` in 19, `anthropic` in 19/20) are indeterminate;
  `anthropic` with only `auth.profiles` metadata (21) is missing.
- 2026.9.6 and 8.1: the seed's `openai-codex/*` routes are **missing**, with the hint
  `` `openclaw configure` or set an API key env var.`` (no login command). The cause is the seed's
  `auth.profiles["openai-codex:default"]` metadata (auth evidence): an ad-hoc 2026.9.6 run (not stored here) with only
  `primary: "openai-codex/gpt-5.4"` and no profile gave `[indeterminate]`, rc 1.
  `moonshot/*` stays indeterminate even with `MOONSHOT_API_KEY` set (18); 2026.5.7 counts that env var.
- 2026.9.6 public host (16) without a key: indeterminate; RFC1918 host (15): ready (synthetic local).
""")

with open(os.path.join(out, "README.md"), "w", encoding="utf-8") as f:
    f.write("\n".join(L))
PY
}

# ---------------------------------------------------------------------------------------------
if [ "${1:-}" = "--readme" ]; then
  write_readme
  exit $?
fi
if [ $# -eq 0 ]; then
  echo "usage: $0 VERSION...   (env: CASES, JOBS, OC_TIMEOUT, OPENCLAW_BIN_DIR, RECORD_DATE)" >&2
  exit 2
fi
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 2; }
[ -f "$seed" ] || { echo "seed config not found: $seed" >&2; exit 2; }

mkdir -p "$out"
write_all_cases

mapfile -t selected < <(select_items "${CASES:-}" "${all_cases[@]}")
[ ${#selected[@]} -gt 0 ] || { echo "no case matches CASES=$CASES" >&2; exit 2; }

export -f run_to _run_to_descendants
for_each_release "$0" ocms cases "$out/" "$@"
status=$?

write_readme
exit $status
