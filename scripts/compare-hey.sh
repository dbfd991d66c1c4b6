#!/usr/bin/env bash
# Requests per second against `sigload serve` on loopback: sigload (http signer, validating every
# token) vs hey (Debian package) at the same concurrency, interleaved in one run so the machine's
# noise hits both alike. Prints each round and the ratio sigload/hey.
#   scripts/compare-hey.sh [CONCURRENCY=64] [REQUESTS=20000] [ROUNDS=3]
set -euo pipefail
cd "$(dirname "$0")/.."
c=${1:-64}; n=${2:-20000}; rounds=${3:-3}
command -v hey >/dev/null || { echo "hey is not installed: apt-get install hey" >&2; exit 2; }
./sigload --version >/dev/null   # builds the jar if needed
out=$(mktemp -d)
./sigload serve --port 0 --demo-credentials > "$out/serve.txt" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$out"' EXIT
for _ in $(seq 50); do url=$(head -n 1 "$out/serve.txt" 2>/dev/null || true); [[ $url == http* ]] && break; sleep 0.2; done
echo "endpoint $url, concurrency $c, $n requests per round"
cat > "$out/s.yaml" <<YAML
participants: $n
meeting: {hosts: 0}
credentials: {demoSecret: true}
signer: {type: http, url: "$url", mintedOn: server}
time: {mode: wall}
load: {model: burst, maxInFlight: $c}
YAML
body='{"meetingNumber":"85746065432","role":0,"expirationSeconds":7200}'
ratios=()
for r in $(seq "$rounds"); do
  h=$(hey -n "$n" -c "$c" -m POST -T application/json -d "$body" "$url" | awk '/Requests\/sec/ {print $2}')
  ./sigload run "$out/s.yaml" --json "$out/r.json" > /dev/null
  s=$(python3 -c "import json; r=json.load(open('$out/r.json')); print(round(r['throughputPerSec'],1)); assert r['valid']==$n, r['byReason']")
  ratio=$(python3 -c "print(round($s/$h, 3))")
  ratios+=("$ratio")
  echo "round $r: hey $h req/s, sigload $s participants/s (all $n tokens validated), ratio $ratio"
done
python3 -c "
import statistics as s; r=[float(x) for x in '${ratios[*]}'.split()]
print('ratio sigload/hey: median %.3f, min %.3f, max %.3f over %d rounds' % (s.median(r), min(r), max(r), len(r)))"
