// Real text in every encoding and lenient form an archive holds, indexed and
// searched through the real binaries: invented inputs of the kinds in
// ../shared/cases (01, 02, 04, 06, 07, 08).

#include "test_support.h"

using namespace dateline;
using nlohmann::json;

TEST_CASE("Legacy encodings, odd line ends and lenient fields are read as a reader means them", "[encodings]") {
  test::TempDir dir;
  const std::string in = dir / "archive";
  test::write_file(in + "/cp1252.txt",
                   "Title: Pilots end strike in Cork\nDate: 2015-05-12\n\nDeclan O\x92"
                   "Brien, the union\x92s spokesman, called it \x93"
                   "fair\x94 \x96 a 4 per cent rise.\n");
  test::write_file(in + "/c1.sgm",
                   "<REUTERS NEWID=\"70001\"><DATE>12-MAY-2015 10:15:00.00</DATE><TEXT><TITLE>PILOTS ACCEPT "
                   "&#147;FINAL&#148; OFFER</TITLE><BODY>The union&#146;s man said&#133;</BODY></TEXT></REUTERS>\n");
  test::write_file(in + "/ids.jsonl",
                   "{\"id\": 18446744073709551615, \"title\": \"Dockers in Antwerp vote to strike\", \"date\": "
                   "1431424800.25}\n{\"id\": -1, \"title\": \"Tram drivers in Ghent accept pay deal\", \"date\": "
                   "1431424800000}\n");
  test::write_file(in + "/mac.txt", "Title: Snow closes Alpine passes\rDate: 12th May 2015\r\rHeavy snow fell.\r");
  const std::u16string utf16 = u"\uFEFFTitle: Floods cut the Prague rail link\n\nFloodwater cut the line.\n";
  test::write_file(in + "/utf16.txt", std::string(reinterpret_cast<const char*>(utf16.data()), utf16.size() * 2));
  test::write_file(in + "/nul.txt", std::string("Title: Hail damages vineyards\n\nGrowers counted losses.\0\n", 56));

  const json summary = test::index(dir / "db", {in});
  CHECK(summary["added"] == 7);
  CHECK(summary["failed"] == 0);
  CHECK(summary["skipped"] == json::object());

  const json obrien = test::search(dir / "db", {"O'Brien"});
  REQUIRE(obrien["total"] == 1);
  const json cork = test::search(dir / "db", {"--show", obrien["results"][0]["id"]});
  CHECK(cork["body"] == "Declan O’Brien, the union’s spokesman, called it “fair” – a 4 per cent rise.");
  const json reuters = test::search(dir / "db", {"--show", "reuters-70001"});
  CHECK(reuters["title"] == "PILOTS ACCEPT “FINAL” OFFER");
  CHECK(reuters["body"] == "The union’s man said…");
  CHECK(test::search(dir / "db", {"--show", "18446744073709551615"})["date"] == "2015-05-12");
  CHECK(test::search(dir / "db", {"--show=-1"})["date"] == "2015-05-12");
  const json mac = test::search(dir / "db", {"--show", "archive/mac.txt"});
  CHECK(mac["title"] == "Snow closes Alpine passes");
  CHECK(mac["date"] == "2015-05-12");
  CHECK(mac["body"] == "Heavy snow fell.");
  CHECK(test::search(dir / "db", {"--show", "archive/utf16.txt"})["title"] == "Floods cut the Prague rail link");
  CHECK(test::search(dir / "db", {"--show", "archive/nul.txt"})["body"] == "Growers counted losses.");
  std::vector<std::string> warnings;
  for (const json& warning : summary["warnings"]) warnings.push_back(warning["reason"]);
  CHECK(warnings == std::vector<std::string>{"text is not valid UTF-8; invalid bytes were read as Windows-1252",
                                             "1 stray NUL byte(s) dropped"});
}
