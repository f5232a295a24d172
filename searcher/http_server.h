#pragma once
// dateline-search serve: the JSON contract over HTTP, and the search page.
//
//   GET /                     the search page (self-contained, embedded in the binary)
//   GET /api/search?q=kerry+putin&limit=10&offset=0&sort=newest&person=...&place=...
//                  &source=...&topic=...&from=1987-03&to=1987-04&facets=10&explain=1
//   GET /api/article/{id}     the stored article (id URL-encoded)
//   GET /api/story/{id}?limit=&offset=&sort=&facets=   a story's articles, oldest first
//   GET /api/related/{id}?limit=&story=1&person=...    articles like one, from other stories (story=1: any)
//   GET /healthz              {"status": "ok", "documents": N}
//
// Errors are {"error": "...", "code": N} with HTTP 400 (bad parameter or
// query), 404 (unknown article or path), 405 (method other than GET/HEAD),
// 500 (database failure) or 503 (a shard did not answer; partial=1 returns
// the other shards' results flagged "partial": true instead).

#include <cstddef>
#include <functional>
#include <string>

namespace dateline::http {

struct ServerOptions {
  std::string database;
  std::string host = "127.0.0.1";
  int port = 8080;          // 0: any free port (on_listening says which)
  std::size_t threads = 0;  // worker threads, each with its own open database; 0: 8 per core, at least 32
  bool access_log = true;   // one line per request on standard output
  std::size_t max_query_bytes = 1024;
  std::size_t max_limit = 100;       // results per page
  std::size_t max_offset = 10000;    // deeper pages cost more than they are worth
  double timeout_seconds = 5;        // socket reads and writes, and the time a search may spend counting
  double shard_timeout_seconds = 5;  // a remote shard that does not answer within this is missing (HTTP 503)
};

// Parses "[HOST:]PORT". Throws UsageError.
ServerOptions with_address(ServerOptions options, const std::string& address);

// Serves until SIGINT or SIGTERM, then finishes the requests in flight.
// `on_listening` is told the address once the socket is bound. Throws
// DatabaseError when the database cannot be opened, std::runtime_error when
// the address cannot be bound.
void serve(const ServerOptions& options, const std::function<void(const std::string&)>& on_listening);

}  // namespace dateline::http
