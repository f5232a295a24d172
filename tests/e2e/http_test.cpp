// dateline-search --serve: the JSON contract over HTTP, for web backends.

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

  Server() {
    test::index(database, {test::corpus_dir()});
    process = std::make_unique<test::Process>(
        std::vector<std::string>{test::search_binary(), "--db", database, "--serve", "127.0.0.1:0"}, log);
    const std::regex listening("listening on http://127\\.0\\.0\\.1:([0-9]+)");
    for (int i = 0; i < 2000 && port == 0 && process->running(); ++i) {
      std::smatch match;
      const std::string output = test::read_file(log);
      if (std::regex_search(output, match, listening)) port = std::stoi(match[1]);
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    REQUIRE(port > 0);
  }

  httplib::Result get(const std::string& path) const {
    httplib::Client client("127.0.0.1", port);
    client.set_url_encode(false);  // send the query string as written, as a browser does
    return client.Get(path.c_str());
  }
};

}  // namespace

TEST_CASE("Search over HTTP answers with exactly the CLI's JSON", "[http]") {
  Server server;
  const auto plus = server.get("/search?q=a%2Bb");
  REQUIRE(plus);
  CHECK(test::parse_json(plus->body)["query"] == "a+b");
  const auto response = server.get("/search?q=geneva+talks&facets=5&limit=2&sort=newest");
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(response->get_header_value("Content-Type") == "application/json");
  const json cli = test::search(server.database, {"--facets=5", "-n", "2", "--sort", "newest", "geneva talks"});
  CHECK(test::parse_json(response->body) == cli);
}

TEST_CASE("Filters, articles and health over HTTP", "[http]") {
  Server server;
  const auto filtered = server.get("/search?place=chile&person=carla%20reyes&from=2021&limit=10");
  REQUIRE(filtered);
  CHECK(test::parse_json(filtered->body)["total"] == 1);
  const auto article = server.get("/article?id=reuters-90001");
  REQUIRE(article);
  CHECK(article->status == 200);
  CHECK(test::parse_json(article->body)["title"] == "GHANA COCOA ARRIVALS RISE, PRICES EASE");
  const auto health = server.get("/health");
  REQUIRE(health);
  CHECK(test::parse_json(health->body) == json({{"status", "ok"}, {"documents", test::kCorpusArticles}}));
}

TEST_CASE("Bad requests are 400, unknown articles and paths 404, all as JSON errors", "[http]") {
  Server server;
  const auto bad_query = server.get("/search?q=geneva+AND");
  REQUIRE(bad_query);
  CHECK(bad_query->status == 400);
  CHECK(test::parse_json(bad_query->body)["code"] == 1);
  const auto bad_limit = server.get("/search?q=geneva&limit=many");
  REQUIRE(bad_limit);
  CHECK(bad_limit->status == 400);
  CHECK_THAT(test::parse_json(bad_limit->body)["error"].get<std::string>(), Catch::Contains("limit"));
  const auto unknown = server.get("/article?id=nope");
  REQUIRE(unknown);
  CHECK(unknown->status == 404);
  const auto nowhere = server.get("/nowhere");
  REQUIRE(nowhere);
  CHECK(nowhere->status == 404);
  CHECK(test::parse_json(nowhere->body)["code"] == 1);
}

TEST_CASE("Concurrent clients all get answers, and SIGTERM stops the server cleanly", "[http]") {
  Server server;
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < 20; ++i) {
        const auto response = server.get("/search?q=" + std::string(c % 2 ? "bank" : "talks") + "&facets=3");
        if (response && response->status == 200 && test::parse_json(response->body)["total"] > 0) ++ok;
      }
    });
  }
  for (auto& client : clients) client.join();
  CHECK(ok == 160);
  server.process->kill(SIGTERM);
  CHECK(server.process->wait() == 0);
}
