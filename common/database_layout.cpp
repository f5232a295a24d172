#include "database_layout.h"

#include <dateline/errors.h>
#include "schema.h"

#include <xapian.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace dateline::common {
namespace fs = std::filesystem;
namespace {

constexpr const char* kStubName = "XAPIANDB";
constexpr const char* kLockName = "lock";
constexpr const char* kGenerationPrefix = "gen-";

std::string errno_text() { return std::strerror(errno); }

void fsync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw DatabaseError("cannot open " + path + ": " + errno_text());
  const int result = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  if (result != 0) throw DatabaseError("cannot sync " + path + ": " + std::strerror(saved));
}

bool is_generation_name(const std::string& name) {
  return name.rfind(kGenerationPrefix, 0) == 0 && name.size() > std::strlen(kGenerationPrefix);
}

unsigned long generation_number(const std::string& name) {
  return std::strtoul(name.c_str() + std::strlen(kGenerationPrefix), nullptr, 10);
}

}  // namespace

DatabaseLayout::DatabaseLayout(const std::string& directory)
    : directory_(fs::absolute(directory).lexically_normal().string()) {
  while (directory_.size() > 1 && directory_.back() == '/') directory_.pop_back();
}

std::string DatabaseLayout::stub_path() const { return directory_ + "/" + kStubName; }
std::string DatabaseLayout::lock_path() const { return directory_ + "/" + kLockName; }

bool DatabaseLayout::exists() const { return fs::is_regular_file(stub_path()); }

void DatabaseLayout::create() const {
  std::error_code error;
  if (fs::exists(directory_, error)) {
    if (!fs::is_directory(directory_)) throw DatabaseError(directory_ + " exists and is not a directory");
    for (const auto& entry : fs::directory_iterator(directory_)) {
      const std::string name = entry.path().filename().string();
      if (name != kLockName && !is_generation_name(name)) {
        throw DatabaseError(directory_ + " is not empty and is not a Dateline database; choose another --db");
      }
    }
  }
  fs::create_directories(directory_, error);
  if (error) throw DatabaseError("cannot create " + directory_ + ": " + error.message());
  const std::string generation = next_generation();
  create_generation(generation);
  switch_to(generation);
}

void DatabaseLayout::create_generation(const std::string& generation) const {
  try {
    Xapian::WritableDatabase database(generation, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS,
                                      kBlockSize);
    database.set_metadata(std::string(schema::kSchemaVersionKey), std::to_string(schema::kVersion));
    database.commit();
  } catch (const Xapian::Error& e) {
    throw DatabaseError("cannot create a database in " + generation + ": " + e.get_description());
  }
}

std::string DatabaseLayout::live_generation() const {
  std::ifstream stub(stub_path());
  std::string backend;
  std::string relative;
  if (!(stub >> backend >> relative)) throw DatabaseError("cannot read " + stub_path());
  return directory_ + "/" + relative;
}

std::string DatabaseLayout::next_generation() const {
  unsigned long highest = 0;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(directory_, error)) {
    const std::string name = entry.path().filename().string();
    if (is_generation_name(name)) highest = std::max(highest, generation_number(name));
  }
  char name[32];
  std::snprintf(name, sizeof name, "%s%06lu", kGenerationPrefix, highest + 1);
  return directory_ + "/" + name;
}

void DatabaseLayout::switch_to(const std::string& generation) const {
  const std::string temporary = stub_path() + ".new";
  {
    std::ofstream stub(temporary, std::ios::trunc);
    stub << "auto " << fs::path(generation).filename().string() << "\n";
    stub.flush();
    if (!stub) throw DatabaseError("cannot write " + temporary);
  }
  fsync_path(temporary, O_RDONLY);
  if (std::rename(temporary.c_str(), stub_path().c_str()) != 0) {
    throw DatabaseError("cannot replace " + stub_path() + ": " + errno_text());
  }
  fsync_path(directory_, O_RDONLY | O_DIRECTORY);
}

void DatabaseLayout::remove_stale_generations() const {
  const std::string live = fs::path(live_generation()).filename().string();
  for (const auto& entry : fs::directory_iterator(directory_)) {
    const std::string name = entry.path().filename().string();
    if (is_generation_name(name) && name != live) {
      std::error_code ignored;
      fs::remove_all(entry.path(), ignored);
    }
  }
}

std::uint64_t DatabaseLayout::size_bytes() const {
  std::uint64_t total = 0;
  std::error_code error;
  for (const auto& entry : fs::recursive_directory_iterator(live_generation(), error)) {
    if (entry.is_regular_file(error)) total += entry.file_size(error);
  }
  return total;
}

void check_schema_version(const Xapian::Database& database, const std::string& path) {
  const std::string version = database.get_metadata(std::string(schema::kSchemaVersionKey));
  if (version.empty()) throw DatabaseError(path + " is not a Dateline database (it has no schema version)");
  if (version != std::to_string(schema::kVersion)) {
    throw DatabaseError(path + " was built with schema version " + version +
                        "; this version of Dateline reads and writes version " + std::to_string(schema::kVersion) +
                        ": rebuild it with dateline-index --rebuild");
  }
}

WriteLock::WriteLock(const DatabaseLayout& layout, double wait_seconds) {
  std::error_code error;
  fs::create_directories(layout.directory(), error);
  fd_ = ::open(layout.lock_path().c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw DatabaseError("cannot open " + layout.lock_path() + ": " + errno_text());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_seconds);
  while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno != EWOULDBLOCK && errno != EINTR) {
      const std::string reason = errno_text();
      ::close(fd_);
      throw DatabaseError("cannot lock " + layout.lock_path() + ": " + reason);
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      ::close(fd_);
      std::ostringstream message;
      message << "database is being updated by another indexer (" << layout.directory() << ")";
      if (wait_seconds > 0) message << "; gave up after waiting " << wait_seconds << " s";
      throw DatabaseLockedError(message.str());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

WriteLock::~WriteLock() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace dateline::common
