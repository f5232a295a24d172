#!/usr/bin/env bash
# Search quality on the shared development set (../shared/eval), Dateline and
# the two peers it ships with, run the same way in one invocation:
#   scripts/eval.sh [--details DIR] [--split all|dev|heldout]
# Builds Release, indexes BBC + seeds + Reuters into build/eval/, runs
# ../shared/eval/run_eval.py for Dateline (ranking and people/places),
# SQLite FTS5 and plain Xapian (ranking), and prints one Markdown table.
# Skips with a message when ../shared/eval or ../shared/corpus is absent.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
shared="$root/../shared"
details=""
split="all"
while (($# > 0)); do
  case "$1" in
    --details) details="$2"; shift 2 ;;
    --split) split="$2"; shift 2 ;;
    *) echo "usage: scripts/eval.sh [--details DIR] [--split all|dev|heldout]" >&2; exit 1 ;;
  esac
done
if [[ ! -f "$shared/eval/run_eval.py" || ! -d "$shared/corpus/reuters21578" ]]; then
  echo "eval: skipped: ../shared/eval and ../shared/corpus are absent (they are only on CI and development machines)"
  exit 0
fi
bash scripts/setup.sh --eval
# The same configuration as scripts/test.sh and scripts/bench/, so no build is redone.
bash scripts/build.sh build/release -DCMAKE_BUILD_TYPE=Release -DDATELINE_WERROR=ON >/dev/null
work="$root/build/eval"
rm -rf "$work"
mkdir -p "$work"
eval_py=(python3 "$shared/eval/run_eval.py" --split "$split" --jobs 2)
corpus=("$shared/corpus/bbc" "$shared/corpus/seeds" "$shared/corpus/reuters21578")
detail() { [[ -n "$details" ]] && echo "--details" "$details/$1.json"; }
[[ -n "$details" ]] && mkdir -p "$details"

echo "eval: Dateline" >&2
"${eval_py[@]}" --label dateline --db "$work/dateline.db" \
  --index-cmd "$root/build/release/indexer/dateline-index --db {db} --quiet {paths}" \
  --search-cmd "$root/build/release/searcher/dateline-search --db {db} --json -n {n} {query}" \
  --show-cmd "$root/build/release/searcher/dateline-search --db {db} --show {id} --json" \
  --show-id-format "bbc/{id}" $(detail dateline) >"$work/dateline.out"

peers="$shared/eval/peers"
echo "eval: SQLite FTS5" >&2
python3 "$peers/fts5_engine.py" index --db "$work/fts5.db" "${corpus[@]}" >/dev/null
"${eval_py[@]}" --label fts5 --only ranking --db "$work/fts5.db" \
  --search-cmd "python3 $peers/fts5_engine.py search --db {db} --json -n {n} {query}" $(detail fts5) >"$work/fts5.out"

# python3-xapian installs into Debian's own Python.
echo "eval: plain Xapian" >&2
/usr/bin/python3 "$peers/xapian_engine.py" index --db "$work/xapian.db" "${corpus[@]}" >/dev/null
"${eval_py[@]}" --label xapian --only ranking --db "$work/xapian.db" \
  --search-cmd "/usr/bin/python3 $peers/xapian_engine.py search --db {db} --json -n {n} {query}" $(detail xapian) >"$work/xapian.out"

python3 - "$work" "$split" <<'PY'
import json, sys, datetime
work, split = sys.argv[1], sys.argv[2]
rows = [("SQLite FTS5, bm25, title x10", "fts5"), ("plain Xapian, BM25, stemmed OR, title x5", "xapian"), ("Dateline", "dateline")]
def summary(name):
    return json.loads(open(f"{work}/{name}.out").read().strip().splitlines()[-1])
def cell(s, *path):
    for key in path:
        if not isinstance(s, dict) or key not in s:
            return "–"
        s = s[key]
    return f"{s:.3f}" if isinstance(s, (int, float)) else str(s)
print(f"Development set ({split}), {datetime.date.today()}; scripts/eval.sh\n")
print("| engine | known-item MRR@10 | S@1 | S@10 | set-answer recall@10 | topics P@10 | topics MAP@100 | people F1 (P / R) | places F1 (P / R) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for label, name in rows:
    s = summary(name)
    def ner(kind):
        if "ner" not in s:
            return "–"
        return f"{cell(s, 'ner', kind, 'f1')} ({cell(s, 'ner', kind, 'precision')} / {cell(s, 'ner', kind, 'recall')})"
    print(f"| {label} | {cell(s, 'known_item_bbc', 'mrr@10')} | {cell(s, 'known_item_bbc', 'success@1')} | "
          f"{cell(s, 'known_item_bbc', 'success@10')} | {cell(s, 'known_item_reuters_seeds', 'set_recall@10')} | "
          f"{cell(s, 'topics_reuters', 'p@10')} | {cell(s, 'topics_reuters', 'map@100')} | {ner('people')} | {ner('places')} |")
PY
