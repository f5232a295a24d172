#pragma once
// The exception tree shared by all Dateline libraries. Foreseeable problems with
// one article are not exceptions: readers report them through their callbacks.

#include <stdexcept>
#include <string>

namespace dateline {

// Something the user gave us is wrong: a bad path, option, query or input file.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
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

// Another indexer holds the write lock.
class DatabaseLockedError : public DatabaseError {
 public:
  using DatabaseError::DatabaseError;
};

}  // namespace dateline
