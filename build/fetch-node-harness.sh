#!/usr/bin/env bash
# Bundles @sinonjs/fake-timers (and its two small dependencies) into the jar at build time, for the
# node and browser signers, which fake each participant's Date and performance with it. Installed
# with `npm ci` from the committed lockfile build/node-harness/package-lock.json into target/;
# nothing fetched is committed. Called by Maven (exec plugin, generate-resources).
#   usage: build/fetch-node-harness.sh TARGET_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target=${1:?usage: fetch-node-harness.sh TARGET_DIR}
out="$target/web/io/sigload/sign/script"
stamp=$(sha256sum "$here/node-harness/package-lock.json" | cut -c1-16)
if [ -s "$out/node_modules.files" ] && grep -q "$stamp" "$out/node_modules.stamp" 2>/dev/null; then
  exit 0
fi
# Without npm the jar still builds, and the node and browser signers say at start what is
# missing; CI (CI=true) must have them, so there a missing npm fails the build.
missing() {
  echo "sigload build: $1; the node and browser signers will be unavailable in this build. Install npm" \
       "(Debian/Ubuntu: apt-get install -y npm) and build again to have them." >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 0
}
command -v npm >/dev/null 2>&1 || missing "npm is not on PATH, so @sinonjs/fake-timers cannot be bundled"
work="$target/node-harness"
mkdir -p "$work"
cp "$here/node-harness/package.json" "$here/node-harness/package-lock.json" "$work/"
(cd "$work" && npm ci --silent --no-audit --no-fund --ignore-scripts >/dev/null) \
  || missing "'npm ci' in $work failed (is the npm registry reachable?)"
rm -rf "$out/node_modules"
mkdir -p "$out"
# the runtime files only: package.json, LICENSE and the JavaScript sources (no tests, no types)
(cd "$work" && find node_modules -type f \( -name package.json -o -name 'LICENSE*' -o -name '*.js' \) \
    ! -name '*.test.js' ! -path '*/types/*' | sort) > "$out/node_modules.files"
while read -r f; do
  mkdir -p "$out/$(dirname "$f")"
  cp "$work/$f" "$out/$f"
done < "$out/node_modules.files"
echo "$stamp" > "$out/node_modules.stamp"
