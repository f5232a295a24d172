#pragma once
// Text analysis shared by the indexer and the searcher, so the terms a query
// asks for are exactly the terms the index holds: English stemming (Xapian's
// Snowball stemmer, STEM_SOME), one stop-word list, the same field prefixes.

#include <xapian.h>

namespace dateline::common {

// A new stemmer each call, remembering the words it has stemmed: Xapian::Stem
// keeps state while stemming, so threads must not share one. Copies share the
// memo; keep one per thread and reuse it.
Xapian::Stem english_stemmer();
// Shared and read-only.
const Xapian::Stopper& english_stopper();

// Stemming for indexing. Every word is indexed, stop words included: phrases
// need them ("Secretary of State"), and a query made only of stop words
// ("the who") is searched for as it is, stemmed.
void configure_term_generator(Xapian::TermGenerator& generator);

// Stemming, stop words (dropped from a query unless it has nothing else),
// default AND, and the free-text field prefixes of the schema. Boolean facet filters are added by the searcher, which
// owns the database they resolve names against.
void configure_query_parser(Xapian::QueryParser& parser);

}  // namespace dateline::common
