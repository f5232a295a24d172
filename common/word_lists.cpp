#include "word_lists.h"

#include "embedded_data.h"
#include "text_utils.h"

#include <algorithm>
#include <fstream>

namespace dateline::common {
namespace {

constexpr const char* kDictionaryPath = "/usr/share/dict/words";

template <typename Visit>
void for_each_entry(std::string_view data, Visit visit) {
  for (const std::string& line : split(data, '\n')) {
    const std::string_view entry = trim(line);
    if (!entry.empty() && entry.front() != '#') visit(entry);
  }
}

WordList folded(std::string_view data) {
  std::string folded_lines;
  for_each_entry(data, [&](std::string_view entry) { folded_lines += fold_key(entry) + "\n"; });
  return WordList::from_lines(folded_lines);
}

WordList load_dictionary() {
  std::ifstream file(kDictionaryPath);
  if (!file) {
    throw std::runtime_error(std::string("cannot read the word list ") + kDictionaryPath +
                             " (install Debian's wamerican package: scripts/setup.sh does)");
  }
  std::string lowercase_words;
  std::string word;
  while (std::getline(file, word)) {
    // Capitalised entries are proper nouns; only everyday words make a name ambiguous.
    if (!word.empty() && word.front() >= 'a' && word.front() <= 'z' && word.find('\'') == std::string::npos) {
      lowercase_words += word + "\n";
    }
  }
  return WordList::from_lines(lowercase_words);
}

}  // namespace

WordList WordList::from_lines(std::string_view data) {
  WordList list;
  for_each_entry(data, [&](std::string_view entry) { list.words_.emplace(entry); });
  return list;
}

const WordList& first_names() {
  static const WordList list =
      folded(std::string(embedded::first_names()) + "\n" + std::string(embedded::given_names()));
  return list;
}

const WordList& person_titles() {
  static const WordList list = WordList::from_lines(embedded::person_titles());
  return list;
}

const WordList& name_stoppers() {
  static const WordList list = WordList::from_lines(embedded::name_stoppers());
  return list;
}

const WordList& place_exclusions() {
  static const WordList list = folded(embedded::place_exclusions());
  return list;
}

const WordList& common_words() {
  static const WordList list = load_dictionary();
  return list;
}

namespace {

// Lines "name" or "alias | display name".
std::vector<std::pair<std::string, std::string>> name_pairs(std::string_view data) {
  std::vector<std::pair<std::string, std::string>> list;
  for_each_entry(data, [&](std::string_view entry) {
    const std::size_t bar = entry.find('|');
    if (bar == std::string_view::npos) {
      list.emplace_back(entry, entry);
    } else {
      list.emplace_back(trim(entry.substr(0, bar)), trim(entry.substr(bar + 1)));
    }
  });
  return list;
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& place_aliases() {
  static const auto aliases = name_pairs(embedded::place_aliases());
  return aliases;
}

const std::vector<std::pair<std::string, std::string>>& world_regions() {
  static const auto regions = name_pairs(embedded::world_regions());
  return regions;
}

std::string resolve_place_alias(std::string_view name) {
  static const auto by_key = [] {
    std::unordered_map<std::string, std::string> map;
    for (const auto& [alias, display] : place_aliases()) map.emplace(fold_key(alias), display);
    return map;
  }();
  const auto it = by_key.find(fold_key(name));
  return it == by_key.end() ? std::string(name) : it->second;
}

namespace {

struct ReutersTopic {
  std::string code;
  std::string name;
};

// fold_key() of a code or a name -> its topic.
const std::unordered_map<std::string, ReutersTopic>& topics_by_key() {
  static const auto topics = [] {
    std::unordered_map<std::string, ReutersTopic> map;
    for (const auto& [code, name] : name_pairs(embedded::reuters_topics())) {
      map.emplace(fold_key(code), ReutersTopic{code, name});
      map.emplace(fold_key(name), ReutersTopic{code, name});
    }
    return map;
  }();
  return topics;
}

}  // namespace

std::string topic_display_name(std::string_view topic) {
  const auto it = topics_by_key().find(fold_key(topic));
  return it == topics_by_key().end() ? std::string(topic) : it->second.name;
}

std::vector<std::string> topic_keys(std::string_view topic) {
  const auto it = topics_by_key().find(fold_key(topic));
  if (it == topics_by_key().end()) return {fold_key(topic)};
  std::vector<std::string> keys{fold_key(it->second.name)};
  const auto add = [&](std::string_view key) {
    if (std::find(keys.begin(), keys.end(), fold_key(key)) == keys.end()) keys.push_back(fold_key(key));
  };
  add(it->second.code);
  const std::vector<std::string> parts = split(it->second.name, '/');
  if (parts.size() > 1) {
    for (const std::string& part : parts) add(trim(part));
  }
  return keys;
}

const std::unordered_map<std::string, std::string>& name_variants() {
  static const auto variants = [] {
    std::unordered_map<std::string, std::string> map;
    for_each_entry(embedded::name_variants(), [&](std::string_view entry) {
      const std::size_t space = entry.find(' ');
      if (space == std::string_view::npos) return;
      map.emplace(fold_key(entry.substr(0, space)), std::string(trim(entry.substr(space + 1))));
    });
    return map;
  }();
  return variants;
}

}  // namespace dateline::common
