#include "terminal_output.h"

#include <catch2/catch.hpp>

using namespace dateline;

TEST_CASE("Snippets are bold only when asked, with entities decoded", "[terminal_output]") {
  const std::string html = "… <mark>Kerry</mark> &amp; &lt;Putin&gt;\nmet …";
  CHECK(cli::render_snippet(html, {false}) == "… Kerry & <Putin> met …");
  CHECK(cli::render_snippet(html, {true}) == "… \033[1mKerry\033[0m & <Putin> met …");
}

TEST_CASE("No results says so and offers the suggestion", "[terminal_output]") {
  SearchResponse response;
  response.query = "Kery Puttin";
  response.suggestion = "Kerry Putin";
  CHECK(cli::render_results(response, {false}) == "No results for \"Kery Puttin\". Did you mean: Kerry Putin?\n");
}

TEST_CASE("Plain output has no escape codes", "[terminal_output]") {
  SearchResponse response;
  response.query = "x";
  response.total = 1;
  response.total_exact = true;
  response.match = "all";
  Hit hit;
  hit.rank = 1;
  hit.title = "Title";
  hit.snippet = "<mark>x</mark>";
  response.results.push_back(hit);
  const std::string text = cli::render_results(response, {false});
  CHECK(text.find('\033') == std::string::npos);
  CHECK_THAT(text, Catch::Contains("1 result (showing 1-1)"));
}

TEST_CASE("Any-word results say so, and each hit names the words it lacks", "[terminal_output]") {
  SearchResponse response;
  response.query = "kerry sochi";
  response.total = 2;
  response.total_exact = true;
  response.match = "any";
  response.words = {"kerry", "sochi"};
  Hit hit;
  hit.rank = 1;
  hit.title = "Kerry in Moscow";
  hit.matched = {"kerry"};
  hit.missing = {"sochi"};
  response.results.push_back(hit);
  const std::string text = cli::render_results(response, {false});
  CHECK_THAT(text, Catch::Contains("2 results with any of the words (showing 1-1)"));
  CHECK_THAT(text, Catch::Contains("   missing: sochi\n"));
}
