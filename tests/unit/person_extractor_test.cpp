#include "person_extractor.h"
#include "person_names.h"

#include "reader_test_support.h"
#include "test_support.h"

#include <algorithm>

using namespace dateline;
using namespace dateline::common;

namespace {

std::vector<std::string> people_in(const std::string& text) { return extract_people(tokenize(text)).people; }

bool contains(const std::vector<std::string>& values, const std::string& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

}  // namespace

TEST_CASE("Canonical person names drop titles and possessives, and keep initials", "[person_names]") {
  const auto [written, canonical] = GENERATE(table<const char*, const char*>({
      {"Vladimir V. Putin", "Vladimir V. Putin"},
      {"Sergey V. Lavrov", "Sergei V. Lavrov"},
      {"Mr. Kerry's", "Kerry"},
      {"President Bashar al-Assad", "Bashar al-Assad"},
      {"George W. Bush Jr.", "George W. Bush"},
      {"J.K. Rowling", "J.K. Rowling"},
  }));
  CHECK(canonical_person_name(written) == canonical);
}

TEST_CASE("One key for one person, and middle initials that tell people apart have a key of their own",
          "[person_names]") {
  CHECK(person_key("Vladimir V. Putin") == "vladimir putin");
  CHECK(person_key("Vladimir Putin") == "vladimir putin");
  CHECK(person_key("George W. Bush") == person_key("George H. W. Bush"));
  CHECK(person_full_key("George W. Bush") == "george w bush");
  CHECK(person_full_key("George H. W. Bush") == "george h w bush");
  CHECK(person_full_key("George Bush") == "george bush");
  CHECK(person_initials("George Bush").empty());
  CHECK(person_initials("George W Bush") == "george w bush");
}

TEST_CASE("Lower-case metadata names get the capitals a name has", "[person_names]") {
  const auto [raw, name] = GENERATE(table<const char*, const char*>({
      {"ronan mcdonald", "Ronan McDonald"},
      {"siobhan o'brien", "Siobhan O'Brien"},
      {"fiona macleod", "Fiona MacLeod"},
      {"jan van der berg", "Jan van der Berg"},
      {"james-baker", "James Baker"},
      {"steve mackay", "Steve Mackay"},
      {"Ronan McDonald", "Ronan McDonald"},
  }));
  CHECK(person_name_from_metadata(raw) == name);
}

TEST_CASE("Person keys and surnames", "[person_names]") {
  CHECK(person_key("Sergey Lavrov") == person_key("sergei lavrov"));
  CHECK(surname_keys("Bashar al-Assad") == std::vector<std::string>{"al-assad", "assad"});
  CHECK(surname_keys("John Kerry") == std::vector<std::string>{"kerry"});
}

TEST_CASE("Full names come from given names and titles, later mentions resolve to them", "[person_extractor]") {
  const auto people = people_in(
      "Russian President Vladimir Putin met Secretary of State John Kerry in Sochi. White House press secretary "
      "Josh Earnest said the State Department was pleased. Mr. Kerry thanked Putin. Kerry flew home.");
  CHECK(people == std::vector<std::string>{"John Kerry", "Vladimir Putin", "Josh Earnest"});
}

TEST_CASE("Organisations and places shaped like names are not people", "[person_extractor]") {
  const auto people = people_in(
      "The White House and the State Department met at George Washington University. The Washington Institute "
      "for Near East Policy and Camp David were mentioned. Marshall Plan aid came up.");
  CHECK(people.empty());
}

TEST_CASE("A surname shared by two people stays unresolved", "[person_extractor]") {
  const auto people = people_in("George Bush met Jeb Bush. Mr. Bush said nothing.");
  CHECK(people.size() == 2);
}

TEST_CASE("A lone honorific name is a person only when it is not an everyday word", "[person_extractor]") {
  CHECK(people_in("President Obama spoke. Mr. Obama left.") == std::vector<std::string>{"Obama"});
  CHECK(people_in("General Electric rose.").empty());
}

TEST_CASE("The seed articles name the people of the story, without junk", "[person_extractor]") {
  SKIP_WITHOUT_SHARED_CORPUS();
  std::vector<std::string> found;
  for (const char* name : {"000_188ba981715c0ded.txt", "004_ae7f84a818a98b3c.txt"}) {
    const auto sink = test::read_path(test::shared_corpus_dir() + "/seeds/" + name, common::InputFormat::kText);
    REQUIRE(sink.articles.size() == 1);
    // Compared by person: "Vladimir V. Putin" (as one seed writes him) is Vladimir Putin.
    for (const auto& person : extract_people(tokenize(sink.articles[0].body)).people)
      found.push_back(person_key(person));
  }
  for (const char* expected : {"John Kerry", "Vladimir Putin", "Sergei Lavrov", "Josh Earnest", "Marie Harf",
                               "Barack Obama", "Bashar al-Assad", "Angela Merkel", "Robert Ford", "Ashton Carter"}) {
    CAPTURE(expected);
    CHECK(contains(found, person_key(expected)));
  }
  for (const char* junk : {"White House", "State Department", "Camp David", "Foreign Minister", "Kerry"}) {
    CAPTURE(junk);
    CHECK_FALSE(contains(found, person_key(junk)));
  }
}
