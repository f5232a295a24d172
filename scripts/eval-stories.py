#!/usr/bin/env python3
"""Scores Dateline's story assignment and "more like this" against tests/stories/.

  python3 scripts/eval-stories.py --search build/release/searcher/dateline-search --db DB \
      [--labels tests/stories/stories.tsv] [--related tests/stories/related.tsv]
      [--related-not tests/stories/related_not.tsv] [--json] [--details]
  python3 scripts/eval-stories.py --self-test

Clustering: for every labelled id it runs `SEARCH --db DB --show ID --json` and reads the
article's "story" object ({"id": "...", "articles": N, "sources": [...]}). Two labelled articles
are a gold pair when they have the same `story` slug in stories.tsv, a predicted pair when the
engine gives them the same story id. Only labelled articles are compared; an id the database
does not have (--show exits 1), or an article without a story, counts as a story of its own.

Related: for every query in related.tsv it runs `SEARCH --db DB --related ID --json -n 5` and
computes precision@5; a result is relevant only when (query, result) is a row of related.tsv.
related_not.tsv (read when present; by default the file beside related.tsv) lists results judged
not relevant; they count as misses, like unlisted ones, but are not reported as unjudged. The
judgements are pooled and incomplete (like TREC): a result in neither file (nor in the query's
own story) is unjudged, and while any are, P@5 is a lower bound; their number is reported beside it.

Prints a table; with --json, one JSON summary object as the last line. Exits 0 after printing,
2 when the search program cannot run at all (not found, not executable, database unreadable).
Python 3 standard library only.
"""

import argparse
import collections
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_LABELS = os.path.join(ROOT, "tests", "stories", "stories.tsv")
DEFAULT_RELATED = os.path.join(ROOT, "tests", "stories", "related.tsv")
WORKERS = 2
CALL_TIMEOUT = 120  # seconds for one search call
RELATED_K = 5


class SearchUnavailable(Exception):
    """The search program cannot run at all: the whole evaluation stops (exit 2)."""


# ---------------------------------------------------------------- reading the labelled set

def read_tsv(path, columns):
    """Rows of a TSV file with a header line naming `columns` (in that order), as dicts."""
    with open(path, encoding="utf-8") as f:
        lines = [line.rstrip("\n") for line in f]
    if not lines or lines[0].split("\t") != columns:
        raise ValueError("%s: the header must be %s" % (path, "\t".join(columns)))
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != len(columns):
            raise ValueError("%s:%d: expected %d tab-separated fields" % (path, number, len(columns)))
        rows.append(dict(zip(columns, fields)))
    return rows


def read_labels(path):
    rows = read_tsv(path, ["story", "id", "kind", "note"])
    seen = set()
    for row in rows:
        if row["id"] in seen:
            raise ValueError("%s: id %s is labelled twice" % (path, row["id"]))
        seen.add(row["id"])
    return rows


def read_related(path):
    judged = collections.OrderedDict()
    for row in read_tsv(path, ["query_id", "related_id", "note"]):
        judged.setdefault(row["query_id"], set()).add(row["related_id"])
    return judged


def read_related_not(path):
    """related_not.tsv: query -> set of results judged not relevant."""
    judged_not = {}
    for row in read_tsv(path, ["query_id", "result_id", "note"]):
        judged_not.setdefault(row["query_id"], set()).add(row["result_id"])
    return judged_not


def check_judgements(judged, judged_not):
    """Raises ValueError when a (query, result) pair is judged both relevant and not relevant."""
    both = sorted((q, r) for q in judged_not for r in judged_not[q] & judged.get(q, set()))
    if both:
        raise ValueError("judged both relevant and not relevant: %s" % ", ".join("%s %s" % p for p in both))


# ---------------------------------------------------------------- metrics (pure functions)

def _pairs(n):
    return n * (n - 1) // 2


def with_singletons(predicted, ids):
    """predicted: id -> engine story id or None. Returns id -> cluster key, where every id
    without a story (missing, failed, no story field) gets a key of its own."""
    return {i: ("story", predicted[i]) if predicted.get(i) is not None else ("alone", i) for i in ids}


def pairwise(gold, pred):
    """Pairwise precision, recall and F1 over all pairs of the ids in `gold` (id -> gold story)
    and `pred` (id -> predicted cluster; same keys). Precision is 1 when nothing is paired,
    recall is 1 when the gold set has no pairs."""
    cells = collections.Counter((gold[i], pred[i]) for i in gold)
    gold_sizes = collections.Counter(gold.values())
    pred_sizes = collections.Counter(pred[i] for i in gold)
    true_pairs = sum(_pairs(n) for n in cells.values())
    gold_pairs = sum(_pairs(n) for n in gold_sizes.values())
    pred_pairs = sum(_pairs(n) for n in pred_sizes.values())
    precision = true_pairs / pred_pairs if pred_pairs else 1.0
    recall = true_pairs / gold_pairs if gold_pairs else 1.0
    return _prf(precision, recall, true_pairs=true_pairs, gold_pairs=gold_pairs, predicted_pairs=pred_pairs)


def bcubed(gold, pred):
    """B-cubed precision, recall and F1: per-article overlap of its gold and predicted
    clusters (restricted to the ids in `gold`), averaged over articles."""
    if not gold:
        return _prf(1.0, 1.0)
    cells = collections.Counter((gold[i], pred[i]) for i in gold)
    gold_sizes = collections.Counter(gold.values())
    pred_sizes = collections.Counter(pred[i] for i in gold)
    precision = recall = 0.0
    for i in gold:
        both = cells[(gold[i], pred[i])]
        precision += both / pred_sizes[pred[i]]
        recall += both / gold_sizes[gold[i]]
    return _prf(precision / len(gold), recall / len(gold))


def _prf(precision, recall, **extra):
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    result = {"precision": precision, "recall": recall, "f1": f1}
    result.update(extra)
    return result


def stories_kept(gold, pred):
    """For every gold story of two or more articles: kept together (all in one predicted
    cluster) and exact (kept together, and that cluster holds no other labelled article).
    Returns (kept, exact, total, names of the stories not kept together)."""
    members = collections.defaultdict(list)
    for i, story in gold.items():
        members[story].append(i)
    pred_sizes = collections.Counter(pred[i] for i in gold)
    kept = exact = total = 0
    split = []
    for story, ids in sorted(members.items()):
        if len(ids) < 2:
            continue
        total += 1
        clusters = {pred[i] for i in ids}
        if len(clusters) == 1:
            kept += 1
            if pred_sizes[next(iter(clusters))] == len(ids):
                exact += 1
        else:
            split.append(story)
    return kept, exact, total, split


def groups_together(groups, pred):
    """groups: list of id lists. Returns (number whose ids all share a predicted cluster, total)."""
    together = sum(1 for ids in groups if len({pred[i] for i in ids}) == 1)
    return together, len(groups)


def neighbours_apart(neighbours, pred, labelled):
    """Neighbours whose predicted cluster contains no other labelled article, and the ones merged."""
    pred_sizes = collections.Counter(pred[i] for i in labelled)
    merged = [i for i in neighbours if pred_sizes[pred[i]] > 1]
    return len(neighbours) - len(merged), merged


def precision_at_k(results, relevant, k=RELATED_K):
    """Share of the first k results that are relevant; fewer than k results count as misses."""
    return sum(1 for r in results[:k] if r in relevant) / k


def classify_results(query, results, relevant, not_relevant, gold):
    """Splits results into (own story, judged not relevant, unjudged): own story when query and
    result share a gold story, judged not relevant when listed in related_not.tsv, unjudged when
    in neither file."""
    own_story = [r for r in results if query in gold and gold.get(r) == gold[query]]
    judged_not = [r for r in results if r in not_relevant and r not in own_story]
    unjudged = [r for r in results if r not in relevant and r not in not_relevant and r not in own_story]
    return own_story, judged_not, unjudged


# ---------------------------------------------------------------- running the search program

def run_search(search, args):
    """Runs SEARCH with args. Returns (exit code, parsed JSON or None, error message)."""
    try:
        done = subprocess.run([search] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=CALL_TIMEOUT)
    except OSError as error:
        raise SearchUnavailable("cannot run %s: %s" % (search, error))
    except subprocess.TimeoutExpired:
        return None, None, "timed out after %d s" % CALL_TIMEOUT
    message = done.stderr.decode("utf-8", "replace").strip()
    try:
        parsed = json.loads(done.stdout.decode("utf-8", "replace"))
    except ValueError:
        parsed = None
    if isinstance(parsed, dict) and isinstance(parsed.get("error"), str):
        message = parsed["error"]  # errors are a JSON object too
    if done.returncode == 2:
        raise SearchUnavailable("%s exited 2 (database missing or unreadable?): %s" % (search, message))
    return done.returncode, parsed, message


def show_story(search, db, article_id):
    """('ok', story id) | ('nostory', None) | ('missing', message) | ('error', message)."""
    code, parsed, message = run_search(search, ["--db", db, "--show", article_id, "--json"])
    if code == 1:
        return "missing", message
    if code != 0 or not isinstance(parsed, dict):
        return "error", "exit %s, %s" % (code, message or "output is not a JSON object")
    story = parsed.get("story")
    if not isinstance(story, dict) or story.get("id") in (None, ""):
        return "nostory", None
    return "ok", str(story["id"])


def related_results(search, db, article_id):
    """('ok', [ids]) | ('missing', message) | ('error', message)."""
    code, parsed, message = run_search(search, ["--db", db, "--related", article_id, "--json",
                                                "-n", str(RELATED_K)])
    if code == 1:
        return "missing", message
    if code != 0 or not isinstance(parsed, dict) or not isinstance(parsed.get("results"), list):
        return "error", "exit %s, %s" % (code, message or "no results list in the output")
    return "ok", [str(r.get("id")) for r in parsed["results"] if isinstance(r, dict)]


def parallel(function, items):
    """function(item) for every item with a small thread pool, results in item order."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(function, items))


# ---------------------------------------------------------------- the evaluation

def evaluate_stories(search, db, labels):
    ids = [row["id"] for row in labels]
    gold = {row["id"]: row["story"] for row in labels}
    answers = parallel(lambda i: show_story(search, db, i), ids)
    predicted, missing, nostory, errors = {}, [], [], []
    missing_message = None
    for i, (status, value) in zip(ids, answers):
        if status == "ok":
            predicted[i] = value
        elif status == "missing":
            missing.append(i)
            missing_message = value
        elif status == "nostory":
            nostory.append(i)
        else:
            errors.append((i, value))
    pred = with_singletons(predicted, ids)

    by_story = collections.defaultdict(list)
    for row in labels:
        by_story[row["story"]].append(row)
    duplicate_groups = [[r["id"] for r in rows if r["kind"] == "duplicate"] for rows in by_story.values()]
    duplicate_groups = [g for g in duplicate_groups if len(g) >= 2]
    seeds = [row["id"] for row in labels if row["id"].startswith("seeds/")]
    neighbours = [row["id"] for row in labels if row["kind"] == "neighbour"]

    kept, exact, total, split = stories_kept(gold, pred)
    dup_together, dup_total = groups_together(duplicate_groups, pred)
    apart, merged = neighbours_apart(neighbours, pred, ids)
    return {
        "articles": len(ids),
        "pairwise": pairwise(gold, pred),
        "bcubed": bcubed(gold, pred),
        "stories_kept_together": kept,
        "stories_exact": exact,
        "stories_total": total,
        "stories_split": split,
        "seeds_together": len(seeds) >= 2 and len({pred[i] for i in seeds}) == 1,
        "duplicate_groups_together": dup_together,
        "duplicate_groups_total": dup_total,
        "neighbours_apart": apart,
        "neighbours_total": len(neighbours),
        "neighbours_merged": merged,
        "missing": missing,
        "missing_message": missing_message,
        "without_story": nostory,
        "errors": errors,
        "predicted": predicted,
    }


def evaluate_related(search, db, judged, gold, judged_not=None):
    judged_not = judged_not or {}
    queries = list(judged)
    answers = parallel(lambda q: related_results(search, db, q), queries)
    per_query, failed = [], []
    for q, (status, value) in zip(queries, answers):
        if status != "ok":
            failed.append((q, ("exit 1: %s" % value) if status == "missing" else value))
            per_query.append({"query": q, "p_at_5": 0.0, "results": [], "failed": True})
            continue
        results = value[:RELATED_K]
        own_story, not_relevant, unjudged = classify_results(q, results, judged[q], judged_not.get(q, set()), gold)
        per_query.append({"query": q, "p_at_5": precision_at_k(results, judged[q]), "results": results,
                          "own_story": own_story, "not_relevant": not_relevant, "unjudged": unjudged,
                          "failed": False})
    mean = sum(p["p_at_5"] for p in per_query) / len(per_query) if per_query else 0.0
    returned = sum(len(p["results"]) for p in per_query)
    return {
        "queries": len(queries),
        "mean_p_at_5": mean,
        "below_0_4": [p["query"] for p in per_query if p["p_at_5"] < 0.4],
        "failed": failed,
        "results_returned": returned,
        "results_unjudged": sum(len(p.get("unjudged", [])) for p in per_query),
        "results_judged_not_relevant": sum(len(p.get("not_relevant", [])) for p in per_query),
        "results_in_own_story": sum(len(p.get("own_story", [])) for p in per_query),
        "per_query": per_query,
    }


# ---------------------------------------------------------------- output

def print_report(labels_path, related_path, db, labels, stories, related, details, related_not_path=None):
    out = sys.stdout
    kinds = collections.Counter(row["kind"] for row in labels)
    out.write("Dateline story evaluation\n")
    out.write("  database  %s\n" % db)
    out.write("  labels    %s: %d articles (%d event, %d duplicate, %d neighbour)\n" % (
        labels_path, len(labels), kinds["event"], kinds["duplicate"], kinds["neighbour"]))
    out.write("\nStory assignment (pairs and clusters among labelled articles only)\n")
    out.write("  %-10s %9s %9s %9s\n" % ("metric", "precision", "recall", "F1"))
    for name, key in (("pairwise", "pairwise"), ("B-cubed", "bcubed")):
        m = stories[key]
        out.write("  %-10s %9.3f %9.3f %9.3f\n" % (name, m["precision"], m["recall"], m["f1"]))
    p = stories["pairwise"]
    out.write("  pairs: %d gold, %d predicted, %d both\n" % (p["gold_pairs"], p["predicted_pairs"], p["true_pairs"]))
    rows = [
        ("gold stories kept together", "%d / %d (exactly recovered: %d)" % (
            stories["stories_kept_together"], stories["stories_total"], stories["stories_exact"])),
        ("BBC duplicate groups together", "%d / %d" % (stories["duplicate_groups_together"],
                                                      stories["duplicate_groups_total"])),
        ("neighbours kept apart", "%d / %d" % (stories["neighbours_apart"], stories["neighbours_total"])),
        ("the two seeds share a story", "yes" if stories["seeds_together"] else "no"),
        ("missing from the database", str(len(stories["missing"]))),
        ("articles without a story", str(len(stories["without_story"]))),
        ("failed --show calls", str(len(stories["errors"]))),
    ]
    for name, value in rows:
        out.write("  %-30s %s\n" % (name, value))
    if stories["missing"]:
        shown = stories["missing"] if details else stories["missing"][:20]
        more = len(stories["missing"]) - len(shown)
        out.write("  missing ids (counted as stories of their own): %s%s\n" % (
            " ".join(shown), " ... and %d more" % more if more else ""))
        if len(stories["missing"]) == len(labels):
            out.write("  warning: every --show call exited 1 (%s); is this the right database and program?\n"
                      % (stories["missing_message"] or "no message"))
    _write_failures(out, "--show", stories["errors"], details)
    if details:
        predicted = stories["predicted"]
        by_story = collections.defaultdict(list)
        for row in labels:
            by_story[row["story"]].append(row["id"])
        if stories["stories_split"]:
            out.write("\n  Gold stories split by the engine (article -> engine story):\n")
            for story in stories["stories_split"]:
                out.write("    %s: %s\n" % (story, ", ".join(
                    "%s->%s" % (i, predicted.get(i, "-")) for i in by_story[story])))
        if stories["neighbours_merged"]:
            owner = {row["id"]: row["story"] for row in labels}
            members = collections.defaultdict(list)
            for i in owner:
                if i in predicted:
                    members[predicted[i]].append(i)
            out.write("\n  Neighbours merged with other labelled articles:\n")
            for i in stories["neighbours_merged"]:
                others = [o for o in members[predicted[i]] if o != i]
                out.write("    %s (engine story %s) with %s\n" % (i, predicted[i], ", ".join(others)))

    if related is None:
        return
    out.write("\nRelated articles (--related, precision@%d)\n" % RELATED_K)
    out.write("  judgements  %s: %d queries\n" % (related_path, related["queries"]))
    if related_not_path:
        out.write("  not relevant %s\n" % related_not_path)
    out.write("  %-30s %.3f\n" % ("mean P@%d" % RELATED_K, related["mean_p_at_5"]))
    out.write("  %-30s %d\n" % ("queries with P@5 below 0.4", len(related["below_0_4"])))
    out.write("  %-30s %d of %d\n" % ("unjudged results (pooled set)", related["results_unjudged"],
                                      related["results_returned"]))
    out.write("  %-30s %d\n" % ("judged not relevant", related["results_judged_not_relevant"]))
    out.write("  %-30s %d\n" % ("results from the query's story", related["results_in_own_story"]))
    out.write("  %-30s %d\n" % ("failed --related calls", len(related["failed"])))
    _write_failures(out, "--related", related["failed"], details)
    if details:
        weak = [p for p in related["per_query"] if p["p_at_5"] < 0.4]
        if weak:
            out.write("\n  Queries with P@5 below 0.4 (+ judged relevant, - judged not relevant, = same story,"
                      " ? unjudged):\n")
        for p in weak:
            marks = []
            for r in p["results"]:
                mark = "=" if r in p.get("own_story", []) else ("?" if r in p.get("unjudged", []) else
                                                                ("-" if r in p.get("not_relevant", []) else "+"))
                marks.append(mark + r)
            out.write("    %.1f  %s: %s\n" % (p["p_at_5"], p["query"], " ".join(marks) or "(no results)"))


def _write_failures(out, option, failures, details, shown=10):
    for i, message in failures if details else failures[:shown]:
        out.write("  %s %s failed: %s\n" % (option, i, message))
    if not details and len(failures) > shown:
        out.write("  ... and %d more (--details lists them all)\n" % (len(failures) - shown))


def summary(stories, related):
    def rounded(m):
        return {k: round(m[k], 4) for k in ("precision", "recall", "f1")}

    result = {
        "articles": stories["articles"],
        "pairwise": rounded(stories["pairwise"]),
        "bcubed": rounded(stories["bcubed"]),
        "stories_kept_together": stories["stories_kept_together"],
        "stories_exact": stories["stories_exact"],
        "stories_total": stories["stories_total"],
        "seeds_together": stories["seeds_together"],
        "duplicate_groups_together": stories["duplicate_groups_together"],
        "duplicate_groups_total": stories["duplicate_groups_total"],
        "neighbours_apart": stories["neighbours_apart"],
        "neighbours_total": stories["neighbours_total"],
        "missing": len(stories["missing"]),
        "without_story": len(stories["without_story"]),
        "errors": len(stories["errors"]),
    }
    if related is not None:
        result["related"] = {
            "queries": related["queries"],
            "mean_p_at_5": round(related["mean_p_at_5"], 4),
            "below_0_4": len(related["below_0_4"]),
            "unjudged": related["results_unjudged"],
            "judged_not_relevant": related["results_judged_not_relevant"],
            "returned": related["results_returned"],
            "failed": len(related["failed"]),
        }
    return result


# ---------------------------------------------------------------- self-test

def self_test():
    def close(a, b):
        return abs(a - b) < 1e-9

    # gold: {a,b} {c,d} {e}; predicted: {a,b,c} {d} {e}
    gold = {"a": 1, "b": 1, "c": 2, "d": 2, "e": 3}
    pred = {"a": "x", "b": "x", "c": "x", "d": "y", "e": "z"}
    p = pairwise(gold, pred)
    assert (p["true_pairs"], p["gold_pairs"], p["predicted_pairs"]) == (1, 2, 3), p
    assert close(p["precision"], 1 / 3) and close(p["recall"], 1 / 2) and close(p["f1"], 0.4), p
    b = bcubed(gold, pred)
    assert close(b["precision"], 11 / 15) and close(b["recall"], 12 / 15), b
    assert close(b["f1"], 264 / 345), b
    assert stories_kept(gold, pred) == (1, 0, 2, [2])

    # perfect prediction, and everything alone
    assert close(pairwise(gold, gold)["f1"], 1.0) and close(bcubed(gold, gold)["f1"], 1.0)
    alone = with_singletons({}, list(gold))
    assert close(pairwise(gold, alone)["precision"], 1.0) and close(pairwise(gold, alone)["recall"], 0.0)
    assert close(bcubed(gold, alone)["precision"], 1.0) and close(bcubed(gold, alone)["recall"], 0.6)
    assert stories_kept(gold, alone) == (0, 0, 2, [1, 2])

    # everything in one cluster: precision 1/10 of pairs, B-cubed precision (2*2/5+2*2/5+1/5)/5
    one = {i: "all" for i in gold}
    assert close(pairwise(gold, one)["precision"], 2 / 10) and close(pairwise(gold, one)["recall"], 1.0)
    assert close(bcubed(gold, one)["precision"], (0.4 * 4 + 0.2) / 5)

    # missing ids and ids without a story are singletons, never equal to each other
    keyed = with_singletons({"a": "s1", "b": "s1", "c": None}, ["a", "b", "c", "d"])
    assert keyed["a"] == keyed["b"] and keyed["c"] != keyed["d"] and keyed["c"] != keyed["a"]

    assert groups_together([["a", "b"], ["c", "d"]], pred) == (1, 2)
    assert neighbours_apart(["e", "d"], pred, list(gold)) == (2, [])
    assert neighbours_apart(["c"], pred, list(gold)) == (0, ["c"])

    assert close(precision_at_k(["r1", "x", "r2", "y", "z"], {"r1", "r2", "r9"}), 0.4)
    assert close(precision_at_k(["r1"], {"r1"}), 0.2)
    assert close(precision_at_k(["r1", "r2", "r3", "r4", "r5", "r6"], {"r6"}), 0.0)
    assert close(precision_at_k([], {"r1"}), 0.0)

    # related_not.tsv: judged non-relevant results are misses but not unjudged
    story_of = {"q": "s1", "o": "s1", "x": "s2"}
    results = ["r1", "n1", "o", "u1", "x"]
    assert classify_results("q", results, {"r1"}, {"n1", "x"}, story_of) == (["o"], ["n1", "x"], ["u1"])
    assert classify_results("q", results, {"r1"}, set(), story_of) == (["o"], [], ["n1", "u1", "x"])
    assert close(precision_at_k(results, {"r1"}), 0.2)  # P@5 does not depend on related_not.tsv
    check_judgements({"q": {"r1"}}, {"q": {"n1"}, "p": {"r1"}})
    try:
        check_judgements({"q": {"r1"}}, {"q": {"r1"}})
    except ValueError:
        pass
    else:
        raise AssertionError("a pair in both files must be rejected")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "related_not.tsv")
        with open(path, "w", encoding="utf-8") as f:
            f.write("query_id\tresult_id\tnote\nq\tn1\tdifferent company\nq\tn2\tsame story\n\n")
        assert read_related_not(path) == {"q": {"n1", "n2"}}
        with open(path, "w", encoding="utf-8") as f:
            f.write("query_id\trelated_id\tnote\n")
        try:
            read_related_not(path)
        except ValueError:
            pass
        else:
            raise AssertionError("related_not.tsv needs the result_id header")
    print("eval-stories self-test: ok")


# ---------------------------------------------------------------- main

def main(argv=None):
    parser = argparse.ArgumentParser(description="Score Dateline stories and related articles.")
    parser.add_argument("--search", help="path to dateline-search")
    parser.add_argument("--db", help="database directory")
    parser.add_argument("--labels", default=DEFAULT_LABELS, help="labelled stories (stories.tsv)")
    parser.add_argument("--related", default=DEFAULT_RELATED, help="related judgements (related.tsv)")
    parser.add_argument("--related-not", help="results judged not relevant (default: related_not.tsv beside"
                        " --related, read when present)")
    parser.add_argument("--json", action="store_true", help="print a JSON summary as the last line")
    parser.add_argument("--details", action="store_true",
                        help="list split stories, merged neighbours and related queries with P@5 below 0.4")
    parser.add_argument("--self-test", action="store_true", help="test the metric code and exit")
    args = parser.parse_args(argv)

    if args.self_test:
        self_test()
        return 0
    if not args.search or not args.db:
        parser.error("--search and --db are required (or --self-test)")
    try:
        labels = read_labels(args.labels)
        judged = read_related(args.related) if args.related and os.path.exists(args.related) else None
        related_not_path = args.related_not
        if related_not_path is None and args.related:
            related_not_path = os.path.join(os.path.dirname(os.path.abspath(args.related)), "related_not.tsv")
        elif related_not_path and not os.path.exists(related_not_path):
            raise ValueError("%s: no such file" % related_not_path)
        if not (related_not_path and os.path.exists(related_not_path)):
            related_not_path = None
        judged_not = read_related_not(related_not_path) if related_not_path else {}
        if judged:
            check_judgements(judged, judged_not)
    except (OSError, ValueError) as error:
        print("eval-stories: %s" % error, file=sys.stderr)
        return 2

    try:
        stories = evaluate_stories(args.search, args.db, labels)
        gold = {row["id"]: row["story"] for row in labels}
        related = evaluate_related(args.search, args.db, judged, gold, judged_not) if judged else None
    except SearchUnavailable as error:
        print("eval-stories: %s" % error, file=sys.stderr)
        return 2

    print_report(args.labels, args.related, args.db, labels, stories, related, args.details, related_not_path)
    if args.json:
        print(json.dumps(summary(stories, related), sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
