#!/usr/bin/env bash
# Remote smoke over TLS on 127.0.0.1: `sigload serve --tls` (self-signed certificate made at
# start, PEM written for caFile:), then http runs (8 in flight) against it trusting that file,
# pooled and per-participant connections, over HTTP/1.1 and HTTP/2 (`serve --http2`: h2 chosen by
# ALPN, protocol: h2); every token must validate, the tls phase must be reported, and the h2 runs
# must say they spoke HTTP/2. Bounded: the server stops by itself after 120 s.
#   scripts/tls-smoke.sh [OUTDIR=target/smoke/tls]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/smoke/tls}
mkdir -p "$out"
./sigload serve --tls --http2 --port 0 --demo-credentials --cert-out "$out/serve.pem" --stop-after 120s \
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
# connections:protocol:participants (per-participant h2 is kept small: a handshake each on a shared 2-core machine)
for run in pooled:http1:300 per-participant:http1:300 pooled:h2:300 per-participant:h2:30; do
  IFS=: read -r conn protocol n <<< "$run"; name=$conn-$protocol
  cat > "$out/$name.yaml" <<YAML
participants: $n
meeting: {hosts: 0}
credentials: {demoSecret: true}
signer: {type: http, url: "$url", mintedOn: server, caFile: serve.pem, connections: $conn,
         protocol: $protocol,
         connectTimeout: 10s, readTimeout: 10s}
time: {mode: wall}
load: {model: burst, maxInFlight: 8}
YAML
  ./sigload run "$out/$name.yaml" --json "$out/$name.json" > "$out/$name.txt"
  python3 - "$out/$name.json" "$conn" "$protocol" "$n" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); conn = sys.argv[2]; protocol = sys.argv[3]; n = int(sys.argv[4])
assert r['valid'] == n, (r['byReason'], r['mintErrors'], r['mintErrorExamples'])
tls = r['latencyMicros'].get('tls')
assert tls and tls['count'] >= 1, r['latencyMicros'].keys()
if conn == 'per-participant':
    assert tls['count'] >= n, tls
if protocol == 'h2':
    assert 'HTTP/2 (h2 by ALPN)' in r['signer'], r['signer']
else:
    assert 'HTTP/2' not in r['signer'], r['signer']
if protocol == 'h2' and conn == 'pooled':
    assert tls['count'] <= 2, tls  # multiplexed: the warm-up's connection (and at most one more) carries every stream
print(f"tls smoke ({conn}, {protocol}): {n} of {n} valid over https, {tls['count']} TLS handshakes, p50 {tls['p50']:.0f} µs")
PY
done
