#!/usr/bin/env bash
# Renders a sigload HTML report in headless Chromium and fails on a JavaScript error or console
# error, when the charts did not draw (body[data-render] != ok), or when a chart has a series with
# no visible point: a copy of the report gets build/chart-audit.js, which asks chart.js in the page
# for every chart's datasets. Optionally takes a screenshot.
#   usage: build/render-html.sh REPORT.html [SCREENSHOT.png]
# Needs Debian's chromium (apt-get install -y chromium).
set -euo pipefail
html=$(readlink -f "${1:?usage: render-html.sh REPORT.html [SCREENSHOT.png]}")
shot=${2:-}
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "render-html: chromium not found; install it: apt-get install -y chromium" >&2
  exit 2
fi
profile=$(mktemp -d)
log=$(mktemp)
audited=$(mktemp --suffix=.html)
trap 'rm -rf "$profile" "$log" "$audited"' EXIT
here=$(cd "$(dirname "$0")" && pwd)
python3 - "$html" "$here/chart-audit.js" "$audited" <<'PY'
import sys
page, audit, out = sys.argv[1:4]
text = open(page, encoding="utf-8").read()
i = text.rindex("</body>")
open(out, "w", encoding="utf-8").write(text[:i] + "<script>\n" + open(audit, encoding="utf-8").read() + "\n</script>\n" + text[i:])
PY
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --user-data-dir="$profile" --enable-logging=stderr --v=0
  --virtual-time-budget=5000 --window-size=1100,1900)
dom=$(timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$audited" 2>"$log" || true)
status=$(printf '%s' "$dom" | grep -o 'data-render="[a-z]*"' | head -n 1 || true)
consoleErrors=$(grep -E 'CONSOLE|Uncaught' "$log" | grep -viE 'deprecat' || true)
if [ -n "$shot" ]; then
  timeout 120 "$browser" "${flags[@]}" --screenshot="$(readlink -f "$shot")" "file://$html" >/dev/null 2>&1 || true
fi
if [ "$status" != 'data-render="ok"' ] || [ -n "$consoleErrors" ]; then
  echo "render-html: $1 did not render cleanly: ${status:-no data-render attribute}" >&2
  printf '%s\n' "$dom" | grep -o '<p id="render-status">[^<]*' >&2 || true
  [ -n "$consoleErrors" ] && printf '%s\n' "$consoleErrors" >&2
  exit 1
fi
audit=$(printf '%s' "$dom" | python3 -c '
import html, json, re, sys
m = re.search(r"<pre id=\"chart-audit\">(\[.*?\])</pre>", sys.stdin.read(), re.S)
if not m:
    print("no chart audit in the page"); sys.exit(1)
rows = json.loads(html.unescape(m.group(1)))
bad = [r for r in rows if r["visible"] == 0]
for r in bad:
    print("no visible point: chart %d (%s), series %s (%d points)" % (r["chart"], r["title"], r["dataset"], r["points"]))
print("%d charts, %d series, %d with no visible point" % (len({r["chart"] for r in rows}), len(rows), len(bad)))
sys.exit(1 if bad else 0)
') || { echo "render-html: $1: $audit" >&2; exit 1; }
echo "render-html: $1 rendered ($(printf '%s' "$dom" | grep -o 'rendered [0-9]* charts' | head -n 1); $(printf '%s' "$audit" | tail -n 1))"
