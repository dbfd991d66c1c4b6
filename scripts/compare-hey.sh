#!/usr/bin/env bash
# Requests per second against `sigload serve` on loopback: sigload (http signer, validating every
# token) vs hey (Debian package) at the same concurrency, interleaved in one run so the machine's
# noise hits both alike. Prints each round, the ratio sigload/hey (whole-run throughput as
# sigload reports it, cold JVM each round) and each client's CPU per request (user + system,
# from /usr/bin/time; sigload's includes its JVM start, shown separately as a 1-participant run).
# Before round 1 the server gets one untimed hey pass of REQUESTS, so neither client meets a cold
# server.
#   scripts/compare-hey.sh [CONCURRENCY=64] [REQUESTS=20000] [ROUNDS=3]
#   SIGLOAD_JAVA_OPTS=...  passed to sigload's JVM (not to the server)
set -euo pipefail
cd "$(dirname "$0")/.."
c=${1:-64}; n=${2:-20000}; rounds=${3:-3}
command -v hey >/dev/null || { echo "hey is not installed: apt-get install hey" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is not installed: apt-get install time" >&2; exit 2; }
./sigload --version >/dev/null   # builds the jar if needed
out=$(mktemp -d)
SIGLOAD_JAVA_OPTS= ./sigload serve --port 0 --demo-credentials > "$out/serve.txt" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 50); do url=$(head -n 1 "$out/serve.txt" 2>/dev/null || true); [[ $url == http* ]] && break; sleep 0.2; done
echo "endpoint $url, concurrency $c, $n requests per round"
scenario() { # $1 participants
  cat <<YAML
participants: $1
meeting: {hosts: 0}
credentials: {demoSecret: true}
signer: {type: http, url: "$url", mintedOn: server}
time: {mode: wall}
load: {model: burst, maxInFlight: $c}
YAML
}
scenario "$n" > "$out/s.yaml"
scenario 1 > "$out/one.yaml"
body='{"meetingNumber":"85746065432","role":0,"expirationSeconds":7200}'
cpu() { awk '{printf "%.2f", $1 + $2}' "$1"; } # user + sys seconds from /usr/bin/time -f "%U %S"
hey -n "$n" -c "$c" -m POST -T application/json -d "$body" "$url" > /dev/null   # server warm-up, untimed
/usr/bin/time -o "$out/t1" -f "%U %S" ./sigload run "$out/one.yaml" > /dev/null
fixed=$(cpu "$out/t1")
echo "sigload JVM start + 1 request: ${fixed} s CPU"
ratios=(); scpus=(); hcpus=()
for r in $(seq "$rounds"); do
  h=$(/usr/bin/time -o "$out/th" -f "%U %S" hey -n "$n" -c "$c" -m POST -T application/json -d "$body" "$url" \
      | awk '/Requests\/sec/ {print $2}')
  /usr/bin/time -o "$out/ts" -f "%U %S" ./sigload run "$out/s.yaml" --json "$out/r.json" > /dev/null
  s=$(python3 -c "import json; r=json.load(open('$out/r.json')); print(round(r['throughputPerSec'],1)); assert r['valid']==$n, r['byReason']")
  ratio=$(python3 -c "print(round($s/$h, 3))")
  hus=$(python3 -c "print(round($(cpu "$out/th") * 1e6 / $n))")
  sus=$(python3 -c "print(round($(cpu "$out/ts") * 1e6 / $n))")
  sws=$(python3 -c "print(round(max(0, $(cpu "$out/ts") - $fixed) * 1e6 / $n))")
  ratios+=("$ratio"); scpus+=("$sws"); hcpus+=("$hus")
  echo "round $r: hey $h req/s ($hus µs CPU/req), sigload $s participants/s (all $n tokens validated;" \
       "$sus µs CPU/req, $sws without JVM start), ratio $ratio"
done
python3 -c "
import statistics as s; r=[float(x) for x in '${ratios[*]}'.split()]
sc=[float(x) for x in '${scpus[*]}'.split()]; hc=[float(x) for x in '${hcpus[*]}'.split()]
print('ratio sigload/hey: median %.3f, min %.3f, max %.3f over %d rounds' % (s.median(r), min(r), max(r), len(r)))
print('client CPU per request (median): sigload %.0f µs without JVM start, hey %.0f µs' % (s.median(sc), s.median(hc)))"
