#pragma once
// Assigns every article to a story as it is indexed: the same event told
// again, by a wire copy, a correction, an update, or another outlet.
//
// Candidates come from a window of the most recently indexed articles, by
// locality-sensitive hashing of their MinHash signatures (near-duplicates)
// and by their rarest words (the same event in other words); a candidate is
// the same story (same_story() in the .cpp has the thresholds, measured on
// tests/stories/) when
//   - published the same day, or undated: their texts are near-duplicates
//     (shingle Jaccard similarity >= 0.4);
//   - published the same day: their titles share a word that under 1 % of
//     the window uses, and their words are alike (a TF-IDF cosine over their
//     title words and most frequent words, idf from the window), less alike
//     when they name the same people or places or share rare words, or one's
//     words are contained in the other's (a flash and its report);
//   - undated: their words are alike and they name three people or places
//     in common, or share three rare words; less alike when they name five
//     people and places in common and share two very rare words.
// An article joins the story of its best match, else starts a story whose id
// is made from the article's id. An article that is a near-duplicate of
// articles in two stories joins them: the other story's articles take the
// best match's id (merges(), which the indexer writes at the end of the run);
// looser likeness never joins stories, or a day's price tables would chain
// into one. Re-running the same input keeps every id. Memory is bounded by
// the window (kWindow articles), not the archive.

#include "story_profile.h"

#include <xapian.h>

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace dateline::indexer {

class StoryAssigner {
 public:
  // Articles a new one is compared with: at the pace of a national news
  // agency, several weeks. About 300 bytes each.
  static constexpr std::size_t kWindow = 50000;

  explicit StoryAssigner(std::size_t window = kWindow) : window_(window) {}

  // Fills the window with the most recently indexed articles of `database`
  // (their profiles and stories, schema::kStoryProfileSlot and kStorySlot).
  void load(const Xapian::Database& database);

  // The story of an article about to be written (its id and profile); the
  // article joins the window. Story ids are 12 lower-case hex digits.
  std::string assign(const std::string& article_id, const StoryProfile& profile);

  // Stories joined by this run's articles: {old id, the id its articles now take}.
  std::vector<std::pair<std::string, std::string>> merges();

  // A story id for an article that starts one.
  static std::string story_id_for(const std::string& article_id);

 private:
  // An article's words weighed by idf, and the norms of the weights.
  struct Weights {
    std::vector<double> idf;  // of each of profile.terms
    double squares = 0;       // sum of squared weights
    double sum = 0;           // sum of weights
  };
  struct Entry {
    StoryProfile profile;
    std::string story;
    Weights weights;  // idf as the window was when the article joined it
  };
  // What two articles have in common (same_story() decides).
  struct Likeness {
    std::optional<long> days_apart;
    double shingles = 0;              // estimated Jaccard similarity of the shingle sets
    double cosine = 0;                // TF-IDF cosine of the word sets
    double containment = 0;           // idf-weighted share of the smaller word set in the larger
    std::size_t entities = 0;         // people and places in common
    std::size_t very_rare_words = 0;  // words in common that are in about 0.02 % of the window
    std::size_t rare_words = 0;       // ... in about 0.06 %
    std::size_t scarce_words = 0;     // ... in about 0.17 %
    std::size_t title_words = 0;      // words of both titles in common, in under 1 % of the window
  };

  static bool same_story(const Likeness& likeness);
  void remember(StoryProfile profile, std::string story);
  void forget_oldest();
  std::vector<std::uint64_t> candidates(const StoryProfile& profile) const;
  Weights weigh(const StoryProfile& profile) const;
  // `articles`: how many window articles have each of profile.terms (frequency()), looked up once an article.
  Likeness likeness(const StoryProfile& profile, const Weights& weights, const std::vector<std::size_t>& articles,
                    const Entry& other) const;
  double idf(std::uint32_t term) const;
  std::size_t frequency(std::uint32_t term) const;
  const Entry* entry(std::uint64_t sequence) const;
  const std::string& resolve(const std::string& story);

  std::size_t window_;
  std::deque<Entry> entries_;                                              // oldest first
  std::uint64_t first_sequence_ = 0;                                       // sequence number of entries_.front()
  std::unordered_map<std::uint64_t, std::vector<std::uint64_t>> by_band_;  // LSH band key -> entry sequence numbers
  std::unordered_map<std::uint32_t, std::vector<std::uint64_t>> by_term_;  // word hash -> entry sequence numbers
  std::unordered_map<std::uint32_t, std::uint32_t> document_frequency_;    // word hash -> window articles with it
  std::unordered_map<std::string, std::string> merged_;                    // story id -> the story it joined
};

}  // namespace dateline::indexer
