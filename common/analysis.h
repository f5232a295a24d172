#pragma once
// Text analysis shared by the indexer and the searcher, so the terms a query
// asks for are exactly the terms the index holds: English stemming (Xapian's
// Snowball stemmer, STEM_SOME), one stop-word list, the same field prefixes,
// possessives and accents treated alike on both sides.

#include <xapian.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dateline::common {

// A new stemmer each call, remembering the words it has stemmed: Xapian::Stem
// keeps state while stemming, so threads must not share one. Copies share the
// memo; keep one per thread and reuse it.
Xapian::Stem english_stemmer();
// Shared and read-only.
const Xapian::Stopper& english_stopper();
// The words english_stopper() stops (data/stopwords.txt).
const std::vector<std::string>& english_stop_words();

// Stemming for indexing. Every word is indexed, stop words included: phrases
// need them ("Secretary of State"), and a query made only of stop words
// ("the who") is searched for as it is, stemmed.
void configure_term_generator(Xapian::TermGenerator& generator);

// Stemming, stop words (dropped from a query unless it has nothing else),
// default OR, and the free-text field prefixes of the schema. Boolean facet
// filters are added by the searcher, which owns the database they resolve
// names against.
void configure_query_parser(Xapian::QueryParser& parser);

// Text as both sides hand it to Xapian: the "'s" of a possessive (or a
// contraction) is blanked out, so "Merkel's" is the word merkel, unstemmed as
// well as stemmed, and a phrase "al-Baghdadi" matches "al-Baghdadi's". The
// result has the same words in the same order (positions do not move).
std::string without_possessives(std::string_view text);

// Accented spellings are found whatever the query's accents: a query word is
// folded ("São" -> "sao", common::fold_key) and the index keeps, in Xapian's
// synonym table, the accented terms each folded word stands for. Returns the
// {key, synonym} pairs for one free-text term of a document (its field prefix,
// "" or "S", then the word): "são" -> {"sao", "são"}, {"sao", "Zsão"};
// nothing for a word without accents.
std::vector<std::pair<std::string, std::string>> accent_synonyms(std::string_view prefix, std::string_view word,
                                                                 const Xapian::Stem& stemmer);

}  // namespace dateline::common
