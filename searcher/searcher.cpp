#include <dateline/searcher.h>

#include "analysis.h"
#include "article.h"
#include "database_layout.h"
#include "facet_counter.h"
#include "query_builder.h"
#include "schema.h"
#include "spelling_suggester.h"
#include "text_utils.h"

#include <xapian.h>

#include <sys/stat.h>
#include <algorithm>
#include <filesystem>
#include <set>

namespace dateline {
namespace {

namespace fs = std::filesystem;
using searcher::FacetCounter;
using searcher::QueryBuilder;

// Facets are exact up to this many matching articles; beyond, they count the first this-many Xapian checks.
constexpr Xapian::doccount kFacetScanLimit = 100000;
// Totals are counted exactly when the query matches fewer articles than this.
constexpr Xapian::doccount kExactTotalLimit = 100;
constexpr std::size_t kMaxLimit = 10000;
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

struct StubState {
  ino_t inode = 0;
  long long modified_ns = 0;
  bool operator!=(const StubState& other) const { return inode != other.inode || modified_ns != other.modified_ns; }
};

StubState stub_state(const std::string& stub) {
  struct stat info {};
  if (::stat(stub.c_str(), &info) != 0) return {};
  return {info.st_ino, static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec};
}

}  // namespace

struct Searcher::Impl {
  std::string path;
  std::string stub;
  StubState stub_seen;
  Xapian::Database database;
  common::StoredCodec codec;
  std::unique_ptr<QueryBuilder> builder;
  Xapian::Stem snippet_stemmer = common::english_stemmer();  // kept: it remembers the words it stemmed

  explicit Impl(std::string database_path)
      : path(std::move(database_path)), stub(common::DatabaseLayout(path).stub_path()) {
    open();
  }

  void open() {
    std::error_code error;
    if (!fs::exists(path, error)) {
      throw DatabaseError("no database at " + path + " (build one with: dateline-index --db " + path + " PATH...)");
    }
    stub_seen = stub_state(stub);
    try {
      database = Xapian::Database(path);
    } catch (const Xapian::Error& e) {
      throw DatabaseError("cannot open the database at " + path + ": " + e.get_msg());
    }
    common::check_schema_version(database, path);
    codec = common::stored_codec(database);
    builder = std::make_unique<QueryBuilder>(database);
  }

  // Sees the latest commit, and a new generation after a rebuild or compaction.
  void refresh() {
    if (stub_state(stub) != stub_seen) {
      open();
      return;
    }
    // A database gets its dictionary once, from the first indexer run with enough articles.
    if (database.reopen() && !codec.has_dictionary()) codec = common::stored_codec(database);
  }

  template <typename Operation>
  auto with_retries(Operation operation) {
    for (int attempt = 1;; ++attempt) {
      try {
        refresh();
        return operation();
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
    return with_retries([&] { return run(request); });
  }

  SearchResponse run(const SearchRequest& request) {
    const searcher::BuiltQuery built = builder->build(request);
    Xapian::Enquire enquire(database);
    enquire.set_query(built.query);
    if (request.time_limit_seconds > 0) enquire.set_time_limit(request.time_limit_seconds);
    Xapian::MultiValueKeyMaker by_date;
    if (request.sort == SortOrder::kRelevance) {
      enquire.set_sort_by_relevance_then_value(schema::kPublishedSlot, true);
    } else {
      // Undated articles go last either way: the empty date is the smallest key.
      const bool newest = request.sort == SortOrder::kNewest;
      by_date.add_value(schema::kPublishedSlot, false, newest ? "" : "99999999");
      enquire.set_sort_by_key_then_relevance(&by_date, newest);
    }
    std::optional<FacetCounter> facets;
    if (request.facet_limit > 0) facets.emplace(enquire);
    const Xapian::doccount wanted = static_cast<Xapian::doccount>(request.offset + request.limit);
    const Xapian::doccount check_at_least =
        facets ? std::min(database.get_doccount(), kFacetScanLimit) : std::max(wanted, kExactTotalLimit);
    const Xapian::MSet matches = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                                  static_cast<Xapian::doccount>(request.limit), check_at_least);
    SearchResponse response;
    response.query = request.query;
    response.offset = request.offset;
    response.limit = request.limit;
    response.total = matches.get_matches_estimated();
    response.total_exact = matches.get_matches_lower_bound() == matches.get_matches_upper_bound();
    response.words = built.words;
    response.match = request.all_words || built.words.size() <= 1 ? "all" : "any";
    if (request.explain) {
      response.parsed_query = built.description;
      response.notes = built.notes;
    }
    std::vector<Xapian::docid> documents;
    for (auto match = matches.begin(); match != matches.end(); ++match) {
      response.results.push_back(hit(request, built, enquire, matches, match));
      documents.push_back(*match);
    }
    const auto matched = built.matched_words(database, documents);
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
    if (facets) response.facets = facets->result(request.facet_limit, matches);
    return response;
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
    hit.rank = match.get_rank() + 1;
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
    return with_retries([&] {
      const std::string term = schema::term(schema::kIdPrefix, id);
      const Xapian::PostingIterator posting = database.postlist_begin(term);
      if (posting == database.postlist_end(term)) throw NotFoundError("no article with id " + id);
      return to_stored_article(common::decode_stored_article(database.get_document(*posting).get_data(), codec));
    });
  }
};

SortOrder sort_order_named(const std::string& name) {
  if (name == "relevance") return SortOrder::kRelevance;
  if (name == "newest") return SortOrder::kNewest;
  if (name == "oldest") return SortOrder::kOldest;
  throw QueryError("sort: expected relevance, newest or oldest, got '" + name + "'");
}

Searcher::Searcher(const std::string& database) : impl_(std::make_unique<Impl>(database)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResponse Searcher::search(const SearchRequest& request) { return impl_->search(request); }
StoredArticle Searcher::article(const std::string& id) { return impl_->article(id); }
std::uint64_t Searcher::document_count() {
  return impl_->with_retries([&] { return static_cast<std::uint64_t>(impl_->database.get_doccount()); });
}

}  // namespace dateline
