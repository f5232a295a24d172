// Query parsing and search: any query string and filters, against a small real
// database, must give results or a QueryError, never a crash.

#include <dateline/searcher.h>

#include "indexer.h"

#include <unistd.h>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

namespace {

std::unique_ptr<dateline::Searcher> searcher;

std::string line(const std::string& text, std::size_t index) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < index; ++i) {
    start = text.find('\n', start);
    if (start == std::string::npos) return {};
    ++start;
  }
  return text.substr(start, text.find('\n', start) - start);
}

std::string directory;

void remove_database() {
  std::error_code ignored;
  std::filesystem::remove_all(directory, ignored);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  directory = std::filesystem::temp_directory_path() / ("dateline-fuzz-" + std::to_string(getpid()));
  std::atexit(remove_database);
  dateline::indexer::IndexOptions options;
  options.database = directory + "/db";
  options.inputs = {DATELINE_CORPUS_DIR};
  dateline::indexer::run_indexer(options);
  searcher = std::make_unique<dateline::Searcher>(options.database);
  return 0;
}

// Line 1 is the query; lines 2-5, when present, a person, a place and a date range.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  dateline::SearchRequest request;
  request.query = line(input, 0);
  request.limit = 5;
  request.facet_limit = size % 3 == 0 ? 5 : 0;
  request.explain = size % 5 == 0;
  request.sort = static_cast<dateline::SortOrder>(size % 3);
  if (const std::string person = line(input, 1); !person.empty()) request.people.push_back(person);
  if (const std::string place = line(input, 2); !place.empty()) request.places.push_back(place);
  request.from = line(input, 3);
  request.to = line(input, 4);
  try {
    searcher->search(request);
  } catch (const dateline::UsageError&) {
    // A bad query or filter: reported to the user, as it should be.
  }
  return 0;
}
