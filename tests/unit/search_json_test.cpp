#include <dateline/search_json.h>

#include "test_support.h"

using namespace dateline;

TEST_CASE("The JSON contract: fields, order and types", "[search_json]") {
  SearchResponse response;
  response.query = "kerry putin";
  response.total = 2;
  response.total_exact = true;
  response.limit = 10;
  Hit hit;
  hit.rank = 1;
  hit.id = "seeds/000.txt";
  hit.score = 12.34567;
  hit.title = "Kerry & Putin";
  hit.people = {"John Kerry"};
  hit.snippet = "… <mark>Kerry</mark> &amp; …";
  response.results.push_back(hit);
  Facets facets;
  facets.people = {{"John Kerry", 2}};
  facets.dates = {{"2015-05", 2}};
  facets.date_granularity = "month";
  facets.counted = 2;
  response.facets = facets;

  const auto json = nlohmann::ordered_json::parse(to_json(response));
  std::vector<std::string> keys;
  for (const auto& item : json.items()) keys.push_back(item.key());
  CHECK(keys == std::vector<std::string>{"query", "total", "total_exact", "stories", "stories_exact", "offset", "limit",
                                         "sort", "next", "match", "words", "suggestion", "results", "partial",
                                         "missing_shards", "facets"});
  CHECK(json["stories"].is_null());  // results not grouped by story
  CHECK(json["sort"] == "relevance");
  CHECK(json["next"].is_null());  // no cursor: a relevance page
  CHECK(json["match"] == "any");
  CHECK(json["words"].is_array());
  CHECK(json["suggestion"].is_null());
  const auto& result = json["results"][0];
  CHECK(result["rank"] == 1);
  CHECK(result["score"] == Approx(12.346));
  CHECK(result["date"].is_null());
  CHECK(result["url"].is_null());
  CHECK(result["places"].is_array());
  CHECK(result["snippet"] == "… <mark>Kerry</mark> &amp; …");
  CHECK_FALSE(result.contains("explanation"));
  CHECK(result["matched"].is_array());
  CHECK(result["story"].is_null());  // an article without a story (a database before stories)
  CHECK(result["missing"].is_array());
  CHECK(json["facets"]["people"][0] == nlohmann::ordered_json({{"value", "John Kerry"}, {"count", 2}}));
  for (const char* facet : {"people", "places", "sources", "topics", "dates"}) CHECK(json["facets"][facet].is_array());
  CHECK(json["facets"]["undated"] == 0);
}

TEST_CASE("Errors are JSON objects too", "[search_json]") {
  const auto json = test::parse_json(error_json("no database at x", 2));
  CHECK(json == nlohmann::json({{"error", "no database at x"}, {"code", 2}}));
}
