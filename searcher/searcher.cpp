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
#include <map>
#include <set>
#include <unordered_set>

namespace dateline {
namespace {

using searcher::FacetCounter;
using searcher::QueryBuilder;

// Facets are exact up to this many matching articles; beyond, they count the first this-many Xapian checks.
constexpr Xapian::doccount kFacetScanLimit = 100000;
// Totals are counted exactly when the query matches fewer articles than this.
constexpr Xapian::doccount kExactTotalLimit = 100;
constexpr std::size_t kMaxLimit = 10000;
// A story's sources are read from its first this-many articles (fewer for each
// hit of a search), and at most kStorySources are named.
constexpr std::size_t kStorySourcesScan = 200;
constexpr std::size_t kHitStorySourcesScan = 50;
// A grouped page is looked for among this many times its articles ranked without grouping.
constexpr Xapian::doccount kStoryLookahead = 3;
constexpr std::size_t kStorySources = 20;
// The indexer spaces its commits (--commit-interval), so a retry or two suffices.
constexpr int kAttemptsOnModifiedDatabase = 5;

constexpr const char* kHighlightStart = "\x01";
constexpr const char* kHighlightEnd = "\x02";

std::string html_snippet(const std::string& snippet) {
  std::string html;
  html.reserve(snippet.size() + 32);
  for (char c : snippet) {
    if (c == kHighlightStart[0])
      html += "<mark>";
    else if (c == kHighlightEnd[0])
      html += "</mark>";
    else
      html += c;
  }
  return html;
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
    return with_retries(request.allow_partial, [&] { return run(request); });
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

  SearchResponse run(const SearchRequest& request, const searcher::BuiltQuery& built) {
    Xapian::Enquire enquire(database);
    enquire.set_query(built.query);
    if (request.time_limit_seconds > 0) enquire.set_time_limit(request.time_limit_seconds);
    Xapian::MultiValueKeyMaker by_date;
    if (request.sort == SortOrder::kRelevance) {
      enquire.set_sort_by_relevance_then_value(schema::kPublishedSlot, true);
    } else if (request.sort == SortOrder::kNewest || shards.has_remote()) {
      // Undated articles (the empty date, the smallest value) go last when
      // newest first; oldest first through xapian-tcpsrv, which runs no
      // KeyMaker, they come first.
      enquire.set_sort_by_value_then_relevance(schema::kPublishedSlot, request.sort == SortOrder::kNewest);
    } else {
      // Undated articles go last: the empty date becomes the largest key.
      by_date.add_value(schema::kPublishedSlot, false, "99999999");
      enquire.set_sort_by_key_then_relevance(&by_date, false);
    }
    std::optional<FacetCounter> facets;
    if (request.facet_limit > 0) facets.emplace(enquire);
    const Xapian::doccount wanted = static_cast<Xapian::doccount>(request.offset + request.limit);
    const Xapian::doccount check_at_least =
        facets ? std::min(database.get_doccount(), kFacetScanLimit) : std::max(wanted, kExactTotalLimit);
    SearchResponse response;
    response.query = request.query;
    response.offset = request.offset;
    response.limit = request.limit;
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
    response.total = totals.get_matches_estimated();
    response.total_exact = totals.get_matches_lower_bound() == totals.get_matches_upper_bound();
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
      if (!response.total_exact && stories.get_total() > 0) {
        response.stories = response.stories * response.total / stories.get_total();  // estimate
      }
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
    for (const Xapian::MSetIterator& match : page) {
      response.results.push_back(hit(request, built, enquire, *page_source, match));
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

  Hit hit(const SearchRequest& request, const searcher::BuiltQuery& built, const Xapian::Enquire& enquire,
          const Xapian::MSet& matches, const Xapian::MSetIterator& match) {
    common::Article article = common::decode_stored_article(match.get_document().get_data(), codec);
    Hit hit;
    hit.score = match.get_weight();
    hit.snippet =
        html_snippet(matches.snippet(common::snippet_text(article), request.snippet_bytes, snippet_stemmer,
                                     Xapian::MSet::SNIPPET_EXHAUSTIVE, kHighlightStart, kHighlightEnd, "\xE2\x80\xA6"));
    if (request.explain) hit.explanation = explain(built, enquire, match, article.id);
    hit.id = std::move(article.id);
    hit.title = std::move(article.title);
    hit.date = article.published ? article.published->iso() : "";
    hit.source = std::move(article.source);
    hit.url = std::move(article.url);
    hit.people = std::move(article.people);
    hit.places = std::move(article.places);
    hit.story = story_of(match.get_document().get_value(schema::kStorySlot), kHitStorySourcesScan);
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

  StoredArticle article(const std::string& id) {
    return with_retries(true, [&] {
      const std::string term = schema::term(schema::kIdPrefix, id);
      const Xapian::PostingIterator posting = database.postlist_begin(term);
      if (posting == database.postlist_end(term)) not_found(id);
      const Xapian::Document document = database.get_document(*posting);
      StoredArticle stored = to_stored_article(common::decode_stored_article(document.get_data(), codec));
      stored.story = story_of(document.get_value(schema::kStorySlot));
      return stored;
    });
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
StoredArticle Searcher::article(const std::string& id) { return impl_->article(id); }
std::uint64_t Searcher::document_count() {
  return impl_->with_retries(false, [&] { return static_cast<std::uint64_t>(impl_->database.get_doccount()); });
}

}  // namespace dateline
