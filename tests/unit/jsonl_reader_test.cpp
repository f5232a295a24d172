#include "jsonl_reader.h"

#include "reader_test_support.h"
#include "test_support.h"

using namespace dateline;
using common::InputFormat;

TEST_CASE("JSON Lines articles with every field", "[jsonl_reader]") {
  const auto sink = test::read_path(test::corpus_dir() + "/jsonl/wires.jsonl", InputFormat::kJsonLines);
  REQUIRE(sink.articles.size() == 8);
  CHECK(sink.rejected.empty());
  const auto& geneva = sink.articles[1];
  CHECK(geneva.id == "wire-2021-0511-geneva-talks");
  CHECK(geneva.published->iso() == "2021-05-11");
  CHECK(geneva.authors == std::vector<std::string>{"Marta Ferreira", "Tom Holloway"});
  CHECK(geneva.line == 2);
  const auto& ghana = sink.articles[2];
  CHECK(ghana.published->iso() == "2020-02-11");  // 02/11/2020, US order
  CHECK(ghana.authors == std::vector<std::string>{"Kwame Mensah"});
  const auto& toronto = sink.articles[4];
  CHECK(toronto.explicit_people);
  CHECK(toronto.explicit_places);
  CHECK(toronto.topics == std::vector<std::string>{"film", "culture"});
  CHECK(sink.articles[6].published->iso() == "2021-03-21");  // a Unix timestamp
}

TEST_CASE("Compressed JSON Lines read like plain ones", "[jsonl_reader]") {
  const auto sink = test::read_path(test::corpus_dir() + "/jsonl/archive-2019.jsonl.zst", InputFormat::kJsonLines);
  REQUIRE(sink.articles.size() == 4);
  CHECK(sink.articles[0].id == "wire-2019-0918-geneva-talks");
}

TEST_CASE("Bad lines are rejected with their line number, good ones kept", "[jsonl_reader]") {
  test::TempDir dir;
  test::write_file(dir / "mixed.jsonl",
                   "{\"id\": \"a\", \"title\": \"First\", \"body\": \"ok\"}\n"
                   "{\"id\": \"b\", \"title\": \"Trunc\n"
                   "\n"
                   "[1, 2, 3]\n"
                   "{\"id\": \"c\", \"title\": 42, \"body\": \"wrong type\"}\n"
                   "{\"id\": \"d\", \"people\": \"Ana Lima\", \"content\": \"uses content\"}\n"
                   "{\"id\": \"e\"}\n"
                   "{\"url\": \"https://example.org/x\", \"text\": \"no id but a url\"}\n"
                   "{\"title\": \"neither id nor url\", \"date\": \"not a date\"}\n");
  const auto sink = test::read_path(dir / "mixed.jsonl", InputFormat::kJsonLines, "feeds/mixed.jsonl");
  REQUIRE(sink.articles.size() == 4);
  CHECK(sink.articles[0].id == "a");
  CHECK(sink.articles[1].id == "d");
  CHECK(sink.articles[1].body == "uses content");
  CHECK(sink.articles[1].people == std::vector<std::string>{"Ana Lima"});
  CHECK(sink.articles[2].id == "https://example.org/x");
  CHECK(sink.articles[3].id == "feeds/mixed.jsonl:9");
  REQUIRE(sink.rejected.size() == 4);
  CHECK(sink.rejected[0].line == 2);
  CHECK_THAT(sink.rejected[0].reason, Catch::StartsWith("invalid JSON at column"));
  CHECK(sink.rejected[1].line == 4);
  CHECK_THAT(sink.rejected[1].reason, Catch::Contains("expected a JSON object"));
  CHECK(sink.rejected[2].line == 5);
  CHECK_THAT(sink.rejected[2].reason, Catch::Contains("field 'title' must be a string, not number"));
  CHECK(sink.rejected[3].line == 7);
  CHECK_THAT(sink.rejected[3].reason, Catch::Contains("neither a title nor a body"));
  REQUIRE(sink.warnings.size() == 1);
  CHECK(sink.warnings[0].line == 9);
}

TEST_CASE("A number too large for JSON is a bad line, not a crash", "[jsonl_reader]") {
  test::TempDir dir;
  test::write_file(dir / "numbers.jsonl", "{\"id\": \"a\", \"title\": \"x\", \"rank\": 1e99999}\n" +
                                              std::string("{\"id\": \"b\", \"title\": \"fine\"}\n"));
  const auto sink = test::read_path(dir / "numbers.jsonl", InputFormat::kJsonLines);
  REQUIRE(sink.articles.size() == 1);
  CHECK(sink.articles[0].id == "b");
  REQUIRE(sink.rejected.size() == 1);
  CHECK(sink.rejected[0].line == 1);
  CHECK_THAT(sink.rejected[0].reason, Catch::StartsWith("invalid JSON: number overflow"));
}

TEST_CASE("Invalid UTF-8 in a line is repaired, not fatal", "[jsonl_reader]") {
  test::TempDir dir;
  test::write_file(dir / "latin.jsonl", "{\"id\": \"x\", \"title\": \"Caf\xe9\", \"body\": \"b\"}\n");
  const auto sink = test::read_path(dir / "latin.jsonl", InputFormat::kJsonLines);
  REQUIRE(sink.articles.size() == 1);
  CHECK(sink.articles[0].title == "Café");
  CHECK(sink.warnings.size() == 1);
}

TEST_CASE("Numeric ids keep their digits and never collide", "[jsonl_reader]") {
  test::TempDir dir;
  test::write_file(dir / "ids.jsonl",
                   "{\"id\": 18446744073709551615, \"title\": \"Dockers vote to strike\"}\n"
                   "{\"id\": -1, \"title\": \"Tram drivers accept pay deal\"}\n"
                   "{\"id\": 9223372036854775808, \"title\": \"Bakers close shops\"}\n"
                   "{\"id\": 123456789012345678901234567890, \"title\": \"Too long to keep\"}\n");
  const auto sink = test::read_path(dir / "ids.jsonl", InputFormat::kJsonLines);
  REQUIRE(sink.articles.size() == 3);
  CHECK(sink.articles[0].id == "18446744073709551615");
  CHECK(sink.articles[1].id == "-1");
  CHECK(sink.articles[2].id == "9223372036854775808");
  REQUIRE(sink.rejected.size() == 1);
  CHECK(sink.rejected[0].line == 4);
  CHECK_THAT(sink.rejected[0].reason, Catch::Contains("write it as a string"));
}

TEST_CASE("Fractional and millisecond Unix timestamps are dates", "[jsonl_reader]") {
  test::TempDir dir;
  test::write_file(dir / "ts.jsonl",
                   "{\"id\": \"s\", \"title\": \"t\", \"date\": 1431424800}\n"
                   "{\"id\": \"f\", \"title\": \"t\", \"date\": 1431424800.25}\n"
                   "{\"id\": \"ms\", \"title\": \"t\", \"date\": 1431424800000}\n"
                   "{\"id\": \"o\", \"title\": \"t\", \"date\": \"May 12th, 2015\"}\n");
  const auto sink = test::read_path(dir / "ts.jsonl", InputFormat::kJsonLines);
  REQUIRE(sink.articles.size() == 4);
  for (const auto& article : sink.articles) {
    CAPTURE(article.id);
    REQUIRE(article.published);
    CHECK(article.published->iso() == "2015-05-12");
  }
  CHECK(sink.warnings.empty());
}

TEST_CASE("JSON Lines with old Mac line ends", "[jsonl_reader]") {
  test::TempDir dir;
  test::write_file(dir / "cr.jsonl", "{\"id\": \"a\", \"title\": \"One\"}\r{\"id\": \"b\", \"title\": \"Two\"}\r");
  const auto sink = test::read_path(dir / "cr.jsonl", InputFormat::kJsonLines);
  REQUIRE(sink.articles.size() == 2);
  CHECK(sink.articles[1].line == 2);
}

TEST_CASE("A line without a body may carry the page as \"html\"", "[jsonl_reader]") {
  test::TempDir dir;
  const nlohmann::json line = {
      {"id", "p1"},
      {"url", "https://example.ie/p1"},
      {"html",
       "<html lang=\"en\"><head><title>Ferry crossings cancelled | Island News</title>"
       "<meta property=\"article:published_time\" content=\"2015-05-12\"></head><body><nav><a href=\"/\">Home</a>"
       "</nav><article><p>The ferry operator cancelled all crossings to the islands on Tuesday because of gales, "
       "and said services would resume when the wind dropped, perhaps on Thursday.</p></article></body></html>"}};
  test::write_file(dir / "pages.jsonl", line.dump() + "\n");
  const auto sink = test::read_path(dir / "pages.jsonl", InputFormat::kJsonLines);
  REQUIRE(sink.articles.size() == 1);
  CHECK(sink.articles[0].id == "p1");
  CHECK(sink.articles[0].title == "Ferry crossings cancelled");
  CHECK(sink.articles[0].published->iso() == "2015-05-12");
  CHECK(sink.articles[0].body.rfind("The ferry operator", 0) == 0);
  CHECK(sink.articles[0].language == "en");
}
