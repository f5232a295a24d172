#pragma once
// Builds a fresh generation (--rebuild) with one writer thread per core:
// Xapian's writer is single-threaded and is the indexer's bottleneck, so each
// shard writes its own database and Xapian's compactor merges them into the
// generation at the end. Articles go to a shard by the hash of their id, so
// every version of one article meets the same writer, in input order.

#include "document_builder.h"
#include "index_writer.h"

#include <exception>
#include <memory>
#include <string>
#include <vector>

namespace dateline::indexer {

class ShardBuilder {
 public:
  // `generation` is created by DatabaseLayout::create_generation; the shards
  // live beside it ("<generation>.shard-N") until finish() merges them.
  ShardBuilder(const std::string& generation, unsigned shards, std::size_t batch_size);
  // Without finish(): stops the writers and removes the shards.
  ~ShardBuilder();
  ShardBuilder(const ShardBuilder&) = delete;
  ShardBuilder& operator=(const ShardBuilder&) = delete;

  // Ids must be unique within the run (the pipeline skips duplicates).
  // Throws DatabaseError when a shard's writer failed.
  IndexWriter::Change replace(IndexedArticle&& article);
  // Commits every shard and merges them into the generation. Throws DatabaseError.
  void finish();

 private:
  struct Shard;
  void stop();
  void rethrow_failure() const;

  std::string generation_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace dateline::indexer
