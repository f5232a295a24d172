#!/usr/bin/env bash
# HTTP server load on a database of all of Reuters-21578 (Release build):
# wrk drives dateline-search serve with a fixed mix of searches with facets
# (top 10, snippets) at 1, 8 and 32 connections, then GET /healthz at 8
# connections as the peer that shows what HTTP alone costs, in the same run.
#   scripts/bench/http.sh [SECONDS_PER_RUN]   (default 10)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
seconds="${1:-10}"
threads=2

"$index" --db "$work/db" --quiet "$shared"/reuters21578/*.sgm
"$search" serve --db "$work/db" --listen 127.0.0.1:0 --quiet >"$work/server.out" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 200); do
  grep -q listening "$work/server.out" && break
  sleep 0.05
done
origin="$(grep -o 'http://[0-9.:]*' "$work/server.out")"

# wrk prints its own report; this one-line summary is what the table needs.
cat >"$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout
  io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, summary.requests, errors))
end
LUA
cat "$work/report.lua" - >"$work/mix.lua" <<'LUA'
local paths = {
  "/api/search?q=oil+prices&facets=10",
  "/api/search?q=cocoa&facets=10",
  "/api/search?q=bank+interest+rates&facets=10&sort=newest",
  "/api/search?q=opec+output&place=saudi+arabia&facets=10",
  "/api/search?q=%22trade+surplus%22&facets=10",
  "/api/search?q=gold&from=1987-03&to=1987-04&facets=10",
  "/api/search?q=wheat+exports&facets=10&offset=10",
  "/api/search?q=dollar+yen&facets=10",
  "/api/search?q=coffee+quotas&facets=10",
  "/api/search?q=quarterly+earnings&facets=10",
}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
LUA

run() {  # connections script path label
  local connections="$1" script="$2" path="$3" label="$4"
  local rps p50 p90 p99 requests errors
  read -r rps p50 p90 p99 requests errors < <(wrk -t "$((connections < threads ? connections : threads))" \
    -c "$connections" -d "${seconds}s" -s "$script" "$origin$path" | awk '/^RESULT/ { $1 = ""; print }')
  printf '| %s | %d | %s | %s | %s | %s | %s | %s |\n' "$label" "$connections" "$rps" "$p50" "$p90" "$p99" "$requests" "$errors"
}

echo "Reuters-21578 (21,578 articles), ${seconds} s per run, $(nproc) cores shared by wrk and the server, $(date -u +%Y-%m-%d)"
echo
echo "| requests | connections | requests/s | p50 ms | p90 ms | p99 ms | requests | errors |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for connections in 1 8 32; do
  run "$connections" "$work/mix.lua" / "search mix with facets"
done
run 8 "$work/report.lua" /healthz "GET /healthz (peer)"
