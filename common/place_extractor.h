#pragma once
// Finds the places an article names, from the gazetteer, with rules against
// the usual false hits: names inside a person's name ("Kerry", "Jordan",
// "George Washington"), inside a longer proper noun ("Washington Institute"),
// everyday words at the start of a sentence ("Turkey sales rose"), and small
// towns or given names not introduced by a preposition ("Victoria said").

#include "person_extractor.h"
#include "tokenizer.h"

#include <string>
#include <vector>

namespace dateline::common {

// Display names, most mentioned first. `headline` counts only unambiguous names.
std::vector<std::string> extract_places(const std::vector<Token>& body, const std::vector<Token>& headline,
                                        const PeopleFound& people);

}  // namespace dateline::common
