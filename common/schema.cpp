#include "schema.h"

#include "text_utils.h"

#include <xxhash.h>

#include <cstdio>

namespace dateline::schema {
namespace {
// Xapian's glass backend rejects terms over 245 bytes.
constexpr std::size_t kMaxTermBytes = 240;
constexpr std::size_t kKeptBytes = 200;
}  // namespace

std::string term(std::string_view prefix, std::string_view value) {
  std::string result(prefix);
  if (prefix.size() + value.size() <= kMaxTermBytes) {
    result += value;
    return result;
  }
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(XXH3_64bits(value.data(), value.size())));
  std::size_t kept = kKeptBytes;
  // Do not cut a UTF-8 sequence in half.
  while (kept > 0 && (static_cast<unsigned char>(value[kept]) & 0xC0) == 0x80) --kept;
  result.append(value.substr(0, kept));
  result += '#';
  result += hash;
  return result;
}

std::string join_list(const std::vector<std::string>& values) {
  std::string joined;
  for (const auto& value : values) {
    if (!joined.empty()) joined += kListSeparator;
    joined += value;
  }
  return joined;
}

std::vector<std::string> split_list(std::string_view value) {
  if (value.empty()) return {};
  return common::split(value, kListSeparator);
}

}  // namespace dateline::schema
