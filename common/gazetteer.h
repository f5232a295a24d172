#pragma once
// Place names from packaged gazetteers: countries (current and former) and
// their main subdivisions from Debian's iso-codes, cities from libgeonames,
// plus the common English names in data/place_aliases.txt ("U.S.", "Britain")
// and the continents, oceans and seas of data/world_regions.txt.

#include <string>
#include <string_view>
#include <unordered_map>

namespace dateline::common {

enum class PlaceKind {
  kCountry,      // a country, former country or nation (Wales)
  kRegion,       // a country's subdivision: a state, province, region
  kCity,         // a city from geonames, with its population
  kWorldRegion,  // a continent, world region, ocean or sea (data/world_regions.txt)
};

struct Place {
  std::string name;  // display name: "United States", "Sochi"
  PlaceKind kind = PlaceKind::kCity;
  unsigned long population = 0;  // cities only
};

class Gazetteer {
 public:
  // Loaded once per process on first use; throws when iso-codes is missing.
  static const Gazetteer& instance();

  // Looks a name up by its fold_key ("united states", "u.s.").
  const Place* find(std::string_view folded_name) const;

  // The display name for a place given as metadata: Reuters' "el-salvador" ->
  // "El Salvador", "usa" -> "United States"; unknown names are title-cased.
  std::string display_name(std::string_view raw) const;

  // Longest entry in words, bounding the extractor's look-ahead.
  std::size_t max_words() const { return max_words_; }

 private:
  Gazetteer();
  void add(std::string_view name, const Place& place, bool replace);
  void load_countries();
  void load_world_regions();
  void load_subdivisions();
  void load_cities();
  void load_aliases();

  std::unordered_map<std::string, Place> places_;
  std::size_t max_words_ = 1;
};

// A place's name as metadata or a filter gives it, as the display name the
// indexer stores (Gazetteer::display_name): "el-salvador" -> "El Salvador",
// "Plurinational State of Bolivia" -> "Bolivia". Loads the gazetteer once.
std::string place_name_from_metadata(std::string_view raw);

}  // namespace dateline::common
