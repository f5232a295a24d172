#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run):
#   0. every C++ file formatted as .clang-format says
#   1. Release build (GCC, -Werror), every unit and end-to-end test, the installed
#      package used by an outside program, the search page in headless Chromium
#   2. clang build with AddressSanitizer + UndefinedBehaviorSanitizer, the same tests
#   3. the libFuzzer targets of that build, each on its regression inputs, then fuzzing for a fixed time
# End-to-end tests on ../shared/corpus skip with a message when it is absent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
fuzz_seconds="${DATELINE_FUZZ_SECONDS:-20}"
jobs="$(nproc)"

section() { printf '\n=== %s\n' "$*"; }

bash scripts/setup.sh --tests
if [[ ! tests/browser/node_modules/.package-lock.json -nt tests/browser/package-lock.json ]]; then
  npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
fi

section "Formatting (.clang-format)"
bash scripts/format.sh --check

section "Release build and tests"
bash scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release -DDATELINE_WERROR=ON
ctest --test-dir build/release --output-on-failure -j "$jobs"

section "AddressSanitizer + UndefinedBehaviorSanitizer build (clang, with the fuzz targets) and tests"
bash scripts/build.sh build/sanitize -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" -DDATELINE_WERROR=ON -DDATELINE_SANITIZE=address,undefined \
  -DDATELINE_FUZZ=ON
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS="suppressions=$root/tests/sanitizer/lsan.supp"
ctest --test-dir build/sanitize --output-on-failure -j "$jobs"

section "Fuzzing (${fuzz_seconds} s per target)"
bash scripts/fuzz.sh build/sanitize "$fuzz_seconds"

section "All tests passed"
