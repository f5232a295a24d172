#!/usr/bin/env bash
# Dateline against SQLite FTS5 and Xapian's own scriptindex + quest, on the
# same data and queries, in one invocation; prints one Markdown table with
# ratios Dateline/peer (also saved as build/bench-data/results-xSCALE.md).
#   scripts/bench/run.sh [--scale 1|10|50] [--rounds N] [--baseline BUILD]   (defaults: 1, 3)
# --baseline BUILD: also index and query with an earlier Dateline's Release
# build directory (e.g. of `git worktree add /tmp/base COMMIT`), in the same
# invocation, and print a second table: this build against that one.
# Data: build/bench-data/xSCALE.{jsonl,dump}, prepared once from
# ../shared/corpus/reuters21578 (copies with new ids and shuffled sentences).
# Queries: scripts/bench/queries.tsv (committed; made by corpus_tool queries).
set -euo pipefail
scale=1
rounds=3
baseline=""
while (($#)); do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --baseline) baseline="$(realpath "$2")"; shift 2 ;;
    *) echo "usage: scripts/bench/run.sh [--scale 1|10|50] [--rounds N] [--baseline BUILD]" >&2; exit 1 ;;
  esac
done
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bin="$root/build/release"
latency="$bin/tests/bench/engine_latency"
queries="$root/scripts/bench/queries.tsv"
data="$root/build/bench-data"
mkdir -p "$data"
prepare_data "$scale" "$data"
work="$data/run-x$scale"
rm -rf "$work"
mkdir -p "$work"
server=""
trap '[[ -n "$server" ]] && kill "$server" 2>/dev/null; true' EXIT

mib() { calc "$(du -sb "$1" | cut -f1) / 1048576" "%.1f"; }
log() { echo "bench: $*" >&2; }

declare -A figure
# timed NAME COMMAND...: wall s, CPU s (user + system) and peak RSS MiB of the command
timed() {
  local name="$1"
  shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/$name.time" "$@" >"$work/$name.out" 2>&1 ||
    { cat "$work/$name.out" >&2; exit 2; }
  read -r wall user system rss <"$work/$name.time"
  figure[$name.wall]="$wall"
  figure[$name.cpu]="$(calc "$user + $system" "%.2f")"
  figure[$name.rss]="$(calc "$rss / 1024" "%.0f")"
}
# read_latency [NAME]: p50/p95/p99 from engine_latency's lines, "dateline" in labels renamed NAME
read_latency() {
  local line label name="${1:-dateline}"
  while read -r line; do
    if [[ "$line" == snippet-agreement* ]]; then
      [[ "$name" == dateline ]] || continue
      read -r _ _ hits _ same _ more _ fewer <<<"$line"
      figure[snippets]="$same of $hits hits ($(calc "100 * $same / $hits" "%.1f") %) highlight exactly the words MSet::snippet's defaults do; $more more, $fewer fewer"
      continue
    fi
    read -r label _ _ _ p50 _ p95 _ p99 _ <<<"$line"
    label="${label/dateline/$name}"
    figure[$label.p50]="$p50"
    figure[$label.p95]="$p95"
    figure[$label.p99]="$p99"
  done
}
# process_latency NAME COMMAND: median wall ms of the command as a new process (hyperfine, no shell)
process_latency() {
  hyperfine -N --warmup 3 --runs 40 --export-json "$work/$1.hyperfine.json" "$2" >/dev/null
  figure[$1.process]="$(grep -o '"median": *[0-9.e-]*' "$work/$1.hyperfine.json" | awk '{ printf "%.2f", $2 * 1000 }')"
}

log "indexing x$scale with Dateline"
timed dateline "$index" --db "$work/dateline.db" --quiet --rebuild "$data/x$scale.jsonl"
figure[dateline.size]="$(mib "$work/dateline.db")"
"$index" --db "$work/dateline.db" --compact --quiet
figure[dateline.compact]="$(mib "$work/dateline.db")"

if [[ -n "$baseline" ]]; then
  log "indexing x$scale with the baseline Dateline ($baseline)"
  timed baseline "$baseline/indexer/dateline-index" --db "$work/baseline.db" --quiet --rebuild "$data/x$scale.jsonl"
  figure[baseline.size]="$(mib "$work/baseline.db")"
fi

log "indexing x$scale with scriptindex"
timed xapian scriptindex --stemmer=english "$work/xapian.db" "$root/scripts/bench/reuters.idx" "$data/x$scale.dump"
figure[xapian.size]="$(mib "$work/xapian.db")"
xapian-compact "$work/xapian.db" "$work/xapian-compact.db" >/dev/null
figure[xapian.compact]="$(mib "$work/xapian-compact.db")"

log "indexing x$scale with SQLite FTS5"
timed fts5 "$latency" fts5-build "$data/x$scale.jsonl" "$work/fts5.db"
figure[fts5.size]="$(mib "$work/fts5.db")"
sqlite3 "$work/fts5.db" "INSERT INTO articles(articles) VALUES('optimize'); VACUUM;"
figure[fts5.compact]="$(mib "$work/fts5.db")"

# The builds leave hundreds of MB to write back; flushing them now keeps that
# I/O out of whichever engine happens to be measured first.
sync
log "in-process query latency, $(($(wc -l <"$queries") - 1)) queries x $rounds rounds"
read_latency < <("$latency" dateline "$work/dateline.db" "$queries" "$rounds")
read_latency < <("$latency" xapian "$work/xapian-compact.db" "$queries" "$rounds")
read_latency < <("$latency" fts5 "$work/fts5.db" "$queries" "$rounds")
[[ -n "$baseline" ]] &&
  read_latency baseline < <("$baseline/tests/bench/engine_latency" dateline "$work/baseline.db" "$queries" "$rounds")

log "one query as a new process"
process_latency dateline "$search --db $work/dateline.db --json -n 10 'oil prices'"
process_latency xapian "quest -d $work/xapian-compact.db -m 10 -o and 'oil prices'"
process_latency fts5 "sqlite3 $work/fts5.db \"SELECT id, title, date, snippet(articles, 2, '<mark>', '</mark>', '…', 32) FROM articles WHERE articles MATCH 'oil prices' ORDER BY bm25(articles, 0.0, 3.0, 1.0, 0.0, 0.0, 0.0) LIMIT 10\""

log "HTTP server throughput (wrk, 8 connections, 10 s, the query set with facets)"
"$search" serve --db "$work/dateline.db" --listen 127.0.0.1:0 --quiet >"$work/server.out" &
server=$!
for _ in $(seq 200); do grep -q listening "$work/server.out" && break; sleep 0.05; done
origin="$(grep -o 'http://[0-9.:]*' "$work/server.out")"
query_mix "$queries" >"$work/mix.lua"
read -r _ rps http_p50 http_p99 http_errors < <(wrk -t 2 -c 8 -d 10s -s "$work/mix.lua" "$origin/" | grep '^RESULT')
kill "$server"
server=""

ratio() { [[ -n "${figure[$1]:-}" && -n "${figure[$2]:-}" ]] && calc "${figure[$1]} / ${figure[$2]}" "%.2f" || echo "–"; }
row() {  # label key
  printf '| %s | %s | %s | %s | %s | %s |\n' "$1" "${figure[dateline.$2]:-–}" "${figure[fts5.$2]:-–}" "${figure[xapian.$2]:-–}" \
    "$(ratio "dateline.$2" "fts5.$2")" "$(ratio "dateline.$2" "xapian.$2")"
}
articles=$(wc -l <"$data/x$scale.jsonl")
{
  echo "Reuters-21578 x$scale ($articles articles), $(date -u +%Y-%m-%d), $(nproc) cores, $(($(wc -l <"$queries") - 1)) queries x $rounds rounds; scripts/bench/run.sh --scale $scale"
  echo
  echo "| figure | Dateline | SQLite FTS5 | Xapian scriptindex + quest | Dateline / FTS5 | Dateline / Xapian |"
  echo "|---|---:|---:|---:|---:|---:|"
  row "index build, wall s" wall
  row "index build, CPU s" cpu
  row "index build, peak RSS MiB" rss
  row "index size, MiB" size
  row "index size compacted (--compact, xapian-compact, FTS5 optimize + VACUUM), MiB" compact
  row "query top 10 + snippets, p50 ms" p50
  row "query top 10 + snippets, p95 ms" p95
  row "query top 10 + snippets, p99 ms" p99
  printf '| %s | %s | – | – | – | – |\n' "query with exact facets, p50 / p95 / p99 ms" \
    "${figure[dateline-facets.p50]} / ${figure[dateline-facets.p95]} / ${figure[dateline-facets.p99]}"
  printf '| %s | %s | – | – | – | – |\n' "facets p50 / no-facets p50" "$(ratio dateline-facets.p50 dateline.p50)"
  printf '| %s | %s | – | – | – | – |\n' "grouped by story (--collapse) p50 / every article p50" \
    "${figure[dateline-grouped.p50]:-–} / ${figure[dateline.p50]} = $(ratio dateline-grouped.p50 dateline.p50)"
  printf '| %s | %s | – | – | – | – |\n' "grouped by story with facets p50 / every article with facets p50" \
    "${figure[dateline-facets-grouped.p50]:-–} / ${figure[dateline-facets.p50]} = $(ratio dateline-facets-grouped.p50 dateline-facets.p50)"
  printf '| %s | %s | – | – | – | – |\n' "snippets against MSet::snippet (background model) on the whole text" "${figure[snippets]}"
  row "one query as a new process (dateline-search --json, sqlite3 with snippet(), quest without snippets), median ms" process
  printf '| %s | %s | – | – | – | – |\n' "HTTP server, 8 connections: requests/s, p50 / p99 ms" "$rps, $http_p50 / $http_p99 ($http_errors errors)"
  if [[ -n "$baseline" ]]; then
    against() {  # label key
      printf '| %s | %s | %s | %s |\n' "$1" "${figure[dateline.$2]:-–}" "${figure[baseline.$2]:-–}" "$(ratio "dateline.$2" "baseline.$2")"
    }
    echo
    echo "Against the baseline build $baseline ($(git -C "$baseline/.." log --oneline -1 2>/dev/null || echo "commit unknown")):"
    echo
    echo "| figure | Dateline | baseline | Dateline / baseline |"
    echo "|---|---:|---:|---:|"
    against "index build, wall s" wall
    against "index build, CPU s" cpu
    against "index build, peak RSS MiB" rss
    against "index size, MiB" size
    against "query top 10 + snippets, p50 ms" p50
    against "query top 10 + snippets, p99 ms" p99
    printf '| %s | %s | %s | %s |\n' "query with exact facets, p50 ms" "${figure[dateline-facets.p50]}" \
      "${figure[baseline-facets.p50]:-–}" "$(ratio dateline-facets.p50 baseline-facets.p50)"
  fi
} | tee "$data/results-x$scale.md"
