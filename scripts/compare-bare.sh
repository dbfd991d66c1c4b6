#!/usr/bin/env bash
# In-process burst against the bare loop, interleaved in one session so the machine's noise hits
# both alike (ABAB, cold JVM each round): `sigload run` of SCENARIO with the fast signer and N
# participants (sign + validate every token, all of sigload's recording) vs `sigload bench
# --bare-loop N` (the JDK alone: StringBuilder claims, base64url, a reused Mac, decode and re-MAC,
# 2 platform threads). Both under the same heap bound. Prints each round (throughput, peak RSS
# and CPU from /usr/bin/time), then min/median/max of the ratio run/bare and the load average.
# Two ratios: wall-clock throughput as each reports it (from its gate to its last token), and
# tokens per CPU second of the whole process (JVM start, JIT and GC included on both sides),
# which a busy machine disturbs far less than wall time.
#   scripts/compare-bare.sh [PARTICIPANTS=1000000] [ROUNDS=5] [HEAP=-Xmx256m]
#   SCENARIO=scenarios/thirty-users-server.yaml
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}; rounds=${2:-5}; heap=${3:--Xmx256m}
scenario=${SCENARIO:-scenarios/thirty-users-server.yaml}
[ -x /usr/bin/time ] || { echo "/usr/bin/time is not installed: apt-get install time" >&2; exit 2; }
./sigload --version >/dev/null 2>&1   # builds the jar (and trains its AOT cache) if needed
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
echo "participants $n, heap $heap, scenario $scenario, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
ratios=(); cratios=(); rss_run=(); rss_bare=()
for r in $(seq "$rounds"); do
  SIGLOAD_JAVA_OPTS=$heap /usr/bin/time -o "$out/tb" -f "%M %U %S" ./sigload bench --bare-loop "$n" > "$out/bare.txt"
  b=$(sed -n 's/.*: \([0-9,]*\) tokens\/s.*/\1/p' "$out/bare.txt" | tr -d ,)
  SIGLOAD_JAVA_OPTS=$heap /usr/bin/time -o "$out/tr" -f "%M %U %S" ./sigload run "$scenario" --set signer.type=fast \
      --participants "$n" --json "$out/r.json" > /dev/null
  s=$(python3 -c "import json; r=json.load(open('$out/r.json')); assert r['completed']==$n, r; print(round(r['throughputPerSec']))")
  ratio=$(python3 -c "print(round($s/$b, 3))")
  read -r mr ur sr < "$out/tr"; read -r mb ub sb < "$out/tb"
  cr=$(python3 -c "print(round(($ub + $sb) / ($ur + $sr), 3))")
  ratios+=("$ratio"); cratios+=("$cr"); rss_run+=("$(( mr / 1024 ))"); rss_bare+=("$(( mb / 1024 ))")
  echo "round $r: bare $b tokens/s (RSS ${rss_bare[-1]} MB, $(python3 -c "print(round($ub + $sb, 2))") s CPU)," \
       "sigload $s participants/s (RSS ${rss_run[-1]} MB, $(python3 -c "print(round($ur + $sr, 2))") s CPU)," \
       "ratio $ratio wall, $cr CPU"
done
python3 -c "
import statistics as s; r=[float(x) for x in '${ratios[*]}'.split()]; c=[float(x) for x in '${cratios[*]}'.split()]
a=[int(x) for x in '${rss_run[*]}'.split()]; b=[int(x) for x in '${rss_bare[*]}'.split()]
print('ratio sigload/bare, wall throughput: min %.3f, median %.3f, max %.3f over %d rounds' % (min(r), s.median(r), max(r), len(r)))
print('ratio sigload/bare, tokens per CPU second (whole process): min %.3f, median %.3f, max %.3f' % (min(c), s.median(c), max(c)))
print('peak RSS MB: sigload min %d median %d max %d; bare min %d median %d max %d' % (min(a), s.median(a), max(a), min(b), s.median(b), max(b)))"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
