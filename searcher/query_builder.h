#pragma once
// Turns a SearchRequest into a Xapian query: the user's text through Xapian's
// QueryParser (configured by common/analysis, after query_text.h has folded
// its words), facet fields and options as boolean filters on the schema's
// terms, dates as period terms or value ranges.
//
// Ranking (measured on ../shared/eval, see README "Relevance"): BM25 over any
// of the words, so an article missing one word is still found, ranked below
// those with more of the rarer words; --all-words asks for every word. Query
// words that name a person, place, topic or organisation the index knows add
// a fixed weight to articles faceted with it, and --recency a weight that
// halves with each half-life of age.

#include <dateline/searcher.h>

#include "schema.h"

#include <xapian.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace dateline::searcher {

struct BuiltQuery {
  Xapian::Query query;
  // The free-text words asked for (query_text.h), and which of them each
  // query term stands for; a word ending in '*' matches the terms it starts.
  std::vector<std::string> words;
  std::unordered_map<std::string, std::string> word_of_term;
  std::vector<std::string> notes;  // what was rewritten or dropped, for --explain
  std::string description;         // the query as Xapian describes it, for --explain
  // Facet terms that add a fixed weight (entity boosts), and the weight each adds.
  std::unordered_map<std::string, double> boosts;
  // --recency: the weight an article published on `day` (days since the epoch) gets; 0 without.
  double recency_weight(long day) const;
  double recency_half_life_days = 0;
  long newest_day = 0;

  // The words of `words` each of `documents` has, in the order of `words`:
  // one pass over each query term's posting list (cheaper than reading each
  // document's term list), and over the indexed words a wildcard starts.
  // Through remote shards (`remote`), where a posting list comes whole over
  // the network and a term list in one message, each document's term list.
  std::vector<std::vector<std::string>> matched_words(const Xapian::Database& database,
                                                      const std::vector<Xapian::docid>& documents,
                                                      bool remote = false) const;

 private:
  std::vector<std::vector<std::string>> matched_words_by_document(const Xapian::Database& database,
                                                                  const std::vector<Xapian::docid>& documents) const;
  std::vector<std::vector<std::string>> in_word_order(const std::vector<Xapian::docid>& documents,
                                                      std::map<Xapian::docid, std::set<std::string>>& found) const;
};

class QueryBuilder {
 public:
  explicit QueryBuilder(const Xapian::Database& database);
  ~QueryBuilder();
  QueryBuilder(const QueryBuilder&) = delete;
  QueryBuilder& operator=(const QueryBuilder&) = delete;

  // Throws QueryError when the query or a filter is malformed.
  BuiltQuery build(const SearchRequest& request);
  // Articles like `article` ("more like this"): its most telling words (an
  // ESet over the article as the relevance set) and the people and places it
  // names, leaving out the article itself and the story `story` (none when
  // empty); the request's filters apply, its query does not.
  BuiltQuery build_related(const SearchRequest& request, Xapian::docid article, const std::string& id_term,
                           const std::string& story);

 private:
  struct Processors;
  std::vector<Xapian::Query> filters(const SearchRequest& request);
  BuiltQuery parse(const std::string& query, bool all_words);
  Xapian::Query wildcard_phrase(std::size_t index);
  std::vector<Xapian::Query> entity_boosts(BuiltQuery& built) const;
  Xapian::Query recency_boost(BuiltQuery& built) const;
  // The text words of the names `query` and `filters` look for (people, places, title words), lightly weighted.
  Xapian::Query named_words(const Xapian::Query& query, const std::vector<Xapian::Query>& filters) const;

  const Xapian::Database& database_;
  Xapian::Stem stemmer_;
  Xapian::QueryParser parser_;
  std::unique_ptr<Processors> processors_;
};

// The filter for one person, by canonical name or, when a single word is
// given, by unambiguous surname. Throws QueryError listing the candidates
// when the surname is shared.
Xapian::Query person_filter(const Xapian::Database& database, const std::string& name);
// A place by any name the indexer accepts for it ("el-salvador", "USA",
// "Plurinational State of Bolivia").
Xapian::Query place_filter(const Xapian::Database& database, const std::string& name);
// The filter a "name:value" field of schema::kQueryFields stands for (not a free-text one).
Xapian::Query field_filter(const Xapian::Database& database, const schema::QueryField& field, const std::string& value);
// An inclusive range of publication dates; either end may be empty.
Xapian::Query date_filter(const std::string& from, const std::string& to, const std::string& what);

}  // namespace dateline::searcher
