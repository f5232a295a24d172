#pragma once
// The databases one search reads, as a Xapian stub lists them: a Dateline
// database directory (its stub names one generation), a sharded archive (its
// stub lists "auto shard-NN" lines, each a Dateline database) or a stub file
// of the operator's own, whose lines name local databases ("auto PATH") or
// shards served by xapian-tcpsrv ("remote HOST:PORT"). Xapian opens the same
// stub by itself; reading it here gives each remote shard a timeout and lets a
// search go on without a shard that does not answer.

#include <xapian.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace dateline::searcher {

class ShardSet {
 public:
  // Reads the stub of `path` (a directory's XAPIANDB, or the file itself).
  // Throws DatabaseError when there is none, or a line is not one of the
  // forms above (naming the file and line).
  ShardSet(const std::string& path, std::chrono::milliseconds timeout);

  // Opens every shard (reading the stubs again), or only those not open
  // (`only_missing`); a shard that
  // fails is missing() until a later call opens it. True when the set of
  // open shards changed.
  bool open(bool only_missing);
  // True when a local stub changed since open(): a rebuild or compaction
  // switched generations, so the shards must be opened again.
  bool moved() const;

  // The open shards, in stub order, as one database: Xapian merges their
  // statistics and rankings.
  const Xapian::Database& database() const { return database_; }
  std::size_t size() const { return shards_.size(); }
  std::size_t open_count() const;
  // True when the stub lists shards served by xapian-tcpsrv, which runs only
  // Xapian's built-in classes (no KeyMaker, no custom MatchSpy).
  bool has_remote() const;
  // The shards that are not open, as the stub names them ("remote 10.0.0.2:7001").
  std::vector<std::string> missing() const;
  // Why they are not: "remote 10.0.0.2:7001 (NetworkError: ...)", joined by "; ".
  std::string missing_reasons() const;

 private:
  struct StubState {
    std::string path;
    long long inode = 0;
    long long modified_ns = 0;
    bool operator==(const StubState& other) const { return inode == other.inode && modified_ns == other.modified_ns; }
  };
  struct Shard {
    std::string name;  // as the stub names it: the path, or "remote HOST:PORT"
    std::string path;  // a local shard's absolute path
    std::string host;  // a remote shard's host and port
    unsigned port = 0;
    std::optional<Xapian::Database> database;
    std::string problem;
  };

  static StubState state_of(const std::string& path);
  void load();
  void read_stub(const std::string& stub);
  void open_shard(Shard& shard) const;
  void combine();

  std::string path_;
  std::chrono::milliseconds timeout_;
  std::vector<Shard> shards_;
  std::vector<StubState> stubs_;  // the stubs read, and the local shards' own (their generation)
  Xapian::Database database_;
};

}  // namespace dateline::searcher
