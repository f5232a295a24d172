// WARC files as a crawler writes them: GNU wget fetches the real web pages of
// ../shared/corpus/web from a local HTTP server with --warc-file, and
// dateline-index reads the .warc.gz it wrote, then damaged copies of it.
// Skipped when the corpus is absent.

#include "byte_source.h"

#include "test_support.h"

#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <thread>

using namespace dateline;
using nlohmann::json;

namespace {

// Serves a folder on a free loopback port for as long as it lives.
class FolderServer {
 public:
  explicit FolderServer(const std::string& folder) {
    server_.set_mount_point("/", folder);
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FolderServer() {
    server_.stop();
    thread_.join();
  }
  FolderServer(const FolderServer&) = delete;
  FolderServer& operator=(const FolderServer&) = delete;
  std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(port_) + "/" + path; }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

std::vector<std::string> web_pages() {
  std::vector<std::string> pages;
  for (const auto& entry : std::filesystem::directory_iterator(test::shared_corpus_dir() + "/web")) {
    pages.push_back(entry.path().filename());
  }
  std::sort(pages.begin(), pages.end());
  return pages;
}

std::string decompress(const std::string& path) {
  auto source = common::ByteSource::open(path);
  bool truncated = false;
  return common::read_all(*source, std::size_t{1} << 30, truncated);
}

// Where the response record for `url` starts (wget writes a request record for it first).
std::size_t response_record(const std::string& warc, const std::string& url) {
  const std::string target = "WARC-Target-URI: <" + url + ">";
  for (std::size_t at = warc.find(target); at != std::string::npos; at = warc.find(target, at + 1)) {
    const std::size_t record = warc.rfind("WARC/1.0\r\n", at);
    if (warc.substr(record, at - record).find("WARC-Type: response") != std::string::npos) return record;
  }
  return std::string::npos;
}

// wget's WARC of every page, one JSON file (not HTML) and one missing page (404).
struct Crawl {
  test::TempDir dir;
  std::vector<std::string> urls;
  std::string warc;
};

void make_crawl(Crawl& c) {
  const FolderServer server(test::shared_corpus_dir() + "/web");
  for (const std::string& page : web_pages()) c.urls.push_back(server.url(page + "/source.html"));
  std::string list;
  for (const std::string& url : c.urls) list += url + "\n";
  list += server.url("aclu/expected-metadata.json") + "\n" + server.url("no-such-page.html") + "\n";
  test::write_file(c.dir / "urls.txt", list);
  const auto wget = test::run({"/usr/bin/env", "wget", "--quiet", "--tries=1", "--warc-file=" + c.dir / "crawl",
                               "--input-file", c.dir / "urls.txt", "--output-document", c.dir / "pages"});
  INFO(wget.err);
  c.warc = c.dir / "crawl.warc.gz";
  REQUIRE(std::filesystem::exists(c.warc));
}

// Made once for the test cases of one run.
const Crawl& crawl() {
  static const std::unique_ptr<Crawl> made = [] {
    auto c = std::make_unique<Crawl>();
    make_crawl(*c);
    return c;
  }();
  return *made;
}

}  // namespace

TEST_CASE("A WARC made by wget is indexed: each page by its URL, every other record counted", "[warc]") {
  SKIP_WITHOUT_SHARED_CORPUS();
  const Crawl& c = crawl();
  test::TempDir dir;
  const json summary = test::index(dir / "db", {c.warc});
  CHECK(summary["added"] == c.urls.size());
  CHECK(summary["failed"] == 0);
  const json& skipped = summary["skipped"];
  CHECK(skipped["request"] == c.urls.size() + 2);
  CHECK(skipped["non-HTML response"] == 1);
  CHECK(skipped["non-200 response"] == 1);
  CHECK(skipped["warcinfo"] == 1);
  CHECK(skipped["metadata"] == 1);
  for (const std::string& url : c.urls) {
    CAPTURE(url);
    const json article = test::search(dir / "db", {"--show", url});
    CHECK(article["id"] == url);
    CHECK_FALSE(article["title"].get<std::string>().empty());
    CHECK(article["body"].get<std::string>().size() > 500);
    CHECK(article["date"].is_string());  // the page's own date, else the crawl's (WARC-Date)
  }
  const json bbc = test::search(dir / "db", {"--show", c.urls[3]});
  CHECK(bbc["title"] == "Obama admits US gun laws are his 'biggest frustration'");
  CHECK(bbc["date"] == "2015-07-24");
  CHECK(bbc["url"] == "http://www.bbc.com/news/world-us-canada-33646704");
  CHECK(bbc["source"] == "BBC News");
  const json hits = test::search(dir / "db", {"--source", "BBC News", "gun laws"});
  CHECK(hits["total"] == 1);
}

TEST_CASE("The same WARC uncompressed or zstd-compressed reads the same", "[warc]") {
  SKIP_WITHOUT_SHARED_CORPUS();
  const Crawl& c = crawl();
  test::TempDir dir;
  const std::string plain = decompress(c.warc);
  test::write_file(dir / "crawl.warc", plain);
  test::write_file(dir / "crawl.warc.zst", test::zstd_compress(plain));
  for (const char* name : {"crawl.warc", "crawl.warc.zst"}) {
    CAPTURE(name);
    const json summary = test::index(dir / (std::string(name) + ".db"), {dir / name});
    CHECK(summary["added"] == c.urls.size());
    CHECK(summary["failed"] == 0);
  }
}

TEST_CASE("A truncated record is reported with its byte offset, the records around it are indexed", "[warc]") {
  SKIP_WITHOUT_SHARED_CORPUS();
  const Crawl& c = crawl();
  std::string warc = decompress(c.warc);
  // Cut 3000 bytes out of the body of the fifth page's response.
  const std::size_t record = response_record(warc, c.urls[4]);
  REQUIRE(record != std::string::npos);
  const std::size_t body = warc.find("<body", record);
  warc.erase(body, 3000);
  test::TempDir dir;
  test::write_file(dir / "cut.warc", warc);
  const json summary = test::index(dir / "db", {dir / "cut.warc"}, 3);
  CHECK(summary["added"] == c.urls.size() - 1);
  CHECK(summary["failed"] == 1);
  REQUIRE(summary["errors"].size() == 1);
  CHECK_THAT(summary["errors"][0]["reason"].get<std::string>(),
             Catch::StartsWith("record at byte " + std::to_string(record) + ": truncated or corrupt record") &&
                 Catch::Contains(c.urls[4]));
  CHECK(test::search(dir / "db", {"--show", c.urls[3]})["id"] == c.urls[3]);
  CHECK(test::search(dir / "db", {"--show", c.urls[5]})["id"] == c.urls[5]);
}

TEST_CASE("A corrupt gzip member loses its record only", "[warc]") {
  SKIP_WITHOUT_SHARED_CORPUS();
  const Crawl& c = crawl();
  std::string gz = test::read_file(c.warc);
  // wget writes one gzip member a record: damage the middle of the largest.
  std::vector<std::size_t> members;
  for (std::size_t at = gz.find("\x1f\x8b\x08"); at != std::string::npos; at = gz.find("\x1f\x8b\x08", at + 1)) {
    members.push_back(at);
  }
  members.push_back(gz.size());
  std::size_t largest = 0;
  for (std::size_t i = 1; i + 1 < members.size(); ++i) {
    if (members[i + 1] - members[i] > members[largest + 1] - members[largest]) largest = i;
  }
  const std::size_t middle = (members[largest] + members[largest + 1]) / 2;
  for (std::size_t i = middle; i < middle + 64; ++i) gz[i] = static_cast<char>(gz[i] ^ 0x5A);
  test::TempDir dir;
  test::write_file(dir / "bad.warc.gz", gz);
  const json summary = test::index(dir / "db", {dir / "bad.warc.gz"}, 3);
  CHECK(summary["added"] == c.urls.size() - 1);
  CHECK(summary["failed"] == 1);
  REQUIRE(summary["errors"].size() == 1);
  CHECK_THAT(summary["errors"][0]["reason"].get<std::string>(),
             Catch::StartsWith("record at byte ") && Catch::Contains("corrupt gzip data"));
}
