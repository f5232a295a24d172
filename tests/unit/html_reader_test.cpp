#include "html_reader.h"

#include "reader_test_support.h"
#include "test_support.h"

using namespace dateline;
using common::InputFormat;

namespace {

// An invented news page with the furniture real pages have around the story.
std::string news_page(const std::string& head, const std::string& article_extra = "") {
  std::string story;
  for (int i = 0; i < 6; ++i) {
    story +=
        "<p>The harbour pilots of Cork voted on Monday, after long talks, to accept the port company's offer, "
        "which raises their pay by four per cent over two years, the union said in paragraph " +
        std::to_string(i) + ".</p>\n";
  }
  return "<!DOCTYPE html><html lang=\"en-IE\"><head>" + head +
         "</head><body>"
         "<div id=\"cookie-banner\">We use cookies. <a href=\"/privacy\">Accept all cookies</a></div>"
         "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li>"
         "<li><a href=\"/sport\">Sport</a></li></ul></nav>"
         "<div class=\"share-tools\"><a href=\"#\">Share on Facebook</a> <a href=\"#\">Tweet</a></div>"
         "<main><article><!-- <script> in a comment is no tag --><h1>Cork pilots accept pay offer</h1>"
         "<p class=\"byline\">By Declan Murphy</p>" +
         article_extra + story +
         "<blockquote>It is a fair deal, said the union's spokesman.</blockquote>"
         "<figure><img src=\"p.jpg\"><figcaption>Pilots at the port of Cork on Monday.</figcaption></figure>"
         "</article></main>"
         "<aside class=\"related\"><h2>Related</h2><ul><li><a href=\"/a\">Dockers strike in Antwerp over "
         "pensions</a></li><li><a href=\"/b\">Ferry crossings cancelled in gales</a></li></ul></aside>"
         "<div id=\"comments\"><h3>Comments</h3><p>First! This comment section is full of nonsense, as usual, "
         "says a reader who did not read the story.</p></div>"
         "<footer><p>Copyright Cork Daily News. All rights reserved.</p></footer>"
         "<script>var tracking = 'should never be text';</script>"
         "<SCRIPT type=\"text/javascript\">document.write('<p>Written by a script</p>');</SCRIPT>"
         "<style>p { color: red }</style></body></html>";
}

common::Article read_page(const std::string& bytes, test::CollectingSink& sink) {
  auto source = common::ByteSource::from_memory(bytes, "page.html");
  const common::ReadContext context{"page.html", "/web/page.html", "web/page.html", 1 << 20};
  common::make_reader(InputFormat::kHtml)->read(*source, context, sink);
  REQUIRE(sink.articles.size() == 1);
  return sink.articles[0];
}

}  // namespace

TEST_CASE("HTML pages are recognised by name and by content", "[html_reader]") {
  CHECK(common::detect_format("page.html", "") == InputFormat::kHtml);
  CHECK(common::detect_format("PAGE.HTM.gz", "") == InputFormat::kHtml);
  CHECK(common::detect_format("-", "\xEF\xBB\xBF<!doctype html><html>") == InputFormat::kHtml);
  CHECK(common::detect_format("saved", "  <HTML lang=en>") == InputFormat::kHtml);
  CHECK(common::detect_format("crawl.warc.gz", "") == InputFormat::kWarc);
  CHECK(common::detect_format("-", "WARC/1.1\r\n") == InputFormat::kWarc);
}

TEST_CASE("The article's text is kept, the page's furniture is not", "[html_reader]") {
  test::CollectingSink sink;
  const auto article = read_page(news_page("<title>Cork pilots accept pay offer | Cork Daily News</title>"), sink);
  CHECK(article.id == "web/page.html");
  CHECK(article.title == "Cork pilots accept pay offer");
  CHECK(article.authors == std::vector<std::string>{"Declan Murphy"});
  CHECK(article.language == "en-IE");
  CHECK(article.body.rfind("The harbour pilots of Cork voted on Monday", 0) == 0);
  CHECK_THAT(article.body, Catch::Contains("paragraph 5.\n\nIt is a fair deal, said the union's spokesman."));
  CHECK_THAT(article.body, Catch::Contains("Pilots at the port of Cork on Monday."));
  for (const char* furniture : {"cookies", "Home", "Share on Facebook", "Related", "Antwerp", "First!", "Copyright",
                                "tracking", "Written by a script", "color", "By Declan Murphy"}) {
    CAPTURE(furniture);
    CHECK(article.body.find(furniture) == std::string::npos);
  }
  CHECK(sink.warnings.empty());
}

TEST_CASE("Metadata comes from JSON-LD first, then Open Graph and <meta>", "[html_reader]") {
  const std::string json_ld =
      "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@graph\": [{\"@type\": "
      "\"WebSite\", \"name\": \"Site\"}, {\"@type\": [\"NewsArticle\"], \"headline\": \"Pilots accept "
      "&#8216;fair&#8217; "
      "offer\", \"datePublished\": \"2015-05-12T10:00:00+01:00\", \"author\": [{\"@type\": \"Person\", \"name\": \"Ann "
      "Lee\"}, {\"name\": \"Tom Roe\"}], \"publisher\": {\"@type\": \"Organization\", \"name\": \"Cork Daily "
      "News\"}}]}</script>";
  const std::string open_graph =
      "<meta property=\"og:title\" content=\"OG title\"><meta property=\"og:site_name\" content=\"OG Site\">"
      "<meta property=\"article:published_time\" content=\"2016-01-01\"><meta name=\"author\" content=\"Meta "
      "Author\"><link rel=\"canonical\" href=\"/news/2015/pilots\"><meta property=\"og:url\" "
      "content=\"https://example.ie/og\">";
  test::CollectingSink with_json_ld;
  const auto first = read_page(news_page(json_ld + open_graph), with_json_ld);
  CHECK(first.title == "Pilots accept ‘fair’ offer");
  CHECK(first.published->iso() == "2015-05-12");
  CHECK(first.authors == std::vector<std::string>{"Ann Lee", "Tom Roe"});
  CHECK(first.source == "Cork Daily News");
  CHECK(first.url == "https://example.ie/og");  // the canonical link is relative and the page has no address

  test::CollectingSink without;
  const auto second = read_page(news_page(open_graph), without);
  CHECK(second.title == "OG title");
  CHECK(second.published->iso() == "2016-01-01");
  CHECK(second.authors == std::vector<std::string>{"Meta Author"});
  CHECK(second.source == "OG Site");
}

TEST_CASE("Without metadata: <title> less the site, <time datetime>, a visible byline", "[html_reader]") {
  test::CollectingSink sink;
  const std::string page =
      "<html><head><title>Cork pilots accept pay offer - News - Cork Daily</title></head><body><article>"
      "<h1>Cork pilots accept pay offer</h1><p>By Siobhan O'Neill and Liam Walsh, "
      "<time datetime=\"2015-05-12T09:00\">May 12, 2015</time></p>"
      "<p>The harbour pilots of Cork voted on Monday to accept the offer, which raises their pay, the union "
      "said, after talks that lasted, on and off, for most of the spring and into the early summer months.</p>"
      "</article></body></html>";
  const auto article = read_page(page, sink);
  CHECK(article.title == "Cork pilots accept pay offer");
  CHECK(article.published->iso() == "2015-05-12");
  CHECK(article.authors == std::vector<std::string>{"Siobhan O'Neill", "Liam Walsh"});
  CHECK(article.body.rfind("The harbour pilots", 0) == 0);
}

TEST_CASE("Charsets: <meta>, byte order marks, and undeclared bytes read as Windows-1252", "[html_reader]") {
  const std::string body =
      "<p>Declan O\x92"
      "Brien said the caf\xe9 reopened.</p>";
  test::CollectingSink declared;
  const auto latin = read_page(
      "<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title></head><body>" + body + "</body></html>",
      declared);
  CHECK(latin.title == "Café");
  CHECK(latin.body == "Declan O’Brien said the café reopened.");
  CHECK(declared.warnings.empty());

  test::CollectingSink undeclared;
  const auto guessed =
      read_page("<html><head><title>Caf\xe9</title></head><body>" + body + "</body></html>", undeclared);
  CHECK(guessed.body == "Declan O’Brien said the café reopened.");
  REQUIRE(undeclared.warnings.size() == 1);
  CHECK_THAT(undeclared.warnings[0].reason, Catch::Contains("Windows-1252"));

  const std::u16string utf16 = u"\uFEFF<html><head><title>Žďár</title></head><body><p>Text</p></body></html>";
  test::CollectingSink bom;
  const auto unicode = read_page(std::string(reinterpret_cast<const char*>(utf16.data()), utf16.size() * 2), bom);
  CHECK(unicode.title == "Žďár");

  test::CollectingSink resaved;  // re-saved as UTF-8, still declaring its old charset
  CHECK(read_page("<meta charset=\"gb2312\"><title>北京</title><p>x</p>", resaved).title == "北京");
}

TEST_CASE("Every HTML5 character reference is decoded, C1 numbers as HTML5 maps them", "[html_reader]") {
  test::CollectingSink sink;
  const auto article = read_page(
      "<title>A &amp; B</title><p>O&#146;Brien &hellip; &ncaron; &frac34; &NotGreaterFullEqual; &#x1F600;</p>", sink);
  CHECK(article.title == "A & B");
  CHECK(article.body == "O’Brien … ň ¾ ≧̸ \xF0\x9F\x98\x80");
}

TEST_CASE("A page with no text at all is rejected", "[html_reader]") {
  test::CollectingSink sink;
  auto source = common::ByteSource::from_memory("<html><body><script>x()</script></body></html>", "empty.html");
  common::make_reader(InputFormat::kHtml)->read(*source, {"empty.html", "/empty.html", "empty.html", 1 << 20}, sink);
  CHECK(sink.articles.empty());
  REQUIRE(sink.rejected.size() == 1);
  CHECK_THAT(sink.rejected[0].reason, Catch::Contains("neither a title nor a body"));
}
