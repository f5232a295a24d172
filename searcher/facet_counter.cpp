#include "facet_counter.h"

#include "person_names.h"
#include "schema.h"

#include <algorithm>
#include <map>
#include <set>

namespace dateline::searcher {
namespace {

// Matches spanning less than this are shown by month, longer spans by year.
constexpr int kMonthlyHistogramMaxYears = 3;

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

// Publication dates (schema::date_key of a day) bucketed by year, or by month when the matches span under three years.
void date_histogram(const Xapian::ValueCountMatchSpy& spy, Facets& facets) {
  std::map<common::Date, std::uint64_t> by_day;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
    if (const auto day = schema::date_from_key(*it); day && day->day != 0) by_day[*day] += it.get_termfreq();
  }
  facets.date_granularity = "year";
  if (by_day.empty()) return;
  const common::Date& first = by_day.begin()->first;
  const common::Date& last = by_day.rbegin()->first;
  const bool monthly = (last.year * 12 + last.month) - (first.year * 12 + first.month) < kMonthlyHistogramMaxYears * 12;
  facets.date_granularity = monthly ? "month" : "year";
  std::map<common::Date, std::uint64_t> buckets;
  for (const auto& [day, count] : by_day) buckets[{day.year, monthly ? day.month : 0, 0}] += count;
  for (const auto& [bucket, count] : buckets) facets.dates.push_back({bucket.iso(), count});
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
