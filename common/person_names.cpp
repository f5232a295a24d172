#include "person_names.h"

#include "text_utils.h"
#include "word_lists.h"

#include <algorithm>
#include <unordered_set>

namespace dateline::common {
namespace {

// Lower-case particles that join a family name: "al-Assad", "bin Laden", "van Gogh".
const std::unordered_set<std::string_view>& particles() {
  static const std::unordered_set<std::string_view> kParticles = {
      "al", "el", "bin", "ibn", "ben", "abu", "de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "bint"};
  return kParticles;
}

bool is_initial(std::string_view word) {
  // "V.", "B", "J.K."
  std::size_t letters = 0;
  for (char c : word) {
    if (c == '.') continue;
    if (!(c >= 'A' && c <= 'Z')) return false;
    ++letters;
  }
  return letters >= 1 && (letters == 1 || word.find('.') != std::string_view::npos);
}

bool is_generational_suffix(std::string_view word) {
  static const std::unordered_set<std::string_view> kSuffixes = {"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"};
  return kSuffixes.count(word) > 0;
}

std::string without_possessive(std::string word) {
  for (std::string_view suffix : {"'s", "\xE2\x80\x99s", "'", "\xE2\x80\x99"}) {
    if (ends_with(word, suffix) && word.size() > suffix.size()) {
      word.resize(word.size() - suffix.size());
      break;
    }
  }
  return word;
}

}  // namespace

bool is_name_particle(std::string_view word) { return particles().count(word) > 0; }

std::vector<std::string> name_words(std::string_view name) { return split_whitespace(name); }

std::string canonical_person_name(std::string_view name) {
  std::vector<std::string> words = name_words(name);
  while (words.size() > 1 && person_titles().contains(words.front())) words.erase(words.begin());
  while (words.size() > 1 && is_generational_suffix(words.back())) words.pop_back();
  if (!words.empty()) words.back() = without_possessive(words.back());
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const bool last = i + 1 == words.size();
    if (!last && words.size() > 1 && is_initial(words[i]) && i > 0) continue;
    if (!last) {
      const auto variant = name_variants().find(fold_key(words[i]));
      if (variant != name_variants().end()) {
        kept.push_back(variant->second);
        continue;
      }
    }
    kept.push_back(words[i]);
  }
  return join(kept, " ");
}

std::string person_key(std::string_view name) { return fold_key(canonical_person_name(name)); }

std::string person_name_from_metadata(std::string_view raw) {
  const bool has_capitals = std::any_of(raw.begin(), raw.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  return canonical_person_name(has_capitals ? std::string(trim(raw)) : title_case(raw));
}

std::vector<std::string> surname_keys(std::string_view canonical_name) {
  const std::vector<std::string> words = name_words(canonical_name);
  if (words.empty()) return {};
  const std::string last = fold_key(words.back());
  std::vector<std::string> keys{last};
  const std::size_t hyphen = last.find('-');
  if (hyphen != std::string::npos && particles().count(std::string_view(last).substr(0, hyphen)) > 0) {
    keys.push_back(last.substr(hyphen + 1));
  }
  return keys;
}

}  // namespace dateline::common
