#include "gazetteer.h"

#include "text_utils.h"
#include "word_lists.h"

#include <geonames.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <unordered_set>

namespace dateline::common {
namespace {

constexpr const char* kIsoCodesDirectory = "/usr/share/iso-codes/json/";

// Subdivision types that readers know by name. Counties, districts and
// municipalities are left out: their names collide with too many other words.
const std::unordered_set<std::string>& kept_subdivision_types() {
  static const std::unordered_set<std::string> kTypes = {"State",
                                                         "Province",
                                                         "Region",
                                                         "Country",
                                                         "Nation",
                                                         "Autonomous region",
                                                         "Autonomous republic",
                                                         "Autonomous community",
                                                         "Autonomous province",
                                                         "Federal district",
                                                         "Federal territory",
                                                         "Territory",
                                                         "Emirate",
                                                         "Land",
                                                         "Canton",
                                                         "Oblast",
                                                         "Republic",
                                                         "Special administrative region",
                                                         "Autonomous city",
                                                         "Capital district",
                                                         "Capital territory",
                                                         "Capital city",
                                                         "Metropolitan region"};
  return kTypes;
}

// Directions and similar words that name subdivisions somewhere ("Eastern"
// province) but in news almost always qualify another place.
bool is_qualifier(std::string_view folded) {
  static const std::unordered_set<std::string_view> kQualifiers = {
      "north",   "south",      "east",       "west",       "northern",  "southern", "eastern",
      "western", "central",    "upper",      "lower",      "greater",   "capital",  "centre",
      "center",  "north east", "north west", "south east", "south west"};
  return kQualifiers.count(folded) > 0;
}

nlohmann::json read_iso_file(const std::string& name) {
  const std::string path = kIsoCodesDirectory + name;
  std::ifstream file(path);
  if (!file)
    throw std::runtime_error("cannot read " + path + " (install Debian's iso-codes package: scripts/setup.sh does)");
  return nlohmann::json::parse(file);
}

std::size_t word_count(std::string_view folded) {
  return static_cast<std::size_t>(std::count(folded.begin(), folded.end(), ' ')) + 1;
}

}  // namespace

const Gazetteer& Gazetteer::instance() {
  static const Gazetteer gazetteer;
  return gazetteer;
}

Gazetteer::Gazetteer() {
  load_cities();
  load_subdivisions();
  load_countries();
  load_world_regions();
  load_aliases();
}

void Gazetteer::add(std::string_view name, const Place& place, bool replace) {
  std::string key = fold_key(name);
  if (key.size() < 3 && place.kind != PlaceKind::kCountry) return;
  if (is_qualifier(key)) return;
  max_words_ = std::max(max_words_, word_count(key));
  if (replace) {
    places_[key] = place;
    return;
  }
  const auto [it, inserted] = places_.emplace(std::move(key), place);
  // The most populous city wins a shared name: Geneva is the Swiss one.
  if (!inserted && it->second.kind == PlaceKind::kCity && place.kind == PlaceKind::kCity &&
      place.population > it->second.population) {
    it->second = place;
  }
}

void Gazetteer::load_cities() {
  const gint count = geonames_get_n_cities();
  for (gint i = 0; i < count; ++i) {
    GeonamesCity* city = geonames_get_city(i);
    const std::string name = geonames_city_get_name(city);
    add(name, Place{name, PlaceKind::kCity, geonames_city_get_population(city)}, false);
    geonames_city_free(city);
  }
}

void Gazetteer::load_subdivisions() {
  const nlohmann::json subdivisions = read_iso_file("iso_3166-2.json");
  for (const auto& entry : subdivisions.at("3166-2")) {
    const std::string type = entry.value("type", "");
    if (kept_subdivision_types().count(type) == 0) continue;
    // "Wales [Cymru GB-CYM]": the name, without the other language's name and code.
    std::string name = entry.at("name").get<std::string>();
    name = std::string(trim(name.substr(0, name.find(" ["))));
    // England, Scotland, Wales: nations, named like countries.
    const PlaceKind kind = type == "Nation" || type == "Country" ? PlaceKind::kCountry : PlaceKind::kRegion;
    // A city of the same name keeps its (usually plainer) spelling: Tehran, not Tehrān.
    add(name, Place{name, kind, 0}, false);
  }
}

void Gazetteer::load_countries() {
  const nlohmann::json former_countries = read_iso_file("iso_3166-3.json");
  for (const auto& entry : former_countries.at("3166-3")) {
    // Former countries: "USSR, Union of Soviet Socialist Republics" -> "USSR".
    std::string name = entry.at("name").get<std::string>();
    name = name.substr(0, name.find(','));
    add(name, Place{name, PlaceKind::kCountry, 0}, true);
  }
  const nlohmann::json countries = read_iso_file("iso_3166-1.json");
  for (const auto& entry : countries.at("3166-1")) {
    const std::string display = entry.value("common_name", entry.at("name").get<std::string>());
    const Place place{display, PlaceKind::kCountry, 0};
    for (const char* field : {"name", "official_name", "common_name"}) {
      if (entry.contains(field)) add(entry[field].get<std::string>(), place, true);
    }
  }
}

void Gazetteer::load_world_regions() {
  for (const auto& [name, display] : world_regions()) add(name, Place{display, PlaceKind::kWorldRegion, 0}, true);
}

void Gazetteer::load_aliases() {
  for (const auto& [alias, display] : place_aliases()) {
    Place place{display, PlaceKind::kCountry, 0};
    if (const Place* known = find(fold_key(alias)); known != nullptr) place.kind = known->kind;
    if (const Place* known = find(fold_key(display)); known != nullptr) place.kind = known->kind;
    // Every name that led to the old display name now leads to the new one.
    const Place* renamed = find(fold_key(alias));
    const std::string old_display = renamed != nullptr ? renamed->name : std::string();
    for (auto& [key, value] : places_) {
      if (!old_display.empty() && value.name == old_display) value = place;
    }
    add(alias, place, true);
    add(display, place, true);
  }
}

const Place* Gazetteer::find(std::string_view folded_name) const {
  const auto it = places_.find(std::string(folded_name));
  return it == places_.end() ? nullptr : &it->second;
}

std::string Gazetteer::display_name(std::string_view raw) const {
  const std::string spaced = title_case(raw);
  for (const std::string& candidate : {fold_key(raw), fold_key(spaced)}) {
    if (const Place* place = find(candidate)) return place->name;
  }
  return spaced;
}

std::string place_name_from_metadata(std::string_view raw) { return Gazetteer::instance().display_name(raw); }

}  // namespace dateline::common
