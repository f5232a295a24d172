#include "story_profile.h"

#include "analysis.h"
#include "person_names.h"
#include "schema.h"
#include "text_utils.h"

#include <xxhash.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <limits>
#include <unordered_set>

namespace dateline::indexer {
namespace {

constexpr std::uint8_t kFormat = 2;
constexpr std::size_t kShingleWords = 4;

std::uint32_t hash32(std::string_view text) {
  return static_cast<std::uint32_t>(XXH3_64bits(text.data(), text.size()));
}

// SplitMix64's finaliser: one of kMinHashes independent hash functions per seed.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Hashes of the text's words: runs of letters and digits, ASCII lower-cased
// (other bytes are kept: they are parts of words in UTF-8).
std::vector<std::uint64_t> word_hashes(std::string_view text) {
  std::vector<std::uint64_t> hashes;
  std::string word;
  const auto flush = [&] {
    if (!word.empty()) hashes.push_back(XXH3_64bits(word.data(), word.size()));
    word.clear();
  };
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || byte >= 0x80) {
      word += static_cast<char>(std::tolower(byte));
    } else {
      flush();
    }
  }
  flush();
  return hashes;
}

void compute_minhash(const common::Article& article, StoryProfile& profile) {
  const std::vector<std::uint64_t> words = word_hashes(article.title + "\n" + article.body);
  if (words.size() < kShingleWords + StoryProfile::kMinShingles) return;
  std::array<std::uint64_t, StoryProfile::kMinHashes> minimum;
  minimum.fill(std::numeric_limits<std::uint64_t>::max());
  for (std::size_t i = 0; i + kShingleWords <= words.size(); ++i) {
    std::uint64_t shingle = 0;
    for (std::size_t k = 0; k < kShingleWords; ++k) shingle = mix(shingle ^ words[i + k]);
    for (std::size_t h = 0; h < StoryProfile::kMinHashes; ++h) {
      minimum[h] = std::min(minimum[h], mix(shingle ^ (0x51ed270b27dULL * (h + 1))));
    }
  }
  for (std::size_t h = 0; h < StoryProfile::kMinHashes; ++h)
    profile.minhash[h] = static_cast<std::uint16_t>(minimum[h]);  // b-bit MinHash: the low bits (Li and König, 2010)
  profile.has_shingles = true;
}

// Stems of stop words: indexed (phrases need them), never distinctive.
const std::unordered_set<std::string>& stop_word_stems() {
  static const std::unordered_set<std::string> stems = [] {
    std::unordered_set<std::string> result;
    Xapian::Stem stemmer = common::english_stemmer();
    for (const std::string& word : common::english_stop_words()) result.insert("Z" + stemmer(word));
    return result;
  }();
  return stems;
}

// The title's stemmed words first (they name the event: "NORANDA MINE FIRE"),
// then the text's most frequent ones.
void collect_terms(const Xapian::Document& document, StoryProfile& profile) {
  std::vector<std::string> title;
  std::vector<std::pair<Xapian::termcount, std::string>> text;
  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
    const std::string& name = *term;
    if (name.size() < 3 || name[0] != 'Z') continue;
    if (std::any_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) continue;
    const bool in_title = name.compare(1, schema::kTitlePrefix.size(), schema::kTitlePrefix) == 0;
    const std::string stem = in_title ? "Z" + name.substr(1 + schema::kTitlePrefix.size()) : name;
    if (!in_title && name[1] >= 'A' && name[1] <= 'Z') continue;  // stems of other fields
    if (stop_word_stems().count(stem) > 0) continue;
    if (in_title) {
      title.push_back(stem);
    } else {
      text.emplace_back(term.get_wdf(), stem);
    }
  }
  std::sort(text.begin(), text.end(), [](const auto& a, const auto& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
  });
  std::unordered_set<std::uint32_t> kept;
  const auto keep = [&](const std::string& stem) {
    const std::uint32_t hash = hash32(stem);
    if (profile.terms.size() < StoryProfile::kTerms && kept.insert(hash).second) profile.terms.push_back(hash);
  };
  for (const std::string& stem : title) keep(stem);
  profile.title_terms = static_cast<std::uint8_t>(profile.terms.size());
  for (const auto& [wdf, stem] : text) keep(stem);
}

void collect_entities(const common::Article& article, StoryProfile& profile) {
  for (const std::string& person : article.people) profile.entities.push_back(hash32("p" + common::person_key(person)));
  for (const std::string& place : article.places) profile.entities.push_back(hash32("l" + common::fold_key(place)));
  if (profile.entities.size() > StoryProfile::kEntities) profile.entities.resize(StoryProfile::kEntities);
  std::sort(profile.entities.begin(), profile.entities.end());
  profile.entities.erase(std::unique(profile.entities.begin(), profile.entities.end()), profile.entities.end());
}

template <typename T>
void put(std::string& out, T value) {
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

template <typename T>
bool get(std::string_view& in, T& value) {
  if (in.size() < sizeof(T)) return false;
  std::memcpy(&value, in.data(), sizeof(T));
  in.remove_prefix(sizeof(T));
  return true;
}

}  // namespace

std::uint64_t StoryProfile::band_key(std::size_t band) const {
  constexpr std::size_t kRows = kMinHashes / kBands;
  std::uint64_t key = band;
  for (std::size_t row = 0; row < kRows; ++row) key = (key << 16) ^ minhash[band * kRows + row];
  return mix(key);
}

double StoryProfile::shingle_similarity(const StoryProfile& other) const {
  if (!has_shingles || !other.has_shingles) return 0;
  std::size_t equal = 0;
  for (std::size_t h = 0; h < kMinHashes; ++h) equal += minhash[h] == other.minhash[h];
  return static_cast<double>(equal) / kMinHashes;
}

std::string StoryProfile::encode() const {
  std::string out;
  put<std::uint8_t>(out, kFormat);
  put<std::uint8_t>(out, has_shingles);
  if (has_shingles) {
    for (const std::uint16_t value : minhash) put(out, value);
  }
  put<std::int32_t>(out, day ? static_cast<std::int32_t>(*day) : std::numeric_limits<std::int32_t>::min());
  put(out, source);
  put<std::uint8_t>(out, static_cast<std::uint8_t>(terms.size()));
  put<std::uint8_t>(out, title_terms);
  for (const std::uint32_t term : terms) put(out, term);
  put<std::uint8_t>(out, static_cast<std::uint8_t>(entities.size()));
  for (const std::uint32_t entity : entities) put(out, entity);
  return out;
}

std::optional<StoryProfile> StoryProfile::decode(std::string_view in) {
  StoryProfile profile;
  std::uint8_t format = 0;
  std::uint8_t shingles = 0;
  if (!get(in, format) || format != kFormat || !get(in, shingles)) return std::nullopt;
  profile.has_shingles = shingles != 0;
  if (profile.has_shingles) {
    for (std::uint16_t& value : profile.minhash) {
      if (!get(in, value)) return std::nullopt;
    }
  }
  std::int32_t day = 0;
  std::uint8_t count = 0;
  if (!get(in, day) || !get(in, profile.source) || !get(in, count) || !get(in, profile.title_terms) ||
      profile.title_terms > count) {
    return std::nullopt;
  }
  if (day != std::numeric_limits<std::int32_t>::min()) profile.day = day;
  profile.terms.resize(count);
  for (std::uint32_t& term : profile.terms) {
    if (!get(in, term)) return std::nullopt;
  }
  if (!get(in, count)) return std::nullopt;
  profile.entities.resize(count);
  for (std::uint32_t& entity : profile.entities) {
    if (!get(in, entity)) return std::nullopt;
  }
  if (!in.empty()) return std::nullopt;
  return profile;
}

StoryProfile make_story_profile(const common::Article& article, const Xapian::Document& document) {
  StoryProfile profile;
  compute_minhash(article, profile);
  collect_terms(document, profile);
  collect_entities(article, profile);
  if (article.published) profile.day = common::days_since_epoch(common::first_day(*article.published));
  if (!article.source.empty()) profile.source = hash32(common::fold_key(article.source));
  return profile;
}

}  // namespace dateline::indexer
