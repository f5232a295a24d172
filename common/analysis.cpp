#include "analysis.h"

#include "embedded_data.h"
#include "schema.h"
#include "text_utils.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace dateline::common {
namespace {

// Snowball stemming is the largest cost of term generation and of
// MSet::snippet, which stems every word of the text; news repeats its words,
// so a memo answers most of them. Bounded: cleared when it grows too large.
class MemoizedStemmer : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override {
    const auto known = memo_.find(word);
    if (known != memo_.end()) return known->second;
    if (memo_.size() >= kMaxWords) memo_.clear();
    return memo_.emplace(word, snowball_(word)).first->second;
  }
  std::string get_description() const override { return "memoized " + snowball_.get_description(); }

 private:
  static constexpr std::size_t kMaxWords = 200000;
  Xapian::Stem snowball_{"english"};
  std::unordered_map<std::string, std::string> memo_;
};

}  // namespace

Xapian::Stem english_stemmer() { return Xapian::Stem(new MemoizedStemmer); }

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
  for (const auto& field : schema::kQueryFields) {
    if (field.kind == schema::FieldKind::kFreeText)
      parser.add_prefix(std::string(field.name), std::string(field.prefix));
  }
}

}  // namespace dateline::common
