#include "date_extractor.h"

#include <catch2/catch.hpp>

using namespace dateline::common;

namespace {
std::vector<std::string> dates_in(const std::string& text, std::optional<Date> published = std::nullopt) {
  return extract_dates(tokenize(text), published);
}
}  // namespace

TEST_CASE("Absolute dates of every precision", "[date_extractor]") {
  CHECK(dates_in("They met in Geneva on March 2, 2015, and again in February 2014.") ==
        std::vector<std::string>{"2014-02", "2015-03-02"});
  CHECK(dates_in("On 2 March 2015 and on 2015-05-12.") == std::vector<std::string>{"2015-03-02", "2015-05-12"});
  CHECK(dates_in("The conference was held in early 2014.") == std::vector<std::string>{"2014"});
}

TEST_CASE("Dates without a year need the publication date", "[date_extractor]") {
  CHECK(dates_in("Arrivals for the week ended February 22 rose.").empty());
  CHECK(dates_in("Arrivals for the week ended February 22 rose.", Date{1987, 2, 26}) ==
        std::vector<std::string>{"1987-02-22"});
  // Late December named in early January belongs to the year before.
  CHECK(dates_in("Sales on Dec 28 were high.", Date{1988, 1, 5}) == std::vector<std::string>{"1987-12-28"});
}

TEST_CASE("Weekdays resolve against the publication date by tense", "[date_extractor]") {
  const Date monday{2015, 5, 11};
  CHECK(dates_in("Kerry will meet Putin in Sochi on Tuesday.", monday) == std::vector<std::string>{"2015-05-12"});
  CHECK(dates_in("They are to meet on Tuesday.", monday) == std::vector<std::string>{"2015-05-12"});
  CHECK(dates_in("Earnest told reporters on Monday.", monday) == std::vector<std::string>{"2015-05-11"});
  CHECK(dates_in("The leaders met on Saturday.", monday) == std::vector<std::string>{"2015-05-09"});
  CHECK(dates_in("Kerry traveled to Russia on Tuesday.", Date{2015, 5, 13}) == std::vector<std::string>{"2015-05-12"});
  CHECK(dates_in("He left yesterday and returns tomorrow.", monday) ==
        std::vector<std::string>{"2015-05-10", "2015-05-12"});
  CHECK(dates_in("Kerry will meet Putin on Tuesday.").empty());
}

TEST_CASE("A weekday takes the tense of its own clause, not of another verb in the sentence", "[date_extractor]") {
  const Date wednesday{2015, 5, 13};
  // "will" belongs to the relative clause; "said" is the weekday's verb.
  CHECK(dates_in("Officials who will attend the summit said on Monday that talks went well.", wednesday) ==
        std::vector<std::string>{"2015-05-11"});
  // The talks resume after the comma, whatever happened before it.
  CHECK(dates_in("The talks, which began last month, will resume on Friday.", wednesday) ==
        std::vector<std::string>{"2015-05-15"});
  CHECK(dates_in("Ministers met in Rome, and they will meet again on Friday.", wednesday) ==
        std::vector<std::string>{"2015-05-15"});
  CHECK(dates_in("They will vote next month but announced on Tuesday a deal.", wednesday) ==
        std::vector<std::string>{"2015-05-12"});
}

TEST_CASE("Months that are everyday words need a number", "[date_extractor]") {
  CHECK(dates_in("It may rain. Protesters march on. May 5 is a holiday.", Date{2020, 4, 1}) ==
        std::vector<std::string>{"2020-05-05"});
}
