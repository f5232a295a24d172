#pragma once
// Dateline's searcher, for programs that embed it (a web backend) as well as
// for dateline-search. No Xapian types appear here.
//
//   dateline::Searcher searcher("archive.db");
//   dateline::SearchRequest request;
//   request.query = "kerry putin sochi";
//   request.facet_limit = 10;
//   dateline::SearchResponse response = searcher.search(request);
//   std::string json = dateline::to_json(response);   // <dateline/search_json.h>
//
// A Searcher is not thread-safe: give each thread its own (opening one takes
// about a millisecond). Each search sees the latest committed state of the
// database, including a switch to a rebuilt generation.
//
// Errors (all in <dateline/errors.h>): QueryError for a query or filter that
// cannot be parsed, NotFoundError for an unknown article or story id, DatabaseError for
// a database that is missing, corrupt or of another schema version,
// ShardUnavailableError (a DatabaseError) for shards that do not answer.

#include <dateline/errors.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dateline {

enum class SortOrder { kRelevance, kNewest, kOldest };

// "relevance", "newest" or "oldest", as the CLI and the HTTP API spell them.
// Throws QueryError for any other name.
SortOrder sort_order_named(const std::string& name);

struct SearchRequest {
  // Xapian query syntax: words (any of them; see all_words), AND, OR, NOT/-word,
  // "phrases", word*, field:value. Capitals and accents do not matter.
  std::string query;
  bool all_words = false;  // true: every word must match (an article missing one is left out)
  std::size_t offset = 0;
  std::size_t limit = 10;
  SortOrder sort = SortOrder::kRelevance;  // relevance ties are broken by newest first
  std::vector<std::string> people;         // each must match ("putin" works when only one Putin is indexed)
  std::vector<std::string> places;         // each must match ("USA" finds "United States")
  std::vector<std::string> sources;        // each must match
  std::vector<std::string> topics;         // each must match
  std::vector<std::string> stories;        // each must match: story ids (Story::id)
  // One result per story (the best match of each), with Story telling how
  // many articles it holds. Off by default, so that a program counts
  // articles (grouping cost set-answer recall@10 0.920 -> 0.815 on
  // ../shared/eval); the terminal and the search page turn it on.
  bool collapse = false;
  std::string from;             // publication date from (YYYY, YYYY-MM or YYYY-MM-DD), inclusive
  std::string to;               // publication date to, inclusive
  std::size_t facet_limit = 0;  // 0: no facets; else the top N of each
  bool explain = false;         // fill Hit::explanation and SearchResponse::parsed_query
  std::size_t snippet_bytes = 200;
  // 0: none. Else matching stops checking extra documents after this long,
  // so totals become estimates and facets inexact (Facets::exact says so).
  double time_limit_seconds = 0;
  // 0: relevance alone. Else newer articles rank higher: an article of the
  // archive's newest day gains as much as a matching person or place, one a
  // half-life (days) older half that.
  double recency_half_life_days = 0;
  // Keyset paging for newest/oldest order: SearchResponse::next of the page
  // before. Pages past any offset limit, and ignores `offset` and `collapse`
  // (such pages list every article). Throws QueryError for a malformed
  // cursor or with relevance order.
  std::string after;
  // For a sharded archive: when a shard does not answer, search the others
  // (SearchResponse::partial) rather than throw ShardUnavailableError.
  bool allow_partial = false;
};

// The story an article belongs to: the same event told by every article of it
// (wire copies, corrections, updates, other outlets).
struct Story {
  std::string id;                    // 12 hex digits; empty for an article of a database without stories
  std::uint64_t articles = 0;        // articles in the story, this one included
  std::vector<std::string> sources;  // their sources, most articles first (at most 20)
  // In collapsed results: other articles of the story that also match the query (a lower bound).
  std::uint64_t more_matching = 0;
};

struct TermWeight {
  std::string term;                   // as indexed: "putin", "Zputin" (stem), "Skerry" (title)
  double weight = 0;                  // its BM25 contribution to the hit's score
  std::uint64_t within_document = 0;  // occurrences in the article (wdf)
  std::uint64_t documents = 0;        // articles containing it
};

struct Hit {
  std::size_t rank = 0;  // 1-based, across pages
  std::string id;
  double score = 0;
  std::string title;
  std::string date;  // publication date, ISO; empty when unknown
  std::string source;
  std::string url;
  std::vector<std::string> people;
  std::vector<std::string> places;
  std::string snippet;  // about snippet_bytes of text, HTML-escaped, matches in <mark>...</mark>
  Story story;
  std::vector<std::string> matched;  // the query's words (SearchResponse::words) this article has
  std::vector<std::string> missing;  // and those it lacks
  std::vector<TermWeight> explanation;
};

struct FacetValue {
  std::string value;
  std::uint64_t count = 0;
};

struct Facets {
  std::vector<FacetValue> people;
  std::vector<FacetValue> places;
  std::vector<FacetValue> sources;
  std::vector<FacetValue> topics;
  // Publication dates, chronological, every bucket from the first match's to
  // the last's (empty ones with count 0): a year "1987", a month "1987-03", a
  // week by its Monday or a day "1987-03-02", by date_granularity.
  std::vector<FacetValue> dates;
  // "day" (matches spanning up to 31 days), "week" (ISO weeks, up to 26),
  // "month" (up to 5 years) or "year".
  std::string date_granularity;
  std::uint64_t undated = 0;  // matching articles counted without a publication date
  bool exact = true;          // false when more matches exist than the facet scan limit
  std::uint64_t counted = 0;  // matching articles the counts cover
};

struct SearchResponse {
  std::string query;
  // Matching articles: exact up to 10,000 (100,000 with facets) when
  // total_exact; beyond, the bound itself ("more than 10,000"), or what was
  // counted when the time limit stopped the count. Never an estimate.
  std::uint64_t total = 0;
  bool total_exact = false;
  // With SearchRequest::collapse: the stories the counted articles make (the
  // results, one a story, are paged by these); else 0.
  std::uint64_t stories = 0;
  // Whether `stories` counts every matching article's story (else it is a
  // lower bound): false past the count bound, and when Xapian knew the exact
  // total (a single word) without looking at every match.
  bool stories_exact = false;
  // Newest/oldest order without grouping by story, a full page from offset 0
  // or from a cursor: the cursor of the next page (SearchRequest::after),
  // "<YYYYMMDD or undated>.<n>"; else empty.
  std::string next;
  std::size_t offset = 0;
  std::size_t limit = 0;
  SortOrder sort = SortOrder::kRelevance;  // newest and oldest put undated articles last
  // What `total` counts: "any" (articles with at least one of the words) or
  // "all" (every word; SearchRequest::all_words, or a query of one word).
  std::string match = "any";
  std::vector<std::string> words;  // the words searched for, folded ("sao", "pass*"), stop words left out
  // "Did you mean": the query with the words the index lacks corrected, when
  // nothing matched or a word is in no article.
  std::optional<std::string> suggestion;
  std::vector<Hit> results;
  std::optional<Facets> facets;
  std::string parsed_query;        // Xapian's description of the query, with explain
  std::vector<std::string> notes;  // with explain: what the query's words became ("WHO: an acronym...")
  // With SearchRequest::allow_partial: true when shards did not answer, the
  // results and counts then being those of the others; missing_shards names
  // them as the stub does ("remote 10.0.0.2:7001", or a shard's path).
  bool partial = false;
  std::vector<std::string> missing_shards;
};

struct StoredArticle {
  std::string id;
  std::string title;
  std::string body;
  std::string dateline;
  std::string date;
  std::string source;
  std::string url;
  std::vector<std::string> authors;
  std::string language;  // as the input tagged it (<html lang>), else empty
  std::vector<std::string> people;
  std::vector<std::string> places;
  std::vector<std::string> topics;
  std::vector<std::string> organisations;
  std::vector<std::string> mentioned_dates;
  std::string source_file;
  std::size_t line = 0;
  Story story;
  // With a query (Searcher::article's `query`): the title and body HTML-escaped
  // (&amp; &lt; &gt;), the query's words in <mark>...</mark>; else empty.
  std::string highlighted_title;
  std::string highlighted_body;
};

struct SearcherOptions {
  // Seconds a remote shard ("remote HOST:PORT" in a stub) has to connect and
  // to answer each request; one that does not is missing (ShardUnavailableError,
  // or a partial result). Missing shards are tried again at every request.
  double shard_timeout_seconds = 5;
};

class Searcher {
 public:
  // Opens a database directory, a sharded archive (dateline-index --shards),
  // or a Xapian stub file listing shards: local databases ("auto PATH") and
  // remote ones served by xapian-tcpsrv ("remote HOST:PORT"); Xapian merges
  // their rankings, statistics and facet counts. Throws DatabaseError when a
  // database is missing, unreadable or of another schema version, and
  // ShardUnavailableError when no shard answers.
  explicit Searcher(const std::string& database, const SearcherOptions& options = {});
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  SearchResponse search(const SearchRequest& request);
  // Articles like the one with `id` ("more like this"): the words that set it
  // apart (Xapian's ESet) and the people and places it names, best first,
  // leaving out the article and, unless `include_story`, its story. The
  // request's paging, filters, sort, collapsing and facets apply; its query
  // does not. Throws NotFoundError for an unknown id.
  SearchResponse related(const std::string& id, const SearchRequest& request, bool include_story = false);
  // Every article the request matches, in its sort order and without grouping
  // by story (offset, limit, collapse and facets are ignored), passed to
  // `sink` one at a time: id, title, date, source, url, people, places, score,
  // rank, story id, and the snippet when `snippets`. Stops early when `sink`
  // returns false. Memory stays bounded; time grows with the square of the
  // matches over 2,000. Returns the articles passed. Throws as search() does,
  // and DatabaseError when the database changes twice during the export.
  std::uint64_t export_matches(const SearchRequest& request, bool snippets,
                               const std::function<bool(const Hit&)>& sink);
  // The stored article with this id; with a `query` (the syntax of
  // SearchRequest::query), its words marked in highlighted_title and
  // highlighted_body. Throws NotFoundError for an unknown id, QueryError for a
  // query that cannot be parsed.
  StoredArticle article(const std::string& id, const std::string& query = "");
  std::uint64_t document_count();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace dateline
