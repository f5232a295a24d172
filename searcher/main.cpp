// dateline-search: parses options, calls the searcher library through its
// public header, prints. `dateline-search serve ...` hands over to the
// dateline-serve program beside it. Exit codes: 0 ok (also when nothing
// matched), 1 bad usage, bad query or unknown --show id, 2 database missing or
// unreadable, or a shard not answering.

#include <dateline/search_json.h>
#include <dateline/searcher.h>

#include "default_database.h"
#include "exit_codes.h"
#include "terminal_output.h"
#include "version.h"

#include <CLI/CLI.hpp>

#include <unistd.h>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>

namespace {

using namespace dateline;

struct CommandLine {
  std::string database;
  SearcherOptions searcher;
  std::vector<std::string> words;
  SearchRequest request;
  std::string sort = "relevance";
  std::string show;
  std::string highlight;      // --query: words to mark in the --show article
  std::string export_format;  // --export: "jsonl" or "csv"
  bool export_snippets = false;
  std::string story;
  std::string related;
  bool include_story = false;
  bool json = false;
  std::optional<bool> collapse;  // --collapse/--no-collapse; default: grouped on a terminal, articles in JSON
  std::string color = "auto";
};

// Replaces this process with dateline-serve from the same folder; returns only on failure.
int exec_server(int argc, char** argv) {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  const std::string server = (error ? std::filesystem::path(argv[0]) : self).parent_path() / "dateline-serve";
  std::vector<char*> arguments{const_cast<char*>("dateline-serve")};
  arguments.insert(arguments.end(), argv + 2, argv + argc);
  arguments.push_back(nullptr);
  ::execv(server.c_str(), arguments.data());
  std::cerr << "dateline-search: error: cannot start the HTTP server " << server << ": " << std::strerror(errno)
            << "\n";
  return kExitRuntimeFailure;
}

// --color: "always", "never", or "auto": on a terminal, unless NO_COLOR is set (no-color.org).
cli::TerminalStyle terminal_style(const std::string& color) {
  cli::TerminalStyle style;
  style.bold = color == "always" || (color == "auto" && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr);
  return style;
}

// --export: every match to standard output, a progress line on standard error when it is a terminal.
int export_matches(Searcher& searcher, const CommandLine& command) {
  const bool csv = command.export_format == "csv";
  const bool progress = isatty(STDERR_FILENO) != 0;
  if (csv) std::cout << export_csv_header(command.export_snippets);
  const auto started = std::chrono::steady_clock::now();
  auto reported = started;
  const std::uint64_t exported = searcher.export_matches(command.request, command.export_snippets, [&](const Hit& hit) {
    std::cout << (csv ? export_csv_line(hit, command.export_snippets) : export_json_line(hit, command.export_snippets));
    const auto now = std::chrono::steady_clock::now();
    if (progress && now - reported > std::chrono::milliseconds(200)) {
      std::cerr << "\rdateline-search: exported " << hit.rank << " articles" << std::flush;
      reported = now;
    }
    return static_cast<bool>(std::cout);
  });
  std::cout.flush();
  if (!std::cout) throw std::runtime_error("cannot write the export to standard output");
  if (progress) std::cerr << "\rdateline-search: exported " << exported << " articles\n";
  return kExitOk;
}

int search(CommandLine& command) {
  Searcher searcher(command.database, command.searcher);
  const cli::TerminalStyle style = terminal_style(command.color);
  if (!command.show.empty()) {
    const StoredArticle article = searcher.article(command.show, command.highlight);
    std::cout << (command.json ? to_json(article) + "\n" : cli::render_article(article, style));
    return kExitOk;
  }
  SearchRequest& request = command.request;
  for (const std::string& word : command.words) request.query += (request.query.empty() ? "" : " ") + word;
  request.sort = sort_order_named(command.sort);
  request.collapse = command.collapse.value_or(!command.json);
  if (!command.story.empty()) {
    // A story's timeline: every article of it, oldest first.
    if (!request.query.empty()) throw UsageError("--story lists a story's articles: give no query words with it");
    request.stories.push_back(command.story);
    request.collapse = false;
    if (command.sort == "relevance") request.sort = SortOrder::kOldest;
    const SearchResponse response = searcher.search(request);
    std::cout << (command.json ? to_json(response) + "\n" : cli::render_timeline(response, style));
    return kExitOk;
  }
  if (!command.related.empty()) {
    if (!request.query.empty()) throw UsageError("--related finds articles like one: give no query words with it");
    request.collapse = command.collapse.value_or(true);  // suggestions: one a story, in JSON too
    const SearchResponse response = searcher.related(command.related, request, command.include_story);
    std::cout << (command.json ? to_json(response) + "\n" : cli::render_results(response, style));
    return kExitOk;
  }
  if (!command.export_format.empty()) return export_matches(searcher, command);
  const SearchResponse response = searcher.search(request);
  std::cout << (command.json ? to_json(response) + "\n" : cli::render_results(response, style));
  return kExitOk;
}

int fail(const CommandLine& command, const std::string& message, int code) {
  if (command.json) std::cout << error_json(message, code) << "\n";
  std::cerr << "dateline-search: error: " << message << "\n";
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "serve") return exec_server(argc, argv);
  CommandLine command;
  command.database = cli::default_database();
  SearchRequest& request = command.request;
  CLI::App app{"Search a Dateline news archive.", "dateline-search"};
  app.set_version_flag("-V,--version", std::string("dateline-search ") + kReleaseVersion);
  app.add_option(
      "QUERY", command.words,
      "Words; \"phrases\"; OR, NOT, -word; word*; title: person: place: source: topic: author: mentions: date:");
  app.add_option("--db", command.database, "Database directory (default: $DATELINE_DB, then ./dateline.db)");
  app.add_option("-n,--limit", request.limit, "Results per page")->capture_default_str();
  app.add_option("--offset", request.offset, "Skip this many results (pagination)");
  app.add_option("--after", request.after,
                 "With --sort newest|oldest: the page after this cursor (\"next\" of the JSON), every article listed")
      ->type_name("CURSOR");
  app.add_option("--sort", command.sort, "Order: relevance, newest or oldest")
      ->check(CLI::IsMember({"relevance", "newest", "oldest"}))
      ->capture_default_str();
  app.add_option("--person", request.people, "Only articles about this person (repeatable)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  app.add_option("--place", request.places, "Only articles about this place (repeatable)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  app.add_option("--source", request.sources, "Only articles from this source (repeatable)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  app.add_option("--topic", request.topics, "Only articles on this topic (repeatable)")
      ->type_name("NAME")
      ->allow_extra_args(false);
  app.add_option("--from", request.from, "Published on or after (YYYY, YYYY-MM or YYYY-MM-DD)")->type_name("DATE");
  app.add_option("--to", request.to, "Published on or before (YYYY, YYYY-MM or YYYY-MM-DD)")->type_name("DATE");
  app.add_flag("--facets{10}", request.facet_limit,
               "Count people, places, sources, topics and dates over all matches; --facets=N for the top N");
  app.add_flag("--all-words", request.all_words, "Only articles with every word (default: any word, best first)");
  app.add_option("--recency", request.recency_half_life_days,
                 "Prefer newer articles: weight halves every DAYS before the archive's newest day")
      ->type_name("DAYS")
      ->check(CLI::PositiveNumber);
  app.add_flag("--explain", request.explain,
               "Show the parsed query, what was rewritten, and each hit's matching terms and weights");
  app.add_flag("--allow-partial", request.allow_partial,
               "With shards: when some do not answer, show the others' results (flagged partial) instead of failing");
  app.add_option("--shard-timeout", command.searcher.shard_timeout_seconds,
                 "Seconds a remote shard has to answer before it counts as missing")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_flag("--json", command.json, "Print one JSON object (the contract in README.md)");
  app.add_flag("--color{always}", command.color,
               "Bold matches and titles: auto (on a terminal, unless NO_COLOR is set), always or never")
      ->type_name("WHEN")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_option("--show", command.show, "Print the stored article with this id and its metadata")->type_name("ID");
  app.add_option("--query", command.highlight, "With --show: mark these query words in the article")
      ->type_name("QUERY");
  app.add_flag(
      "--collapse", [&command](std::int64_t) { command.collapse = true; },
      "One result per story, its best-ranked article (the default, except with --json)");
  app.add_flag(
      "--no-collapse", [&command](std::int64_t) { command.collapse = false; },
      "List every matching article (the default with --json)");
  app.add_option("--story", command.story, "List the articles of a story, oldest first (a timeline)")
      ->type_name("STORY");
  app.add_option("--export", command.export_format,
                 "Write every matching article (id, date, title, source, url, people, places, score) as JSON Lines "
                 "or CSV, in the --sort order, not grouped by story")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->type_name("FORMAT");
  app.add_flag("--snippets", command.export_snippets, "With --export: add each article's snippet");
  app.add_option("--related", command.related, "Articles like the one with this id, from other stories")
      ->type_name("ID");
  app.add_flag("--include-story", command.include_story, "With --related: include the article's own story");
  app.footer(
      "Examples:\n"
      "  dateline-search geneva talks                   any of the words, best first\n"
      "  dateline-search '\"peace talks\" OR volkov'      a phrase, OR\n"
      "  dateline-search --person putin --facets kerry  a filter, and facet counts\n"
      "  dateline-search topic:acquisitions date:1987   a topic by code or name, a year\n"
      "  dateline-search --json --sort newest gold      one JSON object, for scripts\n"
      "  dateline-search --show reuters-90001           a stored article\n"
      "  dateline-search serve --listen :8080           the search page and JSON API (serve --help)\n\n"
      "Environment: DATELINE_DB, the database when --db is not given; NO_COLOR, no bold with --color=auto.\n\n"
      "Exit codes: 0 ok (also when nothing matched), 1 bad usage, bad query or unknown id, 2 database missing or "
      "unreadable, or a shard not answering (without --allow-partial).");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    return fail(command, e.what(), kExitBadInput);
  }
  try {
    return search(command);
  } catch (const UsageError& e) {
    return fail(command, e.what(), kExitBadInput);
  } catch (const std::exception& e) {
    return fail(command, e.what(), kExitRuntimeFailure);
  }
}
