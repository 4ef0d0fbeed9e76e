#!/usr/bin/env bash
# Runs every libFuzzer target for FUZZ_SECONDS (default 30) each, starting
# from the seeds in tests/fuzz/corpus/ (and, for the bundle loader, the
# JSONTestSuite files in ../shared/corpora, read in place). New inputs go to
# build/fuzz/corpus/, never into the repository. A crash fails the run and
# leaves the input in build/fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${FUZZ_SECONDS:-30}"

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

mkdir -p build/fuzz/artifacts
for target in bundle front_matter markdown route search; do
  work="build/fuzz/corpus/$target"
  mkdir -p "$work"
  seeds=("tests/fuzz/corpus/$target")
  if [ "$target" = bundle ] && [ -d ../shared/corpora/jsontestsuite ]; then seeds+=(../shared/corpora/jsontestsuite); fi
  echo "== fuzz_$target for ${SECONDS_EACH}s"
  log="build/fuzz/$target.log"
  if ! "build/fuzz/tests/fuzz/fuzz_$target" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="build/fuzz/artifacts/$target-" "$work" "${seeds[@]}" >"$log" 2>&1; then
    grep -a -v -E "^(#[0-9]+|INFO:)" "$log" | head -60 >&2
    echo "fuzz_$target failed: the input is in build/fuzz/artifacts/" >&2
    exit 1
  fi
  grep -a -E "^(Done|stat::new_units_added)" "$log"
done
echo "fuzz: every target ran ${SECONDS_EACH}s without a failure"
