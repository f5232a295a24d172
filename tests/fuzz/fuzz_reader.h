#pragma once
// Shared body of the reader fuzz targets: any bytes, read as one format, must
// give articles or problems, never a crash, a hang or an exception.

#include "reader.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace dateline::fuzz {

struct DiscardingSink : common::ArticleSink {
  void accept(common::Article&&) override { ++articles; }
  void reject(const common::InputProblem&) override {}
  void warn(const common::InputProblem&) override {}
  std::size_t articles = 0;
};

inline int read_as(common::InputFormat format, const std::uint8_t* data, std::size_t size) {
  auto source = common::ByteSource::from_memory(std::string(reinterpret_cast<const char*>(data), size), "fuzz-input");
  const common::ReadContext context{"fuzz-input", "/fuzz/input", "fuzz/input", 1 << 16};
  DiscardingSink sink;
  common::make_reader(format)->read(*source, context, sink);
  return 0;
}

}  // namespace dateline::fuzz
