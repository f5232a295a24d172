#!/usr/bin/env bash
# Installs Dateline from a build directory into a temporary prefix, then builds
# search_app against it twice (CMake package, pkg-config) and runs both on a
# database of the sample corpus.
#   tests/package/check.sh BUILD_DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$(cd "$1" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() { echo "package check: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/prefix" >/dev/null
for page in dateline-index dateline-search dateline-search-serve; do
  man="$work/prefix/share/man/man1/$page.1"
  [[ -f "$man" ]] || fail "no man page $man (is help2man installed?)"
  grep -q '^\.SH EXAMPLES\|^Examples:' "$man" || fail "$man has no examples"
done
grep -q -- 'color' "$work/prefix/share/man/man1/dateline-search.1" || fail "dateline-search.1 does not describe --color"
echo "man pages: ok"
"$work/prefix/bin/dateline-index" --db "$work/db" "$root/corpus" >/dev/null 2>&1

expect_search_output() {
  local output="$1"
  grep -q '^total: [1-9]' <<<"$output" || fail "no hits for 'geneva talks': $output"
  grep -q '^json: {"query":"geneva talks"' <<<"$output" || fail "no JSON contract: $output"
  grep -q '^query error: .*AND' <<<"$output" || fail "QueryError not caught across the library boundary: $output"
}

cmake -S "$here" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/cmake-build" >/dev/null
expect_search_output "$("$work/cmake-build/search_app" "$work/db" "geneva talks")"
echo "find_package(Dateline) + Dateline::search: ok"

PKG_CONFIG_PATH="$(dirname "$(find "$work/prefix" -name dateline-search.pc)")"
export PKG_CONFIG_PATH
read -r -a flags <<<"$(pkg-config --cflags --libs dateline-search)"
libdir="$(pkg-config --variable=libdir dateline-search)"
c++ -std=c++17 "$here/search_app.cpp" -o "$work/pkg-config-app" "${flags[@]}" -Wl,-rpath,"$libdir"
expect_search_output "$("$work/pkg-config-app" "$work/db" "geneva talks")"
echo "pkg-config dateline-search: ok"
