#pragma once
// "Did you mean": corrects the words of a query that the index does not
// contain, using Xapian's spelling data. At edit distance one a person's or
// place's name wins over an everyday word ("Kery" -> "Kerry", not "very");
// otherwise Xapian's choice (the most frequent close word) stands.

#include <xapian.h>

#include <optional>
#include <string>

namespace dateline::searcher {

// The query with its unknown words corrected, or nothing when no word needed
// or found a correction. Field prefixes, operators and quotes are kept.
std::optional<std::string> suggest_spelling(const Xapian::Database& database, const std::string& query);

}  // namespace dateline::searcher
