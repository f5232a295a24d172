#include "http_server.h"

#include <dateline/search_json.h>
#include <dateline/searcher.h>

#include "exit_codes.h"

#include <httplib.h>

#include <csignal>
#include <optional>
#include <pthread.h>
#include <thread>

namespace dateline::http {
namespace {

constexpr const char* kJson = "application/json";

std::size_t number_parameter(const httplib::Request& request, const char* name, std::size_t fallback) {
  if (!request.has_param(name)) return fallback;
  const std::string value = request.get_param_value(name);
  try {
    std::size_t used = 0;
    const unsigned long long number = std::stoull(value, &used);
    if (used == value.size()) return static_cast<std::size_t>(number);
  } catch (const std::exception&) {
  }
  throw UsageError(std::string(name) + ": expected a non-negative number, got '" + value + "'");
}

std::vector<std::string> all_values(const httplib::Request& request, const char* name) {
  std::vector<std::string> values;
  for (std::size_t i = 0; i < request.get_param_value_count(name); ++i) values.push_back(request.get_param_value(name, i));
  return values;
}

SortOrder sort_parameter(const httplib::Request& request) {
  const std::string sort = request.has_param("sort") ? request.get_param_value("sort") : "relevance";
  if (sort == "relevance") return SortOrder::kRelevance;
  if (sort == "newest") return SortOrder::kNewest;
  if (sort == "oldest") return SortOrder::kOldest;
  throw UsageError("sort: expected relevance, newest or oldest, got '" + sort + "'");
}

SearchRequest search_request(const httplib::Request& request) {
  SearchRequest search;
  search.query = request.get_param_value("q");
  search.limit = number_parameter(request, "limit", search.limit);
  search.offset = number_parameter(request, "offset", 0);
  search.sort = sort_parameter(request);
  search.people = all_values(request, "person");
  search.places = all_values(request, "place");
  search.sources = all_values(request, "source");
  search.from = request.get_param_value("from");
  search.to = request.get_param_value("to");
  search.facet_limit = number_parameter(request, "facets", 0);
  search.explain = request.has_param("explain") && request.get_param_value("explain") != "0";
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
    respond(response, [&] { return to_json(thread_searcher(database).search(search_request(request))); });
  });
  server.Get("/article", [database](const httplib::Request& request, httplib::Response& response) {
    respond(response, [&] {
      if (!request.has_param("id")) throw UsageError("id: missing");
      return to_json(thread_searcher(database).article(request.get_param_value("id")));
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
