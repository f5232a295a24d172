#include "analysis.h"

#include "embedded_data.h"
#include "schema.h"
#include "text_utils.h"

#include <string>
#include <vector>

namespace dateline::common {

Xapian::Stem english_stemmer() { return Xapian::Stem("english"); }

namespace {

std::vector<std::string> stop_words() {
  std::vector<std::string> words;
  for (const std::string& line : split(embedded::stopwords(), '\n')) {
    const std::string_view word = trim(line);
    if (!word.empty() && word.front() != '#') words.emplace_back(word);
  }
  return words;
}

}  // namespace

const Xapian::Stopper& english_stopper() {
  static const std::vector<std::string> words = stop_words();
  static const Xapian::SimpleStopper stopper(words.begin(), words.end());
  return stopper;
}

void configure_term_generator(Xapian::TermGenerator& generator) {
  generator.set_stemmer(english_stemmer());
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
}

void configure_query_parser(Xapian::QueryParser& parser) {
  parser.set_stemmer(english_stemmer());
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_stopper(&english_stopper());
  parser.set_default_op(Xapian::Query::OP_AND);
  for (const auto& field : schema::kFreeTextFields) {
    parser.add_prefix(std::string(field.name), std::string(field.prefix));
  }
}

}  // namespace dateline::common
