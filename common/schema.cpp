#include "schema.h"

#include "text_utils.h"

#include <xxhash.h>

#include <cstdio>
#include <stdexcept>

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

const QueryField& query_field(FieldKind kind) {
  for (const QueryField& field : kQueryFields) {
    if (field.kind == kind) return field;
  }
  throw std::logic_error("no query field of this kind");
}

bool is_prefixed(std::string_view term) { return !term.empty() && term[0] >= 'A' && term[0] <= 'Z'; }

std::string date_key(const common::Date& date) {
  char key[16];
  if (date.day != 0) {
    std::snprintf(key, sizeof key, "%04d%02d%02d", date.year, date.month, date.day);
  } else if (date.month != 0) {
    std::snprintf(key, sizeof key, "%04d%02d", date.year, date.month);
  } else {
    std::snprintf(key, sizeof key, "%04d", date.year);
  }
  return key;
}

std::optional<common::Date> date_from_key(std::string_view key) {
  if (key.size() != 4 && key.size() != 6 && key.size() != 8) return std::nullopt;
  for (const char c : key) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const auto digits = [&](std::size_t at, std::size_t count) {
    return at < key.size() ? std::stoi(std::string(key.substr(at, count))) : 0;
  };
  const common::Date date{digits(0, 4), digits(4, 2), digits(6, 2)};
  if (!common::is_valid_date(date.year, date.month, date.day)) return std::nullopt;
  return date;
}

std::vector<std::string> date_terms(std::string_view prefix, const common::Date& date) {
  std::vector<std::string> terms{term(prefix, date_key({date.year, 0, 0}))};
  if (date.month != 0) terms.push_back(term(prefix, date_key({date.year, date.month, 0})));
  if (date.day != 0) terms.push_back(term(prefix, date_key(date)));
  return terms;
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
