#include "word_lists.h"

#include <catch2/catch.hpp>

using namespace dateline;

TEST_CASE("Reuters topic codes have their names from Reuters' list", "[word_lists]") {
  CHECK(common::topic_display_name("acq") == "Mergers/Acquisitions");
  CHECK(common::topic_display_name("BOP") == "Balance of Payments");
  CHECK(common::topic_display_name("money-supply") == "Money Supply");
  CHECK(common::topic_display_name("pork-belly") == "Pork belly");  // a commodity: its code, readable
  CHECK(common::topic_display_name("balance of payments") == "Balance of Payments");
  CHECK(common::topic_display_name("diplomacy") == "diplomacy");  // not Reuters': as given
  CHECK(common::topic_keys("Heating Oil/Gas Oil") ==
        std::vector<std::string>{"heating oil/gas oil", "heat", "heating oil", "gas oil"});
  CHECK(common::topic_keys("cocoa") == std::vector<std::string>{"cocoa"});
  CHECK(common::topic_keys("Diplomacy") == std::vector<std::string>{"diplomacy"});
}
