#!/usr/bin/env bash
# Bundles chart.js (UMD build, MIT licence) from the npm registry into the jar at build time, for
# the self-contained HTML reports (sigload run|compare|skew --html). Called by Maven (exec plugin,
# generate-resources). Nothing fetched is committed: it lands in target/.
#   usage: build/fetch-chartjs.sh TARGET_DIR
set -euo pipefail
version=4.6.1
target=${1:?usage: fetch-chartjs.sh TARGET_DIR}
out="$target/web/io/sigload/html"
if [ -s "$out/chart.umd.min.js" ] && grep -q "$version" "$out/chart.version" 2>/dev/null; then
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
  missing "npm is not on PATH, so chart.js $version cannot be bundled"
fi
work="$target/npm"
mkdir -p "$work" "$out"
(cd "$work" && npm pack "chart.js@$version" --silent >/dev/null) || missing "'npm pack chart.js@$version' failed (is the npm registry reachable?)"
tar -xzf "$work/chart.js-$version.tgz" -C "$work" package/dist/chart.umd.min.js package/LICENSE.md
cp "$work/package/dist/chart.umd.min.js" "$out/chart.umd.min.js"
cp "$work/package/LICENSE.md" "$out/chart.LICENSE.md"
echo "chart.js $version" > "$out/chart.version"
