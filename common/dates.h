#pragma once
// Calendar dates with a precision (year, month or day), parsed from the many
// ways news metadata writes them, and the day arithmetic the extractors need.

#include <optional>
#include <string>
#include <string_view>

namespace dateline::common {

struct Date {
  int year = 0;
  int month = 0;  // 0 when only the year is known
  int day = 0;    // 0 when only the year or month is known

  // "2015", "2015-03" or "2015-03-02".
  std::string iso() const;
  bool operator==(const Date& other) const { return year == other.year && month == other.month && day == other.day; }
  bool operator<(const Date& other) const;
};

int days_in_month(int year, int month);
bool is_valid_date(int year, int month, int day);
long days_since_epoch(const Date& date);
Date date_from_days(long days);
Date add_days(const Date& date, long days);
int weekday(const Date& date);  // 0 = Sunday

std::optional<int> month_from_name(std::string_view name);    // "Feb", "Feb.", "February", "Sept"
std::optional<int> weekday_from_name(std::string_view name);  // "Tuesday", "Tue"

// Strict ISO prefix forms: "2015", "2015-03", "2015-03-02".
std::optional<Date> parse_iso_date(std::string_view text);

// Publication dates as archives write them: ISO 8601 with or without time,
// "2015/05/12", "20150512", "12 May 2015", "May 12, 2015", with ordinals as
// people write them ("May 12th, 2015", "the 12th of May 2015"), RFC 2822
// ("Tue, 12 May 2015 10:00:00 +0000"), Reuters ("26-FEB-1987 15:01:01.79"),
// US numeric "05/12/2015". The time of day and zone are ignored.
std::optional<Date> parse_publication_date(std::string_view text);

std::optional<Date> date_from_unix_seconds(long long seconds);
// A Unix timestamp in seconds, fractions allowed (1431424800.25), or in
// milliseconds or microseconds (1431424800000): a value too large to be a date
// in seconds (from 1e11, the year 5138) is read in the next smaller unit.
std::optional<Date> date_from_unix_timestamp(double value);

// First and last day covered by a date of any precision: 1987 -> 1987-01-01 and 1987-12-31.
Date first_day(const Date& date);
Date last_day(const Date& date);

// The current time in UTC, ISO 8601 to the second: "2026-11-22T10:00:00Z".
std::string utc_timestamp_now();

}  // namespace dateline::common
