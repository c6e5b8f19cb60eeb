#!/usr/bin/env bash
# Records how deep a valid config may nest before `openclaw config validate` breaks (stack overflow in
# include resolution / validation; json5 itself parses arbitrarily deep input iteratively).
# usage: scripts/record/deep-nesting.sh OPENCLAW_BIN [OUT_DIR]
#   OUT_DIR defaults to tests/fixtures/recorded/deep-nesting
# Config shape: { agents: { defaults: { models: { "openai/gpt-5.4": { params: { x: [[...[1]...]] } } } } } }
# with N nested arrays under params.x (a free-form field). One case dir per depth tried (files are
# regenerated from generated.json + the recipe below rather than kept, except for small depths).
oc=${1:?usage: deep-nesting.sh OPENCLAW_BIN [OUT_DIR]}
here=$(cd "$(dirname "$0")" && pwd)
out=${2:-$here/../../tests/fixtures/recorded/deep-nesting}
mkdir -p "$out"; out=$(cd "$out" && pwd)
# shellcheck source=lib.sh
source "$here/lib.sh"

mk() { # N -> config text on stdout
  python3 -c 'import sys; n=int(sys.argv[1]); print("{ agents: { defaults: { models: { \"openai/gpt-5.4\": { params: { x: " + "["*n + "1" + "]"*n + " } } } } } }")' "$1"
}
run_depth() {
  local n=$1
  new_case "depth-$n"
  mk "$n" | w openclaw.json
  local bytes sha
  bytes=$(stat -c %s "$C/openclaw.json"); sha=$(sha256sum "$C/openclaw.json" | cut -d' ' -f1)
  if [ "$n" -gt 200 ]; then
    GENERATED+=("{\"path\": \".openclaw/openclaw.json\", \"bytes\": $bytes, \"recipe\": \"'{ agents: { defaults: { models: { \\\"openai/gpt-5.4\\\": { params: { x: ' + '['*N + '1' + ']'*N + ' } } } } } }\\\\n'\", \"N\": $n, \"sha256\": \"$sha\"}")
    POST=(drop_generated)
  fi
  finish_case
  python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(sys.argv[2], j.get("valid"), (j.get("issues") or [{}])[0].get("message",""))' "$out/depth-$n/validate.json" "$n" >&2
}
for n in 100 1000 1250 1500 1750 2000 2500 3000 5000 10000; do run_depth "$n"; done
echo "done: $out" >&2
