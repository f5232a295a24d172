#include "place_extractor.h"
#include "gazetteer.h"

#include "reader_test_support.h"
#include "test_support.h"

#include <algorithm>

using namespace dateline;
using namespace dateline::common;

namespace {

std::vector<std::string> places_in(const std::string& body, const std::string& headline = "") {
  const auto tokens = tokenize(body);
  return extract_places(tokens, tokenize_headline(headline), extract_people(tokens));
}

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

TEST_CASE("Gazetteer: countries, regions, cities and aliases", "[gazetteer]") {
  const Gazetteer& gazetteer = Gazetteer::instance();
  CHECK(gazetteer.find("ukraine")->kind == PlaceKind::kCountry);
  CHECK(gazetteer.find("russia")->name == "Russia");
  CHECK(gazetteer.find("russian federation")->name == "Russia");
  CHECK(gazetteer.find("u.s.")->name == "United States");
  CHECK(gazetteer.find("texas")->kind == PlaceKind::kRegion);
  CHECK(gazetteer.find("sochi")->kind == PlaceKind::kCity);
  CHECK(gazetteer.find("geneva")->population > 100000);  // the Swiss one
  CHECK(gazetteer.find("kerry") == nullptr);             // an Irish county: counties are left out
}

TEST_CASE("Reuters place tags become display names", "[gazetteer]") {
  const Gazetteer& gazetteer = Gazetteer::instance();
  CHECK(gazetteer.display_name("el-salvador") == "El Salvador");
  CHECK(gazetteer.display_name("usa") == "United States");
  CHECK(gazetteer.display_name("uk") == "United Kingdom");
  CHECK(gazetteer.display_name("west-germany") == "West Germany");
  CHECK(gazetteer.display_name("ussr") == "USSR");
  CHECK(gazetteer.display_name("hong-kong") == "Hong Kong");
  CHECK(gazetteer.display_name("atlantis") == "Atlantis");
}

TEST_CASE("Places are counted, most mentioned first", "[place_extractor]") {
  const auto places =
      places_in("Talks in Geneva went well. Russia and Ukraine agreed. Diplomats flew from Geneva to Sochi.");
  REQUIRE(places.size() == 4);
  CHECK(places[0] == "Geneva");
  CHECK(contains(places, "Russia"));
  CHECK(contains(places, "Ukraine"));
  CHECK(contains(places, "Sochi"));
}

TEST_CASE("A person named Jordan is not the country", "[place_extractor]") {
  CHECK(places_in("Michael Jordan scored 40 points. Jordan said he was tired.").empty());
  CHECK(places_in("Refugees crossed into Jordan on Monday.") == std::vector<std::string>{"Jordan"});
}

TEST_CASE("Turkey the bird is not Turkey the country", "[place_extractor]") {
  CHECK(places_in("Turkey sales rose before the holiday. Families bought a turkey each.").empty());
  CHECK(places_in("Turkey sales rose. Exports from Turkey fell.") == std::vector<std::string>{"Turkey"});
}

TEST_CASE("Washington inside a name is not the city", "[place_extractor]") {
  CHECK(places_in("George Washington crossed the river. The Washington Institute said so.").empty());
  CHECK(places_in("Kerry will return to Washington on Friday.") == std::vector<std::string>{"Washington"});
}

TEST_CASE("Everyday words and small towns need a preposition", "[place_extractor]") {
  CHECK(places_in("The Gulf nations met. Reading the report took hours.").empty());
  CHECK(places_in("He grew up in Reading.") == std::vector<std::string>{"Reading"});
  CHECK(places_in("Talks resume on March 2 and in Spring.").empty());
  CHECK(places_in("U2 frontman Bono sang.").empty());
}

TEST_CASE("The seed articles name the places of the story", "[place_extractor]") {
  SKIP_WITHOUT_SHARED_CORPUS();
  std::vector<std::string> found;
  for (const char* name : {"000_188ba981715c0ded.txt", "004_ae7f84a818a98b3c.txt"}) {
    const auto sink = test::read_path(test::shared_corpus_dir() + "/seeds/" + name, common::InputFormat::kText);
    REQUIRE(sink.articles.size() == 1);
    const auto& article = sink.articles[0];
    for (const auto& place : places_in(article.body, article.title)) found.push_back(place);
  }
  for (const char* expected : {"Sochi", "Russia", "Ukraine", "Syria", "Iran", "Turkey", "Moscow", "Geneva"}) {
    CAPTURE(expected);
    CHECK(contains(found, expected));
  }
  for (const char* junk : {"Kerry", "March", "Gulf", "Camp David"}) {
    CAPTURE(junk);
    CHECK_FALSE(contains(found, junk));
  }
}
