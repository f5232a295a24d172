#pragma once
// Helpers for Dateline's tests: temporary folders, files, running the real
// binaries, and the optional shared corpora.

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/types.h>
#include <string>
#include <vector>

namespace dateline::test {

// A fresh folder under $TMPDIR, removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

void write_file(const std::string& path, const std::string& content);
std::string read_file(const std::string& path);

struct RunResult {
  int exit_code = -1;  // 128 + signal when killed
  std::string out;
  std::string err;
};

// Runs a program to completion. `environment` entries ("NAME=value") are added
// to ours; "NAME=" alone removes NAME. Runs in `directory` when given.
RunResult run(const std::vector<std::string>& argv, const std::string& input = "",
              const std::vector<std::string>& environment = {}, const std::string& directory = "");

// Runs a program on a pseudo-terminal, as a person at a terminal would; stdout
// and stderr both arrive in `out`.
RunResult run_in_terminal(const std::vector<std::string>& argv, const std::vector<std::string>& environment = {});

// A program left running in the background (its output goes to files).
class Process {
 public:
  explicit Process(const std::vector<std::string>& argv, const std::string& output_path = "/dev/null");
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;
  pid_t pid() const { return pid_; }
  void kill(int signal);
  // True until the program exits (it is not reaped, so wait() still reports how).
  bool running() const;
  // Exit code, or 128 + signal.
  int wait();

 private:
  pid_t pid_ = -1;
  bool waited_ = false;
  int status_ = 0;
};

std::string index_binary();
std::string search_binary();
std::string source_dir();
std::string corpus_dir();         // the project's own sample corpus
std::string shared_corpus_dir();  // ../shared/corpus beside the project; empty when absent
bool have_shared_corpus();

// Every test that builds a database from corpus/ gets the same 23 articles.
constexpr int kCorpusArticles = 23;

// Runs dateline-index with --json; fails the test on a bad exit code.
nlohmann::json index(const std::string& database, const std::vector<std::string>& arguments, int expected_exit = 0);
// Runs dateline-search with --json against `database`.
nlohmann::json search(const std::string& database, const std::vector<std::string>& arguments, int expected_exit = 0);

nlohmann::json parse_json(const std::string& text);

// The ids of a search response's results, in rank order.
std::vector<std::string> result_ids(const nlohmann::json& response);

// `data` as one zstd frame, as a .zst file holds it.
std::string zstd_compress(const std::string& data);
// `data` as one gzip member, as a .gz file holds it.
std::string gzip_compress(const std::string& data);

// ASCII lower case, for comparing text in assertions.
std::string lower(std::string text);

// `count` made-up dated articles as JSON Lines, ids "<prefix>-<n>" from `first`,
// about a kilobyte each, so indexing them takes measurable time.
std::string generated_articles(int first, int count, const std::string& prefix = "gen");

// One event told by several articles, for story tests: an earthquake near
// Arequipa reported twice by "Andes Wire" (ids quake-1, quake-2) and once by
// "Lima Daily" (quake-3), all dated 2016-03-07, and Peru's copper exports
// (copper, from "Andes Wire" on `date`), a different story about the same
// place. Each is one line of JSON Lines.
std::string peru_quake(int n);  // n = 1, 2 or 3
std::string peru_copper(const std::string& date);

// Skipped tests. Catch2 v2 has no skipped state: skip() prints the reason and
// records the skip, the test returns, and a run whose every test case skipped
// exits with kSkipReturnCode (CTest's SKIP_RETURN_CODE; see catch_main.cpp).
constexpr int kSkipReturnCode = 77;
void skip(const std::string& reason);
void count_started_test_case();
// Catch's result for a run with `failures`, or kSkipReturnCode when every test case skipped.
int exit_code(int failures);

}  // namespace dateline::test

// Returns from the test case with a skip when ../shared/corpus is absent.
#define SKIP_WITHOUT_SHARED_CORPUS()                                                                     \
  do {                                                                                                   \
    if (!dateline::test::have_shared_corpus()) {                                                         \
      dateline::test::skip("../shared/corpus is absent (real corpora are only on CI and dev machines)"); \
      return;                                                                                            \
    }                                                                                                    \
  } while (false)
