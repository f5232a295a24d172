#include "reuters_reader.h"

#include "reader_test_support.h"
#include "test_support.h"

using namespace dateline;
using common::InputFormat;

TEST_CASE("Reuters SGML stories with their tags", "[reuters_reader]") {
  const auto sink = test::read_path(test::corpus_dir() + "/reuters/march-2020.sgm", InputFormat::kReuters);
  REQUIRE(sink.articles.size() == 5);
  CHECK(sink.rejected.empty());
  const auto& cocoa = sink.articles[0];
  CHECK(cocoa.id == "reuters-90001");
  CHECK(cocoa.title == "GHANA COCOA ARRIVALS RISE, PRICES EASE");
  CHECK(cocoa.dateline == "ACCRA, March 12 -");
  CHECK(cocoa.published->iso() == "2020-03-12");
  CHECK(cocoa.source == "Reuters");
  CHECK(cocoa.places == std::vector<std::string>{"ghana", "ivory-coast"});
  CHECK(cocoa.topics == std::vector<std::string>{"cocoa"});
  CHECK(cocoa.organisations == std::vector<std::string>{"icco"});
  CHECK(cocoa.explicit_people);
  CHECK(cocoa.explicit_places);
  CHECK(cocoa.body.find("<strong> and that exporters") != std::string::npos);
  CHECK(cocoa.body.find("Ivory Coast & Ghana") != std::string::npos);
  CHECK(cocoa.body.find("Reuter") == std::string::npos);
  CHECK(cocoa.body.find('\x03') == std::string::npos);
}

TEST_CASE("A story without BODY is indexed by its title", "[reuters_reader]") {
  const auto sink = test::read_path(test::corpus_dir() + "/reuters/march-2020.sgm", InputFormat::kReuters);
  REQUIRE(sink.articles.size() == 5);
  CHECK(sink.articles[3].title == "PORTUGAL TREASURY BILL AUCTION RESULTS");
  CHECK(sink.articles[3].body.empty());
}

TEST_CASE("A Latin-1 byte is read as Latin-1", "[reuters_reader]") {
  const auto sink = test::read_path(test::corpus_dir() + "/reuters/march-2020.sgm", InputFormat::kReuters);
  REQUIRE(sink.articles.size() == 5);
  CHECK(sink.articles[4].body.find("José Herrera") != std::string::npos);
  REQUIRE(sink.warnings.size() == 1);
  CHECK(sink.warnings[0].line == 65);
}

TEST_CASE("Unterminated and malformed elements are reported, the rest read", "[reuters_reader]") {
  test::TempDir dir;
  const std::string good =
      "<REUTERS NEWID=\"1\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT><TITLE>ONE</TITLE><BODY>Body "
      "one.</BODY></TEXT>\n</REUTERS>\n";
  test::write_file(dir / "bad.sgm",
                   good +
                       "<REUTERS NEWID=\"2\">\n<TEXT><TITLE>TWO, NEVER CLOSED</TITLE>\n"
                       "<REUTERS NEWID=\"3\">\n<TEXT><TITLE>THREE</TITLE><BODY>No end tag for body</TEXT>\n</REUTERS>\n"
                       "<REUTERS OLDID=\"9\">\n<TEXT><TITLE>NO NEWID</TITLE></TEXT>\n</REUTERS>\n"
                       "<REUTERS NEWID=\"4\">\n<TEXT TYPE=\"UNPROC\">&#2;\n&#3;\n</TEXT>\n</REUTERS>\n"
                       "<REUTERS NEWID=\"5\">\n<TEXT><TITLE>FIVE, CUT OFF");
  const auto sink = test::read_path(dir / "bad.sgm", InputFormat::kReuters);
  REQUIRE(sink.articles.size() == 3);
  CHECK(sink.articles[0].id == "reuters-1");
  CHECK(sink.articles[1].id == "reuters-3");
  CHECK(sink.articles[1].body == "No end tag for body");
  CHECK(sink.articles[2].id == "reuters-4");  // empty but real: kept by its metadata
  REQUIRE(sink.rejected.size() == 3);
  CHECK(sink.rejected[0].line == 5);
  CHECK_THAT(sink.rejected[0].reason, Catch::Contains("not terminated"));
  CHECK(sink.rejected[1].line == 10);
  CHECK_THAT(sink.rejected[1].reason, Catch::Contains("NEWID"));
  CHECK(sink.rejected[2].line == 18);
}

TEST_CASE("The real reut2-017.sgm reads in full despite its non-UTF-8 byte", "[reuters_reader]") {
  SKIP_WITHOUT_SHARED_CORPUS();
  const auto sink = test::read_path(test::shared_corpus_dir() + "/reuters21578/reut2-017.sgm", InputFormat::kReuters);
  CHECK(sink.articles.size() == 1000);
  CHECK(sink.rejected.empty());
  CHECK(sink.warnings.size() == 1);
}

TEST_CASE("C1 numeric references decode as HTML5 maps them", "[reuters_reader]") {
  test::TempDir dir;
  test::write_file(dir / "c1.sgm",
                   "<REUTERS NEWID=\"70001\">\n<DATE>12-MAY-2015 10:15:00.00</DATE>\n<TEXT>&#2;\n"
                   "<TITLE>PILOTS ACCEPT &#147;FINAL&#148; OFFER</TITLE>\n<BODY>The union&#146;s "
                   "spokesman called it &#147;fair&#148; &#150; a rise &#151; after talks&#133;\n Reuter\n&#3;</BODY>"
                   "</TEXT>\n</REUTERS>\n");
  const auto sink = test::read_path(dir / "c1.sgm", InputFormat::kReuters);
  REQUIRE(sink.articles.size() == 1);
  CHECK(sink.articles[0].title == "PILOTS ACCEPT “FINAL” OFFER");
  CHECK(sink.articles[0].body == "The union’s spokesman called it “fair” – a rise — after talks…");
}
