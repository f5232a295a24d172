#pragma once
// The on-disk layout of a sharded archive (dateline-index --shards N):
//
//   DIR/XAPIANDB     Xapian stub listing the shards, one "auto shard-NN" line each,
//                    so that Xapian, dateline-search and xapian-tcpsrv open DIR as one database
//   DIR/shard-NN/    a Dateline database each (DatabaseLayout): its own lock,
//                    generations, rebuilds and compaction
//   DIR/lexicon/     a Dateline database without documents: the shards' spelling and
//                    synonym tables merged (indexer/lexicon.h), for searches through remote shards
//   DIR/lock         flock()ed by the indexer for the whole run (besides each shard's lock)
//
// An article lives on the shard its id hashes to (shard_of), so every version
// of it meets the same shard. Every shard carries the same schema version and
// compression dictionary, so any searcher decodes any shard's articles.

#include "database_layout.h"

#include <string>
#include <string_view>
#include <vector>

namespace dateline::common {

class ArchiveLayout {
 public:
  explicit ArchiveLayout(const std::string& directory);

  // True when DIR's stub lists shard directories.
  bool exists() const;
  // The shards the stub lists, in order. Throws DatabaseError when it cannot be read.
  std::vector<DatabaseLayout> shards() const;
  // Creates DIR, `count` empty shards and the stub. Refuses a directory that
  // holds anything but a lock file.
  void create(unsigned count) const;
  std::string lexicon() const { return directory_ + "/lexicon"; }

 private:
  std::string directory_;
};

// The shard (0 to shards - 1) of the article whose id term is `id_term`: a
// stable hash (XXH3, the same on every machine and run).
std::size_t shard_of(std::string_view id_term, std::size_t shards);

}  // namespace dateline::common
