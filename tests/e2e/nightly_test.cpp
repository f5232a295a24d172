// scripts/nightly-reindex.sh, run twice against an archive that changes in between.

#include "test_support.h"

#include <xapian.h>

#include <filesystem>

using namespace dateline;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

test::RunResult nightly(const test::TempDir& dir, const std::string& compact, const std::string& withdrawn = "") {
  std::vector<std::string> command = {"/bin/bash", test::source_dir() + "/scripts/nightly-reindex.sh", dir / "archive",
                                      dir / "db"};
  if (!withdrawn.empty()) command.push_back(withdrawn);
  return test::run(command, "", {"DATELINE_INDEX=" + test::index_binary(), "DATELINE_COMPACT=" + compact});
}

json stats(const test::TempDir& dir) {
  return test::parse_json(test::run({test::index_binary(), "--db", dir / "db", "--stats", "--json"}).out);
}

}  // namespace

TEST_CASE("The nightly script takes new, corrected, removed and withdrawn articles in turn", "[nightly]") {
  test::TempDir dir;
  test::write_file(dir / "archive/2021/storm.txt",
                   "Title: Storm hits Lisbon\nDate: 2021-01-05\n\nA storm hit Lisbon.\n");
  test::write_file(dir / "archive/2021/strike.txt",
                   "Title: Dock strike in Rotterdam\nDate: 2021-01-06\n\nDockers walked out.\n");
  test::write_file(
      dir / "archive/wires.jsonl",
      "{\"id\": \"w1\", \"title\": \"Rates rise in Chile\", \"date\": \"2021-01-07\", \"body\": \"The bank acted.\"}\n"
      "{\"id\": \"w2\", \"title\": \"Volcano erupts\", \"date\": \"2021-01-08\", \"body\": \"Lava flowed.\"}\n");

  const auto first = nightly(dir, "0");
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.out, Catch::Contains("4 added"));
  CHECK(stats(dir)["documents"] == 4);
  const std::string generation_before = stats(dir)["generation"];

  test::write_file(dir / "archive/2021/storm.txt", "Title: Storm hits Porto\nDate: 2021-01-05\n\nA storm hit Porto.\n");
  test::write_file(dir / "archive/2021/floods.txt",
                   "Title: Floods in Manila\nDate: 2021-01-09\n\nRivers burst their banks.\n");
  fs::remove(dir / "archive/2021/strike.txt");
  test::write_file(dir / "withdrawn.txt", "w2\nnever-indexed\n");

  const auto second = nightly(dir, "1", dir / "withdrawn.txt");
  INFO(second.err);
  REQUIRE(second.exit_code == 0);
  CHECK_THAT(second.out, Catch::Contains("1 added, 1 updated, 2 unchanged, 0 failed, 1 pruned; 4 documents"));
  CHECK_THAT(second.out, Catch::Contains("1 deleted; 3 documents"));
  CHECK_THAT(second.out, Catch::Contains("3 documents (compacted)"));
  CHECK_THAT(second.err, Catch::Contains("no article with id never-indexed"));
  const json after = stats(dir);
  CHECK(after["documents"] == 3);
  CHECK(after["generation"] != generation_before);  // compacted into a new generation

  const Xapian::Database db(dir / "db");
  CHECK(db.term_exists("Qarchive/2021/floods.txt"));
  CHECK(db.term_exists("Qw1"));
  CHECK_FALSE(db.term_exists("Qw2"));
  CHECK_FALSE(db.term_exists("Qarchive/2021/strike.txt"));
  CHECK(test::search(dir / "db", {"--place", "porto"})["total"] == 1);
  CHECK(test::search(dir / "db", {"--place", "lisbon"})["total"] == 0);
}

TEST_CASE("The nightly script passes on the indexer's exit codes", "[nightly]") {
  test::TempDir dir;
  test::write_file(dir / "archive/feed.jsonl", "{\"id\": \"a\", \"title\": \"Fine\"}\nbroken\n");
  const auto partial = nightly(dir, "0");
  CHECK(partial.exit_code == 3);
  CHECK_THAT(partial.err, Catch::Contains("feed.jsonl:2: invalid JSON"));
  const auto usage = test::run({"/bin/bash", test::source_dir() + "/scripts/nightly-reindex.sh"});
  CHECK(usage.exit_code == 1);
  const auto missing =
      test::run({"/bin/bash", test::source_dir() + "/scripts/nightly-reindex.sh", dir / "nowhere", dir / "db"}, "",
                {"DATELINE_INDEX=" + test::index_binary()});
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Catch::Contains("failed with exit code 1"));
}
