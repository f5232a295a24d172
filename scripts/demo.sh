#!/usr/bin/env bash
# The main job: installs what is missing, builds (Release), indexes the bundled
# sample corpus and runs sample searches against it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash scripts/setup.sh
bash scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release -DDATELINE_BUILD_TESTS=OFF

index=build/release/indexer/dateline-index
search=build/release/searcher/dateline-search
export DATELINE_DB="$root/build/demo.db"

if [[ -t 1 && -z "${NO_COLOR:-}" ]]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
step() { printf '\n%s$ %s%s\n' "$bold" "$*" "$plain"; "$@"; }

step "$index" --rebuild corpus/
step "$index" --stats
step "$search" --facets=5 geneva talks
step "$search" --place chile --sort newest central bank
step "$search" --from 2021 --to 2021-06 --json -n 2 '"peace talks"'
step "$search" Tavres okafor
step "$search" --show reuters-90001
echo
echo "Database: $DATELINE_DB (try: $search --db $DATELINE_DB your words)"
