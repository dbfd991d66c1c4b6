#!/usr/bin/env bash
# Requests per second against `sigload serve` on loopback: hey (Debian package) and sigload's http
# signer with each HTTP client (validating every token), at the same concurrency, interleaved in
# one run (hey, client 1, client 2, ..., then again) so the machine's noise hits all alike.
# Each sigload run first sends WARMUP requests off the record (JIT, connections; reported as the
# warm-up phase, in no other figure). Prints each round, then per client min/median/max of the
# ratio sigload/hey (same round) and the CPU per request (user + system from /usr/bin/time;
# sigload's without its JVM start and warm-up: a 1-participant run with the same warm-up is
# subtracted). Before round 1 the server gets one untimed hey pass, so no client meets a cold
# server.
#   scripts/compare-hey.sh [CONCURRENCY=64] [REQUESTS=50000] [ROUNDS=5]
#   CLIENTS="netty helidon okhttp"  WARMUP=5000  SIGLOAD_JAVA_OPTS=... (sigload's JVM, not the server's)
#   TLS=1: the same over https against `serve --tls` (sigload trusts its certificate through caFile:,
#   hey does not verify certificates); CLIENTS defaults to "netty okhttp" then (helidon takes no caFile)
set -euo pipefail
cd "$(dirname "$0")/.."
c=${1:-64}; n=${2:-50000}; rounds=${3:-5}
tls=${TLS:-}
clients=${CLIENTS:-$([ -n "$tls" ] && echo "netty okhttp" || echo "netty helidon okhttp")}; warmup=${WARMUP:-5000}
command -v hey >/dev/null || { echo "hey is not installed: apt-get install hey" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is not installed: apt-get install time" >&2; exit 2; }
./sigload --version >/dev/null 2>&1   # builds the jar if needed
out=$(mktemp -d)
SIGLOAD_JAVA_OPTS= ./sigload serve --port 0 --demo-credentials ${tls:+--tls --cert-out "$out/serve.pem"} \
  > "$out/serve.txt" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 300); do url=$(grep -m1 -o 'https\?://[^ ]*' "$out/serve.txt" 2>/dev/null || true); [[ $url == http* ]] && break; sleep 0.2; done
echo "endpoint $url, concurrency $c, $n requests per round, warm-up $warmup, load $(cut -d' ' -f1-3 /proc/loadavg)"
scenario() { # $1 participants, $2 client
  cat <<YAML
participants: $1
meeting: {hosts: 0}
credentials: {demoSecret: true}
signer: {type: http, url: "$url", mintedOn: server, client: $2, warmup: $warmup${tls:+, caFile: "$out/serve.pem"}}
time: {mode: wall}
load: {model: burst, maxInFlight: $c}
YAML
}
body='{"meetingNumber":"85746065432","role":0,"expirationSeconds":7200}'
cpu() { awk '{printf "%.3f", $1 + $2}' "$1"; } # user + sys seconds from /usr/bin/time -f "%U %S"
hey -n "$n" -c "$c" -m POST -T application/json -d "$body" "$url" > /dev/null   # server warm-up, untimed
declare -A fixed
for cl in $clients; do
  scenario "$n" "$cl" > "$out/$cl.yaml"; scenario 1 "$cl" > "$out/$cl-one.yaml"
  /usr/bin/time -o "$out/t1" -f "%U %S" ./sigload run "$out/$cl-one.yaml" > /dev/null
  fixed[$cl]=$(cpu "$out/t1")
  echo "$cl: JVM start + $warmup warm-up requests + 1 participant: ${fixed[$cl]} s CPU"
done
: > "$out/rows"
for r in $(seq "$rounds"); do
  h=$(/usr/bin/time -o "$out/th" -f "%U %S" hey -n "$n" -c "$c" -m POST -T application/json -d "$body" "$url" \
      | awk '/Requests\/sec/ {print $2}')
  hus=$(python3 -c "print(round($(cpu "$out/th") * 1e6 / $n, 1))")
  line="round $r: hey $h req/s ($hus µs CPU/req)"
  for cl in $clients; do
    /usr/bin/time -o "$out/ts" -f "%U %S" ./sigload run "$out/$cl.yaml" --json "$out/r.json" > /dev/null
    read -r s warm < <(python3 -c "
import json; r=json.load(open('$out/r.json')); assert r['valid']==$n, (r['byReason'], r['mintErrors'])
w=r['latencyMicros'].get('warmup', {}); print(round(r['throughputPerSec'],1), w.get('p50', 0))")
    sus=$(python3 -c "print(round(max(0, $(cpu "$out/ts") - ${fixed[$cl]}) * 1e6 / $n, 1))")
    ratio=$(python3 -c "print(round($s/$h, 3))")
    echo "$cl $ratio $sus $hus" >> "$out/rows"
    line="$line; $cl $s/s ratio $ratio ($sus µs CPU/req, warm-up p50 ${warm} µs)"
  done
  echo "$line"
done
python3 - "$out/rows" <<'PY'
import sys, statistics as s, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    cl, ratio, sus, hus = line.split(); rows[cl].append((float(ratio), float(sus), float(hus)))
print("client    ratio sigload/hey min/median/max    CPU µs/req sigload (median)   hey (median)")
for cl, v in rows.items():
    r = [x[0] for x in v]; sc = [x[1] for x in v]; hc = [x[2] for x in v]
    print(f"{cl:8s}  {min(r):.3f} / {s.median(r):.3f} / {max(r):.3f}  ({len(r)} rounds)    {s.median(sc):7.1f}              {s.median(hc):7.1f}")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
