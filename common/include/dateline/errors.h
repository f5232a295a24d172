#pragma once
// The exceptions Dateline's libraries throw, public so that programs embedding
// the searcher can tell a bad query from a missing or locked database.
// Foreseeable problems with one article are not exceptions: readers report
// them through their callbacks.

#include <stdexcept>
#include <string>

namespace dateline {

// Something the user gave us is wrong: a bad path, option, query or input file.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A query or filter that cannot be parsed; the message says what and where.
class QueryError : public UsageError {
 public:
  using UsageError::UsageError;
};

// No article has the requested id.
class NotFoundError : public UsageError {
 public:
  using UsageError::UsageError;
};

// Reading an input failed in a way that stops that input (I/O error, corrupt stream).
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The database is missing, locked, corrupt, from another schema version, or a
// write to it failed.
class DatabaseError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A shard of a sharded archive (a line of its stub) could not be opened or
// did not answer within the timeout; the message names it.
class ShardUnavailableError : public DatabaseError {
 public:
  using DatabaseError::DatabaseError;
};

// Another indexer holds the write lock.
class DatabaseLockedError : public DatabaseError {
 public:
  using DatabaseError::DatabaseError;
};

}  // namespace dateline
