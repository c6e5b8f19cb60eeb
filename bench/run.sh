#!/usr/bin/env bash
# Whole-process benchmarks (hyperfine) and peak memory (GNU time) for README's table.
#   bench/run.sh          full run
#   bench/run.sh --quick  fewer runs (smoke test)
# Installs hyperfine from Debian's packages when missing. Results go to bench/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
runs_seed=300; runs_fleet=30
if [ "${1:-}" = "--quick" ]; then runs_seed=30; runs_fleet=5; fi

if ! command -v hyperfine >/dev/null; then
  (apt-get update -qq && apt-get install -y -qq hyperfine) >/dev/null 2>&1 \
    || { echo "bench: cannot install hyperfine (apt-get install hyperfine)" >&2; exit 2; }
fi
if [ ! -x /usr/bin/time ]; then (apt-get install -y -qq time >/dev/null 2>&1) || true; fi

cargo build --release --locked -q
bin=$PWD/target/release/clawlint
out=bench/out; rm -rf "$out"; mkdir -p "$out"
python3 bench/gen-fleet.py "$out/fleet" 1000

seed=examples/seed/openclaw.json
hyperfine -N --warmup 30 --runs "$runs_seed" --export-json "$out/seed.json" "$bin doctor $seed" >/dev/null
hyperfine --warmup 2 --runs "$runs_fleet" --export-json "$out/fleet.json" \
  "$bin doctor --exit-zero --format concise $out/fleet" >/dev/null

rss() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
seed_rss=$(rss "$bin" doctor "$seed")
fleet_rss=$(rss "$bin" doctor --exit-zero --format concise "$out/fleet")
findings=$("$bin" doctor --exit-zero --format concise "$out/fleet" | wc -l)

python3 - "$out" "$seed_rss" "$fleet_rss" "$findings" <<'PY'
import json, sys
out, seed_rss, fleet_rss, findings = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
def stats(name):
    r = json.load(open(f"{out}/{name}.json"))["results"][0]
    return r["median"] * 1000, r["mean"] * 1000, r["min"] * 1000, len(r["times"])
s = stats("seed"); f = stats("fleet")
print("| benchmark | median | mean | min | runs | peak RSS |")
print("|---|---|---|---|---|---|")
print(f"| `clawlint doctor examples/seed/openclaw.json` | {s[0]:.2f} ms | {s[1]:.2f} ms | {s[2]:.2f} ms | {s[3]} | {seed_rss/1024:.1f} MB |")
print(f"| fleet: 1,000 configs in one `clawlint doctor DIR` ({findings} findings) | {f[0]:.0f} ms | {f[1]:.0f} ms | {f[2]:.0f} ms | {f[3]} | {fleet_rss/1024:.1f} MB |")
PY
