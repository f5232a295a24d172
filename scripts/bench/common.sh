# Sourced by the scripts in scripts/bench/: the shared corpora (or "skipped"), the
# peers and tools, a Release build, and small helpers.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
shared="$root/../shared/corpus"
if [[ ! -d "$shared/reuters21578" ]]; then
  echo "skipped: $shared is absent (benchmarks need the Reuters-21578 corpus)" >&2
  exit 0
fi
bash "$root/scripts/setup.sh" --bench
bash "$root/scripts/build.sh" "$root/build/release" -DCMAKE_BUILD_TYPE=Release -DDATELINE_WERROR=ON >/dev/null
index="$root/build/release/indexer/dateline-index"
search="$root/build/release/searcher/dateline-search"

# median of the numbers on standard input
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# arithmetic on decimals: calc "1.5 / 3" "%.3f"
calc() { awk "BEGIN { printf \"${2:-%.3f}\", $1 }"; }
