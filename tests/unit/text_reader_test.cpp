#include "text_reader.h"

#include "reader_test_support.h"
#include "test_support.h"

using namespace dateline;
using common::InputFormat;

TEST_CASE("A header block supplies metadata", "[text_reader]") {
  const auto sink = test::read_path(test::corpus_dir() + "/text/lisbon-climate-summit.txt", InputFormat::kText,
                                    "corpus/text/lisbon.txt");
  REQUIRE(sink.articles.size() == 1);
  const auto& article = sink.articles[0];
  CHECK(article.id == "corpus/text/lisbon.txt");
  CHECK(article.title == "Lisbon climate summit ends with a pledge on coastal defences");
  REQUIRE(article.published);
  CHECK(article.published->iso() == "2021-11-03");
  CHECK(article.source == "Dateline Wire");
  CHECK(article.url == "https://example.org/wire/2021/11/03/lisbon-climate-summit");
  CHECK(article.authors == std::vector<std::string>{"Marta Ferreira"});
  CHECK(article.body.rfind("Delegates from forty coastal nations", 0) == 0);
  CHECK(sink.rejected.empty());
}

TEST_CASE("Web boilerplate is dropped and a repeated caption kept once", "[text_reader]") {
  const auto sink = test::read_path(test::corpus_dir() + "/text/oslo-striker-transfer.txt", InputFormat::kText);
  REQUIRE(sink.articles.size() == 1);
  const auto& article = sink.articles[0];
  CHECK(article.title == "Oslo striker Jonas Berg completes record move to Madrid");
  CHECK(article.body.find("not supported") == std::string::npos);
  const std::string caption = "Jonas Berg holds up his new shirt";
  const auto first = article.body.find(caption);
  REQUIRE(first != std::string::npos);
  CHECK(article.body.find(caption, first + 1) == std::string::npos);
}

TEST_CASE("The real web-scraped seeds lose their boilerplate and duplicate caption", "[text_reader]") {
  SKIP_WITHOUT_SHARED_CORPUS();
  const std::string seeds = test::shared_corpus_dir() + "/seeds/";
  const auto first = test::read_path(seeds + "000_188ba981715c0ded.txt", InputFormat::kText);
  REQUIRE(first.articles.size() == 1);
  CHECK(first.articles[0].title == "Kerry and Putin to Sit Down for High Stakes Talks");
  CHECK(first.articles[0].body.find("IE 11") == std::string::npos);
  const auto second = test::read_path(seeds + "004_ae7f84a818a98b3c.txt", InputFormat::kText);
  REQUIRE(second.articles.size() == 1);
  CHECK(second.articles[0].title == "Kerry Travels to Russia for Meeting with Putin");
  const std::string caption = "meets with Russian Foreign Minister Sergey Lavrov in Geneva";
  const auto at = second.articles[0].body.find(caption);
  REQUIRE(at != std::string::npos);
  CHECK(second.articles[0].body.find(caption, at + 1) == std::string::npos);
}

TEST_CASE("Headline first, body after, for BBC-style files", "[text_reader]") {
  test::TempDir dir;
  test::write_file(dir / "001.txt", "Ad sales boost profits\n\nQuarterly profits jumped.\n\nThe firm said more.\n");
  const auto sink = test::read_path(dir / "001.txt", InputFormat::kText, "bbc/business/001.txt");
  REQUIRE(sink.articles.size() == 1);
  CHECK(sink.articles[0].id == "bbc/business/001.txt");
  CHECK(sink.articles[0].title == "Ad sales boost profits");
  CHECK(sink.articles[0].body == "Quarterly profits jumped.\n\nThe firm said more.");
  CHECK_FALSE(sink.articles[0].published);
}

TEST_CASE("Header lists are explicit facets and a bad date is a warning", "[text_reader]") {
  test::TempDir dir;
  test::write_file(dir / "a.txt",
                   "Title: Talks\nDate: sometime soon\nPeople: Ana Lima; Rui Costa\nPlaces: Porto\n\nBody text.\n");
  const auto sink = test::read_path(dir / "a.txt", InputFormat::kText);
  REQUIRE(sink.articles.size() == 1);
  CHECK(sink.articles[0].explicit_people);
  CHECK(sink.articles[0].people == std::vector<std::string>{"Ana Lima", "Rui Costa"});
  CHECK(sink.articles[0].places == std::vector<std::string>{"Porto"});
  REQUIRE(sink.warnings.size() == 1);
  CHECK(sink.warnings[0].line == 2);
  CHECK_THAT(sink.warnings[0].reason, Catch::Contains("sometime soon"));
}

TEST_CASE("A byline under the headline becomes the author", "[text_reader]") {
  test::TempDir dir;
  test::write_file(dir / "a.txt", "Headline here\nBy Jane Smith\n\nThe story.\n");
  const auto sink = test::read_path(dir / "a.txt", InputFormat::kText);
  REQUIRE(sink.articles.size() == 1);
  CHECK(sink.articles[0].authors == std::vector<std::string>{"Jane Smith"});
  CHECK(sink.articles[0].body == "The story.");
}

TEST_CASE("Empty, binary and oversized files are rejected with the file named", "[text_reader]") {
  test::TempDir dir;
  test::write_file(dir / "empty.txt", "\n\n  \n");
  test::write_file(dir / "binary.txt", std::string("\x7f"
                                                   "ELF\0\0\0\x01\x02",
                                                   9));
  test::write_file(dir / "big.txt", "Title\n\n" + std::string(2 << 20, 'a'));
  for (const char* name : {"empty.txt", "binary.txt", "big.txt"}) {
    CAPTURE(name);
    const auto sink = test::read_path(dir / name, InputFormat::kText);
    CHECK(sink.articles.empty());
    REQUIRE(sink.rejected.size() == 1);
    CHECK(sink.rejected[0].file == dir / name);
  }
}

TEST_CASE("Text that is not UTF-8 is read as Windows-1252 with a warning", "[text_reader]") {
  test::TempDir dir;
  test::write_file(dir / "a.txt",
                   "Caf\xe9 owners protest\n\nSe\xe1n O\x92Neill called it \x93unfair\x94 \x96 and left.\n");
  const auto sink = test::read_path(dir / "a.txt", InputFormat::kText);
  REQUIRE(sink.articles.size() == 1);
  CHECK(sink.articles[0].title == "Café owners protest");
  CHECK(sink.articles[0].body == "Seán O’Neill called it “unfair” – and left.");
  REQUIRE(sink.warnings.size() == 1);
  CHECK_THAT(sink.warnings[0].reason, Catch::Contains("Windows-1252"));
}

TEST_CASE("Old Mac line ends (CR only) read like LF", "[text_reader]") {
  test::TempDir dir;
  test::write_file(dir / "mac.txt", "Title: Snow closes passes\rDate: 2016-01-04\r\rSnow fell.\r\rRoads shut.\r");
  const auto sink = test::read_path(dir / "mac.txt", InputFormat::kText);
  REQUIRE(sink.articles.size() == 1);
  CHECK(sink.articles[0].title == "Snow closes passes");
  CHECK(sink.articles[0].published->iso() == "2016-01-04");
  CHECK(sink.articles[0].body == "Snow fell.\n\nRoads shut.");
}

TEST_CASE("UTF-16 and UTF-32 with a byte order mark are decoded", "[text_reader]") {
  const std::string text = "Title: Floods cut rail link\n\nFloodwater cut the line near Děčín.\n";
  std::u16string utf16 = u"\uFEFFTitle: Floods cut rail link\n\nFloodwater cut the line near Děčín.\n";
  std::u32string utf32 = U"\uFEFFTitle: Floods cut rail link\n\nFloodwater cut the line near Děčín.\n";
  test::TempDir dir;
  test::write_file(dir / "16.txt", std::string(reinterpret_cast<const char*>(utf16.data()), utf16.size() * 2));
  test::write_file(dir / "32.txt", std::string(reinterpret_cast<const char*>(utf32.data()), utf32.size() * 4));
  for (const char* name : {"16.txt", "32.txt"}) {
    CAPTURE(name);
    const auto sink = test::read_path(dir / name, InputFormat::kText);
    REQUIRE(sink.articles.size() == 1);
    CHECK(sink.articles[0].title == "Floods cut rail link");
    CHECK(sink.articles[0].body == "Floodwater cut the line near Děčín.");
    CHECK(sink.warnings.empty());
  }
}

TEST_CASE("A stray NUL byte is dropped with a warning", "[text_reader]") {
  test::TempDir dir;
  test::write_file(dir / "nul.txt", std::string("Hail damages vineyards\n\nGrowers counted losses.\0\n", 49));
  const auto sink = test::read_path(dir / "nul.txt", InputFormat::kText);
  REQUIRE(sink.articles.size() == 1);
  CHECK(sink.articles[0].body == "Growers counted losses.");
  REQUIRE(sink.warnings.size() == 1);
  CHECK_THAT(sink.warnings[0].reason, Catch::Contains("NUL"));
}
