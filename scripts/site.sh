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

mkdir -p "$DIST"
./build/native/cli/buildlog build content -o "$DIST/posts.json"
cp web/index.html web/style.css web/favicon.svg "$DIST/"
cp build/wasm/wasm/engine.js build/wasm/wasm/engine.wasm build/wasm/web/shim.js "$DIST/"
echo "site: $DIST is ready"
