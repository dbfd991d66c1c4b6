#!/usr/bin/env bash
# Installs the manifest validators (build/manifest-check/package-lock.json: kubernetes-models for the
# Kubernetes API schemas, action-validator for GitHub workflows, yaml) with npm ci into
# TARGET_DIR/manifest-check, for the tests that validate examples/kubernetes and examples/ci.
# Called by Maven (exec plugin, generate-test-resources); reinstalls only when the lockfile changes.
# Nothing installed is committed or bundled into the jar.
#   usage: build/manifest-check.sh TARGET_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target=${1:?usage: manifest-check.sh TARGET_DIR}
work="$target/manifest-check"
if [ -d "$work/node_modules" ] && cmp -s "$here/manifest-check/package-lock.json" "$work/package-lock.json"; then
  cp "$here/manifest-check/validate.mjs" "$work/validate.mjs"
  exit 0
fi
# Without npm the build goes on and the manifest tests say what is missing; in CI (CI=true) it fails.
missing() {
  echo "sigload build: $1; the Kubernetes and CI example manifests cannot be validated in this build." \
       "Install npm (Debian/Ubuntu: apt-get install -y npm) and build again." >&2
  if [ "${CI:-}" = "true" ]; then exit 1; fi
  exit 0
}
command -v npm >/dev/null 2>&1 || missing "npm is not on PATH"
rm -rf "$work" && mkdir -p "$work"
cp "$here/manifest-check/package.json" "$here/manifest-check/package-lock.json" "$here/manifest-check/validate.mjs" "$work/"
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null) \
  || { rm -rf "$work/node_modules"; missing "'npm ci' of build/manifest-check failed (is the npm registry reachable?)"; }
