#!/usr/bin/env bash
# Measures how reliably the injected races show and how reliably the replay recognises them:
# runs each fault scenario N times (default 20) at 30 participants and counts, per scenario,
# the bursts that refused at least one participant and the replays that validated every
# replayed participant the burst refused. Prints one table row per scenario.
#   scripts/race-detection.sh [N]        (needs target/sigload.jar: mvn -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}
out=$(mktemp -d)
serve_pid=
trap 'rm -rf "$out"; [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null || true' EXIT
run() { # name, then sigload run arguments
  local name=$1; shift
  for i in $(seq 1 "$n"); do
    ./sigload run "$@" --json "$out/$name-$i.json" > /dev/null 2>&1
  done
  python3 - "$out" "$name" "$n" <<'PY'
import json, sys, glob
out, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
refused, all_valid, inv = 0, 0, []
for f in sorted(glob.glob(f"{out}/{name}-*.json")):
    r = json.load(open(f))
    inv.append(r["invalid"])
    if r["invalid"] > 0:
        refused += 1
        e = r["replay"]
        if e["failingReplayed"] > 0 and e["failingValidAlone"] == e["failingReplayed"]:
            all_valid += 1
inv.sort()
print(f"| {name} | {refused}/{n} | {all_valid}/{refused} | {inv[0]} / {inv[len(inv)//2]} / {inv[-1]} |")
PY
}
echo "| scenario (30 participants) | bursts refusing >= 1 | replays validating every refused one | invalid min / median / max |"
echo "|---|---|---|---|"
run java-jwt-shared-mac scenarios/shared-mac.yaml
run fast-shared-mac scenarios/shared-mac.yaml --set signer.type=fast
run fast-shared-claims scenarios/cached-token.yaml --set signer.fault=shared-claims
run fast-cached-token scenarios/cached-token.yaml
run java-jwt-cached-token scenarios/cached-token.yaml --set signer.type=java-jwt
run video-shared-claims scenarios/video-sessions.yaml
run endpoint-shared-mac scenarios/shared-mac-remote.yaml
run endpoint-shared-claims scenarios/shared-mac-remote.yaml --set endpoint.fault=shared-claims \
  --set 'meeting.numbers=["85746065432","91234567890","70011122233"]' --set meeting.number=null
run endpoint-cached-token scenarios/shared-mac-remote.yaml --set endpoint.fault=cached-token \
  --set 'meeting.numbers=["85746065432","91234567890","70011122233"]' --set meeting.number=null
# a separate sigload serve process with the bug, driven over HTTP like a user's own endpoint
./sigload serve --demo-credentials --port 0 --fault shared-mac --stop-after 30m > "$out/serve.url" 2> "$out/serve.err" &
serve_pid=$!
for _ in $(seq 1 100); do [ -s "$out/serve.url" ] && break; sleep 0.2; done
url=$(head -1 "$out/serve.url")
run serve-process-shared-mac scenarios/shared-mac-remote.yaml --set endpoint=null --set "signer.url=$url"
