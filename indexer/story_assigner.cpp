#include "story_assigner.h"

#include "schema.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

namespace dateline::indexer {

// Thresholds chosen on tests/stories/ (scripts/eval-stories.py): pairwise
// precision >= 0.95 first, then as much recall as allowed. Consecutive days
// are not joined: the daily market report and the next day's are alike.
bool StoryAssigner::same_story(const Likeness& l) {
  const bool same_day = l.days_apart && *l.days_apart == 0;
  const bool undated = !l.days_apart;
  if (l.shingles >= 0.4 && (same_day || undated)) return true;
  if (same_day) {
    // Word likeness alone also joins the day's lookalikes, one company's results
    // and another's: the titles must share a word that few articles use.
    if (l.title_words == 0) return false;
    return (l.cosine >= 0.25 && l.entities >= 1) || l.cosine >= 0.5 || (l.rare_words >= 2 && l.cosine >= 0.15) ||
           (l.containment >= 0.7 && l.cosine >= 0.3) || (l.scarce_words >= 2 && l.cosine >= 0.4);
  }
  if (undated) {
    return (l.cosine >= 0.5 && (l.entities >= 3 || l.rare_words >= 3)) ||
           (l.cosine >= 0.45 && l.entities >= 3 && l.rare_words >= 3) ||
           (l.cosine >= 0.4 && l.entities >= 5 && l.very_rare_words >= 2);
  }
  return false;
}

namespace {

// The rarest words an article is looked up by, and how common a word may be to count as rare.
// Looking up more words finds more of a story and more false friends: 8 words gave pairwise
// precision 0.931 and recall 0.734 on tests/stories/, 6 give 0.951 and 0.691.
constexpr std::size_t kLookupTerms = 6;
constexpr double kMaxLookupShare = 0.05;
constexpr double kAlwaysRare = 50;  // articles: rare enough in any window, however small
constexpr std::size_t kMinSharedTerms = 2;
// An article joins two stories into one only when it is a near-copy of both: joining on
// looser likeness chains the day's price tables, one alike to the next, into one story.
constexpr double kBridgingShingles = 0.4;
// "Very rare", "rare" and "scarce" words, as shares of the window (at least 2, 3 and 5 articles).
constexpr double kVeryRareShare = 0.0002;
constexpr double kRareShare = 0.00063;
constexpr double kScarceShare = 0.0017;
// A title word two same-day articles share says they are one event when under 1 % of the window has it.
constexpr double kTitleWordShare = 0.01;
// Below this many articles in the window a word's share says little of how rare it is in
// the news (in 30 articles, every word of one story is "rare"): no word counts as rare.
constexpr std::size_t kMinWindowForRarity = 1000;

std::size_t shared_count(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
  std::size_t shared = 0;
  for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++shared;
      ++i;
      ++j;
    }
  }
  return shared;
}

}  // namespace

std::string StoryAssigner::story_id_for(const std::string& article_id) {
  char id[17];
  std::snprintf(id, sizeof id, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(article_id.data(), article_id.size())));
  return std::string(id, 12);
}

void StoryAssigner::load(const Xapian::Database& database) {
  const Xapian::docid last = database.get_lastdocid();
  const Xapian::docid first = last > window_ ? last - static_cast<Xapian::docid>(window_) + 1 : 1;
  auto profile = database.valuestream_begin(schema::kStoryProfileSlot);
  auto story = database.valuestream_begin(schema::kStorySlot);
  const auto profiles_end = database.valuestream_end(schema::kStoryProfileSlot);
  const auto stories_end = database.valuestream_end(schema::kStorySlot);
  if (profile == profiles_end || story == stories_end) return;
  profile.skip_to(first);
  for (; profile != profiles_end; ++profile) {
    story.skip_to(profile.get_docid());
    if (story == stories_end) break;
    if (story.get_docid() != profile.get_docid()) continue;
    if (auto decoded = StoryProfile::decode(*profile)) remember(std::move(*decoded), *story);
  }
}

std::string StoryAssigner::assign(const std::string& article_id, const StoryProfile& profile) {
  std::vector<std::pair<double, const Entry*>> joinable;
  std::vector<std::string> matched;
  const Weights weights = weigh(profile);
  std::vector<std::size_t> articles;
  for (const std::uint32_t term : profile.terms) articles.push_back(frequency(term));
  for (const std::uint64_t sequence : candidates(profile)) {
    const Entry* candidate = entry(sequence);
    if (candidate == nullptr) continue;
    const Likeness l = likeness(profile, weights, articles, *candidate);
    if (!same_story(l)) continue;
    if (l.shingles >= kBridgingShingles) matched.push_back(resolve(candidate->story));
    joinable.emplace_back(std::max(l.shingles, l.cosine), candidate);
  }
  const auto best = std::max_element(joinable.begin(), joinable.end(),
                                     [](const auto& a, const auto& b) { return a.first < b.first; });
  const std::string story = best != joinable.end() ? resolve(best->second->story) : story_id_for(article_id);
  for (const std::string& other : matched) {
    if (other != story) merged_[other] = story;
  }
  remember(profile, story);
  return story;
}

std::vector<std::pair<std::string, std::string>> StoryAssigner::merges() {
  std::vector<std::pair<std::string, std::string>> result;
  std::vector<std::string> from;
  for (const auto& [story, joined] : merged_) from.push_back(story);
  for (const std::string& story : from) result.emplace_back(story, resolve(story));
  std::sort(result.begin(), result.end());
  return result;
}

const std::string& StoryAssigner::resolve(const std::string& story) {
  auto it = merged_.find(story);
  if (it == merged_.end()) return story;
  const std::string& root = resolve(it->second);
  it->second = root;  // path compression
  return it->second;
}

const StoryAssigner::Entry* StoryAssigner::entry(std::uint64_t sequence) const {
  if (sequence < first_sequence_ || sequence - first_sequence_ >= entries_.size()) return nullptr;
  return &entries_[sequence - first_sequence_];
}

std::size_t StoryAssigner::frequency(std::uint32_t term) const {
  const auto found = document_frequency_.find(term);
  return found == document_frequency_.end() ? 0 : found->second;
}

double StoryAssigner::idf(std::uint32_t term) const {
  return std::log((static_cast<double>(entries_.size()) + 1) / (static_cast<double>(frequency(term)) + 1)) + 1;
}

// Articles sharing an LSH band, or two of this one's rarest words.
std::vector<std::uint64_t> StoryAssigner::candidates(const StoryProfile& profile) const {
  std::vector<std::uint64_t> found;
  if (profile.has_shingles) {
    for (std::size_t band = 0; band < StoryProfile::kBands; ++band) {
      if (const auto postings = by_band_.find(profile.band_key(band)); postings != by_band_.end()) {
        found.insert(found.end(), postings->second.begin(), postings->second.end());
      }
    }
  }
  std::vector<std::uint32_t> rare = profile.terms;
  std::sort(rare.begin(), rare.end(), [&](std::uint32_t a, std::uint32_t b) { return frequency(a) < frequency(b); });
  const double max_postings = std::max(kAlwaysRare, kMaxLookupShare * static_cast<double>(entries_.size()));
  // Words no other article has cannot find one: the rarest of the others.
  std::unordered_map<std::uint64_t, std::size_t> shared;
  std::size_t looked_up = 0;
  for (std::size_t i = 0; i < rare.size() && looked_up < kLookupTerms; ++i) {
    const auto postings = by_term_.find(rare[i]);
    if (postings == by_term_.end()) continue;
    if (static_cast<double>(frequency(rare[i])) > max_postings) break;
    ++looked_up;
    for (const std::uint64_t sequence : postings->second) ++shared[sequence];
  }
  for (const auto& [sequence, count] : shared) {
    if (count >= kMinSharedTerms) found.push_back(sequence);
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

StoryAssigner::Weights StoryAssigner::weigh(const StoryProfile& profile) const {
  Weights weights;
  for (const std::uint32_t term : profile.terms) {
    const double weight = idf(term);
    weights.idf.push_back(weight);
    weights.squares += weight * weight;
    weights.sum += weight;
  }
  return weights;
}

StoryAssigner::Likeness StoryAssigner::likeness(const StoryProfile& profile, const Weights& weights,
                                                const std::vector<std::size_t>& articles, const Entry& other) const {
  Likeness l;
  if (profile.day && other.profile.day) l.days_apart = std::labs(*profile.day - *other.profile.day);
  l.shingles = profile.shingle_similarity(other.profile);
  l.entities = shared_count(profile.entities, other.profile.entities);
  const double window = static_cast<double>(entries_.size());
  const bool knows_rarity = entries_.size() >= kMinWindowForRarity;
  const double very_rare = knows_rarity ? std::max(2.0, kVeryRareShare * window) : 0;
  const double rare = knows_rarity ? std::max(3.0, kRareShare * window) : 0;
  const double scarce = knows_rarity ? std::max(5.0, kScarceShare * window) : 0;
  const double title_word = std::max(5.0, kTitleWordShare * window);
  double dot = 0;
  double shared = 0;
  for (std::size_t i = 0; i < profile.terms.size(); ++i) {
    const auto& theirs = other.profile.terms;
    const auto found = std::find(theirs.begin(), theirs.end(), profile.terms[i]);
    if (found == theirs.end()) continue;
    const double their_weight = other.weights.idf[static_cast<std::size_t>(found - theirs.begin())];
    dot += weights.idf[i] * their_weight;
    shared += std::min(weights.idf[i], their_weight);
    const auto with_term = static_cast<double>(articles[i]);
    l.very_rare_words += with_term <= very_rare;
    l.rare_words += with_term <= rare;
    l.scarce_words += with_term <= scarce;
    const bool in_both_titles =
        i < profile.title_terms && static_cast<std::size_t>(found - theirs.begin()) < other.profile.title_terms;
    l.title_words += in_both_titles && (!knows_rarity || with_term <= title_word);
  }
  if (weights.squares > 0 && other.weights.squares > 0)
    l.cosine = dot / std::sqrt(weights.squares * other.weights.squares);
  const double smaller = std::min(weights.sum, other.weights.sum);
  if (smaller > 0) l.containment = shared / smaller;
  return l;
}

void StoryAssigner::remember(StoryProfile profile, std::string story) {
  if (entries_.size() >= window_) forget_oldest();
  const std::uint64_t sequence = first_sequence_ + entries_.size();
  if (profile.has_shingles) {
    for (std::size_t band = 0; band < StoryProfile::kBands; ++band)
      by_band_[profile.band_key(band)].push_back(sequence);
  }
  // A word in more than kMaxLookupShare of the window is never looked up: its postings stop growing.
  const double max_postings = std::max(kAlwaysRare, kMaxLookupShare * static_cast<double>(window_));
  for (const std::uint32_t term : profile.terms) {
    ++document_frequency_[term];
    auto& postings = by_term_[term];
    if (static_cast<double>(postings.size()) < max_postings) postings.push_back(sequence);
  }
  Weights weights = weigh(profile);
  entries_.push_back({std::move(profile), std::move(story), std::move(weights)});
}

void StoryAssigner::forget_oldest() {
  const Entry& oldest = entries_.front();
  const auto drop = [&](auto& index, auto key) {
    const auto postings = index.find(key);
    if (postings == index.end()) return;
    auto& list = postings->second;
    if (!list.empty() && list.front() == first_sequence_) list.erase(list.begin());
    if (list.empty()) index.erase(postings);
  };
  if (oldest.profile.has_shingles) {
    for (std::size_t band = 0; band < StoryProfile::kBands; ++band) drop(by_band_, oldest.profile.band_key(band));
  }
  for (const std::uint32_t term : oldest.profile.terms) {
    drop(by_term_, term);
    if (const auto count = document_frequency_.find(term); count != document_frequency_.end() && --count->second == 0) {
      document_frequency_.erase(count);
    }
  }
  entries_.pop_front();
  ++first_sequence_;
}

}  // namespace dateline::indexer
