#!/usr/bin/env bash
# Scale-out on one machine, in one invocation: the same articles as one
# database, as a sharded archive searched through its local stub, and as the
# archive's shards served by xapian-tcpsrv on 127.0.0.1 (a stub of "remote"
# lines and the lexicon). Prints one Markdown table (also saved as
# build/bench-data/scale-xSCALE.md): build time, top 10 with snippets and with
# facets (p50/p99, in process), and the HTTP server's throughput on the query set with facets.
#   scripts/bench/scale.sh [--scale 1|10|50] [--shards N] [--rounds N] [--data DIR]   (defaults: 50, 4, 2)
# --data DIR: where xSCALE.jsonl is or is made (default build/bench-data).
set -euo pipefail
scale=50
shards=4
rounds=2
data=""
while (($#)); do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --shards) shards="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --data) data="$(realpath "$2")"; shift 2 ;;
    *) echo "usage: scripts/bench/scale.sh [--scale 1|10|50] [--shards N] [--rounds N] [--data DIR]" >&2; exit 1 ;;
  esac
done
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
latency="$root/build/release/tests/bench/engine_latency"
queries="$root/scripts/bench/queries.tsv"
data="${data:-$root/build/bench-data}"
mkdir -p "$data"
prepare_data "$scale" "$data"
work="$root/build/bench-data/scale-x$scale"
rm -rf "$work"
mkdir -p "$work"
pids=()
trap 'for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || true; done' EXIT
log() { echo "bench: $*" >&2; }
mib() { calc "$(du -sb "$1" | cut -f1) / 1048576" "%.1f"; }

declare -A figure
# timed NAME COMMAND...: wall s and peak RSS MiB of the command
timed() {
  local name="$1"
  shift
  /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" >"$work/$name.out" 2>&1 || { cat "$work/$name.out" >&2; exit 2; }
  read -r wall rss <"$work/$name.time"
  figure[$name.wall]="$wall"
  figure[$name.rss]="$(calc "$rss / 1024" "%.0f")"
}

log "indexing x$scale as one database"
timed one "$index" --db "$work/one.db" --quiet --rebuild "$data/x$scale.jsonl"
figure[one.size]="$(mib "$work/one.db")"
log "indexing x$scale as $shards shards"
timed local "$index" --db "$work/archive" --shards "$shards" --quiet --rebuild "$data/x$scale.jsonl"
figure[local.size]="$(mib "$work/archive")"
figure[local.shard]="$(mib "$work/archive/shard-00")"

log "serving the shards with xapian-tcpsrv"
stub="auto $work/archive/lexicon"$'\n'
for ((n = 0; n < shards; n++)); do
  port=$((17400 + n))
  setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$(printf '%s/shard-%02d' "$work/archive" "$n")" \
    >"$work/tcpsrv-$n.out" 2>&1 &
  pids+=($!)
  stub+="remote 127.0.0.1:$port"$'\n'
done
printf '%s' "$stub" >"$work/remote.stub"
sleep 1
figure[remote.wall]="${figure[local.wall]}"
figure[remote.rss]="${figure[local.rss]}"
figure[remote.size]="${figure[local.size]}"
sync

declare -A database=([one]="$work/one.db" [local]="$work/archive" [remote]="$work/remote.stub")
for name in one local remote; do
  log "in-process query latency through $name, $(($(wc -l <"$queries") - 1)) queries x $rounds rounds"
  while read -r label _ _ _ p50 _ p95 _ p99 _; do
    figure[$name.${label#dateline}.p50]="$p50"
    figure[$name.${label#dateline}.p99]="$p99"
  done < <("$latency" searcher "${database[$name]}" "$queries" "$rounds")
done

query_mix "$queries" >"$work/mix.lua"
for name in one local remote; do
  log "HTTP server throughput through $name (wrk, 8 connections, 10 s, the query set with facets)"
  setsid "$search" serve --db "${database[$name]}" --listen 127.0.0.1:0 --quiet >"$work/serve-$name.out" 2>&1 &
  pids+=($!)
  for _ in $(seq 400); do grep -q listening "$work/serve-$name.out" && break; sleep 0.05; done
  origin="$(grep -o 'http://[0-9.:]*' "$work/serve-$name.out")"
  read -r _ rps p50 p99 errors < <(wrk -t 2 -c 8 -d 10s -s "$work/mix.lua" "$origin/" | grep '^RESULT')
  figure[$name.http]="$rps, $p50 / $p99 ($errors errors)"
  if ! kill -- "-${pids[-1]}" 2>/dev/null; then
    figure[$name.http]+=", the server died: $(tail -1 "$work/serve-$name.out")"
  fi
  wait "${pids[-1]}" || log "serve through $name exited with $?"
  unset 'pids[-1]'
done

row() {  # label key
  printf '| %s | %s | %s | %s |\n' "$1" "${figure[one.$2]:-–}" "${figure[local.$2]:-–}" "${figure[remote.$2]:-–}"
}
pair() {  # label key
  printf '| %s | %s / %s | %s / %s | %s / %s |\n' "$1" "${figure[one.$2.p50]}" "${figure[one.$2.p99]}" \
    "${figure[local.$2.p50]}" "${figure[local.$2.p99]}" "${figure[remote.$2.p50]}" "${figure[remote.$2.p99]}"
}
articles=$(wc -l <"$data/x$scale.jsonl")
{
  echo "Reuters-21578 x$scale ($articles articles), $(date -u +%Y-%m-%d), $(nproc) cores, $(($(wc -l <"$queries") - 1)) queries x $rounds rounds; scripts/bench/scale.sh --scale $scale --shards $shards --rounds $rounds"
  echo
  echo "| figure | one database | $shards local shards (stub) | $shards xapian-tcpsrv shards on 127.0.0.1 |"
  echo "|---|---:|---:|---:|"
  row "index build (--rebuild), wall s" wall
  row "index build, peak RSS MiB" rss
  row "index size, MiB" size
  printf '| %s | – | %s | %s |\n' "one shard, MiB" "${figure[local.shard]}" "${figure[local.shard]}"
  pair "top 10 + snippets, grouped by story, p50 / p99 ms" ""
  pair "top 10 + snippets, every article, p50 / p99 ms" "-uncollapsed"
  pair "top 10 + snippets + exact facets, grouped, p50 / p99 ms" "-facets"
  pair "top 10 + snippets + exact facets, every article, p50 / p99 ms" "-facets-uncollapsed"
  row "HTTP serve, 8 connections, query set with facets: requests/s, p50 / p99 ms" http
} | tee "$root/build/bench-data/scale-x$scale.md"
