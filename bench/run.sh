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
fixable=tests/fixtures/fix/05-three-duplicates.json5
hyperfine -N -i --warmup 30 --runs "$runs_seed" --export-json "$out/seed.json" "$bin doctor $seed" >/dev/null
# The same without the capability matrix's rules (no schema is loaded or compiled).
matrix_rules=schema-invalid,key-unknown,key-requires-newer,key-removed,key-migrated-on-load,value-changed,config-from-future,matrix-stale
hyperfine -N -i --warmup 30 --runs "$runs_seed" --export-json "$out/seed-no-schema.json" \
  "$bin doctor --ignore $matrix_rules $seed" >/dev/null
# Upgrade preview: a config valid for 2026.7.1 checked against 2026.9.6 (3 findings, each
# classified against all 11 releases).
upgrade=tests/fixtures/upgrade/valid-2026.7.1.json5
hyperfine -N --warmup 30 --runs "$runs_seed" -i --export-json "$out/upgrade.json" \
  "$bin doctor --target 2026.9.6 $upgrade" >/dev/null
hyperfine -N --warmup 30 --runs "$runs_seed" -i --export-json "$out/seed-fix-diff.json" \
  "$bin doctor --fix --diff $seed" >/dev/null
hyperfine -N --warmup 30 --runs "$runs_seed" -i --export-json "$out/fix-diff.json" \
  "$bin doctor --fix --diff $fixable" >/dev/null
# A big config (3,000 members, ~220 KB) fixed and written for real: temp file, fsync, backup
# ring, rename. Each run starts from a fresh copy.
python3 - "$out/big.json5" <<'PY'
import sys
s = "{\n  // big config\n  gateway: { mode: \"remote\" },\n  gateway: { mode: \"local\" },\n  skills: {\n    entries: {\n"
for i in range(3000):
    s += '      "skill-%05d": { enabled: true, env: { NOTE: "%s" } }, // #%d\n' % (i, "x" * 20, i)
s += "    },\n  },\n}\n"
open(sys.argv[1], "w").write(s)
PY
hyperfine -N -i --warmup 3 --runs "$runs_fleet" --prepare "cp $out/big.json5 $out/big-work.json5" \
  --export-json "$out/big-fix.json" "$bin doctor --fix --yes $out/big-work.json5" >/dev/null
hyperfine --warmup 2 --runs "$runs_fleet" --export-json "$out/fleet.json" \
  "$bin doctor --exit-zero --format concise $out/fleet" >/dev/null

# Every release with data judges the seed (issue 19: ≤ 100 ms).
hyperfine -N -i --warmup 10 --runs "$runs_seed" --export-json "$out/compat.json" "$bin compat $seed" >/dev/null

rss() { { /usr/bin/time -f %M "$@" 2>&1 >/dev/null || true; } | tail -1; }
compat_rss=$(rss "$bin" compat "$seed")
seed_rss=$(rss "$bin" doctor "$seed")
upgrade_rss=$(rss "$bin" doctor --target 2026.9.6 "$upgrade")
fixdiff_rss=$(rss "$bin" doctor --fix --diff "$fixable")
cp "$out/big.json5" "$out/big-work.json5"
big_rss=$(rss "$bin" doctor --fix --yes "$out/big-work.json5")
fleet_rss=$(rss "$bin" doctor --exit-zero --format concise "$out/fleet")
findings=$("$bin" doctor --exit-zero --format concise "$out/fleet" | wc -l)

releases=$("$bin" versions --format json | python3 -c 'import json,sys; print(sum(1 for v in json.load(sys.stdin) if v.get("data")))')
python3 - "$out" "$seed_rss" "$fleet_rss" "$findings" "$fixdiff_rss" "$big_rss" "$upgrade_rss" "$compat_rss" "$releases" \
  "$(stat -c %s "$bin")" "$(stat -c %s schemas/matrix.pack)" <<'PY'
import json, sys
out, seed_rss, fleet_rss, findings = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
fixdiff_rss, big_rss, upgrade_rss = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
compat_rss, releases, binary, pack = int(sys.argv[8]), sys.argv[9], int(sys.argv[10]), int(sys.argv[11])
def stats(name):
    r = json.load(open(f"{out}/{name}.json"))["results"][0]
    return r["median"] * 1000, r["mean"] * 1000, r["min"] * 1000, len(r["times"])
s = stats("seed"); ns = stats("seed-no-schema"); u = stats("upgrade"); f = stats("fleet"); sd = stats("seed-fix-diff"); fd = stats("fix-diff"); b = stats("big-fix")
print("| benchmark | median | mean | min | runs | peak RSS |")
print("|---|---|---|---|---|---|")
print(f"| `clawlint doctor examples/seed/openclaw.json` (schema validation on, target 2026.9.6) | {s[0]:.2f} ms | {s[1]:.2f} ms | {s[2]:.2f} ms | {s[3]} | {seed_rss/1024:.1f} MB |")
print(f"| the same, matrix rules off (no schema loaded) | {ns[0]:.2f} ms | {ns[1]:.2f} ms | {ns[2]:.2f} ms | {ns[3]} | – |")
print(f"| upgrade preview: `clawlint doctor --target 2026.9.6` on a 2026.7.1 config | {u[0]:.2f} ms | {u[1]:.2f} ms | {u[2]:.2f} ms | {u[3]} | {upgrade_rss/1024:.1f} MB |")
print(f"| `clawlint doctor --fix --diff examples/seed/openclaw.json` | {sd[0]:.2f} ms | {sd[1]:.2f} ms | {sd[2]:.2f} ms | {sd[3]} | – |")
print(f"| `clawlint doctor --fix --diff` on a commented config with 3 fixes | {fd[0]:.2f} ms | {fd[1]:.2f} ms | {fd[2]:.2f} ms | {fd[3]} | {fixdiff_rss/1024:.1f} MB |")
print(f"| `clawlint doctor --fix --yes` on a 220 KB config (write, fsync, backup) | {b[0]:.1f} ms | {b[1]:.1f} ms | {b[2]:.1f} ms | {b[3]} | {big_rss/1024:.1f} MB |")
c = stats("compat")
print(f"| `clawlint compat examples/seed/openclaw.json` (every release with data: {releases}) | {c[0]:.2f} ms | {c[1]:.2f} ms | {c[2]:.2f} ms | {c[3]} | {compat_rss/1024:.1f} MB |")
print(f"| fleet: 1,000 configs in one `clawlint doctor DIR` ({findings} findings) | {f[0]:.0f} ms | {f[1]:.0f} ms | {f[2]:.0f} ms | {f[3]} | {fleet_rss/1024:.1f} MB |")
print()
print(f"Budgets (issue 19): binary {binary/1e6:.1f} MB (≤ 30), schema pack {pack/1e6:.2f} MB (≤ 8), "
      f"peak RSS {max(seed_rss, upgrade_rss, compat_rss)/1024:.1f} MB (≤ 60) with {releases} releases' data")
PY
