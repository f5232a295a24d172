#include "dates.h"

#include "text_utils.h"

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <vector>

namespace dateline::common {
namespace {

constexpr std::array<std::string_view, 12> kMonthNames = {"january",   "february", "march",    "april",
                                                          "may",       "june",     "july",     "august",
                                                          "september", "october",  "november", "december"};
constexpr std::array<std::string_view, 7> kWeekdayNames = {"sunday",   "monday", "tuesday", "wednesday",
                                                           "thursday", "friday", "saturday"};

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Accepts the full name or any abbreviation of three letters or more ("Feb",
// "Sept", "Thurs"); a trailing period is allowed.
template <std::size_t N>
std::optional<int> index_of_name(std::string_view name, const std::array<std::string_view, N>& names) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  if (name.size() < 3) return std::nullopt;
  const std::string lower = lower_ascii(name);
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i].substr(0, lower.size()) == lower) return static_cast<int>(i);
  }
  return std::nullopt;
}

struct Token {
  std::string text;
  bool digits;
};

std::vector<Token> date_tokens(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (std::isdigit(c) || std::isalpha(c)) {
      const bool digits = std::isdigit(c) != 0;
      const std::size_t start = i;
      while (i < text.size() && (digits ? std::isdigit(static_cast<unsigned char>(text[i]))
                                        : std::isalpha(static_cast<unsigned char>(text[i])))) {
        ++i;
      }
      tokens.push_back({std::string(text.substr(start, i - start)), digits});
    } else {
      ++i;
    }
  }
  return tokens;
}

// "12th" is the day 12, "the 12th of May" is "12 May": ordinal suffixes after
// a number and the words "the" and "of" carry nothing.
std::vector<Token> without_ordinal_words(std::vector<Token> tokens) {
  std::vector<Token> kept;
  for (Token& token : tokens) {
    const std::string word = lower_ascii(token.text);
    const bool after_number = !kept.empty() && kept.back().digits;
    const bool suffix = after_number && (word == "st" || word == "nd" || word == "rd" || word == "th");
    if (!token.digits && (suffix || word == "the" || word == "of")) continue;
    kept.push_back(std::move(token));
  }
  return kept;
}

std::optional<int> number(const Token& token, std::size_t max_digits) {
  if (!token.digits || token.text.size() > max_digits) return std::nullopt;
  return std::stoi(token.text);
}

std::optional<Date> make_date(int year, int month, int day) {
  if (!is_valid_date(year, month, day)) return std::nullopt;
  return Date{year, month, day};
}

std::optional<Date> parse_year_first(const std::vector<Token>& t) {
  const int year = std::stoi(t[0].text);
  if (t.size() == 1) return make_date(year, 0, 0);
  std::optional<int> month = t[1].digits ? number(t[1], 2) : std::optional<int>();
  if (!month) {
    if (const auto named = month_from_name(t[1].text)) month = *named;
  }
  if (!month) return std::nullopt;
  if (t.size() == 2 || !t[2].digits) return make_date(year, *month, 0);
  const auto day = number(t[2], 2);
  return day ? make_date(year, *month, *day) : std::nullopt;
}

std::optional<Date> parse_month_first(const std::vector<Token>& t, int month) {
  // "May 12, 2015", "May 2015"
  if (t.size() >= 3 && t[1].digits && t[2].digits && t[2].text.size() == 4) {
    const auto day = number(t[1], 2);
    return day ? make_date(std::stoi(t[2].text), month, *day) : std::nullopt;
  }
  if (t.size() >= 2 && t[1].digits && t[1].text.size() == 4) return make_date(std::stoi(t[1].text), month, 0);
  return std::nullopt;
}

std::optional<Date> parse_day_first(const std::vector<Token>& t) {
  if (t.size() < 3 || !t[2].digits || t[2].text.size() != 4) return std::nullopt;
  const int year = std::stoi(t[2].text);
  const auto first = number(t[0], 2);
  if (!first) return std::nullopt;
  if (!t[1].digits) {  // "12 May 2015", "26-FEB-1987"
    const auto month = month_from_name(t[1].text);
    return month ? make_date(year, *month, *first) : std::nullopt;
  }
  const auto second = number(t[1], 2);  // US order "05/12/2015", unless that cannot be a month
  if (!second) return std::nullopt;
  if (*first > 12) return make_date(year, *second, *first);
  return make_date(year, *first, *second);
}

}  // namespace

std::string Date::iso() const {
  char buffer[16];
  if (day != 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  } else if (month != 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, month);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d", year);
  }
  return buffer;
}

bool Date::operator<(const Date& other) const {
  if (year != other.year) return year < other.year;
  if (month != other.month) return month < other.month;
  return day < other.day;
}

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

bool is_valid_date(int year, int month, int day) {
  if (year < 1000 || year > 2999) return false;
  if (month == 0) return day == 0;
  if (month < 1 || month > 12) return false;
  return day == 0 || (day >= 1 && day <= days_in_month(year, month));
}

// Howard Hinnant's days_from_civil / civil_from_days.
long days_since_epoch(const Date& date) {
  const int y = date.year - (date.month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long mp = (date.month + 9) % 12;
  const long doy = (153 * mp + 2) / 5 + date.day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date date_from_days(long days) {
  days += 719468;
  const long era = (days >= 0 ? days : days - 146096) / 146097;
  const long doe = days - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return Date{year, month, day};
}

Date add_days(const Date& date, long days) { return date_from_days(days_since_epoch(date) + days); }

int weekday(const Date& date) {
  // 1970-01-01 was a Thursday (4).
  return static_cast<int>((days_since_epoch(date) % 7 + 11) % 7);
}

std::optional<int> month_from_name(std::string_view name) {
  const auto index = index_of_name(name, kMonthNames);
  return index ? std::optional<int>(*index + 1) : std::nullopt;
}

std::optional<int> weekday_from_name(std::string_view name) { return index_of_name(name, kWeekdayNames); }

std::optional<Date> parse_iso_date(std::string_view text) {
  const auto all_digits = [](std::string_view s) {
    for (char c : s) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    }
    return !s.empty();
  };
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return std::nullopt;
  if (!all_digits(text.substr(0, 4))) return std::nullopt;
  Date date{std::stoi(std::string(text.substr(0, 4))), 0, 0};
  if (text.size() >= 7) {
    if (text[4] != '-' || !all_digits(text.substr(5, 2))) return std::nullopt;
    date.month = std::stoi(std::string(text.substr(5, 2)));
  }
  if (text.size() == 10) {
    if (text[7] != '-' || !all_digits(text.substr(8, 2))) return std::nullopt;
    date.day = std::stoi(std::string(text.substr(8, 2)));
  }
  if (!is_valid_date(date.year, date.month, date.day)) return std::nullopt;
  return date;
}

std::optional<Date> parse_publication_date(std::string_view text) {
  std::vector<Token> tokens = without_ordinal_words(date_tokens(trim(text)));
  if (!tokens.empty() && !tokens[0].digits && weekday_from_name(tokens[0].text)) tokens.erase(tokens.begin());
  if (tokens.empty()) return std::nullopt;
  const Token& first = tokens[0];
  if (first.digits && first.text.size() == 8) {
    return make_date(std::stoi(first.text.substr(0, 4)), std::stoi(first.text.substr(4, 2)),
                     std::stoi(first.text.substr(6, 2)));
  }
  if (first.digits && first.text.size() == 4) return parse_year_first(tokens);
  if (first.digits) return parse_day_first(tokens);
  if (const auto month = month_from_name(first.text)) return parse_month_first(tokens, *month);
  return std::nullopt;
}

std::optional<Date> date_from_unix_seconds(long long seconds) {
  constexpr long long kSecondsPerDay = 86400;
  long long days = seconds / kSecondsPerDay;
  if (seconds % kSecondsPerDay < 0) --days;
  const Date date = date_from_days(static_cast<long>(days));
  if (!is_valid_date(date.year, date.month, date.day)) return std::nullopt;
  return date;
}

std::optional<Date> date_from_unix_timestamp(double value) {
  constexpr double kLargestSeconds = 1e11;
  for (int unit = 0; unit < 3 && std::fabs(value) >= kLargestSeconds; ++unit) value /= 1000;
  if (!std::isfinite(value) || std::fabs(value) >= kLargestSeconds) return std::nullopt;
  return date_from_unix_seconds(static_cast<long long>(std::floor(value)));
}

Date first_day(const Date& date) { return {date.year, date.month ? date.month : 1, date.day ? date.day : 1}; }

Date last_day(const Date& date) {
  const int month = date.month ? date.month : 12;
  return {date.year, month, date.day ? date.day : days_in_month(date.year, month)};
}

std::string utc_timestamp_now() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

}  // namespace dateline::common
