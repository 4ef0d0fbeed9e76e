#!/usr/bin/env bash
# Builds the whole reader site into dist/ (or $1): the author tool, the wasm
# engine, posts.json from content/, and web/. dist/ is ready for any static host.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST="${1:-dist}"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"

cmake --preset native >/dev/null
cmake --build --preset native --target buildlog
cmake --preset wasm >/dev/null
cmake --build --preset wasm

# The tool run from its build tree takes the page from web/ and the engine's build.
./build/native/cli/buildlog build content -o "$DIST"
echo "site: $DIST is ready"
