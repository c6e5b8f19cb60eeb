#!/usr/bin/env bash
# Record the seed acceptance run: `clawlint doctor --fix --unsafe-fixes --yes --target 2026.9.6
# --no-env` on examples/seed/openclaw.json, then what the REAL OpenClaw 2026.9.6 says about the
# result (`openclaw config validate --json`, hermetic HOME). Writes:
#   tests/fixtures/seed/fixed-2026.9.6.json5      the fixed config
#   tests/fixtures/seed/validate-2026.9.6.json    the release's verdict (temp paths as ~)
# tests/it/seed.rs checks that clawlint still produces exactly this file.
# Usage: scripts/record-seed-acceptance.sh [OPENCLAW_LAUNCHER]   (default /work/oc/bin/openclaw-2026.9.6)
set -euo pipefail
cd "$(dirname "$0")/.."
oc=${1:-/work/oc/bin/openclaw-2026.9.6}
cargo build --release --quiet
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home/.openclaw"
cp examples/seed/openclaw.json "$tmp/home/.openclaw/openclaw.json"
./target/release/clawlint doctor --no-env --target 2026.9.6 --fix --unsafe-fixes --yes \
  "$tmp/home/.openclaw/openclaw.json" >/dev/null || true
cp "$tmp/home/.openclaw/openclaw.json" tests/fixtures/seed/fixed-2026.9.6.json5
set +e
out=$(env -i HOME="$tmp/home" PATH=/usr/bin:/bin "$oc" config validate --json 2>&1); rc=$?
set -e
printf '%s\n' "$out" | sed "s#$tmp/home#~#g" | python3 -c '
import json, sys
raw = sys.stdin.read()
v = json.loads(raw[raw.index("{"):])
v["exit_code"] = int(sys.argv[1]); v["openclaw"] = sys.argv[2]
print(json.dumps(v, indent=2))' "$rc" "$("$oc" --version 2>/dev/null | head -1)" > tests/fixtures/seed/validate-2026.9.6.json
cat tests/fixtures/seed/validate-2026.9.6.json
