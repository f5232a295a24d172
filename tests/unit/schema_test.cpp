#include "schema.h"
#include "text_utils.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace dateline;

TEST_CASE("No term prefix is the beginning of another", "[schema]") {
  const std::vector<std::string_view> prefixes = {
      schema::kIdPrefix,      schema::kTitlePrefix,         schema::kAuthorPrefix,    schema::kPersonPrefix,
      schema::kSurnamePrefix, schema::kPlacePrefix,         schema::kTopicPrefix,     schema::kOrganisationPrefix,
      schema::kSourcePrefix,  schema::kMentionedDatePrefix, schema::kPublishedPrefix, schema::kSourceFilePrefix};
  for (std::size_t i = 0; i < prefixes.size(); ++i) {
    for (std::size_t j = 0; j < prefixes.size(); ++j) {
      if (i == j) continue;
      CAPTURE(prefixes[i], prefixes[j]);
      CHECK(prefixes[j].substr(0, prefixes[i].size()) != prefixes[i]);
    }
  }
}

TEST_CASE("Long terms are shortened and stay unique", "[schema]") {
  CHECK(schema::term(schema::kIdPrefix, "reuters-1") == "Qreuters-1");
  const std::string long_a(400, 'a');
  std::string long_b = long_a;
  long_b.back() = 'b';
  const std::string a = schema::term(schema::kIdPrefix, long_a);
  const std::string b = schema::term(schema::kIdPrefix, long_b);
  CHECK(a.size() <= 240);
  CHECK(a != b);
  CHECK(a == schema::term(schema::kIdPrefix, long_a));
  // A multi-byte character at the cut is not split.
  const std::string accented = std::string(199, 'x') + "é" + std::string(100, 'y');
  CHECK(common::is_valid_utf8(schema::term("", accented)));
}

TEST_CASE("Multi-valued facets round-trip through one value slot", "[schema]") {
  const std::vector<std::string> people = {"John Kerry", "Vladimir Putin"};
  CHECK(schema::split_list(schema::join_list(people)) == people);
  CHECK(schema::split_list("").empty());
}
