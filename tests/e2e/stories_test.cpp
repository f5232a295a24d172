// Stories: one event told by several articles is one search result, grouped
// as the articles are indexed, run after run; a story's timeline and the
// articles like one. Small archives written for these tests.

#include "test_support.h"

#include <algorithm>

using namespace dateline;
using nlohmann::json;

namespace {

std::string story_of(const std::string& db, const std::string& id) {
  return test::search(db, {"--show", id})["story"]["id"];
}

}  // namespace

TEST_CASE("Articles on one event are one result, with a timeline, run after run", "[stories]") {
  test::TempDir dir;
  const std::string db = dir / "db";
  test::write_file(dir / "day1/wire.jsonl",
                   test::peru_quake(1) + test::peru_copper("2016-03-07") + test::generated_articles(0, 30, "other"));
  test::index(db, {dir / "day1"});
  const std::string story = story_of(db, "quake-1");
  CHECK(story_of(db, "copper") != story);

  // Indexed the next run: an update and another outlet's report join the story.
  test::write_file(dir / "day2/wire.jsonl", test::peru_quake(2) + test::peru_quake(3));
  test::index(db, {dir / "day2"});
  CHECK(story_of(db, "quake-2") == story);
  CHECK(story_of(db, "quake-3") == story);

  // One result for the story, saying how many articles it has and from where.
  const json grouped = test::search(db, {"--collapse", "earthquake", "arequipa"});
  REQUIRE_FALSE(grouped["results"].empty());
  const json& top = grouped["results"][0];
  CHECK(top["story"]["id"] == story);
  CHECK(top["story"]["articles"] == 3);
  CHECK(top["story"]["more_matching"] == 2);
  CHECK(top["story"]["sources"] == json({"Andes Wire", "Lima Daily"}));
  for (std::size_t i = 1; i < grouped["results"].size(); ++i) CHECK(grouped["results"][i]["story"]["id"] != story);
  CHECK(grouped["total"] >= 3);  // articles, not stories
  // JSON lists articles unless asked to group, so a program counts articles; the terminal groups.
  const json every = test::search(db, {"earthquake", "arequipa"});
  CHECK(every == test::search(db, {"--no-collapse", "earthquake", "arequipa"}));
  CHECK(every["stories"].is_null());
  const std::vector<std::string> listed = test::result_ids(every);
  for (const char* id : {"quake-1", "quake-2", "quake-3"}) CHECK(std::count(listed.begin(), listed.end(), id) == 1);
  const auto terminal = test::run({test::search_binary(), "--db", db, "earthquake", "arequipa"});
  CHECK_THAT(terminal.out, Catch::Contains("+2 more in this story: Andes Wire, Lima Daily (--story " + story + ")"));

  // The timeline: every article of the story, oldest first.
  const json timeline = test::search(db, {"--story", story});
  CHECK(timeline["total"] == 3);
  CHECK(test::result_ids(timeline).size() == 3);
  const auto timeline_text = test::run({test::search_binary(), "--db", db, "--story", story});
  CHECK_THAT(timeline_text.out, Catch::StartsWith("Story " + story + ": 3 articles from Andes Wire, Lima Daily"));
  const auto unknown = test::run({test::search_binary(), "--db", db, "--story", "000000000000"});
  CHECK(unknown.exit_code == 1);
  CHECK_THAT(unknown.err, Catch::Contains("no story with id \"000000000000\""));

  // Re-running the same input keeps every story; a deleted article leaves its story to the others.
  test::index(db, {dir / "day1"});
  test::index(db, {dir / "day2"});
  CHECK(story_of(db, "quake-3") == story);
  test::index(db, {"--delete", "quake-1"});
  CHECK(story_of(db, "quake-2") == story);
  CHECK(test::search(db, {"--story", story})["total"] == 2);
  // A rebuild assigns the stories afresh, to the same groups.
  test::index(db, {"--rebuild", dir / "day1", dir / "day2"});
  CHECK(story_of(db, "quake-1") == story_of(db, "quake-2"));
  CHECK(story_of(db, "quake-1") == story_of(db, "quake-3"));
  CHECK(story_of(db, "copper") != story_of(db, "quake-1"));
}

TEST_CASE("Related articles are like the article and from other stories", "[stories]") {
  test::TempDir dir;
  const std::string db = dir / "db";
  test::write_file(dir / "in/wire.jsonl", test::peru_quake(1) + test::peru_quake(2) + test::peru_copper("2016-03-09") +
                                              test::generated_articles(0, 30, "other"));
  test::index(db, {dir / "in"});
  const json related = test::search(db, {"--related", "quake-1", "-n", "3"});
  REQUIRE_FALSE(related["results"].empty());
  CHECK(related["results"][0]["id"] == "copper");  // Peru, Arequipa: the nearest article of another story
  for (const std::string& id : test::result_ids(related)) {
    CHECK(id != "quake-1");
    CHECK(id != "quake-2");
  }
  const json with_story = test::search(db, {"--related", "quake-1", "--include-story", "-n", "3"});
  CHECK(with_story["results"][0]["id"] == "quake-2");
  CHECK(test::run({test::search_binary(), "--db", db, "--related", "nope"}).exit_code == 1);
  CHECK(test::run({test::search_binary(), "--db", db, "--related", "quake-1", "words"}).exit_code == 1);
}

TEST_CASE("A grouped page is the best article of each story, page after page", "[stories]") {
  test::TempDir dir;
  const std::string db = dir / "db";
  // 40 wire copies of one report (one story) outrank everything else for "arequipa", so
  // the first 30 articles ranked hold one story and the page needs a grouped pass.
  std::string copies;
  for (int n = 0; n < 40; ++n) {
    json copy = json::parse(test::peru_quake(1));
    copy["id"] = "copy-" + std::to_string(n);
    copies += copy.dump() + "\n";
  }
  std::string filler;  // long bodies rank below the copies
  for (int n = 0; n < 20; ++n) filler += " Dealers said the session closed quietly after a slow morning.";
  std::string others;
  for (int n = 0; n < 25; ++n) {
    others += json{{"id", "other-" + std::to_string(n)},
                   {"title", "Market report " + std::to_string(n)},
                   {"body", "Traders in Arequipa and Lima watched the sol on day " + std::to_string(n) +
                                " of trading." + filler},
                   {"date", "2016-02-" + std::string(n < 9 ? "0" : "") + std::to_string(n + 1)},
                   {"source", "Andes Wire"}}
                  .dump() +
              "\n";
  }
  test::write_file(dir / "in/wire.jsonl", copies + others);
  test::index(db, {dir / "in"});
  const json every = test::search(db, {"--no-collapse", "-n", "100", "arequipa"});
  std::vector<std::string> expected;  // the first article of each story, in rank order
  std::vector<std::string> seen;
  for (const json& hit : every["results"]) {
    const std::string story = hit["story"]["id"];
    if (std::find(seen.begin(), seen.end(), story) != seen.end()) continue;
    seen.push_back(story);
    expected.push_back(hit["id"]);
  }
  REQUIRE(expected.size() == 26);
  for (int rank : {0, 29}) CHECK(every["results"][rank]["id"].get<std::string>().rfind("copy-", 0) == 0);
  std::vector<std::string> grouped;
  for (const char* offset : {"0", "10", "20"}) {
    const json page = test::search(db, {"--collapse", "--offset", offset, "arequipa"});
    CHECK(page["total"] == 65);
    CHECK(page["stories"] == 26);
    CHECK(page["stories_exact"] == true);
    for (const json& hit : page["results"]) grouped.push_back(hit["id"]);
  }
  CHECK(grouped == expected);
  const json first = test::search(db, {"--collapse", "-n", "1", "arequipa"});
  CHECK(first["results"][0]["story"]["articles"] == 40);
  CHECK(first["results"][0]["story"]["more_matching"] == 39);
  CHECK(first["results"][0]["rank"] == 1);
  CHECK(test::search(db, {"--collapse", "--offset", "10", "-n", "1", "arequipa"})["results"][0]["rank"] == 11);
}
