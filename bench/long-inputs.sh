#!/usr/bin/env bash
# Growth on long and repetitive inputs (issue 16, item 4): each input at two sizes, 4× apart.
# Linear work shows as about 4× the time between the two rows of a pair; quadratic as 16×.
#   bench/long-inputs.sh [RUNS]     (default 5)
# Needs hyperfine (bench/run.sh installs it) and GNU time. Results go to bench/out/long/.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-5}"
if ! command -v hyperfine >/dev/null; then
  (apt-get update -qq && apt-get install -y -qq hyperfine) >/dev/null 2>&1 \
    || { echo "bench: cannot install hyperfine (apt-get install hyperfine)" >&2; exit 2; }
fi
cargo build --release --locked -q
bin=$PWD/target/release/clawlint
out=bench/out/long; rm -rf "$out"; mkdir -p "$out"

python3 - "$out" <<'PY'
import sys
out = sys.argv[1]
def write(name, text):
    open(f"{out}/{name}.json5", "w").write(text)
for n, tag in ((1 << 20, "1m"), (4 << 20, "4m")):
    write(f"key-{tag}", '{ gateway: { mode: "local" }, "%s": 1 }' % ("k" * n))
for n in (2500, 10000):
    agents = ",".join('{ id: "a%d", model: "openai/gpt-5.5" }' % i for i in range(n))
    write(f"agents-{n}", '{ gateway: { mode: "local" }, agents: { list: [%s] }, bogus: 1 }' % agents)
    write(f"fallbacks-{n}", '{ gateway: { mode: "local" }, agents: { defaults: { model: { primary: "openai/gpt-5.5", fallbacks: [%s] } } } }'
          % ",".join('"openai/gpt-5.5"' for _ in range(n)))
for n in (500, 2000):
    write(f"dups-{n}", "{\n" + '  gateway: { mode: "local" },\n' * n + "}\n")
PY

row() { # label, file, extra args
  local label=$1 file=$2; shift 2
  hyperfine -N -i --warmup 1 --runs "$runs" --export-json "$out/$label.json" \
    "$bin doctor --no-env --target 2026.9.6 $* $out/$file" >/dev/null
  local rss; rss=$({ /usr/bin/time -f %M "$bin" doctor --no-env --target 2026.9.6 "$@" "$out/$file" 2>&1 >/dev/null || true; } | tail -1)
  python3 - "$out/$label.json" "$label" "$(stat -c %s "$out/$file")" "$rss" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(f"| {sys.argv[2]} | {int(sys.argv[3]):,} B | {r['median'] * 1000:.0f} ms | {int(sys.argv[4]) / 1024:.1f} MB |")
PY
}
echo "| input | size | median | peak RSS |"
echo "|---|---|---|---|"
row "1 MB key" key-1m.json5
row "4 MB key" key-4m.json5
row "2,500 agents on one line" agents-2500.json5
row "10,000 agents on one line" agents-10000.json5
row "2,500 repeated fallbacks" fallbacks-2500.json5
row "10,000 repeated fallbacks" fallbacks-10000.json5
row "500 duplicate keys, --diff" dups-500.json5 --diff
row "2,000 duplicate keys, --diff" dups-2000.json5 --diff
