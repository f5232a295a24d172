#!/usr/bin/env bash
# Indexing benchmark on all of Reuters-21578 (Release build):
#   - a full index into a fresh database, RUNS times: median wall time, peak RSS (/usr/bin/time -v);
#   - a re-run on the unchanged input, RUNS times: median, and its ratio to the full index.
#   scripts/bench/reindex.sh [RUNS]   (default 3)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
runs="${1:-3}"
files=("$shared"/reuters21578/*.sgm)

full=() rss=() unchanged=()
for ((run = 1; run <= runs; run++)); do
  rm -rf "$work/db"
  /usr/bin/time -v "$index" --db "$work/db" --quiet "${files[@]}" 2>"$work/time.txt"
  full+=("$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$work/time.txt")")
  rss+=("$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time.txt")")
  /usr/bin/time -f "%e" "$index" --db "$work/db" --quiet "${files[@]}" 2>"$work/rerun.txt"
  unchanged+=("$(tail -1 "$work/rerun.txt")")
done
full_median="$(printf '%s\n' "${full[@]}" | median)"
rss_median="$(printf '%s\n' "${rss[@]}" | median)"
unchanged_median="$(printf '%s\n' "${unchanged[@]}" | median)"
documents="$("$index" --db "$work/db" --stats --json | sed -n 's/.*"documents": \([0-9]*\).*/\1/p')"
size="$("$index" --db "$work/db" --stats --json | sed -n 's/.*"size_bytes": \([0-9]*\).*/\1/p')"

echo "Reuters-21578: $documents articles, $(calc "$size / 1000000" "%.0f") MB database, $runs runs each, $(nproc) cores"
echo "full index:         median $full_median s (runs: ${full[*]}), peak RSS median $((rss_median / 1024)) MB"
echo "unchanged re-run:   median $unchanged_median s (runs: ${unchanged[*]})"
echo "re-run / full:      $(calc "$unchanged_median / $full_median")"
