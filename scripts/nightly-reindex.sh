#!/usr/bin/env bash
# Example nightly re-index of a news archive, for cron. Uses only documented
# dateline-index options and exit codes (README.md).
#
#   scripts/nightly-reindex.sh ARCHIVE_DIR DATABASE [WITHDRAWN_IDS_FILE]
#
#   1. indexes ARCHIVE_DIR incrementally: new and corrected articles go in,
#      unchanged ones are skipped, articles whose files are gone are pruned;
#   2. deletes the ids listed in WITHDRAWN_IDS_FILE (one a line), if given;
#   3. compacts the database on Sundays, or whenever DATELINE_COMPACT=1.
#
# Waits up to an hour for another indexer (exit code 4 otherwise). Exits 0 when
# all went well, 3 when some articles were rejected (they are listed on stderr,
# everything else is indexed), and with the indexer's own code on failure.
# DATELINE_INDEX names the dateline-index binary (default: the one on PATH).
set -uo pipefail

if (($# < 2 || $# > 3)); then
  echo "usage: $0 ARCHIVE_DIR DATABASE [WITHDRAWN_IDS_FILE]" >&2
  exit 1
fi
archive="$1"
database="$2"
withdrawn="${3:-}"
index="${DATELINE_INDEX:-dateline-index}"
result=0

step() {
  "$index" --db "$database" --wait 3600 "$@"
  local code=$?
  case "$code" in
    0) ;;
    3) result=3 ;;  # partial: reported, the rest indexed; keep going
    *)
      echo "nightly-reindex: dateline-index $* failed with exit code $code" >&2
      exit "$code"
      ;;
  esac
}

step --prune "$archive"
if [[ -n "$withdrawn" && -s "$withdrawn" ]]; then
  step --delete-from "$withdrawn"
fi
if [[ "${DATELINE_COMPACT:-}" == 1 || ( -z "${DATELINE_COMPACT:-}" && "$(date +%u)" == 7 ) ]]; then
  step --compact
fi
exit "$result"
