// The parsed shape of typical queries: a change of query semantics shows here.

#include "query_builder.h"
#include "searcher_fixture.h"

#include <xapian.h>

#include <regex>

using namespace dateline;
using test::request_for;

namespace {

constexpr const char* kArticles =
    R"({"id": "a1", "title": "Coalition partners meet", "body": "Chancellor Helga Brandt's coalition partners met on Tuesday.", "date": "2015-05-12"})"
    "\n"
    R"({"id": "a2", "title": "Senate passes budget", "body": "The Senate passed the budget and the WHO said so.", "date": "2015-05-13", "places": ["Guinea"]})"
    "\n"
    R"({"id": "a3", "title": "Market in São Paulo", "body": "Traders in São Paulo bought coffee.", "date": "2015-05-14", "topics": ["coffee"]})"
    "\n";

std::string described(const std::string& query, bool all_words = false) {
  static test::ArticlesDatabase db(kArticles);
  const Xapian::Database database(db.path);
  searcher::QueryBuilder builder(database);
  SearchRequest request = request_for(query);
  request.all_words = all_words;
  // Boost weights depend on the words' frequencies in this small database.
  return std::regex_replace(builder.build(request).description, std::regex("wt=[0-9.]+"), "wt=W");
}

}  // namespace

TEST_CASE("Typical queries parse to these shapes", "[query_builder]") {
  struct Case {
    std::string query;
    bool all_words;
    std::string description;
  };
  const Case cases[] = {
      // Any word, stemmed whatever the capitals; a surname one person has
      // weighs that person's articles more.
      {"Brandt coalition", false,
       "Query(((Zbrandt@1 OR Zcoalit@2) AND_MAYBE (PostingSource(Xapian::FixedWeightPostingSource(wt=W)) FILTER "
       "XPhelga "
       "brandt)))"},
      {"BRANDT Coalition", false,
       "Query(((Zbrandt@1 OR Zcoalit@2) AND_MAYBE (PostingSource(Xapian::FixedWeightPostingSource(wt=W)) FILTER "
       "XPhelga "
       "brandt)))"},
      {"market coalition", true, "Query((Zmarket@1 AND Zcoalit@2))"},
      // A stop word in capitals is an acronym; in lower case it is dropped.
      {"WHO budget", false, "Query((who@1 OR Zbudget@2))"},
      {"who budget", false, "Query(Zbudget@2)"},
      // A wildcard inside a phrase stands for the words it starts.
      {"\"senate pass*\"", false, "Query((senate PHRASE 2 (passes OR passed)))"},
      // Accents: the folded word and the accented spellings the index holds.
      {"Sao", false, "Query((Zsao@1 SYNONYM Zsão@1 SYNONYM são@1))"},
      {"São", false, "Query((Zsao@1 SYNONYM Zsão@1 SYNONYM são@1))"},
      // Free-text fields, exclusions.
      {"title:senate", false, "Query((ZSsenat@1 AND_MAYBE 0.2000000000000000111 * Zsenat))"},
      {"budget -senate", false, "Query((Zbudget@1 AND_NOT Zsenat@2))"},
      // A word naming a facet the index holds (the topic coffee) weighs its articles more, by the word's idf.
      {"coffee", false,
       "Query((Zcoffe@1 AND_MAYBE (PostingSource(Xapian::FixedWeightPostingSource(wt=W)) FILTER XTcoffee)))"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query, c.all_words);
    CHECK(described(c.query, c.all_words) == c.description);
  }
}

TEST_CASE("What a query's words became is noted for --explain", "[query_builder]") {
  test::ArticlesDatabase db(kArticles);
  const Xapian::Database database(db.path);
  searcher::QueryBuilder builder(database);
  const searcher::BuiltQuery built = builder.build(request_for("the WHO and São"));
  CHECK(built.words == std::vector<std::string>{"who", "sao"});
  const auto noted = [&](const std::string& start) {
    return std::any_of(built.notes.begin(), built.notes.end(),
                       [&](const std::string& note) { return note.rfind(start, 0) == 0; });
  };
  CHECK(noted("WHO: written in capitals"));
  CHECK(noted("São: searched as sao"));
  CHECK(noted("the: a stop word"));
  CHECK(noted("and: a stop word"));
}
