#pragma once
// Xapian's errors as Dateline's, caught where Xapian is called so that the
// message says what was being done ("cannot read the database /db/gen-000002:
// DatabaseCorruptError: ..."), not only what Xapian saw.

#include <dateline/errors.h>

#include <xapian.h>

#include <string>

namespace dateline::common {

// Runs `operation`; a Xapian::Error it throws becomes DatabaseError("<what>: <Xapian's description>").
template <typename Operation>
auto translating_xapian_errors(const std::string& what, Operation operation) -> decltype(operation()) {
  try {
    return operation();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(what + ": " + e.get_description());
  }
}

}  // namespace dateline::common
