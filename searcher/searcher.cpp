#include <dateline/searcher.h>

#include "analysis.h"
#include "article.h"
#include "database_layout.h"
#include "facet_counter.h"
#include "query_builder.h"
#include "schema.h"
#include "shard_set.h"
#include "spelling_suggester.h"
#include "text_utils.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <unordered_set>

namespace dateline {
namespace {

using searcher::FacetCounter;
using searcher::QueryBuilder;

// Facets are exact up to this many matching articles; beyond, they count the first this-many Xapian checks.
constexpr Xapian::doccount kFacetScanLimit = 100000;
// Totals are counted exactly up to this many matching articles (Elasticsearch's
// default for track_total_hits); beyond, the total says "at least" this many.
constexpr Xapian::doccount kExactTotalLimit = 10000;
constexpr std::size_t kMaxLimit = 10000;
// Snippets look at every passage, and at CJK text as the indexer does (character n-grams).
constexpr unsigned kSnippetFlags = Xapian::MSet::SNIPPET_EXHAUSTIVE | Xapian::MSet::SNIPPET_CJK_NGRAM;
// A story's sources are read from its first this-many articles (fewer for each
// hit of a search), and at most kStorySources are named.
constexpr std::size_t kStorySourcesScan = 200;
constexpr std::size_t kHitStorySourcesScan = 20;
// A grouped page is looked for among this many times its articles ranked
// without grouping: wire copies make stories of 10 and more (Reuters x10 in
// scripts/bench/run.sh, where 3 times fell back to the grouped pass on most
// queries: grouped p50 3.6 ms, against 3.3 ms at 15 times).
constexpr Xapian::doccount kStoryLookahead = 15;
// An export ranks this many articles at a time: memory stays bounded, and the
// matcher's work grows with the square of the matches over this.
constexpr Xapian::doccount kExportBatch = 2000;
constexpr std::size_t kStorySources = 20;
// The indexer spaces its commits (--commit-interval), so a retry or two suffices.
constexpr int kAttemptsOnModifiedDatabase = 5;

constexpr const char* kHighlightStart = "\x01";
constexpr const char* kHighlightEnd = "\x02";

// Xapian marks CJK n-grams a character at a time: adjacent marks become one.
std::string html_snippet(const std::string& snippet) {
  std::string html;
  html.reserve(snippet.size() + 32);
  for (std::size_t i = 0; i < snippet.size(); ++i) {
    const char c = snippet[i];
    if (c == kHighlightEnd[0] && i + 1 < snippet.size() && snippet[i + 1] == kHighlightStart[0])
      ++i;
    else if (c == kHighlightStart[0])
      html += "<mark>";
    else if (c == kHighlightEnd[0])
      html += "</mark>";
    else
      html += c;
  }
  return html;
}

// A result's fields from its stored article (rank, score, snippet and story apart).
Hit hit_of(common::Article&& article) {
  Hit hit;
  hit.id = std::move(article.id);
  hit.title = std::move(article.title);
  hit.date = article.published ? article.published->iso() : "";
  hit.source = std::move(article.source);
  hit.url = std::move(article.url);
  hit.people = std::move(article.people);
  hit.places = std::move(article.places);
  return hit;
}

StoredArticle to_stored_article(common::Article&& a) {
  StoredArticle s;
  s.id = std::move(a.id);
  s.title = std::move(a.title);
  s.body = std::move(a.body);
  s.dateline = std::move(a.dateline);
  s.date = a.published ? a.published->iso() : "";
  s.source = std::move(a.source);
  s.url = std::move(a.url);
  s.authors = std::move(a.authors);
  s.language = std::move(a.language);
  s.people = std::move(a.people);
  s.places = std::move(a.places);
  s.topics = std::move(a.topics);
  s.organisations = std::move(a.organisations);
  s.mentioned_dates = std::move(a.mentioned_dates);
  s.source_file = std::move(a.source_file);
  s.line = a.line;
  return s;
}

}  // namespace

struct Searcher::Impl {
  std::string path;
  searcher::ShardSet shards;
  bool reopen_shards = false;  // a shard stopped answering mid-search: find out which
  Xapian::Database database;
  common::StoredCodec codec;
  std::unique_ptr<QueryBuilder> builder;
  Xapian::Stem snippet_stemmer = common::english_stemmer();  // kept: it remembers the words it stemmed

  Impl(std::string database_path, const SearcherOptions& options)
      : path(std::move(database_path)),
        shards(path, std::chrono::milliseconds(static_cast<long long>(options.shard_timeout_seconds * 1000))) {
    open();
  }

  void open() {
    reopen_shards = false;
    shards.open(false);
    use_open_shards();
  }

  // Searches what the shards that answered hold, as one database.
  void use_open_shards() {
    if (shards.open_count() == 0) {
      if (shards.size() == 1) throw DatabaseError("cannot open the database at " + shards.missing_reasons());
      throw ShardUnavailableError("no shard of " + path + " answered: " + shards.missing_reasons());
    }
    database = shards.database();
    codec = common::stored_codec(database);
    builder = std::make_unique<QueryBuilder>(database);
  }

  // Sees the latest commit, a new generation after a rebuild or compaction,
  // and a missing shard that answers again.
  void refresh() {
    if (reopen_shards || shards.moved()) {
      open();
      return;
    }
    if (shards.open_count() < shards.size() && shards.open(true)) {
      use_open_shards();
      return;
    }
    // A database gets its dictionary once, from the first indexer run with enough articles.
    if (database.reopen() && !codec.has_dictionary()) codec = common::stored_codec(database);
  }

  // Throws ShardUnavailableError, naming them, when shards are missing, unless
  // the caller takes the others' results (and one answered).
  void require_shards(bool allow_partial) const {
    if (shards.open_count() == shards.size() || allow_partial) return;
    throw ShardUnavailableError(std::to_string(shards.size() - shards.open_count()) + " of " +
                                std::to_string(shards.size()) + " shards did not answer: " + shards.missing_reasons());
  }

  template <typename Operation>
  auto with_retries(bool allow_partial, Operation operation) {
    for (int attempt = 1;; ++attempt) {
      try {
        refresh();
        require_shards(allow_partial);
        return operation();
      } catch (const Xapian::NetworkError& e) {
        reopen_shards = true;
        if (attempt == kAttemptsOnModifiedDatabase)
          throw ShardUnavailableError("a shard stopped answering: " + e.get_msg());
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt == kAttemptsOnModifiedDatabase) {
          throw DatabaseError("the database changed too often during the search; try again");
        }
      } catch (const Xapian::DatabaseNotFoundError& e) {
        throw DatabaseError("the database at " + path + " went away: " + e.get_msg());
      } catch (const Xapian::DatabaseError& e) {
        throw DatabaseError("cannot read the database at " + path + ": " + e.get_msg());
      } catch (const Xapian::Error& e) {
        throw DatabaseError("search failed: " + e.get_description());
      }
    }
  }

  SearchResponse search(const SearchRequest& request) {
    if (request.limit > kMaxLimit) throw QueryError("--limit: at most " + std::to_string(kMaxLimit));
    if (request.after.empty()) {
      SearchResponse response = with_retries(request.allow_partial, [&] { return run(request); });
      if (request.offset == 0 && !request.collapse) response.next = next_cursor(request, response, {});
      return response;
    }
    const DateCursor cursor = parse_cursor(request);
    SearchRequest page = request;
    page.offset = cursor.seen;
    page.collapse = false;
    SearchResponse response = with_retries(request.allow_partial, [&] {
      searcher::BuiltQuery built = builder->build(page);
      built.query = Xapian::Query(Xapian::Query::OP_FILTER, built.query, cursor_filter(cursor, request.sort));
      return run(page, built);
    });
    response.next = next_cursor(request, response, cursor);
    return response;
  }

  // Where a keyset page starts: the day of the last article shown ("" for
  // undated ones) and how many of that day's articles were shown.
  struct DateCursor {
    std::string day;
    std::size_t seen = 0;
  };

  static DateCursor parse_cursor(const SearchRequest& request) {
    if (request.sort == SortOrder::kRelevance) throw QueryError("after: cursors page newest or oldest order");
    const std::size_t dot = request.after.find('.');
    const std::string day = request.after.substr(0, dot);
    const std::string seen = dot == std::string::npos ? "" : request.after.substr(dot + 1);
    const bool valid_day = day == "undated" || (day.size() == 8 && schema::date_from_key(day).has_value());
    if (!valid_day || seen.empty() || seen.size() > 9 || seen.find_first_not_of("0123456789") != std::string::npos) {
      throw QueryError("after: expected a cursor from \"next\" (YYYYMMDD.N or undated.N), got '" + request.after + "'");
    }
    return {day == "undated" ? "" : day, static_cast<std::size_t>(std::stoul(seen))};
  }

  // The articles from the cursor's day on, in the request's order; undated ones come last either way.
  static Xapian::Query cursor_filter(const DateCursor& cursor, SortOrder sort) {
    const Xapian::Query dated(Xapian::Query::OP_VALUE_RANGE, schema::kPublishedSlot, "0", "99999999");
    const Xapian::Query undated(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, dated);
    if (cursor.day.empty()) return undated;
    const Xapian::Query onwards = sort == SortOrder::kNewest
                                      ? Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kPublishedSlot, cursor.day)
                                      : Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kPublishedSlot, cursor.day);
    return Xapian::Query(Xapian::Query::OP_OR, onwards, undated);
  }

  // The cursor after a full page in date order: the last article's day and
  // how many articles of that day have been shown, this page's and before.
  static std::string next_cursor(const SearchRequest& request, const SearchResponse& response,
                                 const DateCursor& cursor) {
    if (request.sort == SortOrder::kRelevance || response.results.size() < request.limit || request.limit == 0) {
      return {};
    }
    const std::string& last = response.results.back().date;
    std::size_t seen = 0;
    for (const Hit& hit : response.results) seen += hit.date == last;
    std::string day = last;  // the slot holds a date's first day: "1987-03" is 19870301
    day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
    if (day.size() == 6) day += "01";
    if (day.size() == 4) day += "0101";
    if (day == cursor.day && !request.after.empty()) seen += cursor.seen;
    return (day.empty() ? "undated" : day) + "." + std::to_string(seen);
  }

  SearchResponse related(const std::string& id, const SearchRequest& request, bool include_story) {
    if (request.limit > kMaxLimit) throw QueryError("--limit: at most " + std::to_string(kMaxLimit));
    return with_retries(request.allow_partial, [&] {
      const std::string id_term = schema::term(schema::kIdPrefix, id);
      const Xapian::PostingIterator posting = database.postlist_begin(id_term);
      if (posting == database.postlist_end(id_term)) not_found(id);
      const std::string story =
          include_story ? std::string() : database.get_document(*posting).get_value(schema::kStorySlot);
      return run(request, builder->build_related(request, *posting, id_term, story));
    });
  }

  SearchResponse run(const SearchRequest& request) { return run(request, builder->build(request)); }

  // Relevance (ties: newer first), or publication date with undated articles
  // last, ties by relevance. `by_date` must outlive the enquire.
  void set_order(Xapian::Enquire& enquire, SortOrder sort, Xapian::MultiValueKeyMaker& by_date) const {
    if (sort == SortOrder::kRelevance) {
      enquire.set_sort_by_relevance_then_value(schema::kPublishedSlot, true);
    } else if (sort == SortOrder::kNewest || shards.has_remote()) {
      // Undated articles (the empty date, the smallest value) go last when
      // newest first; oldest first through xapian-tcpsrv, which runs no
      // KeyMaker, they come first.
      enquire.set_sort_by_value_then_relevance(schema::kPublishedSlot, sort == SortOrder::kNewest);
    } else {
      // Undated articles go last: the empty date becomes the largest key.
      by_date.add_value(schema::kPublishedSlot, false, "99999999");
      enquire.set_sort_by_key_then_relevance(&by_date, false);
    }
  }

  std::uint64_t export_matches(const SearchRequest& request, bool snippets,
                               const std::function<bool(const Hit&)>& sink) {
    const searcher::BuiltQuery built = builder->build(request);
    Xapian::Enquire enquire(database);
    enquire.set_query(built.query);
    if (request.time_limit_seconds > 0) enquire.set_time_limit(request.time_limit_seconds);
    Xapian::MultiValueKeyMaker by_date;
    set_order(enquire, request.sort, by_date);
    std::uint64_t sent = 0;
    for (Xapian::doccount first = 0;;) {
      const Xapian::MSet batch = enquire.get_mset(first, kExportBatch);
      for (auto match = batch.begin(); match != batch.end(); ++match) {
        if (!sink(exported_hit(request, batch, match, snippets, ++sent))) return sent;
      }
      if (batch.size() < kExportBatch) return sent;
      first += batch.size();
    }
  }

  Hit exported_hit(const SearchRequest& request, const Xapian::MSet& matches, const Xapian::MSetIterator& match,
                   bool snippets, std::uint64_t rank) {
    common::Article article = common::decode_stored_article(match.get_document().get_data(), codec);
    const std::string snippet = snippets ? snippet_of(request, matches, article) : std::string();
    Hit hit = hit_of(std::move(article));
    hit.rank = rank;
    hit.score = match.get_weight();
    hit.snippet = snippet;
    hit.story.id = match.get_document().get_value(schema::kStorySlot);
    return hit;
  }

  SearchResponse run(const SearchRequest& request, const searcher::BuiltQuery& built) {
    Xapian::Enquire enquire(database);
    enquire.set_query(built.query);
    if (request.time_limit_seconds > 0) enquire.set_time_limit(request.time_limit_seconds);
    Xapian::MultiValueKeyMaker by_date;
    set_order(enquire, request.sort, by_date);
    std::optional<FacetCounter> facets;
    if (request.facet_limit > 0) facets.emplace(enquire);
    const Xapian::doccount wanted = static_cast<Xapian::doccount>(request.offset + request.limit);
    const Xapian::doccount check_at_least =
        facets ? std::min(database.get_doccount(), kFacetScanLimit) : std::max(wanted, kExactTotalLimit);
    SearchResponse response;
    response.query = request.query;
    response.offset = request.offset;
    response.limit = request.limit;
    response.sort = request.sort;
    // Grouped by story, Xapian counts stories and its bounds on articles are
    // wrong both ways ("oil prices": 3,903 to 5,388 for 4,653), and a collapse
    // key over every match triples the cost of matching. So a search ranks
    // every article, counting articles, stories and facets with spies, and the
    // page is the first article of each story in that ranking (what Xapian's
    // collapse keeps); only when a page's stories reach past the ranked articles
    // does a second, grouped pass find it.
    Xapian::ValueCountMatchSpy stories(schema::kStorySlot);
    if (request.collapse) enquire.add_matchspy(&stories);
    std::optional<Xapian::MSet> counted;
    if (shards.has_remote() && (facets || request.collapse)) counted = count_apart(enquire, check_at_least);
    const Xapian::doccount rank_check = counted ? 0 : check_at_least;
    const Xapian::MSet ranked = request.collapse
                                    ? enquire.get_mset(0, wanted * kStoryLookahead, rank_check)
                                    : enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                                       static_cast<Xapian::doccount>(request.limit), rank_check);
    const Xapian::MSet& totals = counted ? *counted : ranked;
    response.total_exact = totals.get_matches_lower_bound() == totals.get_matches_upper_bound();
    // Xapian's lower bound past the count varies with the page size (19,059 or
    // 17,355 for "said year"), so a total past the bound is the bound itself.
    const Xapian::doccount bound = facets ? kFacetScanLimit : kExactTotalLimit;
    response.total =
        response.total_exact ? totals.get_matches_estimated() : std::min(totals.get_matches_lower_bound(), bound);
    Xapian::MSet grouped;
    const Xapian::MSet* page_source = &ranked;
    std::vector<Xapian::MSetIterator> page;
    if (request.collapse) {
      enquire.clear_matchspies();
      if (!best_of_each_story(ranked, wanted * kStoryLookahead, wanted, page)) {
        enquire.set_collapse_key(schema::kStorySlot);
        grouped = enquire.get_mset(0, wanted, wanted);
        page_source = &grouped;
        page.clear();
        for (auto match = grouped.begin(); match != grouped.end(); ++match) page.push_back(match);
      }
      page.erase(page.begin(), page.begin() + static_cast<std::ptrdiff_t>(std::min(page.size(), request.offset)));
      response.stories = story_count(stories);
      response.stories_exact = response.total_exact && stories.get_total() >= response.total;
    } else {
      for (auto match = ranked.begin(); match != ranked.end(); ++match) page.push_back(match);
    }
    response.missing_shards = shards.missing();
    response.partial = !response.missing_shards.empty();
    response.words = built.words;
    response.match = request.all_words || built.words.size() <= 1 ? "all" : "any";
    if (request.explain) {
      response.parsed_query = built.description;
      response.notes = built.notes;
    }
    // Asks remote shards for every document at once, not one a round trip.
    if (shards.has_remote()) page_source->fetch();
    std::vector<Xapian::docid> documents;
    std::map<std::string, Story> stories_read;  // a page often holds several articles of one story
    for (const Xapian::MSetIterator& match : page) {
      response.results.push_back(hit(request, built, enquire, *page_source, match, stories_read));
      response.results.back().rank = request.offset + response.results.size();
      documents.push_back(*match);
    }
    if (request.collapse) count_more_matching(stories, response.results);
    const auto matched = built.matched_words(database, documents, shards.has_remote());
    for (std::size_t i = 0; i < response.results.size(); ++i) {
      Hit& hit = response.results[i];
      hit.matched = matched[i];
      for (const std::string& word : built.words) {
        if (std::find(hit.matched.begin(), hit.matched.end(), word) == hit.matched.end()) hit.missing.push_back(word);
      }
    }
    if (!common::trim(request.query).empty() && (response.total == 0 || has_unknown_word(built))) {
      response.suggestion = searcher::suggest_spelling(database, request.query);
    }
    if (facets)
      response.facets = facets->result(request.facet_limit, saw_every_match(facets->counted(), check_at_least));
    return response;
  }

  // Xapian 1.4's matcher shows its match spies the documents a remote shard
  // returns that sort below the page when sorting by value (relevance then date
  // does), although the shard counted them already (matcher/multimatch.cc), so
  // through remote shards the spies count in a pass returning no documents.
  static Xapian::MSet count_apart(Xapian::Enquire& enquire, Xapian::doccount check_at_least) {
    Xapian::MSet counted = enquire.get_mset(0, 0, check_at_least);
    enquire.clear_matchspies();
    return counted;
  }

  // An id no open shard has may be on a missing one.
  [[noreturn]] void not_found(const std::string& id) const {
    require_shards(false);
    throw NotFoundError("no article with id " + id);
  }

  // Stories among the articles `stories` saw; an article without one is a result of its own.
  static std::uint64_t story_count(const Xapian::ValueCountMatchSpy& stories) {
    std::uint64_t count = 0;
    std::uint64_t in_stories = 0;
    for (auto story = stories.values_begin(); story != stories.values_end(); ++story) {
      ++count;
      in_stories += story.get_termfreq();
    }
    return count + stories.get_total() - in_stories;
  }

  // Each hit's other matching articles among those `stories` saw (all of them
  // when the total is exact; else at least as many as a grouped pass counts).
  static void count_more_matching(const Xapian::ValueCountMatchSpy& stories, std::vector<Hit>& hits) {
    for (Hit& hit : hits) {
      if (hit.story.id.empty()) continue;
      auto story = stories.values_begin();
      story.skip_to(hit.story.id);
      if (story != stories.values_end() && *story == hit.story.id) {
        hit.story.more_matching = std::max<std::uint64_t>(hit.story.more_matching, story.get_termfreq() - 1);
      }
    }
  }

  // The first `wanted` articles of distinct stories in `ranked` (fetched with
  // at most `fetched` items), as Xapian's collapse would choose them; false
  // when `ranked` ran out before `wanted` stories while more articles match.
  static bool best_of_each_story(const Xapian::MSet& ranked, Xapian::doccount fetched, Xapian::doccount wanted,
                                 std::vector<Xapian::MSetIterator>& page) {
    std::unordered_set<std::string> seen;
    for (auto match = ranked.begin(); match != ranked.end() && page.size() < wanted; ++match) {
      const std::string story = match.get_document().get_value(schema::kStorySlot);
      if (story.empty() || seen.insert(story).second) page.push_back(match);
    }
    return page.size() == wanted || ranked.size() < fetched;
  }

  // A spy saw every match when it saw fewer than the matcher was asked to check
  // (or the matcher was asked to check the whole database).
  bool saw_every_match(Xapian::doccount seen, Xapian::doccount check_at_least) const {
    return seen < check_at_least || check_at_least >= database.get_doccount();
  }

  // True when a word of the query is in no article (a misspelling, most likely).
  bool has_unknown_word(const searcher::BuiltQuery& built) const {
    std::set<std::string> known;
    for (const auto& [term, word] : built.word_of_term) {
      if (database.term_exists(term)) known.insert(word);
    }
    return std::any_of(built.words.begin(), built.words.end(),
                       [&](const std::string& word) { return word.back() != '*' && known.count(word) == 0; });
  }

  // ~200 bytes of the article around the query's words, HTML-escaped, the words in <mark>.
  std::string snippet_of(const SearchRequest& request, const Xapian::MSet& matches,
                         const common::Article& article) const {
    return html_snippet(matches.snippet(common::snippet_text(article), request.snippet_bytes, snippet_stemmer,
                                        kSnippetFlags, kHighlightStart, kHighlightEnd, "\xE2\x80\xA6"));
  }

  Hit hit(const SearchRequest& request, const searcher::BuiltQuery& built, const Xapian::Enquire& enquire,
          const Xapian::MSet& matches, const Xapian::MSetIterator& match, std::map<std::string, Story>& stories_read) {
    common::Article article = common::decode_stored_article(match.get_document().get_data(), codec);
    const std::string snippet = snippet_of(request, matches, article);
    std::vector<TermWeight> explanation;
    if (request.explain) explanation = explain(built, enquire, match, article.id);
    Hit hit = hit_of(std::move(article));
    hit.score = match.get_weight();
    hit.snippet = snippet;
    hit.explanation = std::move(explanation);
    const std::string story = match.get_document().get_value(schema::kStorySlot);
    auto read = stories_read.find(story);
    if (read == stories_read.end()) read = stories_read.emplace(story, story_of(story, kHitStorySourcesScan)).first;
    hit.story = read->second;
    if (request.collapse && !hit.story.id.empty()) hit.story.more_matching = match.get_collapse_count();
    return hit;
  }

  // Each matching term's share of the score: BM25 sums per-term weights, so a
  // query of that term alone, restricted to this article, gives its share.
  // A facet term of a query word (an entity boost) adds its fixed weight, and
  // --recency a weight by the article's date ("recency" in the list).
  std::vector<TermWeight> explain(const searcher::BuiltQuery& built, const Xapian::Enquire& enquire,
                                  const Xapian::MSetIterator& match, const std::string& id) {
    std::vector<TermWeight> terms;
    const Xapian::Query only_this(schema::term(schema::kIdPrefix, id));
    for (auto term = enquire.get_matching_terms_begin(match); term != enquire.get_matching_terms_end(match); ++term) {
      TermWeight weight;
      weight.term = *term;
      if (const auto boost = built.boosts.find(*term); boost != built.boosts.end()) {
        weight.weight = boost->second;
      } else {
        Xapian::Enquire single(database);
        single.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(*term), only_this));
        const Xapian::MSet scored = single.get_mset(0, 1);
        weight.weight = scored.empty() ? 0 : scored.begin().get_weight();
      }
      Xapian::TermIterator in_document = database.termlist_begin(*match);
      in_document.skip_to(*term);
      if (in_document != database.termlist_end(*match) && *in_document == *term)
        weight.within_document = in_document.get_wdf();
      weight.documents = database.get_termfreq(*term);
      terms.push_back(std::move(weight));
    }
    const auto day = schema::date_from_key(match.get_document().get_value(schema::kPublishedSlot));
    if (built.recency_half_life_days > 0 && day) {
      TermWeight recency;
      recency.term = "recency";
      recency.weight = built.recency_weight(common::days_since_epoch(*day));
      terms.push_back(std::move(recency));
    }
    std::sort(terms.begin(), terms.end(), [](const TermWeight& a, const TermWeight& b) { return a.weight > b.weight; });
    return terms;
  }

  StoredArticle article(const std::string& id, const std::string& query) {
    return with_retries(true, [&] {
      const std::string term = schema::term(schema::kIdPrefix, id);
      const Xapian::PostingIterator posting = database.postlist_begin(term);
      if (posting == database.postlist_end(term)) not_found(id);
      const Xapian::Document document = database.get_document(*posting);
      StoredArticle stored = to_stored_article(common::decode_stored_article(document.get_data(), codec));
      stored.story = story_of(document.get_value(schema::kStorySlot));
      if (!common::trim(query).empty()) highlight(stored, query, term);
      return stored;
    });
  }

  // The whole title and body with the query's words marked, as a search's
  // snippets mark them (the names it filters by included).
  void highlight(StoredArticle& stored, const std::string& query, const std::string& id_term) {
    SearchRequest request;
    request.query = query;
    const searcher::BuiltQuery built = builder->build(request);
    Xapian::Enquire enquire(database);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, built.query, Xapian::Query(id_term)));
    const Xapian::MSet match = enquire.get_mset(0, 1);
    const auto marked = [&](const std::string& text) {
      return html_snippet(
          match.snippet(text, text.size() + 1, snippet_stemmer, kSnippetFlags, kHighlightStart, kHighlightEnd, ""));
    };
    stored.highlighted_title = marked(stored.title);
    stored.highlighted_body = marked(stored.body);
  }

  // A story's size and sources, from its articles' source values (the first `scan` of them).
  Story story_of(const std::string& id, std::size_t scan = kStorySourcesScan) {
    Story story;
    story.id = id;
    if (id.empty()) return story;
    const std::string term = schema::term(schema::kStoryPrefix, id);
    story.articles = database.get_termfreq(term);
    // Counted by a spy, which xapian-tcpsrv runs where the articles are.
    Xapian::Enquire articles(database);
    articles.set_query(Xapian::Query(term));
    articles.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy sources(schema::kSourceSlot);
    articles.add_matchspy(&sources);
    articles.get_mset(0, 0, static_cast<Xapian::doccount>(scan));
    std::vector<std::pair<std::string, std::uint64_t>> ordered;
    for (auto source = sources.values_begin(); source != sources.values_end(); ++source) {
      ordered.emplace_back(*source, source.get_termfreq());
    }
    std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    for (std::size_t i = 0; i < ordered.size() && i < kStorySources; ++i) story.sources.push_back(ordered[i].first);
    return story;
  }
};

SortOrder sort_order_named(const std::string& name) {
  if (name == "relevance") return SortOrder::kRelevance;
  if (name == "newest") return SortOrder::kNewest;
  if (name == "oldest") return SortOrder::kOldest;
  throw QueryError("sort: expected relevance, newest or oldest, got '" + name + "'");
}

Searcher::Searcher(const std::string& database, const SearcherOptions& options)
    : impl_(std::make_unique<Impl>(database, options)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResponse Searcher::search(const SearchRequest& request) { return impl_->search(request); }
SearchResponse Searcher::related(const std::string& id, const SearchRequest& request, bool include_story) {
  return impl_->related(id, request, include_story);
}
std::uint64_t Searcher::export_matches(const SearchRequest& request, bool snippets,
                                       const std::function<bool(const Hit&)>& sink) {
  return impl_->export_matches(request, snippets, sink);
}

StoredArticle Searcher::article(const std::string& id, const std::string& query) { return impl_->article(id, query); }
std::uint64_t Searcher::document_count() {
  return impl_->with_retries(false, [&] { return static_cast<std::uint64_t>(impl_->database.get_doccount()); });
}

}  // namespace dateline
