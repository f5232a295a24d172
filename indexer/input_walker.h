#pragma once
// Turns the PATH arguments into the list of files to read: files as given,
// directories walked recursively (in sorted order, articles only), "-" for
// standard input.

#include <cstdint>
#include <string>
#include <vector>

namespace dateline::indexer {

struct InputFile {
  std::string path;      // what to open; "-" for standard input
  std::string display;   // for messages: the path as the user would write it
  std::string absolute;  // canonical absolute path, stored with each article ("-" for stdin)
  std::string file_id;   // id of a text article: "<directory name>/<path inside it>", or the file name
  std::uint64_t size = 0;
};

struct InputPlan {
  std::vector<InputFile> files;
  std::vector<std::string> directories;  // canonical absolute paths of directory arguments
  std::uint64_t total_bytes = 0;
  bool reads_stdin = false;
};

// Throws UsageError for a path that does not exist or cannot be read. Inside
// directories, only article files are taken (.txt, .text, .jsonl, .ndjson,
// .sgm, .sgml, .html, .htm, .warc, each optionally .zst or .gz); hidden files, README, LICENSE and files
// matching an --exclude glob (on the name or the path inside the directory)
// are skipped. Files named directly are always read.
InputPlan plan_inputs(const std::vector<std::string>& paths, const std::vector<std::string>& excludes);

}  // namespace dateline::indexer
