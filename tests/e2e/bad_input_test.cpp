// A corpus of bad input, generated here: every problem is reported with its
// file and line (or byte offset) and reason, every good article around it is
// indexed, and the exit code says "partial".

#include "test_support.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <random>

using namespace dateline;
using nlohmann::json;

namespace {

std::string good(const std::string& id) {
  return json{{"id", id}, {"title", "Good article " + id}, {"body", "Readable text for " + id + "."}}.dump() + "\n";
}

struct Problem {
  std::string file;
  int line;
  std::string reason;
};

std::vector<Problem> problems(const json& summary, const char* kind) {
  std::vector<Problem> list;
  for (const json& problem : summary[kind]) {
    list.push_back({std::filesystem::path(problem["file"].get<std::string>()).filename().string(), problem["line"],
                    problem["reason"]});
  }
  return list;
}

bool reported(const std::vector<Problem>& list, const std::string& file, int line, const std::string& reason_part) {
  return std::any_of(list.begin(), list.end(), [&](const Problem& p) {
    return p.file == file && p.line == line && p.reason.find(reason_part) != std::string::npos;
  });
}

}  // namespace

TEST_CASE("Bad input is reported with file, line and reason, and the good articles around it are indexed",
          "[bad_input]") {
  test::TempDir dir;
  const std::string in = dir / "in";
  test::write_file(in + "/malformed.jsonl", good("m1") + "{\"id\": \"m2\", \"title\": \"unterminated\n" + good("m3") +
                                                "{\"id\": \"m4\", \"title\": \"cut at the end of the file");
  test::write_file(in + "/wrong-types.jsonl", good("w1") + "{\"id\": \"w2\", \"title\": [\"a\"], \"body\": \"x\"}\n" +
                                                  "{\"id\": {\"nested\": 1}, \"body\": \"x\"}\n" + good("w4"));
  test::write_file(in + "/duplicates.jsonl", good("d1") + good("d2") + good("d1"));
  test::write_file(in + "/invalid-utf8.jsonl", "{\"id\": \"u1\", \"title\": \"Caf\xe9 \xff\xfe\", \"body\": \"b\"}\n");
  test::write_file(in + "/empty.txt", "");
  std::string noise(4096, '\0');
  std::mt19937 random(7);
  for (char& byte : noise) byte = static_cast<char>(random());
  test::write_file(in + "/random.txt", noise);
  std::string archive;
  for (int n = 0; n < 20000; ++n) archive += good("z" + std::to_string(n));  // many zstd blocks
  const std::string compressed = test::zstd_compress(archive);
  test::write_file(in + "/truncated.jsonl.zst", compressed.substr(0, compressed.size() * 2 / 3));
  test::write_file(in + "/huge.jsonl",
                   good("h1") + json{{"id", "h2"}, {"title", "Huge"}, {"body", std::string(50 << 20, 'a')}}.dump() +
                       "\n" + good("h3"));
  test::write_file(in + "/unterminated.sgm",
                   "<REUTERS NEWID=\"1\">\n<TEXT><TITLE>FIRST</TITLE><BODY>Body.</BODY></TEXT>\n</REUTERS>\n"
                   "<REUTERS NEWID=\"2\">\n<TEXT><TITLE>SECOND, NEVER CLOSED</TITLE>\n");

  const json summary = test::index(dir / "db", {in}, 3);
  const auto errors = problems(summary, "errors");
  CHECK(reported(errors, "malformed.jsonl", 2, "invalid JSON"));
  CHECK(reported(errors, "malformed.jsonl", 4, "invalid JSON"));
  CHECK(reported(errors, "wrong-types.jsonl", 2, "field 'title' must be a string, not array"));
  CHECK(reported(errors, "wrong-types.jsonl", 3, "field 'id' must be a string or an integer"));
  CHECK(reported(errors, "duplicates.jsonl", 3, "duplicate id d1 (first seen at"));
  CHECK(reported(errors, "empty.txt", 0, "empty file"));
  CHECK(reported(errors, "random.txt", 0, "binary data"));
  const auto truncated =
      std::find_if(errors.begin(), errors.end(), [](const Problem& p) { return p.file == "truncated.jsonl.zst"; });
  REQUIRE(truncated != errors.end());
  CHECK(truncated->line > 1000);
  CHECK_THAT(truncated->reason, Catch::Contains("truncated zstd data (the stream ends inside a frame at byte"));
  CHECK(reported(errors, "huge.jsonl", 2, "longer than the article limit of 8388608 bytes"));
  CHECK(reported(errors, "unterminated.sgm", 4, "not terminated"));
  CHECK(summary["failed"] == errors.size());
  CHECK(reported(problems(summary, "warnings"), "invalid-utf8.jsonl", 1, "Windows-1252"));

  const Xapian::Database db(dir / "db");
  for (const char* id : {"m1", "m3", "w1", "w4", "d1", "d2", "u1", "h1", "h3", "reuters-1", "z0", "z100"}) {
    CAPTURE(id);
    CHECK(db.term_exists(std::string("Q") + id));
  }
  CHECK_FALSE(db.term_exists("Qh2"));
  // The readable part of the truncated archive is in; nothing after the cut is invented.
  int archive_articles = 0;
  for (auto term = db.allterms_begin("Qz"); term != db.allterms_end("Qz"); ++term) ++archive_articles;
  CHECK(archive_articles == truncated->line - 1);
  CHECK(archive_articles < 20000);
  CHECK(summary["added"] == db.get_doccount());
}

TEST_CASE("Input that is all bad exits 1, not partial", "[bad_input]") {
  test::TempDir dir;
  test::write_file(dir / "bad.jsonl", "not json\n{\"id\": \"x\"}\n");
  const auto result = test::run({test::index_binary(), "--db", dir / "db", dir / "bad.jsonl"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("bad.jsonl:1: invalid JSON at column") &&
                             Catch::Contains("bad.jsonl:2: article has neither a title nor a body"));
}

TEST_CASE("Bad lines from standard input are reported with their line numbers", "[bad_input]") {
  test::TempDir dir;
  const auto result =
      test::run({test::index_binary(), "--db", dir / "db", "--json", "-"},
                "{\"id\": \"a\", \"title\": \"Fine\"}\n{broken\n{\"id\": \"b\", \"title\": \"Also fine\"}\n");
  CHECK(result.exit_code == 3);
  const json summary = test::parse_json(result.out);
  CHECK(summary["added"] == 2);
  CHECK(summary["errors"][0] == json({{"file", "<stdin>"}, {"line", 2}, {"reason", summary["errors"][0]["reason"]}}));
}
