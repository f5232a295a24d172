#pragma once
// Facet counts over the match set, gathered by Xapian's ValueCountMatchSpy
// while the query runs. Only Xapian's built-in spies run inside xapian-tcpsrv
// (its registry knows no other), so the multi-valued people, places and topics
// slots are counted by whole list: the spy counts each distinct joined list,
// and result() splits the lists and adds their counts to each name. Exact, on
// a local database, a stub of shards or remote shards alike.

#include <dateline/searcher.h>

#include <xapian.h>

#include <string>
#include <unordered_map>

namespace dateline::searcher {

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
  Xapian::ValueCountMatchSpy people_;
  Xapian::ValueCountMatchSpy places_;
  Xapian::ValueCountMatchSpy topics_;
  Xapian::ValueCountMatchSpy sources_;
  Xapian::ValueCountMatchSpy dates_;
};

}  // namespace dateline::searcher
