#pragma once
// Word lists compiled into the binaries from common/data/ (see cmake/EmbedData.cmake).

#include <string_view>

namespace dateline::common::embedded {

std::string_view stopwords();         // English stop words, one a line
std::string_view first_names();       // given names that start a person's name, chosen by hand
std::string_view given_names();       // given names of many languages, from Faker (scripts/data/given-names.mjs)
std::string_view name_variants();     // transliteration variants: "Sergey Sergei" (variant, canonical)
std::string_view person_titles();     // words that announce a person: "President", "spokesman"
std::string_view name_stoppers();     // last words that make a capitalised run an organisation: "University"
std::string_view place_aliases();     // other names of places: "U.S. | United States"
std::string_view place_exclusions();  // gazetteer names never extracted as places: "Toyota"
std::string_view world_regions();     // continents, regions, oceans and seas: "Asia", "Atlantic | Atlantic Ocean"
std::string_view reuters_topics();    // Reuters topic codes and names: "acq | Mergers/Acquisitions"
std::string_view boilerplate();       // phrases of web page furniture: "is not supported"

}  // namespace dateline::common::embedded
