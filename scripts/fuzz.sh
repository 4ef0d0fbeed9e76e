#!/usr/bin/env bash
# Runs every libFuzzer target from the seeds in tests/fuzz/corpus/ (and, for
# the bundle loader, the JSONTestSuite files in ../shared/corpora, read in
# place). New inputs go to build/fuzz/corpus/, never into the repository. A
# failure leaves its input in build/fuzz/artifacts/.
#
# Two modes:
#   FUZZ_SECONDS=N  random seed, N seconds per target: for hunting bugs.
#   otherwise       the reproducible run CI uses: a fixed seed and a fixed
#                   number of runs per target (30-45 s each on a 2-core
#                   machine), from a fresh corpus, so the same code gives
#                   the same result on every machine.
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A RUNS=([bundle]=40000 [front_matter]=60000 [markdown]=200000 [route]=50000 [search]=40000)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz

mkdir -p build/fuzz/artifacts
for target in bundle front_matter markdown route search; do
  work="build/fuzz/corpus/$target"
  if [ -n "${FUZZ_SECONDS:-}" ]; then
    budget=(-max_total_time="$FUZZ_SECONDS")
    echo "== fuzz_$target for ${FUZZ_SECONDS}s"
  else
    rm -rf "$work"
    budget=(-seed=1 -runs="${RUNS[$target]}" -max_total_time=120)
    echo "== fuzz_$target: ${RUNS[$target]} runs from seed 1"
  fi
  mkdir -p "$work"
  seeds=("tests/fuzz/corpus/$target")
  if [ "$target" = bundle ] && [ -d ../shared/corpora/jsontestsuite ]; then seeds+=(../shared/corpora/jsontestsuite); fi
  log="build/fuzz/$target.log"
  if ! "build/fuzz/tests/fuzz/fuzz_$target" "${budget[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1 -artifact_prefix="build/fuzz/artifacts/$target-" "$work" "${seeds[@]}" >"$log" 2>&1; then
    grep -a -v -E "^(#[0-9]+|INFO:)" "$log" | head -60 >&2
    echo "fuzz_$target failed: the input is in build/fuzz/artifacts/" >&2
    exit 1
  fi
  grep -a -E "^(Done|stat::new_units_added)" "$log"
done
echo "fuzz: every target ran without a failure"
