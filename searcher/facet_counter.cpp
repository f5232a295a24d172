#include "facet_counter.h"

#include "dates.h"
#include "person_names.h"
#include "schema.h"

#include <algorithm>
#include <map>
#include <set>

namespace dateline::searcher {
namespace {

bool by_count_then_value(const FacetValue& a, const FacetValue& b) {
  return a.count != b.count ? a.count > b.count : a.value < b.value;
}

std::vector<FacetValue> top_values(const Xapian::ValueCountMatchSpy& spy, std::size_t limit) {
  std::vector<FacetValue> values;
  for (auto it = spy.top_values_begin(limit); it != spy.top_values_end(limit); ++it) {
    values.push_back({*it, it.get_termfreq()});
  }
  std::sort(values.begin(), values.end(), by_count_then_value);
  return values;
}

// Histogram buckets by the span of the matches' dates, so that a histogram has
// between a handful and about 60 bars: days up to a month, ISO weeks (from
// Monday) up to half a year, months up to five years, else years.
enum class Granularity { kDay, kWeek, kMonth, kYear };
constexpr long kMaxDailySpan = 31;
constexpr long kMaxWeeklySpan = 26 * 7;
constexpr long kMaxMonthlySpan = 5 * 366;

Granularity granularity_for(long span_days) {
  if (span_days <= kMaxDailySpan) return Granularity::kDay;
  if (span_days <= kMaxWeeklySpan) return Granularity::kWeek;
  if (span_days <= kMaxMonthlySpan) return Granularity::kMonth;
  return Granularity::kYear;
}

const char* granularity_name(Granularity granularity) {
  switch (granularity) {
    case Granularity::kDay: return "day";
    case Granularity::kWeek: return "week";
    case Granularity::kMonth: return "month";
    case Granularity::kYear: return "year";
  }
  return "year";
}

// The first day of the bucket holding `day`.
common::Date bucket_start(const common::Date& day, Granularity granularity) {
  switch (granularity) {
    case Granularity::kDay: return day;
    case Granularity::kWeek: {
      const long days = common::days_since_epoch(day);
      return common::date_from_days(days - (days + 3) % 7);  // 1970-01-01 was a Thursday
    }
    case Granularity::kMonth: return {day.year, day.month, 1};
    case Granularity::kYear: return {day.year, 1, 1};
  }
  return day;
}

common::Date next_bucket(const common::Date& start, Granularity granularity) {
  switch (granularity) {
    case Granularity::kDay: return common::add_days(start, 1);
    case Granularity::kWeek: return common::add_days(start, 7);
    case Granularity::kMonth:
      return start.month == 12 ? common::Date{start.year + 1, 1, 1} : common::Date{start.year, start.month + 1, 1};
    case Granularity::kYear: return {start.year + 1, 1, 1};
  }
  return start;
}

// A bucket as the --from/--to filters take it: "1987", "1987-03", or a day (a week by its Monday).
std::string bucket_label(const common::Date& start, Granularity granularity) {
  switch (granularity) {
    case Granularity::kYear: return common::Date{start.year, 0, 0}.iso();
    case Granularity::kMonth: return common::Date{start.year, start.month, 0}.iso();
    default: return start.iso();
  }
}

// Publication dates (schema::date_key of a day) as a histogram on a true time
// axis: every bucket from the first match's to the last's, empty ones as 0.
void date_histogram(const Xapian::ValueCountMatchSpy& spy, Facets& facets) {
  std::map<common::Date, std::uint64_t> by_day;
  std::uint64_t dated = 0;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    if (const auto day = schema::date_from_key(*it); day && day->day != 0) {
      by_day[*day] += it.get_termfreq();
      dated += it.get_termfreq();
    }
  }
  facets.undated = spy.get_total() - dated;
  facets.date_granularity = "year";
  if (by_day.empty()) return;
  const long span = common::days_since_epoch(by_day.rbegin()->first) - common::days_since_epoch(by_day.begin()->first);
  const Granularity granularity = granularity_for(span);
  facets.date_granularity = granularity_name(granularity);
  auto day = by_day.begin();
  for (common::Date start = bucket_start(day->first, granularity); day != by_day.end();) {
    const common::Date end = next_bucket(start, granularity);
    std::uint64_t count = 0;
    for (; day != by_day.end() && day->first < end; ++day) count += day->second;
    facets.dates.push_back({bucket_label(start, granularity), count});
    start = end;
  }
}

// Each name's count: the counts of the distinct lists (schema::join_list) holding it.
std::unordered_map<std::string, std::uint64_t> counts_by_name(const Xapian::ValueCountMatchSpy& lists) {
  std::unordered_map<std::string, std::uint64_t> counts;
  std::string name;
  for (auto list = lists.values_begin(); list != lists.values_end(); ++list) {
    const std::string& joined = *list;
    std::size_t start = 0;
    while (start < joined.size()) {
      const std::size_t end = std::min(joined.find(schema::kListSeparator, start), joined.size());
      name.assign(joined, start, end - start);
      counts[name] += list.get_termfreq();
      start = end + 1;
    }
  }
  return counts;
}

std::vector<FacetValue> top_names(const Xapian::ValueCountMatchSpy& lists, std::size_t limit) {
  const auto counts = counts_by_name(lists);
  std::vector<FacetValue> values;
  values.reserve(counts.size());
  for (const auto& [value, count] : counts) values.push_back({value, count});
  const std::size_t kept = std::min(limit, values.size());
  std::partial_sort(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(kept), values.end(),
                    by_count_then_value);
  values.resize(kept);
  return values;
}

struct NameKeys {
  std::string person;    // person_key: initials dropped
  std::string initials;  // person_initials: empty without middle initials
};

// Keys of displayed names, remembered: the same names come back query after query.
const NameKeys& keys_of(const std::string& name) {
  thread_local std::unordered_map<std::string, NameKeys> known;
  if (known.size() > 200000) known.clear();
  auto [it, inserted] = known.try_emplace(name);
  if (inserted) it->second = {common::person_key(name), common::person_initials(name)};
  return it->second;
}

struct Spelling {
  const std::string* name;
  std::uint64_t count;
  const NameKeys* keys;
};

// One entry for the spellings `members` of one person: shown as the plainest
// spelling (without initials, then the most frequent), counting them all.
FacetValue entry_for(const std::vector<const Spelling*>& members) {
  const Spelling* shown = *std::min_element(members.begin(), members.end(), [](const Spelling* a, const Spelling* b) {
    if (a->keys->initials.empty() != b->keys->initials.empty()) return a->keys->initials.empty();
    if (a->count != b->count) return a->count > b->count;
    return *a->name < *b->name;
  });
  FacetValue value{*shown->name, 0};
  for (const Spelling* member : members) value.count += member->count;
  return value;
}

}  // namespace

std::vector<FacetValue> people_by_person(const std::unordered_map<std::string, std::uint64_t>& counts,
                                         std::size_t limit) {
  std::unordered_map<std::string, std::vector<Spelling>> by_person;
  for (const auto& [name, count] : counts) {
    const NameKeys& keys = keys_of(name);
    by_person[keys.person].push_back({&name, count, &keys});
  }
  std::vector<FacetValue> values;
  for (const auto& [person, spellings] : by_person) {
    std::set<std::string> initials;
    for (const Spelling& spelling : spellings) {
      if (!spelling.keys->initials.empty()) initials.insert(spelling.keys->initials);
    }
    // One entry per set of initials when they differ, else one for all.
    std::map<std::string, std::vector<const Spelling*>> entries;
    for (const Spelling& spelling : spellings) {
      entries[initials.size() > 1 ? spelling.keys->initials : std::string()].push_back(&spelling);
    }
    for (const auto& [entry, members] : entries) values.push_back(entry_for(members));
  }
  const std::size_t kept = std::min(limit, values.size());
  std::partial_sort(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(kept), values.end(),
                    by_count_then_value);
  values.resize(kept);
  return values;
}

FacetCounter::FacetCounter(Xapian::Enquire& enquire)
    : people_(schema::kPeopleSlot),
      places_(schema::kPlacesSlot),
      topics_(schema::kTopicsSlot),
      sources_(schema::kSourceSlot),
      dates_(schema::kPublishedSlot) {
  for (Xapian::MatchSpy* spy :
       std::initializer_list<Xapian::MatchSpy*>{&people_, &places_, &topics_, &sources_, &dates_}) {
    enquire.add_matchspy(spy);
  }
}

Facets FacetCounter::result(std::size_t limit, bool saw_every_match) const {
  Facets facets;
  facets.people = people_by_person(counts_by_name(people_), limit);
  facets.places = top_names(places_, limit);
  facets.topics = top_names(topics_, limit);
  facets.sources = top_values(sources_, limit);
  date_histogram(dates_, facets);
  facets.counted = sources_.get_total();
  facets.exact = saw_every_match;
  return facets;
}

}  // namespace dateline::searcher
