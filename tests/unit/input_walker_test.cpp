#include "input_walker.h"

#include <dateline/errors.h>

#include "test_support.h"

using namespace dateline;

TEST_CASE("Directories are walked for articles only, in order", "[input_walker]") {
  test::TempDir dir;
  for (const char* name : {"news/b.txt", "news/a.jsonl", "news/sub/c.sgm", "news/sub/d.jsonl.zst", "news/README.TXT",
                           "news/.hidden.txt", "news/notes.md", "news/skip-me.txt"}) {
    test::write_file(dir / name, "x");
  }
  const auto plan = indexer::plan_inputs({dir / "news"}, {"skip-*"});
  REQUIRE(plan.files.size() == 4);
  CHECK(plan.files[0].file_id == "news/a.jsonl");
  CHECK(plan.files[1].file_id == "news/b.txt");
  CHECK(plan.files[2].file_id == "news/sub/c.sgm");
  CHECK(plan.files[3].file_id == "news/sub/d.jsonl.zst");
  CHECK(plan.directories.size() == 1);
  CHECK(plan.total_bytes == 4);
}

TEST_CASE("Files named directly are always read", "[input_walker]") {
  test::TempDir dir;
  test::write_file(dir / "README.TXT", "x");
  const auto plan = indexer::plan_inputs({dir / "README.TXT", "-"}, {});
  REQUIRE(plan.files.size() == 2);
  CHECK(plan.files[0].file_id == "README.TXT");
  CHECK(plan.files[1].path == "-");
  CHECK(plan.reads_stdin);
}

TEST_CASE("A missing path is a usage error naming it", "[input_walker]") {
  CHECK_THROWS_AS(indexer::plan_inputs({"/no/such/archive"}, {}), UsageError);
  CHECK_THROWS_WITH(indexer::plan_inputs({"/no/such/archive"}, {}), Catch::Contains("/no/such/archive"));
}

TEST_CASE("Web pages and WARC files are articles, compressed or not", "[input_walker]") {
  test::TempDir dir;
  for (const char* name :
       {"web/a.html", "web/b.htm.gz", "web/crawl.warc.gz", "web/crawl2.warc.zst", "web/style.css", "web/logo.png"}) {
    test::write_file(dir / name, "x");
  }
  const auto plan = indexer::plan_inputs({dir / "web"}, {});
  REQUIRE(plan.files.size() == 4);
  CHECK(plan.files[0].file_id == "web/a.html");
  CHECK(plan.files[1].file_id == "web/b.htm.gz");
  CHECK(plan.files[2].file_id == "web/crawl.warc.gz");
  CHECK(plan.files[3].file_id == "web/crawl2.warc.zst");
}
