# shellcheck shell=bash
# run_to SECS OUTFILE ERRFILE CMD... : run CMD (stdin </dev/null); if it is still running after SECS, kill it
# AND all of its descendants. Needed because the openclaw CLI respawns itself into a child process
# ("openclaw-<command>") that starts its own session, so killing the wrapper or its process group leaves
# the child running. Sets RUN_TO_RC to the exit code, or to "timeout".
_run_to_descendants() {
  local c
  for c in $(ps -eo pid=,ppid= | awk -v p="$1" '$2 == p { print $1 }'); do echo "$c"; _run_to_descendants "$c"; done
}
run_to() {
  local secs=$1 outf=$2 errf=$3; shift 3
  "$@" </dev/null >"$outf" 2>"$errf" &
  local pid=$! ticks=0 seen=""
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$ticks" -ge $((secs * 5)) ]; then
      seen="$seen $(_run_to_descendants "$pid")"
      # shellcheck disable=SC2086
      kill -9 "$pid" $seen 2>/dev/null
      wait "$pid" 2>/dev/null
      RUN_TO_RC=timeout
      return 0
    fi
    # remember descendants while they are still attached (a detached child is re-parented to init)
    [ $((ticks % 5)) -eq 0 ] && seen="$seen $(_run_to_descendants "$pid")"
    sleep 0.2; ticks=$((ticks + 1))
  done
  wait "$pid"; RUN_TO_RC=$?
  return 0
}
