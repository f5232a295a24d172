#include <dateline/searcher.h>

#include "searcher_fixture.h"

#include <algorithm>
#include <map>
#include <set>

#include <xapian.h>

using namespace dateline;
using test::request_for;

namespace {

std::vector<std::string> ids(const SearchResponse& response) {
  std::vector<std::string> result;
  for (const Hit& hit : response.results) result.push_back(hit.id);
  return result;
}

}  // namespace

TEST_CASE("Distinctive title words put the article first", "[searcher]") {
  test::CorpusDatabase db;
  Searcher searcher(db.path);
  const auto response = searcher.search(request_for("rotterdam crane strike"));
  REQUIRE_FALSE(response.results.empty());
  CHECK(response.results[0].id == "corpus/text/rotterdam-port-strike.txt");
  CHECK(response.results[0].rank == 1);
  CHECK(response.results[0].date == "2021-02-09");
  CHECK(response.results[0].source == "Harbour Herald");
}

TEST_CASE("Any word matches by default, articles with every word first, and all_words, OR and NOT narrow or widen",
          "[searcher]") {
  test::CorpusDatabase db;
  Searcher searcher(db.path);
  const auto any = searcher.search(request_for("geneva volkov", 50));
  CHECK(any.match == "any");
  CHECK(any.words == std::vector<std::string>{"geneva", "volkov"});
  REQUIRE(any.total == 3);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(any.results[i].matched == std::vector<std::string>{"geneva", "volkov"});
    CHECK(any.results[i].missing.empty());
  }
  CHECK(any.results[2].missing.size() == 1);
  CHECK(any.results[2].matched.size() == 1);

  SearchRequest strict = request_for("geneva volkov", 50);
  strict.all_words = true;
  const auto both = searcher.search(strict);
  CHECK(both.match == "all");
  CHECK(both.total == 2);
  CHECK(ids(both) == std::vector<std::string>{any.results[0].id, any.results[1].id});

  const auto either = searcher.search(request_for("geneva OR volkov", 50));
  const auto without = searcher.search(request_for("geneva NOT volkov", 50));
  const auto minus = searcher.search(request_for("geneva -volkov", 50));
  CHECK(either.total == 3);
  CHECK(without.total == 1);
  CHECK(ids(without) == ids(minus));
  CHECK(without.words == std::vector<std::string>{"geneva"});
  CHECK(searcher.search(request_for("-geneva", 100)).total == test::kCorpusArticles - 3);
}

TEST_CASE("A query with no article holding every word still returns the best partial matches", "[searcher]") {
  test::CorpusDatabase db;
  Searcher searcher(db.path);
  const auto partial = searcher.search(request_for("rotterdam crane strike zanzibarish"));
  REQUIRE_FALSE(partial.results.empty());
  CHECK(partial.results[0].id == "corpus/text/rotterdam-port-strike.txt");
  CHECK(partial.results[0].missing == std::vector<std::string>{"zanzibarish"});
  SearchRequest strict = request_for("rotterdam crane strike zanzibarish");
  strict.all_words = true;
  CHECK(searcher.search(strict).total == 0);
}

TEST_CASE("A phrase matches only articles with the exact phrase", "[searcher]") {
  test::CorpusDatabase db;
  Searcher searcher(db.path);
  const auto phrase = searcher.search(request_for("\"talks resume\"", 50));
  SearchRequest both_words = request_for("talks resume", 50);
  both_words.all_words = true;
  CHECK(searcher.search(both_words).total == 2);
  REQUIRE(phrase.total == 1);
  for (const Hit& hit : phrase.results) {
    const auto article = searcher.article(hit.id);
    CHECK(test::lower(article.title + " " + article.body).find("talks resume") != std::string::npos);
  }
}

TEST_CASE("Wildcards and title: fields", "[searcher]") {
  test::CorpusDatabase db;
  Searcher searcher(db.path);
  CHECK(searcher.search(request_for("rotter*")).total == 1);
  const auto titled = searcher.search(request_for("title:cocoa", 50));
  REQUIRE(titled.total == 2);
  for (const Hit& hit : titled.results) CHECK(test::lower(hit.title).find("cocoa") != std::string::npos);
}

TEST_CASE("Place, person, source and date filters return only matching articles", "[searcher]") {
  test::CorpusDatabase db;
  Searcher searcher(db.path);
  SearchRequest request = request_for("", 50);
  request.places = {"chile"};
  auto response = searcher.search(request);
  REQUIRE(response.total == 4);
  for (const Hit& hit : response.results) CHECK(std::count(hit.places.begin(), hit.places.end(), "Chile") == 1);

  request = request_for("", 50);
  request.people = {"reyes"};
  response = searcher.search(request);
  CHECK(response.total == 3);
  for (const Hit& hit : response.results) CHECK(std::count(hit.people.begin(), hit.people.end(), "Carla Reyes") == 1);

  request = request_for("", 50);
  request.sources = {"harbour herald"};
  request.from = "2020";
  request.to = "2020-12";
  response = searcher.search(request);
  REQUIRE(response.total == 3);
  for (const Hit& hit : response.results) {
    CHECK(hit.source == "Harbour Herald");
    CHECK(hit.date.rfind("2020-", 0) == 0);
  }
}

TEST_CASE("Facet fields in the query string match names case-insensitively", "[searcher]") {
  test::CorpusDatabase db;
  Searcher searcher(db.path);
  CHECK(searcher.search(request_for("person:\"CARLA REYES\"")).total == 3);
  CHECK(searcher.search(request_for("person:\"Andrei V. Volkov\"")).total == 2);
  CHECK(searcher.search(request_for("place:USA")).total == 1);
  CHECK(searcher.search(request_for("topic:culture")).total == 2);
  CHECK(searcher.search(request_for("date:2021-05-01..2021-05-31")).total == 1);
  CHECK(searcher.search(request_for("date:2019")).total == 4);
  CHECK(searcher.search(request_for("date:..2019-12-31")).total == 4);
  CHECK(searcher.search(request_for("mentions:2022")).total == 1);
}

TEST_CASE("Newest and oldest orders, undated articles last", "[searcher]") {
  test::CorpusDatabase db;
  Searcher searcher(db.path);
  for (const SortOrder order : {SortOrder::kNewest, SortOrder::kOldest}) {
    SearchRequest request = request_for("the", 50);
    request.sort = order;
    const auto response = searcher.search(request);
    std::vector<std::string> dates;
    bool undated_seen = false;
    for (const Hit& hit : response.results) {
      if (hit.date.empty()) {
        undated_seen = true;
      } else {
        CHECK_FALSE(undated_seen);
        dates.push_back(hit.date);
      }
    }
    std::vector<std::string> sorted = dates;
    std::sort(sorted.begin(), sorted.end());
    if (order == SortOrder::kNewest) std::reverse(sorted.begin(), sorted.end());
    CHECK(dates == sorted);
  }
}

TEST_CASE("Pages never repeat or skip a hit", "[searcher]") {
  test::CorpusDatabase db;
  Searcher searcher(db.path);
  for (const SortOrder order : {SortOrder::kRelevance, SortOrder::kNewest}) {
    SearchRequest all = request_for("the", 100);
    all.sort = order;
    const auto everything = ids(searcher.search(all));
    std::vector<std::string> paged;
    for (std::size_t offset = 0; offset < everything.size(); offset += 4) {
      SearchRequest page = request_for("the", 4);
      page.sort = order;
      page.offset = offset;
      for (const auto& id : ids(searcher.search(page))) paged.push_back(id);
    }
    CHECK(paged == everything);
  }
}

TEST_CASE("Snippets highlight query terms and their stemmed forms, HTML-escaped", "[searcher]") {
  test::CorpusDatabase db;
  Searcher searcher(db.path);
  const auto response = searcher.search(request_for("erupting volcano"));
  REQUIRE(response.total == 1);
  const std::string& snippet = response.results[0].snippet;
  CHECK_THAT(snippet, Catch::Contains("<mark>volcano</mark>"));
  CHECK_THAT(snippet, Catch::Contains("<mark>erupted</mark>"));
  CHECK(snippet.size() < 400);
  SearchRequest request = request_for("ivory coast strong", 10);
  request.sources = {"reuters"};
  const auto cocoa = searcher.search(request);
  REQUIRE(cocoa.total == 1);
  CHECK_THAT(cocoa.results[0].snippet, Catch::Contains("&lt;<mark>strong</mark>&gt;"));
  CHECK_THAT(cocoa.results[0].snippet, Catch::Contains("<mark>Ivory</mark> <mark>Coast</mark> &amp; Ghana"));
}

TEST_CASE("Facet counts equal counts made from the stored articles", "[searcher]") {
  test::CorpusDatabase db;
  Searcher searcher(db.path);
  for (const char* query : {"the", "geneva OR chile", "talks"}) {
    CAPTURE(query);
    SearchRequest request = request_for(query, 100);
    request.facet_limit = 1000;
    const auto response = searcher.search(request);
    REQUIRE(response.facets);
    CHECK(response.facets->exact);
    CHECK(response.facets->counted == response.total);
    std::map<std::string, std::uint64_t> people, places, sources, months;
    for (const Hit& hit : response.results) {
      const auto article = searcher.article(hit.id);
      for (const auto& person : article.people) ++people[person];
      for (const auto& place : article.places) ++places[place];
      if (!article.source.empty()) ++sources[article.source];
      if (!article.date.empty()) ++months[article.date.substr(0, 7)];
    }
    const auto as_map = [](const std::vector<FacetValue>& values) {
      std::map<std::string, std::uint64_t> map;
      for (const auto& value : values) map[value.value] = value.count;
      return map;
    };
    CHECK(as_map(response.facets->people) == people);
    CHECK(as_map(response.facets->places) == places);
    CHECK(as_map(response.facets->sources) == sources);
    CHECK(response.facets->date_granularity == "month");
    std::map<std::string, std::uint64_t> dated;  // the histogram lists empty months too
    std::uint64_t in_histogram = 0;
    for (const auto& [month, count] : as_map(response.facets->dates)) {
      if (count > 0) dated[month] = count;
      in_histogram += count;
    }
    CHECK(dated == months);
    CHECK(response.facets->undated == response.total - in_histogram);
  }
}

TEST_CASE("The date histogram is a true time axis: every bucket, its width chosen by the span", "[searcher]") {
  test::TempDir dir;
  std::string articles;
  const auto article = [](const std::string& id, const std::string& date) {
    return "{\"id\": \"" + id + "\", \"title\": \"Ferry strike\", \"body\": \"The ferry strike went on.\"" +
           (date.empty() ? "" : ", \"date\": \"" + date + "\"") + "}\n";
  };
  for (const auto& [id, date] : std::vector<std::pair<std::string, std::string>>{
           {"a", "2020-01-06"}, {"b", "2020-01-06"}, {"c", "2020-01-09"}, {"d", "2020-03-30"}, {"e", ""}}) {
    articles += article(id, date);
  }
  test::write_file(dir / "in/a.jsonl", articles);
  indexer::IndexOptions options;
  options.database = dir / "db";
  options.inputs = {dir / "in"};
  indexer::run_indexer(options);
  Searcher searcher(dir / "db");
  const auto histogram = [&](const std::string& to) {
    SearchRequest request = request_for("ferry", 10);
    request.facet_limit = 10;
    request.collapse = false;
    request.to = to;
    return *searcher.search(request).facets;
  };
  const Facets days = histogram("2020-01-31");  // 2020-01-06 to 2020-01-09
  CHECK(days.date_granularity == "day");
  REQUIRE(days.dates.size() == 4);
  CHECK(days.dates[0].value == "2020-01-06");
  CHECK(days.dates[0].count == 2);
  CHECK(days.dates[1].count == 0);  // the empty days are listed
  CHECK(days.dates[3].value == "2020-01-09");
  CHECK(days.undated == 0);
  const Facets weeks = histogram("");  // 2020-01-06 to 2020-03-30: 13 weeks from Monday 6 January
  CHECK(weeks.date_granularity == "week");
  REQUIRE(weeks.dates.size() == 13);
  CHECK(weeks.dates[0].value == "2020-01-06");
  CHECK(weeks.dates[0].count == 3);
  CHECK(weeks.dates[12].value == "2020-03-30");
  CHECK(weeks.undated == 1);
}

TEST_CASE("Top facet values come first, ties by name", "[searcher]") {
  test::CorpusDatabase db;
  Searcher searcher(db.path);
  SearchRequest request = request_for("geneva");
  request.facet_limit = 2;
  const auto facets = *searcher.search(request).facets;
  REQUIRE(facets.places.size() == 2);
  CHECK(facets.places[0].value == "Geneva");
  CHECK(facets.places[0].count == 3);
  CHECK(facets.people.size() == 2);
  CHECK(facets.people[0].value == "Andrei Volkov");
}

TEST_CASE("No results come with a spelling suggestion", "[searcher]") {
  test::CorpusDatabase db;
  Searcher searcher(db.path);
  const auto misspelt = searcher.search(request_for("Tavres Okafr"));
  CHECK(misspelt.total == 0);
  REQUIRE(misspelt.suggestion);
  CHECK(*misspelt.suggestion == "Tavares Okafor");
  const auto everyday = searcher.search(request_for("volcanno eruption"));
  REQUIRE(everyday.suggestion);
  CHECK(*everyday.suggestion == "volcano eruption");
  CHECK_FALSE(searcher.search(request_for("geneva")).suggestion);
}

TEST_CASE("Explaining gives each matching term's share of the score", "[searcher]") {
  test::CorpusDatabase db;
  Searcher searcher(db.path);
  SearchRequest request = request_for("geneva talks", 3);
  request.explain = true;
  const auto response = searcher.search(request);
  CHECK_THAT(response.parsed_query, Catch::Contains("Zgeneva"));
  REQUIRE_FALSE(response.results.empty());
  const Hit& top = response.results[0];
  double sum = 0;
  for (const TermWeight& term : top.explanation) {
    CAPTURE(term.term);
    CHECK(term.weight > 0);
    // A facet term (Geneva, the place) adds a fixed weight and has no wdf.
    if (term.term.rfind("X", 0) != 0) CHECK(term.within_document > 0);
    CHECK(term.documents > 0);
    sum += term.weight;
  }
  CHECK(sum == Approx(top.score).epsilon(0.01));
}

TEST_CASE("Whole stored articles by id", "[searcher]") {
  test::CorpusDatabase db;
  Searcher searcher(db.path);
  const auto article = searcher.article("reuters-90002");
  CHECK(article.title == "CHILE CENTRAL BANK SAYS PESO MOVES ORDERLY");
  CHECK(article.people == std::vector<std::string>{"Carla Reyes"});
  CHECK(article.places == std::vector<std::string>{"Chile"});
  CHECK(article.date == "2020-03-13");
  CHECK_THROWS_AS(searcher.article("no-such-id"), NotFoundError);
}

TEST_CASE("Bad queries and filters are QueryErrors that say what is wrong", "[searcher]") {
  test::CorpusDatabase db;
  Searcher searcher(db.path);
  CHECK_THROWS_WITH(searcher.search(request_for("geneva AND")), Catch::Contains("AND") && Catch::Contains("column 8"));
  CHECK_THROWS_AS(searcher.search(request_for("OR OR")), QueryError);
  CHECK_THROWS_WITH(searcher.search(request_for("date:2021-13")), Catch::Contains("2021-13"));
  CHECK_THROWS_WITH(searcher.search(request_for("date:2021..2019")), Catch::Contains("ends before it starts"));
  CHECK_THROWS_AS(searcher.search(request_for("")), QueryError);
  SearchRequest bad_date = request_for("geneva");
  bad_date.from = "last week";
  CHECK_THROWS_WITH(searcher.search(bad_date), Catch::Contains("--from"));
}

TEST_CASE("A missing or foreign database is a DatabaseError", "[searcher]") {
  test::TempDir dir;
  CHECK_THROWS_AS(Searcher(dir / "nothing-here"), DatabaseError);
  Xapian::WritableDatabase(dir / "plain", Xapian::DB_CREATE).commit();
  CHECK_THROWS_WITH(Searcher(dir / "plain"), Catch::Contains("not a Dateline database"));
}

TEST_CASE("An open searcher sees later commits and rebuilds", "[searcher]") {
  test::CorpusDatabase db;
  Searcher searcher(db.path);
  CHECK(searcher.search(request_for("zanzibar")).total == 0);
  test::write_file(db.dir / "new/feed.jsonl", "{\"id\": \"z\", \"title\": \"Zanzibar ferry\", \"body\": \"Sails.\"}\n");
  indexer::IndexOptions options;
  options.database = db.path;
  options.inputs = {db.dir / "new"};
  indexer::run_indexer(options);
  CHECK(searcher.search(request_for("zanzibar")).total == 1);
  options.rebuild = true;
  options.inputs = {test::corpus_dir()};
  indexer::run_indexer(options);
  CHECK(searcher.search(request_for("zanzibar")).total == 0);
  CHECK(searcher.document_count() == test::kCorpusArticles);
}
