// dateline-index as a user or a script runs it: exit codes, summaries, inputs.

#include "schema.h"
#include "test_support.h"

#include <xapian.h>

using namespace dateline;

TEST_CASE("Indexing the sample corpus: JSON summary, then a no-op re-run", "[index_cli]") {
  test::TempDir dir;
  const auto first = test::index(dir / "db", {test::corpus_dir()});
  CHECK(first["added"] == test::kCorpusArticles);
  CHECK(first["failed"] == 0);
  CHECK(first["documents"] == test::kCorpusArticles);
  CHECK(first["errors"].empty());
  CHECK(first["warnings"].size() == 1);
  const auto second = test::index(dir / "db", {test::corpus_dir()});
  CHECK(second["unchanged"] == test::kCorpusArticles);
  CHECK(second["added"] == 0);
  CHECK(second["updated"] == 0);
}

TEST_CASE("The human summary goes to stdout, no progress bar off a terminal", "[index_cli]") {
  test::TempDir dir;
  const auto result = test::run({test::index_binary(), "--db", dir / "db", test::corpus_dir()});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains("23 added, 0 updated, 0 unchanged, 0 failed; 23 documents"));
  CHECK(result.err.find('\r') == std::string::npos);
  CHECK_THAT(result.err, Catch::Contains("warning: ") && Catch::Contains("march-2020.sgm:65"));
}

TEST_CASE("On a terminal a progress line shows articles, rate and ETA, then gives way to the summary", "[index_cli]") {
  test::TempDir dir;
  test::write_file(dir / "in/a.jsonl", test::generated_articles(0, 3000));
  const auto result = test::run_in_terminal({test::index_binary(), "--db", dir / "db", "--batch", "100", dir / "in"});
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.out, Catch::Contains(" articles  ") && Catch::Contains("/s  ") && Catch::Contains(" MB/s") &&
                             Catch::Contains("%  ETA ") && Catch::Contains("\r\033[K"));
  CHECK_THAT(result.out, Catch::Contains("3,000 added"));
  const auto quiet = test::run_in_terminal({test::index_binary(), "--db", dir / "db", "--quiet", dir / "in"});
  CHECK(quiet.out.empty());
}

TEST_CASE("Articles can come from standard input", "[index_cli]") {
  test::TempDir dir;
  const auto result = test::run({test::index_binary(), "--db", dir / "db", "--json", "-"},
                                "{\"id\": \"s1\", \"title\": \"From a pipe\", \"body\": \"Piped text.\"}\n");
  REQUIRE(result.exit_code == 0);
  CHECK(test::parse_json(result.out)["added"] == 1);
  CHECK(Xapian::Database(dir / "db").get_termfreq("Qs1") == 1);
}

TEST_CASE("The database also comes from $DATELINE_DB", "[index_cli]") {
  test::TempDir dir;
  const auto result = test::run({test::index_binary(), "--quiet", test::corpus_dir() + "/text"}, "",
                                {"DATELINE_DB=" + (dir / "env.db")});
  CHECK(result.exit_code == 0);
  CHECK(result.out.empty());
  CHECK(Xapian::Database(dir / "env.db").get_doccount() == 6);
}

TEST_CASE("Bad usage exits 1 with one clear message", "[index_cli]") {
  test::TempDir dir;
  const auto missing = test::run({test::index_binary(), "--db", dir / "db", dir / "no-such-dir"});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err == "dateline-index: error: " + (dir / "no-such-dir") + ": no such file or directory\n");
  const auto nothing = test::run({test::index_binary(), "--db", dir / "db"});
  CHECK(nothing.exit_code == 1);
  CHECK_THAT(nothing.err, Catch::Contains("nothing to do"));
  const auto bad_option = test::run({test::index_binary(), "--db", dir / "db", "--batch", "0", test::corpus_dir()});
  CHECK(bad_option.exit_code == 1);
  const auto json_error = test::run({test::index_binary(), "--db", dir / "db", "--json", dir / "nope"});
  CHECK(test::parse_json(json_error.out)["code"] == 1);
}

TEST_CASE("Stats report counts, sources, size and the last update", "[index_cli]") {
  test::TempDir dir;
  test::index(dir / "db", {test::corpus_dir()});
  const auto result = test::run({test::index_binary(), "--db", dir / "db", "--stats", "--json"});
  REQUIRE(result.exit_code == 0);
  const auto stats = test::parse_json(result.out);
  CHECK(stats["documents"] == test::kCorpusArticles);
  CHECK(stats["schema"] == schema::kVersion);
  CHECK(stats["size_bytes"] > 0);
  CHECK(stats["last_update"].get<std::string>().size() == 20);
  CHECK(stats["sources"][0] == nlohmann::json({{"value", "Dateline Wire"}, {"count", 10}}));
  const auto missing = test::run({test::index_binary(), "--db", dir / "none", "--stats"});
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("no Dateline database"));
}
