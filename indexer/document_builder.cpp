#include "document_builder.h"

#include "analysis.h"
#include "person_names.h"
#include "schema.h"
#include "text_utils.h"
#include "word_lists.h"

#include <xxhash.h>

#include <algorithm>
#include <unordered_map>

namespace dateline::indexer {
namespace {

// Bump when extraction or document building changes, so that unchanged input
// indexed by an older version is indexed again.
constexpr int kContentHashVersion = 1;

// Titles count this many times a body occurrence, so a title match ranks first.
constexpr Xapian::termcount kTitleWeight = 3;
// Positions left between fields, so a phrase never spans title and body.
constexpr Xapian::termpos kFieldGap = 100;
constexpr std::size_t kMaxSpellingWordBytes = 30;

using common::Article;
using common::fold_key;

void hash_field(XXH3_state_t* state, std::string_view field) {
  const std::uint64_t size = field.size();
  XXH3_128bits_update(state, &size, sizeof size);
  XXH3_128bits_update(state, field.data(), field.size());
}

void add_facet_terms(Xapian::Document& document, std::string_view prefix, const std::vector<std::string>& values) {
  for (const std::string& value : values) document.add_boolean_term(schema::term(prefix, fold_key(value)));
}

// A one-word name whose surname no other person of the article has: a surname
// alone, which another article may tell the full name of.
void add_bare_surname_terms(Xapian::Document& document, const std::vector<std::string>& people) {
  std::unordered_map<std::string, int> people_by_surname;
  for (const std::string& person : people) {
    for (const std::string& surname : common::surname_keys(person)) ++people_by_surname[surname];
  }
  for (const std::string& person : people) {
    if (common::name_words(person).size() != 1) continue;
    const std::string surname = common::surname_keys(person).front();
    if (people_by_surname[surname] == 1) {
      document.add_boolean_term(schema::term(schema::kBareSurnamePrefix, surname + schema::kSurnameSeparator + person));
    }
  }
}

// A topic is found by its name, and a Reuters topic also by its code and the parts of its name.
void add_topic_terms(Xapian::Document& document, const std::vector<std::string>& topics) {
  for (const std::string& topic : topics) {
    for (const std::string& key : common::topic_keys(topic)) {
      document.add_boolean_term(schema::term(schema::kTopicPrefix, key));
    }
  }
}

// "2015-03-02" is also a mention of "2015-03" and "2015", so coarser filters find it.
void add_mentioned_date_terms(Xapian::Document& document, const std::vector<std::string>& dates) {
  for (const std::string& iso : dates) {
    if (const auto date = common::parse_iso_date(iso)) {
      for (const std::string& term : schema::date_terms(schema::kMentionedDatePrefix, *date))
        document.add_boolean_term(term);
    }
  }
}

}  // namespace

std::vector<std::string> person_terms(const std::string& person) {
  const std::string key = common::person_key(person);
  std::vector<std::string> terms{schema::term(schema::kPersonPrefix, key)};
  if (const std::string initials = common::person_initials(person); !initials.empty()) {
    terms.push_back(schema::term(schema::kPersonPrefix, initials));
  }
  for (const std::string& surname : common::surname_keys(person)) {
    terms.push_back(schema::term(schema::kSurnamePrefix, surname + schema::kSurnameSeparator + key));
  }
  return terms;
}

bool is_spelling_word(std::string_view term) {
  if (term.empty() || term.size() > kMaxSpellingWordBytes || schema::is_prefixed(term)) return false;
  for (char c : term) {
    if (c >= '0' && c <= '9') return false;
  }
  return true;
}

std::vector<std::string> name_spelling_words(const std::vector<std::string>& names) {
  std::vector<std::string> words;
  for (const std::string& name : names) {
    for (const std::string& word : common::name_words(common::to_lower(name))) {
      if (word.size() >= 3 && is_spelling_word(word)) words.push_back(word);
    }
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

std::string content_hash(const Article& article) {
  XXH3_state_t* state = XXH3_createState();
  XXH3_128bits_reset(state);
  const int version = kContentHashVersion * 1000 + schema::kVersion;
  XXH3_128bits_update(state, &version, sizeof version);
  for (std::string_view field :
       {std::string_view(article.id), std::string_view(article.title), std::string_view(article.body),
        std::string_view(article.dateline), std::string_view(article.source), std::string_view(article.url),
        std::string_view(article.source_file)}) {
    hash_field(state, field);
  }
  hash_field(state, article.published ? article.published->iso() : std::string());
  for (const auto* list :
       {&article.authors, &article.people, &article.places, &article.topics, &article.organisations}) {
    hash_field(state, schema::join_list(*list));
  }
  hash_field(state, std::string(1, static_cast<char>('0' + article.explicit_people * 2 + article.explicit_places)));
  // Only when set, so that the articles of inputs without languages keep the hashes they had.
  if (!article.language.empty()) hash_field(state, article.language);
  XXH128_canonical_t digest;
  XXH128_canonicalFromHash(&digest, XXH3_128bits_digest(state));
  XXH3_freeState(state);
  return std::string(reinterpret_cast<const char*>(digest.digest), sizeof digest.digest);
}

void compress_stored(IndexedArticle& article, const common::StoredCodec& codec) {
  article.document.set_data(codec.compress(article.stored_json));
  article.stored_json = std::string();
}

DocumentBuilder::DocumentBuilder() { common::configure_term_generator(generator_); }

void DocumentBuilder::add_accent_synonyms(const std::string& term,
                                          std::vector<std::pair<std::string, std::string>>& synonyms) {
  std::string_view prefix;
  if (term.rfind(schema::kTitlePrefix, 0) == 0) {
    prefix = schema::kTitlePrefix;
  } else if (schema::is_prefixed(term)) {
    return;  // stems ("Z...") and facet terms
  }
  for (auto& synonym : common::accent_synonyms(prefix, std::string_view(term).substr(prefix.size()), stemmer_)) {
    synonyms.push_back(std::move(synonym));
  }
}

IndexedArticle DocumentBuilder::build(const Article& article, const std::string& hash,
                                      const common::StoredCodec* codec) {
  IndexedArticle indexed;
  indexed.id = article.id;
  indexed.id_term = schema::term(schema::kIdPrefix, article.id);
  Xapian::Document& document = indexed.document;
  generator_.set_document(document);
  const std::string title = common::without_possessives(article.title);
  generator_.index_text(title, 1, std::string(schema::kTitlePrefix));
  generator_.increase_termpos(kFieldGap);
  generator_.index_text(title, kTitleWeight);
  generator_.increase_termpos(kFieldGap);
  generator_.index_text(common::without_possessives(article.dateline));
  generator_.increase_termpos(kFieldGap);
  generator_.index_text(common::without_possessives(article.body));
  // Xapian::Document handles share their contents with a reference count that
  // is not atomic: the generator must let go of this document before another
  // thread (the writer) takes it, or the two threads' copies race (a crash
  // inside replace_document, about one run in 40 of the kill -9 test).
  generator_.set_document(Xapian::Document());

  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
    if (is_spelling_word(*term)) indexed.spelling_words.push_back(*term);
    add_accent_synonyms(*term, indexed.synonyms);
  }

  std::vector<std::string> names = article.people;
  names.insert(names.end(), article.places.begin(), article.places.end());
  indexed.name_words = name_spelling_words(names);

  document.add_boolean_term(indexed.id_term);
  for (const std::string& person : article.people) {
    for (const std::string& term : person_terms(person)) document.add_boolean_term(term);
  }
  add_bare_surname_terms(document, article.people);
  add_facet_terms(document, schema::kPlacePrefix, article.places);
  add_topic_terms(document, article.topics);
  add_facet_terms(document, schema::kOrganisationPrefix, article.organisations);
  add_facet_terms(document, schema::kAuthorPrefix, article.authors);
  if (!article.source.empty()) add_facet_terms(document, schema::kSourcePrefix, {article.source});
  add_mentioned_date_terms(document, article.mentioned_dates);
  document.add_boolean_term(schema::term(schema::kSourceFilePrefix, article.source_file));

  // A date known to the month or year sorts and filters as its first day.
  if (article.published) {
    const common::Date day = common::first_day(*article.published);
    document.add_value(schema::kPublishedSlot, schema::date_key(day));
    for (const std::string& term : schema::date_terms(schema::kPublishedPrefix, day)) document.add_boolean_term(term);
  }
  if (!article.people.empty()) document.add_value(schema::kPeopleSlot, schema::join_list(article.people));
  if (!article.places.empty()) document.add_value(schema::kPlacesSlot, schema::join_list(article.places));
  if (!article.topics.empty()) document.add_value(schema::kTopicsSlot, schema::join_list(article.topics));
  if (!article.source.empty()) document.add_value(schema::kSourceSlot, article.source);
  document.add_value(schema::kContentHashSlot, hash);
  indexed.story_profile = make_story_profile(article, document);
  document.add_value(schema::kStoryProfileSlot, indexed.story_profile.encode());
  indexed.stored_json = common::stored_json(article);
  if (codec != nullptr) compress_stored(indexed, *codec);
  return indexed;
}

}  // namespace dateline::indexer
