#!/usr/bin/env bash
# Records how OpenClaw treats JSON5 non-finite numbers (Infinity/NaN) in config, including write-back.
# usage: scripts/record/nonfinite.sh OPENCLAW_BIN [OUT_DIR] [CASE...]
#   OUT_DIR defaults to tests/fixtures/recorded/nonfinite. See lib.sh for the case layout.
# Write cases additionally hold:
#   set.stdout / set.stderr / set.rc   `openclaw config set gateway.mode local`
#   after/                            the config dir files after the write (openclaw.json, openclaw.json.bak*)
#   after-get-<path>.json/.rc         `config get` after the write
oc=${1:?usage: nonfinite.sh OPENCLAW_BIN [OUT_DIR] [CASE...]}
here=$(cd "$(dirname "$0")" && pwd)
out=${2:-$here/../../tests/fixtures/recorded/nonfinite}
shift 2 2>/dev/null || shift $#
only=("$@")
mkdir -p "$out"; out=$(cd "$out" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"
want() { [ ${#only[@]} -eq 0 ] && return 0; local x; for x in "${only[@]}"; do [ "$x" = "$1" ] && return 0; done; return 1; }

PARAMS_PATH='agents.defaults.models["openai/gpt-5.4"].params'

write_then_inspect() {
  local d=$1 f
  echo "openclaw config set gateway.mode local" >>"$d/commands.txt"
  ocrun_to "$d/set.stdout" "$d/set.stderr" "$d/set.rc" config set gateway.mode local
  mkdir -p "$d/after"
  for f in "$C"/openclaw.json*; do [ -e "$f" ] && cp -a "$f" "$d/after/"; done
  ls -la --time-style=+ "$C" | awk 'NR>1 {print $1, $NF}' >"$d/after/ls-modes.txt"
  echo "openclaw config validate --json   (after write) -> after-validate.json" >>"$d/commands.txt"
  ocrun_to "$d/after-validate.json" "$d/after-validate.stderr" "$d/after-validate.rc" config validate --json
  f=after-get-$(safe_name "$PARAMS_PATH")
  echo "openclaw config get '$PARAMS_PATH' --json   (after write) -> $f.json" >>"$d/commands.txt"
  ocrun_to "$d/$f.json" "$d/$f.stderr" "$d/$f.rc" config get "$PARAMS_PATH" --json
}

# gateway_case NAME PORT_LITERAL
gateway_case() {
  local n=$1 lit=$2
  want "$n" || return 0
  new_case "$n"
  printf '{\n  gateway: { mode: "local", port: %s },\n}\n' "$lit" | w openclaw.json
  GETS=(gateway.port); HUMAN=1
  finish_case
}
gateway_case gateway-port-infinity     'Infinity'
gateway_case gateway-port-neg-infinity '-Infinity'
gateway_case gateway-port-nan          'NaN'
gateway_case gateway-port-1e400-strict-json '1e400'
gateway_case gateway-port-hex          '0x4965'
gateway_case gateway-port-fraction     '18789.5'
gateway_case gateway-port-negative-zero '-0'

if want maxconcurrent-nan; then new_case maxconcurrent-nan
w openclaw.json <<'EOF'
{ agents: { defaults: { maxConcurrent: NaN } } }
EOF
HUMAN=1; GETS=(agents.defaults.maxConcurrent); finish_case; fi

if want maxconcurrent-infinity; then new_case maxconcurrent-infinity
w openclaw.json <<'EOF'
{ agents: { defaults: { maxConcurrent: Infinity } } }
EOF
HUMAN=1; GETS=(agents.defaults.maxConcurrent); finish_case; fi

if want freeform-infinity; then new_case freeform-infinity
w openclaw.json <<'EOF'
{
  gateway: { mode: "remote" },
  agents: { defaults: { models: { "openai/gpt-5.4": { params: { x: Infinity } } } } },
}
EOF
GETS=("$PARAMS_PATH"); POST=(write_then_inspect); finish_case; fi

if want freeform-all-specials-write; then new_case freeform-all-specials-write
w openclaw.json <<'EOF'
// comment that a write will strip
{
  gateway: { mode: "remote" },
  agents: { defaults: { models: { "openai/gpt-5.4": { params: {
    inf: Infinity, ninf: -Infinity, nan: NaN, negz: -0, hex: 0x10, list: [Infinity, NaN, 1],
  } } } } },
}
EOF
GETS=("$PARAMS_PATH"); POST=(write_then_inspect); finish_case; fi

if want freeform-negzero-write; then new_case freeform-negzero-write
w openclaw.json <<'EOF2'
// comment that a write will strip
{
  gateway: { mode: "remote" },
  agents: { defaults: { models: { "openai/gpt-5.4": { params: { negz: -0, hex: 0x10, big: 1e21, small: 1e-7, lead: .5 } } } } },
}
EOF2
GETS=("$PARAMS_PATH"); POST=(write_then_inspect); finish_case; fi

set_infinity() {
  local d=$1
  echo "openclaw config set '$PARAMS_PATH.y' Infinity" >>"$d/commands.txt"
  ocrun_to "$d/set-infinity.stdout" "$d/set-infinity.stderr" "$d/set-infinity.rc" config set "$PARAMS_PATH.y" Infinity
  echo "openclaw config set '$PARAMS_PATH.z' NaN --strict-json" >>"$d/commands.txt"
  ocrun_to "$d/set-nan-strict.stdout" "$d/set-nan-strict.stderr" "$d/set-nan-strict.rc" config set "$PARAMS_PATH.z" NaN --strict-json
  mkdir -p "$d/after"
  cp -a "$C"/openclaw.json* "$d/after/"
}
if want config-set-infinity-value; then new_case config-set-infinity-value
w openclaw.json <<'EOF2'
{
  gateway: { mode: "local" },
  agents: { defaults: { models: { "openai/gpt-5.4": { params: { x: 1 } } } } },
}
EOF2
POST=(set_infinity); finish_case; fi

echo "done: $out" >&2
