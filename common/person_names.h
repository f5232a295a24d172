#pragma once
// One person, one name: the canonical form under which people are shown,
// stored and filtered, whatever spelling an article or a query uses.

#include <string>
#include <string_view>
#include <vector>

namespace dateline::common {

// Drops honorifics, "Jr." and possessives, and unifies transliterations of
// given names: "Mr. Sergey V. Lavrov's" -> "Sergei V. Lavrov". Words are kept
// as written otherwise; middle initials are kept, since they can tell two
// people apart ("George W. Bush", "George H. W. Bush").
std::string canonical_person_name(std::string_view name);

// The person's key, the XP term every mention of them gets: the canonical name
// folded, middle initials dropped ("vladimir putin" for "Vladimir V. Putin" and
// "Vladimir Putin"; "george bush" for both Bushes).
std::string person_key(std::string_view name);
// The key with the middle initials ("george h w bush"): a second XP term, so a
// filter that names the initials finds that person only. Equals person_key()
// for a name without them.
std::string person_full_key(std::string_view name);
// person_full_key() when the name has middle initials, else empty.
std::string person_initials(std::string_view name);

// The name without its middle initials: "George H. W. Bush" -> "George Bush".
std::string person_name_without_initials(std::string_view name);

// A person's name as metadata or a filter gives it, as the canonical display
// name: Reuters' "james-baker" -> "James Baker", lower-case "ronan mcdonald"
// -> "Ronan McDonald", "siobhan o'brien" -> "Siobhan O'Brien", "jan van der
// berg" -> "Jan van der Berg". The indexer stores and the searcher filters by
// this same name.
std::string person_name_from_metadata(std::string_view raw);

// Surname keys of a canonical name, for "Mr. Assad" or --person assad:
// "Bashar al-Assad" -> {"al-assad", "assad"}. The first is the whole last word.
std::vector<std::string> surname_keys(std::string_view canonical_name);

// Lower-case particles inside family names: "al", "bin", "van", "de".
bool is_name_particle(std::string_view word);

// The words of a name split on spaces.
std::vector<std::string> name_words(std::string_view name);

}  // namespace dateline::common
