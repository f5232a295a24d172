#include "place_extractor.h"

#include "analysis.h"
#include "dates.h"
#include "gazetteer.h"
#include "text_utils.h"
#include "word_lists.h"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace dateline::common {
namespace {

// Cities smaller than this need a preposition before them ("in Bath").
constexpr unsigned long kWellKnownCityPopulation = 100000;

bool is_one_of(const Token& token, const std::unordered_set<std::string_view>& words) {
  return token.is_word() && words.count(to_lower(token.text)) > 0;
}

// Words after which a capitalised name is a place more often than not.
bool is_preposition(const Token& token) {
  static const std::unordered_set<std::string_view> kPrepositions = {
      "in",     "at",      "from",    "to",     "near",   "of",         "outside", "via", "into", "across", "around",
      "toward", "towards", "through", "inside", "within", "throughout", "between", "for", "on",   "by",     "against"};
  return is_one_of(token, kPrepositions);
}

// The stricter set an everyday word needs before it counts as a place ("in Reading", not "of Gulf nations").
bool is_locative_preposition(const Token& token) {
  static const std::unordered_set<std::string_view> kLocative = {
      "in",     "at",     "near",       "from", "to",     "into",    "outside", "inside",
      "across", "around", "throughout", "via",  "toward", "towards", "through", "within"};
  return is_one_of(token, kLocative);
}

bool is_connector(const Token& token) {
  return token.is_word() && (token.text == "of" || token.text == "and" || token.text == "the" || token.text == "de");
}

bool is_qualifier(const Token& token) {
  static const std::unordered_set<std::string_view> kQualifiers = {
      "North", "South", "East",    "West", "Northern", "Southern", "Eastern", "Western", "Central",
      "Upper", "Lower", "Greater", "New",  "Old",      "Mainland", "Rural",   "Urban",   "Coastal"};
  return kQualifiers.count(token.text) > 0;
}

// Months, weekdays and seasons name towns somewhere ("March", "Spring") but hardly ever in the news.
bool is_time_word(const std::string& word) {
  static const std::unordered_set<std::string_view> kSeasons = {"Spring", "Summer", "Autumn", "Fall", "Winter"};
  return month_from_name(word) || weekday_from_name(word) || kSeasons.count(word) > 0;
}

// Countries, nations and world regions are named as such; a city or region
// name may be a word, a person's or a company's too.
bool is_unmistakable(const Place& place) {
  return place.kind == PlaceKind::kCountry || place.kind == PlaceKind::kWorldRegion;
}

// "China is", "Turkey said": a verb after a sentence's first word makes it the subject, a place.
bool is_subject_verb(const Token& token) {
  static const std::unordered_set<std::string_view> kVerbs = {
      "is",   "was", "has",   "had", "will",  "would", "said",  "says",  "could", "should",
      "must", "may", "might", "can", "wants", "plans", "hopes", "needs", "faces", "remains"};
  return is_one_of(token, kVerbs);
}

bool overlaps(const std::vector<std::pair<std::size_t, std::size_t>>& spans, std::size_t begin, std::size_t end) {
  return std::any_of(spans.begin(), spans.end(),
                     [&](const auto& span) { return begin < span.second && span.first < end; });
}

struct Match {
  std::size_t end;  // one past the last token
  const Place* place;
};

class PlaceCollector {
 public:
  explicit PlaceCollector(const PeopleFound& people) : people_(people), gazetteer_(Gazetteer::instance()) {}

  void scan(const std::vector<Token>& tokens, bool is_headline) {
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      if (!tokens[i].is_word() || !tokens[i].capitalised) continue;
      if (const std::size_t end = river_end(tokens, i); end > i) {
        count(name_text(tokens, i, end));
        i = end - 1;
        continue;
      }
      const auto match = longest_match(tokens, i);
      if (!match) continue;
      consider(tokens, i, *match, is_headline);
      i = match->end - 1;
    }
  }

  std::vector<std::string> result() {
    for (const auto& [name, first_seen] : deferred_) {
      if (counts_.count(name) > 0) ++counts_[name].mentions;
    }
    std::vector<std::pair<std::string, Tally>> ordered(counts_.begin(), counts_.end());
    std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
      if (a.second.mentions != b.second.mentions) return a.second.mentions > b.second.mentions;
      return a.second.order < b.second.order;
    });
    std::vector<std::string> places;
    for (auto& [name, tally] : ordered) places.push_back(name);
    return places;
  }

 private:
  struct Tally {
    std::size_t mentions = 0;
    std::size_t order = 0;
  };

  static std::string name_text(const std::vector<Token>& tokens, std::size_t begin, std::size_t end) {
    std::string text;
    for (std::size_t k = begin; k < end; ++k) text += (k > begin ? " " : "") + tokens[k].text;
    return text;
  }

  // "River Thames", "Mississippi River": one past the name, or `begin` when there is none.
  static std::size_t river_end(const std::vector<Token>& tokens, std::size_t begin) {
    const auto named = [&](std::size_t k) {
      return k < tokens.size() && tokens[k].is_word() && tokens[k].capitalised && !tokens[k].all_capitals &&
             !tokens[k].sentence_start;
    };
    if (tokens[begin].text == "River" && named(begin + 1) && !tokens[begin].possessive) return begin + 2;
    if (named(begin + 1) && tokens[begin + 1].text == "River" && !tokens[begin].possessive &&
        !person_titles().contains(tokens[begin].text) && !english_stopper()(fold_key(tokens[begin].text))) {
      return begin + 2;
    }
    return begin;
  }

  void count(const std::string& name) {
    Tally& tally = counts_[name];
    if (tally.mentions == 0) tally.order = next_order_++;
    ++tally.mentions;
  }

  std::optional<Match> longest_match(const std::vector<Token>& tokens, std::size_t begin) const {
    const std::size_t limit = std::min(tokens.size(), begin + gazetteer_.max_words());
    std::string name;
    std::optional<Match> best;
    for (std::size_t end = begin + 1; end <= limit; ++end) {
      const Token& last = tokens[end - 1];
      if (!last.is_word() || (end - 1 > begin && last.sentence_start)) break;
      if (!name.empty()) name += ' ';
      name += last.text;
      const bool inner_connector = end - 1 > begin && is_connector(last);
      if (!inner_connector && !last.capitalised) break;
      if (!inner_connector) {
        if (const Place* place = gazetteer_.find(fold_key(name))) best = Match{end, place};
      }
      if (last.possessive) break;
    }
    return best;
  }

  void consider(const std::vector<Token>& tokens, std::size_t begin, const Match& match, bool is_headline) {
    const Place& place = *match.place;
    const std::size_t end = match.end;
    if (!is_headline && overlaps(people_.spans, begin, end)) return;
    if (end - begin == 1 && people_.name_words.count(fold_key(tokens[begin].text)) > 0) return;
    if (part_of_longer_name(tokens, begin, end, place)) return;
    const bool after_preposition = begin > 0 && is_preposition(tokens[begin - 1]);
    if (place.kind == PlaceKind::kCity && place.population < kWellKnownCityPopulation && place.population > 0 &&
        !after_preposition) {
      return;
    }
    const std::string folded = fold_key(place.name);
    if (place.kind == PlaceKind::kCity && first_names().contains(folded) && !after_preposition) return;
    if (end - begin == 1 && is_time_word(tokens[begin].text)) return;
    if (place_exclusions().contains(fold_key(tokens[begin].text)) && end - begin == 1) return;
    // "frontman Bono", "striker Rooney": a role word announces a person.
    if (begin > 0 && !tokens[begin - 1].capitalised && person_titles().contains(tokens[begin - 1].text)) return;
    const bool everyday_word = common_words().contains(fold_key(tokens[begin].text)) && end - begin == 1;
    // "Gulf", "Reading": an everyday word names a region or town only after "in", "to", "near"...
    const bool after_locative = begin > 0 && is_locative_preposition(tokens[begin - 1]);
    if (everyday_word && !is_unmistakable(place) && !after_locative) return;
    // A possessive ("Chile's central bank") is a proper noun's, and so is a sentence's subject ("China is").
    const bool subject = end < tokens.size() && is_subject_verb(tokens[end]);
    if (everyday_word && (tokens[begin].sentence_start || is_headline) && !tokens[begin].possessive && !subject) {
      // "Turkey" opening a sentence may be the bird: count it only if the
      // article also names the place where capitalisation is telling.
      deferred_.emplace(place.name, begin);
      return;
    }
    count(place.name);
  }

  bool part_of_longer_name(const std::vector<Token>& tokens, std::size_t begin, std::size_t end,
                           const Place& place) const {
    if (begin > 0 && !tokens[begin].sentence_start) {
      const Token& before = tokens[begin - 1];
      const bool capitalised_word = before.is_word() && before.capitalised && !before.possessive;
      if (capitalised_word && !is_qualifier(before) && !person_titles().contains(before.text) &&
          !english_stopper()(fold_key(before.text))) {
        return true;  // "George Washington", "Camp David"
      }
    }
    // "UK Treasury", "US troops": a country names itself even before another name.
    if (end < tokens.size() && !tokens[end - 1].possessive && !is_unmistakable(place)) {
      const Token& after = tokens[end];
      if (after.is_word() && after.capitalised && !after.sentence_start && !person_titles().contains(after.text) &&
          gazetteer_.find(fold_key(after.text)) == nullptr) {
        return true;  // "Washington Institute", "Turkey Hill"
      }
    }
    return false;
  }

  const PeopleFound& people_;
  const Gazetteer& gazetteer_;
  std::unordered_map<std::string, Tally> counts_;
  std::unordered_map<std::string, std::size_t> deferred_;
  std::size_t next_order_ = 0;
};

}  // namespace

std::vector<std::string> extract_places(const std::vector<Token>& body, const std::vector<Token>& headline,
                                        const PeopleFound& people) {
  PlaceCollector collector(people);
  collector.scan(body, false);
  collector.scan(headline, true);
  return collector.result();
}

}  // namespace dateline::common
