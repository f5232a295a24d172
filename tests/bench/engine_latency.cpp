// In-process query latency of Dateline and its two peers on the same data and
// query set (scripts/bench/run.sh); also builds the SQLite FTS5 peer's index.
//
//   engine_latency dateline DB QUERIES ROUNDS   top 10 with snippets, without and with facets, and
//                                               without grouping by story; and how
//                                               many hits' snippets highlight the same words as
//                                               MSet::snippet with its default flags on the whole text
//   engine_latency searcher DB QUERIES ROUNDS   the same timings without the snippet check; DB may
//                                               be a sharded archive or a stub of xapian-tcpsrv shards
//   engine_latency xapian DB QUERIES ROUNDS     scriptindex's database, MSet::snippet on the stored body
//   engine_latency fts5 DB QUERIES ROUNDS       bm25 (title weighted) and snippet()
//   engine_latency fts5-build JSONL DB          the FTS5 index of the prepared JSON Lines
//
// Every query runs once to warm the caches, then ROUNDS times; prints
// "<label> queries N p50 X p95 Y p99 Z" in milliseconds.

#include <dateline/searcher.h>

#include "analysis.h"
#include "article.h"
#include "query_builder.h"
#include "schema.h"

#include <sqlite3.h>
#include <xapian.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

struct Query {
  std::string kind, text, place, from, to;
  int facets = 0;
};

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields(1);
  for (char c : line) {
    if (c == '\t')
      fields.emplace_back();
    else
      fields.back() += c;
  }
  return fields;
}

std::vector<Query> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<Query> queries;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    const std::vector<std::string> f = split_tabs(line);
    if (f.size() != 6) throw std::runtime_error(path + ": expected 6 tab-separated fields: " + line);
    queries.push_back({f[0], f[1], f[2], f[3], f[4], std::stoi(f[5])});
  }
  return queries;
}

// Runs every query once unmeasured, then `rounds` times measured; prints percentiles.
void measure(const std::string& label, const std::vector<Query>& queries, int rounds,
             const std::function<std::size_t(const Query&)>& run) {
  std::vector<double> ms;
  std::size_t hits = 0;
  for (int round = 0; round <= rounds; ++round) {
    for (const Query& query : queries) {
      const auto started = std::chrono::steady_clock::now();
      const std::size_t found = run(query);
      const double elapsed =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      if (round > 0) ms.push_back(elapsed);
      if (round == 0) hits += found;
    }
  }
  std::sort(ms.begin(), ms.end());
  const auto at = [&](double p) {
    return ms[static_cast<std::size_t>(std::ceil(p * static_cast<double>(ms.size()))) - 1];
  };
  std::printf("%s queries %zu p50 %.3f p95 %.3f p99 %.3f hits %zu\n", label.c_str(), ms.size(), at(0.50), at(0.95),
              at(0.99), hits);
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::set<std::string> highlighted(const std::string& snippet) {
  std::set<std::string> words;
  for (std::size_t start = snippet.find("<mark>"); start != std::string::npos; start = snippet.find("<mark>", start)) {
    start += 6;
    words.insert(lower(snippet.substr(start, snippet.find("</mark>", start) - start)));
  }
  return words;
}

dateline::SearchRequest dateline_request(const Query& query) {
  dateline::SearchRequest request;
  request.query = query.text;
  if (!query.place.empty()) request.places = {query.place};
  request.from = query.from;
  request.to = query.to;
  return request;
}

// Dateline's snippets against Xapian's reference: MSet::snippet with its
// default flags (background model, exhaustive) on the same whole text.
void snippet_agreement(const std::string& database, const std::vector<Query>& queries) {
  dateline::Searcher searcher(database);
  Xapian::Database xapian(database);
  dateline::searcher::QueryBuilder builder(xapian);
  const Xapian::Stem stemmer = dateline::common::english_stemmer();
  const dateline::common::StoredCodec codec = dateline::common::stored_codec(xapian);
  std::size_t hits = 0, same = 0, more = 0, fewer = 0;
  for (const Query& query : queries) {
    const dateline::SearchRequest request = dateline_request(query);
    const dateline::SearchResponse response = searcher.search(request);
    Xapian::Enquire enquire(xapian);
    enquire.set_query(builder.build(request).query);
    enquire.set_sort_by_relevance_then_value(dateline::schema::kPublishedSlot, true);
    const Xapian::MSet matches = enquire.get_mset(0, 10);
    for (auto match = matches.begin(); match != matches.end(); ++match) {
      const dateline::common::Article article =
          dateline::common::decode_stored_article(match.get_document().get_data(), codec);
      const auto ours = std::find_if(response.results.begin(), response.results.end(),
                                     [&](const dateline::Hit& hit) { return hit.id == article.id; });
      if (ours == response.results.end()) continue;
      const std::string reference = matches.snippet(
          dateline::common::snippet_text(article), 200, stemmer,
          Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE, "<mark>", "</mark>");
      ++hits;
      const std::set<std::string> expected = highlighted(reference), got = highlighted(ours->snippet);
      if (got == expected)
        ++same;
      else if (std::includes(got.begin(), got.end(), expected.begin(), expected.end()))
        ++more;
      else if (got.size() < expected.size())
        ++fewer;
    }
  }
  std::printf("snippet-agreement hits %zu same_highlighted_words %zu more %zu fewer %zu\n", hits, same, more, fewer);
}

void searcher_latency(const std::string& database, const std::vector<Query>& queries, int rounds) {
  dateline::Searcher searcher(database);
  for (const bool facets : {false, true}) {
    measure(facets ? "dateline-facets" : "dateline", queries, rounds, [&](const Query& query) {
      dateline::SearchRequest request = dateline_request(query);
      request.facet_limit = facets ? 10 : 0;
      return searcher.search(request).results.size();
    });
  }
  // What grouping hits by story (the terminal's and the page's default) costs over listing every article.
  for (const bool facets : {false, true}) {
    measure(facets ? "dateline-facets-grouped" : "dateline-grouped", queries, rounds, [&](const Query& query) {
      dateline::SearchRequest request = dateline_request(query);
      request.collapse = true;
      request.facet_limit = facets ? 10 : 0;
      return searcher.search(request).results.size();
    });
  }
}

void dateline_latency(const std::string& database, const std::vector<Query>& queries, int rounds) {
  snippet_agreement(database, queries);
  searcher_latency(database, queries, rounds);
}

// The body as scriptindex stored it: "body=..." up to the next field.
std::string stored_body(const std::string& data) {
  const std::size_t start = data.find("body=");
  if (start == std::string::npos) return "";
  const std::size_t end = data.find("\nplaces=", start);
  return data.substr(start + 5, end == std::string::npos ? std::string::npos : end - start - 5);
}

void xapian_latency(const std::string& path, const std::vector<Query>& queries, int rounds) {
  Xapian::Database database(path);
  const Xapian::Stem stemmer("english");
  Xapian::QueryParser parser;
  parser.set_database(database);
  parser.set_stemmer(stemmer);
  parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  parser.set_default_op(Xapian::Query::OP_AND);
  measure("xapian", queries, rounds, [&](const Query& query) {
    Xapian::Query parsed = parser.parse_query(query.text, Xapian::QueryParser::FLAG_DEFAULT);
    if (!query.place.empty()) {
      parsed = Xapian::Query(Xapian::Query::OP_FILTER, parsed, Xapian::Query("XP" + lower(query.place)));
    }
    if (!query.from.empty()) {
      std::string from = query.from, to = query.to;
      from.erase(std::remove(from.begin(), from.end(), '-'), from.end());
      to.erase(std::remove(to.begin(), to.end(), '-'), to.end());
      parsed =
          Xapian::Query(Xapian::Query::OP_FILTER, parsed, Xapian::Query(Xapian::Query::OP_VALUE_RANGE, 0, from, to));
    }
    Xapian::Enquire enquire(database);
    enquire.set_query(parsed);
    const Xapian::MSet matches = enquire.get_mset(0, 10);
    std::size_t snippet_bytes = 0;
    for (auto match = matches.begin(); match != matches.end(); ++match) {
      snippet_bytes += matches.snippet(stored_body(match.get_document().get_data()), 200, stemmer).size();
    }
    return snippet_bytes > 0 ? matches.size() : 0;
  });
}

class Sqlite {
 public:
  explicit Sqlite(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("cannot open " + path);
  }
  ~Sqlite() { sqlite3_close(db_); }
  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error ? error : "?";
      sqlite3_free(error);
      throw std::runtime_error(sql + ": " + message);
    }
  }
  sqlite3_stmt* prepare(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
    }
    return statement;
  }

 private:
  sqlite3* db_ = nullptr;
};

void bind_text(sqlite3_stmt* statement, int index, const std::string& text) {
  sqlite3_bind_text(statement, index, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

void fts5_build(const std::string& jsonl, const std::string& path) {
  Sqlite db(path);
  db.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");
  db.exec(
      "CREATE VIRTUAL TABLE articles USING fts5(id UNINDEXED, title, body, places, people, date UNINDEXED, "
      "tokenize='porter unicode61')");
  db.exec("BEGIN");
  sqlite3_stmt* insert = db.prepare("INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?)");
  std::ifstream in(jsonl);
  std::string line;
  while (std::getline(in, line)) {
    const nlohmann::json article = nlohmann::json::parse(line);
    const auto joined = [&](const char* key) {
      std::string out;
      for (const auto& value : article[key]) out += (out.empty() ? "" : "; ") + value.get<std::string>();
      return out;
    };
    bind_text(insert, 1, article["id"].get<std::string>());
    bind_text(insert, 2, article["title"].get<std::string>());
    bind_text(insert, 3, article["body"].get<std::string>());
    bind_text(insert, 4, joined("places"));
    bind_text(insert, 5, joined("people"));
    bind_text(insert, 6, article.value("date", ""));
    if (sqlite3_step(insert) != SQLITE_DONE) throw std::runtime_error("insert failed");
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  db.exec("COMMIT");
}

// Each word quoted (FTS5 ANDs them); a phrase as it is; the place as a phrase in its column.
std::string fts5_match(const Query& query) {
  std::string match;
  if (query.text.front() == '"') {
    match = query.text;
  } else {
    std::string word;
    for (char c : query.text + " ") {
      if (c != ' ') {
        word += c;
      } else if (!word.empty()) {
        match += (match.empty() ? "\"" : " \"") + word + "\"";
        word.clear();
      }
    }
  }
  if (!query.place.empty()) match += " AND places : \"" + query.place + "\"";
  return match;
}

void fts5_latency(const std::string& path, const std::vector<Query>& queries, int rounds) {
  Sqlite db(path);
  const std::string select =
      "SELECT id, title, date, snippet(articles, 2, '<mark>', '</mark>', '…', 32) FROM articles "
      "WHERE articles MATCH ?1 ";
  const std::string order = " ORDER BY bm25(articles, 0.0, 3.0, 1.0, 0.0, 0.0, 0.0) LIMIT 10";
  sqlite3_stmt* plain = db.prepare(select + order);
  sqlite3_stmt* dated = db.prepare(select + "AND date BETWEEN ?2 AND ?3" + order);
  measure("fts5", queries, rounds, [&](const Query& query) {
    sqlite3_stmt* statement = query.from.empty() ? plain : dated;
    bind_text(statement, 1, fts5_match(query));
    if (!query.from.empty()) {
      bind_text(statement, 2, query.from);
      bind_text(statement, 3, query.to);
    }
    std::size_t rows = 0;
    std::string copied;
    while (sqlite3_step(statement) == SQLITE_ROW) {
      ++rows;
      for (int column = 0; column < 4; ++column) {
        const unsigned char* text = sqlite3_column_text(statement, column);
        copied.assign(text ? reinterpret_cast<const char*>(text) : "");
      }
    }
    sqlite3_reset(statement);
    return rows;
  });
  sqlite3_finalize(plain);
  sqlite3_finalize(dated);
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  try {
    if (arguments.size() == 3 && arguments[0] == "fts5-build") {
      fts5_build(arguments[1], arguments[2]);
      return 0;
    }
    if (arguments.size() == 4) {
      const std::vector<Query> queries = read_queries(arguments[2]);
      const int rounds = std::stoi(arguments[3]);
      if (arguments[0] == "dateline") return dateline_latency(arguments[1], queries, rounds), 0;
      if (arguments[0] == "searcher") return searcher_latency(arguments[1], queries, rounds), 0;
      if (arguments[0] == "xapian") return xapian_latency(arguments[1], queries, rounds), 0;
      if (arguments[0] == "fts5") return fts5_latency(arguments[1], queries, rounds), 0;
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "engine_latency: %s\n", e.what());
    return 2;
  }
  std::fprintf(stderr, "usage: engine_latency dateline|searcher|xapian|fts5 DB QUERIES ROUNDS | fts5-build JSONL DB\n");
  return 1;
}
