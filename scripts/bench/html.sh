#!/usr/bin/env bash
# HTML and WARC ingestion on the 23 real pages of ../shared/corpus/web (Release build):
#   - HTML files: COPIES copies of the pages with new ids (one folder a copy),
#     indexed with one extraction thread (--threads 1) and the whole indexer
#     pinned to one core (taskset): pages/s, MB/s, peak RSS; then five times
#     as many copies of the pages of 40-160 KB (about 100 KB on average);
#   - WARC: the same pages as HTTP responses in uncompressed WARC files of two
#     sizes (SMALL and LARGE copies of the pages, new URIs each): peak RSS of
#     each, which stays flat when the file grows (records are streamed).
#   scripts/bench/html.sh [COPIES [SMALL LARGE]]   (default 20, 60 and 240: past the first
#   1,000 articles, which the indexer holds to train its compression dictionary)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
copies="${1:-20}"
small="${2:-60}"
large="${3:-240}"
pages=("$shared"/web/*/source.html)

# /usr/bin/time -v's wall seconds and peak RSS (MB) of a command
measure() {
  /usr/bin/time -v "$@" 2>"$work/time.txt" >/dev/null
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%s ", s }
              /Maximum resident set size/ { printf "%d\n", $2 / 1024 }' "$work/time.txt"
}

# COPIES copies of the given pages indexed on one core: pages/s, MB/s, peak RSS.
bench_html() {
  local label="$1"
  shift
  rm -rf "$work/html" "$work/html.db"
  for ((copy = 1; copy <= copies; copy++)); do
    mkdir -p "$work/html/copy-$copy"
    for page in "$@"; do
      cp "$page" "$work/html/copy-$copy/$(basename "$(dirname "$page")").html"
    done
  done
  local files=$((copies * $#)) bytes seconds rss
  bytes="$(du -sb "$work/html" | cut -f1)"
  read -r seconds rss < <(measure taskset -c 0 "$index" --db "$work/html.db" --threads 1 --quiet "$work/html")
  echo "HTML, $label: $files pages, $(calc "$bytes / $files / 1000" "%.0f") KB each on average, one core (--threads 1, taskset -c 0)"
  echo "  $seconds s: $(calc "$files / $seconds" "%.0f") pages/s, $(calc "$bytes / 1000000 / $seconds" "%.1f") MB/s; peak RSS $rss MB"
}
bench_html "all 23 pages" "${pages[@]}"
near_100kb=()
for page in "${pages[@]}"; do
  size="$(stat -c %s "$page")"
  if ((size >= 40000 && size <= 160000)); then near_100kb+=("$page"); fi
done
copies=$((copies * 5)) bench_html "the ${#near_100kb[@]} pages of 40-160 KB" "${near_100kb[@]}"

# A WARC of COUNT copies of the pages, each an HTTP 200 response with its own URI.
http_header=$'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n'
make_warc() {
  local count="$1" out="$2"
  for ((copy = 1; copy <= count; copy++)); do
    for page in "${pages[@]}"; do
      local name length
      name="$(basename "$(dirname "$page")")"
      length=$(($(stat -c %s "$page") + ${#http_header}))
      printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://bench.example/%d/%s\r\nWARC-Date: 2024-03-05T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n' \
        "$copy" "$name" "$length"
      printf '%s' "$http_header"
      cat "$page"
      printf '\r\n\r\n'
    done
  done >"$out"
}
for count in "$small" "$large"; do
  make_warc "$count" "$work/crawl.warc"
  size="$(stat -c %s "$work/crawl.warc")"
  read -r seconds rss < <(measure "$index" --db "$work/warc-$count.db" --quiet "$work/crawl.warc")
  echo "WARC: $((count * ${#pages[@]})) records, $(calc "$size / 1000000" "%.0f") MB: $seconds s, $(calc "$size / 1000000 / $seconds" "%.1f") MB/s, peak RSS $rss MB"
  rm -f "$work/crawl.warc"
  rm -rf "$work/warc-$count.db"
done
