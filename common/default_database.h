#pragma once
// The database both programs use when --db is not given: $DATELINE_DB, then ./dateline.db.

#include <cstdlib>
#include <string>

namespace dateline::cli {

inline std::string default_database() {
  const char* from_environment = std::getenv("DATELINE_DB");
  return from_environment != nullptr && *from_environment != '\0' ? from_environment : "dateline.db";
}

}  // namespace dateline::cli
