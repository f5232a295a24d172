#include "archive_layout.h"

#include <dateline/errors.h>

#include <xxhash.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace dateline::common {
namespace fs = std::filesystem;
namespace {

constexpr const char* kShardPrefix = "shard-";

std::vector<std::string> stub_targets(const std::string& stub) {
  std::ifstream in(stub);
  std::vector<std::string> targets;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string backend;
    std::string target;
    if (words >> backend >> target && backend == "auto") targets.push_back(target);
  }
  return targets;
}

bool is_shard_name(const std::string& name) { return name.rfind(kShardPrefix, 0) == 0; }

}  // namespace

ArchiveLayout::ArchiveLayout(const std::string& directory) : directory_(DatabaseLayout(directory).directory()) {}

bool ArchiveLayout::exists() const {
  const auto targets = stub_targets(DatabaseLayout(directory_).stub_path());
  return !targets.empty() && is_shard_name(targets.front());
}

std::vector<DatabaseLayout> ArchiveLayout::shards() const {
  std::vector<DatabaseLayout> shards;
  for (const std::string& target : stub_targets(DatabaseLayout(directory_).stub_path())) {
    if (!is_shard_name(target)) throw DatabaseError(directory_ + "/XAPIANDB: '" + target + "' is not a shard");
    shards.emplace_back(directory_ + "/" + target);
  }
  if (shards.empty()) throw DatabaseError("cannot read the shards of " + directory_);
  return shards;
}

void ArchiveLayout::create(unsigned count) const {
  const DatabaseLayout top(directory_);
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(directory_, error)) {
    if (entry.path() != top.lock_path()) {
      throw DatabaseError(directory_ + " is not empty and is not a Dateline archive; choose another --db");
    }
  }
  std::string stub;
  for (unsigned n = 0; n < count; ++n) {
    char name[32];
    std::snprintf(name, sizeof name, "%s%02u", kShardPrefix, n);
    DatabaseLayout(directory_ + "/" + name).create();
    stub += std::string("auto ") + name + "\n";
  }
  const std::string temporary = top.stub_path() + ".new";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << stub;
    out.flush();
    if (!out) throw DatabaseError("cannot write " + temporary);
  }
  if (std::rename(temporary.c_str(), top.stub_path().c_str()) != 0) {
    throw DatabaseError("cannot write " + top.stub_path());
  }
}

std::size_t shard_of(std::string_view id_term, std::size_t shards) {
  return static_cast<std::size_t>(XXH3_64bits(id_term.data(), id_term.size()) % shards);
}

}  // namespace dateline::common
