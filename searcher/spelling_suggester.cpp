#include "spelling_suggester.h"

#include "schema.h"
#include "text_utils.h"

#include <algorithm>
#include <cctype>

namespace dateline::searcher {
namespace {

bool is_operator(const std::string& word) {
  return word == "AND" || word == "OR" || word == "NOT" || word == "XOR" || word == "NEAR" || word == "ADJ";
}

std::string correction_for(const Xapian::Database& database, const std::string& word) {
  const std::string marker(schema::kNameSpellingMarker);
  const std::string name = database.get_spelling_suggestion(marker + word, 1);
  if (!name.empty() && common::starts_with(name, marker)) return name.substr(marker.size());
  for (unsigned distance : {1u, 2u}) {
    const std::string everyday = database.get_spelling_suggestion(word, distance);
    if (!everyday.empty() && !common::starts_with(everyday, marker)) return everyday;
  }
  return {};
}

// Keeps the writer's capitalisation: "Kery" -> "Kerry", "KERY" -> "KERRY".
std::string in_same_case(const std::string& original, std::string correction) {
  const bool all_upper = original.size() > 1 && std::all_of(original.begin(), original.end(), [](unsigned char c) {
                           return !std::isalpha(c) || std::isupper(c);
                         });
  if (all_upper) {
    for (char& c : correction) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  } else if (!original.empty() && std::isupper(static_cast<unsigned char>(original[0]))) {
    correction[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(correction[0])));
  }
  return correction;
}

}  // namespace

std::optional<std::string> suggest_spelling(const Xapian::Database& database, const std::string& query) {
  std::string suggestion;
  bool changed = false;
  std::size_t i = 0;
  while (i < query.size()) {
    if (!std::isalpha(static_cast<unsigned char>(query[i]))) {
      suggestion += query[i++];
      continue;
    }
    std::size_t end = i;
    while (end < query.size() && (std::isalnum(static_cast<unsigned char>(query[end])) || query[end] == '\'')) ++end;
    const std::string word = query.substr(i, end - i);
    const bool field_name = end < query.size() && query[end] == ':';
    const bool after_field = i > 0 && query[i - 1] == ':';
    const bool wildcard = end < query.size() && query[end] == '*';
    std::string replacement = word;
    if (!field_name && !after_field && !wildcard && !is_operator(word)) {
      const std::string lower = common::to_lower(word);
      if (database.get_termfreq(lower) == 0) {
        const std::string correction = correction_for(database, lower);
        if (!correction.empty() && correction != lower) {
          replacement = in_same_case(word, correction);
          changed = true;
        }
      }
    }
    suggestion += replacement;
    i = end;
  }
  if (!changed) return std::nullopt;
  return suggestion;
}

}  // namespace dateline::searcher
