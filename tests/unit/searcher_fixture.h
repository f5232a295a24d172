#pragma once
// A database built from the sample corpus, private to one test.

#include "indexer.h"

#include "test_support.h"

#include <dateline/searcher.h>

namespace dateline::test {

struct CorpusDatabase {
  TempDir dir;
  std::string path = dir / "db";
  CorpusDatabase() {
    indexer::IndexOptions options;
    options.database = path;
    options.inputs = {corpus_dir()};
    indexer::run_indexer(options);
  }
};

// A database of the given input (JSON Lines, or any format by `file_name`), private to one test.
struct ArticlesDatabase {
  TempDir dir;
  std::string path = dir / "db";
  explicit ArticlesDatabase(const std::string& content, const std::string& file_name = "articles.jsonl") {
    write_file(dir / file_name, content);
    indexer::IndexOptions options;
    options.database = path;
    options.inputs = {dir / file_name};
    indexer::run_indexer(options);
  }
};

inline SearchRequest request_for(const std::string& query, std::size_t limit = 10) {
  SearchRequest request;
  request.query = query;
  request.limit = limit;
  return request;
}

}  // namespace dateline::test
