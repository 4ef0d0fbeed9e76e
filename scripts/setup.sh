#!/usr/bin/env bash
# Installs everything buildlog needs on a fresh Debian bookworm machine:
# the native toolchain and libraries, Emscripten for the reader's engine,
# Chromium and playwright-core for the browser tests, and md4c's C sources
# (fetched from Debian's source package into third_party/, which git ignores)
# for the WebAssembly build. Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

PACKAGES=(
  build-essential cmake ninja-build pkg-config clang libclang-rt-14-dev
  libmd4c-dev libmd4c-html0-dev nlohmann-json3-dev catch2
  libyaml-cpp-dev libtomlplusplus-dev libcli11-dev libcpp-httplib-dev
  libxxhash-dev libmimalloc-dev emscripten chromium libutfcpp-dev
  libkf5syntaxhighlighting-dev  # KDE's highlighter, which the author tool tokenizes code blocks with
  libbrotli-dev zlib1g-dev brotli  # the site's precompressed assets (the brotli command makes the engine's)
  binaryen  # wasm-opt, which the engine's build runs after linking (Emscripten brings it too)
  node-terser  # minifies the engine's loader and the shim (cmake/minify_js.mjs)
  hugo time  # only for bench/: the build buildlog is compared with, and GNU time to measure it
)
# The machine image may bring its own Node.js (with npm); use Debian's only when none is there.
command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs)
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# md4c's C sources for the wasm build, from Debian's source package.
MD4C_VERSION=0.4.8
MD4C_SHA256=4a457df853425b6bb6e3457aa1d1a13bccec587a04c38c622b1013a0da41439f
MD4C_DIR=third_party/md4c-release-${MD4C_VERSION}
if [ ! -f "$MD4C_DIR/src/md4c.c" ]; then
  mkdir -p third_party
  SRC_LIST=/etc/apt/sources.list.d/buildlog-src.sources
  if [ ! -f "$SRC_LIST" ] && [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | $SUDO tee "$SRC_LIST" >/dev/null
    $SUDO apt-get update -qq
  fi
  (cd third_party && apt-get source --download-only md4c >/dev/null 2>&1 || true)
  TARBALL=third_party/md4c_${MD4C_VERSION}.orig.tar.gz
  [ -f "$TARBALL" ] || { echo "setup: could not download $TARBALL" >&2; exit 1; }
  echo "$MD4C_SHA256  $TARBALL" | sha256sum -c --quiet - || { echo "setup: $TARBALL checksum mismatch" >&2; exit 1; }
  tar -xzf "$TARBALL" -C third_party
  [ -f "$MD4C_DIR/src/md4c.c" ] || { echo "setup: md4c sources missing after unpacking" >&2; exit 1; }
fi

# Browser tests: playwright-core drives Debian's Chromium (never a downloaded browser);
# a feed parser reads the feeds the way feed readers do; axe-core checks accessibility.
for module in playwright-core @extractus/feed-extractor axe-core; do
  if [ ! -d "tests/browser/node_modules/$module" ]; then
    (cd tests/browser && npm ci --no-audit --no-fund --silent)
    break
  fi
done
# Benchmarks: the JavaScript search libraries buildlog is compared with.
if [ ! -d bench/node_modules/minisearch ]; then
  (cd bench && npm ci --no-audit --no-fund --silent)
fi
echo "setup: ok"
