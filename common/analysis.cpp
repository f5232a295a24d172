#include "analysis.h"

#include "embedded_data.h"
#include "schema.h"
#include "text_utils.h"

#include <cctype>

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

const std::vector<std::string>& english_stop_words() {
  static const std::vector<std::string> words = stop_words();
  return words;
}

const Xapian::Stopper& english_stopper() {
  static const Xapian::SimpleStopper stopper(english_stop_words().begin(), english_stop_words().end());
  return stopper;
}

void configure_term_generator(Xapian::TermGenerator& generator) {
  generator.set_stemmer(english_stemmer());
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  // Chinese, Japanese and Korean have no spaces between words: Xapian indexes
  // their characters and the pairs of them (n-grams), so a word inside a run
  // of them is found (../shared/cases 10).
  generator.set_flags(Xapian::TermGenerator::FLAG_CJK_NGRAM);
}

void configure_query_parser(Xapian::QueryParser& parser) {
  parser.set_stemmer(english_stemmer());
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_stopper(&english_stopper());
  parser.set_default_op(Xapian::Query::OP_OR);
  for (const auto& field : schema::kQueryFields) {
    if (field.kind == schema::FieldKind::kFreeText)
      parser.add_prefix(std::string(field.name), std::string(field.prefix));
  }
}

namespace {

bool is_apostrophe_at(std::string_view text, std::size_t at, std::size_t& length) {
  if (text.compare(at, 1, "'") == 0) {
    length = 1;
    return true;
  }
  if (text.compare(at, 3, "\xE2\x80\x99") == 0) {  // U+2019, the typographic apostrophe
    length = 3;
    return true;
  }
  return false;
}

bool is_word_byte(char c) { return (c & 0x80) != 0 || std::isalnum(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::string without_possessives(std::string_view text) {
  std::string out(text);
  for (std::size_t at = 1; at < out.size(); ++at) {
    std::size_t length = 0;
    if (!is_word_byte(out[at - 1]) || !is_apostrophe_at(out, at, length)) continue;
    const std::size_t s = at + length;
    if (s < out.size() && (out[s] == 's' || out[s] == 'S') && (s + 1 == out.size() || !is_word_byte(out[s + 1]))) {
      out.replace(at, length + 1, length + 1, ' ');
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> accent_synonyms(std::string_view prefix, std::string_view word,
                                                                 const Xapian::Stem& stemmer) {
  const std::string folded = fold_key(word);
  if (folded == word) return {};
  const std::string key = std::string(prefix) + folded;
  const std::string stem = stemmer(std::string(word));
  return {{key, std::string(prefix) + std::string(word)}, {key, "Z" + std::string(prefix) + stem}};
}

}  // namespace dateline::common
