#pragma once
// The user's query made ready for Xapian's QueryParser, so that the same words
// find the same articles however they are typed:
//   - words are lower-cased and accent-folded ("Merkel" and "MERKEL" are
//     merkel, stemmed like any word; "São" is sao, which the index's synonym
//     table leads to são: common::accent_synonyms), and a possessive's "'s" is
//     dropped as the indexer drops it (common::without_possessives);
//   - a word in capitals that is also a stop word ("WHO", "IT", "US") is an
//     acronym: it stays a word, where the parser would drop it;
//   - a phrase with a wildcard ("senate pass*"), which the parser would search
//     without its wildcard, is taken out and searched as a phrase whose
//     wildcard word is any indexed word it starts (QueryBuilder);
//   - operators (AND, OR, NOT, XOR, NEAR, ADJ), field names and the values of
//     filter fields (person:, place:, date:...) are left as written.
// Each change is noted in words a user reads (--explain).

#include <xapian.h>

#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace dateline::searcher {

// A quoted phrase that holds a wildcard word ("pass*").
struct WildcardPhrase {
  std::string prefix;              // the field's term prefix: "" for the text, "S" for title:
  std::vector<std::string> words;  // folded; a word ending in '*' stands for the words it starts
};

struct QueryText {
  std::string parser_input;  // what Xapian's parser reads
  // The free-text words the user asks for, folded, in query order, each once
  // ("kerry", "pass*"); words excluded with - or NOT are not among them.
  std::vector<std::string> words;
  std::unordered_set<std::string> acronyms;  // stop words written in capitals, kept as words: "who"
  std::vector<WildcardPhrase> phrases;       // the parser reads phrase N as "<kWildcardPhraseField>:N"
  std::vector<std::string> notes;            // what was rewritten: "WHO: an acronym, searched as a word"
};

// The field name under which extracted wildcard phrases are handed to the parser.
inline constexpr std::string_view kWildcardPhraseField = "dlwildcardphrase";

// `text_fields` map field names to free-text prefixes ("title" -> "S");
// the values of `filter_fields` ("person", "date") are left as written;
// `stop_words` is the parser's stop list.
QueryText prepare_query_text(std::string_view query,
                             const std::vector<std::pair<std::string, std::string>>& text_fields,
                             const std::set<std::string>& filter_fields, const Xapian::Stopper& stop_words);

}  // namespace dateline::searcher
