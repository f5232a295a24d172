// Scripted re-indexing: changes, deletions, pruning, atomic rebuilds,
// compaction and the write lock, through the real dateline-index.

#include <dateline/searcher.h>

#include "test_support.h"

#include <xapian.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

using namespace dateline;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

int total(const std::string& database, std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), {"-n", "0"});
  return test::search(database, arguments)["total"];
}

// True once another process holds the database's write lock.
bool lock_is_held(const std::string& database) {
  const int fd = open((database + "/lock").c_str(), O_RDWR);
  if (fd < 0) return false;
  const bool held = flock(fd, LOCK_EX | LOCK_NB) != 0;
  close(fd);
  return held;
}

void wait_for_lock(const std::string& database) {
  for (int i = 0; i < 3000 && !lock_is_held(database); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  REQUIRE(lock_is_held(database));
}

}  // namespace

TEST_CASE("A corrected article replaces the old one and its facets follow", "[reindex]") {
  test::TempDir dir;
  test::write_file(dir / "archive/storm.txt",
                   "Title: Storm reaches Lisbon\nDate: 2021-01-05\n\nA storm reached Lisbon on Tuesday.\n");
  test::index(dir / "db", {dir / "archive"});
  CHECK(total(dir / "db", {"--place", "lisbon"}) == 1);
  test::write_file(dir / "archive/storm.txt",
                   "Title: Storm reaches Porto\nDate: 2021-01-05\n\nA storm reached Porto on Tuesday.\n");
  const json summary = test::index(dir / "db", {dir / "archive"});
  CHECK(summary["updated"] == 1);
  CHECK(summary["added"] == 0);
  CHECK(total(dir / "db", {"--place", "lisbon"}) == 0);
  CHECK(total(dir / "db", {"--place", "porto"}) == 1);
  CHECK(total(dir / "db", {"lisbon"}) == 0);
  CHECK(test::search(dir / "db", {"Lisbn"})["suggestion"].is_null());  // the old words left the spelling data
}

TEST_CASE("Deleting by id, from a file or standard input, reports unknown ids", "[reindex]") {
  test::TempDir dir;
  test::index(dir / "db", {test::corpus_dir()});
  const json by_option = test::index(dir / "db", {"--delete", "reuters-90001", "--delete", "missing-1"});
  CHECK(by_option["deleted"] == 1);
  CHECK(by_option["unknown_ids"] == json({"missing-1"}));
  test::write_file(dir / "withdrawn.txt", "reuters-90002\n\nwire-2021-0708-berlin-tram\r\n");
  CHECK(test::index(dir / "db", {"--delete-from", dir / "withdrawn.txt"})["deleted"] == 2);
  const auto piped =
      test::run({test::index_binary(), "--db", dir / "db", "--delete-from", "-"}, "reuters-90003\nmissing-2\n");
  CHECK(piped.exit_code == 0);
  CHECK_THAT(piped.err, Catch::Contains("warning: no article with id missing-2"));
  CHECK(Xapian::Database(dir / "db").get_doccount() == test::kCorpusArticles - 4);
}

TEST_CASE("Prune removes articles whose source file left the directory", "[reindex]") {
  test::TempDir dir;
  fs::copy(test::corpus_dir(), dir / "archive", fs::copy_options::recursive);
  test::index(dir / "db", {dir / "archive"});
  fs::remove(dir / "archive/text/manila-storm.txt");
  fs::remove(dir / "archive/reuters/march-2020.sgm");
  CHECK(test::index(dir / "db", {dir / "archive"})["documents"] == test::kCorpusArticles);
  const json pruned = test::index(dir / "db", {"--prune", dir / "archive"});
  CHECK(pruned["pruned"] == 6);
  CHECK(pruned["documents"] == test::kCorpusArticles - 6);
  CHECK(total(dir / "db", {"typhoon"}) == 0);
}

TEST_CASE("A rebuild switches atomically while searches keep answering", "[reindex]") {
  test::TempDir dir;
  test::write_file(dir / "old/a.jsonl", test::generated_articles(0, 300, "old"));
  test::write_file(dir / "new/a.jsonl", test::generated_articles(0, 3000, "new"));
  test::index(dir / "db", {dir / "old"});
  Searcher searcher(dir / "db");
  std::atomic<bool> done{false};
  std::atomic<int> searches{0};
  std::atomic<int> wrong_counts{0};
  std::thread reader([&] {
    SearchRequest request;
    request.query = "officials";
    request.limit = 3;
    while (!done) {
      const SearchResponse response = searcher.search(request);
      if (response.total != 300 && response.total != 3000) ++wrong_counts;
      ++searches;
    }
  });
  const json summary = test::index(dir / "db", {"--rebuild", "--batch", "100", dir / "new"});
  done = true;
  reader.join();
  CHECK(summary["rebuilt"] == true);
  CHECK(summary["documents"] == 3000);
  CHECK(wrong_counts == 0);
  CHECK(searches > 0);
  CHECK(searcher.document_count() == 3000);
  CHECK_FALSE(fs::exists(dir / "db/gen-000001"));
}

TEST_CASE("Compaction keeps every article and the database answers", "[reindex]") {
  test::TempDir dir;
  test::write_file(dir / "in/a.jsonl", test::generated_articles(0, 500));
  test::index(dir / "db", {"--batch", "10", dir / "in"});
  const auto before = test::parse_json(test::run({test::index_binary(), "--db", dir / "db", "--stats", "--json"}).out);
  const json summary = test::index(dir / "db", {"--compact"});
  CHECK(summary["compacted"] == true);
  const auto after = test::parse_json(test::run({test::index_binary(), "--db", dir / "db", "--stats", "--json"}).out);
  CHECK(after["documents"] == 500);
  CHECK(after["size_bytes"] < before["size_bytes"]);
  CHECK(total(dir / "db", {"title:glacier"}) == 35);
}

TEST_CASE("A second indexer fails at once with its own exit code, or waits with --wait", "[reindex]") {
  test::TempDir dir;
  test::write_file(dir / "big/a.jsonl", test::generated_articles(0, 4000));
  test::index(dir / "db", {test::corpus_dir()});
  test::Process first({test::index_binary(), "--db", dir / "db", "--batch", "50", dir / "big"});
  wait_for_lock(dir / "db");
  const auto second = test::run({test::index_binary(), "--db", dir / "db", test::corpus_dir()});
  CHECK(second.exit_code == 4);
  CHECK(second.err == "dateline-index: error: database is being updated by another indexer (" +
                          fs::canonical(dir / "db").string() + ")\n");
  const auto waiting =
      test::run({test::index_binary(), "--db", dir / "db", "--wait", "300", "--json", test::corpus_dir()});
  CHECK(first.wait() == 0);
  CHECK(waiting.exit_code == 0);
  CHECK(test::parse_json(waiting.out)["unchanged"] == test::kCorpusArticles);
}

TEST_CASE("Searches keep answering while the indexer commits", "[reindex]") {
  test::TempDir dir;
  test::write_file(dir / "in/a.jsonl", test::generated_articles(0, 4000));
  test::index(dir / "db", {test::corpus_dir()});
  Searcher searcher(dir / "db");  // one long-lived reader across many commits
  test::Process indexer({test::index_binary(), "--db", dir / "db", "--batch", "20", dir / "in"});
  int in_process = 0;
  int by_process = 0;
  int failures = 0;
  std::string problems;
  std::uint64_t last_total = 0;
  bool totals_only_grow = true;
  for (int round = 0; round < 400 && (in_process < 50 || waitpid(indexer.pid(), nullptr, WNOHANG) == 0); ++round) {
    SearchRequest request;
    request.query = "officials OR geneva";
    request.limit = 5;
    request.facet_limit = 3;
    try {
      const SearchResponse response = searcher.search(request);
      totals_only_grow &= response.total >= last_total;
      last_total = response.total;
      ++in_process;
    } catch (const std::exception& e) {
      ++failures;
      problems += std::string("search failed: ") + e.what() + "\n";
    }
    if (round % 10 == 0) {
      const auto result = test::run({test::search_binary(), "--db", dir / "db", "--json", "-n", "3", "officials"});
      if (result.exit_code == 0) {
        ++by_process;
      } else {
        ++failures;
        problems += "dateline-search exited " + std::to_string(result.exit_code) + ": " + result.err;
      }
    }
  }
  CHECK(indexer.wait() == 0);
  INFO(problems);
  CHECK(failures == 0);
  CHECK(totals_only_grow);
  CHECK(in_process >= 50);
  CHECK(by_process >= 5);
  CHECK(searcher.document_count() == 4000 + test::kCorpusArticles);
}
