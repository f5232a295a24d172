// dateline-search serve: the JSON contract over HTTP, for web backends, and
// the limits that keep any request from hurting the server.

#include "test_support.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <regex>
#include <thread>

using namespace dateline;
using nlohmann::json;

namespace {

// Starts the server on a free port; the port is read from its first line of output.
struct Server {
  test::TempDir dir;
  std::string database = dir / "db";
  std::string log = dir / "server.log";
  std::unique_ptr<test::Process> process;
  int port = 0;

  explicit Server(const std::vector<std::string>& options = {}, const std::string& input = test::corpus_dir()) {
    test::index(database, {input});
    std::vector<std::string> argv{test::search_binary(), "serve", "--db", database, "--listen", "127.0.0.1:0"};
    argv.insert(argv.end(), options.begin(), options.end());
    process = std::make_unique<test::Process>(argv, log);
    const std::regex listening("listening on http://127\\.0\\.0\\.1:([0-9]+)");
    for (int i = 0; i < 2000 && port == 0 && process->running(); ++i) {
      std::smatch match;
      const std::string output = test::read_file(log);
      if (std::regex_search(output, match, listening)) port = std::stoi(match[1]);
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    REQUIRE(port > 0);
  }

  httplib::Client client() const {
    httplib::Client client("127.0.0.1", port);
    client.set_url_encode(false);  // send the target as written, as a browser does
    return client;
  }
  httplib::Result get(const std::string& path) const { return client().Get(path.c_str()); }

  // The status and parsed body, failing the test when there is no answer or no JSON.
  std::pair<int, json> get_json(const std::string& path) const {
    const auto response = get(path);
    REQUIRE(response);
    CHECK(response->get_header_value("Content-Type") == "application/json");
    return {response->status, test::parse_json(response->body)};
  }
};

std::string percent_encoded(const std::string& text) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// A request written byte for byte, for what no well-behaved client sends; the
// answer is what arrives within two seconds (nothing when `answer` is false).
std::string raw_request(int port, const std::string& request, bool answer = true) {
  const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
  const timeval two_seconds{2, 0};
  ::setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &two_seconds, sizeof two_seconds);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(socket, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::send(socket, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size()));
  std::string received;
  char buffer[4096];
  while (answer) {
    const ssize_t got = ::recv(socket, buffer, sizeof buffer, 0);
    if (got <= 0) break;
    received.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(socket);
  return received;
}

}  // namespace

TEST_CASE("Search over HTTP answers with exactly the CLI's JSON", "[http]") {
  Server server;
  CHECK(server.get_json("/api/search?q=a%2Bb").second["query"] == "a+b");
  const auto [status, body] = server.get_json("/api/search?q=geneva+talks&facets=5&limit=2&sort=newest");
  CHECK(status == 200);
  const json cli = test::search(server.database, {"--facets=5", "-n", "2", "--sort", "newest", "geneva talks"});
  CHECK(body == cli);
}

TEST_CASE("Filters, articles by id and health over HTTP", "[http]") {
  Server server;
  CHECK(server.get_json("/api/search?place=chile&person=carla%20reyes&from=2021&limit=10").second["total"] == 1);
  const auto [status, article] = server.get_json("/api/article/reuters-90001");
  CHECK(status == 200);
  CHECK(article["title"] == "GHANA COCOA ARRIVALS RISE, PRICES EASE");
  const json marked = server.get_json("/api/article/reuters-90001?q=ghana").second;
  CHECK(marked == test::search(server.database, {"--show", "reuters-90001", "--query", "ghana"}));
  CHECK_THAT(marked["highlighted"]["body"].get<std::string>(), Catch::Contains("<mark>Ghana's</mark>"));
  CHECK(server.get_json("/api/article/reuters-90001?nope=1").first == 400);
  CHECK(server.get_json("/healthz").second == json({{"status", "ok"}, {"documents", test::kCorpusArticles}}));

  SECTION("a topic filter keeps only articles on that topic") {
    const json cocoa = server.get_json("/api/search?topic=cocoa&limit=50").second;
    REQUIRE(cocoa["total"] > 0);
    for (const json& hit : cocoa["results"]) {
      const json stored = server.get_json("/api/article/" + hit["id"].get<std::string>()).second;
      CHECK_THAT(stored["topics"].dump(), Catch::Contains("Cocoa"));
    }
  }
  SECTION("an id with slashes and spaces is found when URL-encoded") {
    const json any = server.get_json("/api/search?q=storm&limit=1").second;
    REQUIRE(any["total"] > 0);
    const std::string id = any["results"][0]["id"];
    CHECK(server.get_json("/api/article/" + percent_encoded(id)).second["id"] == id);
  }
}

TEST_CASE("Stories over HTTP: grouped hits, a story's timeline, related articles", "[http][stories]") {
  test::TempDir input;
  test::write_file(input / "wire.jsonl", test::peru_quake(1) + test::peru_quake(2) + test::peru_quake(3) +
                                             test::peru_copper("2016-03-09") + test::generated_articles(0, 20));
  Server server({}, input / "wire.jsonl");
  const json grouped = server.get_json("/api/search?q=arequipa+earthquake&collapse=1").second;
  REQUIRE_FALSE(grouped["results"].empty());
  const json story = grouped["results"][0]["story"];
  CHECK(story["articles"] == 3);
  CHECK(story["more_matching"] == 2);
  CHECK(grouped == test::search(server.database, {"--collapse", "arequipa earthquake"}));
  const json every = server.get_json("/api/search?q=arequipa+earthquake").second;
  CHECK(every["stories"].is_null());  // articles unless asked to group
  CHECK(every == test::search(server.database, {"arequipa earthquake"}));
  CHECK(server.get_json("/api/search?q=arequipa+earthquake&collapse=0").second == every);

  const auto [status, timeline] = server.get_json("/api/story/" + story["id"].get<std::string>());
  CHECK(status == 200);
  CHECK(timeline == test::search(server.database, {"--story", story["id"]}));
  CHECK(timeline["total"] == 3);

  const json related = server.get_json("/api/related/quake-1?limit=3").second;
  CHECK(related == test::search(server.database, {"--related", "quake-1", "-n", "3"}));
  REQUIRE_FALSE(related["results"].empty());
  CHECK(related["results"][0]["id"] == "copper");
  const json with_story = server.get_json("/api/related/quake-1?limit=3&story=1").second;
  CHECK(with_story["results"][0]["story"]["id"] == story["id"]);
  CHECK(server.get_json("/api/related/no-such-article").first == 404);
  CHECK(server.get_json("/api/story/000000000000").first == 404);
  CHECK(server.get_json("/api/story/" + story["id"].get<std::string>() + "?q=words").first == 400);
}

TEST_CASE("Export over HTTP streams what the CLI exports", "[http]") {
  Server server;
  const auto jsonl = server.get("/api/export?q=talks&place=geneva");
  REQUIRE(jsonl);
  CHECK(jsonl->status == 200);
  CHECK(jsonl->get_header_value("Content-Type") == "application/x-ndjson");
  CHECK(jsonl->body ==
        test::run({test::search_binary(), "--db", server.database, "--export", "jsonl", "--place", "geneva", "talks"})
            .out);
  const auto csv = server.get("/api/export?q=talks&format=csv&snippets=1");
  REQUIRE(csv);
  CHECK(csv->body ==
        test::run({test::search_binary(), "--db", server.database, "--export", "csv", "--snippets", "talks"}).out);
  CHECK(server.get_json("/api/export?q=talks&format=xml").first == 400);
  CHECK(server.get_json("/api/export?q=talks%20AND").first == 400);
  CHECK(server.get_json("/api/export?q=talks&limit=5").first == 400);
}

TEST_CASE("Bad requests get 400, unknown articles and paths 404, other methods 405, all as JSON errors", "[http]") {
  Server server;
  const auto expect_error = [&](const std::string& path, int status, const std::string& says) {
    INFO(path);
    const auto [got, body] = server.get_json(path);
    CHECK(got == status);
    CHECK(body["code"] == 1);
    CHECK_THAT(body["error"].get<std::string>(), Catch::Contains(says));
  };
  expect_error("/api/search?q=geneva+AND", 400, "AND");
  expect_error("/api/search?q=geneva&limit=many", 400, "limit");
  expect_error("/api/search?q=geneva&limit=-1", 400, "limit");
  expect_error("/api/search?q=geneva&limit=101", 400, "limit: at most 100");
  expect_error("/api/search?q=geneva&offset=99999999999999999999999", 400, "offset");
  expect_error("/api/search?q=geneva&sort=sideways", 400, "sort");
  expect_error("/api/search?q=geneva&from=yesterday", 400, "yesterday");
  expect_error("/api/search?q=geneva&plcae=chile", 400, "unknown parameter 'plcae'");
  expect_error("/api/search?q=" + std::string(1100, 'a'), 400, "q: at most 1024 bytes");
  expect_error("/api/search", 400, "empty query");
  expect_error("/api/article/nope", 404, "nope");
  expect_error("/nowhere", 404, "no such endpoint");

  const auto post = server.client().Post("/api/search", "q=geneva", "application/x-www-form-urlencoded");
  REQUIRE(post);
  CHECK(post->status == 405);
  CHECK(post->get_header_value("Allow") == "GET, HEAD");

  SECTION("bytes that are not text or not HTTP never take the server down") {
    const auto odd = server.get_json("/api/search?q=%FF%FE%00geneva%C3&person=%ZZ");
    CHECK((odd.first == 200 || odd.first == 400));
    CHECK_THAT(raw_request(server.port, "GARBAGE\r\n\r\n"), Catch::StartsWith("HTTP/1.1 400"));
    CHECK_THAT(raw_request(server.port, "GET /api/search?q=" + std::string(9000, 'x') + " HTTP/1.1\r\nHost: x\r\n\r\n"),
               Catch::StartsWith("HTTP/1.1 414"));
    raw_request(server.port, "GET /api/search?q=gen", false);  // cut off mid-request
    CHECK(server.get_json("/healthz").first == 200);
    CHECK(server.process->running());
  }
}

TEST_CASE("The server logs one line per request, and --quiet turns the log off", "[http]") {
  {
    Server server;
    server.get("/api/search?q=geneva");
    server.get("/nowhere");
    server.process->kill(SIGTERM);
    REQUIRE(server.process->wait() == 0);
    const std::string log = test::read_file(server.log);
    CHECK(std::regex_search(log, std::regex(R"(Z 127\.0\.0\.1 GET /api/search\?q=geneva 200 [0-9]+ [0-9.]+ms)")));
    CHECK(std::regex_search(log, std::regex(R"(GET /nowhere 404 )")));
  }
  Server quiet({"--quiet"});
  quiet.get("/api/search?q=geneva");
  quiet.process->kill(SIGTERM);
  REQUIRE(quiet.process->wait() == 0);
  CHECK(test::read_file(quiet.log).find("GET /api") == std::string::npos);
}

TEST_CASE("The search page is served self-contained", "[http]") {
  Server server;
  const auto page = server.get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Type") == "text/html; charset=utf-8");
  CHECK_THAT(page->get_header_value("Content-Security-Policy"), Catch::Contains("default-src 'none'"));
  CHECK_THAT(page->body, Catch::Contains("/api/search?"));
  CHECK(!std::regex_search(page->body, std::regex(R"((src|href)="https?:)")));
}

TEST_CASE("The server follows a re-index without a restart", "[http]") {
  Server server;
  CHECK(server.get_json("/api/search?q=zanzibar").second["total"] == 0);
  const std::string extra = server.dir / "extra.jsonl";
  test::write_file(
      extra,
      R"({"id": "late-1", "title": "Zanzibar ferry resumes", "body": "The Zanzibar ferry sailed again.", "date": "2022-05-01"})"
      "\n");
  for (int pass = 0; pass < 2; ++pass) {  // twice: every worker keeps its own open database
    test::index(server.database, {extra});
    std::vector<std::thread> clients;
    std::atomic<int> found{0};
    for (int c = 0; c < 6; ++c) {
      clients.emplace_back([&] {
        if (server.get_json("/api/search?q=zanzibar").second["total"] == 1) ++found;
      });
    }
    for (auto& client : clients) client.join();
    CHECK(found == 6);
  }
  CHECK(server.get_json("/healthz").second["documents"] == test::kCorpusArticles + 1);
}

TEST_CASE("Concurrent clients all get answers, and SIGTERM stops the server cleanly", "[http]") {
  Server server({"--threads", "4"});
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < 20; ++i) {
        const auto response = server.get("/api/search?q=" + std::string(c % 2 ? "bank" : "talks") + "&facets=3");
        if (response && response->status == 200 && test::parse_json(response->body)["total"] > 0) ++ok;
      }
    });
  }
  for (auto& client : clients) client.join();
  CHECK(ok == 160);
  server.process->kill(SIGTERM);
  CHECK(server.process->wait() == 0);
}

TEST_CASE("serve reports a bad address or a missing database with exit codes", "[http]") {
  test::TempDir dir;
  const auto bad = test::run({test::search_binary(), "serve", "--db", dir / "db", "--listen", "127.0.0.1:http"});
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.err, Catch::Contains("--listen: expected [HOST:]PORT"));
  const auto missing = test::run({test::search_binary(), "serve", "--db", dir / "none", "--listen", "127.0.0.1:0"});
  CHECK(missing.exit_code == 2);
  CHECK_THAT(missing.err, Catch::Contains("no database at"));
}

TEST_CASE("A second server on a port in use fails with exit code 2 and leaves the first one serving", "[http]") {
  Server first;
  test::TempDir other;
  test::write_file(other / "other.jsonl", test::generated_articles(0, 3));
  test::index(other / "db", {other / "other.jsonl"});
  const std::string address = "127.0.0.1:" + std::to_string(first.port);
  // Run in the background: a second server that binds anyway would serve forever.
  test::Process second({test::search_binary(), "serve", "--db", other / "db", "--listen", address}, other / "log");
  for (int i = 0; i < 1000 && second.running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (second.running()) second.kill(SIGTERM);
  CHECK(second.wait() == 2);
  const std::string output = test::read_file(other / "log");
  CHECK(output.find("listening on http") == std::string::npos);
  CHECK_THAT(output, Catch::Contains("cannot listen on " + address + ": the address is already in use"));
  // Every connection reaches the first server's database.
  for (int i = 0; i < 8; ++i) CHECK(first.get_json("/healthz").second["documents"] == test::kCorpusArticles);
}
