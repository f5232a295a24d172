// dateline-search as people, scripts and web pages use it, on a database
// built from the sample corpus by the real indexer.

#include "test_support.h"
#include "text_utils.h"

#include <dateline/search_json.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <set>

using namespace dateline;
using nlohmann::json;

namespace {

struct CorpusDatabase {
  test::TempDir dir;
  std::string path = dir / "db";
  CorpusDatabase() { test::index(path, {test::corpus_dir()}); }
};

json show(const std::string& database, const std::string& id) { return test::search(database, {"--show", id}); }

bool has(const json& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

TEST_CASE("The JSON contract, field by field", "[search_cli]") {
  CorpusDatabase db;
  const json response = test::search(db.path, {"--facets=5", "-n", "3", "geneva", "talks"});
  CHECK(response["query"] == "geneva talks");
  CHECK(response["total"] == 5);  // any of the words
  CHECK(response["match"] == "any");
  CHECK(response["words"] == json({"geneva", "talks"}));
  CHECK(response["offset"] == 0);
  CHECK(response["limit"] == 3);
  CHECK(response["suggestion"].is_null());
  REQUIRE(response["results"].size() == 3);
  const json& hit = response["results"][0];
  for (const char* field :
       {"rank", "id", "score", "title", "date", "source", "url", "people", "places", "snippet", "matched", "missing"}) {
    CAPTURE(field);
    CHECK(hit.contains(field));
  }
  CHECK(hit["rank"] == 1);
  CHECK(hit["score"].is_number());
  CHECK(hit["people"].is_array());
  for (const char* facet : {"people", "places", "sources", "topics", "dates"}) {
    CAPTURE(facet);
    CHECK(response["facets"][facet].is_array());
  }
}

TEST_CASE("A phrase query matches only articles with the exact phrase", "[search_cli]") {
  CorpusDatabase db;
  const json phrase = test::search(db.path, {"-n", "50", "\"central bank\""});
  const json words = test::search(db.path, {"-n", "50", "central", "bank"});
  CHECK(phrase["total"] > 0);
  CHECK(phrase["total"] <= words["total"]);
  for (const json& hit : phrase["results"]) {
    const json article = show(db.path, hit["id"]);
    CHECK(test::lower(article["title"].get<std::string>() + " " + article["body"].get<std::string>())
              .find("central bank") != std::string::npos);
  }
}

TEST_CASE("Place and date filters return only matching articles", "[search_cli]") {
  CorpusDatabase db;
  const json by_place = test::search(db.path, {"-n", "50", "--place", "Chile"});
  CHECK(by_place["total"] == 4);
  for (const json& hit : by_place["results"]) CHECK(has(show(db.path, hit["id"])["places"], "Chile"));
  const json by_date = test::search(db.path, {"-n", "50", "--from", "2020-03", "--to", "2020-06-30", "the"});
  CHECK(by_date["total"] > 0);
  for (const json& hit : by_date["results"]) {
    const std::string date = show(db.path, hit["id"])["date"];
    CHECK(date >= "2020-03-01");
    CHECK(date <= "2020-06-30");
  }
  const json both =
      test::search(db.path, {"-n", "50", "--place", "geneva", "--person", "helen marsh", "--from", "2021"});
  CHECK(both["total"] == 1);
}

TEST_CASE("Date ranges find every article published in them, no more", "[search_cli]") {
  CorpusDatabase db;
  std::map<std::string, std::string> dated;  // id -> publication date, from the stored articles
  const json all_dated = test::search(db.path, {"-n", "100", "--from", "1900"});
  for (const json& hit : all_dated["results"]) dated[hit["id"]] = hit["date"];
  REQUIRE(dated.size() > 10);
  const std::vector<std::pair<std::string, std::string>> ranges = {{"2019-12-30", "2020-03-02"},
                                                                   {"2020", "2021"},
                                                                   {"2020-03", "2020-03"},
                                                                   {"2019-02-27", "2019-02-27"},
                                                                   {"2018-07-15", "2022-01-10"}};
  for (const auto& [from, to] : ranges) {
    INFO(from << ".." << to);
    std::set<std::string> expected;
    const std::string first = from.size() == 4 ? from + "-01-01" : from.size() == 7 ? from + "-01" : from;
    const std::string last = to.size() == 4 ? to + "-12-31" : to.size() == 7 ? to + "-31" : to;
    for (const auto& [id, date] : dated) {
      if (date >= first && date <= last) expected.insert(id);
    }
    const auto ids = [](const json& response) {
      std::set<std::string> found;
      for (const json& hit : response["results"]) found.insert(hit["id"]);
      return found;
    };
    CHECK(ids(test::search(db.path, {"-n", "100", "--from", from, "--to", to})) == expected);
    CHECK(ids(test::search(db.path, {"-n", "100", "date:" + from + ".." + to})) == expected);
  }
}

TEST_CASE("Sorting by newest orders by publication date", "[search_cli]") {
  CorpusDatabase db;
  const json response = test::search(db.path, {"-n", "50", "--sort", "newest", "the"});
  std::vector<std::string> dates;
  for (const json& hit : response["results"]) {
    if (!hit["date"].is_null()) dates.push_back(hit["date"]);
  }
  CHECK(dates.size() >= 15);
  CHECK(std::is_sorted(dates.rbegin(), dates.rend()));
}

TEST_CASE("Facet counts equal counts computed from the stored articles", "[search_cli]") {
  CorpusDatabase db;
  for (const char* query : {"the", "bank OR talks", "geneva"}) {
    CAPTURE(query);
    const json response = test::search(db.path, {"-n", "100", "--facets=100", query});
    std::map<std::string, int> people, places, sources;
    for (const json& hit : response["results"]) {
      const json article = show(db.path, hit["id"]);
      for (const auto& person : article["people"]) ++people[person];
      for (const auto& place : article["places"]) ++places[place];
      if (!article["source"].is_null()) ++sources[article["source"]];
    }
    const auto counts = [](const json& values) {
      std::map<std::string, int> map;
      for (const json& value : values) map[value["value"]] = value["count"];
      return map;
    };
    CHECK(counts(response["facets"]["people"]) == people);
    CHECK(counts(response["facets"]["places"]) == places);
    CHECK(counts(response["facets"]["sources"]) == sources);
  }
}

TEST_CASE("Snippets contain the highlighted query terms", "[search_cli]") {
  CorpusDatabase db;
  const json response = test::search(db.path, {"striker", "goals"});
  REQUIRE(response["total"] == 1);
  const std::string snippet = response["results"][0]["snippet"];
  CHECK_THAT(snippet, Catch::Contains("<mark>goals</mark>") || Catch::Contains("<mark>Striker</mark>"));
}

TEST_CASE("A misspelled query suggests the right spelling", "[search_cli]") {
  CorpusDatabase db;
  const json response = test::search(db.path, {"Okafr", "Tavres"});
  CHECK(response["total"] == 0);
  CHECK(response["suggestion"] == "Okafor Tavares");
  const auto text = test::run({test::search_binary(), "--db", db.path, "Okafr"});
  CHECK(text.exit_code == 0);
  CHECK(text.out == "No results for \"Okafr\". Did you mean: Okafor?\n");
}

TEST_CASE("Bad queries exit 1 with one message saying what and where", "[search_cli]") {
  CorpusDatabase db;
  const auto text = test::run({test::search_binary(), "--db", db.path, "bank", "AND"});
  CHECK(text.exit_code == 1);
  CHECK(text.out.empty());
  CHECK(
      text.err ==
      "dateline-search: error: cannot parse the query \"bank AND\": AND needs an expression on both sides (the AND at "
      "column 6)\n");
  const json as_json = test::search(db.path, {"date:2020-02-30"}, 1);
  CHECK(as_json["code"] == 1);
  CHECK_THAT(as_json["error"].get<std::string>(), Catch::Contains("2020-02-30"));
  const auto ambiguous = test::run({test::search_binary(), "--db", db.path, "--person", "jo"});
  CHECK(ambiguous.exit_code == 0);
  const auto bad_sort = test::run({test::search_binary(), "--db", db.path, "--sort", "sideways", "x"});
  CHECK(bad_sort.exit_code == 1);
}

TEST_CASE("A missing database exits 2 and says how to build one", "[search_cli]") {
  test::TempDir dir;
  const auto text = test::run({test::search_binary(), "--db", dir / "none", "kerry"});
  CHECK(text.exit_code == 2);
  CHECK(text.err == "dateline-search: error: no database at " + (dir / "none") +
                        " (build one with: dateline-index --db " + (dir / "none") + " PATH...)\n");
  const json as_json = test::search(dir / "none", {"kerry"}, 2);
  CHECK(as_json["code"] == 2);
  const auto from_cwd = test::run({test::search_binary(), "kerry"}, "", {"DATELINE_DB="}, dir.path());
  CHECK(from_cwd.exit_code == 2);
  CHECK_THAT(from_cwd.err, Catch::Contains("no database at dateline.db"));
}

TEST_CASE("The database comes from --db, $DATELINE_DB, then ./dateline.db", "[search_cli]") {
  CorpusDatabase db;
  const auto from_environment =
      test::run({test::search_binary(), "--json", "rotterdam"}, "", {"DATELINE_DB=" + db.path});
  CHECK(test::parse_json(from_environment.out)["total"] == 1);
  const auto from_cwd = test::run({test::search_binary(), "--json", "rotterdam"}, "", {"DATELINE_DB="}, db.dir.path());
  CHECK(from_cwd.exit_code == 2);
  std::filesystem::rename(db.path, db.dir / "dateline.db");
  const auto renamed = test::run({test::search_binary(), "--json", "rotterdam"}, "", {"DATELINE_DB="}, db.dir.path());
  CHECK(test::parse_json(renamed.out)["total"] == 1);
}

TEST_CASE("Show prints the whole stored article and an unknown id exits 1", "[search_cli]") {
  CorpusDatabase db;
  const json article = show(db.path, "reuters-90001");
  CHECK(article["title"] == "GHANA COCOA ARRIVALS RISE, PRICES EASE");
  CHECK(article["places"] == json({"Ghana", "Côte d'Ivoire"}));
  CHECK(article["topics"] == json({"Cocoa"}));
  CHECK(article["date"] == "2020-03-12");
  CHECK_THAT(article["body"].get<std::string>(), Catch::StartsWith("Cocoa arrivals at Ghana's ports"));
  const auto text = test::run({test::search_binary(), "--db", db.path, "--show", "reuters-90001"});
  CHECK_THAT(text.out, Catch::Contains("places:   Ghana, Côte d'Ivoire"));
  const auto unknown = test::run({test::search_binary(), "--db", db.path, "--show", "nope"});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err == "dateline-search: error: no article with id nope\n");
}

TEST_CASE("Show with a query marks its words in the whole article, wire copy reads as paragraphs", "[search_cli]") {
  CorpusDatabase db;
  const json article = test::search(db.path, {"--show", "reuters-90001", "--query", "ghana traders"});
  // The source hard-wrapped its lines at 65 columns and indented its paragraphs.
  CHECK(article["body"] ==
        "Cocoa arrivals at Ghana's ports rose sharply in the week to March 8, traders said, and London futures eased "
        "on the news.\n\nTraders said the mid-crop looked <strong> and that exporters in Ivory Coast & Ghana were "
        "offering beans for May shipment.\n\nPrices fell 25 stg a tonne in early trade.");
  const std::string marked = article["highlighted"]["body"];
  CHECK_THAT(marked, Catch::StartsWith("Cocoa arrivals at <mark>Ghana's</mark> ports"));
  CHECK_THAT(marked, Catch::Contains("<mark>Traders</mark> said the mid-crop looked &lt;strong&gt;"));
  CHECK(article["highlighted"]["title"] == "<mark>GHANA</mark> COCOA ARRIVALS RISE, PRICES EASE");
  CHECK(show(db.path, "reuters-90001").count("highlighted") == 0);
  CHECK(test::run({test::search_binary(), "--db", db.path, "--show", "reuters-90001", "--query", "ghana AND"})
            .exit_code == 1);
}

TEST_CASE("Snippets of person, place and title queries show and mark the name", "[search_cli]") {
  CorpusDatabase db;
  for (const char* query : {"person:reyes", "title:peso"}) {
    CAPTURE(query);
    const json response = test::search(db.path, {query});
    REQUIRE(response["total"] > 0);
    const std::string snippet = response["results"][0]["snippet"];
    CHECK_THAT(snippet, Catch::Contains("<mark>Reyes</mark>") || Catch::Contains("<mark>peso"));
  }
  const json filtered = test::search(db.path, {"--place", "ghana"});
  REQUIRE(filtered["total"] > 0);
  CHECK_THAT(filtered["results"][0]["snippet"].get<std::string>(), Catch::Contains("<mark>Ghana"));
}

TEST_CASE("Matches are bold on a terminal, and never with NO_COLOR or through a pipe", "[search_cli]") {
  CorpusDatabase db;
  const auto terminal = test::run_in_terminal({test::search_binary(), "--db", db.path, "rotterdam"}, {"NO_COLOR="});
  CHECK(terminal.exit_code == 0);
  CHECK_THAT(terminal.out, Catch::Contains("\033[1mRotterdam\033[0m"));
  const auto no_color = test::run_in_terminal({test::search_binary(), "--db", db.path, "rotterdam"}, {"NO_COLOR=1"});
  CHECK_THAT(no_color.out, Catch::Contains("Rotterdam"));
  CHECK(no_color.out.find('\033') == std::string::npos);
  const auto piped = test::run({test::search_binary(), "--db", db.path, "rotterdam"}, "", {"NO_COLOR="});
  CHECK(piped.out.find('\033') == std::string::npos);
}

TEST_CASE("Explain shows the parsed query and each hit's term weights", "[search_cli]") {
  CorpusDatabase db;
  const auto text = test::run({test::search_binary(), "--db", db.path, "--explain", "-n", "1", "rotterdam", "strike"});
  CHECK_THAT(text.out, Catch::Contains("query: Query(((Zrotterdam@1 OR Zstrike@2) AND_MAYBE"));
  CHECK_THAT(text.out, Catch::Contains("explain: Zrotterdam weight"));
  const json response = test::search(db.path, {"--explain", "-n", "1", "rotterdam", "strike"});
  const json& explanation = response["results"][0]["explanation"];
  REQUIRE(explanation.size() == 3);
  // "rotterdam" names a place the index knows: articles about it weigh more.
  const auto place = std::find_if(explanation.begin(), explanation.end(),
                                  [](const json& term) { return term["term"] == "XLrotterdam"; });
  REQUIRE(place != explanation.end());
  CHECK((*place)["weight"].get<double>() > 0);
  double sum = 0;
  for (const json& term : explanation) sum += term["weight"].get<double>();
  CHECK(sum == Approx(response["results"][0]["score"].get<double>()).epsilon(0.01));
  CHECK(response["parsed_query"].is_string());
  CHECK(response["notes"].is_array());
}

TEST_CASE("Export writes every match as JSON Lines or CSV, past any page limit", "[search_cli]") {
  test::TempDir dir;
  test::write_file(dir / "in/a.jsonl", test::generated_articles(0, 150, "gen"));
  test::index(dir / "db", {dir / "in"});
  const auto jsonl = test::run({test::search_binary(), "--db", dir / "db", "--export", "jsonl", "officials"});
  REQUIRE(jsonl.exit_code == 0);
  std::vector<json> lines;
  for (const std::string_view line : common::split_lines(jsonl.out)) {
    if (!line.empty()) lines.push_back(json::parse(line));
  }
  REQUIRE(lines.size() == 150);
  CHECK(lines[0]["rank"] == 1);
  CHECK(lines[149]["rank"] == 150);
  CHECK(lines[0].count("snippet") == 0);
  std::set<std::string> ids;
  for (const json& line : lines) ids.insert(line["id"]);
  CHECK(ids.size() == 150);
  const json page = test::search(dir / "db", {"--no-collapse", "-n", "5", "officials"});
  for (int i = 0; i < 5; ++i) CHECK(lines[i]["id"] == page["results"][i]["id"]);  // the same order

  const auto csv = test::run({test::search_binary(), "--db", dir / "db", "--export", "csv", "--snippets", "officials"});
  REQUIRE(csv.exit_code == 0);
  const auto rows = common::split_lines(csv.out);
  CHECK(rows[0] == "rank,id,date,title,source,url,people,places,score,story,snippet");
  CHECK_THAT(csv.out, Catch::StartsWith("rank,id,date,title,source,url,people,places,score,story,snippet\r\n"));
  CHECK_THAT(std::string(rows[1]), Catch::StartsWith("1," + lines[0]["id"].get<std::string>() + ","));
  CHECK_THAT(std::string(rows[1]), Catch::Contains("<mark>Officials</mark>"));
  CHECK(test::run({test::search_binary(), "--db", dir / "db", "--export", "xml", "officials"}).exit_code == 1);
}

TEST_CASE("CSV fields with commas, quotes and line breaks are quoted", "[search_cli]") {
  Hit hit;
  hit.rank = 1;
  hit.id = "a,b";
  hit.title = "He said \"no\"";
  hit.people = {"Ann", "Bo"};
  hit.score = 1.5;
  CHECK(export_csv_line(hit, false) == "1,\"a,b\",,\"He said \"\"no\"\"\",,,Ann; Bo,,1.500,\r\n");
}

TEST_CASE("Keyset pages in date order walk every article once, the undated last", "[search_cli]") {
  test::TempDir dir;
  std::string articles = test::generated_articles(0, 40, "gen");  // 12 days, several articles each
  for (int n = 0; n < 5; ++n) {
    articles += json{{"id", "undated-" + std::to_string(n)}, {"title", "Officials undated"}, {"body", "Officials met."}}
                    .dump() +
                "\n";
  }
  test::write_file(dir / "in/a.jsonl", articles);
  test::index(dir / "db", {dir / "in"});
  for (const char* sort : {"newest", "oldest"}) {
    CAPTURE(sort);
    const json every = test::search(dir / "db", {"--no-collapse", "--sort", sort, "-n", "100", "officials"});
    REQUIRE(every["total"] == 45);
    std::vector<std::string> walked;
    std::string after;
    for (int page = 0; page < 20; ++page) {
      std::vector<std::string> arguments{"--no-collapse", "--sort", sort, "-n", "7", "officials"};
      if (!after.empty()) arguments.insert(arguments.end(), {"--after", after});
      const json response = test::search(dir / "db", arguments);
      for (const json& hit : response["results"]) walked.push_back(hit["id"]);
      if (response["next"].is_null()) break;
      after = response["next"];
    }
    CHECK(walked == test::result_ids(every));
    CHECK_THAT(walked.back(), Catch::StartsWith("undated-"));
  }
  const auto relevance = test::run({test::search_binary(), "--db", dir / "db", "--after", "20200115.1", "officials"});
  CHECK(relevance.exit_code == 1);
  CHECK_THAT(relevance.err, Catch::Contains("newest or oldest"));
  CHECK(test::run({test::search_binary(), "--db", dir / "db", "--sort", "newest", "--after", "x", "officials"})
            .exit_code == 1);
}

TEST_CASE("Reuters topic codes show as their names, and filters take either", "[search_cli]") {
  test::TempDir dir;
  test::write_file(
      dir / "deals.jsonl",
      R"({"id": "d1", "title": "Brewer buys a rival", "body": "A brewer agreed to buy a rival for 40 mln dlrs.", "date": "1987-03-02", "topics": ["acq"]})"
      "\n"
      R"({"id": "d2", "title": "Brewer profits rise", "body": "The brewer's profits rose, and it bought a maltster.", "date": "1987-03-03", "topics": ["earn", "ACQ"]})"
      "\n"
      R"({"id": "d3", "title": "Brewers lobby parliament", "body": "Brewers lobbied parliament on Tuesday.", "date": "1987-03-04", "topics": ["politics"]})"
      "\n");
  test::index(dir / "db", {dir / "deals.jsonl"});
  const std::string db = dir / "db";
  CHECK(test::search(db, {"--show", "d2"})["topics"] ==
        json({"Earnings and Earnings Forecasts", "Mergers/Acquisitions"}));
  CHECK(test::search(db, {"--show", "d3"})["topics"] == json({"politics"}));  // not a Reuters code: as given
  const json facets = test::search(db, {"--facets", "--no-collapse", "brewer"})["facets"]["topics"];
  CHECK(facets == json::parse(R"([{"value": "Mergers/Acquisitions", "count": 2},
                                  {"value": "Earnings and Earnings Forecasts", "count": 1},
                                  {"value": "politics", "count": 1}])"));
  for (const std::string topic : {"acq", "ACQ", "Mergers/Acquisitions", "acquisitions", "Mergers"}) {
    CAPTURE(topic);
    CHECK(test::search(db, {"--no-collapse", "--topic", topic})["total"] == 2);
    CHECK(test::search(db, {"--no-collapse", "topic:\"" + topic + "\""})["total"] == 2);
  }
  CHECK(test::search(db, {"--no-collapse", "--topic", "earnings and earnings forecasts"})["total"] == 1);
}

TEST_CASE("The color option says when matches are bold, whatever the output is", "[search_cli]") {
  CorpusDatabase db;
  const auto always =
      test::run({test::search_binary(), "--db", db.path, "--color=always", "rotterdam"}, "", {"NO_COLOR=1"});
  CHECK_THAT(always.out, Catch::Contains("\033[1mRotterdam\033[0m"));
  const auto never =
      test::run_in_terminal({test::search_binary(), "--db", db.path, "--color=never", "rotterdam"}, {"NO_COLOR="});
  CHECK_THAT(never.out, Catch::Contains("Rotterdam"));
  CHECK(never.out.find('\033') == std::string::npos);
  const auto automatic =
      test::run_in_terminal({test::search_binary(), "--db", db.path, "--color=auto", "rotterdam"}, {"NO_COLOR="});
  CHECK_THAT(automatic.out, Catch::Contains("\033[1mRotterdam\033[0m"));
  const auto bad = test::run({test::search_binary(), "--db", db.path, "--color=sometimes", "rotterdam"});
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.err, Catch::Contains("--color"));
}

TEST_CASE("Both programs print their version, and examples at the end of --help", "[search_cli]") {
  for (const std::string& program : {test::index_binary(), test::search_binary()}) {
    CAPTURE(program);
    const std::string name = program.substr(program.rfind('/') + 1);
    for (const char* flag : {"-V", "--version"}) {
      const auto version = test::run({program, flag});
      CHECK(version.exit_code == 0);
      CHECK(std::regex_match(version.out, std::regex(name + " [0-9]+\\.[0-9]+\\.[0-9]+\n")));
    }
    const auto help = test::run({program, "--help"});
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.out, Catch::Contains("Examples:\n  " + name + " "));
    CHECK_THAT(help.out, Catch::Contains("Exit codes:"));
  }
  const auto serve = test::run({test::search_binary(), "serve", "--help"});
  CHECK_THAT(serve.out, Catch::Contains("Examples:\n  dateline-search serve "));
  CHECK(std::regex_match(test::run({test::search_binary(), "serve", "-V"}).out,
                         std::regex("dateline-search serve [0-9]+\\.[0-9]+\\.[0-9]+\n")));
}
