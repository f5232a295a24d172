// dateline-serve, run as `dateline-search serve`: the HTTP server. A program of
// its own so that one-shot searches do not load cpp-httplib and the OpenSSL,
// zlib and brotli libraries it links (3 ms of every dateline-search start).
// Exit codes: 0 stopped by SIGINT/SIGTERM, 1 bad usage, 2 database missing or
// unreadable, address unusable.

#include <dateline/errors.h>
#include <dateline/search_json.h>

#include "default_database.h"
#include "exit_codes.h"
#include "http_server.h"
#include "version.h"

#include <CLI/CLI.hpp>

#include <iostream>

int main(int argc, char** argv) {
  using namespace dateline;
  http::ServerOptions options;
  options.database = cli::default_database();
  std::string listen = "127.0.0.1:8080";
  CLI::App app{"Serve the search page and the JSON API of a Dateline archive over HTTP.", "dateline-search serve"};
  app.set_version_flag("-V,--version", std::string("dateline-search serve ") + kReleaseVersion);
  app.add_option("--db", options.database, "Database directory (default: $DATELINE_DB, then ./dateline.db)");
  app.add_option("--listen", listen, "Address to listen on (port 0: any free port)")
      ->type_name("[HOST:]PORT")
      ->capture_default_str();
  app.add_option("--threads", options.threads, "Worker threads (default: 8 per core, at least 32)");
  app.add_option("--timeout", options.timeout_seconds, "Seconds for socket reads/writes and for one search")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--shard-timeout", options.shard_timeout_seconds,
                 "Seconds a remote shard has to answer before it counts as missing (HTTP 503, or partial=1)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--max-limit", options.max_limit, "Largest limit= (and facets=) a request may ask for")
      ->capture_default_str();
  app.add_flag(
      "--quiet", [&options](std::int64_t) { options.access_log = false; }, "No access log");
  app.footer(
      "Examples:\n"
      "  dateline-search serve --db news.db                   http://127.0.0.1:8080/\n"
      "  dateline-search serve --listen 0.0.0.0:8080 --quiet  on every interface, without the access log\n"
      "  curl 'http://127.0.0.1:8080/api/search?q=cocoa&facets=5'\n\n"
      "Exit codes: 0 stopped by SIGINT or SIGTERM, 1 bad usage, 2 database missing or unreadable, address unusable "
      "(a port another server is listening on, say).");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    std::cerr << "dateline-search serve: error: " << e.what() << "\n";
    return kExitBadInput;
  }
  try {
    http::serve(http::with_address(options, listen), [](const std::string& address) {
      std::cout << "dateline-search: listening on http://" << address << std::endl;
    });
    return kExitOk;
  } catch (const UsageError& e) {
    std::cerr << "dateline-search serve: error: " << e.what() << "\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "dateline-search serve: error: " << e.what() << "\n";
    return kExitRuntimeFailure;
  }
}
