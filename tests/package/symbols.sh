#!/usr/bin/env bash
# libdateline-search.so exports exactly the functions its public headers
# declare: nothing of Xapian, JSON or the searcher's insides leaks out (they
# could clash with an embedding program's own copies), and nothing public is
# missing. The idea of notmuch's symbol-hiding test, for C++ names.
#   tests/package/symbols.sh LIBRARY HEADER...
set -euo pipefail
library="$1"
shift

# Demangled names of the exported functions and objects, without parameters: "dateline::Searcher::search".
exported="$(nm -D --defined-only -C "$library" | awk '$2 ~ /^[TWDBRV]$/ { $1 = ""; $2 = ""; print }' |
  sed -e 's/^ *//' -e 's/\[abi:[^]]*\]//g' -e 's/(.*//' | sort -u)"
# Names of the functions the headers declare, outside comments: "search", "to_json", "~Searcher", "operator=".
declared="$(sed -e 's://.*::' "$@" | grep -oE '(~?[A-Za-z_][A-Za-z0-9_]*|operator=)\(' | tr -d '(' | sort -u |
  grep -vxE 'if|for|while|return|sizeof|decltype|static_cast|bool|void|int|char|double')"  # a std::function<bool(...)> is no function

status=0
while read -r name; do
  [[ -z "$name" ]] && continue
  if [[ "$name" != dateline::* ]]; then
    echo "symbols: exported outside namespace dateline: $name" >&2
    status=1
  elif ! grep -qxF "${name##*::}" <<<"$declared"; then
    echo "symbols: exported but not declared in a public header: $name" >&2
    status=1
  fi
done <<<"$exported"
while read -r name; do
  if ! grep -qE "::$(sed 's/[]\[^$.*]/\\&/g' <<<"$name")\$" <<<"$exported"; then
    echo "symbols: declared in a public header but not exported: $name" >&2
    status=1
  fi
done <<<"$declared"
if ((status == 0)); then
  echo "symbols: $(wc -l <<<"$exported") exported names, each declared in a public header"
fi
exit "$status"
