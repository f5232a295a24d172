#include "terminal_output.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <sstream>

namespace dateline::cli {
namespace {

constexpr const char* kBold = "\033[1m";
constexpr const char* kReset = "\033[0m";

std::string joined(const std::vector<std::string>& values, std::size_t limit) {
  std::string out;
  for (std::size_t i = 0; i < values.size() && i < limit; ++i) out += (i ? ", " : "") + values[i];
  if (values.size() > limit) out += ", …";
  return out;
}

std::string bold(const std::string& text, const TerminalStyle& style) {
  return style.bold ? kBold + text + kReset : text;
}

std::string facet_line(const char* name, const std::vector<FacetValue>& values) {
  std::ostringstream out;
  out << "  " << name << ":";
  if (values.empty()) out << " -";
  for (std::size_t i = 0; i < values.size(); ++i)
    out << (i ? ", " : " ") << values[i].value << " (" << values[i].count << ")";
  out << "\n";
  return out.str();
}

// The dated buckets with matches (the JSON lists the empty ones too), then the undated articles.
std::string date_line(const Facets& facets) {
  std::vector<FacetValue> dated;
  std::copy_if(facets.dates.begin(), facets.dates.end(), std::back_inserter(dated),
               [](const FacetValue& bucket) { return bucket.count > 0; });
  if (facets.undated > 0) dated.push_back({"undated", facets.undated});
  const std::string name = "dates by " + facets.date_granularity;
  return facet_line(name.c_str(), dated);
}

}  // namespace

std::string render_snippet(const std::string& html, const TerminalStyle& style) {
  struct Replacement {
    const char* from;
    const char* to;
  };
  const Replacement replacements[] = {{"<mark>", style.bold ? kBold : ""},
                                      {"</mark>", style.bold ? kReset : ""},
                                      {"&amp;", "&"},
                                      {"&lt;", "<"},
                                      {"&gt;", ">"}};
  std::string text;
  for (std::size_t i = 0; i < html.size();) {
    bool replaced = false;
    for (const auto& r : replacements) {
      const std::string from = r.from;
      if (html.compare(i, from.size(), from) == 0) {
        text += r.to;
        i += from.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) text += html[i++];
  }
  for (char& c : text) {
    if (c == '\n') c = ' ';
  }
  return text;
}

std::string render_results(const SearchResponse& response, const TerminalStyle& style) {
  std::ostringstream out;
  if (!response.parsed_query.empty()) {
    out << "query: " << response.parsed_query << "\n";
    for (const std::string& note : response.notes) out << "note: " << note << "\n";
    out << "\n";
  }
  if (response.total == 0) {
    out << "No results for \"" << response.query << "\".";
    if (response.suggestion) out << " Did you mean: " << bold(*response.suggestion, style) << "?";
    out << "\n";
  } else {
    out << (response.total_exact ? "" : "More than ") << response.total
        << (response.total == 1 ? " result" : " results");
    if (response.match == "any") out << " with any of the words";
    if (response.stories > 0 && response.stories != response.total) {
      out << " in " << (response.stories_exact ? "" : "more than ") << response.stories << " stories";
    }
    if (response.sort != SortOrder::kRelevance) {
      out << (response.sort == SortOrder::kNewest ? ", newest first" : ", oldest first") << " (undated last)";
    }
    if (!response.results.empty()) {
      out << " (showing " << response.results.front().rank << "-" << response.results.back().rank << ")";
    } else {
      out << " (none on this page)";
    }
    out << "\n";
    if (response.suggestion) out << "Did you mean: " << bold(*response.suggestion, style) << "?\n";
  }
  for (const Hit& hit : response.results) {
    char score[32];
    std::snprintf(score, sizeof score, "%.2f", hit.score);
    out << "\n" << hit.rank << ". " << bold(hit.title.empty() ? "(no title)" : hit.title, style) << "\n";
    out << "   " << (hit.date.empty() ? "undated" : hit.date);
    if (!hit.source.empty()) out << " · " << hit.source;
    out << " · " << hit.id << " · score " << score << "\n";
    if (hit.story.articles > 1) {
      out << "   +" << hit.story.articles - 1 << " more in this story";
      if (!hit.story.sources.empty()) out << ": " << joined(hit.story.sources, 5);
      out << " (--story " << hit.story.id << ")\n";
    }
    if (!hit.people.empty()) out << "   people: " << joined(hit.people, 6) << "\n";
    if (!hit.places.empty()) out << "   places: " << joined(hit.places, 6) << "\n";
    if (!hit.snippet.empty()) out << "   " << render_snippet(hit.snippet, style) << "\n";
    if (!hit.missing.empty()) out << "   missing: " << joined(hit.missing, 10) << "\n";
    if (!hit.url.empty()) out << "   " << hit.url << "\n";
    for (const TermWeight& term : hit.explanation) {
      char weight[32];
      std::snprintf(weight, sizeof weight, "%.3f", term.weight);
      out << "   explain: " << term.term << " weight " << weight << " (in article " << term.within_document << "x, in "
          << term.documents << " articles)\n";
    }
  }
  if (!response.next.empty()) out << "\nNext page: --after " << response.next << "\n";
  if (response.facets) {
    const Facets& facets = *response.facets;
    out << "\nFacets" << (facets.exact ? "" : " (over the first " + std::to_string(facets.counted) + " matches)")
        << ":\n";
    out << facet_line("people", facets.people) << facet_line("places", facets.places)
        << facet_line("sources", facets.sources) << facet_line("topics", facets.topics) << date_line(facets);
  }
  return out.str();
}

std::string render_timeline(const SearchResponse& response, const TerminalStyle& style) {
  std::ostringstream out;
  if (response.results.empty()) return "No articles in this story.\n";
  const Story& story = response.results.front().story;
  out << "Story " << story.id << ": " << response.total << (response.total == 1 ? " article" : " articles");
  if (!story.sources.empty()) out << " from " << joined(story.sources, 10);
  out << "\n\n";
  for (const Hit& hit : response.results) {
    out << (hit.date.empty() ? "undated   " : hit.date) << "  " << (hit.source.empty() ? "" : hit.source + " · ")
        << bold(hit.title.empty() ? "(no title)" : hit.title, style) << "  (" << hit.id << ")\n";
  }
  if (response.total > response.results.size()) {
    out << "\n... " << response.total - response.results.size() << " more (--offset "
        << response.offset + response.results.size() << ")\n";
  }
  return out.str();
}

std::string render_article(const StoredArticle& article, const TerminalStyle& style) {
  std::ostringstream out;
  const std::string title =
      article.highlighted_title.empty() ? article.title : render_snippet(article.highlighted_title, style);
  out << bold(title.empty() ? "(no title)" : title, style) << "\n\n";
  const auto field = [&](const char* name, const std::string& value) {
    if (!value.empty()) out << name << value << "\n";
  };
  field("id:       ", article.id);
  field("date:     ", article.date);
  field("source:   ", article.source);
  field("url:      ", article.url);
  field("authors:  ", joined(article.authors, 50));
  field("language: ", article.language);
  field("people:   ", joined(article.people, 50));
  field("places:   ", joined(article.places, 50));
  field("topics:   ", joined(article.topics, 50));
  field("orgs:     ", joined(article.organisations, 50));
  field("mentions: ", joined(article.mentioned_dates, 50));
  field("dateline: ", article.dateline);
  field("file:     ", article.source_file + (article.line > 0 ? ":" + std::to_string(article.line) : ""));
  if (article.story.articles > 1) {
    field("story:    ", article.story.id + " (" + std::to_string(article.story.articles) + " articles; --story " +
                            article.story.id + ")");
  }
  out << "\n"
      << (article.highlighted_body.empty() ? article.body : render_snippet(article.highlighted_body, style)) << "\n";
  return out.str();
}

}  // namespace dateline::cli
