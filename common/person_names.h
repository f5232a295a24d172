#pragma once
// One person, one name: the canonical form under which people are shown,
// stored and filtered, whatever spelling an article or a query uses.

#include <string>
#include <string_view>
#include <vector>

namespace dateline::common {

// Drops honorifics, middle initials, "Jr." and possessives, and unifies
// transliterations of given names: "Mr. Sergey V. Lavrov's" -> "Sergei Lavrov",
// "Ashton B. Carter" -> "Ashton Carter". Words are kept as written otherwise.
std::string canonical_person_name(std::string_view name);

// The key of the person's XP term: fold_key of the canonical name ("sergei lavrov").
std::string person_key(std::string_view name);

// A person's name as metadata or a filter gives it, as the canonical display
// name: Reuters' "james-baker" -> "James Baker", "James A. Baker" -> "James Baker".
// The indexer stores and the searcher filters by this same name.
std::string person_name_from_metadata(std::string_view raw);

// Surname keys of a canonical name, for "Mr. Assad" or --person assad:
// "Bashar al-Assad" -> {"al-assad", "assad"}. The first is the whole last word.
std::vector<std::string> surname_keys(std::string_view canonical_name);

// Lower-case particles inside family names: "al", "bin", "van", "de".
bool is_name_particle(std::string_view word);

// The words of a name split on spaces.
std::vector<std::string> name_words(std::string_view name);

}  // namespace dateline::common
