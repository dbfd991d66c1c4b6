#!/usr/bin/env bash
# Smoke check of `sigload bench` and `sigload gate` from the shaded jar (forked JMH JVMs need the
# jar on the class path, so this cannot be a unit test): every benchmark runs once (profile
# smoke, numbers meaningless), the table prints, the JSON gates against itself (exit 0), and a
# truncated copy is refused (exit 2). About a minute on a quiet 2-core machine.
# Usage: scripts/bench-smoke.sh [OUT_DIR]   (default target/smoke)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/smoke}
mkdir -p "$out"

./sigload bench --profile smoke --quiet --json "$out/bench.json" | tee "$out/bench-table.txt"
./sigload gate --baseline "$out/bench.json" --current "$out/bench.json" --markdown "$out/gate.md" >"$out/gate-aa.txt"
head -c 2000 "$out/bench.json" > "$out/truncated.json"
set +e
./sigload gate --baseline "$out/bench.json" --current "$out/truncated.json" >/dev/null 2>"$out/gate-truncated.err"
rc=$?
set -e
if [[ $rc != 2 ]]; then
    echo "bench-smoke: a truncated result should exit 2, got $rc" >&2
    exit 1
fi
echo "bench-smoke: ok (bench ran $(grep -c '"benchmark"' "$out/bench.json") results; gate A/A passed; truncated input refused)"
