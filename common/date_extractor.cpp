#include "date_extractor.h"

#include "text_utils.h"

#include <cstdlib>
#include <set>
#include <unordered_set>

namespace dateline::common {
namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2100;
constexpr std::size_t kMaxDatesPerArticle = 50;

std::optional<int> year_of(const Token& token) {
  if (token.kind != Token::Kind::kNumber || token.text.size() != 4) return std::nullopt;
  const int year = std::atoi(token.text.c_str());
  if (year < kMinYear || year > kMaxYear) return std::nullopt;
  return year;
}

// "2", "26", "2nd", "31st".
std::optional<int> day_of(const Token& token) {
  std::string_view text = token.text;
  if (token.kind == Token::Kind::kWord) {
    bool suffixed = false;
    for (std::string_view suffix : {"st", "nd", "rd", "th"}) {
      if (ends_with(text, suffix)) {
        text.remove_suffix(2);
        suffixed = true;
        break;
      }
    }
    if (!suffixed) return std::nullopt;
  } else if (token.kind != Token::Kind::kNumber) {
    return std::nullopt;
  }
  if (text.empty() || text.size() > 2) return std::nullopt;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const int day = std::atoi(std::string(text).c_str());
  return day >= 1 && day <= 31 ? std::optional<int>(day) : std::nullopt;
}

// Month names that are also everyday words ("may", "march") must be capitalised and followed by a number.
std::optional<int> month_of(const Token& token) {
  if (!token.is_word() || !token.capitalised) return std::nullopt;
  return month_from_name(token.text);
}

// The year that puts month/day closest to the publication date.
std::optional<Date> nearest_year(int month, int day, const Date& published) {
  std::optional<Date> best;
  long best_distance = 0;
  for (int year = published.year - 1; year <= published.year + 1; ++year) {
    if (!is_valid_date(year, month, day)) continue;
    const Date candidate{year, month, day};
    const long distance = std::labs(days_since_epoch(candidate) - days_since_epoch(published));
    if (!best || distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

bool is_future_cue(const Token& token) {
  static const std::unordered_set<std::string_view> kCues = {"will",     "shall",    "next",    "scheduled",
                                                             "expected", "plans",    "planned", "due",
                                                             "upcoming", "tomorrow", "would",   "going"};
  return token.is_word() && kCues.count(to_lower(token.text)) > 0;
}

// A verb in the past: regular ("announced") or one of the common irregular ones.
bool is_past_verb(const Token& token) {
  static const std::unordered_set<std::string_view> kIrregular = {
      "said",   "was",   "were",  "had",  "did",  "met",   "told",  "held",  "made", "took",  "won",     "lost",
      "began",  "came",  "went",  "gave", "saw",  "found", "left",  "rose",  "fell", "spoke", "wrote",   "sold",
      "bought", "paid",  "sent",  "ran",  "got",  "led",   "kept",  "put",   "set",  "hit",   "cut",     "struck",
      "broke",  "chose", "drove", "flew", "grew", "knew",  "meant", "stood", "won",  "shot",  "thought", "brought"};
  if (!token.is_word() || token.capitalised) return false;
  const std::string word = to_lower(token.text);
  return kIrregular.count(word) > 0 || (word.size() > 4 && ends_with(word, "ed"));
}

// Where a clause begins, reading backwards: a weekday takes the tense of its own clause.
bool is_clause_boundary(const Token& token) {
  if (token.ends_sentence) return true;
  if (token.kind == Token::Kind::kPunctuation) return token.text == "," || token.text == ";" || token.text == ":";
  static const std::unordered_set<std::string_view> kJoins = {"and", "but", "while", "whereas", "although"};
  return token.is_word() && kJoins.count(to_lower(token.text)) > 0;
}

class DateCollector {
 public:
  DateCollector(const std::vector<Token>& tokens, const std::optional<Date>& published)
      : tokens_(tokens), published_(published) {}

  std::vector<std::string> collect() {
    for (std::size_t i = 0; i < tokens_.size() && found_.size() < kMaxDatesPerArticle; ++i) {
      i += match_at(i);
    }
    return {found_.begin(), found_.end()};
  }

 private:
  const Token* at(std::size_t i) const { return i < tokens_.size() ? &tokens_[i] : nullptr; }

  void add(const std::optional<Date>& date) {
    if (date) found_.insert(date->iso());
  }

  // Returns how many extra tokens the match consumed.
  std::size_t match_at(std::size_t i) {
    const Token& token = tokens_[i];
    if (const auto month = month_of(token)) return match_month_first(i, *month);
    if (const auto day = day_of(token)) return match_day_first(i, *day);
    if (token.kind == Token::Kind::kNumber && token.text.size() == 10) {
      add(parse_iso_date(token.text));
      return 0;
    }
    if (const auto year = year_of(token)) {
      static const std::unordered_set<std::string_view> kYearCues = {"in",   "since",  "until",  "by",    "early",
                                                                     "late", "during", "before", "after", "mid"};
      if (i > 0 && tokens_[i - 1].is_word() && kYearCues.count(to_lower(tokens_[i - 1].text)) > 0) {
        add(Date{*year, 0, 0});
      }
      return 0;
    }
    if (published_ && token.is_word()) match_relative(i);
    return 0;
  }

  std::size_t match_month_first(std::size_t i, int month) {
    const Token* next = at(i + 1);
    if (next == nullptr) return 0;
    if (const auto day = day_of(*next)) {
      std::size_t year_index = i + 2;
      if (const Token* comma = at(year_index); comma != nullptr && comma->is(",")) ++year_index;
      if (const Token* year_token = at(year_index)) {
        if (const auto year = year_of(*year_token)) {
          add(is_valid_date(*year, month, *day) ? std::optional<Date>(Date{*year, month, *day}) : std::nullopt);
          return year_index - i;
        }
      }
      if (published_) add(nearest_year(month, *day, *published_));
      return 1;
    }
    if (const auto year = year_of(*next)) {
      add(Date{*year, month, 0});
      return 1;
    }
    return 0;
  }

  std::size_t match_day_first(std::size_t i, int day) {
    const Token* month_token = at(i + 1);
    if (month_token == nullptr) return 0;
    const auto month = month_of(*month_token);
    if (!month) return 0;
    if (const Token* year_token = at(i + 2)) {
      if (const auto year = year_of(*year_token)) {
        add(is_valid_date(*year, *month, day) ? std::optional<Date>(Date{*year, *month, day}) : std::nullopt);
        return 2;
      }
    }
    if (published_) add(nearest_year(*month, day, *published_));
    return 1;
  }

  // "on Tuesday", "yesterday": days relative to the publication date.
  void match_relative(std::size_t i) {
    const std::string word = to_lower(tokens_[i].text);
    if (word == "today") return add(published_);
    if (word == "yesterday") return add(add_days(*published_, -1));
    if (word == "tomorrow") return add(add_days(*published_, 1));
    // Only full, capitalised weekday names: "Sat" and "Wed" are too often something else.
    if (!tokens_[i].capitalised || word.size() < 6) return;
    const auto day_of_week = weekday_from_name(word);
    if (!day_of_week) return;
    const int published_weekday = weekday(*published_);
    const int ahead = (*day_of_week - published_weekday + 7) % 7;
    const int behind = (published_weekday - *day_of_week + 7) % 7;
    add(add_days(*published_, refers_to_future(i) ? ahead : -behind));
  }

  // "will meet on Tuesday" looks ahead, "met on Tuesday" back; "last" and
  // "next" settle it. The verb nearest the weekday in its own clause decides:
  // in "officials who will attend said on Monday" it is "said".
  bool refers_to_future(std::size_t weekday_index) const {
    for (std::size_t k = weekday_index; k-- > 0;) {
      const Token& token = tokens_[k];
      if (is_clause_boundary(token)) return false;
      const std::string word = to_lower(token.text);
      if (word == "last" && k + 1 == weekday_index) return false;
      if (word == "next" && k + 1 == weekday_index) return true;
      // "are to meet": "to" after a form of "be" looks ahead; "traveled to" does not.
      const bool be_to =
          word == "to" && k > 0 && (to_lower(tokens_[k - 1].text) == "are" || to_lower(tokens_[k - 1].text) == "is");
      if (be_to || is_future_cue(token)) return true;
      if (is_past_verb(token)) return false;
    }
    return false;
  }

  const std::vector<Token>& tokens_;
  const std::optional<Date>& published_;
  std::set<std::string> found_;
};

}  // namespace

std::vector<std::string> extract_dates(const std::vector<Token>& tokens, const std::optional<Date>& published) {
  return DateCollector(tokens, published).collect();
}

}  // namespace dateline::common
