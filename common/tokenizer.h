#pragma once
// Splits article text into words and punctuation for the entity and date
// extractors, keeping what they need to know: capitalisation, sentence starts,
// abbreviations and initials ("Mr.", "U.S.", "V."), possessives ("Kerry's").

#include <string>
#include <string_view>
#include <vector>

namespace dateline::common {

struct Token {
  enum class Kind { kWord, kNumber, kPunctuation };
  std::string text;  // as written; "'s" of a possessive removed, an abbreviation keeps its period
  Kind kind = Kind::kWord;
  bool capitalised = false;     // starts with an upper-case letter
  bool all_capitals = false;    // two or more letters, all upper case ("NATO")
  bool sentence_start = false;  // first word of a sentence or of a headline
  bool possessive = false;      // was followed by 's or a bare apostrophe
  bool ends_sentence = false;   // punctuation that ends a sentence

  bool is_word() const { return kind == Kind::kWord; }
  bool is(std::string_view punctuation) const { return kind == Kind::kPunctuation && text == punctuation; }
};

// Body text: blank lines separate paragraphs (and so sentences).
std::vector<Token> tokenize(std::string_view text);

// A headline: every word counts as a sentence start, since headline
// capitalisation says nothing about proper nouns.
std::vector<Token> tokenize_headline(std::string_view text);

}  // namespace dateline::common
