#!/usr/bin/env bash
# Rewrites the golden report files (src/test/resources/golden) from the current code, then shows
# what changed. Run it after an intended change of a report format, and review the diff.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test -Dtest='GoldenReportsTest' -Dsigload.golden.update=true -Dsurefire.failIfNoSpecifiedTests=false
git --no-pager diff --stat -- src/test/resources/golden
