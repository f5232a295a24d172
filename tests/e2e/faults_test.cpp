// Faults a nightly indexer meets: being killed mid-run, a full disk, a
// read-only destination. Whatever happens, the database opens, holds whole
// batches only, and the same command run again finishes the job.

#include "test_support.h"

#include <xapian.h>

#include <sys/wait.h>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <set>
#include <thread>

using namespace dateline;
using nlohmann::json;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kArticles = 3000;
constexpr int kBatch = 100;
constexpr int kKillPoints = 22;

void write_archive(const std::string& directory) {
  for (int file = 0; file < 3; ++file) {
    test::write_file(directory + "/" + static_cast<char>('a' + file) + ".jsonl",
                     test::generated_articles(file * kArticles / 3, kArticles / 3));
  }
}

std::vector<std::string> index_command(const std::string& database, const std::string& archive) {
  // Commit every batch, however fast, so that kills can land between any two batches.
  return {test::index_binary(), "--db", database,  "--batch", std::to_string(kBatch),
          "--commit-interval",  "0",    "--quiet", archive};
}

// Documents in the database, or 0 when the kill came before it existed.
// Fails the test if the database cannot be opened or holds a duplicate.
int check_consistent(const std::string& database) {
  if (!fs::exists(database + "/XAPIANDB")) return 0;
  const Xapian::Database db(database);
  int ids = 0;
  for (auto term = db.allterms_begin("Q"); term != db.allterms_end("Q"); ++term) {
    CHECK(term.get_termfreq() == 1);
    ++ids;
  }
  CHECK(ids == static_cast<int>(db.get_doccount()));
  // Batches are applied in input order, so what a kill leaves is a prefix of the input.
  for (int n = 0; n < ids; ++n) CHECK(db.term_exists("Qgen-" + std::to_string(n)));
  return ids;
}

class TmpfsMount {
 public:
  TmpfsMount(const std::string& directory, const std::string& size) : directory_(directory) {
    fs::create_directories(directory);
    mounted_ = test::run({"/bin/mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", directory}).exit_code == 0;
  }
  ~TmpfsMount() {
    if (mounted_) test::run({"/bin/umount", "-l", directory_});
  }
  bool mounted() const { return mounted_; }
  bool remount(const std::string& mode) const {
    return test::run({"/bin/mount", "-o", "remount," + mode, directory_}).exit_code == 0;
  }

 private:
  std::string directory_;
  bool mounted_ = false;
};

}  // namespace

// Committed articles, read while the indexer runs; -1 before the database exists.
int committed(const std::string& database) {
  if (!fs::exists(database + "/XAPIANDB")) return -1;
  try {
    return static_cast<int>(Xapian::Database(database).get_doccount());
  } catch (const Xapian::Error&) {
    return -1;
  }
}

TEST_CASE("kill -9 at 22 points: the database opens, holds whole batches, and a re-run completes", "[faults]") {
  test::TempDir dir;
  write_archive(dir / "in");
  int mid_run_kills = 0;
  std::set<int> committed_at_kill;
  std::cout << "kill -9 test: " << kArticles << " articles, batches of " << kBatch << ", " << kKillPoints
            << " kill points\n";
  for (int point = 0; point < kKillPoints; ++point) {
    CAPTURE(point);
    const std::string database = dir / ("kill-" + std::to_string(point) + ".db");
    // Spread the kills over the whole run: wait for a share of the articles to
    // be committed, then a few milliseconds more to land inside a batch.
    const int target = point * kArticles / kKillPoints;
    test::Process indexer(index_command(database, dir / "in"));
    while (indexer.running() && committed(database) < target) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(point % 5));
    indexer.kill(SIGKILL);
    const int exit_code = indexer.wait();
    const int documents = check_consistent(database);
    CHECK((documents % kBatch == 0 || documents == kArticles));
    if (exit_code == 128 + SIGKILL && documents > 0 && documents < kArticles) ++mid_run_kills;
    committed_at_kill.insert(documents);

    const auto rerun =
        test::run({test::index_binary(), "--db", database, "--batch", std::to_string(kBatch), "--json", dir / "in"});
    REQUIRE(rerun.exit_code == 0);
    const json summary = test::parse_json(rerun.out);
    CHECK(summary["added"] == kArticles - documents);
    CHECK(summary["unchanged"] == documents);
    CHECK(check_consistent(database) == kArticles);
    std::cout << "  point " << point << ": killed (exit " << exit_code << ") with " << documents
              << " articles committed; re-run added " << summary["added"] << ", unchanged " << summary["unchanged"]
              << ", total " << kArticles << ", no duplicates\n";
  }
  // The kills really are spread through the run, not bunched at its start or end.
  CHECK(mid_run_kills >= kKillPoints - 4);
  CHECK(committed_at_kill.size() >= kKillPoints / 2);
  std::cout << "  " << mid_run_kills << " of " << kKillPoints << " kills landed mid-run, at "
            << committed_at_kill.size() << " different commit counts\n";
}

TEST_CASE("kill -9 during a rebuild leaves the live database as it was", "[faults]") {
  test::TempDir dir;
  write_archive(dir / "in");
  test::write_file(dir / "old/a.jsonl", test::generated_articles(0, 50));
  const auto started = Clock::now();
  REQUIRE(test::run(index_command(dir / "db", dir / "old")).exit_code == 0);
  REQUIRE(test::run(index_command(dir / "reference.db", dir / "in")).exit_code == 0);
  const double full_run = std::chrono::duration<double>(Clock::now() - started).count();
  for (const double fraction : {0.2, 0.5, 0.8}) {
    CAPTURE(fraction);
    std::vector<std::string> command = index_command(dir / "db", dir / "in");
    command.push_back("--rebuild");
    test::Process rebuild(command);
    std::this_thread::sleep_for(std::chrono::duration<double>(full_run * fraction));
    rebuild.kill(SIGKILL);
    rebuild.wait();
    // The old database, or the complete new one if the kill came after the switch: never a mix.
    const int documents = check_consistent(dir / "db");
    CHECK((documents == 50 || documents == kArticles));
  }
  REQUIRE(test::run({test::index_binary(), "--db", dir / "db", "--rebuild", "--quiet", dir / "in"}).exit_code == 0);
  CHECK(check_consistent(dir / "db") == kArticles);
  int generations = 0;
  for (const auto& entry : fs::directory_iterator(dir / "db"))
    generations += entry.path().filename().string().rfind("gen-", 0) == 0;
  CHECK(generations == 1);
}

TEST_CASE("A full disk is a clear error and the database keeps its committed state", "[faults]") {
  test::TempDir dir;
  const TmpfsMount disk(dir / "disk", "6m");
  if (!disk.mounted()) {
    test::skip("cannot mount a small tmpfs here (needs root or CAP_SYS_ADMIN)");
    return;
  }
  test::index(dir / "disk/db", {test::corpus_dir()});
  test::write_file(dir / "big/a.jsonl", test::generated_articles(0, 20000));
  const auto incremental = test::run({test::index_binary(), "--db", dir / "disk/db", "--batch", "500", dir / "big"});
  INFO("stderr: " << incremental.err);
  CHECK(incremental.exit_code == 2);
  CHECK_THAT(incremental.err,
             Catch::StartsWith("dateline-index: error: ") && Catch::Contains("No space left on device"));
  const Xapian::Database after(dir / "disk/db");
  CHECK((after.get_doccount() - test::kCorpusArticles) % 500 == 0);
  CHECK(after.term_exists("Qreuters-90001"));
  CHECK(test::search(dir / "disk/db", {"rotterdam"})["total"] == 1);

  const auto rebuild = test::run({test::index_binary(), "--db", dir / "disk/db", "--rebuild", dir / "big"});
  CHECK(rebuild.exit_code == 2);
  CHECK(Xapian::Database(dir / "disk/db").get_doccount() == after.get_doccount());
  int generations = 0;
  for (const auto& entry : fs::directory_iterator(dir / "disk/db"))
    generations += entry.path().filename().string().rfind("gen-", 0) == 0;
  CHECK(generations == 1);
}

TEST_CASE("A read-only destination is a clear error and the database is untouched", "[faults]") {
  test::TempDir dir;
  const TmpfsMount disk(dir / "disk", "64m");
  if (!disk.mounted()) {
    test::skip("cannot mount a small tmpfs here (needs root or CAP_SYS_ADMIN)");
    return;
  }
  test::index(dir / "disk/db", {test::corpus_dir()});
  REQUIRE(disk.remount("ro"));
  test::write_file(dir / "more/a.jsonl", test::generated_articles(0, 10));
  const auto result = test::run({test::index_binary(), "--db", dir / "disk/db", dir / "more"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::StartsWith("dateline-index: error: ") && Catch::Contains("Read-only file system"));
  CHECK(Xapian::Database(dir / "disk/db").get_doccount() == test::kCorpusArticles);
  CHECK(test::search(dir / "disk/db", {"rotterdam"})["total"] == 1);
  REQUIRE(disk.remount("rw"));
}

TEST_CASE("A corrupt database is reported as unreadable, naming its files, by both programs", "[faults]") {
  test::TempDir dir;
  test::index(dir / "db", {test::corpus_dir()});
  std::string generation;
  for (const auto& entry : fs::directory_iterator(dir / "db")) {
    if (entry.path().filename().string().rfind("gen-", 0) == 0) generation = entry.path().string();
  }
  REQUIRE_FALSE(generation.empty());
  // Glass's version file names the format and the database's identity: a bad one is a corrupt database.
  test::write_file(generation + "/iamglass", "not a glass version file");
  test::write_file(dir / "more/a.jsonl", test::generated_articles(0, 5));

  const auto indexing = test::run({test::index_binary(), "--db", dir / "db", dir / "more"});
  INFO("stderr: " << indexing.err);
  CHECK(indexing.exit_code == 2);
  CHECK_THAT(indexing.err, Catch::StartsWith("dateline-index: error: cannot read the database " + generation + ": "));
  CHECK_THAT(indexing.err, !Catch::Contains("cannot write"));

  const auto searching = test::run({test::search_binary(), "--db", dir / "db", "rotterdam"});
  CHECK(searching.exit_code == 2);
  CHECK_THAT(searching.err, Catch::StartsWith("dateline-search: error: cannot open the database at " + dir / "db"));
}
