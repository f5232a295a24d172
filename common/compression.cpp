#include "compression.h"

#include <dateline/errors.h>

#include <zstd.h>

namespace dateline::common {
namespace {
// Level 3 is zstd's default: most of the ratio at a fraction of the cost of higher levels.
constexpr int kCompressionLevel = 3;
constexpr unsigned long long kMaxStoredBytes = 1ULL << 31;
}  // namespace

std::string compress(std::string_view data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const std::size_t size = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), kCompressionLevel);
  if (ZSTD_isError(size)) throw std::runtime_error(std::string("zstd compression failed: ") + ZSTD_getErrorName(size));
  out.resize(size);
  return out;
}

std::string decompress(std::string_view data) {
  const unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxStoredBytes) {
    throw DatabaseError("stored article is not valid zstd data");
  }
  std::string out(static_cast<std::size_t>(size), '\0');
  const std::size_t got = ZSTD_decompress(out.data(), out.size(), data.data(), data.size());
  if (ZSTD_isError(got) || got != size) throw DatabaseError("stored article is corrupt (zstd)");
  return out;
}

}  // namespace dateline::common
