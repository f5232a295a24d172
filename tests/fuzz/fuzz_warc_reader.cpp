#include "fuzz_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return dateline::fuzz::read_as(dateline::common::InputFormat::kWarc, data, size);
}
