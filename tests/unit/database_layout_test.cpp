#include "database_layout.h"

#include <dateline/errors.h>

#include "test_support.h"

#include <xapian.h>

#include <filesystem>

using namespace dateline;
namespace fs = std::filesystem;

TEST_CASE("A new database is a stub naming its first generation", "[database_layout]") {
  test::TempDir dir;
  const common::DatabaseLayout layout(dir / "db");
  CHECK_FALSE(layout.exists());
  layout.create();
  CHECK(layout.exists());
  CHECK(layout.live_generation() == dir / "db/gen-000001");
  CHECK(Xapian::Database(dir / "db").get_doccount() == 0);
}

TEST_CASE("Switching generations is what readers see, and stale ones are removed", "[database_layout]") {
  test::TempDir dir;
  const common::DatabaseLayout layout(dir / "db");
  layout.create();
  const std::string next = layout.next_generation();
  CHECK(next == dir / "db/gen-000002");
  {
    Xapian::WritableDatabase database(next, Xapian::DB_CREATE);
    Xapian::Document document;
    document.add_term("hello");
    database.add_document(document);
    database.commit();
  }
  layout.switch_to(next);
  CHECK(Xapian::Database(dir / "db").get_doccount() == 1);
  layout.remove_stale_generations();
  CHECK_FALSE(fs::exists(dir / "db/gen-000001"));
  CHECK(fs::exists(next));
}

TEST_CASE("A folder that is not a Dateline database is refused", "[database_layout]") {
  test::TempDir dir;
  test::write_file(dir / "docs/notes.txt", "mine");
  CHECK_THROWS_AS(common::DatabaseLayout(dir / "docs").create(), DatabaseError);
  CHECK(test::read_file(dir / "docs/notes.txt") == "mine");
}

TEST_CASE("Only one writer holds the lock", "[database_layout]") {
  test::TempDir dir;
  const common::DatabaseLayout layout(dir / "db");
  const common::WriteLock first(layout, 0);
  CHECK_THROWS_AS(common::WriteLock(layout, 0), DatabaseLockedError);
  CHECK_THROWS_WITH(common::WriteLock(layout, 0.2), Catch::Contains("being updated by another indexer"));
}
