#pragma once
// People named by surname alone, resolved across articles. Within one article
// the extractor already joins "Mr. Putin" to the "Vladimir Putin" named before;
// an article that only ever says "Putin" (or "Mr. Blair", or Reuters' tag
// "reagan") is resolved here, against the rest of the archive:
//
//   An article's one-word person S means the one person with a full name of
//   surname S that other articles of the same period name: published at most
//   kSurnamePeriodDays days before or after it, or, for an undated article,
//   anywhere in the archive; and articles of at least kSurnameEvidenceStories
//   stories of that period name him or her. With no such person, or several (a
//   "Baker" in a month that names James Baker and Howard Baker, even once), S
//   stays a person of its own.
//
// One passing mention is too little: on the BBC set (undated, so the whole
// archive is the period) "Lord Ashcroft" met the one "Dan Ashcroft" of a film
// review and "Mr Wang" the director Wayne Wang; the people an archive names
// repeatedly are the ones its bare surnames mean.
//
// Only articles that name the full name themselves count, never articles
// resolved this way. A resolved article is found by the full name, counted
// under it in facets and shows it in its results and --show; it keeps a
// schema::kBareSurnamePrefix term, so a later run can undo or change the
// resolution: after each run every article naming a surname alone is resolved
// again if the run added, changed or removed an article with a person of that
// surname; --rebuild resolves them all.

#include "index_writer.h"

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace dateline::indexer {

// "The same period": a month either side of the article's publication day.
inline constexpr long kSurnamePeriodDays = 31;
// Stories (not articles: copies of one report are one story) that must name the full name.
inline constexpr std::size_t kSurnameEvidenceStories = 2;

struct SurnameResolution {
  std::uint64_t resolved = 0;    // articles whose surname now stands for a full name
  std::uint64_t unresolved = 0;  // articles whose surname stays alone (no one, or several people)
  std::uint64_t rewritten = 0;   // articles this call changed
};

// Resolves the articles naming one of `surnames` alone (surname keys, as
// common::surname_keys() gives them) against every shard's articles (one
// writer for a single database), writing the changed ones through their
// shard's writer. Throws DatabaseError.
SurnameResolution resolve_surnames(const std::vector<IndexWriter*>& shards, const std::set<std::string>& surnames);

// The same for every surname of the archive (after --rebuild).
SurnameResolution resolve_all_surnames(const std::vector<IndexWriter*>& shards);

}  // namespace dateline::indexer
