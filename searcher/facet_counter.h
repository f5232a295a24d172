#pragma once
// Facet counts over the match set, gathered by Xapian match spies while the
// query runs: Xapian's ValueCountMatchSpy for single-valued slots (source,
// publication date) and ListCountSpy for the multi-valued people, places and
// topics slots.

#include <dateline/searcher.h>

#include <xapian.h>

#include <string>
#include <unordered_map>

namespace dateline::searcher {

// Counts each value of a slot holding a schema::join_list()ed list.
class ListCountSpy : public Xapian::MatchSpy {
 public:
  explicit ListCountSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& document, double weight) override;
  std::vector<FacetValue> top(std::size_t limit) const;
  const std::unordered_map<std::string, std::uint64_t>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  std::unordered_map<std::string, std::uint64_t> counts_;
  std::string key_;
};

// People counted by person: the spellings of one person's name are one entry
// ("Vladimir V. Putin" and "Vladimir Putin" count as "Vladimir Putin"), except
// that different middle initials are different people ("George W. Bush",
// "George H. W. Bush"; then "George Bush" stays an entry of its own). Returns
// the top `limit`, most articles first.
std::vector<FacetValue> people_by_person(const std::unordered_map<std::string, std::uint64_t>& counts,
                                         std::size_t limit);

class FacetCounter {
 public:
  // Registers the spies with the enquire; they see every match Xapian checks.
  explicit FacetCounter(Xapian::Enquire& enquire);
  FacetCounter(const FacetCounter&) = delete;
  FacetCounter& operator=(const FacetCounter&) = delete;
  // After get_mset(): the top `limit` of each facet and the date histogram,
  // exact when the matcher passed the spies every match.
  Facets result(std::size_t limit, bool saw_every_match) const;
  // Matches the spies saw.
  Xapian::doccount counted() const { return sources_.get_total(); }

 private:
  ListCountSpy people_;
  ListCountSpy places_;
  ListCountSpy topics_;
  Xapian::ValueCountMatchSpy sources_;
  Xapian::ValueCountMatchSpy dates_;
};

}  // namespace dateline::searcher
