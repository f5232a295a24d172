#include "query_text.h"
#include "analysis.h"

#include <catch2/catch.hpp>

using namespace dateline;
using searcher::prepare_query_text;
using searcher::QueryText;

namespace {

QueryText prepared(const std::string& query) {
  return prepare_query_text(query, {{"title", "S"}}, {"person", "place", "date", "source"}, common::english_stopper());
}

}  // namespace

TEST_CASE("Query words are folded the way the index folds them", "[query_text]") {
  struct Case {
    std::string query;
    std::string parser_input;
    std::vector<std::string> words;
  };
  const Case cases[] = {
      {"Merkel coalition", "merkel coalition", {"merkel", "coalition"}},
      {"PUTIN putin Putin", "putin putin putin", {"putin"}},
      {"Merkel's coalition", "merkel coalition", {"merkel", "coalition"}},
      {"São Paulo", "sao paulo", {"sao", "paulo"}},
      {"Müller", "muller", {"muller"}},
      {"al-Baghdadi's", "al-baghdadi", {"al-baghdadi"}},
      {"oil AND prices", "oil AND prices", {"oil", "prices"}},
      {"kerry -putin", "kerry -putin", {"kerry"}},
      {"kerry NOT putin", "kerry NOT putin", {"kerry"}},
      {"Rotter*", "rotter*", {"rotter*"}},
      {"title:Cocoa", "title:cocoa", {"cocoa"}},
      {"person:\"Vladimir V. Putin\" Sochi", "person:\"Vladimir V. Putin\" sochi", {"sochi"}},
      {"place:USA date:1987..1988", "place:USA date:1987..1988", {}},
      {"\"Peace Talks\" (Geneva OR Oslo)", "\"peace talks\" (geneva OR oslo)", {"peace", "talks", "geneva", "oslo"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.query);
    const QueryText text = prepared(c.query);
    CHECK(text.parser_input == c.parser_input);
    CHECK(text.words == c.words);
    CHECK(text.phrases.empty());
  }
}

TEST_CASE("Stop words written in capitals are acronyms, kept as words", "[query_text]") {
  const QueryText who = prepared("WHO Guinea");
  CHECK(who.parser_input == "WHO guinea");
  CHECK(who.acronyms.count("who") == 1);
  CHECK(who.words == std::vector<std::string>{"who", "guinea"});
  REQUIRE(who.notes.size() == 1);
  CHECK_THAT(who.notes[0], Catch::StartsWith("WHO: written in capitals, an acronym"));
  // In lower case, or not a stop word, nothing is kept or noted.
  CHECK(prepared("who guinea").acronyms.empty());
  CHECK(prepared("NATO summit").acronyms.empty());
  CHECK(prepared("NATO summit").parser_input == "nato summit");
}

TEST_CASE("A phrase with a wildcard is taken out for the query builder", "[query_text]") {
  const QueryText text = prepared("\"Senate pass*\" budget");
  CHECK(text.parser_input == std::string(searcher::kWildcardPhraseField) + ":0 budget");
  REQUIRE(text.phrases.size() == 1);
  CHECK(text.phrases[0].prefix.empty());
  CHECK(text.phrases[0].words == std::vector<std::string>{"senate", "pass*"});
  CHECK(text.words == std::vector<std::string>{"senate", "pass*", "budget"});
  CHECK_FALSE(text.notes.empty());

  const QueryText titled = prepared("title:\"senate pass*\"");
  CHECK(titled.parser_input == std::string(searcher::kWildcardPhraseField) + ":0");
  REQUIRE(titled.phrases.size() == 1);
  CHECK(titled.phrases[0].prefix == "S");

  const QueryText excluded = prepared("budget -\"senate pass*\"");
  CHECK(excluded.parser_input == "budget -" + std::string(searcher::kWildcardPhraseField) + ":0");
  CHECK(excluded.words == std::vector<std::string>{"budget"});
}
