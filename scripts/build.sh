#!/usr/bin/env bash
# Configures and builds one build directory with all cores.
#   scripts/build.sh DIR [cmake options...]
# A directory configured with other options (another compiler, say) is
# started afresh: CMake cannot change some of them in place.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$1"
shift
stamp="$build_dir/.dateline-configure"
wanted="$*"
if [[ -f "$stamp" && "$(cat "$stamp")" != "$wanted" ]]; then
  rm -rf "$build_dir"
fi
mkdir -p "$build_dir"
cmake -S "$root" -B "$build_dir" "$@" >/dev/null
echo "$wanted" >"$stamp"
cmake --build "$build_dir" -j "$(nproc)"
