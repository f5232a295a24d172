#pragma once
// Exit codes of the Dateline programs, as README.md documents them.

namespace dateline {

enum ExitCode : int {
  kExitOk = 0,              // done
  kExitBadInput = 1,        // bad usage, bad query, or input of which nothing could be used
  kExitRuntimeFailure = 2,  // database missing, corrupt or unwritable; I/O failure
  kExitPartial = 3,         // dateline-index: some articles were rejected, the rest indexed
  kExitLocked = 4,          // dateline-index: another indexer holds the database
};

}  // namespace dateline
