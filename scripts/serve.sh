#!/usr/bin/env bash
# The README's first command: installs what is missing, builds the sample
# blog's site into dist/ and serves it on localhost (PORT, default 8000).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/site.sh dist
exec ./build/native/cli/buildlog serve dist --port "${PORT:-8000}"
