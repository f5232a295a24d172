#pragma once
// What the story assigner compares articles by (story_assigner.h), computed
// for each article by the indexing workers and kept in the document
// (schema::kStoryProfileSlot) so later runs can compare new articles with it:
//   - a MinHash signature of the text's word 4-shingles: the fraction of equal
//     entries estimates the Jaccard similarity of two texts' shingle sets
//     (Broder, "On the resemblance and containment of documents", 1997), and
//     its bands are the keys of locality-sensitive hashing (Indyk and Motwani,
//     1998): near-duplicates share a band with high probability;
//   - the article's most frequent stemmed words (hashed), for a TF-IDF cosine;
//   - the people and places it names (hashed keys), its day and source.

#include "article.h"

#include <xapian.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::indexer {

struct StoryProfile {
  // 16 bands of 3 rows: texts whose shingle sets are half the same share a
  // band with probability 0.88, a quarter the same 0.23 (1 - (1 - J^3)^16).
  static constexpr std::size_t kMinHashes = 48;
  static constexpr std::size_t kBands = 16;
  static constexpr std::size_t kTerms = 32;        // stemmed words kept: the title's, then the most frequent
  static constexpr std::size_t kEntities = 12;     // people and places kept
  static constexpr std::size_t kMinShingles = 12;  // fewer: no signature (a flash, a headline)

  std::array<std::uint16_t, kMinHashes> minhash{};  // 16 bits each: a chance equality costs 1/65536
  bool has_shingles = false;
  std::vector<std::uint32_t> terms;     // hashes of the title's stemmed words, then the text's most frequent
  std::uint8_t title_terms = 0;         // how many of `terms` come from the title
  std::vector<std::uint32_t> entities;  // hashes of person_key()s and place keys, sorted
  std::optional<long> day;              // publication day, days since 1970-01-01
  std::uint32_t source = 0;             // hash of the folded source, 0 when unknown

  // The key of LSH band `band` (0 .. kBands-1).
  std::uint64_t band_key(std::size_t band) const;
  // The estimated Jaccard similarity of two texts' shingle sets, 0..1.
  double shingle_similarity(const StoryProfile& other) const;

  // A compact binary form for a value slot; decode() returns nullopt for anything else.
  std::string encode() const;
  static std::optional<StoryProfile> decode(std::string_view bytes);
};

// The profile of `article` as indexed in `document` (its stemmed terms).
StoryProfile make_story_profile(const common::Article& article, const Xapian::Document& document);

}  // namespace dateline::indexer
