#!/usr/bin/env bash
# Proves `sigload gate` on load runs on this machine: TRIALS A/A comparisons (every exit 1 is a
# false alarm) and AB_TRIALS comparisons against a 2x slower endpoint (every exit 1 is a
# detection). Each comparison is RUNS runs a side of SCENARIO, interleaved (A B B A A B ...), gated
# as sets (--baseline x RUNS --current x RUNS): latency and throughput get a rank interval from
# the spread between runs. The slowdown is the scenario's own injected endpoint latency:
# SLOW_LATENCY instead of BASE_LATENCY (the bundled remote-endpoint scenario starts the endpoint).
#
# Usage: scripts/prove-gate-load.sh [TRIALS] [AB_TRIALS]     (default 20 10)
# Environment: RUNS [5]  SCENARIO [scenarios/remote-endpoint.yaml]  BASE_LATENCY [uniform:1ms..5ms]
#   SLOW_LATENCY [uniform:2ms..10ms]  JAR [target/sigload.jar]  JAVA [/usr/lib/jvm/temurin-25-jdk-amd64/bin/java]
#   RUN_ARGS [""] (more arguments for every run, e.g. "--participants 50 --set load.maxInFlight=8")
#   WORK [a new temp dir]  ONE_RUN [off] (on: also gate each A/A trial's first runs alone, 1 run a side)
set -euo pipefail
TRIALS=${1:-20}
AB_TRIALS=${2:-10}
RUNS=${RUNS:-5}
SCENARIO=${SCENARIO:-scenarios/remote-endpoint.yaml}
BASE_LATENCY=${BASE_LATENCY:-uniform:1ms..5ms}
SLOW_LATENCY=${SLOW_LATENCY:-uniform:2ms..10ms}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
cd "$(dirname "$0")/.."
JAR=${JAR:-target/sigload.jar}
[[ -f $JAR ]] || mvn -B -q package -DskipTests
WORK=${WORK:-$(mktemp -d -t sigload-prove-gate-load-XXXXXX)}
mkdir -p "$WORK"
sigload() { SIGLOAD_PROGRESS=off "$JAVA" --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED -jar "$JAR" "$@"; }

one_run() { # $1 = json file, $2 = endpoint latency
    set +e
    # shellcheck disable=SC2086
    sigload run "$SCENARIO" --set "endpoint.latency=$2" ${RUN_ARGS:-} --json "$1" >/dev/null 2>&1
    local rc=$?
    set -e
    if [[ $rc -gt 1 ]]; then echo "prove-gate-load: run failed (exit $rc): $1" >&2; exit 2; fi
}

compare() { # $1 = dir, $2 = current side's latency; prints the gate's exit code
    local dir=$1 a=() b=()
    mkdir -p "$dir"
    for r in $(seq 1 "$RUNS"); do
        if (( r % 2 == 1 )); then
            one_run "$dir/a$r.json" "$BASE_LATENCY"; one_run "$dir/b$r.json" "$2"
        else
            one_run "$dir/b$r.json" "$2"; one_run "$dir/a$r.json" "$BASE_LATENCY"
        fi
        a+=(--baseline "$dir/a$r.json"); b+=(--current "$dir/b$r.json")
    done
    set +e
    sigload gate "${a[@]}" "${b[@]}" >"$dir/gate.txt" 2>"$dir/gate.err"
    local rc=$?
    if [[ ${ONE_RUN:-off} == on ]]; then
        sigload gate --baseline "$dir/a1.json" --current "$dir/b1.json" >"$dir/gate-one-run.txt" 2>&1
        echo "$?" >"$dir/gate-one-run.rc"
    fi
    set -e
    echo "$rc"
}

row() { # the sign p99 and throughput rows of a gate report: change and interval
    grep -E '^latency sign p99 |^throughput ' "$1" | awk '{printf "%s %s %s %s | ", $1, $2, $(NF-2), $(NF-1)}'
}

echo "prove-gate-load: $TRIALS A/A and $AB_TRIALS A/slowed comparisons of $RUNS interleaved runs a side of $SCENARIO;" \
     "endpoint latency $BASE_LATENCY, slowed $SLOW_LATENCY; work dir $WORK"
fa=0; det=0; one_fa=0
for t in $(seq 1 "$TRIALS"); do
    rc=$(compare "$WORK/aa-$t" "$BASE_LATENCY")
    [[ $rc == 1 ]] && fa=$((fa + 1))
    [[ $rc -ge 2 ]] && { echo "gate error, see $WORK/aa-$t/gate.err" >&2; exit 2; }
    extra=""
    if [[ ${ONE_RUN:-off} == on ]]; then
        orc=$(cat "$WORK/aa-$t/gate-one-run.rc"); [[ $orc == 1 ]] && one_fa=$((one_fa + 1)); extra=" (1 run a side: exit $orc)"
    fi
    echo "A/A $t: exit $rc$extra  $(row "$WORK/aa-$t/gate.txt")"
done
for t in $(seq 1 "$AB_TRIALS"); do
    rc=$(compare "$WORK/ab-$t" "$SLOW_LATENCY")
    [[ $rc == 1 ]] && det=$((det + 1))
    [[ $rc -ge 2 ]] && { echo "gate error, see $WORK/ab-$t/gate.err" >&2; exit 2; }
    echo "A/slowed $t: exit $rc  $(row "$WORK/ab-$t/gate.txt")"
done
echo "false alarms (A/A exit 1): $fa of $TRIALS"
[[ ${ONE_RUN:-off} == on ]] && echo "false alarms with 1 run a side: $one_fa of $TRIALS"
echo "detections of the 2x slower endpoint (exit 1): $det of $AB_TRIALS"
