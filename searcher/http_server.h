#pragma once
// dateline-search --serve: the JSON contract over HTTP.
//
//   GET /search?q=kerry+putin&limit=10&offset=0&sort=newest&person=...&place=...
//        &source=...&from=1987-03&to=1987-04&facets=10&explain=1
//   GET /article?id=reuters-42
//   GET /health
//
// Errors are {"error": "...", "code": N} with HTTP 400 (bad request or query),
// 404 (unknown article or path) or 500 (database failure).

#include <functional>
#include <string>

namespace dateline::http {

struct ServerOptions {
  std::string database;
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (on_listening says which)
};

// Serves until SIGINT or SIGTERM. `on_listening` is told the address once the
// socket is bound. Throws DatabaseError when the database cannot be opened,
// std::runtime_error when the address cannot be bound.
void serve(const ServerOptions& options, const std::function<void(const std::string&)>& on_listening);

}  // namespace dateline::http
