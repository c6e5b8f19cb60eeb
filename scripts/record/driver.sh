# shellcheck shell=bash
# The driver shared by scripts/record-models-status.sh and scripts/record-realworld.sh (sourced):
# pick the items to run, then run each on each release through the script's own `--one` mode.
# Sourcing it also sets what both take from the environment (OPENCLAW_BIN_DIR, JOBS, OC_TIMEOUT)
# and sources timeout.sh (run_to SECS OUT ERR CMD..., which kills the CLI's detached re-spawned
# child too and sets RUN_TO_RC).

bindir=${OPENCLAW_BIN_DIR:-/work/oc/bin}
jobs=${JOBS:-2}
[ "$jobs" -gt 4 ] && jobs=4
[ "$jobs" -lt 1 ] && jobs=1
export OC_TIMEOUT=${OC_TIMEOUT:-120}
export RECORD_LIB
RECORD_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=timeout.sh
source "$RECORD_LIB/timeout.sh"

# select_items WANT ITEM... : prints each ITEM that WANT (space-separated full names or number
# prefixes such as `07`) names, one per line; every ITEM when WANT is empty.
select_items() {
  local want=$1 item w
  shift
  for item in "$@"; do
    if [ -z "$want" ]; then echo "$item"; continue; fi
    for w in $want; do
      if [ "$w" = "$item" ] || [ "$w" = "${item%%-*}" ]; then echo "$item"; break; fi
    done
  done
}

# for_each_release SCRIPT TAG NOUN PREFIX VERSION... : for each release with a launcher in
# $bindir, record its `--version`, then run `bash SCRIPT --one LAUNCHER VERSION PREFIX<item>
# WORKDIR/<item>` for every item of the array `selected`, $jobs at a time. Returns 1 when a
# release is missing or a run failed.
for_each_release() {
  local script=$1 tag=$2 noun=$3 prefix=$4 status=0 ver oc work vh start item
  shift 4
  for ver in "$@"; do
    oc=$bindir/openclaw-$ver
    if [ ! -x "$oc" ]; then
      echo "skip $ver: $oc not found" >&2
      status=1
      continue
    fi
    work=$(mktemp -d "${TMPDIR:-/tmp}/$tag-$ver.XXXXXX")
    vh=$(mktemp -d "${TMPDIR:-/tmp}/$tag.XXXXXX")
    (cd "$vh" && env -i HOME="$vh" PATH=/usr/bin:/bin "$oc" --version </dev/null 2>/dev/null | tail -n 1) >"$work/openclaw-version"
    rm -rf "$vh"
    echo "== $ver ($(cat "$work/openclaw-version")): ${#selected[@]} $noun, $jobs at a time" >&2
    start=$(date +%s)
    for item in "${selected[@]}"; do printf '%s\0' "$item"; done |
      xargs -0 -P "$jobs" -I{} bash "$script" --one "$oc" "$ver" "$prefix{}" "$work/{}" || status=1
    echo "   done in $(($(date +%s) - start))s" >&2
    rm -rf "$work"
  done
  return $status
}
