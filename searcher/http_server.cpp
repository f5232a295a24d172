#include "http_server.h"

#include <dateline/search_json.h>
#include <dateline/searcher.h>

#include "exit_codes.h"
#include "text_utils.h"

#include <httplib.h>

#include <cctype>
#include <csignal>
#include <map>
#include <optional>
#include <pthread.h>
#include <thread>

namespace dateline::http {
namespace {

constexpr const char* kJson = "application/json";

// Query parameters as browsers send them (application/x-www-form-urlencoded,
// where "+" is a space), decoded from the raw request target.
class Parameters {
 public:
  explicit Parameters(const std::string& target) {
    const std::size_t question = target.find('?');
    if (question == std::string::npos) return;
    for (const std::string& pair : common::split(target.substr(question + 1), '&')) {
      if (pair.empty()) continue;
      const std::size_t equals = pair.find('=');
      values_.emplace(decode(pair.substr(0, equals)), equals == std::string::npos ? "" : decode(pair.substr(equals + 1)));
    }
  }

  bool has(const std::string& name) const { return values_.count(name) > 0; }
  std::string get(const std::string& name) const {
    const auto it = values_.find(name);
    return it == values_.end() ? std::string() : it->second;
  }
  std::vector<std::string> all(const std::string& name) const {
    std::vector<std::string> found;
    for (auto [it, end] = values_.equal_range(name); it != end; ++it) found.push_back(it->second);
    return found;
  }
  std::size_t number(const std::string& name, std::size_t fallback) const {
    if (!has(name)) return fallback;
    const std::string value = get(name);
    try {
      std::size_t used = 0;
      const unsigned long long number = std::stoull(value, &used);
      if (used == value.size() && value.front() != '-') return static_cast<std::size_t>(number);
    } catch (const std::exception&) {
    }
    throw UsageError(name + ": expected a non-negative number, got '" + value + "'");
  }

 private:
  static std::string decode(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '+') {
        out += ' ';
      } else if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
                 std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
        out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
        i += 2;
      } else {
        out += text[i];
      }
    }
    return out;
  }

  std::multimap<std::string, std::string> values_;
};

SortOrder sort_parameter(const Parameters& parameters) {
  const std::string sort = parameters.has("sort") ? parameters.get("sort") : "relevance";
  if (sort == "relevance") return SortOrder::kRelevance;
  if (sort == "newest") return SortOrder::kNewest;
  if (sort == "oldest") return SortOrder::kOldest;
  throw UsageError("sort: expected relevance, newest or oldest, got '" + sort + "'");
}

SearchRequest search_request(const Parameters& parameters) {
  SearchRequest search;
  search.query = parameters.get("q");
  search.limit = parameters.number("limit", search.limit);
  search.offset = parameters.number("offset", 0);
  search.sort = sort_parameter(parameters);
  search.people = parameters.all("person");
  search.places = parameters.all("place");
  search.sources = parameters.all("source");
  search.from = parameters.get("from");
  search.to = parameters.get("to");
  search.facet_limit = parameters.number("facets", 0);
  search.explain = parameters.has("explain") && parameters.get("explain") != "0";
  return search;
}

// One Searcher per server thread: a Searcher is not thread-safe.
Searcher& thread_searcher(const std::string& database) {
  thread_local std::optional<Searcher> searcher;
  if (!searcher) searcher.emplace(database);
  return *searcher;
}

template <typename Handler>
void respond(httplib::Response& response, Handler handler) {
  try {
    response.set_content(handler(), kJson);
  } catch (const NotFoundError& e) {
    response.status = 404;
    response.set_content(error_json(e.what(), kExitBadInput), kJson);
  } catch (const UsageError& e) {
    response.status = 400;
    response.set_content(error_json(e.what(), kExitBadInput), kJson);
  } catch (const std::exception& e) {
    response.status = 500;
    response.set_content(error_json(e.what(), kExitRuntimeFailure), kJson);
  }
}

}  // namespace

void serve(const ServerOptions& options, const std::function<void(const std::string&)>& on_listening) {
  Searcher(options.database);  // fail now, not at the first request, when the database is unusable

  // Stop cleanly on SIGINT/SIGTERM: the signals are waited for on a thread of
  // their own, so the handler is not limited to async-signal-safe calls.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  httplib::Server server;
  const std::string database = options.database;
  server.Get("/search", [database](const httplib::Request& request, httplib::Response& response) {
    respond(response, [&] { return to_json(thread_searcher(database).search(search_request(Parameters(request.target)))); });
  });
  server.Get("/article", [database](const httplib::Request& request, httplib::Response& response) {
    respond(response, [&] {
      const Parameters parameters(request.target);
      if (!parameters.has("id")) throw UsageError("id: missing");
      return to_json(thread_searcher(database).article(parameters.get("id")));
    });
  });
  server.Get("/health", [database](const httplib::Request&, httplib::Response& response) {
    respond(response, [&] {
      return "{\"status\":\"ok\",\"documents\":" + std::to_string(thread_searcher(database).document_count()) + "}";
    });
  });
  server.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
    if (response.status == 404) response.set_content(error_json("no such endpoint: " + request.path, kExitBadInput), kJson);
  });

  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.host.c_str());
  } else if (!server.bind_to_port(options.host.c_str(), port)) {
    port = -1;
  }
  if (port <= 0) throw std::runtime_error("cannot listen on " + options.host + ":" + std::to_string(options.port));
  std::thread stopper([&server, signals] {
    int received = 0;
    sigwait(&signals, &received);
    server.stop();
  });
  on_listening(options.host + ":" + std::to_string(port));
  server.listen_after_bind();
  // Wake the stopper if the server ended for another reason.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
}

}  // namespace dateline::http
