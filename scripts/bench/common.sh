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

# prepare_data SCALE DIR: DIR/xSCALE.{jsonl,dump}, Reuters-21578 copied SCALE times (new ids,
# shuffled sentences), made once by corpus_tool
prepare_data() {
  if [[ ! -s "$2/x$1.dump" ]]; then
    "$root/build/release/tests/bench/corpus_tool" prepare "$shared/reuters21578" "$1" "$2/x$1.tmp"
    mv "$2/x$1.tmp.jsonl" "$2/x$1.jsonl"
    mv "$2/x$1.tmp.dump" "$2/x$1.dump"
  fi
}

# median of the numbers on standard input
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# arithmetic on decimals: calc "1.5 / 3" "%.3f"
calc() { awk "BEGIN { printf \"${2:-%.3f}\", $1 }"; }

# query_mix QUERIES: a wrk script sending the queries of QUERIES (queries.tsv) in turn, with
# facets, and printing "RESULT requests/s p50_ms p99_ms status_errors"
query_mix() {
  local queries="$1"
  echo 'local queries = {'
  tail -n +2 "$queries" | awk -F'\t' '{ printf "  {[==[%s]==], [==[%s]==], [==[%s]==], [==[%s]==]},\n", $2, $3, $4, $5 }'
  cat <<'LUA'
}
local function encode(text)
  return (text:gsub("[^%w%-_%.]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
local n = 0
request = function()
  n = n + 1
  local q = queries[(n % #queries) + 1]
  local path = "/api/search?facets=10&q=" .. encode(q[1])
  if q[2] ~= "" then path = path .. "&place=" .. encode(q[2]) end
  if q[3] ~= "" then path = path .. "&from=" .. q[3] .. "&to=" .. q[4] end
  return wrk.format("GET", path)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %.0f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status))
end
LUA
}
