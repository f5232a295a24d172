#pragma once
// The article model: what a reader produces, what the extractors complete and
// what the index stores (compressed) for snippets and --show.

#include "compression.h"
#include "dates.h"

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::common {

struct Article {
  std::string id;  // stable: JSON id or url, reuters-<NEWID>, or the file's path under its input root
  std::string title;
  std::string body;
  std::string dateline;  // Reuters' "SALVADOR, Feb 26 -" line, when the source has one
  std::optional<Date> published;
  std::string source;
  std::string url;
  std::vector<std::string> authors;
  std::string language;  // as the input tags it (<html lang="pt-BR">), else empty

  // Facets, as display names ("John Kerry", "El Salvador").
  std::vector<std::string> people;
  std::vector<std::string> places;
  std::vector<std::string> topics;
  std::vector<std::string> organisations;
  std::vector<std::string> mentioned_dates;  // ISO dates of any precision found in the text

  // Set when the input carried the facet itself; extraction then leaves it alone.
  bool explicit_people = false;
  bool explicit_places = false;

  // Provenance, for error messages and --prune.
  std::string source_file;  // absolute path, or "-" for standard input
  std::size_t line = 0;     // line where the article starts in its source file
};

// The text snippets are cut from: the body (else the title) on one line, with
// control characters as spaces. Wire copy is hard-wrapped, and control
// characters would collide with the searcher's highlight markers.
std::string snippet_text(const Article& article);

// The stored form: JSON of every field above, compressed by the database's codec.
std::string stored_json(const Article& article);
Article decode_stored_article(std::string_view stored, const StoredCodec& codec);
// The codec for the stored articles of `database` (its dictionary, if it has one).
StoredCodec stored_codec(const Xapian::Database& database);

}  // namespace dateline::common
