#!/usr/bin/env bash
# Bundles chart.js (UMD build, MIT licence) into the jar at build time, for the self-contained HTML
# reports (sigload run|compare|skew --html). Called by Maven (exec plugin, generate-resources).
# The version is pinned by the committed lockfile build/web/package-lock.json and installed with
# `npm ci` from the npm registry into TARGET_DIR/npm; nothing fetched is committed.
# To move to another chart.js: edit build/web/package.json, run `npm install --package-lock-only`
# in build/web, review and commit both files.
#   usage: build/fetch-chartjs.sh TARGET_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target=${1:?usage: fetch-chartjs.sh TARGET_DIR}
out="$target/web/io/sigload/html"
stamp=$(sha256sum "$here/web/package-lock.json" | cut -c1-16)
if [ -s "$out/chart.umd.min.js" ] && grep -q "$stamp" "$out/chart.version" 2>/dev/null; then
  exit 0
fi
# Without npm the jar still builds (every command works) but --html reports say they are
# unavailable; CI (CI=true) must have them, so there a missing npm fails the build.
missing() {
  echo "sigload build: $1; HTML reports (--html) will be unavailable in this build. Install npm" \
       "(Debian/Ubuntu: apt-get install -y npm) and build again to have them." >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 0
}
if ! command -v npm >/dev/null 2>&1; then
  missing "npm is not on PATH, so chart.js cannot be installed"
fi
work="$target/npm"
mkdir -p "$work" "$out"
cp "$here/web/package.json" "$here/web/package-lock.json" "$work/"
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --silent >/dev/null 2>&1) \
  || missing "'npm ci' in $work failed (is the npm registry reachable?)"
cp "$work/node_modules/chart.js/dist/chart.umd.min.js" "$out/chart.umd.min.js"
cp "$work/node_modules/chart.js/LICENSE.md" "$out/chart.LICENSE.md"
version=$(sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' "$work/node_modules/chart.js/package.json" | head -n 1)
echo "chart.js $version (lockfile $stamp)" > "$out/chart.version"
