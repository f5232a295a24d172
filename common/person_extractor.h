#pragma once
// Finds the people an article is about. A full name is a run of capitalised
// words that starts with a known given name or follows a title ("President",
// "Mr.", "press secretary"); a later "Mr. Kerry" or bare "Kerry" resolves to the
// full name met in the same article. Names are canonical (person_names.h).

#include "tokenizer.h"

#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace dateline::common {

struct PeopleFound {
  std::vector<std::string> people;                         // canonical names, most mentioned first
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // token ranges [begin, end) of every mention
  std::unordered_set<std::string> name_words;              // fold_key of every word of every name
};

PeopleFound extract_people(const std::vector<Token>& tokens);

}  // namespace dateline::common
