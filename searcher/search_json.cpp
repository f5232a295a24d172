#include <dateline/search_json.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace dateline {
namespace {

using Json = nlohmann::ordered_json;

std::string dump(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

Json nullable(const std::string& value) { return value.empty() ? Json() : Json(value); }

Json facet_values(const std::vector<FacetValue>& values) {
  Json list = Json::array();
  for (const FacetValue& value : values) list.push_back({{"value", value.value}, {"count", value.count}});
  return list;
}

const char* sort_name(SortOrder sort) {
  switch (sort) {
    case SortOrder::kNewest: return "newest";
    case SortOrder::kOldest: return "oldest";
    case SortOrder::kRelevance: break;
  }
  return "relevance";
}

Json story_json(const Story& story) {
  if (story.id.empty()) return Json();
  return Json{{"id", story.id}, {"articles", story.articles}, {"sources", story.sources}};
}

Json hit_story_json(const Story& story) {
  Json json = story_json(story);
  if (!json.is_null()) json["more_matching"] = story.more_matching;
  return json;
}

Json hit_json(const Hit& hit) {
  Json json{
      {"rank", hit.rank},
      {"id", hit.id},
      {"score", std::round(hit.score * 1000) / 1000},
      {"title", hit.title},
      {"date", nullable(hit.date)},
      {"source", nullable(hit.source)},
      {"url", nullable(hit.url)},
      {"people", hit.people},
      {"places", hit.places},
      {"snippet", hit.snippet},
      {"story", hit_story_json(hit.story)},
      {"matched", hit.matched},
      {"missing", hit.missing},
  };
  if (!hit.explanation.empty()) {
    Json terms = Json::array();
    for (const TermWeight& term : hit.explanation) {
      terms.push_back({{"term", term.term},
                       {"weight", std::round(term.weight * 1000) / 1000},
                       {"wdf", term.within_document},
                       {"documents", term.documents}});
    }
    json["explanation"] = terms;
  }
  return json;
}

}  // namespace

std::string to_json(const SearchResponse& response) {
  Json results = Json::array();
  for (const Hit& hit : response.results) results.push_back(hit_json(hit));
  Json json{
      {"query", response.query},
      {"total", response.total},
      {"total_exact", response.total_exact},
      {"stories", response.stories > 0 ? Json(response.stories) : Json()},
      {"stories_exact", response.stories > 0 ? Json(response.stories_exact) : Json()},
      {"offset", response.offset},
      {"limit", response.limit},
      {"sort", sort_name(response.sort)},
      {"next", nullable(response.next)},
      {"match", response.match},
      {"words", response.words},
      {"suggestion", response.suggestion ? Json(*response.suggestion) : Json()},
      {"results", results},
      {"partial", response.partial},
      {"missing_shards", response.missing_shards},
  };
  if (response.facets) {
    const Facets& facets = *response.facets;
    json["facets"] = {
        {"people", facet_values(facets.people)},
        {"places", facet_values(facets.places)},
        {"sources", facet_values(facets.sources)},
        {"topics", facet_values(facets.topics)},
        {"dates", facet_values(facets.dates)},
        {"date_granularity", facets.date_granularity},
        {"undated", facets.undated},
        {"exact", facets.exact},
        {"counted", facets.counted},
    };
  }
  if (!response.parsed_query.empty()) {
    json["parsed_query"] = response.parsed_query;
    json["notes"] = response.notes;
  }
  return dump(json);
}

std::string to_json(const StoredArticle& article) {
  Json json{
      {"id", article.id},
      {"title", article.title},
      {"date", nullable(article.date)},
      {"source", nullable(article.source)},
      {"url", nullable(article.url)},
      {"authors", article.authors},
      {"language", nullable(article.language)},
      {"people", article.people},
      {"places", article.places},
      {"topics", article.topics},
      {"organisations", article.organisations},
      {"mentioned_dates", article.mentioned_dates},
      {"dateline", nullable(article.dateline)},
      {"body", article.body},
      {"source_file", article.source_file},
      {"line", article.line},
      {"story", story_json(article.story)},
  };
  if (!article.highlighted_body.empty() || !article.highlighted_title.empty()) {
    json["highlighted"] = {{"title", article.highlighted_title}, {"body", article.highlighted_body}};
  }
  return dump(json);
}

std::string export_json_line(const Hit& hit, bool snippets) {
  Json json{
      {"rank", hit.rank},
      {"id", hit.id},
      {"date", nullable(hit.date)},
      {"title", hit.title},
      {"source", nullable(hit.source)},
      {"url", nullable(hit.url)},
      {"people", hit.people},
      {"places", hit.places},
      {"score", std::round(hit.score * 1000) / 1000},
      {"story", nullable(hit.story.id)},
  };
  if (snippets) json["snippet"] = hit.snippet;
  return dump(json) + "\n";
}

namespace {

std::string csv_field(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (const char c : value) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& value : values) out += (out.empty() ? "" : "; ") + value;
  return out;
}

}  // namespace

std::string export_csv_header(bool snippets) {
  return std::string("rank,id,date,title,source,url,people,places,score,story") + (snippets ? ",snippet" : "") + "\r\n";
}

std::string export_csv_line(const Hit& hit, bool snippets) {
  char score[32];
  std::snprintf(score, sizeof score, "%.3f", hit.score);
  std::string line;
  for (const std::string& field : {std::to_string(hit.rank), hit.id, hit.date, hit.title, hit.source, hit.url,
                                   joined(hit.people), joined(hit.places), std::string(score), hit.story.id}) {
    line += (line.empty() ? "" : ",") + csv_field(field);
  }
  if (snippets) line += "," + csv_field(hit.snippet);
  return line + "\r\n";
}

std::string error_json(const std::string& message, int code) { return dump(Json{{"error", message}, {"code", code}}); }

}  // namespace dateline
