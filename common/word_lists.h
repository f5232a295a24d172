#pragma once
// The word lists the extractors consult, loaded once per process and shared
// read-only between threads.

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace dateline::common {

class WordList {
 public:
  // One entry a line; blank lines and lines starting with '#' are ignored.
  static WordList from_lines(std::string_view data);
  bool contains(std::string_view word) const { return words_.count(std::string(word)) > 0; }

 private:
  std::unordered_set<std::string> words_;
};

const WordList& first_names();       // folded (fold_key) given names
const WordList& person_titles();     // as written: "President", "Mr.", "spokesman"
const WordList& name_stoppers();     // as written: "University", "Party"
const WordList& common_words();      // lower-case words of the system dictionary (/usr/share/dict/words)
const WordList& place_exclusions();  // folded names never extracted as places

// Other names of places, in file order: {alias as written, display name}.
const std::vector<std::pair<std::string, std::string>>& place_aliases();
// Continents, regions, oceans and seas: {name as written, display name}.
const std::vector<std::pair<std::string, std::string>>& world_regions();
// The display name a place alias stands for ("usa" -> "United States"), or the name itself.
std::string resolve_place_alias(std::string_view name);

// Topics: Reuters-21578's codes shown by their names (common/data/reuters_topics.txt, made by
// scripts/data/reuters-topics.py from the corpus's cat-descriptions_120396.txt). The display
// name of a topic: "acq" -> "Mergers/Acquisitions", "pork-belly" -> "Pork belly"; a topic that
// is no Reuters code or name is kept as given. Case- and accent-insensitive.
std::string topic_display_name(std::string_view topic);
// The fold_key()s a topic is found by: its display name's, and for a Reuters topic its code's
// and each "/"-separated part's ("Mergers/Acquisitions" -> "mergers/acquisitions", "acq",
// "mergers", "acquisitions").
std::vector<std::string> topic_keys(std::string_view topic);

// fold_key(variant) -> canonical spelling: "sergey" -> "Sergei".
const std::unordered_map<std::string, std::string>& name_variants();

}  // namespace dateline::common
