#!/usr/bin/env bash
# Runs each libFuzzer target of a fuzz build: first on every kept regression
# input, then fuzzing for a fixed time from its seeds. Fails on any crash.
#   scripts/fuzz.sh BUILD_DIR SECONDS
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$(cd "$1" && pwd)"
seconds="$2"
artifacts="$build_dir/fuzz-artifacts"
mkdir -p "$artifacts"

for target in text_reader jsonl_reader reuters_reader html_reader warc_reader query; do
  binary="$build_dir/tests/fuzz/fuzz_$target"
  seeds="$root/tests/fuzz/seeds/$target"
  regressions="$root/tests/fuzz/regressions/$target"
  work="$build_dir/fuzz-corpus/$target"
  mkdir -p "$work"
  mapfile -t kept < <(find "$regressions" -type f ! -name .keep | sort)
  if ((${#kept[@]} > 0)); then
    echo "fuzz_$target: ${#kept[@]} regression inputs"
    "$binary" -runs=1 "${kept[@]}" >"$build_dir/fuzz-$target-regressions.log" 2>&1 || {
      tail -40 "$build_dir/fuzz-$target-regressions.log"
      echo "fuzz_$target: a regression input fails again" >&2
      exit 1
    }
  fi
  echo "fuzz_$target: fuzzing for $seconds s"
  if ! "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 \
      -artifact_prefix="$artifacts/$target-" "$work" "$seeds" >"$build_dir/fuzz-$target.log" 2>&1; then
    tail -60 "$build_dir/fuzz-$target.log"
    echo "fuzz_$target: crashed; the input is in $artifacts (keep it under tests/fuzz/regressions/$target/ once fixed)" >&2
    exit 1
  fi
  grep -E "stat::number_of_executed_units|stat::new_units_added" "$build_dir/fuzz-$target.log" | sed "s/^/  /"
done
