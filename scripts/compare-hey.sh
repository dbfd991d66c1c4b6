#!/usr/bin/env bash
# Requests per second against `sigload serve` on loopback: hey (Debian package) and sigload's http
# signer with each HTTP client (validating every token), at the same concurrency, interleaved in
# one run (per round and per mode: hey, client 1, client 2, ..., then the next mode, then again;
# even rounds run the clients before the peer, so sides alternate) so the machine's noise hits all alike. Modes (MODES, in one table):
#   http1  plain HTTP/1.1 against `serve`                      hey            clients netty helidon okhttp
#   https  HTTP/1.1 over TLS against `serve --tls --http2`     hey            clients netty okhttp
#   h2     HTTP/2 over TLS (ALPN h2), the same server          hey -h2        client netty (protocol: h2)
#   h2c    HTTP/2 in plain text, prior knowledge, against `serve --http2`:   h2load (nghttp2-client,
#          when installed; hey has no h2c) and netty (protocol: h2c)
# Over TLS sigload trusts the server's certificate through caFile:; hey and h2load do not verify.
# Each sigload run first sends WARMUP requests off the record (JIT, connections; reported as the
# warm-up phase, in no other figure). Prints each round, then per mode and client min/median/max of
# the ratio sigload/peer (same round) and the CPU per request (user + system from /usr/bin/time;
# sigload's without its JVM start and warm-up: a 1-participant run with the same warm-up is
# subtracted). Before round 1 each server gets one untimed peer pass, so no client meets a cold
# server.
#   scripts/compare-hey.sh [CONCURRENCY=64] [REQUESTS=50000] [ROUNDS=5]
#   MODES="http1 https h2"  CLIENTS="netty helidon okhttp" (filters each mode's clients)  WARMUP=5000
#   SIGLOAD_JAVA_OPTS=... (sigload's JVM, not the servers')
#   TLS=1 is MODES=https, H2=1 is MODES=h2 (the older spellings)
set -euo pipefail
cd "$(dirname "$0")/.."
c=${1:-64}; n=${2:-50000}; rounds=${3:-5}
modes=${MODES:-$( { [ -n "${TLS:-}" ] && echo https; } || { [ -n "${H2:-}" ] && echo h2; } || echo "http1 https h2")}
only=${CLIENTS:-}; warmup=${WARMUP:-5000}
command -v hey >/dev/null || { echo "hey is not installed: apt-get install hey" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time is not installed: apt-get install time" >&2; exit 2; }
case " $modes " in *" h2c "*) command -v h2load >/dev/null || { echo "h2c needs h2load: apt-get install nghttp2-client" >&2; exit 2; };; esac
./sigload --version >/dev/null 2>&1   # builds the jar if needed
out=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$out"' EXIT
serve() { # $1 name, then serve's flags; sets url_$1
  SIGLOAD_JAVA_OPTS= ./sigload serve --port 0 --demo-credentials "${@:2}" > "$out/$1.txt" 2>&1 &
  pids+=($!)
  local u=""
  for _ in $(seq 600); do u=$(grep -m1 -o 'https\?://[^ ]*' "$out/$1.txt" 2>/dev/null || true); [[ $u == http* ]] && break; sleep 0.2; done
  [[ $u == http* ]] || { echo "serve $* did not start:"; cat "$out/$1.txt"; exit 1; }
  printf -v "url_$1" '%s' "$u"
}
want() { case " $modes " in *" $1 "*) return 0;; esac; return 1; }
if want http1; then serve plain; fi
if want https || want h2; then serve tls --tls --http2 --cert-out "$out/serve.pem"; fi
if want h2c; then serve h2c --http2; fi
clients_of() { # the sigload clients measured in a mode
  local all
  case $1 in http1) all="netty helidon okhttp";; https) all="netty okhttp";; h2|h2c) all="netty";; esac
  for cl in $all; do { [ -z "$only" ] || [[ " $only " == *" $cl "* ]]; } && echo "$cl"; done
}
url_of() { case $1 in http1) echo "$url_plain";; https|h2) echo "$url_tls";; h2c) echo "$url_h2c";; esac; }
echo "modes $modes, concurrency $c, $n requests per round, warm-up $warmup, load $(cut -d' ' -f1-3 /proc/loadavg)"
for m in $modes; do echo "  $m: $(url_of "$m") ($(clients_of "$m" | tr '\n' ' '))"; done
scenario() { # $1 participants, $2 client, $3 mode
  local extra=""
  case $3 in https) extra=", caFile: \"$out/serve.pem\"";; h2) extra=", caFile: \"$out/serve.pem\", protocol: h2";; h2c) extra=", protocol: h2c";; esac
  cat <<YAML
participants: $1
meeting: {hosts: 0}
credentials: {demoSecret: true}
signer: {type: http, url: "$(url_of "$3")", mintedOn: server, client: $2, warmup: $warmup$extra}
time: {mode: wall}
load: {model: burst, maxInFlight: $c}
YAML
}
body='{"meetingNumber":"85746065432","role":0,"expirationSeconds":7200}'
printf '%s' "$body" > "$out/body.json"
cpu() { awk '{printf "%.3f", $1 + $2}' "$1"; } # user + sys seconds from /usr/bin/time -f "%U %S"
peer_script() { # $1 mode, $2 requests: writes the peer's command line (hey, or h2load for h2c), which prints requests/s
  local u; u=$(url_of "$1")
  case $1 in
    h2c) echo "h2load -n $2 -c 1 -m $c -d '$out/body.json' -H 'content-type: application/json' '$u' | awk '/^finished in/ {gsub(\",\", \"\"); print \$4}'";;
    h2)  echo "hey -h2 -n $2 -c $c -m POST -T application/json -d '$body' '$u' | awk '/Requests\/sec/ {print \$2}'";;
    *)   echo "hey -n $2 -c $c -m POST -T application/json -d '$body' '$u' | awk '/Requests\/sec/ {print \$2}'";;
  esac
}
peer_name() { case $1 in h2c) echo h2load;; h2) echo "hey -h2";; *) echo hey;; esac; }
declare -A fixed
for m in $modes; do
  peer_script "$m" "$n" > "$out/peer-$m.sh"
  bash "$out/peer-$m.sh" > /dev/null   # server warm-up, untimed
  for cl in $(clients_of "$m"); do
    scenario "$n" "$cl" "$m" > "$out/$m-$cl.yaml"; scenario 1 "$cl" "$m" > "$out/$m-$cl-one.yaml"
    /usr/bin/time -o "$out/t1" -f "%U %S" ./sigload run "$out/$m-$cl-one.yaml" > /dev/null
    fixed[$m-$cl]=$(cpu "$out/t1")
    echo "$m $cl: JVM start + $warmup warm-up requests + 1 participant: ${fixed[$m-$cl]} s CPU"
  done
done
: > "$out/rows"
for r in $(seq "$rounds"); do
  for m in $modes; do
    peer_run() {
      h=$(/usr/bin/time -o "$out/th" -f "%U %S" bash "$out/peer-$m.sh")
      hus=$(python3 -c "print(round($(cpu "$out/th") * 1e6 / $n, 1))")
    }
    # sides alternate: odd rounds run the peer first, even rounds sigload's clients first
    (( r % 2 == 1 )) && peer_run
    declare -A got=()
    for cl in $(clients_of "$m"); do
      /usr/bin/time -o "$out/ts" -f "%U %S" ./sigload run "$out/$m-$cl.yaml" --json "$out/r.json" > /dev/null
      read -r s warm < <(python3 -c "
import json; r=json.load(open('$out/r.json')); assert r['valid']==$n, (r['byReason'], r['mintErrors'], r['mintErrorExamples'])
w=r['latencyMicros'].get('warmup', {}); print(round(r['throughputPerSec'],1), w.get('p50', 0))")
      sus=$(python3 -c "print(round(max(0, $(cpu "$out/ts") - ${fixed[$m-$cl]}) * 1e6 / $n, 1))")
      got[$cl]="$s $sus $warm"
    done
    (( r % 2 == 0 )) && peer_run
    line="round $r $m ($( (( r % 2 == 1 )) && echo "peer first" || echo "sigload first")): $(peer_name "$m") $h req/s ($hus µs CPU/req)"
    for cl in $(clients_of "$m"); do
      read -r s sus warm <<< "${got[$cl]}"
      ratio=$(python3 -c "print(round($s/$h, 3))")
      echo "$m $cl $ratio $sus $hus $h $s" >> "$out/rows"
      line="$line; $cl $s/s ratio $ratio ($sus µs CPU/req, warm-up p50 ${warm} µs)"
    done
    echo "$line"
  done
done
python3 - "$out/rows" <<'PY'
import sys, statistics as s, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    m, cl, ratio, sus, hus, h, x = line.split(); rows[(m, cl)].append((float(ratio), float(sus), float(hus), float(h), float(x)))
peer = {"h2": "hey -h2", "h2c": "h2load"}
print("mode   client   vs        ratio sigload/peer min/median/max   CPU µs/req sigload (median)  peer (median)  peer req/s min..max  sigload req/s min..max")
for (m, cl), v in rows.items():
    r = [x[0] for x in v]; sc = [x[1] for x in v]; hc = [x[2] for x in v]; h = [x[3] for x in v]; x = [x[4] for x in v]
    print(f"{m:6s} {cl:8s} {peer.get(m, 'hey'):8s}  {min(r):.3f} / {s.median(r):.3f} / {max(r):.3f}  ({len(r)} rounds)"
          f"   {s.median(sc):7.1f}                    {s.median(hc):7.1f}     {min(h):,.0f}..{max(h):,.0f}       {min(x):,.0f}..{max(x):,.0f}")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
