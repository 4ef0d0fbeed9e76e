#!/usr/bin/env bash
# The README's test command: installs what is missing, builds everything, runs
# the native unit tests (ctest) and the browser tests (headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"

./scripts/setup.sh

echo "== native build and unit tests"
cmake --preset native >/dev/null
cmake --build --preset native
ctest --preset native

echo "== browser tests"
./scripts/site.sh build/site >/dev/null
(cd tests/browser && BUILDLOG_SITE="$(cd ../../build/site && pwd)" node --test --test-concurrency=1 .)
