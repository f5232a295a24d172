#include "query_builder.h"

#include "analysis.h"
#include "dates.h"
#include "gazetteer.h"
#include "person_names.h"
#include "query_text.h"
#include "schema.h"
#include "text_utils.h"
#include "word_lists.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>

namespace dateline::searcher {
namespace {

using common::fold_key;

// Wildcards expand to at most this many of the most frequent matching terms.
constexpr Xapian::termcount kMaxWildcardExpansion = 1000;
// A wildcard inside a phrase stands for at most this many words (a phrase of ORs is slower).
constexpr std::size_t kMaxPhraseWildcardExpansion = 100;
// What a query word naming a facet the index knows adds to an article faceted
// with it, times the word's idf: about one more mention of the word. Measured
// on ../shared/eval against no boost: topics MAP@100 0.601 -> 0.936, P@10
// 0.86 -> 0.96, set-answer recall@10 0.887 -> 0.920, known-item MRR@10 0.968
// either way; at 1.5x idf and above known-item MRR falls (0.954).
constexpr double kEntityWeight = 1.0;
constexpr double kMinEntityIdf = 0.1;
// --recency: what an article of the archive's newest day gets; one half-life older, half that.
constexpr double kRecencyWeight = 5.0;
// "More like this": the article's words that tell it apart (Xapian's ESet).
constexpr Xapian::termcount kRelatedWords = 30;
// The words of names a query filters by (person:, place:, title:, --person,
// --place) weigh this fraction of their idf where the text mentions them: the
// snippet then shows and highlights the passage naming them, and articles of a
// filter alone rank by how much they say of it.
constexpr double kNamedWordWeight = 0.2;
// Longest run of query words tried as a facet name ("new york stock exchange" is four, rare).
constexpr std::size_t kMaxEntityWords = 3;

constexpr unsigned kParserFlags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                                  Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                                  Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_AUTO_SYNONYMS |
                                  Xapian::QueryParser::FLAG_CJK_NGRAM;

// The parser's stop list, except for the acronyms of this query ("WHO").
class QueryStopper : public Xapian::Stopper {
 public:
  bool operator()(const std::string& term) const override {
    return acronyms.count(term) == 0 && common::english_stopper()(term);
  }
  std::unordered_set<std::string> acronyms;
};

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
  QueryStopper stopper;
  QueryText text;  // of the query being parsed
  std::vector<std::unique_ptr<FieldFilter>> fields;
  std::unique_ptr<FieldFilter> phrases;
  DateRangeProcessor date_range{problem};
};

Xapian::Query field_filter(const Xapian::Database& database, const schema::QueryField& field,
                           const std::string& value) {
  const std::string what = std::string(field.name) + ":" + value;
  switch (field.kind) {
    case schema::FieldKind::kPerson: return person_filter(database, value);
    case schema::FieldKind::kPlace: return place_filter(database, value);
    case schema::FieldKind::kFacet: return facet_term(field.prefix, value);
    case schema::FieldKind::kMentionedDate:
      return Xapian::Query(schema::term(field.prefix, schema::date_key(parse_date_bound(value, what))));
    case schema::FieldKind::kPublishedDate: return date_filter(value, value, what);
    case schema::FieldKind::kFreeText: break;
  }
  throw std::logic_error("field_filter: " + std::string(field.name) + " is free text");
}

// A person_full_key() without its initials: "george h w bush" -> "george bush".
std::string without_initials(const std::string& full_key) {
  const std::vector<std::string> words = common::split_whitespace(full_key);
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i == 0 || i + 1 == words.size() || words[i].size() > 1) kept.push_back(words[i]);
  }
  return common::join(kept, " ");
}

// "George W. Bush": articles naming him so, or naming a George Bush without
// initials, but not those naming another George Bush by other initials
// ("George H. W. Bush"); person_key() terms have no initials, person_full_key()
// terms have them.
Xapian::Query with_initials_filter(const Xapian::Database& database, const std::string& name) {
  const std::string full = common::person_full_key(name);
  const std::string base = common::person_key(name);
  const std::string first_word = base.substr(0, base.find(' ') + 1);
  const std::string prefix = schema::term(schema::kPersonPrefix, first_word);
  std::vector<Xapian::Query> others;
  for (auto term = database.allterms_begin(prefix); term != database.allterms_end(prefix); ++term) {
    const std::string key = (*term).substr(schema::kPersonPrefix.size());
    if (key != full && key != base && without_initials(key) == base) others.emplace_back(*term);
  }
  Xapian::Query without_initials(schema::term(schema::kPersonPrefix, base));
  if (!others.empty()) {
    without_initials = Xapian::Query(Xapian::Query::OP_AND_NOT, without_initials,
                                     Xapian::Query(Xapian::Query::OP_OR, others.begin(), others.end()));
  }
  return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(schema::term(schema::kPersonPrefix, full)),
                       without_initials);
}

Xapian::Query person_filter(const Xapian::Database& database, const std::string& name) {
  const std::string display = common::person_name_from_metadata(name);
  if (!common::person_initials(display).empty()) return with_initials_filter(database, display);
  const std::string key = common::person_key(display);
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

Xapian::Query place_filter(const Xapian::Database& database, const std::string& name) {
  if (common::trim(name).empty()) throw QueryError("place: empty name");
  // The names most filters use are terms as they stand; the gazetteer (40 ms
  // to load) is read only for the others, as the indexer read it.
  for (const std::string& candidate : {common::resolve_place_alias(name), common::title_case(name)}) {
    const std::string term = schema::term(schema::kPlacePrefix, fold_key(candidate));
    if (database.term_exists(term)) return Xapian::Query(term);
  }
  return facet_term(schema::kPlacePrefix, common::place_name_from_metadata(name));
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
    : database_(database), stemmer_(common::english_stemmer()), processors_(std::make_unique<Processors>()) {
  common::configure_query_parser(parser_);
  parser_.set_stopper(&processors_->stopper);
  parser_.set_database(database_);
  parser_.set_max_expansion(kMaxWildcardExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  for (const schema::QueryField& field : schema::kQueryFields) {
    if (field.kind == schema::FieldKind::kFreeText) continue;
    const auto filter = [this, &field](const std::string& value) { return field_filter(database_, field, value); };
    processors_->fields.push_back(std::make_unique<FieldFilter>(filter, processors_->problem));
    parser_.add_boolean_prefix(std::string(field.name), processors_->fields.back().get());
  }
  processors_->phrases = std::make_unique<FieldFilter>(
      [this](const std::string& index) {
        const bool number = !index.empty() && index.size() < 6 &&
                            std::all_of(index.begin(), index.end(), [](char c) { return c >= '0' && c <= '9'; });
        return wildcard_phrase(number ? std::stoul(index) : processors_->text.phrases.size());
      },
      processors_->problem);
  parser_.add_prefix(std::string(kWildcardPhraseField), processors_->phrases.get());
  parser_.add_rangeprocessor(&processors_->date_range);
}

QueryBuilder::~QueryBuilder() = default;

namespace {

std::vector<std::pair<std::string, std::string>> text_fields() {
  std::vector<std::pair<std::string, std::string>> fields;
  for (const schema::QueryField& field : schema::kQueryFields) {
    if (field.kind == schema::FieldKind::kFreeText) fields.emplace_back(field.name, field.prefix);
  }
  return fields;
}

std::set<std::string> filter_fields() {
  std::set<std::string> fields;
  for (const schema::QueryField& field : schema::kQueryFields) {
    if (field.kind != schema::FieldKind::kFreeText) fields.emplace(field.name);
  }
  return fields;
}

// A free-text term without its stem marker and field prefix: "ZSkerri" -> "kerri".
std::string_view term_word(std::string_view term) {
  if (!term.empty() && term.front() == 'Z') term.remove_prefix(1);
  for (const schema::QueryField& field : schema::kQueryFields) {
    if (field.kind == schema::FieldKind::kFreeText && term.substr(0, field.prefix.size()) == field.prefix) {
      return term.substr(field.prefix.size());
    }
  }
  return term;
}

bool is_free_text_term(std::string_view term) {
  if (!schema::is_prefixed(term)) return true;
  if (term.front() == 'Z') return true;
  return term_word(term).size() < term.size();
}

}  // namespace

// "senate pass*": a phrase of terms in which each wildcard word is the OR of
// the most frequent indexed words it starts (Xapian's phrases accept ORs of
// terms, not wildcards).
Xapian::Query QueryBuilder::wildcard_phrase(std::size_t index) {
  if (index >= processors_->text.phrases.size()) throw QueryError("unknown field " + std::string(kWildcardPhraseField));
  const WildcardPhrase& phrase = processors_->text.phrases[index];
  std::vector<Xapian::Query> parts;
  for (const std::string& word : phrase.words) {
    if (word.back() != '*') {
      parts.emplace_back(phrase.prefix + word);
      continue;
    }
    const std::string start = phrase.prefix + word.substr(0, word.size() - 1);
    std::vector<std::pair<Xapian::doccount, std::string>> expansions;
    for (auto term = database_.allterms_begin(start); term != database_.allterms_end(start); ++term) {
      expansions.emplace_back(term.get_termfreq(), *term);
    }
    std::sort(expansions.rbegin(), expansions.rend());
    if (expansions.size() > kMaxPhraseWildcardExpansion) expansions.resize(kMaxPhraseWildcardExpansion);
    std::vector<Xapian::Query> alternatives;
    for (const auto& expansion : expansions) alternatives.emplace_back(expansion.second);
    if (alternatives.empty()) return Xapian::Query::MatchNothing;
    parts.emplace_back(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
  }
  return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(), parts.size());
}

BuiltQuery QueryBuilder::parse(const std::string& query, bool all_words) {
  processors_->text = prepare_query_text(query, text_fields(), filter_fields(), common::english_stopper());
  processors_->stopper.acronyms = processors_->text.acronyms;
  parser_.set_default_op(all_words ? Xapian::Query::OP_AND : Xapian::Query::OP_OR);
  BuiltQuery built;
  try {
    built.query = parser_.parse_query(with_pure_exclusions(processors_->text.parser_input), kParserFlags);
  } catch (const Xapian::QueryParserError& e) {
    processors_->problem.message.clear();
    throw QueryError(parse_error_message(query, e.get_msg()));
  }
  if (!processors_->problem.message.empty()) {
    const std::string message = std::move(processors_->problem.message);
    processors_->problem.message.clear();
    throw QueryError(message);
  }
  built.words = processors_->text.words;
  built.notes = processors_->text.notes;
  for (auto stopped = parser_.stoplist_begin(); stopped != parser_.stoplist_end(); ++stopped) {
    built.notes.push_back(*stopped + ": a stop word, not searched (other words carry the query)");
    built.words.erase(std::remove(built.words.begin(), built.words.end(), *stopped), built.words.end());
  }
  for (auto term = built.query.get_unique_terms_begin(); term != built.query.get_unique_terms_end(); ++term) {
    if (!is_free_text_term(*term)) continue;
    std::string word = common::fold_key(term_word(*term));
    if (auto unstemmed = parser_.unstem_begin(*term); unstemmed != parser_.unstem_end(*term)) {
      word = common::fold_key(*unstemmed);
    }
    if (std::find(built.words.begin(), built.words.end(), word) != built.words.end()) built.word_of_term[*term] = word;
  }
  return built;
}

// Runs of one to three query words that name a facet value the index holds:
// a topic ("coffee", "money supply"), a place ("us", "el salvador"), a person
// (full name, or a surname one person has) or an organisation.
std::vector<Xapian::Query> QueryBuilder::entity_boosts(BuiltQuery& built) const {
  const std::vector<std::string>& words = built.words;
  const double documents = std::max(1.0, static_cast<double>(database_.get_doccount()));
  // The inverse document frequency of a word (Robertson and Sparck Jones, as
  // BM25 weighs it): an entity counts as much as its rarest word would.
  const auto idf = [&](const std::string& word) {
    const double frequency = std::max(database_.get_termfreq("Z" + stemmer_(word)), database_.get_termfreq(word));
    return std::max(kMinEntityIdf, std::log((documents - frequency + 0.5) / (frequency + 0.5)));
  };
  std::map<std::string, double> weights;
  for (std::size_t length = 1; length <= kMaxEntityWords; ++length) {
    for (std::size_t first = 0; first + length <= words.size(); ++first) {
      std::vector<std::string> run(words.begin() + static_cast<std::ptrdiff_t>(first),
                                   words.begin() + static_cast<std::ptrdiff_t>(first + length));
      if (std::any_of(run.begin(), run.end(), [](const std::string& w) { return w.back() == '*'; })) continue;
      if (length == 1 && common::english_stopper()(run.front())) continue;
      double weight = 0;
      for (const std::string& word : run) weight = std::max(weight, kEntityWeight * idf(word));
      const auto add_if_indexed = [&](const std::string& term) {
        if (database_.term_exists(term)) weights[term] = std::max(weights[term], weight);
      };
      const std::string name = common::join(run, " ");
      add_if_indexed(schema::term(schema::kTopicPrefix, name));
      add_if_indexed(schema::term(schema::kTopicPrefix, common::join(run, "-")));
      add_if_indexed(schema::term(schema::kOrganisationPrefix, name));
      add_if_indexed(schema::term(schema::kPlacePrefix, fold_key(common::resolve_place_alias(name))));
      if (length > 1) {
        add_if_indexed(schema::term(schema::kPersonPrefix, common::person_key(name)));
        continue;
      }
      const std::string surname = schema::term(schema::kSurnamePrefix, name + schema::kSurnameSeparator);
      std::set<std::string> people;
      for (auto term = database_.allterms_begin(surname); term != database_.allterms_end(surname) && people.size() < 2;
           ++term) {
        people.insert((*term).substr(surname.size()));
      }
      if (people.size() == 1) add_if_indexed(schema::term(schema::kPersonPrefix, *people.begin()));
    }
  }
  std::vector<Xapian::Query> boosts;
  for (const auto& [term, weight] : weights) {
    boosts.emplace_back(Xapian::Query::OP_FILTER,
                        Xapian::Query((new Xapian::FixedWeightPostingSource(weight))->release()), Xapian::Query(term));
    built.boosts[term] = weight;
  }
  return boosts;
}

// A weight by age against the archive's newest publication day, as a map
// from each day the archive holds (its publication day terms) to a weight.
Xapian::Query QueryBuilder::recency_boost(BuiltQuery& built) const {
  const std::string prefix(schema::kPublishedPrefix);
  std::vector<std::pair<std::string, long>> days;
  for (auto term = database_.allterms_begin(prefix); term != database_.allterms_end(prefix); ++term) {
    const std::string key = (*term).substr(prefix.size());
    if (const auto day = schema::date_from_key(key); day && day->day != 0) {
      days.emplace_back(key, common::days_since_epoch(*day));
    }
  }
  if (days.empty()) return Xapian::Query::MatchNothing;
  built.newest_day = std::max_element(days.begin(), days.end(), [](const auto& a, const auto& b) {
                       return a.second < b.second;
                     })->second;
  auto* weights = new Xapian::ValueMapPostingSource(schema::kPublishedSlot);
  for (const auto& [key, day] : days) weights->add_mapping(key, built.recency_weight(day));
  return Xapian::Query(weights->release());
}

std::vector<Xapian::Query> QueryBuilder::filters(const SearchRequest& request) {
  std::vector<Xapian::Query> filters;
  for (const std::string& person : request.people) filters.push_back(person_filter(database_, person));
  for (const std::string& place : request.places) filters.push_back(place_filter(database_, place));
  for (const std::string& source : request.sources) filters.push_back(facet_term(schema::kSourcePrefix, source));
  for (const std::string& topic : request.topics) filters.push_back(facet_term(schema::kTopicPrefix, topic));
  for (const std::string& story : request.stories) {
    const std::string term = schema::term(schema::kStoryPrefix, fold_key(story));
    if (database_.get_termfreq(term) == 0) throw NotFoundError("no story with id \"" + story + "\"");
    filters.emplace_back(term);
  }
  if (!request.from.empty() || !request.to.empty()) {
    const std::string what = !request.from.empty() && !request.to.empty() ? "--from/--to"
                             : !request.from.empty()                      ? "--from"
                                                                          : "--to";
    filters.push_back(date_filter(request.from, request.to, what));
  }
  return filters;
}

namespace {

Xapian::Query filtered(const Xapian::Query& query, const std::vector<Xapian::Query>& filters) {
  if (filters.empty()) return query;
  return Xapian::Query(Xapian::Query::OP_FILTER, query,
                       Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
}

// The words of an article worth finding others by: stems of its text, not of stop words, numbers or names' fields.
class TextStems : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    if (term.size() < 4 || term[0] != 'Z' || schema::is_prefixed(std::string_view(term).substr(1))) return false;
    if (std::any_of(term.begin(), term.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    return !common::english_stopper()(term.substr(1));
  }
};

}  // namespace

BuiltQuery QueryBuilder::build_related(const SearchRequest& request, Xapian::docid article, const std::string& id_term,
                                       const std::string& story) {
  Xapian::Enquire enquire(database_);
  Xapian::RSet relevant;
  relevant.add_document(article);
  const TextStems stems;
  const Xapian::ESet expansion = enquire.get_eset(kRelatedWords, relevant, &stems);
  BuiltQuery built;
  built.query = Xapian::Query(Xapian::Query::OP_OR, expansion.begin(), expansion.end());
  // The people and places it names count as much as a word of theirs would (entity_boosts()).
  std::vector<Xapian::Query> boosts;
  const double documents = std::max(1.0, static_cast<double>(database_.get_doccount()));
  for (const std::string_view prefix : {schema::kPersonPrefix, schema::kPlacePrefix}) {
    Xapian::TermIterator term = database_.termlist_begin(article);
    for (term.skip_to(std::string(prefix));
         term != database_.termlist_end(article) && common::starts_with(*term, prefix); ++term) {
      const double frequency = term.get_termfreq();
      const double weight =
          kEntityWeight * std::max(kMinEntityIdf, std::log((documents - frequency + 0.5) / (frequency + 0.5)));
      boosts.emplace_back(Xapian::Query::OP_FILTER,
                          Xapian::Query((new Xapian::FixedWeightPostingSource(weight))->release()),
                          Xapian::Query(*term));
      built.boosts[*term] = weight;
    }
  }
  if (!boosts.empty()) {
    built.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, built.query,
                                Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
  }
  const Xapian::Query itself =
      story.empty() ? Xapian::Query(id_term) : Xapian::Query(schema::term(schema::kStoryPrefix, story));
  built.query = Xapian::Query(Xapian::Query::OP_AND_NOT, built.query,
                              Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(id_term), itself));
  built.query = filtered(built.query, filters(request));
  built.description = built.query.get_description();
  return built;
}

BuiltQuery QueryBuilder::build(const SearchRequest& request) {
  const std::vector<Xapian::Query> filters = this->filters(request);
  if (request.recency_half_life_days < 0)
    throw QueryError("--recency: the half-life must be a positive number of days");
  const bool blank = common::trim(request.query).empty();
  if (blank && filters.empty()) throw QueryError("empty query: give words to search for or a filter");
  BuiltQuery built;
  built.query = Xapian::Query::MatchAll;
  if (!blank) built = parse(request.query, request.all_words);
  std::vector<Xapian::Query> boosts = entity_boosts(built);
  if (request.recency_half_life_days > 0) {
    built.recency_half_life_days = request.recency_half_life_days;
    boosts.push_back(recency_boost(built));
  }
  if (const Xapian::Query named = named_words(built.query, filters); !named.empty()) boosts.push_back(named);
  if (!boosts.empty()) {
    built.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, built.query,
                                Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
  }
  built.query = filtered(built.query, filters);
  built.description = built.query.get_description();
  return built;
}

Xapian::Query QueryBuilder::named_words(const Xapian::Query& query, const std::vector<Xapian::Query>& filters) const {
  std::set<std::string> terms;
  const auto add_words = [&](std::string_view name) {
    for (const std::string& word : common::split_whitespace(std::string(name))) {
      if (word.size() > 1) terms.insert("Z" + stemmer_(word));
    }
  };
  const auto collect = [&](const Xapian::Query& from) {
    for (auto term = from.get_terms_begin(); term != from.get_terms_end(); ++term) {
      const std::string& name = *term;
      if (common::starts_with(name, schema::kPersonPrefix)) {
        add_words(std::string_view(name).substr(schema::kPersonPrefix.size()));
      } else if (common::starts_with(name, schema::kSurnamePrefix)) {
        const std::size_t separator = name.find(schema::kSurnameSeparator);
        if (separator != std::string::npos) add_words(std::string_view(name).substr(separator + 1));
      } else if (common::starts_with(name, schema::kPlacePrefix)) {
        add_words(std::string_view(name).substr(schema::kPlacePrefix.size()));
      } else if (common::starts_with(name, "Z" + std::string(schema::kTitlePrefix))) {
        terms.insert("Z" + name.substr(1 + schema::kTitlePrefix.size()));
      }
    }
  };
  collect(query);
  for (const Xapian::Query& filter : filters) collect(filter);
  if (terms.empty()) return {};
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                       kNamedWordWeight);
}

double BuiltQuery::recency_weight(long day) const {
  if (recency_half_life_days <= 0) return 0;
  return kRecencyWeight * std::exp2(-static_cast<double>(newest_day - day) / recency_half_life_days);
}

std::vector<std::vector<std::string>> BuiltQuery::matched_words(const Xapian::Database& database,
                                                                const std::vector<Xapian::docid>& documents,
                                                                bool remote) const {
  if (remote) return matched_words_by_document(database, documents);
  std::vector<Xapian::docid> sorted = documents;
  std::sort(sorted.begin(), sorted.end());
  std::map<Xapian::docid, std::set<std::string>> found;
  const auto mark_postings = [&](const std::string& term, const std::string& word) {
    Xapian::PostingIterator posting = database.postlist_begin(term);
    for (const Xapian::docid document : sorted) {
      if (found[document].count(word) > 0) continue;
      posting.skip_to(document);
      if (posting == database.postlist_end(term)) break;
      if (*posting == document) found[document].insert(word);
    }
  };
  for (const auto& [term, word] : word_of_term) mark_postings(term, word);
  for (const std::string& word : words) {
    if (word.back() != '*') continue;
    const std::string start = word.substr(0, word.size() - 1);
    std::size_t expansions = 0;
    for (auto term = database.allterms_begin(start);
         term != database.allterms_end(start) && expansions < kMaxWildcardExpansion; ++term, ++expansions) {
      mark_postings(*term, word);
    }
  }
  return in_word_order(documents, found);
}

std::vector<std::vector<std::string>> BuiltQuery::matched_words_by_document(
    const Xapian::Database& database, const std::vector<Xapian::docid>& documents) const {
  std::map<Xapian::docid, std::set<std::string>> found;
  for (const Xapian::docid document : documents) {
    std::set<std::string>& has = found[document];
    for (auto term = database.termlist_begin(document); term != database.termlist_end(document); ++term) {
      const auto word = word_of_term.find(*term);
      if (word != word_of_term.end()) has.insert(word->second);
      for (const std::string& wildcard : words) {
        if (wildcard.back() == '*' && (*term).compare(0, wildcard.size() - 1, wildcard, 0, wildcard.size() - 1) == 0)
          has.insert(wildcard);
      }
    }
  }
  return in_word_order(documents, found);
}

std::vector<std::vector<std::string>> BuiltQuery::in_word_order(
    const std::vector<Xapian::docid>& documents, std::map<Xapian::docid, std::set<std::string>>& found) const {
  std::vector<std::vector<std::string>> matched;
  for (const Xapian::docid document : documents) {
    std::vector<std::string> in_order;
    for (const std::string& word : words) {
      if (found[document].count(word) > 0) in_order.push_back(word);
    }
    matched.push_back(std::move(in_order));
  }
  return matched;
}

}  // namespace dateline::searcher
