#pragma once
// The JSON contract of dateline-search --json and of the HTTP API, documented
// in README.md. One serializer, so the two never differ.

#include <dateline/searcher.h>

#include <string>

namespace dateline {

std::string to_json(const SearchResponse& response);
std::string to_json(const StoredArticle& article);
// {"error": "...", "code": 1}
std::string error_json(const std::string& message, int code);

// Exports (Searcher::export_matches): one article a line, "\n"-terminated.
// JSON Lines: {"rank", "id", "date", "title", "source", "url", "people",
// "places", "score", "story"} and "snippet" (HTML, <mark>ed) when `snippets`.
std::string export_json_line(const Hit& hit, bool snippets);
// CSV (RFC 4180: fields with a comma, quote or line break are quoted, quotes
// doubled): the same columns; people and places joined by "; ".
std::string export_csv_header(bool snippets);
std::string export_csv_line(const Hit& hit, bool snippets);

}  // namespace dateline
