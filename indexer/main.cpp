// dateline-index: parses options, runs the indexer library, reports. Exit codes in common/exit_codes.h.

#include <dateline/errors.h>
#include "default_database.h"
#include "exit_codes.h"
#include "index_writer.h"
#include "indexer.h"
#include "report.h"
#include "version.h"

#include <xapian.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <unistd.h>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>

namespace {

using namespace dateline;

constexpr std::size_t kShownProblems = 20;

struct CommandLine {
  indexer::IndexOptions options;
  std::string delete_from;
  unsigned commit_interval_ms = 200;
  bool stats = false;
  bool json = false;
  bool quiet = false;
};

std::vector<std::string> read_ids(const std::string& path) {
  std::ifstream file;
  std::istream* in = &std::cin;
  if (path != "-") {
    file.open(path);
    if (!file) throw UsageError(path + ": cannot open the list of ids to delete");
    in = &file;
  }
  std::vector<std::string> ids;
  std::string line;
  while (std::getline(*in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) ids.push_back(line);
  }
  return ids;
}

void print_problems(const char* kind, const std::vector<common::InputProblem>& problems) {
  for (std::size_t i = 0; i < problems.size() && i < kShownProblems; ++i) {
    const auto& problem = problems[i];
    std::cerr << "dateline-index: " << kind << problem.file;
    if (problem.line > 0) std::cerr << ":" << problem.line;
    std::cerr << ": " << problem.reason << "\n";
  }
  if (problems.size() > kShownProblems) {
    std::cerr << "dateline-index: ... and " << problems.size() - kShownProblems << " more (--json lists all)\n";
  }
}

int exit_code_for(const indexer::IndexSummary& summary) {
  if (summary.failed == 0) return kExitOk;
  const bool anything_usable = summary.added + summary.updated + summary.unchanged + summary.deleted > 0;
  return anything_usable ? kExitPartial : kExitBadInput;
}

int run(const CommandLine& command) {
  if (command.stats) {
    const auto stats = indexer::database_stats(command.options.database);
    std::cout << (command.json ? indexer::stats_json(stats) : indexer::stats_text(stats));
    return kExitOk;
  }
  indexer::IndexOptions options = command.options;
  options.commit_interval = std::chrono::milliseconds(command.commit_interval_ms);
  if (!command.delete_from.empty()) {
    for (std::string& id : read_ids(command.delete_from)) options.delete_ids.push_back(std::move(id));
  }
  if (options.inputs.empty() && options.delete_ids.empty() && !options.compact && !options.prune) {
    throw UsageError("nothing to do: give PATHs to index, --delete, --prune, --compact or --stats");
  }
  const bool show_progress = !command.quiet && isatty(STDERR_FILENO);
  if (show_progress) {
    options.on_progress = [](const indexer::Progress& progress) {
      std::cerr << "\r\033[K" << indexer::progress_line(progress) << std::flush;
    };
  }
  const auto summary = indexer::run_indexer(options);
  if (show_progress) std::cerr << "\r\033[K";
  if (command.json) {
    std::cout << indexer::summary_json(summary, options.database);
  } else {
    print_problems("", summary.errors);
    if (!command.quiet) {
      print_problems("warning: ", summary.warnings);
      for (const std::string& id : summary.unknown_ids)
        std::cerr << "dateline-index: warning: no article with id " << id << "\n";
      std::cout << indexer::summary_text(summary, options.database);
    }
  }
  return exit_code_for(summary);
}

int fail(const CommandLine& command, const std::string& message, int code) {
  if (command.json) {
    std::cout << nlohmann::ordered_json{{"error", message}, {"code", code}}.dump() << "\n";
  }
  std::cerr << "dateline-index: error: " << message << "\n";
  return code;
}

const CommandLine* running_command = nullptr;

// Xapian 1.4's glass backend can let a write error (seen with a full disk)
// escape through a noexcept function inside WritableDatabase::commit_transaction,
// which ends in std::terminate. A commit is atomic, so the database keeps its
// last committed batch, as after kill -9: report a runtime failure, not a
// crash. Every other Xapian call is caught where it is made, so anything else
// reaching here is a bug.
[[noreturn]] void report_escaped_commit_error() {
  const std::exception_ptr failure = std::current_exception();
  if (failure && running_command != nullptr && indexer::committing()) {
    try {
      std::rethrow_exception(failure);
    } catch (const Xapian::Error& e) {
      fail(*running_command,
           "cannot write the database: " + e.get_description() + " (it keeps its last committed batch)",
           kExitRuntimeFailure);
      std::cout.flush();
      std::_Exit(kExitRuntimeFailure);
    } catch (...) {
    }
  }
  std::abort();  // anything else is a bug: keep the core dump
}

}  // namespace

int main(int argc, char** argv) {
  CommandLine command;
  running_command = &command;
  std::set_terminate(report_escaped_commit_error);
  auto& options = command.options;
  options.database = cli::default_database();
  CLI::App app{
      "Index news articles (text, JSON Lines, Reuters SGML; optionally zstd-compressed) into a Dateline database.",
      "dateline-index"};
  app.set_version_flag("-V,--version", std::string("dateline-index ") + kReleaseVersion);
  app.add_option("PATH", options.inputs, "Files, directories (read recursively) or - for standard input");
  app.add_option("--db", options.database, "Database directory (default: $DATELINE_DB, then ./dateline.db)");
  app.add_option("--exclude", options.excludes, "Skip files in directories whose name or path matches GLOB")
      ->type_name("GLOB")
      ->allow_extra_args(false);
  app.add_option("--delete", options.delete_ids, "Remove the article with this id (repeatable)")
      ->type_name("ID")
      ->allow_extra_args(false);
  app.add_option("--delete-from", command.delete_from,
                 "Remove the articles whose ids FILE lists, one a line (- for stdin)")
      ->type_name("FILE");
  app.add_flag("--prune", options.prune, "Remove articles whose source file is gone from a directory input");
  app.add_flag("--rebuild", options.rebuild, "Build a fresh database beside the live one and switch to it atomically");
  app.add_flag("--compact", options.compact, "Compact the database when done");
  app.add_option("--shards", options.shards,
                 "Make DIR a sharded archive of N databases (articles spread by a hash of their id)")
      ->type_name("N")
      ->check(CLI::Range(2, 256));
  app.add_flag("--stats", command.stats, "Show the database's size, counts and last update, and exit");
  app.add_option("--batch", options.batch_size, "Articles per commit")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option(
         "--commit-interval", command.commit_interval_ms,
         "Least milliseconds between commits, so searches running meanwhile keep their revision (0: every batch)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.add_option("--threads", options.threads, "Extraction threads (default: one per core)");
  app.add_option("--max-article-bytes", options.max_article_bytes, "Reject articles larger than this")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--wait", options.wait_seconds, "Wait up to SECONDS for another indexer to finish")
      ->type_name("SECONDS")
      ->check(CLI::NonNegativeNumber);
  app.add_flag("--json", command.json, "Print a JSON summary on standard output");
  app.add_flag("-q,--quiet", command.quiet, "No progress and no summary; errors only");
  app.footer(
      "Examples:\n"
      "  dateline-index --db news.db archive/           index a directory (again: only what changed)\n"
      "  dateline-index --db news.db feed.jsonl.zst -   a compressed file and standard input\n"
      "  dateline-index --db news.db --prune archive/   also remove articles whose files are gone\n"
      "  dateline-index --db news.db --delete ID        remove one article\n"
      "  dateline-index --db news.db --rebuild archive/ a fresh database, switched to atomically\n"
      "  dateline-index --db news.db --stats\n\n"
      "Environment: DATELINE_DB, the database when --db is not given.\n\n"
      "Exit codes: 0 ok, 1 bad usage or unusable input, 2 runtime failure, 3 partial (some articles rejected), "
      "4 database locked by another indexer.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    return fail(command, e.what(), kExitBadInput);
  }
  try {
    return run(command);
  } catch (const UsageError& e) {
    return fail(command, e.what(), kExitBadInput);
  } catch (const DatabaseLockedError& e) {
    return fail(command, e.what(), kExitLocked);
  } catch (const std::exception& e) {
    return fail(command, e.what(), kExitRuntimeFailure);
  }
}
