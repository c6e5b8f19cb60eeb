#!/usr/bin/env bash
# Fuzz clawlint's whole pipeline for SECONDS (default 180) with libFuzzer, on the stable
# toolchain: the coverage instrumentation cargo-fuzz would add, given as -C flags.
#
#   fuzz/run.sh [SECONDS] [extra libFuzzer flags…]
#
# Starts from the committed corpus (fuzz/corpus/pipeline) and adds what it finds to
# fuzz/corpus/new (not committed; copy what is worth keeping). A crash is saved as
# fuzz/artifacts/crash-… and fails the run; `cargo test` replays every file of the committed
# corpus through the same checks (tests/it/fuzz_corpus.rs).
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-180}"
shift || true
export RUSTFLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
# An explicit --target keeps the instrumentation off build scripts and proc macros.
host="$(rustc -vV | sed -n 's/^host: //p')"
cargo build --release --locked --bin pipeline --target "$host"
mkdir -p corpus/new artifacts
"$CARGO_TARGET_DIR/$host/release/pipeline" corpus/new corpus/pipeline \
  -max_total_time="$secs" -timeout=20 -rss_limit_mb=4096 -max_len=65536 \
  -artifact_prefix=artifacts/ -print_final_stats=1 "$@"
