#include "shard_set.h"

#include <dateline/errors.h>
#include "database_layout.h"

#include <sys/stat.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace dateline::searcher {
namespace fs = std::filesystem;
namespace {

constexpr const char* kStubName = "XAPIANDB";

std::string describe(const Xapian::Error& e) { return e.get_type() + std::string(": ") + e.get_msg(); }

}  // namespace

ShardSet::ShardSet(const std::string& path, std::chrono::milliseconds timeout) : path_(path), timeout_(timeout) {
  load();
}

void ShardSet::load() {
  const std::string& path = path_;
  shards_.clear();
  stubs_.clear();
  std::error_code error;
  if (!fs::exists(path, error)) {
    throw DatabaseError("no database at " + path + " (build one with: dateline-index --db " + path + " PATH...)");
  }
  const bool directory = fs::is_directory(path, error);
  const std::string stub = directory ? (fs::path(path) / kStubName).string() : path;
  if (directory && !fs::is_regular_file(stub, error)) {
    throw DatabaseError(path + " is not a Dateline database (it has no " + kStubName + " stub)");
  }
  read_stub(stub);
  // A Dateline database's own stub names its one live generation: one shard,
  // known by the directory's name.
  if (directory && shards_.size() == 1 && shards_.front().host.empty() &&
      !fs::exists(fs::path(shards_.front().path) / kStubName, error)) {
    shards_.front().name = path;
  }
}

void ShardSet::read_stub(const std::string& stub) {
  std::ifstream in(stub);
  if (!in) throw DatabaseError("cannot read " + stub);
  stubs_.push_back(state_of(stub));
  const fs::path base = fs::absolute(stub).parent_path();
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    std::istringstream words(line);
    std::string kind;
    std::string target;
    if (!(words >> kind) || kind.front() == '#') continue;
    std::getline(words >> std::ws, target);
    while (!target.empty() && (target.back() == ' ' || target.back() == '\r')) target.pop_back();
    Shard shard;
    if (kind == "auto" || kind == "glass" || kind == "chert") {
      shard.path = (base / target).lexically_normal().string();
      shard.name = shard.path;
    } else if (const std::size_t colon = target.rfind(':');
               kind == "remote" && colon != std::string::npos && colon > 0 && colon + 1 < target.size() &&
               target.find_first_not_of("0123456789", colon + 1) == std::string::npos) {
      shard.host = target.substr(0, colon);
      shard.port = static_cast<unsigned>(std::stoul(target.substr(colon + 1)));
      shard.name = "remote " + target;
    } else {
      throw DatabaseError(stub + ":" + std::to_string(number) +
                          ": expected \"auto PATH\" or \"remote HOST:PORT\", got '" + line + "'");
    }
    if (target.empty()) throw DatabaseError(stub + ":" + std::to_string(number) + ": no path in '" + line + "'");
    shards_.push_back(std::move(shard));
  }
  if (shards_.empty()) throw DatabaseError(stub + " lists no database");
  for (const Shard& shard : shards_) {
    std::error_code error;
    const std::string own_stub = shard.path.empty() ? "" : (fs::path(shard.path) / kStubName).string();
    if (!own_stub.empty() && fs::is_regular_file(own_stub, error)) stubs_.push_back(state_of(own_stub));
  }
}

ShardSet::StubState ShardSet::state_of(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) return {path, 0, 0};
  return {path, static_cast<long long>(info.st_ino),
          static_cast<long long>(info.st_mtim.tv_sec) * 1000000000LL + info.st_mtim.tv_nsec};
}

bool ShardSet::moved() const {
  for (const StubState& seen : stubs_) {
    if (!(state_of(seen.path) == seen)) return true;
  }
  return false;
}

void ShardSet::open_shard(Shard& shard) const {
  shard.database.reset();
  shard.problem.clear();
  try {
    const auto milliseconds = static_cast<unsigned>(timeout_.count());
    Xapian::Database database = shard.host.empty()
                                    ? Xapian::Database(shard.path)
                                    : Xapian::Remote::open(shard.host, shard.port, milliseconds, milliseconds);
    common::check_schema_version(database, shard.name);
    shard.database = std::move(database);
  } catch (const Xapian::Error& e) {
    shard.problem = describe(e);
  }
}

bool ShardSet::open(bool only_missing) {
  bool changed = false;
  if (!only_missing) load();
  for (Shard& shard : shards_) {
    if (only_missing && shard.database) continue;
    const bool was_open = shard.database.has_value();
    open_shard(shard);
    changed = changed || !only_missing || was_open != shard.database.has_value();
  }
  if (changed) combine();
  return changed;
}

void ShardSet::combine() {
  database_ = Xapian::Database();
  for (const Shard& shard : shards_) {
    if (shard.database) database_.add_database(*shard.database);
  }
}

std::size_t ShardSet::open_count() const {
  std::size_t count = 0;
  for (const Shard& shard : shards_) count += shard.database ? 1 : 0;
  return count;
}

bool ShardSet::has_remote() const {
  return std::any_of(shards_.begin(), shards_.end(), [](const Shard& shard) { return !shard.host.empty(); });
}

std::vector<std::string> ShardSet::missing() const {
  std::vector<std::string> names;
  for (const Shard& shard : shards_) {
    if (!shard.database) names.push_back(shard.name);
  }
  return names;
}

std::string ShardSet::missing_reasons() const {
  std::string reasons;
  for (const Shard& shard : shards_) {
    if (shard.database) continue;
    reasons += (reasons.empty() ? "" : "; ") + shard.name + " (" + shard.problem + ")";
  }
  return reasons;
}

}  // namespace dateline::searcher
