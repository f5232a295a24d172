// What a user types finds what they mean: capitals, accents, possessives,
// acronyms, wildcards in phrases, and facet names in every form the indexer
// accepts. The kinds of failure in ../shared/cases 11, 19 and 21, on
// articles written for these tests.

#include "test_support.h"

#include <algorithm>

using namespace dateline;
using nlohmann::json;

namespace {

// The test's articles among 40 others, so that word frequencies (BM25's idf) are like an archive's.
std::string index_articles(const test::TempDir& dir, const std::string& jsonl) {
  test::write_file(dir / "in/articles.jsonl", jsonl);
  test::write_file(dir / "in/others.jsonl", test::generated_articles(0, 40, "other"));
  test::index(dir / "db", {dir / "in"});
  return dir / "db";
}

}  // namespace

TEST_CASE("A name matches its possessive whatever the capitals", "[query_analysis]") {
  test::TempDir dir;
  const std::string db = index_articles(
      dir,
      R"({"id": "p1", "title": "Talks stall in Vienna", "body": "Ostrowski's partners walked out of the talks in Vienna on Monday.", "date": "2016-03-07"})"
      "\n"
      R"({"id": "p2", "title": "Minister meets farmers", "body": "Minister Jana Ostrowski met farmers in Graz on Tuesday.", "date": "2016-03-08"})"
      "\n");
  const json lower = test::search(db, {"ostrowski"});
  REQUIRE(lower["total"] == 2);
  for (const char* spelling : {"Ostrowski", "OSTROWSKI", "Ostrowski's"}) {
    CAPTURE(spelling);
    CHECK(test::result_ids(test::search(db, {spelling})) == test::result_ids(lower));
  }
  // Both words: the article with both comes first, the other follows, named as missing a word.
  const json both = test::search(db, {"Ostrowski", "partners"});
  REQUIRE(both["results"].size() == 2);
  CHECK(both["results"][0]["id"] == "p1");
  CHECK(both["results"][1]["missing"] == json({"partners"}));
  CHECK(test::search(db, {"--all-words", "OSTROWSKI", "Partners"})["total"] == 1);
}

TEST_CASE("A stop word in capitals is an acronym and counts", "[query_analysis]") {
  test::TempDir dir;
  const std::string db = index_articles(
      dir,
      R"({"id": "health", "title": "WHO ends measles alert in Malawi", "body": "The WHO said the measles alert in Malawi was over.", "date": "2016-03-07"})"
      "\n"
      R"({"id": "football", "title": "Malawi wins in Blantyre", "body": "Malawi beat its rivals in Blantyre. Malawi fans cheered. Malawi, Malawi, Malawi.", "date": "2016-03-07"})"
      "\n"
      R"({"id": "outage", "title": "IT failure delays trains at Leeds", "body": "An IT failure delayed trains at Leeds station.", "date": "2016-03-07"})"
      "\n"
      R"({"id": "station", "title": "Leeds station to be rebuilt", "body": "Leeds station will be rebuilt. Leeds, Leeds, Leeds.", "date": "2016-03-07"})"
      "\n");
  CHECK(test::search(db, {"WHO", "Malawi"})["results"][0]["id"] == "health");
  CHECK(test::search(db, {"IT", "Leeds"})["results"][0]["id"] == "outage");
  const json explained = test::search(db, {"--explain", "WHO", "Malawi"});
  CHECK(explained["words"] == json({"who", "malawi"}));
  CHECK_THAT(explained["notes"][0].get<std::string>(), Catch::StartsWith("WHO: written in capitals, an acronym"));
  // A query of stop words alone is still searched.
  CHECK(test::search(db, {"the", "who"})["total"].get<int>() > 0);
}

TEST_CASE("A wildcard inside a phrase expands", "[query_analysis]") {
  test::TempDir dir;
  const std::string db = index_articles(
      dir,
      R"({"id": "bill", "title": "Senate passes water bill", "body": "The Senate passed the Clean Water Act on Tuesday.", "date": "2016-03-07"})"
      "\n"
      R"({"id": "other", "title": "Pass closed by snow", "body": "The senate building was closed. Snow closed the pass.", "date": "2016-03-08"})"
      "\n");
  const json phrase = test::search(db, {"--explain", "\"senate pass*\""});
  CHECK(test::result_ids(phrase) == std::vector<std::string>{"bill"});
  CHECK(phrase["results"][0]["matched"] == json({"senate", "pass*"}));
  CHECK_THAT(phrase["parsed_query"].get<std::string>(), Catch::Contains("PHRASE"));
  CHECK(test::result_ids(test::search(db, {"title:\"senate pass*\""})) == std::vector<std::string>{"bill"});
  // A wildcard no indexed word starts finds nothing, and says so by finding nothing.
  CHECK(test::search(db, {"\"senate zzq*\""})["total"] == 0);
}

TEST_CASE("Accents: an article spelled either way is found by a query spelled either way", "[query_analysis]") {
  test::TempDir dir;
  const std::string db = index_articles(
      dir,
      R"({"id": "accented", "title": "Floods in São Paulo", "body": "Heavy rain flooded São Paulo; Müller, the mayor, spoke.", "date": "2016-03-07"})"
      "\n"
      R"({"id": "plain", "title": "Traffic in Sao Paulo", "body": "Traffic jams in Sao Paulo; Muller, a driver, waited.", "date": "2016-03-08"})"
      "\n");
  for (const char* query : {"São Paulo", "Sao Paulo", "SAO PAULO"}) {
    CAPTURE(query);
    const json response = test::search(db, {"--all-words", query});
    CHECK(response["total"] == 2);
  }
  for (const char* query : {"Müller", "Muller", "muller"}) {
    CAPTURE(query);
    const json response = test::search(db, {query});
    CHECK(response["total"] == 2);
    CHECK(response["suggestion"].is_null());
  }
  // The snippet highlights the word as the article writes it.
  const json accented = test::search(db, {"--all-words", "Sao", "Paulo"});
  for (const json& hit : accented["results"]) {
    if (hit["id"] == "accented") CHECK_THAT(hit["snippet"].get<std::string>(), Catch::Contains("<mark>São</mark>"));
  }
}

TEST_CASE("Hyphenated names match with and without the hyphen and in the possessive", "[query_analysis]") {
  test::TempDir dir;
  const std::string db = index_articles(
      dir,
      R"({"id": "h1", "title": "Leader named", "body": "Abu Bakr al-Rashidi's deputy was named on Monday.", "date": "2016-03-07"})"
      "\n");
  for (const char* query : {"al-Rashidi", "al Rashidi", "Rashidi", "al-Rashidi's", "\"al-Rashidi\""}) {
    CAPTURE(query);
    CHECK(test::result_ids(test::search(db, {query})) == std::vector<std::string>{"h1"});
  }
}

TEST_CASE("Filters take every name the indexer takes for a person or place", "[query_analysis]") {
  test::TempDir dir;
  test::write_file(dir / "in/wire.sgm", R"(<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" NEWID="501">
<DATE> 2-MAR-1987 10:00:00.00</DATE>
<TOPICS><D>coffee</D></TOPICS>
<PLACES><D>el-salvador</D></PLACES>
<PEOPLE><D>james-baker</D></PEOPLE>
<TEXT><TITLE>SALVADOR COFFEE TALKS</TITLE>
<BODY>Coffee growers met the treasury secretary.
 Reuter
</BODY></TEXT>
</REUTERS>
)");
  test::write_file(
      dir / "in/feed.jsonl",
      R"({"id": "b1", "title": "Tin talks in La Paz", "body": "Miners met in La Paz.", "date": "2016-03-07", "places": ["Plurinational State of Bolivia"]})"
      "\n");
  test::index(dir / "db", {dir / "in"});
  const std::string db = dir / "db";
  for (const char* place : {"el-salvador", "El Salvador", "el salvador", "EL SALVADOR"}) {
    CAPTURE(place);
    CHECK(test::result_ids(test::search(db, {"--place", place})) == std::vector<std::string>{"reuters-501"});
  }
  for (const char* person : {"james-baker", "James Baker", "baker"}) {
    CAPTURE(person);
    CHECK(test::result_ids(test::search(db, {"--person", person})) == std::vector<std::string>{"reuters-501"});
  }
  CHECK(test::result_ids(test::search(db, {"place:el-salvador"})) == std::vector<std::string>{"reuters-501"});
  for (const char* place : {"Bolivia", "Plurinational State of Bolivia", "bolivia"}) {
    CAPTURE(place);
    CHECK(test::result_ids(test::search(db, {"--place", place})) == std::vector<std::string>{"b1"});
  }
}

TEST_CASE("A word inside Chinese or Japanese text is found, and marked whole", "[query_analysis]") {
  test::TempDir dir;
  const std::string db = index_articles(
      dir,
      R"({"id": "ja", "title": "大阪市議会が新しい条例を可決", "body": "大阪市議会は月曜日、公園での喫煙を禁止する条例を可決した。", "date": "2018-06-04"})"
      "\n"
      R"({"id": "zh", "title": "上海发布暴雨预警", "body": "上海市气象台周三发布暴雨橙色预警，部分航班取消。", "date": "2018-06-06"})"
      "\n");
  // Words typed alone, never the whole run of characters between punctuation.
  CHECK(test::result_ids(test::search(db, {"条例"})) == std::vector<std::string>{"ja"});
  CHECK(test::result_ids(test::search(db, {"大阪"})) == std::vector<std::string>{"ja"});
  CHECK(test::result_ids(test::search(db, {"预警"})) == std::vector<std::string>{"zh"});
  CHECK(test::search(db, {"东京"})["total"] == 0);  // no character of it is in either article
  const json hit = test::search(db, {"喫煙"})["results"][0];
  CHECK(hit["id"] == "ja");
  CHECK_THAT(hit["snippet"].get<std::string>(), Catch::Contains("<mark>喫煙</mark>"));
}
