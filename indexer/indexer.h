#pragma once
// dateline-index as a library: reads inputs, completes facets and builds
// documents on a worker pool, and feeds one writer that commits in batches.
// Re-runs are incremental (unchanged articles are skipped by content hash);
// deletions, pruning, atomic rebuilds and compaction share the same lock.

#include "reader.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace dateline::indexer {

struct Progress {
  std::uint64_t articles = 0;     // read so far, whatever became of them
  std::uint64_t bytes = 0;        // input bytes consumed (compressed size)
  std::uint64_t total_bytes = 0;  // 0 when unknown (standard input)
  double seconds = 0;
};

struct IndexOptions {
  std::string database;
  std::vector<std::string> inputs;                 // files, directories, "-"
  std::vector<std::string> excludes;               // globs skipped inside directories
  std::vector<std::string> delete_ids;             // articles to remove after indexing
  bool prune = false;                              // remove articles whose source is gone from a directory input
  bool rebuild = false;                            // build a new generation and switch to it atomically
  bool compact = false;                            // compact the database at the end
  std::size_t batch_size = 1000;                   // articles per commit (a multiple, when commits would come too fast)
  std::chrono::milliseconds commit_interval{200};  // least time between commits; 0: every batch
  unsigned threads = 0;                            // extraction workers; 0: one per core
  std::size_t max_article_bytes = 8u << 20;
  double wait_seconds = 0;  // wait this long for another indexer's lock
  // 0: the database as it is (one, or a sharded archive's shards). N > 1: a
  // sharded archive of N shards (common/archive_layout.h), created when the
  // directory is new; UsageError for a database with another number.
  unsigned shards = 0;
  std::function<void(const Progress&)> on_progress;  // called from the writer thread
};

struct IndexSummary {
  std::uint64_t added = 0;
  std::uint64_t updated = 0;
  std::uint64_t unchanged = 0;
  std::uint64_t deleted = 0;
  std::uint64_t pruned = 0;
  std::uint64_t failed = 0;                      // articles (or whole files) rejected
  std::map<std::string, std::uint64_t> skipped;  // input records that hold no article (WARC requests...), by kind
  std::vector<common::InputProblem> errors;
  std::vector<common::InputProblem> warnings;
  std::vector<std::string> unknown_ids;  // --delete ids the database did not have
  std::uint64_t documents = 0;           // in the database afterwards
  double seconds = 0;
  bool rebuilt = false;
  bool compacted = false;
};

// Throws UsageError (bad paths, a --shards that does not fit), DatabaseLockedError (another indexer is
// writing) and DatabaseError (cannot open, write or switch the database). The
// database keeps its last committed state whatever happens.
IndexSummary run_indexer(const IndexOptions& options);

struct DatabaseStats {
  std::string directory;
  std::string generation;
  std::uint64_t documents = 0;
  std::string last_update;
  int schema_version = 0;
  std::uint64_t size_bytes = 0;
  std::vector<std::pair<std::string, std::uint64_t>> sources;  // most articles first
  std::vector<DatabaseStats> shards;  // a sharded archive's shards (the figures above are their sums); else empty
};

DatabaseStats database_stats(const std::string& directory);

}  // namespace dateline::indexer
