#include "query_builder.h"

#include "analysis.h"
#include "dates.h"
#include "person_names.h"
#include "schema.h"
#include "text_utils.h"
#include "word_lists.h"

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>

namespace dateline::searcher {
namespace {

using common::fold_key;

// Wildcards expand to at most this many of the most frequent matching terms.
constexpr Xapian::termcount kMaxWildcardExpansion = 1000;

constexpr unsigned kParserFlags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                                  Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                                  Xapian::QueryParser::FLAG_PURE_NOT;

Xapian::Query facet_term(std::string_view prefix, const std::string& value) {
  return Xapian::Query(schema::term(prefix, fold_key(value)));
}

common::Date parse_date_bound(const std::string& text, const std::string& what) {
  const auto date = common::parse_iso_date(common::trim(text));
  if (!date) throw QueryError(what + ": expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got '" + text + "'");
  return *date;
}

// The display name of `key` as stored with one of its articles.
std::string person_display_name(const Xapian::Database& database, const std::string& key) {
  const std::string term = schema::term(schema::kPersonPrefix, key);
  const Xapian::PostingIterator posting = database.postlist_begin(term);
  if (posting == database.postlist_end(term)) return key;
  for (const std::string& name : schema::split_list(database.get_document(*posting).get_value(schema::kPeopleSlot))) {
    if (common::person_key(name) == key) return name;
  }
  return key;
}

// A problem found while Xapian's parser runs is kept here and thrown once the
// parser has returned: an exception unwinding through the parser leaks memory.
struct ParseProblem {
  std::string message;
};

template <typename Body>
Xapian::Query deferring_errors(ParseProblem& problem, Body body) {
  try {
    return body();
  } catch (const QueryError& e) {
    if (problem.message.empty()) problem.message = e.what();
    return Xapian::Query::MatchNothing;
  }
}

// One "name:value" field of schema::kQueryFields, as Xapian's parser calls it.
class FieldFilter : public Xapian::FieldProcessor {
 public:
  FieldFilter(std::function<Xapian::Query(const std::string&)> filter, ParseProblem& problem)
      : filter_(std::move(filter)), problem_(problem) {}
  Xapian::Query operator()(const std::string& value) override {
    return deferring_errors(problem_, [&] { return filter_(value); });
  }

 private:
  std::function<Xapian::Query(const std::string&)> filter_;
  ParseProblem& problem_;
};

// "date:2015-05-01..2015-05-31", "date:1987..", "date:..1987-03".
class DateRangeProcessor : public Xapian::RangeProcessor {
  static std::string field_name() { return std::string(schema::query_field(schema::FieldKind::kPublishedDate).name); }

 public:
  explicit DateRangeProcessor(ParseProblem& problem)
      : Xapian::RangeProcessor(schema::kPublishedSlot, field_name() + ":"), problem_(problem) {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    return deferring_errors(problem_, [&] { return date_filter(begin, end, field_name() + ":" + begin + ".." + end); });
  }

 private:
  ParseProblem& problem_;
};

// "-kerry" alone would be read as "kerry": Xapian's love/hate needs a positive
// term. A query of exclusions only is rewritten as NOT clauses.
std::string with_pure_exclusions(const std::string& query) {
  const std::vector<std::string> words = common::split_whitespace(query);
  if (words.empty() || query.find('"') != std::string::npos) return query;
  for (const std::string& word : words) {
    if (word.size() < 2 || word[0] != '-') return query;
  }
  std::string rewritten;
  for (const std::string& word : words) rewritten += (rewritten.empty() ? "NOT " : " AND NOT ") + word.substr(1);
  return rewritten;
}

// Xapian says "Syntax: <expression> AND <expression>"; find that operator in the query to say where.
std::string parse_error_message(const std::string& query, const std::string& xapian_message) {
  std::string message = "cannot parse the query \"" + query + "\": ";
  const std::string syntax = "Syntax: <expression> ";
  if (common::starts_with(xapian_message, syntax)) {
    const std::string rest = xapian_message.substr(syntax.size());
    const std::string op = rest.substr(0, rest.find(' '));
    message += op + " needs an expression on both sides";
    const std::vector<std::string> words = common::split_whitespace(query);
    std::size_t column = 0;
    std::size_t searched = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
      const std::size_t at = query.find(words[i], searched);
      searched = at + words[i].size();
      const bool lonely = i == 0 || i + 1 == words.size() || words[i - 1] == op || words[i + 1] == op;
      if (words[i] == op && lonely) {
        column = at + 1;
        break;
      }
    }
    if (column > 0) message += " (the " + op + " at column " + std::to_string(column) + ")";
    return message;
  }
  return message + xapian_message;
}

}  // namespace

struct QueryBuilder::Processors {
  ParseProblem problem;
  std::vector<std::unique_ptr<FieldFilter>> fields;
  DateRangeProcessor date_range{problem};
};

Xapian::Query field_filter(const Xapian::Database& database, const schema::QueryField& field,
                           const std::string& value) {
  const std::string what = std::string(field.name) + ":" + value;
  switch (field.kind) {
    case schema::FieldKind::kPerson: return person_filter(database, value);
    case schema::FieldKind::kPlace: return place_filter(value);
    case schema::FieldKind::kFacet: return facet_term(field.prefix, value);
    case schema::FieldKind::kMentionedDate:
      return Xapian::Query(schema::term(field.prefix, schema::date_key(parse_date_bound(value, what))));
    case schema::FieldKind::kPublishedDate: return date_filter(value, value, what);
    case schema::FieldKind::kFreeText: break;
  }
  throw std::logic_error("field_filter: " + std::string(field.name) + " is free text");
}

Xapian::Query person_filter(const Xapian::Database& database, const std::string& name) {
  const std::string canonical = common::canonical_person_name(name);
  const std::string key = fold_key(canonical);
  if (key.empty()) throw QueryError("person: empty name");
  if (key.find(' ') != std::string::npos) return Xapian::Query(schema::term(schema::kPersonPrefix, key));
  // One word: a surname (or a person known by one name), if it points at one person.
  std::set<std::string> full_names;
  const std::string prefix = schema::term(schema::kSurnamePrefix, key + schema::kSurnameSeparator);
  for (auto term = database.allterms_begin(prefix); term != database.allterms_end(prefix); ++term) {
    const std::string candidate = (*term).substr(prefix.size());
    if (candidate != key) full_names.insert(candidate);
  }
  if (full_names.size() > 1) {
    std::string names;
    for (const std::string& candidate : full_names) {
      names += (names.empty() ? "" : ", ") + person_display_name(database, candidate);
    }
    throw QueryError("person '" + name + "' is ambiguous (" + names + "); give the full name");
  }
  Xapian::Query filter(schema::term(schema::kPersonPrefix, key));
  if (full_names.size() == 1) {
    filter = Xapian::Query(Xapian::Query::OP_OR, filter,
                           Xapian::Query(schema::term(schema::kPersonPrefix, *full_names.begin())));
  }
  return filter;
}

Xapian::Query place_filter(const std::string& name) {
  if (common::trim(name).empty()) throw QueryError("place: empty name");
  return facet_term(schema::kPlacePrefix, common::resolve_place_alias(name));
}

// A closed range as the fewest publication year, month and day terms that
// cover it: posting lists, where a value range would read the date of every
// candidate (five times slower on 200,000 articles).
Xapian::Query published_between(const common::Date& first, const common::Date& last) {
  std::vector<Xapian::Query> periods;
  const long end = common::days_since_epoch(last);
  for (long day = common::days_since_epoch(first); day <= end;) {
    common::Date period = common::date_from_days(day);
    long next = day + 1;
    if (period.month == 1 && period.day == 1 &&
        common::days_since_epoch(common::last_day({period.year, 0, 0})) <= end) {
      period = {period.year, 0, 0};
    } else if (period.day == 1 && common::days_since_epoch(common::last_day({period.year, period.month, 0})) <= end) {
      period = {period.year, period.month, 0};
    }
    if (period.day == 0) next = common::days_since_epoch(common::last_day(period)) + 1;
    periods.emplace_back(schema::term(schema::kPublishedPrefix, schema::date_key(period)));
    day = next;
  }
  return Xapian::Query(Xapian::Query::OP_OR, periods.begin(), periods.end());
}

Xapian::Query date_filter(const std::string& from, const std::string& to, const std::string& what) {
  const std::optional<common::Date> first =
      from.empty() ? std::nullopt : std::optional(common::first_day(parse_date_bound(from, what)));
  const std::optional<common::Date> last =
      to.empty() ? std::nullopt : std::optional(common::last_day(parse_date_bound(to, what)));
  if (!first && !last) throw QueryError(what + ": give at least one date");
  if (first && last && *last < *first) throw QueryError(what + ": the range ends before it starts");
  if (!first) return Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kPublishedSlot, schema::date_key(*last));
  if (!last) return Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kPublishedSlot, schema::date_key(*first));
  return published_between(*first, *last);
}

QueryBuilder::QueryBuilder(const Xapian::Database& database)
    : database_(database), processors_(std::make_unique<Processors>()) {
  common::configure_query_parser(parser_);
  parser_.set_database(database_);
  parser_.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  for (const schema::QueryField& field : schema::kQueryFields) {
    if (field.kind == schema::FieldKind::kFreeText) continue;
    const auto filter = [this, &field](const std::string& value) { return field_filter(database_, field, value); };
    processors_->fields.push_back(std::make_unique<FieldFilter>(filter, processors_->problem));
    parser_.add_boolean_prefix(std::string(field.name), processors_->fields.back().get());
  }
  parser_.add_rangeprocessor(&processors_->date_range);
}

QueryBuilder::~QueryBuilder() = default;

Xapian::Query QueryBuilder::parse(const std::string& query) {
  Xapian::Query parsed;
  try {
    parsed = parser_.parse_query(with_pure_exclusions(query), kParserFlags);
  } catch (const Xapian::QueryParserError& e) {
    processors_->problem.message.clear();
    throw QueryError(parse_error_message(query, e.get_msg()));
  }
  if (!processors_->problem.message.empty()) {
    const std::string message = std::move(processors_->problem.message);
    processors_->problem.message.clear();
    throw QueryError(message);
  }
  return parsed;
}

Xapian::Query QueryBuilder::build(const SearchRequest& request) {
  std::vector<Xapian::Query> filters;
  for (const std::string& person : request.people) filters.push_back(person_filter(database_, person));
  for (const std::string& place : request.places) filters.push_back(place_filter(place));
  for (const std::string& source : request.sources) filters.push_back(facet_term(schema::kSourcePrefix, source));
  for (const std::string& topic : request.topics) filters.push_back(facet_term(schema::kTopicPrefix, topic));
  if (!request.from.empty() || !request.to.empty()) {
    const std::string what = !request.from.empty() && !request.to.empty() ? "--from/--to"
                             : !request.from.empty()                      ? "--from"
                                                                          : "--to";
    filters.push_back(date_filter(request.from, request.to, what));
  }
  const bool blank = common::trim(request.query).empty();
  if (blank && filters.empty()) throw QueryError("empty query: give words to search for or a filter");
  const Xapian::Query text = blank ? Xapian::Query::MatchAll : parse(request.query);
  if (filters.empty()) return text;
  return Xapian::Query(Xapian::Query::OP_FILTER, text,
                       Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
}

}  // namespace dateline::searcher
