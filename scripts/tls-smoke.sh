#!/usr/bin/env bash
# Remote smoke over TLS on 127.0.0.1: `sigload serve --tls` (self-signed certificate made at
# start, PEM written for caFile:), then a 300-participant http run (8 in flight) against it trusting that file,
# pooled and per-participant connections; every token must validate and the tls phase must be
# reported. Bounded: the server stops by itself after 120 s.
#   scripts/tls-smoke.sh [OUTDIR=target/smoke/tls]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/smoke/tls}
mkdir -p "$out"
./sigload serve --tls --port 0 --demo-credentials --cert-out "$out/serve.pem" --stop-after 120s \
  > "$out/serve.txt" 2> "$out/serve.err" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
url=""
for _ in $(seq 600); do   # up to 120 s: a first start may train the jar's AOT cache
  url=$(grep -m1 -o 'https://[^ ]*' "$out/serve.txt" 2>/dev/null || true); [[ -n $url ]] && break
  kill -0 $pid 2>/dev/null || break; sleep 0.2
done
[[ -n $url ]] || { echo "serve --tls did not start:"; cat "$out/serve.err"; exit 1; }
grep -o 'SHA-256 fingerprint [0-9A-F:]*' "$out/serve.err"
for conn in pooled per-participant; do
  cat > "$out/$conn.yaml" <<YAML
participants: 300
meeting: {hosts: 0}
credentials: {demoSecret: true}
signer: {type: http, url: "$url", mintedOn: server, caFile: serve.pem, connections: $conn,
         connectTimeout: 10s, readTimeout: 10s}
time: {mode: wall}
load: {model: burst, maxInFlight: 8}
YAML
  ./sigload run "$out/$conn.yaml" --json "$out/$conn.json" > "$out/$conn.txt"
  python3 - "$out/$conn.json" "$conn" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); conn = sys.argv[2]
assert r['valid'] == 300, (r['byReason'], r['mintErrors'], r['mintErrorExamples'])
tls = r['latencyMicros'].get('tls')
assert tls and tls['count'] >= 1, r['latencyMicros'].keys()
if conn == 'per-participant':
    assert tls['count'] >= 300, tls
print(f"tls smoke ({conn}): 300 of 300 valid over https, {tls['count']} TLS handshakes, p50 {tls['p50']:.0f} µs")
PY
done
