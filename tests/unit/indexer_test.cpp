#include "indexer.h"
#include "database_layout.h"
#include "schema.h"

#include <dateline/errors.h>
#include <dateline/searcher.h>

#include "test_support.h"

#include <xapian.h>

#include <filesystem>
#include <set>

using namespace dateline;

namespace {

indexer::IndexSummary index_paths(const std::string& database, std::vector<std::string> inputs,
                                  const std::function<void(indexer::IndexOptions&)>& adjust = {}) {
  indexer::IndexOptions options;
  options.database = database;
  options.inputs = std::move(inputs);
  options.batch_size = 7;
  options.commit_interval = std::chrono::milliseconds(0);
  if (adjust) adjust(options);
  return indexer::run_indexer(options);
}

std::string jsonl(const std::string& id, const std::string& title) {
  return "{\"id\": \"" + id + "\", \"title\": \"" + title + "\", \"body\": \"Body of " + title + ".\"}\n";
}

std::set<std::string> ids_in(const std::string& database) {
  std::set<std::string> ids;
  const Xapian::Database db(database);
  for (auto term = db.allterms_begin("Q"); term != db.allterms_end("Q"); ++term) ids.insert((*term).substr(1));
  return ids;
}

}  // namespace

TEST_CASE("The sample corpus indexes completely, and again unchanged", "[indexer]") {
  test::TempDir dir;
  const auto first = index_paths(dir / "db", {test::corpus_dir()});
  CHECK(first.added == test::kCorpusArticles);
  CHECK(first.failed == 0);
  CHECK(first.documents == test::kCorpusArticles);
  CHECK(first.warnings.size() == 1);  // the Latin-1 byte in the Reuters sample
  const auto second = index_paths(dir / "db", {test::corpus_dir()});
  CHECK(second.added == 0);
  CHECK(second.updated == 0);
  CHECK(second.unchanged == test::kCorpusArticles);
  CHECK(second.documents == test::kCorpusArticles);
}

TEST_CASE("A changed article replaces the old one, facets included", "[indexer]") {
  test::TempDir dir;
  test::write_file(dir / "in/feed.jsonl", jsonl("a", "Talks in Geneva") + jsonl("b", "Rain in Oslo"));
  index_paths(dir / "db", {dir / "in"});
  test::write_file(dir / "in/feed.jsonl", jsonl("a", "Talks in Vienna") + jsonl("b", "Rain in Oslo"));
  const auto summary = index_paths(dir / "db", {dir / "in"});
  CHECK(summary.updated == 1);
  CHECK(summary.unchanged == 1);
  CHECK(summary.documents == 2);
  const Xapian::Database db(dir / "db");
  CHECK(db.get_termfreq("XLvienna") == 1);
  CHECK(db.get_termfreq("XLgeneva") == 0);
  CHECK(db.get_termfreq("geneva") == 0);
}

TEST_CASE("A duplicate id in one run is rejected and the first kept", "[indexer]") {
  test::TempDir dir;
  test::write_file(dir / "feed.jsonl", jsonl("same", "First version") + jsonl("same", "Second version"));
  const auto summary = index_paths(dir / "db", {dir / "feed.jsonl"});
  CHECK(summary.added == 1);
  CHECK(summary.failed == 1);
  REQUIRE(summary.errors.size() == 1);
  CHECK(summary.errors[0].line == 2);
  CHECK_THAT(summary.errors[0].reason, Catch::Contains("duplicate id same") && Catch::Contains(":1"));
  CHECK(Xapian::Database(dir / "db").get_termfreq("first") == 1);
}

TEST_CASE("Deleting articles by id, unknown ids reported", "[indexer]") {
  test::TempDir dir;
  index_paths(dir / "db", {test::corpus_dir()});
  const auto summary = index_paths(dir / "db", {}, [](indexer::IndexOptions& options) {
    options.delete_ids = {"reuters-90001", "wire-2021-0708-berlin-tram", "no-such-article"};
  });
  CHECK(summary.deleted == 2);
  CHECK(summary.unknown_ids == std::vector<std::string>{"no-such-article"});
  CHECK(summary.documents == test::kCorpusArticles - 2);
  CHECK(ids_in(dir / "db").count("reuters-90001") == 0);
}

TEST_CASE("Pruning removes articles whose file or line is gone", "[indexer]") {
  test::TempDir dir;
  test::write_file(dir / "in/one.txt", "Storm hits coast\n\nWind and rain.\n");
  test::write_file(dir / "in/two.txt", "Markets rally\n\nShares rose.\n");
  test::write_file(dir / "in/feed.jsonl", jsonl("x", "Kept") + jsonl("y", "Withdrawn"));
  index_paths(dir / "db", {dir / "in"});
  std::filesystem::remove(dir / "in/two.txt");
  test::write_file(dir / "in/feed.jsonl", jsonl("x", "Kept"));
  const auto without_prune = index_paths(dir / "db", {dir / "in"});
  CHECK(without_prune.documents == 4);
  const auto summary =
      index_paths(dir / "db", {dir / "in"}, [](indexer::IndexOptions& options) { options.prune = true; });
  CHECK(summary.pruned == 2);
  CHECK(ids_in(dir / "db") == std::set<std::string>{"in/one.txt", "x"});
}

TEST_CASE("A rebuild switches to a fresh generation", "[indexer]") {
  test::TempDir dir;
  test::write_file(dir / "in/feed.jsonl", jsonl("a", "One") + jsonl("b", "Two"));
  index_paths(dir / "db", {dir / "in"});
  test::write_file(dir / "in/feed.jsonl", jsonl("b", "Two"));
  const auto summary =
      index_paths(dir / "db", {dir / "in"}, [](indexer::IndexOptions& options) { options.rebuild = true; });
  CHECK(summary.rebuilt);
  CHECK(summary.added == 1);
  CHECK(ids_in(dir / "db") == std::set<std::string>{"b"});
  CHECK(std::filesystem::exists(dir / "db/gen-000002"));
  CHECK_FALSE(std::filesystem::exists(dir / "db/gen-000001"));
}

TEST_CASE("A database gets its compression dictionary once it has enough articles, and searchers follow", "[indexer]") {
  test::TempDir dir;
  const auto dictionary = [&] {
    return Xapian::Database(dir / "db").get_metadata(std::string(schema::kDictionaryKey));
  };
  test::write_file(dir / "in/few.jsonl", test::generated_articles(0, 40));
  index_paths(dir / "db", {dir / "in"}, [](indexer::IndexOptions& options) { options.batch_size = 100; });
  CHECK(dictionary().empty());  // too few articles to learn from: plain zstd

  Searcher searcher(dir / "db");
  CHECK(searcher.article("gen-7").title == "Report 7 on the tariff in Cairo");
  test::write_file(dir / "in/many.jsonl", test::generated_articles(1000, 1500));
  index_paths(dir / "db", {dir / "in"}, [](indexer::IndexOptions& options) { options.batch_size = 100; });
  const std::string trained = dictionary();
  CHECK(trained.size() > 10000);
  // The searcher opened before the dictionary existed reads articles stored with it, and the older ones.
  CHECK(searcher.article("gen-2222").title == "Report 2222 on the strike in Dublin");
  CHECK(searcher.article("gen-7").title == "Report 7 on the tariff in Cairo");
  SearchRequest request;
  request.query = "\"plan number 2222\"";
  const SearchResponse response = searcher.search(request);
  REQUIRE(response.results.size() == 1);
  CHECK(response.results[0].snippet.find("<mark>plan number 2222</mark>") != std::string::npos);

  // Later runs keep it; a rebuild trains a new one on the whole input.
  test::write_file(dir / "in/more.jsonl", test::generated_articles(5000, 200));
  index_paths(dir / "db", {dir / "in"});
  CHECK(dictionary() == trained);
  index_paths(dir / "db", {dir / "in"}, [](indexer::IndexOptions& options) { options.rebuild = true; });
  CHECK(!dictionary().empty());
  CHECK(searcher.article("gen-5100").body.find("plan number 5100") != std::string::npos);
  CHECK(searcher.document_count() == 1740);
}

TEST_CASE("Compaction keeps every article", "[indexer]") {
  test::TempDir dir;
  index_paths(dir / "db", {test::corpus_dir()});
  const auto summary = index_paths(dir / "db", {}, [](indexer::IndexOptions& options) { options.compact = true; });
  CHECK(summary.compacted);
  CHECK(Xapian::Database(dir / "db").get_doccount() == test::kCorpusArticles);
  const auto stats = indexer::database_stats(dir / "db");
  CHECK(stats.documents == test::kCorpusArticles);
  CHECK(stats.schema_version == schema::kVersion);
  CHECK_FALSE(stats.last_update.empty());
  REQUIRE(stats.sources.size() == 3);
  CHECK(stats.sources[0].first == "Dateline Wire");
}

TEST_CASE("A second indexer is refused while the first holds the lock", "[indexer]") {
  test::TempDir dir;
  const common::DatabaseLayout layout(dir / "db");
  const common::WriteLock held(layout, 0);
  CHECK_THROWS_AS(index_paths(dir / "db", {test::corpus_dir()}), DatabaseLockedError);
}

TEST_CASE("Spelling data follows the articles", "[indexer]") {
  test::TempDir dir;
  test::write_file(dir / "feed.jsonl", jsonl("a", "Zanzibar ferry sinks"));
  index_paths(dir / "db", {dir / "feed.jsonl"});
  CHECK(Xapian::Database(dir / "db").get_spelling_suggestion("zanzibr") == "zanzibar");
  index_paths(dir / "db", {}, [](indexer::IndexOptions& options) { options.delete_ids = {"a"}; });
  CHECK(Xapian::Database(dir / "db").get_spelling_suggestion("zanzibr").empty());
}

TEST_CASE("A rebuild on parallel shards holds exactly what an incremental build holds", "[indexer]") {
  test::TempDir dir;
  test::write_file(dir / "generated.jsonl", test::generated_articles(0, 120));
  test::write_file(dir / "duplicate.jsonl",
                   jsonl("gen-7", "A second copy of gen-7") + jsonl("extra", "Zanzibar ferry sinks"));
  const std::vector<std::string> inputs{test::corpus_dir(), dir / "generated.jsonl", dir / "duplicate.jsonl"};
  const auto incremental = index_paths(dir / "incremental", inputs);
  const auto rebuilt = index_paths(dir / "rebuilt", inputs, [](indexer::IndexOptions& options) {
    options.rebuild = true;
    options.delete_ids = {"extra"};
  });
  CHECK(rebuilt.added == incremental.added);
  CHECK(rebuilt.failed == 1);  // the duplicate id, reported as in any run
  CHECK(rebuilt.deleted == 1);
  std::set<std::string> expected = ids_in(dir / "incremental");
  expected.erase("extra");
  CHECK(ids_in(dir / "rebuilt") == expected);

  const Xapian::Database a(dir / "incremental"), b(dir / "rebuilt");
  for (const char* term : {"Sgeneva", "Zcocoa", "XLchile", "XTcocoa", "talks"}) {
    INFO(term);
    CHECK(a.get_termfreq(term) == b.get_termfreq(term));
    CHECK(a.get_collection_freq(term) == b.get_collection_freq(term));
  }
  CHECK(b.get_spelling_suggestion("genava") == a.get_spelling_suggestion("genava"));
  CHECK(b.get_metadata("dateline.schema") == std::to_string(schema::kVersion));
  CHECK_FALSE(b.get_metadata("dateline.updated").empty());
  for (const auto& entry : std::filesystem::directory_iterator(dir / "rebuilt")) {
    CHECK(entry.path().filename().string().find(".shard-") == std::string::npos);
  }
}
