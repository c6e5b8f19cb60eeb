# shellcheck shell=bash
# Shared helpers for the recording scripts (sourced, not run).
# A "case" is a throwaway HOME ($H, config dir $C=$H/.openclaw) that the case body fills with files;
# finish_case then copies the tree as run into $out/<name>/home/ and runs the real openclaw on it.
#
# Per case directory:
#   home/            the HOME tree exactly as run (before any command); home/.openclaw/openclaw.json = config
#   home.txt         the absolute HOME path used (messages contain it; tests can substitute a placeholder)
#   env.txt          extra environment variables set for the commands (besides HOME, PATH, LANG, TERM)
#   commands.txt     the commands run, in order
#   validate.json / validate.stderr / validate.rc         `openclaw config validate --json`
#   validate-human.stdout / .stderr / .rc                 `openclaw config validate` (if HUMAN=1)
#   get-<path>.json / .stderr / .rc                       `openclaw config get <path> --json` for each GETS entry
#   created-by-openclaw.txt  files that exist under HOME after the commands but not before (names only)
#   generated.json   for files too big to keep: how to regenerate them byte-exactly (they are removed from home/)

set -uo pipefail

: "${oc:?set oc=OPENCLAW_BIN before sourcing lib.sh}"
: "${out:?set out=OUTPUT_DIR before sourcing lib.sh}"

# shellcheck source=timeout.sh
source "$(dirname "${BASH_SOURCE[0]}")/timeout.sh"
OC_TIMEOUT=${OC_TIMEOUT:-120}
# ocrun_to OUT ERR RCFILE ARGS... : run openclaw ARGS in a clean, reproducible environment (only
# HOME/PATH/LANG/TERM plus the case's EXTRA_ENV, cwd=$HOME, stdin=/dev/null) with a timeout of
# $OC_TIMEOUT seconds; RCFILE gets the exit code or the word "timeout".
ocrun_to() {
  local o=$1 e=$2 r=$3; shift 3
  run_to "$OC_TIMEOUT" "$o" "$e" _ocrun_inner "$@"
  echo "$RUN_TO_RC" >"$r"
}
_ocrun_inner() { cd "$H" && exec env -i HOME="$H" PATH="$PATH" LANG=C.UTF-8 TERM=dumb "${EXTRA_ENV[@]}" "$oc" "$@"; }

new_case() {
  name=$1
  H=$(mktemp -d)
  C=$H/.openclaw
  mkdir -p "$C"
  GETS=()
  EXTRA_ENV=()
  POST=()
  HUMAN=0
  GENERATED=()
  echo "== $name" >&2
}

# w RELPATH  (content on stdin; path relative to $C, the config dir)
w() { mkdir -p "$(dirname "$C/$1")"; cat >"$C/$1"; }
# wh RELPATH (content on stdin; path relative to $H)
wh() { mkdir -p "$(dirname "$H/$1")"; cat >"$H/$1"; }

safe_name() { printf '%s' "$1" | tr -c 'A-Za-z0-9._-' '_'; }

finish_case() {
  local d=$out/$name p f
  rm -rf "$d"; mkdir -p "$d"
  cp -a "$H" "$d/home"
  echo "$H" >"$d/home.txt"
  printf '%s\n' "${EXTRA_ENV[@]}" | sed '/^$/d' >"$d/env.txt"
  (cd "$H" && find . -mindepth 1 | sort) >"$d/.before"
  : >"$d/commands.txt"
  echo "openclaw config validate --json" >>"$d/commands.txt"
  ocrun_to "$d/validate.json" "$d/validate.stderr" "$d/validate.rc" config validate --json
  if [ "$HUMAN" = 1 ]; then
    echo "openclaw config validate" >>"$d/commands.txt"
    ocrun_to "$d/validate-human.stdout" "$d/validate-human.stderr" "$d/validate-human.rc" config validate
  fi
  for p in "${GETS[@]}"; do
    f=get-$(safe_name "$p")
    echo "openclaw config get '$p' --json   -> $f.json" >>"$d/commands.txt"
    ocrun_to "$d/$f.json" "$d/$f.stderr" "$d/$f.rc" config get "$p" --json
  done
  for p in "${POST[@]}"; do "$p" "$d"; done
  (cd "$H" && find . -mindepth 1 | sort) | comm -13 "$d/.before" - >"$d/created-by-openclaw.txt"
  rm -f "$d/.before"
  [ -s "$d/created-by-openclaw.txt" ] || rm -f "$d/created-by-openclaw.txt"
  if [ ${#GENERATED[@]} -gt 0 ]; then
    printf '%s\n' "${GENERATED[@]}" | python3 -c '
import json, sys
print(json.dumps([json.loads(l) for l in sys.stdin if l.strip()], indent=2))' >"$d/generated.json"
  fi
  for f in "$d"/*.stderr; do [ -s "$f" ] || rm -f "$f"; done
  rm -rf "$H"
}

# gen_file RELPATH(to $C) BYTES PREFIX SUFFIX : PREFIX + ' '*(BYTES-len(PREFIX)-len(SUFFIX)) + SUFFIX, recorded in generated.json
gen_file() {
  local rel=$1 bytes=$2 prefix=$3 suffix=$4
  python3 - "$C/$rel" "$bytes" "$prefix" "$suffix" <<'PY'
import sys
path, n, pre, suf = sys.argv[1], int(sys.argv[2]), sys.argv[3].encode(), sys.argv[4].encode()
data = pre + b" " * (n - len(pre) - len(suf)) + suf
assert len(data) == n
open(path, "wb").write(data)
PY
  local sha; sha=$(sha256sum "$C/$rel" | cut -d' ' -f1)
  GENERATED+=("$(python3 -c 'import json,sys; print(json.dumps({"path": ".openclaw/"+sys.argv[1], "bytes": int(sys.argv[2]), "recipe": "prefix + spaces + suffix", "prefix": sys.argv[3], "fill": " ", "suffix": sys.argv[4], "sha256": sys.argv[5]}))' "$rel" "$bytes" "$prefix" "$suffix" "$sha")")
  POST+=(drop_generated)
}
drop_generated() {
  local d=$1 g
  python3 -c 'import json,sys; [print(x["path"]) for x in map(json.loads, sys.argv[1:])]' "${GENERATED[@]}" | while read -r g; do rm -f "$d/home/$g"; done
}
