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
    if (!last && !is_initial(words[i])) {
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

namespace {

// The canonical name's words folded, middle initials without their dots and
// kept or dropped: "George H. W. Bush" -> "george h w bush" or "george bush".
std::string folded_key(std::string_view name, bool with_initials) {
  const std::vector<std::string> words = name_words(canonical_person_name(name));
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const bool middle = i > 0 && i + 1 < words.size();
    if (middle && is_initial(words[i])) {
      if (!with_initials) continue;
      for (char c : words[i]) {
        if (c != '.') kept.emplace_back(1, static_cast<char>(c - 'A' + 'a'));
      }
      continue;
    }
    kept.push_back(fold_key(words[i]));
  }
  return join(kept, " ");
}

// "mcdonald" -> "McDonald", "o'brien" -> "O'Brien", "macleod" -> "MacLeod".
std::string capitalised_surname(std::string word) {
  word = title_case(word);
  const auto upper_at = [&](std::size_t at) {
    if (at < word.size() && word[at] >= 'a' && word[at] <= 'z') word[at] = static_cast<char>(word[at] - 'a' + 'A');
  };
  if (word.size() > 3 && word.compare(0, 2, "Mc") == 0) upper_at(2);
  if (word.size() > 2 && word.compare(0, 2, "O'") == 0) upper_at(2);
  // "Mac" names are Scottish and Irish; "Mack", "Macey" and "Machin" are not (a stem of four letters or more).
  static const std::unordered_set<std::string_view> kNotMac = {"Machado", "Machin",    "Mackay", "Macklin",
                                                               "Macias",  "Macintosh", "Macedo", "Macron"};
  if (word.size() > 6 && word.compare(0, 3, "Mac") == 0 && kNotMac.count(word) == 0) upper_at(3);
  return word;
}

}  // namespace

std::string person_key(std::string_view name) { return folded_key(name, false); }

std::string person_full_key(std::string_view name) { return folded_key(name, true); }

std::string person_initials(std::string_view name) {
  const std::string full = person_full_key(name);
  const std::string base = person_key(name);
  return full == base ? std::string() : full;
}

std::string person_name_without_initials(std::string_view name) {
  const std::vector<std::string> words = name_words(name);
  std::vector<std::string> kept;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i == 0 || i + 1 == words.size() || !is_initial(words[i])) kept.push_back(words[i]);
  }
  return join(kept, " ");
}

std::string person_name_from_metadata(std::string_view raw) {
  const bool has_capitals = std::any_of(raw.begin(), raw.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (has_capitals) return canonical_person_name(trim(raw));
  // Lower-case metadata ("ronan mcdonald", "james-baker", "van der berg"): capitals as a name writes them.
  std::vector<std::string> words;
  for (const std::string& word : name_words(title_case(raw))) {
    const std::string lower = to_lower(word);
    words.push_back(is_name_particle(lower) && !words.empty() ? lower : capitalised_surname(lower));
  }
  return canonical_person_name(join(words, " "));
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
