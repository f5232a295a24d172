// The HTTP front end, a client of the searcher library like any embedding
// program: it uses only the public headers (<dateline/...>), plus the exit
// codes the programs share.
#include "http_server.h"

#include <dateline/search_json.h>
#include <dateline/searcher.h>

#include "exit_codes.h"

#include <httplib.h>

#include <pthread.h>
#include <sys/socket.h>
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string_view>
#include <thread>

namespace dateline::http {

namespace assets {
std::string_view search_page();  // web/search_page.html, embedded by CMake
}

namespace {

constexpr const char* kJson = "application/json";
const std::set<std::string> kSearchParameters = {"q",      "limit",   "offset",   "sort",  "person", "place",
                                                 "source", "topic",   "from",     "to",    "facets", "explain",
                                                 "all",    "recency", "collapse", "story", "after",  "partial"};
// /api/story/{id} and /api/related/{id}: no query words; "story=1" keeps the article's own story in related ones.
const std::set<std::string> kStoryParameters = {"limit", "offset", "sort", "facets", "partial"};
// /api/export: the search's words and filters, the format and whether to add snippets.
const std::set<std::string> kExportParameters = {"q",  "sort", "person", "place",    "source", "topic",  "from",
                                                 "to", "all",  "format", "snippets", "story",  "partial"};
const std::set<std::string> kRelatedParameters = {"limit", "offset", "sort",   "person", "place",    "source", "topic",
                                                  "from",  "to",     "facets", "story",  "collapse", "partial"};

// Query parameters as browsers send them (application/x-www-form-urlencoded,
// where "+" is a space), decoded from the raw request target: httplib decodes
// "+" as a literal plus.
class Parameters {
 public:
  explicit Parameters(const std::string& target) {
    const std::size_t question = target.find('?');
    if (question == std::string::npos) return;
    std::string_view query(target);
    query.remove_prefix(question + 1);
    while (!query.empty()) {
      const std::size_t ampersand = std::min(query.find('&'), query.size());
      const std::string pair(query.substr(0, ampersand));
      query.remove_prefix(std::min(ampersand + 1, query.size()));
      if (pair.empty()) continue;
      const std::size_t equals = pair.find('=');
      values_.emplace(decode(pair.substr(0, equals)),
                      equals == std::string::npos ? "" : decode(pair.substr(equals + 1)));
    }
  }

  void require_known(const std::set<std::string>& known) const {
    for (const auto& [name, value] : values_) {
      if (known.count(name) == 0) throw UsageError("unknown parameter '" + name + "'");
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
  std::size_t number(const std::string& name, std::size_t fallback, std::size_t maximum) const {
    if (!has(name)) return fallback;
    const std::string value = get(name);
    const bool digits = !value.empty() && value.size() <= 18 &&
                        std::all_of(value.begin(), value.end(), [](unsigned char c) { return std::isdigit(c); });
    if (!digits) throw UsageError(name + ": expected a non-negative number, got '" + value + "'");
    const std::size_t number = std::stoull(value);
    if (number > maximum) throw UsageError(name + ": at most " + std::to_string(maximum) + ", got " + value);
    return number;
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

bool flag(const Parameters& parameters, const std::string& name, bool fallback) {
  return parameters.has(name) ? parameters.get(name) != "0" : fallback;
}

SearchRequest search_request(const Parameters& parameters, const ServerOptions& options,
                             const std::set<std::string>& known = kSearchParameters) {
  parameters.require_known(known);
  SearchRequest search;
  search.query = parameters.get("q");
  if (search.query.size() > options.max_query_bytes) {
    throw UsageError("q: at most " + std::to_string(options.max_query_bytes) + " bytes, got " +
                     std::to_string(search.query.size()));
  }
  search.limit = parameters.number("limit", search.limit, options.max_limit);
  search.offset = parameters.number("offset", 0, options.max_offset);
  search.sort = sort_order_named(parameters.has("sort") ? parameters.get("sort") : "relevance");
  search.people = parameters.all("person");
  search.places = parameters.all("place");
  search.sources = parameters.all("source");
  search.topics = parameters.all("topic");
  search.from = parameters.get("from");
  search.to = parameters.get("to");
  search.facet_limit = parameters.number("facets", 0, options.max_limit);
  search.explain = parameters.has("explain") && parameters.get("explain") != "0";
  search.all_words = flag(parameters, "all", false);
  search.collapse = flag(parameters, "collapse", false);
  search.allow_partial = flag(parameters, "partial", false);
  if (&known == &kSearchParameters || &known == &kExportParameters) search.stories = parameters.all("story");
  search.recency_half_life_days = static_cast<double>(parameters.number("recency", 0, 365000));
  search.after = parameters.get("after");
  search.time_limit_seconds = options.timeout_seconds;
  return search;
}

// Every match of `search` written to `sink` as it is found; the client going
// away stops the export. An error once the stream has begun ends a JSON Lines
// export with an error line (the status is sent already).
void stream_export(Searcher& searcher, const SearchRequest& search, bool csv, bool snippets, httplib::DataSink& sink) {
  const auto write = [&](const std::string& text) {
    return sink.is_writable() && sink.write(text.data(), text.size());
  };
  try {
    if (!csv || write(export_csv_header(snippets))) {
      searcher.export_matches(search, snippets, [&](const Hit& hit) {
        return write(csv ? export_csv_line(hit, snippets) : export_json_line(hit, snippets));
      });
    }
  } catch (const std::exception& e) {
    if (!csv) write(error_json(e.what(), kExitRuntimeFailure) + "\n");
  }
  sink.done();
}

// Each worker thread keeps its own open Searcher (a Searcher is not
// thread-safe); it follows the indexer's commits and rebuilds by itself.
Searcher& thread_searcher(const ServerOptions& options) {
  thread_local std::map<std::string, std::unique_ptr<Searcher>> searchers;
  std::unique_ptr<Searcher>& searcher = searchers[options.database];
  if (!searcher)
    searcher = std::make_unique<Searcher>(options.database, SearcherOptions{options.shard_timeout_seconds});
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
  } catch (const ShardUnavailableError& e) {
    response.status = 503;
    response.set_content(error_json(e.what(), kExitRuntimeFailure), kJson);
  } catch (const std::exception& e) {
    response.status = 500;
    response.set_content(error_json(e.what(), kExitRuntimeFailure), kJson);
  }
}

std::size_t default_threads() {
  // httplib holds a worker for each open keep-alive connection, idle or not,
  // so a browser's spare connections must not leave searches waiting; and with
  // more connections than workers the waiting ones get the worst tail (wrk,
  // 32 connections on 2 cores: p99 240 ms with 16 workers, 164 ms with 64).
  return std::max<std::size_t>(32, 8 * std::max(1u, std::thread::hardware_concurrency()));
}

std::string utc_timestamp_now() {
  const std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

// "2026-11-22T10:00:00Z 127.0.0.1 GET /api/search?q=kerry 200 1234 3.2ms"
class AccessLog {
 public:
  void start() { started_ = std::chrono::steady_clock::now(); }
  void write(const httplib::Request& request, const httplib::Response& response) {
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
    char elapsed[32];
    std::snprintf(elapsed, sizeof elapsed, "%.1fms", ms);
    const std::string line = utc_timestamp_now() + " " + request.remote_addr + " " + request.method + " " +
                             request.target + " " + std::to_string(response.status) + " " +
                             std::to_string(response.body.size()) + " " + elapsed + "\n";
    const std::lock_guard<std::mutex> lock(mutex_);
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
  }

 private:
  static thread_local std::chrono::steady_clock::time_point started_;
  std::mutex mutex_;
};
thread_local std::chrono::steady_clock::time_point AccessLog::started_;

void add_routes(httplib::Server& server, const ServerOptions& options) {
  server.Get("/", [](const httplib::Request&, httplib::Response& response) {
    const std::string_view page = assets::search_page();
    response.set_header("Content-Security-Policy",
                        "default-src 'none'; connect-src 'self'; img-src 'self' data:; "
                        "style-src 'unsafe-inline'; script-src 'unsafe-inline'");
    response.set_content(page.data(), page.size(), "text/html; charset=utf-8");
  });
  server.Get("/api/search", [options](const httplib::Request& request, httplib::Response& response) {
    respond(response, [&] {
      const SearchRequest search = search_request(Parameters(request.target), options);
      return to_json(thread_searcher(options).search(search));
    });
  });
  server.Get(R"(/api/story/([^/?]+))", [options](const httplib::Request& request, httplib::Response& response) {
    respond(response, [&] {
      const Parameters parameters(request.target);
      SearchRequest timeline = search_request(parameters, options, kStoryParameters);
      timeline.stories = {request.matches[1]};
      timeline.collapse = false;
      if (!parameters.has("sort")) timeline.sort = SortOrder::kOldest;
      return to_json(thread_searcher(options).search(timeline));
    });
  });
  server.Get(R"(/api/related/([^?]+))", [options](const httplib::Request& request, httplib::Response& response) {
    respond(response, [&] {
      const Parameters parameters(request.target);
      SearchRequest related = search_request(parameters, options, kRelatedParameters);
      related.collapse = flag(parameters, "collapse", true);  // suggestions: one a story
      return to_json(thread_searcher(options).related(request.matches[1], related, flag(parameters, "story", false)));
    });
  });
  server.Get("/api/export", [options](const httplib::Request& request, httplib::Response& response) {
    SearchRequest search;
    bool csv = false;
    bool snippets = false;
    respond(response, [&] {
      const Parameters parameters(request.target);
      search = search_request(parameters, options, kExportParameters);
      const std::string format = parameters.has("format") ? parameters.get("format") : "jsonl";
      if (format != "jsonl" && format != "csv") throw UsageError("format: expected jsonl or csv, got '" + format + "'");
      csv = format == "csv";
      snippets = flag(parameters, "snippets", false);
      search.limit = 0;
      thread_searcher(options).search(search);  // a bad query is a 400 before the stream starts
      return std::string();
    });
    if (response.status != -1) return;  // respond() set an error
    response.headers.erase("Content-Type");
    response.set_header("Content-Disposition",
                        std::string("attachment; filename=\"dateline-export.") + (csv ? "csv" : "jsonl") + "\"");
    response.set_chunked_content_provider(csv ? "text/csv; charset=utf-8" : "application/x-ndjson",
                                          [options, search, csv, snippets](std::size_t, httplib::DataSink& sink) {
                                            stream_export(thread_searcher(options), search, csv, snippets, sink);
                                            return true;
                                          });
  });
  server.Get(R"(/api/article/(.+))", [options](const httplib::Request& request, httplib::Response& response) {
    respond(response, [&] {
      const Parameters parameters(request.target);
      parameters.require_known({"q"});
      return to_json(thread_searcher(options).article(request.matches[1], parameters.get("q")));
    });
  });
  server.Get("/healthz", [options](const httplib::Request&, httplib::Response& response) {
    respond(response, [&] {
      return "{\"status\":\"ok\",\"documents\":" + std::to_string(thread_searcher(options).document_count()) + "}";
    });
  });
  const auto not_allowed = [](const httplib::Request& request, httplib::Response& response) {
    response.status = 405;
    response.set_header("Allow", "GET, HEAD");
    response.set_content(error_json(request.method + " is not allowed: the API is read-only (GET)", kExitBadInput),
                         kJson);
  };
  server.Post(".*", not_allowed);
  server.Put(".*", not_allowed);
  server.Delete(".*", not_allowed);
  server.Patch(".*", not_allowed);
  server.Options(".*", not_allowed);
}

// httplib's default sets SO_REUSEPORT, with which Linux lets a second server
// bind a port that one is already listening on and shares the connections
// between them. SO_REUSEADDR alone still allows a restart while the old
// server's connections linger in TIME_WAIT, but not a second listener.
void listening_socket_options(socket_t socket) {
  const int yes = 1;
  ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

void configure(httplib::Server& server, const ServerOptions& options, AccessLog& log) {
  server.set_socket_options(listening_socket_options);
  const std::size_t threads = options.threads > 0 ? options.threads : default_threads();
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  const auto seconds = static_cast<time_t>(options.timeout_seconds);
  const auto microseconds = static_cast<time_t>((options.timeout_seconds - static_cast<double>(seconds)) * 1e6);
  server.set_read_timeout(seconds, microseconds);
  server.set_write_timeout(seconds, microseconds);
  server.set_keep_alive_timeout(2);
  server.set_tcp_nodelay(true);  // else Nagle and delayed ACKs add 40 ms to every keep-alive answer
  server.set_payload_max_length(64 * 1024);
  server.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
    if (!response.body.empty()) return;
    const std::string reason = response.status == 404 ? "no such endpoint: " + request.path
                                                      : "bad request (HTTP " + std::to_string(response.status) + ")";
    response.set_content(error_json(reason, response.status >= 500 ? kExitRuntimeFailure : kExitBadInput), kJson);
  });
  server.set_exception_handler([](const httplib::Request&, httplib::Response& response, const std::exception_ptr&) {
    response.status = 500;
    response.set_content(error_json("internal error", kExitRuntimeFailure), kJson);
  });
  if (options.access_log) {
    server.set_pre_routing_handler([&log](const httplib::Request&, httplib::Response&) {
      log.start();
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server.set_logger(
        [&log](const httplib::Request& request, const httplib::Response& response) { log.write(request, response); });
  }
}

int bind(httplib::Server& server, const ServerOptions& options) {
  errno = 0;
  const int port = options.port == 0 ? server.bind_to_any_port(options.host)
                                     : (server.bind_to_port(options.host, options.port) ? options.port : -1);
  if (port > 0) return port;
  // httplib reports only failure; the errno of its last bind() says why.
  const int reason = errno;
  std::string message = "cannot listen on " + options.host + ":" + std::to_string(options.port);
  if (reason == EADDRINUSE) {
    message += ": the address is already in use (another server is listening on it; choose another --listen port)";
  } else if (reason != 0) {
    message += std::string(": ") + std::strerror(reason);
  }
  throw std::runtime_error(message);
}

}  // namespace

ServerOptions with_address(ServerOptions options, const std::string& address) {
  const std::size_t colon = address.rfind(':');
  const std::string port = colon == std::string::npos ? address : address.substr(colon + 1);
  if (colon != std::string::npos && colon > 0) options.host = address.substr(0, colon);
  const bool digits = !port.empty() && port.size() <= 5 &&
                      std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); });
  if (!digits || std::stoi(port) > 65535) throw UsageError("--listen: expected [HOST:]PORT, got '" + address + "'");
  options.port = std::stoi(port);
  return options;
}

void serve(const ServerOptions& options, const std::function<void(const std::string&)>& on_listening) {
  const Searcher probe(
      options.database,
      SearcherOptions{
          options.shard_timeout_seconds});  // fail now, not at the first request, when the database is unusable

  // Stop cleanly on SIGINT/SIGTERM: the signals are waited for on a thread of
  // their own (workers inherit the blocked mask), so the handler is not
  // limited to async-signal-safe calls.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  httplib::Server server;
  AccessLog log;
  configure(server, options, log);
  add_routes(server, options);
  const int port = bind(server, options);
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
