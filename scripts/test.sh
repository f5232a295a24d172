#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run):
#   1. Release build, every unit and end-to-end test
#   2. AddressSanitizer + UndefinedBehaviorSanitizer build, the same tests
#   3. libFuzzer targets (clang), each for a fixed time, on top of their regression inputs
# End-to-end tests on ../shared/corpus skip with a message when it is absent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
fuzz_seconds="${DATELINE_FUZZ_SECONDS:-20}"
jobs="$(nproc)"

section() { printf '\n=== %s\n' "$*"; }

bash scripts/setup.sh --tests

section "Release build and tests"
bash scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release -DDATELINE_WERROR=ON
ctest --test-dir build/release --output-on-failure -j "$jobs"

section "AddressSanitizer + UndefinedBehaviorSanitizer build and tests"
bash scripts/build.sh build/sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDATELINE_WERROR=ON \
  -DDATELINE_SANITIZE=address,undefined
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS="suppressions=$root/tests/sanitizer/lsan.supp" \
  ctest --test-dir build/sanitize --output-on-failure -j "$jobs"

section "Fuzzing (${fuzz_seconds} s per target)"
bash scripts/build.sh build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDATELINE_FUZZ=ON -DDATELINE_BUILD_TESTS=OFF \
  -DCMAKE_CXX_COMPILER=clang++
bash scripts/fuzz.sh build/fuzz "$fuzz_seconds"

section "All tests passed"
