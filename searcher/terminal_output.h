#pragma once
// dateline-search's output for people at a terminal. Uses only the public
// searcher header, like any other client of the library.

#include <dateline/searcher.h>

#include <string>

namespace dateline::cli {

struct TerminalStyle {
  bool bold = false;  // ANSI bold for matches and titles: on a TTY, and never with NO_COLOR
};

std::string render_results(const SearchResponse& response, const TerminalStyle& style);
std::string render_article(const StoredArticle& article, const TerminalStyle& style);
// A story's articles (the results of a story: filter, oldest first): date, source, title, id.
std::string render_timeline(const SearchResponse& response, const TerminalStyle& style);
// A search snippet for the terminal: HTML entities decoded, <mark> as bold or nothing.
std::string render_snippet(const std::string& html, const TerminalStyle& style);

}  // namespace dateline::cli
