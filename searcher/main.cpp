// dateline-search: parses options, calls the searcher library through its
// public header, prints; `dateline-search serve` runs the HTTP server. Exit
// codes: 0 ok (also when nothing matched), 1 bad usage, bad query or unknown
// --show id, 2 database missing or unreadable, address in use.

#include <dateline/search_json.h>
#include <dateline/searcher.h>

#include "exit_codes.h"
#include "http_server.h"
#include "terminal_output.h"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>
#include <unistd.h>

namespace {

using namespace dateline;

struct CommandLine {
  std::string database;
  std::vector<std::string> words;
  SearchRequest request;
  std::string sort = "relevance";
  std::string show;
  std::string listen = "127.0.0.1:8080";
  http::ServerOptions server;
  bool json = false;
};

std::string default_database() {
  const char* from_environment = std::getenv("DATELINE_DB");
  return from_environment != nullptr && *from_environment != '\0' ? from_environment : "dateline.db";
}

cli::TerminalStyle terminal_style() {
  cli::TerminalStyle style;
  style.bold = isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
  return style;
}

SortOrder sort_order(const std::string& name) {
  if (name == "newest") return SortOrder::kNewest;
  if (name == "oldest") return SortOrder::kOldest;
  return SortOrder::kRelevance;
}

int serve(const CommandLine& command) {
  http::ServerOptions options = http::with_address(command.server, command.listen);
  options.database = command.database;
  http::serve(options, [](const std::string& address) {
    std::cout << "dateline-search: listening on http://" << address << std::endl;
  });
  return kExitOk;
}

int search(CommandLine& command) {
  Searcher searcher(command.database);
  if (!command.show.empty()) {
    const StoredArticle article = searcher.article(command.show);
    std::cout << (command.json ? to_json(article) + "\n" : cli::render_article(article, terminal_style()));
    return kExitOk;
  }
  SearchRequest& request = command.request;
  for (const std::string& word : command.words) request.query += (request.query.empty() ? "" : " ") + word;
  request.sort = sort_order(command.sort);
  const SearchResponse response = searcher.search(request);
  std::cout << (command.json ? to_json(response) + "\n" : cli::render_results(response, terminal_style()));
  return kExitOk;
}

int fail(const CommandLine& command, const std::string& message, int code) {
  if (command.json) std::cout << error_json(message, code) << "\n";
  std::cerr << "dateline-search: error: " << message << "\n";
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  CommandLine command;
  command.database = default_database();
  SearchRequest& request = command.request;
  CLI::App app{"Search a Dateline news archive.", "dateline-search"};
  app.set_version_flag("--version", "dateline-search 0.1.0");
  app.add_option("QUERY", command.words, "Words; \"phrases\"; OR, NOT, -word; word*; title: person: place: source: topic: author: mentions: date:");
  app.add_option("--db", command.database, "Database directory (default: $DATELINE_DB, then ./dateline.db)");
  app.add_option("-n,--limit", request.limit, "Results per page")->capture_default_str();
  app.add_option("--offset", request.offset, "Skip this many results (pagination)");
  app.add_option("--sort", command.sort, "Order: relevance, newest or oldest")
      ->check(CLI::IsMember({"relevance", "newest", "oldest"}))->capture_default_str();
  app.add_option("--person", request.people, "Only articles about this person (repeatable)")->type_name("NAME")->allow_extra_args(false);
  app.add_option("--place", request.places, "Only articles about this place (repeatable)")->type_name("NAME")->allow_extra_args(false);
  app.add_option("--source", request.sources, "Only articles from this source (repeatable)")->type_name("NAME")->allow_extra_args(false);
  app.add_option("--topic", request.topics, "Only articles on this topic (repeatable)")->type_name("NAME")->allow_extra_args(false);
  app.add_option("--from", request.from, "Published on or after (YYYY, YYYY-MM or YYYY-MM-DD)")->type_name("DATE");
  app.add_option("--to", request.to, "Published on or before (YYYY, YYYY-MM or YYYY-MM-DD)")->type_name("DATE");
  app.add_flag("--facets{10}", request.facet_limit, "Count people, places, sources, topics and dates over all matches; --facets=N for the top N");
  app.add_flag("--explain", request.explain, "Show the parsed query and each hit's matching terms and weights");
  app.add_flag("--json", command.json, "Print one JSON object (the contract in README.md)");
  app.add_option("--show", command.show, "Print the stored article with this id and its metadata")->type_name("ID");
  CLI::App* serve_command = app.add_subcommand("serve", "Serve the search page and the JSON API over HTTP");
  http::ServerOptions& server = command.server;
  serve_command->add_option("--db", command.database, "Database directory (default: $DATELINE_DB, then ./dateline.db)");
  serve_command->add_option("--listen", command.listen, "Address to listen on (port 0: any free port)")
      ->type_name("[HOST:]PORT")->capture_default_str();
  serve_command->add_option("--threads", server.threads, "Worker threads (default: 8 per core, at least 32)");
  serve_command->add_option("--timeout", server.timeout_seconds, "Seconds for socket reads/writes and for one search")
      ->check(CLI::PositiveNumber)->capture_default_str();
  serve_command->add_option("--max-limit", server.max_limit, "Largest limit= (and facets=) a request may ask for")->capture_default_str();
  serve_command->add_flag("--quiet", [&server](std::int64_t) { server.access_log = false; }, "No access log");
  app.footer("Exit codes: 0 ok (also when nothing matched), 1 bad usage, bad query or unknown id, 2 database missing or unreadable.");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    return fail(command, e.what(), kExitBadInput);
  }
  try {
    return serve_command->parsed() ? serve(command) : search(command);
  } catch (const UsageError& e) {
    return fail(command, e.what(), kExitBadInput);
  } catch (const std::exception& e) {
    return fail(command, e.what(), kExitRuntimeFailure);
  }
}
