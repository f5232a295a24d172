#include "warc_reader.h"

#include "reader_test_support.h"
#include "test_support.h"

#include <map>

using namespace dateline;
using common::InputFormat;

namespace {

std::string record(const std::string& type, const std::string& uri, const std::string& block,
                   const std::string& content_type = "application/http; msgtype=response") {
  return "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
         "\r\nWARC-Date: 2024-03-05T10:00:00Z\r\nContent-Type: " + content_type +
         "\r\nContent-Length: " + std::to_string(block.size()) + "\r\n\r\n" + block + "\r\n\r\n";
}

std::string http(const std::string& status, const std::string& headers, const std::string& body) {
  return "HTTP/1.1 " + status + "\r\n" + headers + "\r\n" + body;
}

const std::string kPage =
    "<html><head><title>Gales close bridges</title></head><body><article><p>High winds closed the Forth and Tay "
    "bridges to high-sided vehicles on Tuesday, and ferries to the islands stayed in port all day.</p>"
    "</article></body></html>";

struct Sink : test::CollectingSink {
  std::map<std::string, int> skipped;
  void skip(const std::string& kind) override { ++skipped[kind]; }
};

Sink read_warc(const std::string& bytes) {
  Sink sink;
  auto source = common::ByteSource::from_memory(bytes, "crawl.warc");
  common::make_reader(InputFormat::kWarc)->read(*source, {"crawl.warc", "/crawl.warc", "crawl.warc", 1 << 20}, sink);
  return sink;
}

}  // namespace

TEST_CASE("HTML responses are articles, other records are counted by kind", "[warc_reader]") {
  const std::string warc =
      record("warcinfo", "", "software: test\r\n", "application/warc-fields") +
      record("request", "http://a.example/1", "GET /1 HTTP/1.1\r\n\r\n", "application/http; msgtype=request") +
      record("response", "<http://a.example/1>", http("200 OK", "Content-Type: text/html\r\n", kPage)) +
      record("response", "http://a.example/logo.png", http("200 OK", "Content-Type: image/png\r\n", "PNG")) +
      record("response", "http://a.example/gone", http("404 Not Found", "Content-Type: text/html\r\n", kPage)) +
      record("revisit", "http://a.example/1", http("200 OK", "Content-Type: text/html\r\n", "")) +
      record("metadata", "http://a.example/1", "outlinks: none\r\n", "application/warc-fields");
  const Sink sink = read_warc(warc);
  REQUIRE(sink.articles.size() == 1);
  const auto& article = sink.articles[0];
  CHECK(article.id == "http://a.example/1");
  CHECK(article.url == "http://a.example/1");
  CHECK(article.title == "Gales close bridges");
  CHECK(article.published->iso() == "2024-03-05");  // WARC-Date: the page states none
  CHECK(article.body.rfind("High winds closed", 0) == 0);
  CHECK(sink.rejected.empty());
  CHECK(sink.skipped == std::map<std::string, int>{{"warcinfo", 1},
                                                   {"request", 1},
                                                   {"non-HTML response", 1},
                                                   {"non-200 response", 1},
                                                   {"revisit", 1},
                                                   {"metadata", 1}});
}

TEST_CASE("The HTTP charset, chunked transfer and gzip encoding are honoured", "[warc_reader]") {
  const std::string latin1 = "<title>Caf\xe9 reopens</title><p>The caf\xe9 reopened at noon on Monday.</p>";
  std::string chunked;
  for (std::size_t at = 0; at < kPage.size(); at += 50) {
    const std::string piece = kPage.substr(at, 50);
    char size[16];
    std::snprintf(size, sizeof size, "%zx", piece.size());
    chunked += std::string(size) + "\r\n" + piece + "\r\n";
  }
  chunked += "0\r\n\r\n";
  const std::string warc =
      record("response", "http://a.example/cafe",
             http("200 OK", "Content-Type: text/html; charset=ISO-8859-1\r\n", latin1)) +
      record("response", "http://a.example/chunked",
             http("200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", chunked)) +
      record("response", "http://a.example/gzip",
             http("200 OK", "Content-Type: text/html\r\nContent-Encoding: gzip\r\n", test::gzip_compress(kPage)));
  const Sink sink = read_warc(warc);
  REQUIRE(sink.articles.size() == 3);
  CHECK(sink.articles[0].title == "Café reopens");
  CHECK(sink.articles[0].body == "The café reopened at noon on Monday.");
  CHECK(sink.articles[1].title == "Gales close bridges");
  CHECK(sink.articles[2].title == "Gales close bridges");
  CHECK(sink.warnings.empty());
}

TEST_CASE("A broken record is rejected with its offset and the next one read", "[warc_reader]") {
  const std::string first =
      record("response", "http://a.example/1", http("200 OK", "Content-Type: text/html\r\n", kPage));
  std::string broken = record("response", "http://a.example/2", http("200 OK", "Content-Type: text/html\r\n", kPage));
  broken.erase(broken.size() / 2, 40);  // its Content-Length now runs into the next record
  const std::string last =
      record("response", "http://a.example/3", http("200 OK", "Content-Type: text/html\r\n", kPage));
  const Sink sink = read_warc(first + broken + last + "garbage at the end");
  REQUIRE(sink.articles.size() == 2);
  CHECK(sink.articles[0].id == "http://a.example/1");
  CHECK(sink.articles[1].id == "http://a.example/3");
  REQUIRE(sink.rejected.size() == 2);
  CHECK_THAT(sink.rejected[0].reason,
             Catch::StartsWith("record at byte " + std::to_string(first.size()) + ": truncated or corrupt record") &&
                 Catch::Contains("http://a.example/2"));
  CHECK_THAT(sink.rejected[1].reason, Catch::Contains("no WARC record header"));
}

TEST_CASE("A record over the limit is passed over without being read whole", "[warc_reader]") {
  const std::string video(2 << 20, 'v');
  const std::string warc =
      record("response", "http://a.example/video", http("200 OK", "Content-Type: video/mp4\r\n", video)) +
      record("response", "http://a.example/1", http("200 OK", "Content-Type: text/html\r\n", kPage));
  const Sink sink = read_warc(warc);
  REQUIRE(sink.articles.size() == 1);
  CHECK(sink.skipped.at("non-HTML response") == 1);
  CHECK(sink.rejected.empty());
}
