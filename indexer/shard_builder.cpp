#include "shard_builder.h"

#include "bounded_queue.h"
#include "database_errors.h"
#include "database_layout.h"

#include <dateline/errors.h>

#include <xapian.h>

#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

namespace dateline::indexer {

namespace fs = std::filesystem;

namespace {
constexpr std::size_t kShardQueueCapacity = 512;
}  // namespace

struct ShardBuilder::Shard {
  std::string path;
  std::unique_ptr<IndexWriter> writer;
  BoundedQueue<IndexedArticle> queue{kShardQueueCapacity};
  std::thread thread;
  mutable std::mutex failure_mutex;
  std::exception_ptr failure;

  void write() {
    try {
      while (auto article = queue.pop()) writer->add(std::move(*article));
    } catch (...) {
      const std::lock_guard<std::mutex> lock(failure_mutex);
      failure = std::current_exception();
      queue.close();
    }
  }
  void rethrow() const {
    const std::lock_guard<std::mutex> lock(failure_mutex);
    if (failure) std::rethrow_exception(failure);
  }
};

ShardBuilder::ShardBuilder(const std::string& generation, unsigned shards, std::size_t batch_size)
    : generation_(generation) {
  const common::DatabaseLayout layout(fs::path(generation).parent_path().string());
  for (unsigned n = 0; n < std::max(1u, shards); ++n) {
    auto shard = std::make_unique<Shard>();
    shard->path = generation + ".shard-" + std::to_string(n);
    layout.create_generation(shard->path);
    // A fresh shard is private to this run: commit by batch size alone, and
    // write each word's spelling once at the end rather than once a batch.
    shard->writer = std::make_unique<IndexWriter>(shard->path, batch_size, std::chrono::milliseconds(0),
                                                  IndexWriter::Spelling::kAtEnd);
    shards_.push_back(std::move(shard));
  }
  for (auto& shard : shards_) shard->thread = std::thread([raw = shard.get()] { raw->write(); });
}

ShardBuilder::~ShardBuilder() {
  stop();
  for (const auto& shard : shards_) {
    shard->writer.reset();
    std::error_code ignored;
    fs::remove_all(shard->path, ignored);
  }
}

void ShardBuilder::stop() {
  for (auto& shard : shards_) shard->queue.close();
  for (auto& shard : shards_) {
    if (shard->thread.joinable()) shard->thread.join();
  }
}

void ShardBuilder::rethrow_failure() const {
  for (const auto& shard : shards_) shard->rethrow();
}

IndexWriter::Change ShardBuilder::replace(IndexedArticle&& article) {
  Shard& shard = *shards_[std::hash<std::string>{}(article.id_term) % shards_.size()];
  if (!shard.queue.push(std::move(article))) rethrow_failure();
  return IndexWriter::Change::kAdded;
}

void ShardBuilder::finish() {
  stop();
  rethrow_failure();
  Xapian::Database shards;
  for (auto& shard : shards_) {
    shard->writer->finish();
    shard->writer.reset();
    common::translating_xapian_errors("cannot read the shard " + shard->path,
                                      [&] { shards.add_database(Xapian::Database(shard->path)); });
  }
  try {
    fs::remove_all(generation_);
    shards.compact(generation_, 0, common::kBlockSize);
  } catch (const Xapian::Error& e) {
    throw DatabaseError("cannot merge the shards into " + generation_ + ": " + e.get_description());
  }
}

}  // namespace dateline::indexer
