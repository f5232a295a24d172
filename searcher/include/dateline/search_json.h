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

}  // namespace dateline
