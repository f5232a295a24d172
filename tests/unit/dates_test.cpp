#include "dates.h"

#include <catch2/catch.hpp>

using namespace dateline::common;

TEST_CASE("Publication dates in the formats archives use", "[dates]") {
  const auto [text, expected] = GENERATE(table<const char*, const char*>({
      {"2015-05-12", "2015-05-12"},
      {"2015-05-12T10:00:00Z", "2015-05-12"},
      {"2021-07-08 14:00", "2021-07-08"},
      {"2015/05/12", "2015-05-12"},
      {"20150512", "2015-05-12"},
      {"12 May 2015", "2015-05-12"},
      {"May 12, 2015", "2015-05-12"},
      {"Tuesday, May 12, 2015", "2015-05-12"},
      {"Tue, 12 May 2015 10:00:00 +0000", "2015-05-12"},
      {"26-FEB-1987 15:01:01.79", "1987-02-26"},
      {" 3-APR-1987 07:09:06.48", "1987-04-03"},
      {"05/12/2015", "2015-05-12"},
      {"25/12/2015", "2015-12-25"},
      {"March 2015", "2015-03"},
      {"2014", "2014"},
      {"Sept 3, 2019", "2019-09-03"},
      {"May 12th, 2015", "2015-05-12"},
      {"12th May 2015", "2015-05-12"},
      {"Tuesday the 12th of May, 2015", "2015-05-12"},
      {"1st June 2015", "2015-06-01"},
      {"June 2nd 2015", "2015-06-02"},
      {"23rd of March 2015", "2015-03-23"},
  }));
  CAPTURE(text);
  const auto date = parse_publication_date(text);
  REQUIRE(date.has_value());
  CHECK(date->iso() == expected);
}

TEST_CASE("Impossible or unreadable dates are refused", "[dates]") {
  for (const char* text : {"", "yesterday", "2015-02-30", "31 June 2015", "13/13/2015", "May", "99999999"}) {
    CAPTURE(text);
    CHECK_FALSE(parse_publication_date(text).has_value());
  }
}

TEST_CASE("Strict ISO dates for queries", "[dates]") {
  CHECK(parse_iso_date("1987")->iso() == "1987");
  CHECK(parse_iso_date("1987-03")->iso() == "1987-03");
  CHECK(parse_iso_date("1987-03-02")->iso() == "1987-03-02");
  CHECK_FALSE(parse_iso_date("1987-3"));
  CHECK_FALSE(parse_iso_date("1987-13"));
  CHECK_FALSE(parse_iso_date("87"));
}

TEST_CASE("Day arithmetic and weekdays", "[dates]") {
  CHECK(weekday(Date{2015, 5, 11}) == 1);  // a Monday
  CHECK(weekday(Date{1970, 1, 1}) == 4);
  CHECK(weekday(Date{1969, 12, 31}) == 3);
  CHECK(add_days(Date{2015, 2, 28}, 1).iso() == "2015-03-01");
  CHECK(add_days(Date{2016, 2, 28}, 1).iso() == "2016-02-29");
  CHECK(add_days(Date{2015, 1, 1}, -1).iso() == "2014-12-31");
  CHECK(date_from_unix_seconds(1616284800)->iso() == "2021-03-21");
}

TEST_CASE("Unix timestamps in seconds with fractions, milliseconds or microseconds", "[dates]") {
  CHECK(date_from_unix_timestamp(1431424800)->iso() == "2015-05-12");
  CHECK(date_from_unix_timestamp(1431424800.25)->iso() == "2015-05-12");
  CHECK(date_from_unix_timestamp(1431424800000.0)->iso() == "2015-05-12");
  CHECK(date_from_unix_timestamp(1431424800000000.0)->iso() == "2015-05-12");
  CHECK(date_from_unix_timestamp(-0.5)->iso() == "1969-12-31");
  CHECK_FALSE(date_from_unix_timestamp(1e30));
}

TEST_CASE("Dates of any precision cover a range of days", "[dates]") {
  CHECK(first_day(Date{1987, 0, 0}).iso() == "1987-01-01");
  CHECK(last_day(Date{1987, 0, 0}).iso() == "1987-12-31");
  CHECK(last_day(Date{2016, 2, 0}).iso() == "2016-02-29");
  CHECK(first_day(Date{2015, 3, 2}).iso() == "2015-03-02");
  CHECK(last_day(Date{2015, 3, 2}).iso() == "2015-03-02");
}

TEST_CASE("Month and weekday names", "[dates]") {
  CHECK(month_from_name("Feb.") == 2);
  CHECK(month_from_name("SEPT") == 9);
  CHECK(month_from_name("december") == 12);
  CHECK_FALSE(month_from_name("Ma"));
  CHECK(weekday_from_name("Tuesday") == 2);
  CHECK(weekday_from_name("thurs") == 4);
}
