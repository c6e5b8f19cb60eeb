#!/usr/bin/env bash
# Records the 2026.9.6 hang on raw U+2028/U+2029 inside JSON5 strings (json5 calls console.warn, which
# OpenClaw's patched console routes through the logger, which re-reads and re-parses the config...).
# usage: scripts/record/hangs.sh OPENCLAW_BIN [OUT_DIR] [CASE...]
#   OUT_DIR defaults to tests/fixtures/recorded/hangs. Timeout per command: OC_TIMEOUT (default 30 s);
#   a hung command has validate.rc = "timeout" and empty stdout/stderr. See lib.sh for the case layout.
oc=${1:?usage: hangs.sh OPENCLAW_BIN [OUT_DIR] [CASE...]}
here=$(cd "$(dirname "$0")" && pwd)
out=${2:-$here/../../tests/fixtures/recorded/hangs}
shift 2 2>/dev/null || shift $#
only=("$@")
mkdir -p "$out"; out=$(cd "$out" && pwd)
OC_TIMEOUT=${OC_TIMEOUT:-30}
# shellcheck source=lib.sh
source "$here/lib.sh"
want() { [ ${#only[@]} -eq 0 ] && return 0; local x; for x in "${only[@]}"; do [ "$x" = "$1" ] && return 0; done; return 1; }

# cfg NAME ALIAS_JSON5_LITERAL_BYTES(printf format) [STRICT]
alias_cfg() {
  local n=$1 lit=$2 strict=${3:-}
  want "$n" || return 0
  new_case "$n"
  if [ -n "$strict" ]; then
    printf '{"gateway": {"mode": "local"}, "agents": {"defaults": {"models": {"openai/gpt-5.4": {"alias": '"$lit"'}}}}}\n' | w openclaw.json
  else
    printf '{\n  gateway: { mode: "local" },\n  agents: { defaults: { models: { "openai/gpt-5.4": { alias: '"$lit"' } } } },\n}\n' | w openclaw.json
  fi
  finish_case
  echo "   rc=$(cat "$out/$n/validate.rc")" >&2
}
alias_cfg u2028-raw-in-json5-string     '"x\xe2\x80\xa8y"'
alias_cfg u2029-raw-in-json5-string     '"x\xe2\x80\xa9y"'
alias_cfg u2028-raw-in-strict-json      '"x\xe2\x80\xa8y"' strict
alias_cfg u2028-escaped-in-json5-string '"x\\u2028y"'
alias_cfg u2028-as-whitespace-json5     '"xy"\xe2\x80\xa8'

if want u2028-raw-in-include; then new_case u2028-raw-in-include
w openclaw.json <<'EOF'
{ gateway: { mode: "local" }, agents: { $include: "./agents.json5" } }
EOF
printf '{ defaults: { models: { "openai/gpt-5.4": { alias: "x\xe2\x80\xa8y" } } } }\n' | w agents.json5
finish_case; echo "   rc=$(cat "$out/u2028-raw-in-include/validate.rc")" >&2; fi

echo "done: $out" >&2
