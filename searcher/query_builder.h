#pragma once
// Turns a SearchRequest into a Xapian query: the user's text through
// Xapian's QueryParser (configured by common/analysis), facet fields and
// options as boolean filters on the schema's terms, dates as value ranges.

#include <dateline/searcher.h>

#include "schema.h"

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

namespace dateline::searcher {

class QueryBuilder {
 public:
  explicit QueryBuilder(const Xapian::Database& database);
  ~QueryBuilder();
  QueryBuilder(const QueryBuilder&) = delete;
  QueryBuilder& operator=(const QueryBuilder&) = delete;

  // Throws QueryError when the query or a filter is malformed.
  Xapian::Query build(const SearchRequest& request);

 private:
  struct Processors;
  Xapian::Query parse(const std::string& query);

  const Xapian::Database& database_;
  Xapian::QueryParser parser_;
  std::unique_ptr<Processors> processors_;
};

// The filter for one person, by canonical name or, when a single word is
// given, by unambiguous surname. Throws QueryError listing the candidates
// when the surname is shared.
Xapian::Query person_filter(const Xapian::Database& database, const std::string& name);
Xapian::Query place_filter(const std::string& name);
// The filter a "name:value" field of schema::kQueryFields stands for (not a free-text one).
Xapian::Query field_filter(const Xapian::Database& database, const schema::QueryField& field, const std::string& value);
// An inclusive range of publication dates; either end may be empty.
Xapian::Query date_filter(const std::string& from, const std::string& to, const std::string& what);

}  // namespace dateline::searcher
