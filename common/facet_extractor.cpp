#include "facet_extractor.h"

#include "date_extractor.h"
#include "gazetteer.h"
#include "person_extractor.h"
#include "person_names.h"
#include "place_extractor.h"
#include "text_utils.h"
#include "tokenizer.h"
#include "word_lists.h"

#include <unordered_set>

namespace dateline::common {
namespace {

// Keeps the first of values that share a key.
template <typename KeyOf>
std::vector<std::string> unique_by(std::vector<std::string> values, KeyOf key_of) {
  std::unordered_set<std::string> seen;
  std::vector<std::string> kept;
  for (std::string& value : values) {
    if (value.empty()) continue;
    if (seen.insert(key_of(value)).second) kept.push_back(std::move(value));
  }
  return kept;
}

}  // namespace

FacetExtractor::FacetExtractor() {
  Gazetteer::instance();
  first_names();
  person_titles();
  name_stoppers();
  common_words();
  name_variants();
}

void FacetExtractor::complete(Article& article) const {
  const std::vector<Token> body = tokenize(article.body);
  PeopleFound people;
  if (article.explicit_people) {
    for (std::string& person : article.people) person = person_name_from_metadata(person);
  } else {
    people = extract_people(body);
    article.people = people.people;
  }
  article.people = unique_by(std::move(article.people), [](const std::string& name) { return person_full_key(name); });

  if (article.explicit_places) {
    for (std::string& place : article.places) place = place_name_from_metadata(place);
  } else {
    article.places = extract_places(body, tokenize_headline(article.title), people);
  }
  article.places = unique_by(std::move(article.places), [](const std::string& name) { return fold_key(name); });
  for (std::string& topic : article.topics) topic = topic_display_name(topic);
  article.topics = unique_by(std::move(article.topics), [](const std::string& topic) { return fold_key(topic); });
  article.mentioned_dates = extract_dates(body, article.published);
}

}  // namespace dateline::common
