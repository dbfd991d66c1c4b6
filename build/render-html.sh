#!/usr/bin/env bash
# Renders a sigload HTML report in headless Chromium and fails on a JavaScript error or console
# error, or when the charts did not draw (body[data-render] != ok). Optionally takes a screenshot.
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
trap 'rm -rf "$profile" "$log"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
  --disable-component-update --disable-sync --user-data-dir="$profile" --enable-logging=stderr --v=0
  --virtual-time-budget=5000 --window-size=1100,1900)
dom=$(timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$html" 2>"$log" || true)
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
echo "render-html: $1 rendered ($(printf '%s' "$dom" | grep -o 'rendered [0-9]* charts' | head -n 1))"
