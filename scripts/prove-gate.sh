#!/usr/bin/env bash
# Proves `sigload gate` on this machine: runs the gate TRIALS times on the same build twice (A/A:
# every exit 1 is a false alarm) and TRIALS times on the build against a deliberately slowed
# copy (A/slowed: every exit 1 is a detection), then prints both rates and the measured slowdown.
#
# The slowed build is the same jar plus the resource io/sigload/bench/slowdown.properties
# (extraHmacs=N, extraBlocks=M): SignerBench's benchmark-only wrapper then computes N extra HMAC-SHA256s
# and M extra SHA-256 compressions per token.
# The real signers are untouched; the shipped jar has no such resource.
#
# Usage: scripts/prove-gate.sh [TRIALS]            (default 5)
# Environment (defaults in brackets):
#   SIGNER [fast]  EXTRA_HMACS [0]  EXTRA_BLOCKS [3] (SHA-256 compressions, ~55 ns each: +35..+40% of fast here;
#   SIGNER=java-jwt EXTRA_HMACS=2 EXTRA_BLOCKS=0 is ~+30% of java-jwt)  ROUNDS [8] (interleaved ABBA rounds per gate call)
#   FORKS [1] WARMUP_ITERATIONS [5] WARMUP_TIME [300ms] ITERATIONS [10] TIME [200ms]  (per round: short rounds,
#   so a busy stretch of the machine falls on both sides)
#   ESTIMATOR [min]  SIDES ["aa ab"] (which comparisons to run: "ab" measures detections only)
#   THRESHOLD [10%]  JAR [target/sigload.jar]  JAVA [/usr/lib/jvm/temurin-25-jdk-amd64/bin/java]  WORK [a new temp dir]
# The issue's target is 20 trials each: no false alarm in 20 A/A, detection in >= 19 of 20.
set -euo pipefail

TRIALS=${1:-5}
SIGNER=${SIGNER:-fast}
EXTRA_HMACS=${EXTRA_HMACS:-0}
EXTRA_BLOCKS=${EXTRA_BLOCKS:-3}
ROUNDS=${ROUNDS:-8}
FORKS=${FORKS:-1}
WARMUP_ITERATIONS=${WARMUP_ITERATIONS:-5}
WARMUP_TIME=${WARMUP_TIME:-300ms}
ITERATIONS=${ITERATIONS:-10}
TIME=${TIME:-200ms}
ESTIMATOR=${ESTIMATOR:-min}
SIDES=${SIDES:-aa ab}
THRESHOLD=${THRESHOLD:-10%}
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR_TOOL=${JAR_TOOL:-$(dirname "$JAVA")/jar}

cd "$(dirname "$0")/.."
JAR=${JAR:-target/sigload.jar}
if [[ ! -f $JAR ]]; then
    mvn -B -q package -DskipTests
fi
WORK=${WORK:-$(mktemp -d -t sigload-prove-gate-XXXXXX)}
mkdir -p "$WORK/res/io/sigload/bench"
cp "$JAR" "$WORK/a.jar"
cp "$JAR" "$WORK/slowed.jar"
printf 'extraHmacs=%s\nextraBlocks=%s\n' "$EXTRA_HMACS" "$EXTRA_BLOCKS" > "$WORK/res/io/sigload/bench/slowdown.properties"
(cd "$WORK/res" && "$JAR_TOOL" uf "$WORK/slowed.jar" io/sigload/bench/slowdown.properties)

gate() { # $1 = label, $2 = current jar; prints the gate's exit code
    local dir="$WORK/$1"
    mkdir -p "$dir"
    set +e
    "$JAVA" --sun-misc-unsafe-memory-access=allow -jar "$WORK/a.jar" gate --interleave \
        --baseline-jar "$WORK/a.jar" --current-jar "$2" --rounds "$ROUNDS" --work-dir "$dir" \
        --include 'SignerBench' --threshold "$THRESHOLD" --estimator "$ESTIMATOR" \
        --bench-arg=--signers="$SIGNER" --bench-arg=--no-floor \
        --bench-arg=--forks="$FORKS" --bench-arg=--warmup-iterations="$WARMUP_ITERATIONS" \
        --bench-arg=--warmup-time="$WARMUP_TIME" --bench-arg=--iterations="$ITERATIONS" \
        --bench-arg=--time="$TIME" >"$dir/gate.txt" 2>"$dir/gate.err"
    local rc=$?
    set -e
    echo "$rc"
}

changes() { # the time row's change and interval from a gate report
    grep -E "SignerBench.sign .* time " "$1" | awk '{for (i=1;i<=NF;i++) if ($i ~ /%/) printf "%s ", $i; print ""}'
}

echo "prove-gate: $TRIALS trials each, signer $SIGNER, slowed = +$EXTRA_HMACS HMAC +$EXTRA_BLOCKS SHA-256 blocks/token, $ROUNDS interleaved rounds of" \
     "-f $FORKS -wi $WARMUP_ITERATIONS -w $WARMUP_TIME -i $ITERATIONS -r $TIME, threshold $THRESHOLD, estimator $ESTIMATOR; work dir $WORK"
false_alarms=0; detections=0; bad=0; n_aa=0; n_ab=0
for t in $(seq 1 "$TRIALS"); do
    line="trial $t:"
    if [[ " $SIDES " == *" aa "* ]]; then
        rc_aa=$(gate "aa-$t" "$WORK/a.jar"); n_aa=$((n_aa + 1))
        [[ $rc_aa == 1 ]] && false_alarms=$((false_alarms + 1))
        [[ $rc_aa -ge 2 ]] && bad=$((bad + 1))
        line+=" A/A exit $rc_aa  change/CI: $(changes "$WORK/aa-$t/gate.txt")|"
    fi
    if [[ " $SIDES " == *" ab "* ]]; then
        rc_ab=$(gate "ab-$t" "$WORK/slowed.jar"); n_ab=$((n_ab + 1))
        [[ $rc_ab == 1 ]] && detections=$((detections + 1))
        [[ $rc_ab -ge 2 ]] && bad=$((bad + 1))
        line+=" A/slowed exit $rc_ab  change/CI: $(changes "$WORK/ab-$t/gate.txt")"
    fi
    echo "$line"
done
[[ $n_aa -gt 0 ]] && echo "false alarms (A/A exit 1): $false_alarms of $n_aa"
[[ $n_ab -gt 0 ]] && echo "detections (A/slowed exit 1): $detections of $n_ab"
if [[ $bad -gt 0 ]]; then
    echo "WARNING: $bad trial(s) had a gate error (exit 2 or worse): see $WORK/*/gate.err" >&2
    exit 2
fi
