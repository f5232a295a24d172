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

namespace {

json people_of(const std::string& database, const std::string& id) {
  return test::search(database, {"--show", id})["people"];
}

// Articles that name a person by surname alone, in their own periods.
constexpr const char* kKremlin =
    R"({"id": "full", "title": "Budget meeting in Moscow", "body": "Russian President Vladimir Putin met his ministers in Moscow on Monday to discuss the budget.", "date": "2015-05-10"})"
    "\n"
    R"({"id": "full-again", "title": "New factory opens in Kazan", "body": "Vladimir Putin opened a car factory in Kazan on Wednesday.", "date": "2015-05-13"})"
    "\n"
    R"({"id": "later", "title": "Kremlin comments on talks", "body": "President Putin said on Tuesday that the talks in Sochi had been useful.", "date": "2015-05-20"})"
    "\n"
    R"({"id": "once", "title": "Prime minister visits a port", "body": "Prime Minister Vladimir Putin visited the port of Murmansk on Friday.", "date": "2013-01-04"})"
    "\n"
    R"({"id": "once-copy", "title": "Prime minister visits a port", "body": "Prime Minister Vladimir Putin visited the port of Murmansk on Friday.", "date": "2013-01-04"})"
    "\n"
    R"({"id": "years-before", "title": "Kremlin comments on a visit", "body": "President Putin said on Tuesday that the visit had been useful.", "date": "2013-01-08"})"
    "\n"
    R"({"id": "undated", "title": "Kremlin comments on trade", "body": "President Putin said that trade had grown."})"
    "\n";
constexpr const char* kTony =
    R"({"id": "tony", "title": "Prime minister visits Leeds", "body": "Prime Minister Tony Blair visited a school in Leeds on Monday.", "date": "2005-03-01"})"
    "\n"
    R"({"id": "tony-again", "title": "Talks on Northern Ireland", "body": "Tony Blair met party leaders in Belfast on Tuesday.", "date": "2005-03-02"})"
    "\n"
    R"({"id": "mr-blair", "title": "More money for schools", "body": "Mr. Blair said on Wednesday that schools would get more money.", "date": "2005-03-03"})"
    "\n";
constexpr const char* kCherie =
    R"({"id": "cherie", "title": "Lawyer speaks in London", "body": "The lawyer Cherie Blair spoke at a conference in London on Friday.", "date": "2005-03-04"})"
    "\n";

}  // namespace

TEST_CASE("A surname alone is the one person of that surname other articles of its period name in full", "[names]") {
  test::TempDir dir;
  const std::string db = dir / "db";
  test::write_file(dir / "in/kremlin.jsonl", kKremlin);
  test::index(db, {dir / "in"});
  CHECK(people_of(db, "later") == json({"Vladimir Putin"}));    // ten days after "full"
  CHECK(people_of(db, "undated") == json({"Vladimir Putin"}));  // against the whole archive
  // In its month one story named him, in two copies: one passing mention is too little.
  CHECK(people_of(db, "years-before") == json({"Putin"}));
  const json response = test::search(db, {"--facets", "--no-collapse", "putin"});
  const auto people = people_facet(response);
  CHECK(people.at("Vladimir Putin") == 6);
  CHECK(people.at("Putin") == 1);
  // The filter finds what the facet counts, and the results show the full name.
  CHECK(sorted_ids(test::search(db, {"--no-collapse", "--person", "Vladimir Putin"})) ==
        (std::vector<std::string>{"full", "full-again", "later", "once", "once-copy", "undated"}));
  const json found = test::search(db, {"--no-collapse", "--person", "Vladimir Putin"});
  for (const json& hit : found["results"]) {
    CHECK(hit["people"] == json({"Vladimir Putin"}));
  }
}

TEST_CASE("A surname two people of the period share stays apart, and later runs decide again", "[names]") {
  test::TempDir dir;
  const std::string db = dir / "db";
  test::write_file(dir / "tony.jsonl", kTony);
  test::write_file(dir / "cherie.jsonl", kCherie);
  test::index(db, {dir / "tony.jsonl"});
  CHECK(people_of(db, "mr-blair") == json({"Tony Blair"}));
  // Cherie Blair, in the same week, makes "Mr. Blair" ambiguous: Blair is a person of his own.
  test::index(db, {dir / "cherie.jsonl"});
  CHECK(people_of(db, "mr-blair") == json({"Blair"}));
  CHECK(sorted_ids(test::search(db, {"--no-collapse", "--person", "Tony Blair"})) ==
        (std::vector<std::string>{"tony", "tony-again"}));
  CHECK(people_facet(test::search(db, {"--facets", "--no-collapse", "blair"})).at("Blair") == 1);
  // Without her again, he is Tony Blair again; a rebuild decides as the runs did.
  test::index(db, {"--delete", "cherie"});
  CHECK(people_of(db, "mr-blair") == json({"Tony Blair"}));
  test::index(db, {"--rebuild", dir / "tony.jsonl", dir / "cherie.jsonl"});
  CHECK(people_of(db, "mr-blair") == json({"Blair"}));
}
