#!/usr/bin/env bash
# Formats every C++ file of the project with clang-format and .clang-format.
#   scripts/format.sh           rewrite the files in place
#   scripts/format.sh --check   change nothing; list the files that differ and fail (scripts/test.sh runs this)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.h' '*.h.in')
if [[ "${1:-}" == "--check" ]]; then
  differ=()
  for file in "${files[@]}"; do
    if ! clang-format --style=file "$file" | cmp -s - "$file"; then differ+=("$file"); fi
  done
  if ((${#differ[@]} > 0)); then
    echo "format: these files differ from .clang-format (run scripts/format.sh):" >&2
    printf '  %s\n' "${differ[@]}" >&2
    exit 1
  fi
  exit 0
fi
clang-format --style=file -i "${files[@]}"
