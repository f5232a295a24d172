#pragma once
// A sink that keeps what a reader produced, for reader tests.

#include "reader.h"

#include <string>
#include <vector>

namespace dateline::test {

struct CollectingSink : common::ArticleSink {
  std::vector<common::Article> articles;
  std::vector<common::InputProblem> rejected;
  std::vector<common::InputProblem> warnings;
  void accept(common::Article&& article) override { articles.push_back(std::move(article)); }
  void reject(const common::InputProblem& problem) override { rejected.push_back(problem); }
  void warn(const common::InputProblem& problem) override { warnings.push_back(problem); }
};

inline CollectingSink read_path(const std::string& path, common::InputFormat format,
                                const std::string& file_id = "test/file") {
  CollectingSink sink;
  auto source = common::ByteSource::open(path);
  const common::ReadContext context{path, path, file_id, 1 << 20};
  common::make_reader(format)->read(*source, context, sink);
  return sink;
}

}  // namespace dateline::test
