// One person is one facet entry and one filter, whatever the spelling of the
// input: lower-case metadata names, middle initials that do or do not tell
// people apart. The kinds of failure in ../shared/cases 13 and 14, on
// articles written for these tests.

#include "test_support.h"

#include <map>

using namespace dateline;
using nlohmann::json;

namespace {

std::vector<std::string> sorted_ids(const json& response) {
  std::vector<std::string> ids = test::result_ids(response);
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::map<std::string, int> people_facet(const json& response) {
  std::map<std::string, int> counts;
  for (const json& value : response["facets"]["people"]) counts[value["value"]] = value["count"];
  return counts;
}

}  // namespace

TEST_CASE("Lower-case metadata names get their capitals, and one person is one facet entry", "[names]") {
  test::TempDir dir;
  test::write_file(
      dir / "in/council.jsonl",
      R"({"id": "c1", "title": "Galway council elects a mayor", "body": "The council in Galway elected a mayor on Tuesday.", "date": "2016-05-10", "people": ["aoife mcdermott", "declan o'sullivan", "morag macintyre", "pieter van der linde"]})"
      "\n"
      R"({"id": "c2", "title": "Galway mayor visits schools", "body": "Mayor Aoife McDermott visited schools in Galway with councillors Declan O'Sullivan, Morag MacIntyre and Pieter van der Linde.", "date": "2016-05-11"})"
      "\n");
  test::index(dir / "db", {dir / "in"});
  const json article = test::search(dir / "db", {"--show", "c1"});
  CHECK(article["people"] == json({"Aoife McDermott", "Declan O'Sullivan", "Morag MacIntyre", "Pieter van der Linde"}));
  const auto people = people_facet(test::search(dir / "db", {"--facets", "--all-words", "galway"}));
  CHECK(people.at("Aoife McDermott") == 2);
  CHECK(people.at("Declan O'Sullivan") == 2);
  CHECK(people.at("Morag MacIntyre") == 2);
  CHECK(people.count("Aoife Mcdermott") == 0);
}

TEST_CASE("Middle initials that tell two people apart keep them apart for filtering", "[names]") {
  test::TempDir dir;
  test::write_file(
      dir / "in/presidents.jsonl",
      R"({"id": "elder", "title": "Former president opens a museum", "body": "Former President George H. W. Bush opened a museum in Houston on Tuesday.", "date": "2016-05-10"})"
      "\n"
      R"({"id": "younger", "title": "Former president opens a library", "body": "Former President George W. Bush opened a library in Dallas on Tuesday.", "date": "2016-05-10"})"
      "\n"
      R"({"id": "plain", "title": "A president remembered", "body": "Former President George Bush was remembered in Maine on Tuesday.", "date": "2016-05-10"})"
      "\n");
  test::index(dir / "db", {dir / "in"});
  const std::string db = dir / "db";
  // Initials name one person; an article without them could be either.
  CHECK(sorted_ids(test::search(db, {"--no-collapse", "--person", "George W. Bush"})) ==
        std::vector<std::string>{"plain", "younger"});
  CHECK(sorted_ids(test::search(db, {"--no-collapse", "--person", "George H. W. Bush"})) ==
        std::vector<std::string>{"elder", "plain"});
  CHECK(sorted_ids(test::search(db, {"--no-collapse", "--person", "George Bush"})) ==
        std::vector<std::string>{"elder", "plain", "younger"});
  CHECK(sorted_ids(test::search(db, {"--no-collapse", "person:\"George W Bush\""})) ==
        std::vector<std::string>{"plain", "younger"});
  const auto people = people_facet(test::search(db, {"--facets", "former", "president"}));
  CHECK(people.at("George W. Bush") == 1);
  CHECK(people.at("George H. W. Bush") == 1);
  CHECK(people.at("George Bush") == 1);
}

TEST_CASE("A middle initial one writer adds does not split a person", "[names]") {
  test::TempDir dir;
  test::write_file(
      dir / "in/talks.jsonl",
      R"({"id": "t1", "title": "Talks in Sochi", "body": "President Vladimir V. Putin met Secretary of State John Kerry in Sochi on Tuesday.", "date": "2015-05-12"})"
      "\n"
      R"({"id": "t2", "title": "Sochi meeting", "body": "President Vladimir Putin met John F. Kerry in Sochi on Tuesday.", "date": "2015-05-12"})"
      "\n");
  test::index(dir / "db", {dir / "in"});
  const auto people = people_facet(test::search(dir / "db", {"--facets", "sochi"}));
  CHECK(people.at("Vladimir Putin") == 2);
  CHECK(people.at("John Kerry") == 2);
  CHECK(people.size() == 2);
  CHECK(sorted_ids(test::search(dir / "db", {"--no-collapse", "--person", "Vladimir V. Putin"})) ==
        std::vector<std::string>{"t1", "t2"});
}
