#!/usr/bin/env bash
# Search latency on a database of all of Reuters-21578 (Release build): a
# 10-hit query with snippets and facets, timed in-process (one Searcher, the
# library a web backend embeds) and as a whole dateline-search process, in the
# same invocation.
#   scripts/bench-search.sh [REPETITIONS]   (default 20)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-common.sh"
repetitions="${1:-20}"
queries=("oil prices" "cocoa" "bank interest rates" "opec output" "japan trade surplus" "gold"
         "wheat exports" "dollar yen" "coffee quotas" "quarterly earnings")

"$index" --db "$work/db" --quiet "$shared"/reuters21578/*.sgm
in_process="$("$root/build/release/tests/bench/search_latency" "$work/db" "$repetitions" "${queries[@]}")"

times=()
for ((round = 0; round <= repetitions; round++)); do
  for query in "${queries[@]}"; do
    started=$(date +%s%N)
    "$search" --db "$work/db" --json --facets=10 -n 10 "$query" >/dev/null
    ended=$(date +%s%N)
    if ((round > 0)); then times+=("$(calc "($ended - $started) / 1000000")"); fi
  done
done
cli_median="$(printf '%s\n' "${times[@]}" | median)"
cli_p90="$(printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 } END { print v[int(0.9 * (NR - 1)) + 1] }')"
in_median="$(echo "$in_process" | awk '{ print $4 }')"

echo "Reuters-21578, ${#queries[@]} queries x $repetitions, 10 hits with snippets and facets (top 10)"
echo "in-process (Searcher):    $in_process"
printf 'whole CLI process:        searches %d median_ms %.3f p90_ms %.3f\n' "${#times[@]}" "$cli_median" "$cli_p90"
echo "CLI / in-process median:  $(calc "$cli_median / $in_median" "%.1f")"
