#!/usr/bin/env bash
# Installs the Debian 12 packages Dateline needs, skipping those already installed.
#   scripts/setup.sh          what building and running need (xapian-tools: xapian-tcpsrv and
#                             xapian-replicate for sharded archives, and the shard tests)
#   scripts/setup.sh --tests  also what the test suite needs (clang for the fuzzers,
#                             clang-format, Chromium and Node.js for the browser test,
#                             GNU wget to make WARC files)
#   scripts/setup.sh --bench  also what the benchmarks need (GNU time, hyperfine, wrk, and the
#                             peers: SQLite, Xapian's scriptindex and quest)
#   scripts/setup.sh --eval   also what scripts/eval.sh's peers need (Debian's Python with python3-xapian)
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libxapian-dev libcli11-dev libzstd-dev libxxhash-dev nlohmann-json3-dev libcpp-httplib-dev
  libgeonames-dev iso-codes wamerican libgumbo-dev zlib1g-dev
  catch2 help2man xapian-tools
)
case "${1:-}" in
  --tests)
    packages+=(clang libclang-rt-14-dev clang-format chromium wget)
    # A machine may have Node.js from elsewhere (NodeSource), whose npm clashes with Debian's.
    if ! command -v npm >/dev/null; then packages+=(nodejs npm); fi
    ;;
  --bench) packages+=(time hyperfine wrk sqlite3 libsqlite3-dev xapian-omega) ;;
  --eval) packages+=(python3 python3-xapian) ;;
esac

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
sudo=()
if [[ "$(id -u)" != 0 ]]; then
  sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
