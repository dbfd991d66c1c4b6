#!/usr/bin/env bash
# Installs the JavaScript libraries of the differential tests (jsrsasign, jsonwebtoken) from the
# committed lockfile src/test/js/package-lock.json into target/js-diff/node_modules with npm ci.
# .ci/run calls it before `mvn -B verify`; run it yourself once to have JsLibrariesDifferentialTest
# run locally (it is skipped without them, except in CI). Nothing installed is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=target/js-diff
mkdir -p "$dir"
if [ -d "$dir/node_modules/jsrsasign" ] && cmp -s src/test/js/package-lock.json "$dir/package-lock.json"; then
  exit 0
fi
cp src/test/js/package.json src/test/js/package-lock.json "$dir/"
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
