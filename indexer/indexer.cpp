#include "indexer.h"

#include <dateline/errors.h>
#include "archive_layout.h"
#include "bounded_queue.h"
#include "database_errors.h"
#include "database_layout.h"
#include "dictionary_trainer.h"
#include "document_builder.h"
#include "facet_extractor.h"
#include "id_ledger.h"
#include "index_writer.h"
#include "input_walker.h"
#include "lexicon.h"
#include "schema.h"
#include "shard_builder.h"
#include "story_assigner.h"
#include "surname_resolver.h"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace dateline::indexer {
namespace fs = std::filesystem;
namespace {

using common::DatabaseLayout;
using common::kBlockSize;
using common::WriteLock;

using common::Article;
using common::InputProblem;
using Clock = std::chrono::steady_clock;

constexpr std::size_t kQueueCapacity = 256;
// How far reading may run ahead of writing, in articles: bounds the reorder buffer.
constexpr std::uint64_t kReadAheadWindow = 4096;
constexpr auto kProgressInterval = std::chrono::milliseconds(200);

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// What the reader hands the workers: an article, or the end of a file.
struct ReadItem {
  std::uint64_t sequence = 0;
  std::optional<Article> article;
  std::string finished_file;   // absolute path, when this item marks the end of a file
  bool file_complete = false;  // the whole file was read (pruning may trust it)
};

// What the workers hand the writer.
struct PreparedItem {
  enum class Kind { kIndex, kUnchanged, kFailed, kFileFinished };
  std::uint64_t sequence = 0;
  Kind kind = Kind::kFailed;
  std::optional<IndexedArticle> indexed;
  std::string id_term;
  std::string source_file;
  InputProblem where;
  bool file_complete = false;
};

void check_schema(const std::string& generation) {
  common::translating_xapian_errors("cannot read the database " + generation,
                                    [&] { common::check_schema_version(Xapian::Database(generation), generation); });
}

std::unordered_set<std::string> known_content_hashes(const std::string& generation) {
  return common::translating_xapian_errors("cannot read the content hashes of the database " + generation, [&] {
    std::unordered_set<std::string> hashes;
    const Xapian::Database database(generation);
    for (auto hash = database.valuestream_begin(schema::kContentHashSlot);
         hash != database.valuestream_end(schema::kContentHashSlot); ++hash) {
      hashes.insert(*hash);
    }
    return hashes;
  });
}

// Where the pipeline's writer thread sends each new or changed article, in input
// order, and the compression dictionary it trained for a database that had none.
struct ArticleWriter {
  std::function<IndexWriter::Change(IndexedArticle&&)> write;
  std::function<void(const std::string&)> keep_dictionary;
};

unsigned cores() { return std::max(1u, std::thread::hardware_concurrency()); }

class Pipeline {
 public:
  // Without a dictionary in `codec`, the writer trains one on the run's first
  // articles and hands it to `writer.keep_dictionary`.
  Pipeline(const IndexOptions& options, const InputPlan& plan, const std::unordered_set<std::string>& known_hashes,
           const common::StoredCodec& codec, StoryAssigner& stories, ArticleWriter writer, IndexSummary& summary)
      : options_(options),
        plan_(plan),
        known_hashes_(known_hashes),
        writer_(std::move(writer)),
        summary_(summary),
        trainer_(codec),
        stories_(stories),
        ids_(options.prune),
        read_queue_(kQueueCapacity),
        prepared_queue_(kQueueCapacity) {}

  void run() {
    const unsigned workers = options_.threads > 0 ? options_.threads : cores();
    active_workers_ = workers;
    extractor_.emplace();  // loads the gazetteer: only runs that read input pay for it
    std::thread reader([this] { guard([this] { read_inputs(); }); });
    std::vector<std::thread> pool;
    for (unsigned i = 0; i < workers; ++i) pool.emplace_back([this] { guard([this] { prepare(); }); });
    try {
      write();
    } catch (...) {
      record_failure(std::current_exception());
    }
    abort();
    reader.join();
    for (std::thread& worker : pool) worker.join();
    if (failure_) std::rethrow_exception(failure_);
  }

  // The ids this run read, for pruning.
  const IdLedger& ids() const { return ids_; }

 private:
  // --- reader thread -----------------------------------------------------------
  class QueueSink : public common::ArticleSink {
   public:
    explicit QueueSink(Pipeline& pipeline) : pipeline_(pipeline) {}
    void accept(Article&& article) override { pipeline_.push_read(ReadItem{0, std::move(article), {}, false}); }
    void reject(const InputProblem& problem) override {
      rejected_ = true;
      pipeline_.add_problem(problem, true);
    }
    void warn(const InputProblem& problem) override { pipeline_.add_problem(problem, false); }
    void skip(const std::string& kind) override { pipeline_.count_skipped(kind); }
    bool rejected() const { return rejected_; }

   private:
    Pipeline& pipeline_;
    bool rejected_ = false;
  };

  void read_inputs() {
    for (const InputFile& file : plan_.files) {
      if (stopping_) break;
      QueueSink sink(*this);
      bool complete = true;
      try {
        const auto source = common::ByteSource::open(file.path);
        const auto format = common::detect_format(file.path == "-" ? "" : file.path, source->peek(512));
        const common::ReadContext context{file.display, file.absolute, file.file_id, options_.max_article_bytes};
        current_source_ = source.get();
        common::make_reader(format)->read(*source, context, sink);
        current_source_ = nullptr;
        bytes_done_ += source->raw_bytes_read();
      } catch (const InputError& e) {
        current_source_ = nullptr;
        sink.reject({file.display, 0, e.what()});
        complete = false;
      }
      // A file with a rejected part is not trusted for pruning: what it lost may come back.
      push_read(ReadItem{0, std::nullopt, file.absolute, complete && !sink.rejected()});
    }
    read_queue_.close();
  }

  void push_read(ReadItem item) {
    {
      std::unique_lock<std::mutex> lock(window_mutex_);
      window_.wait(lock, [&] { return stopping_ || next_sequence_ - applied_ < kReadAheadWindow; });
      item.sequence = next_sequence_++;
    }
    if (item.article) ++articles_read_;
    read_queue_.push(std::move(item));
  }

  void add_problem(const InputProblem& problem, bool is_error) {
    std::lock_guard<std::mutex> lock(problems_mutex_);
    if (is_error) {
      summary_.errors.push_back(problem);
      ++summary_.failed;
    } else {
      summary_.warnings.push_back(problem);
    }
  }

  void count_skipped(const std::string& kind) {
    std::lock_guard<std::mutex> lock(problems_mutex_);
    ++summary_.skipped[kind];
  }

  // --- worker threads ----------------------------------------------------------
  void prepare() {
    DocumentBuilder builder;
    while (auto item = read_queue_.pop()) {
      PreparedItem prepared;
      prepared.sequence = item->sequence;
      if (!item->article) {
        prepared.kind = PreparedItem::Kind::kFileFinished;
        prepared.source_file = item->finished_file;
        prepared.file_complete = item->file_complete;
      } else {
        prepare_article(std::move(*item->article), builder, prepared);
      }
      if (!prepared_queue_.push(std::move(prepared))) break;
    }
    if (--active_workers_ == 0) prepared_queue_.close();
  }

  void prepare_article(Article&& article, DocumentBuilder& builder, PreparedItem& prepared) {
    prepared.where = {article.source_file == "-" ? "<stdin>" : article.source_file, article.line, ""};
    prepared.source_file = article.source_file;
    prepared.id_term = schema::term(schema::kIdPrefix, article.id);
    try {
      const std::string hash = content_hash(article);
      if (known_hashes_.count(hash) > 0) {
        prepared.kind = PreparedItem::Kind::kUnchanged;
        return;
      }
      extractor_->complete(article);
      prepared.indexed = builder.build(article, hash, trainer_.codec().get());
      prepared.kind = PreparedItem::Kind::kIndex;
    } catch (const std::exception& e) {
      add_problem({prepared.where.file, prepared.where.line, std::string("cannot index the article: ") + e.what()},
                  true);
      prepared.kind = PreparedItem::Kind::kFailed;
    }
  }

  // --- writer (calling thread) -------------------------------------------------
  void write() {
    std::map<std::uint64_t, PreparedItem> waiting;
    std::uint64_t next = 0;
    auto last_report = Clock::now();
    while (auto item = prepared_queue_.pop()) {
      waiting.emplace(item->sequence, std::move(*item));
      for (auto it = waiting.begin(); it != waiting.end() && it->first == next; it = waiting.erase(it), ++next) {
        apply(it->second);
      }
      {
        std::lock_guard<std::mutex> lock(window_mutex_);
        applied_ = next;
      }
      window_.notify_all();
      if (Clock::now() - last_report >= kProgressInterval) {
        report_progress();
        last_report = Clock::now();
      }
    }
    if (trainer_.training() && !stopping_) start_compressing();
    report_progress();
  }

  void apply(PreparedItem& item) {
    using Kind = PreparedItem::Kind;
    if (item.kind == Kind::kFileFinished) {
      if (item.file_complete) ids_.read_in_full(item.source_file);
      return;
    }
    if (item.kind == Kind::kFailed) return;
    if (const auto earlier = ids_.record(item.id_term, item.where.file, item.where.line, item.source_file)) {
      add_problem({item.where.file, item.where.line,
                   "duplicate id " + item.id_term.substr(schema::kIdPrefix.size()) + " (first seen at " + *earlier +
                       "); skipped"},
                  true);
      return;
    }
    if (item.kind == Kind::kUnchanged) {
      ++summary_.unchanged;
      return;
    }
    join_story(*item.indexed);
    if (!trainer_.training()) {
      write_article(std::move(*item.indexed));
    } else if (trainer_.hold(std::move(*item.indexed))) {
      start_compressing();
    }
  }

  // In input order, so an article's story is decided against every article before it.
  void join_story(IndexedArticle& article) {
    const std::string story = stories_.assign(article.id, article.story_profile);
    article.document.add_value(schema::kStorySlot, story);
    article.document.add_boolean_term(schema::term(schema::kStoryPrefix, story));
  }

  // Trains the dictionary on the articles held so far (plain zstd when they are
  // too few), so the workers compress from now on, and writes what was held.
  void start_compressing() {
    std::string dictionary;
    std::vector<IndexedArticle> held = trainer_.train(dictionary);
    if (!dictionary.empty()) writer_.keep_dictionary(dictionary);
    for (IndexedArticle& article : held) write_article(std::move(article));
  }

  void write_article(IndexedArticle&& article) {
    // Built before the codec existed: compressed here.
    if (!article.stored_json.empty()) compress_stored(article, *trainer_.codec());
    if (writer_.write(std::move(article)) == IndexWriter::Change::kAdded) {
      ++summary_.added;
    } else {
      ++summary_.updated;
    }
  }

  void report_progress() {
    if (!options_.on_progress) return;
    Progress progress;
    progress.articles = articles_read_;
    const common::ByteSource* source = current_source_;
    progress.bytes = bytes_done_ + (source != nullptr ? source->raw_bytes_read() : 0);
    progress.total_bytes = plan_.reads_stdin ? 0 : plan_.total_bytes;
    progress.seconds = seconds_since(started_);
    options_.on_progress(progress);
  }

  // --- failure handling --------------------------------------------------------
  template <typename Body>
  void guard(Body body) {
    try {
      body();
    } catch (...) {
      record_failure(std::current_exception());
      abort();
    }
  }

  void record_failure(const std::exception_ptr& failure) {
    std::lock_guard<std::mutex> lock(problems_mutex_);
    if (!failure_) failure_ = failure;
  }

  void abort() {
    bool failed = false;
    {
      std::lock_guard<std::mutex> lock(problems_mutex_);
      failed = failure_ != nullptr;
    }
    if (!failed) return;
    {
      std::lock_guard<std::mutex> lock(window_mutex_);
      stopping_ = true;
    }
    window_.notify_all();
    {
      read_queue_.close();
      prepared_queue_.close();
    }
  }

  const IndexOptions& options_;
  const InputPlan& plan_;
  const std::unordered_set<std::string>& known_hashes_;
  ArticleWriter writer_;
  IndexSummary& summary_;
  DictionaryTrainer trainer_;
  StoryAssigner& stories_;  // writer thread only
  IdLedger ids_;            // writer thread only
  std::optional<const common::FacetExtractor> extractor_;
  const Clock::time_point started_ = Clock::now();

  BoundedQueue<ReadItem> read_queue_;
  BoundedQueue<PreparedItem> prepared_queue_;
  std::atomic<unsigned> active_workers_{0};

  std::mutex window_mutex_;
  std::condition_variable window_;
  std::uint64_t next_sequence_ = 0;
  std::uint64_t applied_ = 0;
  std::atomic<bool> stopping_{false};

  std::atomic<std::uint64_t> articles_read_{0};
  std::atomic<std::uint64_t> bytes_done_{0};
  std::atomic<const common::ByteSource*> current_source_{nullptr};

  std::mutex problems_mutex_;
  std::exception_ptr failure_;
};

// The writers of a run, one a shard (one for a single database): each article
// goes to the shard its id hashes to.
class ShardWriters {
 public:
  void add(std::unique_ptr<IndexWriter> writer) { writers_.push_back(std::move(writer)); }
  IndexWriter& of(const std::string& id_term) { return *writers_[common::shard_of(id_term, writers_.size())]; }
  IndexWriter& front() { return *writers_.front(); }
  const std::vector<std::unique_ptr<IndexWriter>>& all() const { return writers_; }
  std::vector<IndexWriter*> pointers() const {
    std::vector<IndexWriter*> writers;
    for (const auto& writer : writers_) writers.push_back(writer.get());
    return writers;
  }
  // The surname keys every writer's changes touched.
  std::set<std::string> surnames_changed() const {
    std::set<std::string> surnames;
    for (const auto& writer : writers_)
      surnames.insert(writer->surnames_changed().begin(), writer->surnames_changed().end());
    return surnames;
  }

 private:
  std::vector<std::unique_ptr<IndexWriter>> writers_;
};

void delete_articles(const std::vector<std::string>& ids, ShardWriters& writers, IndexSummary& summary) {
  for (const std::string& id : ids) {
    if (writers.of(schema::term(schema::kIdPrefix, id)).remove(id)) {
      ++summary.deleted;
    } else {
      summary.unknown_ids.push_back(id);
    }
  }
}

// Removes articles whose source file is gone from a directory input, and
// articles no longer present in a file that was just read in full.
void prune(const InputPlan& plan, Pipeline& pipeline, IndexWriter& writer, IndexSummary& summary) {
  for (const std::string& directory : plan.directories) {
    for (const std::string& file : writer.source_files_under(directory)) {
      const bool gone = !fs::exists(file);
      if (!gone && !pipeline.ids().was_read_in_full(file)) continue;
      for (const auto& [id_term, document] : writer.articles_from(file)) {
        if (gone || !pipeline.ids().saw(file, id_term)) {
          writer.remove_document(document);
          ++summary.pruned;
        }
      }
    }
  }
}

void compact(const DatabaseLayout& layout) {
  const std::string target = layout.next_generation();
  try {
    Xapian::Database(layout.live_generation()).compact(target, Xapian::DBCOMPACT_NO_RENUMBER, kBlockSize);
  } catch (const Xapian::Error& e) {
    std::error_code ignored;
    fs::remove_all(target, ignored);
    throw DatabaseError("cannot compact the database " + layout.directory() + ": " + e.get_description());
  }
  layout.switch_to(target);
  layout.remove_stale_generations();
}

// The generations as one database, for what spans shards (stories).
Xapian::Database all_of(const std::vector<std::string>& generations) {
  Xapian::Database all;
  for (const std::string& generation : generations) all.add_database(Xapian::Database(generation));
  return all;
}

// Every shard must decode every other's articles: one dictionary, or none yet.
void check_same_dictionary(const ShardWriters& writers, const std::vector<std::string>& generations) {
  for (std::size_t n = 1; n < generations.size(); ++n) {
    if (writers.all()[n]->dictionary() != writers.all().front()->dictionary()) {
      throw DatabaseError(generations[n] + " has another compression dictionary than " + generations.front() +
                          ": rebuild the archive with dateline-index --rebuild");
    }
  }
}

// Adds, replaces, deletes and prunes in the live generations, batch by batch.
void update(const std::vector<std::string>& generations, const IndexOptions& options, const InputPlan& plan,
            IndexSummary& summary) {
  std::unordered_set<std::string> known_hashes;
  ShardWriters writers;
  for (const std::string& generation : generations) {
    check_schema(generation);
    known_hashes.merge(known_content_hashes(generation));
    writers.add(std::make_unique<IndexWriter>(generation, options.batch_size, options.commit_interval));
  }
  check_same_dictionary(writers, generations);
  const ArticleWriter to_writer{
      [&](IndexedArticle&& article) { return writers.of(article.id_term).replace(std::move(article)); },
      [&](const std::string& dictionary) {
        for (const auto& writer : writers.all()) writer->set_dictionary(dictionary);
      }};
  StoryAssigner stories;
  if (!plan.files.empty()) {
    common::translating_xapian_errors("cannot read the stories of the database " + generations.front(),
                                      [&] { stories.load(all_of(generations)); });
  }
  Pipeline pipeline(options, plan, known_hashes, writers.front().codec(), stories, to_writer, summary);
  if (!plan.files.empty()) pipeline.run();
  for (const auto& writer : writers.all()) {
    for (const auto& [from, to] : stories.merges()) writer->relabel_story(from, to);
  }
  delete_articles(options.delete_ids, writers, summary);
  if (options.prune) {
    for (const auto& writer : writers.all()) prune(plan, pipeline, *writer, summary);
  }
  resolve_surnames(writers.pointers(), writers.surnames_changed());
  for (const auto& writer : writers.all()) {
    writer->commit();
    summary.documents += writer->document_count();
  }
}

// Fills new generations from scratch (--rebuild): writer threads for each
// shard (one per core in all), merged at the end, since nothing reads the
// generations before the switch.
void build(const std::vector<std::string>& generations, const IndexOptions& options, const InputPlan& plan,
           IndexSummary& summary) {
  std::string dictionary;
  StoryAssigner stories;
  {
    const std::unordered_set<std::string> nothing_known;
    const unsigned threads_per_shard = std::max<unsigned>(1, cores() / static_cast<unsigned>(generations.size()));
    std::vector<std::unique_ptr<ShardBuilder>> builders;
    for (const std::string& generation : generations) {
      builders.push_back(std::make_unique<ShardBuilder>(generation, threads_per_shard, options.batch_size));
    }
    const ArticleWriter to_shards{
        [&](IndexedArticle&& article) {
          return builders[common::shard_of(article.id_term, builders.size())]->replace(std::move(article));
        },
        [&](const std::string& trained) { dictionary = trained; }};
    Pipeline pipeline(options, plan, nothing_known, common::StoredCodec(), stories, to_shards, summary);
    if (!plan.files.empty()) pipeline.run();
    for (const auto& builder : builders) builder->finish();
  }
  ShardWriters writers;
  for (const std::string& generation : generations) {
    writers.add(std::make_unique<IndexWriter>(generation, options.batch_size, options.commit_interval));
    if (!dictionary.empty()) writers.all().back()->set_dictionary(dictionary);
    for (const auto& [from, to] : stories.merges()) writers.all().back()->relabel_story(from, to);
  }
  delete_articles(options.delete_ids, writers, summary);
  resolve_all_surnames(writers.pointers());
  for (const auto& writer : writers.all()) {
    writer->commit();
    summary.documents += writer->document_count();
  }
}

// The databases a run writes: DIR itself, or the shards of a sharded archive
// (created with --shards N when DIR is new), each locked.
std::vector<DatabaseLayout> shards_to_write(const IndexOptions& options, const DatabaseLayout& top,
                                            std::vector<std::unique_ptr<WriteLock>>& locks) {
  const common::ArchiveLayout archive(options.database);
  if (!archive.exists() && options.shards > 1) {
    if (top.exists()) {
      throw UsageError("--shards: " + top.directory() +
                       " is a single database; index into a new directory to make a sharded archive");
    }
    archive.create(options.shards);
  }
  if (!archive.exists()) {
    if (!top.exists()) top.create();
    return {top};
  }
  std::vector<DatabaseLayout> shards = archive.shards();
  if (options.shards > 0 && options.shards != shards.size()) {
    throw UsageError("--shards " + std::to_string(options.shards) + ": " + top.directory() + " has " +
                     std::to_string(shards.size()) + " shards; index into a new directory to change their number");
  }
  for (const DatabaseLayout& shard : shards) locks.push_back(std::make_unique<WriteLock>(shard, options.wait_seconds));
  return shards;
}

}  // namespace

IndexSummary run_indexer(const IndexOptions& options) {
  const auto started = Clock::now();
  const InputPlan plan = plan_inputs(options.inputs, options.excludes);
  const DatabaseLayout top(options.database);
  const WriteLock lock(top, options.wait_seconds);
  std::vector<std::unique_ptr<WriteLock>> shard_locks;
  const std::vector<DatabaseLayout> shards = shards_to_write(options, top, shard_locks);
  for (const DatabaseLayout& shard : shards) shard.remove_stale_generations();

  IndexSummary summary;
  if (options.rebuild) {
    std::vector<std::string> generations;
    try {
      for (const DatabaseLayout& shard : shards) {
        generations.push_back(shard.next_generation());
        shard.create_generation(generations.back());
      }
      build(generations, options, plan, summary);
    } catch (...) {
      std::error_code ignored;
      for (const std::string& generation : generations) fs::remove_all(generation, ignored);
      throw;
    }
    // Shard by shard: a searcher may see some shards rebuilt and others not for a moment.
    for (std::size_t n = 0; n < shards.size(); ++n) {
      shards[n].switch_to(generations[n]);
      shards[n].remove_stale_generations();
    }
    summary.rebuilt = true;
  } else {
    std::vector<std::string> generations;
    for (const DatabaseLayout& shard : shards) generations.push_back(shard.live_generation());
    update(generations, options, plan, summary);
  }
  if (options.compact) {
    for (const DatabaseLayout& shard : shards) compact(shard);
    summary.compacted = true;
  }
  if (shards.front().directory() != top.directory()) {
    write_lexicon(DatabaseLayout(common::ArchiveLayout(options.database).lexicon()), shards);
  }
  std::stable_sort(summary.errors.begin(), summary.errors.end(), [](const InputProblem& a, const InputProblem& b) {
    return a.file < b.file || (a.file == b.file && a.line < b.line);
  });
  summary.seconds = seconds_since(started);
  return summary;
}

namespace {

DatabaseStats shard_stats(const DatabaseLayout& layout) {
  DatabaseStats stats;
  stats.directory = layout.directory();
  stats.generation = layout.live_generation();
  try {
    const Xapian::Database database(stats.generation);
    stats.documents = database.get_doccount();
    stats.last_update = database.get_metadata(std::string(schema::kLastUpdateKey));
    stats.schema_version = std::atoi(database.get_metadata(std::string(schema::kSchemaVersionKey)).c_str());
    Xapian::Enquire enquire(database);
    enquire.set_query(Xapian::Query::MatchAll);
    Xapian::ValueCountMatchSpy sources(schema::kSourceSlot);
    enquire.add_matchspy(&sources);
    enquire.get_mset(0, 0, database.get_doccount());
    for (auto value = sources.top_values_begin(1000); value != sources.top_values_end(1000); ++value) {
      stats.sources.emplace_back(*value, value.get_termfreq());
    }
  } catch (const Xapian::Error& e) {
    throw DatabaseError("cannot read " + stats.generation + ": " + e.get_description());
  }
  stats.size_bytes = layout.size_bytes();
  return stats;
}

// An archive's figures: the shards' added up, the latest update, each source's articles on all shards.
DatabaseStats archive_stats(const std::string& directory, std::vector<DatabaseStats> shards) {
  DatabaseStats total;
  total.directory = directory;
  std::map<std::string, std::uint64_t> sources;
  for (const DatabaseStats& shard : shards) {
    total.documents += shard.documents;
    total.size_bytes += shard.size_bytes;
    total.last_update = std::max(total.last_update, shard.last_update);
    total.schema_version = shard.schema_version;
    for (const auto& [source, count] : shard.sources) sources[source] += count;
  }
  total.sources.assign(sources.begin(), sources.end());
  std::stable_sort(total.sources.begin(), total.sources.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  total.shards = std::move(shards);
  return total;
}

}  // namespace

DatabaseStats database_stats(const std::string& directory) {
  const common::ArchiveLayout archive(directory);
  if (archive.exists()) {
    std::vector<DatabaseStats> shards;
    for (const DatabaseLayout& shard : archive.shards()) shards.push_back(shard_stats(shard));
    return archive_stats(DatabaseLayout(directory).directory(), std::move(shards));
  }
  const DatabaseLayout layout(directory);
  if (!layout.exists()) throw DatabaseError("no Dateline database at " + layout.directory());
  return shard_stats(layout);
}

}  // namespace dateline::indexer
