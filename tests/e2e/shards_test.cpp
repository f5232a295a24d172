// Sharded archives (dateline-index --shards N) searched through Xapian stubs:
// local shards, shards served by xapian-tcpsrv on 127.0.0.1, shards that stop
// answering, and replicas kept by xapian-replicate. The same queries must give
// the same answers as one database of the same articles.

#include "schema.h"
#include "test_support.h"

#include <httplib.h>
#include <xapian.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <chrono>
#include <cmath>
#include <csignal>
#include <filesystem>
#include <regex>
#include <set>
#include <thread>

using namespace dateline;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  ::close(fd);
  return ntohs(address.sin_port);
}

bool accepts_connections(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return connected;
}

// A server of Xapian's (xapian-tcpsrv, xapian-replicate-server) on 127.0.0.1,
// in a session of its own: stopping it stops the children it forks for each
// connection too, as losing its machine would.
class XapianServer {
 public:
  XapianServer(std::vector<std::string> argv, const std::string& log, int port = 0)
      : port_(port > 0 ? port : free_port()) {
    argv.insert(argv.begin(), "/usr/bin/setsid");
    argv.push_back(std::to_string(port_));
    process_ = std::make_unique<test::Process>(argv, log);
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (!accepts_connections(port_) && Clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    REQUIRE(accepts_connections(port_));
  }
  ~XapianServer() { stop(); }
  XapianServer(const XapianServer&) = delete;
  XapianServer& operator=(const XapianServer&) = delete;

  int port() const { return port_; }
  void stop() {
    if (!process_) return;
    ::kill(-process_->pid(), SIGCONT);
    ::kill(-process_->pid(), SIGKILL);
    process_->wait();
    process_.reset();
  }
  // Still accepting connections (the kernel does), answering none.
  void pause() { ::kill(-process_->pid(), SIGSTOP); }
  void resume() { ::kill(-process_->pid(), SIGCONT); }

 private:
  int port_;
  std::unique_ptr<test::Process> process_;
};

std::unique_ptr<XapianServer> serve_shard(const std::string& shard, const std::string& log, int port = 0) {
  return std::make_unique<XapianServer>(
      std::vector<std::string>{"/usr/bin/xapian-tcpsrv", "--interface", "127.0.0.1", shard, "--port"}, log, port);
}

// The shards of `archive` served by xapian-tcpsrv, and a stub listing the
// archive's lexicon (spelling and synonyms) and the servers.
struct RemoteShards {
  std::vector<std::unique_ptr<XapianServer>> servers;
  std::string stub;

  RemoteShards(const std::string& archive, unsigned count, const std::string& stub_path) : stub(stub_path) {
    std::string lines = "auto " + archive + "/lexicon\n";
    for (unsigned n = 0; n < count; ++n) {
      const std::string shard = archive + "/shard-0" + std::to_string(n);
      servers.push_back(serve_shard(shard, stub_path + ".tcpsrv-" + std::to_string(n) + ".log"));
      lines += "remote 127.0.0.1:" + std::to_string(servers.back()->port()) + "\n";
    }
    test::write_file(stub, lines);
  }
  std::string name(std::size_t n) const { return "remote 127.0.0.1:" + std::to_string(servers[n]->port()); }
};

bool same_score(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b)); }

// Snippets through xapian-tcpsrv: Xapian's remote MSet carries each term's
// maximum weight as the shards estimate it (to about 1e-4), and the snippet
// weighs passages with it, so in a near-tie it may pick another passage.
enum class Snippets { kSame, kSameOrOtherPassage };

// Results equal but for the order of articles of equal score (their order is
// Xapian's document numbers, which differ between one database and shards):
// the same scores in the same order, and within each run of equal scores the
// same articles (or, grouped by story, the same stories). A run the page cuts
// short is left out.
void check_same_results(const json& one, const json& sharded, Snippets snippets = Snippets::kSame) {
  INFO("query " << one["query"]);
  CHECK(sharded["total"] == one["total"]);
  CHECK(sharded["total_exact"] == one["total_exact"]);
  // Without facets, story counts are estimates from the articles the matcher
  // happened to check, which differ with the shards; with them, it checks all.
  const bool every_match_checked = one.contains("facets");
  const bool grouped = !one["stories"].is_null();
  if (every_match_checked) CHECK(sharded["stories"] == one["stories"]);
  CHECK(sharded["suggestion"] == one["suggestion"]);
  CHECK(sharded["partial"] == false);
  const json& expected = one["results"];
  const json& actual = sharded["results"];
  REQUIRE(actual.size() == expected.size());
  std::map<std::string, json> expected_by_id;
  for (const json& hit : expected) expected_by_id[hit["id"]] = hit;
  std::size_t start = 0;
  while (start < expected.size()) {
    std::size_t end = start + 1;
    const double score = expected[start]["score"];
    while (end < expected.size() && same_score(expected[end]["score"], score)) ++end;
    std::multiset<std::string> want;
    std::multiset<std::string> got;
    for (std::size_t i = start; i < end; ++i) {
      CHECK(same_score(actual[i]["score"], expected[i]["score"]));
      // Grouped, a story's first article is one of its equal-scored ones.
      want.insert(grouped ? expected[i]["story"]["id"].get<std::string>() : expected[i]["id"].get<std::string>());
      got.insert(grouped ? actual[i]["story"]["id"].get<std::string>() : actual[i]["id"].get<std::string>());
    }
    if (end < expected.size() || expected.size() < one["limit"].get<std::size_t>()) CHECK(got == want);
    start = end;
  }
  for (const json& hit : actual) {
    const auto same = expected_by_id.find(hit["id"]);
    if (same == expected_by_id.end()) continue;
    if (snippets == Snippets::kSame) {
      CHECK(hit["snippet"] == same->second["snippet"]);
    } else if (hit["snippet"] != same->second["snippet"]) {
      CHECK_THAT(hit["snippet"].get<std::string>(), Catch::Contains("<mark>"));
    }
    CHECK(hit["story"]["id"] == same->second["story"]["id"]);
    if (every_match_checked) CHECK(hit["story"] == same->second["story"]);
    CHECK(hit["people"] == same->second["people"]);
  }
  CHECK(sharded.value("facets", json()) == one.value("facets", json()));
}

// Queries that use what a search can: ranking, phrases, OR and NOT, filters,
// dates, sorting by date, every article or one a story, facets, spelling.
const std::vector<std::vector<std::string>> kSmallCorpusQueries = {
    {"geneva", "talks", "--facets"},
    {"\"peace talks\" OR volkov", "--no-collapse", "--facets=5"},
    {"--place", "chile", "--sort", "newest", "central", "bank", "--no-collapse"},
    {"--person", "reyes", "--from", "2020", "--to", "2021-06", "--facets"},
    {"title:cocoa date:2020-03"},
    {"rotterdam -strike", "--facets"},
    {"Tavres"},
    {"--sort", "oldest", "coffee", "OR", "cocoa", "--facets"},
};

// Xapian 1.4 expands a wildcard shard by shard, with each shard's own term
// statistics: the same articles match, counted in the same facets, but their
// scores differ from one database's.
void check_same_matches(const json& one, const json& sharded) {
  INFO("query " << one["query"]);
  CHECK(sharded["total"] == one["total"]);
  std::set<std::string> want;
  std::set<std::string> got;
  for (const json& hit : one["results"]) want.insert(hit["id"].get<std::string>());
  for (const json& hit : sharded["results"]) got.insert(hit["id"].get<std::string>());
  if (one["total"] <= one["results"].size()) CHECK(got == want);  // else the page holds other ones
  CHECK(sharded.value("facets", json()) == one.value("facets", json()));
}

// The same kinds of query on the real corpora (Reuters, BBC, seeds).
const std::vector<std::vector<std::string>> kSharedCorpusQueries = {
    {"oil", "prices", "--facets"},
    {"\"interest rates\"", "--facets=10"},
    {"opec", "--no-collapse", "--facets", "--sort", "newest"},
    {"--source", "Reuters", "election", "--facets"},
    {"--place", "brazil", "--sort", "newest", "--facets"},
    {"--place", "japan", "trade", "surplus", "--facets"},
    {"--topic", "grain", "wheat -corn", "--no-collapse", "--facets=20"},
    {"--from", "1987-03", "--to", "1987-04", "dollar", "--facets"},
    {"compny", "profits"},
};

json search_json(const std::string& database, std::vector<std::string> arguments) {
  arguments.push_back("-n");
  arguments.push_back("50");
  return test::search(database, arguments);
}

// The inputs of the shared-corpus database (shared_corpus_test.cpp), in the same order.
std::vector<std::string> shared_corpus_inputs() {
  std::vector<std::string> inputs;
  for (const auto& entry : fs::directory_iterator(test::shared_corpus_dir() + "/reuters21578")) {
    if (entry.path().extension() == ".sgm") inputs.push_back(entry.path().string());
  }
  std::sort(inputs.begin(), inputs.end());
  inputs.push_back(test::shared_corpus_dir() + "/bbc");
  inputs.push_back(test::shared_corpus_dir() + "/seeds");
  return inputs;
}

}  // namespace

TEST_CASE("A sharded archive spreads articles over its shards, each with the same schema and dictionary", "[shards]") {
  test::TempDir dir;
  test::write_file(dir / "in/generated.jsonl", test::generated_articles(0, 1200));
  const json summary = test::index(dir / "archive", {"--shards", "3", dir / "in"});
  CHECK(summary["added"] == 1200);
  CHECK(summary["documents"] == 1200);
  CHECK(test::read_file(dir / "archive/XAPIANDB") == "auto shard-00\nauto shard-01\nauto shard-02\n");

  const json stats =
      test::parse_json(test::run({test::index_binary(), "--db", dir / "archive", "--stats", "--json"}).out);
  CHECK(stats["documents"] == 1200);
  REQUIRE(stats["shards"].size() == 3);
  std::uint64_t sum = 0;
  std::string dictionary;
  for (int n = 0; n < 3; ++n) {
    const json& shard = stats["shards"][n];
    CHECK(shard["database"] == fs::absolute(dir / ("archive/shard-0" + std::to_string(n))).string());
    CHECK(shard["documents"] > 300);  // a hash spreads 1,200 ids about evenly
    sum += shard["documents"].get<std::uint64_t>();
    const Xapian::Database database(shard["generation"].get<std::string>());
    CHECK(database.get_metadata(std::string(schema::kSchemaVersionKey)) == std::to_string(schema::kVersion));
    const std::string own = database.get_metadata(std::string(schema::kDictionaryKey));
    CHECK_FALSE(own.empty());
    if (n == 0) dictionary = own;
    CHECK(own == dictionary);
  }
  CHECK(sum == 1200);
  const std::string text = test::run({test::index_binary(), "--db", dir / "archive", "--stats"}).out;
  CHECK_THAT(text, Catch::Contains("shards       3"));
  CHECK_THAT(text, Catch::Contains("shard        " + fs::absolute(dir / "archive/shard-02").string() + ": "));
}

TEST_CASE("Incremental runs, deletes, prune and rebuilds work across the shards", "[shards]") {
  test::TempDir dir;
  fs::copy(test::corpus_dir(), dir / "corpus", fs::copy_options::recursive);
  test::index(dir / "archive", {"--shards", "3", dir / "corpus"});
  CHECK(test::index(dir / "archive", {dir / "corpus"})["unchanged"] == test::kCorpusArticles);
  CHECK(test::index(dir / "archive", {"--shards", "3", dir / "corpus"})["unchanged"] == test::kCorpusArticles);

  const json deleted = test::index(dir / "archive", {"--delete", "reuters-90001"});
  CHECK(deleted["deleted"] == 1);
  CHECK(test::search(dir / "archive", {"--show", "reuters-90001"}, 1)["code"] == 1);

  fs::remove(dir / "corpus/jsonl/wires.jsonl");  // 8 articles
  const json pruned = test::index(dir / "archive", {"--prune", dir / "corpus"});
  CHECK(pruned["pruned"] == 8);
  CHECK(pruned["added"] == 1);  // the deleted article is still in the input
  CHECK(pruned["documents"] == test::kCorpusArticles - 8);

  const json rebuilt = test::index(dir / "archive", {"--rebuild", dir / "corpus"});
  CHECK(rebuilt["rebuilt"] == true);
  CHECK(rebuilt["documents"] == test::kCorpusArticles - 8);
  CHECK(test::search(dir / "archive", {"--show", "reuters-90001"})["id"] == "reuters-90001");

  const auto other_count = test::run({test::index_binary(), "--db", dir / "archive", "--shards", "4", dir / "corpus"});
  CHECK(other_count.exit_code == 1);
  CHECK_THAT(other_count.err, Catch::Contains("has 3 shards"));
  test::index(dir / "single", {dir / "corpus"});
  const auto single = test::run({test::index_binary(), "--db", dir / "single", "--shards", "2", dir / "corpus"});
  CHECK(single.exit_code == 1);
  CHECK_THAT(single.err, Catch::Contains("is a single database"));
}

TEST_CASE("Local shards and xapian-tcpsrv shards answer every query as one database does", "[shards]") {
  test::TempDir dir;
  test::index(dir / "one", {test::corpus_dir()});
  test::index(dir / "archive", {"--shards", "3", test::corpus_dir()});
  const RemoteShards remote(dir / "archive", 3, dir / "remote.stub");
  for (const auto& query : kSmallCorpusQueries) {
    const json one = search_json(dir / "one", query);
    check_same_results(one, search_json(dir / "archive", query));
    check_same_results(one, search_json(remote.stub, query), Snippets::kSameOrOtherPassage);
  }
  const std::vector<std::string> wildcard = {"port*", "--no-collapse", "--facets=20"};
  check_same_matches(search_json(dir / "one", wildcard), search_json(remote.stub, wildcard));
  CHECK(search_json(remote.stub, {"Tavres"})["suggestion"] == "Tavares");
  const json article = test::search(dir / "one", {"--show", "reuters-90001"});
  CHECK(test::search(remote.stub, {"--show", "reuters-90001"}) == article);
  CHECK(test::search(dir / "archive", {"--show", "reuters-90001"}) == article);
}

TEST_CASE("A shard that does not answer is an error naming it, or the others' results flagged partial", "[shards]") {
  test::TempDir dir;
  test::index(dir / "archive", {"--shards", "3", test::corpus_dir()});
  RemoteShards remote(dir / "archive", 3, dir / "remote.stub");
  const std::string lost = remote.name(1);
  remote.servers[1]->stop();

  const auto failed = test::run({test::search_binary(), "--db", remote.stub, "geneva"});
  CHECK(failed.exit_code == 2);
  CHECK_THAT(failed.err, Catch::StartsWith("dateline-search: error: 1 of 4 shards did not answer: " + lost + " ("));

  const json partial = test::search(remote.stub, {"--allow-partial", "--facets", "geneva", "talks"});
  CHECK(partial["partial"] == true);
  CHECK(partial["missing_shards"] == json::array({lost}));
  CHECK_FALSE(partial["results"].empty());

  remote.servers[2]->pause();
  const auto started = Clock::now();
  const auto timed_out = test::run({test::search_binary(), "--db", remote.stub, "--shard-timeout", "1", "geneva"});
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  remote.servers[2]->resume();
  CHECK(timed_out.exit_code == 2);
  CHECK_THAT(timed_out.err, Catch::Contains("2 of 4 shards did not answer"));
  CHECK_THAT(timed_out.err, Catch::Contains(remote.name(2) + " (NetworkTimeoutError"));
  CHECK(seconds < 5);
}

TEST_CASE("The HTTP server answers 503 for a lost shard, partial=1 the others, and uses it again when it is back",
          "[shards]") {
  test::TempDir dir;
  test::index(dir / "archive", {"--shards", "3", test::corpus_dir()});
  RemoteShards remote(dir / "archive", 3, dir / "remote.stub");
  const std::string log = dir / "server.log";
  test::Process server({test::search_binary(), "serve", "--db", remote.stub, "--listen", "127.0.0.1:0",
                        "--shard-timeout", "1", "--threads", "1"},
                       log);
  int port = 0;
  const std::regex listening("listening on http://127\\.0\\.0\\.1:([0-9]+)");
  for (int i = 0; i < 2000 && port == 0 && server.running(); ++i) {
    std::smatch match;
    const std::string output = test::read_file(log);
    if (std::regex_search(output, match, listening)) port = std::stoi(match[1]);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  REQUIRE(port > 0);
  httplib::Client client("127.0.0.1", port);
  const auto get = [&](const std::string& path) {
    const auto response = client.Get(path.c_str());
    REQUIRE(response);
    return std::make_pair(response->status, test::parse_json(response->body));
  };

  const auto [status, all] = get("/api/search?q=geneva+talks&facets=5");
  CHECK(status == 200);
  CHECK(all["partial"] == false);

  const int lost_port = remote.servers[1]->port();
  remote.servers[1]->stop();
  const auto [lost_status, lost] = get("/api/search?q=geneva+talks");
  CHECK(lost_status == 503);
  CHECK_THAT(lost["error"].get<std::string>(), Catch::Contains(remote.name(1)));
  const auto [partial_status, partial] = get("/api/search?q=geneva+talks&partial=1");
  CHECK(partial_status == 200);
  CHECK(partial["partial"] == true);
  CHECK(partial["missing_shards"] == json::array({"remote 127.0.0.1:" + std::to_string(lost_port)}));

  remote.servers[1] = serve_shard(dir / "archive/shard-01", dir / "again.log", lost_port);
  const auto [back_status, back] = get("/api/search?q=geneva+talks&facets=5");
  CHECK(back_status == 200);
  CHECK(back["partial"] == false);
  CHECK(back["results"] == all["results"]);
  CHECK(back["facets"] == all["facets"]);
  server.kill(SIGTERM);
  CHECK(server.wait() == 0);
}

TEST_CASE("xapian-replicate keeps a search machine's replica in step with the indexing machine", "[shards]") {
  test::TempDir dir;
  test::index(dir / "archive", {"--shards", "2", test::corpus_dir()}, 0);
  const XapianServer master({"/usr/bin/xapian-replicate-server", "--interface", "127.0.0.1", dir / "archive", "--port"},
                            dir / "replicate-server.log");
  fs::create_directories(dir / "replica");
  const auto replicate = [&] {
    for (const std::string shard : {"lexicon", "shard-00", "shard-01"}) {
      const auto copied =
          test::run({"/usr/bin/xapian-replicate", "--host", "127.0.0.1", "--port", std::to_string(master.port()),
                     "--master", shard, "--one-shot", "--timeout", "10", dir / ("replica/" + shard)});
      INFO(copied.out << copied.err);
      REQUIRE(copied.exit_code == 0);
    }
  };
  replicate();
  test::write_file(dir / "replica/XAPIANDB", "auto lexicon\nauto shard-00\nauto shard-01\n");
  CHECK(test::search(dir / "replica", {"zanzibar"})["total"] == 0);

  test::write_file(dir / "more/ferry.jsonl",
                   R"({"id": "ferry-1", "title": "Zanzibar ferry resumes", "date": "2021-06-01", )"
                   R"("body": "The Zanzibar ferry resumed service on Monday after repairs to its engines."})"
                   "\n");
  test::index(dir / "archive", {dir / "more"}, 0);
  replicate();
  const json found = test::search(dir / "replica", {"zanzibar"});
  CHECK(test::result_ids(found) == std::vector<std::string>{"ferry-1"});
  CHECK(test::search(dir / "replica", {"Zanzibr"})["suggestion"] == "Zanzibar");

  // A rebuild makes new generations: the replica gets a full copy and switches to it.
  test::index(dir / "archive", {"--rebuild", test::corpus_dir(), dir / "more"}, 0);
  replicate();
  CHECK(test::result_ids(test::search(dir / "replica", {"zanzibar"})) == std::vector<std::string>{"ferry-1"});
  CHECK(test::search(dir / "replica", {"geneva"})["total"] == test::search(dir / "archive", {"geneva"})["total"]);
}

TEST_CASE("Three xapian-tcpsrv shards of the real corpora answer as the one database of everything does",
          "[shards][shared]") {
  SKIP_WITHOUT_SHARED_CORPUS();
  test::TempDir dir;
  std::vector<std::string> arguments = {"--shards", "3"};
  for (const std::string& input : shared_corpus_inputs()) arguments.push_back(input);
  CHECK(test::index(dir / "archive", arguments)["documents"] == 21578 + 2225 + 2);
  RemoteShards remote(dir / "archive", 3, dir / "remote.stub");
  for (const auto& query : kSharedCorpusQueries) {
    const json one = search_json(DATELINE_SHARED_DB, query);
    CHECK_FALSE(one["results"].empty());
    check_same_results(one, search_json(remote.stub, query), Snippets::kSameOrOtherPassage);
  }
  const std::vector<std::string> wildcard = {"title:bank*", "--facets"};
  check_same_matches(search_json(DATELINE_SHARED_DB, wildcard), search_json(remote.stub, wildcard));
  CHECK(search_json(remote.stub, {"compny"})["suggestion"] == "company");

  remote.servers[0]->stop();
  const auto failed = test::run({test::search_binary(), "--db", remote.stub, "oil"});
  CHECK(failed.exit_code == 2);
  CHECK_THAT(failed.err, Catch::Contains(remote.name(0)));
  const json partial = search_json(remote.stub, {"oil", "--allow-partial"});
  CHECK(partial["partial"] == true);
  CHECK(partial["missing_shards"] == json::array({remote.name(0)}));
  CHECK(partial["total"] < search_json(DATELINE_SHARED_DB, {"oil"})["total"]);
}
