#pragma once
// The single writer of a database generation. Changes are grouped in batches,
// each one Xapian transaction: a batch is on disk entirely or not at all, so a
// crash or a full disk never leaves half a batch. Commits happen at batch
// boundaries, but no sooner than `commit_interval` after the previous one: a
// Xapian reader loses its revision when two commits overtake a search, so a
// writer committing every few milliseconds would starve searches. Spelling
// data follows the documents: words of replaced and deleted articles are taken
// out again.

#include "document_builder.h"

#include <xapian.h>

#include <chrono>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace dateline::indexer {

class IndexWriter {
 public:
  enum class Change { kAdded, kUpdated };

  enum class Spelling {
    kEachCommit,  // spelling data follows every batch (a live generation)
    kAtEnd,       // collected for the whole run, written by finish(): a fresh shard nobody reads yet
  };

  IndexWriter(const std::string& generation, std::size_t batch_size, std::chrono::milliseconds commit_interval,
              Spelling spelling = Spelling::kEachCommit);
  // Cancels an unfinished batch: only what commit() wrote survives.
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  Change replace(IndexedArticle&& article);
  // For an article whose id the generation cannot hold yet (a fresh shard fed
  // unique ids): skips the lookups replace() makes.
  void add(IndexedArticle&& article);
  // False when no article has this id.
  bool remove(const std::string& id);
  // Moves every article of story `from` into story `to` (two stories an article joined).
  void relabel_story(const std::string& from, const std::string& to);
  void remove_document(Xapian::docid document);
  // Replaces a document in place (another reading of the same article: its
  // people resolved anew), keeping the spelling data in step.
  void rewrite(Xapian::docid id, const Xapian::Document& document);

  // The surname keys of the people of every article added, replaced or
  // removed by this writer (schema::kSurnamePrefix and kBareSurnamePrefix).
  const std::set<std::string>& surnames_changed() const { return surnames_changed_; }
  // The generation as written so far, batch included, for reading.
  const Xapian::Database& database() const { return database_; }

  // Source files (absolute paths) of indexed articles under `directory`.
  std::vector<std::string> source_files_under(const std::string& directory) const;
  // Id terms and document numbers of the articles read from `source_file`.
  std::vector<std::pair<std::string, Xapian::docid>> articles_from(const std::string& source_file) const;

  // The compression of stored articles: with the database's dictionary, once it has one.
  const common::StoredCodec& codec() const { return codec_; }
  // Keeps the dictionary in the database (with the open batch) and reads stored articles with it.
  void set_dictionary(const std::string& dictionary);
  // The stored dictionary ("" without one): shards of an archive must share it.
  std::string dictionary() const;

  // Writes the open batch and the time of this update. Throws DatabaseError.
  void commit();
  // Writes the spelling data collected so far, and commits.
  void finish();
  Xapian::doccount document_count() const { return database_.get_doccount(); }

 private:
  void before_change();
  void after_change();
  void forget_spelling_of(Xapian::docid document);
  void count_spelling_of(const Xapian::Document& document, long change);
  void note_surnames(const Xapian::Document& document);
  void flush_spelling();
  void count_spelling(const IndexedArticle& article);
  // Accent synonyms are never taken out again: one whose articles are gone leads nowhere.
  void add_synonyms(const IndexedArticle& article);
  std::vector<std::string> read_source_files_under(const std::string& directory) const;
  std::vector<std::pair<std::string, Xapian::docid>> read_articles_from(const std::string& source_file) const;

  Xapian::WritableDatabase database_;
  std::size_t batch_size_;
  std::chrono::milliseconds commit_interval_;
  Spelling spelling_;
  common::StoredCodec codec_;
  std::chrono::steady_clock::time_point last_commit_ = std::chrono::steady_clock::now();
  std::size_t changes_in_batch_ = 0;
  bool in_batch_ = false;
  std::unordered_map<std::string, long> spelling_changes_;
  std::unordered_set<std::string> synonyms_written_;  // this run's, "key\0synonym"
  std::set<std::string> surnames_changed_;
  std::string generation_;
};

// True while a thread is inside Xapian's commit_transaction(), for the
// program's terminate handler: Xapian 1.4's glass backend can let a write
// error escape through a noexcept function there (seen with a full disk).
bool committing();

}  // namespace dateline::indexer
