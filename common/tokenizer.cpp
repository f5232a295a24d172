#include "tokenizer.h"

#include "text_utils.h"

#include <xapian.h>

#include <unordered_set>

namespace dateline::common {
namespace {

using Xapian::Unicode::get_category;

bool is_letter(unsigned ch) {
  switch (get_category(ch)) {
    case Xapian::Unicode::UPPERCASE_LETTER:
    case Xapian::Unicode::LOWERCASE_LETTER:
    case Xapian::Unicode::TITLECASE_LETTER:
    case Xapian::Unicode::MODIFIER_LETTER:
    case Xapian::Unicode::OTHER_LETTER: return true;
    default: return false;
  }
}

bool is_digit(unsigned ch) { return get_category(ch) == Xapian::Unicode::DECIMAL_DIGIT_NUMBER; }
bool is_alnum(unsigned ch) { return is_letter(ch) || is_digit(ch); }
bool is_upper(unsigned ch) {
  const auto category = get_category(ch);
  return category == Xapian::Unicode::UPPERCASE_LETTER || category == Xapian::Unicode::TITLECASE_LETTER;
}
bool is_apostrophe(unsigned ch) { return ch == '\'' || ch == 0x2019; }
bool is_space(unsigned ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == 0xA0 ||
         get_category(ch) == Xapian::Unicode::SPACE_SEPARATOR;
}

// Words whose trailing period marks an abbreviation, not the end of a sentence.
bool is_abbreviation(std::string_view word) {
  static const std::unordered_set<std::string_view> kAbbreviations = {
      "Mr",  "Mrs", "Ms",  "Dr",   "St",  "Jr",  "Sr",   "Gen",  "Sen", "Rep",  "Gov", "Lt",  "Col", "Capt",
      "Sgt", "Adm", "Maj", "Prof", "Rev", "Inc", "Corp", "Co",   "Ltd", "Bros", "vs",  "etc", "No",  "Jan",
      "Feb", "Mar", "Apr", "Jun",  "Jul", "Aug", "Sep",  "Sept", "Oct", "Nov",  "Dec", "Mt",  "Ft",  "Gov"};
  return kAbbreviations.count(word) > 0;
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : text_(text) {}

  std::vector<Token> run() {
    Xapian::Utf8Iterator it(text_.data(), text_.size());
    const Xapian::Utf8Iterator end;
    while (it != end) {
      const unsigned ch = *it;
      if (ch == '\n') {
        ++it;
        if (it != end && *it == '\n') sentence_pending_ = true;
        continue;
      }
      if (is_space(ch)) {
        ++it;
        continue;
      }
      if (is_alnum(ch)) {
        read_word(it);
      } else {
        read_punctuation(it);
      }
    }
    return std::move(tokens_);
  }

 private:
  void read_word(Xapian::Utf8Iterator& it) {
    const Xapian::Utf8Iterator end;
    std::string word;
    bool has_letter = false;
    bool has_inner_period = false;
    while (it != end) {
      const unsigned ch = *it;
      if (is_alnum(ch)) {
        has_letter |= is_letter(ch);
        Xapian::Unicode::append_utf8(word, ch);
        ++it;
        continue;
      }
      // Joiners stay inside a word when a letter or digit follows: al-Assad, U.S, 1,750, O'Neill.
      const bool joiner = ch == '-' || ch == '.' || ch == ',' || ch == '/' || is_apostrophe(ch);
      if (!joiner) break;
      Xapian::Utf8Iterator next = it;
      ++next;
      if (next == end || !is_alnum(*next)) break;
      if (ch == ',' && !(has_letter == false && is_digit(*next))) break;
      if (ch == '/' && has_letter) break;
      if (is_apostrophe(ch)) {
        // "Kerry's" is Kerry, possessive; "O'Neill" is one word.
        Xapian::Utf8Iterator after = next;
        ++after;
        if ((*next == 's' || *next == 'S') && (after == end || !is_alnum(*after))) {
          it = after;
          push_word(std::move(word), has_letter, true);
          return;
        }
      }
      if (ch == '.') has_inner_period = true;
      Xapian::Unicode::append_utf8(word, ch);
      it = next;
    }
    bool possessive = false;
    if (it != end && is_apostrophe(*it)) {
      // "Kerry’ s" (a stray space) and plural possessives ("States’").
      Xapian::Utf8Iterator next = it;
      ++next;
      if (next != end && *next == ' ') {
        Xapian::Utf8Iterator after = next;
        ++after;
        Xapian::Utf8Iterator beyond = after;
        if (after != end) ++beyond;
        if (after != end && *after == 's' && (beyond == end || !is_alnum(*beyond))) {
          it = beyond;
          possessive = true;
        }
      } else if (next == end || !is_alnum(*next)) {
        it = next;
        possessive = ends_with(word, "s");
      }
    }
    if (!possessive && it != end && *it == '.' && has_letter) {
      const bool initial = word.size() == 1 && is_upper(static_cast<unsigned char>(word[0]));
      if (initial || has_inner_period || is_abbreviation(word)) {
        word += '.';
        ++it;
      }
    }
    push_word(std::move(word), has_letter, possessive);
  }

  void push_word(std::string word, bool has_letter, bool possessive) {
    Token token;
    token.kind = has_letter ? Token::Kind::kWord : Token::Kind::kNumber;
    Xapian::Utf8Iterator first(word);
    token.capitalised = has_letter && is_upper(*first);
    std::size_t letters = 0;
    bool all_upper = true;
    for (Xapian::Utf8Iterator c(word); c != Xapian::Utf8Iterator(); ++c) {
      if (!is_letter(*c)) continue;
      ++letters;
      all_upper &= is_upper(*c);
    }
    token.all_capitals = letters >= 2 && all_upper;
    token.sentence_start = sentence_pending_;
    token.possessive = possessive;
    token.text = std::move(word);
    sentence_pending_ = false;
    tokens_.push_back(std::move(token));
  }

  void read_punctuation(Xapian::Utf8Iterator& it) {
    Token token;
    token.kind = Token::Kind::kPunctuation;
    const unsigned ch = *it;
    Xapian::Unicode::append_utf8(token.text, ch);
    ++it;
    token.ends_sentence = ch == '.' || ch == '!' || ch == '?';
    if (token.ends_sentence) sentence_pending_ = true;
    tokens_.push_back(std::move(token));
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  bool sentence_pending_ = true;
};

}  // namespace

std::vector<Token> tokenize(std::string_view text) { return Tokenizer(text).run(); }

std::vector<Token> tokenize_headline(std::string_view text) {
  std::vector<Token> tokens = tokenize(text);
  for (Token& token : tokens) token.sentence_start = token.is_word();
  return tokens;
}

}  // namespace dateline::common
