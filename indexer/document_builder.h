#pragma once
// Turns a completed article into the Xapian document the schema describes:
// positional title and body terms, boolean facet terms, sortable and countable
// values, and the compressed article as the document data.

#include "analysis.h"
#include "article.h"
#include "story_profile.h"

#include <xapian.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dateline::indexer {

struct IndexedArticle {
  Xapian::Document document;  // data set by compress_stored() unless build() had the codec
  std::string stored_json;    // the article to store, until compressed into the document's data
  std::string id;
  std::string id_term;
  std::vector<std::string> spelling_words;                    // distinct unstemmed words, for "did you mean"
  std::vector<std::string> name_words;                        // words of the people's and places' names, likewise
  std::vector<std::pair<std::string, std::string>> synonyms;  // {folded word, accented term}: common::accent_synonyms
  StoryProfile story_profile;                                 // also in the document (schema::kStoryProfileSlot)
};

// The terms a person is found by: person_key() and person_full_key() under
// schema::kPersonPrefix, and each surname key under schema::kSurnamePrefix.
std::vector<std::string> person_terms(const std::string& person);

// An unprefixed term worth keeping for "did you mean": no digits, at most 30 bytes.
bool is_spelling_word(std::string_view term);

// Lower-case words of facet names worth suggesting: "Bashar al-Assad" -> bashar, al-assad.
std::vector<std::string> name_spelling_words(const std::vector<std::string>& names);

// Hash of everything the input said about an article, taken before extraction,
// so re-running on unchanged input can skip the article cheaply: 16 bytes.
std::string content_hash(const common::Article& article);

// Moves the article's JSON into the document's data, compressed.
void compress_stored(IndexedArticle& article, const common::StoredCodec& codec);

// Not thread-safe: use one builder per thread.
class DocumentBuilder {
 public:
  DocumentBuilder();
  // Compresses the stored article with `codec` when given (the database's
  // dictionary may not exist yet: see compress_stored()).
  IndexedArticle build(const common::Article& article, const std::string& hash, const common::StoredCodec* codec);

 private:
  void add_accent_synonyms(const std::string& term, std::vector<std::pair<std::string, std::string>>& synonyms);

  Xapian::TermGenerator generator_;
  Xapian::Stem stemmer_ = common::english_stemmer();
};

}  // namespace dateline::indexer
