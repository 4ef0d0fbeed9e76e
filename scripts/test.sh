#!/usr/bin/env bash
# The README's test command: installs what is missing, then runs every test:
#   1. native build and unit tests (ctest),
#   2. the same unit tests under AddressSanitizer + UndefinedBehaviorSanitizer,
#   3. each libFuzzer target, reproducibly (fixed seed and run count; see scripts/fuzz.sh),
#   4. the browser tests in headless Chromium against the built site.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"

./scripts/setup.sh

echo "== native build and unit tests"
cmake --preset native >/dev/null
cmake --build --preset native
ctest --preset native

echo "== unit tests under AddressSanitizer and UndefinedBehaviorSanitizer"
cmake --preset asan >/dev/null
cmake --build --preset asan
ctest --preset asan

echo "== fuzzing"
./scripts/fuzz.sh

echo "== browser tests"
./scripts/site.sh build/site >/dev/null
(cd tests/browser && BUILDLOG_SITE="$(cd ../../build/site && pwd)" node --test --test-concurrency=1 .)
