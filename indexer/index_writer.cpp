#include "index_writer.h"

#include "database_errors.h"
#include "dates.h"
#include "schema.h"

#include <atomic>
#include <optional>

namespace dateline::indexer {
namespace {

using common::translating_xapian_errors;

std::atomic<int> commits_in_progress{0};

// Marks a commit for the program's terminate handler (committing()).
class CommitInProgress {
 public:
  CommitInProgress() { ++commits_in_progress; }
  ~CommitInProgress() { --commits_in_progress; }
  CommitInProgress(const CommitInProgress&) = delete;
  CommitInProgress& operator=(const CommitInProgress&) = delete;
};

}  // namespace

bool committing() { return commits_in_progress > 0; }

IndexWriter::IndexWriter(const std::string& generation, std::size_t batch_size,
                         std::chrono::milliseconds commit_interval, Spelling spelling)
    : database_(translating_xapian_errors("cannot open the database " + generation + " for writing",
                                          [&] { return Xapian::WritableDatabase(generation, Xapian::DB_OPEN); })),
      batch_size_(batch_size == 0 ? 1 : batch_size),
      commit_interval_(commit_interval),
      spelling_(spelling),
      codec_(translating_xapian_errors("cannot read the compression dictionary of " + generation,
                                       [&] { return common::stored_codec(database_); })),
      generation_(generation) {}

IndexWriter::~IndexWriter() {
  if (!in_batch_) return;
  try {
    database_.cancel_transaction();
  } catch (const Xapian::Error&) {
    // Nothing more can be done: the database keeps its last committed state.
  }
}

std::string IndexWriter::dictionary() const {
  return translating_xapian_errors("cannot read the compression dictionary of " + generation_,
                                   [&] { return database_.get_metadata(std::string(schema::kDictionaryKey)); });
}

void IndexWriter::set_dictionary(const std::string& dictionary) {
  before_change();
  translating_xapian_errors("cannot store the compression dictionary",
                            [&] { database_.set_metadata(std::string(schema::kDictionaryKey), dictionary); });
  codec_ = common::StoredCodec(dictionary);
}

void IndexWriter::before_change() {
  if (in_batch_) return;
  translating_xapian_errors("cannot start a batch", [&] { database_.begin_transaction(true); });
  in_batch_ = true;
}

void IndexWriter::after_change() {
  ++changes_in_batch_;
  const bool at_boundary = changes_in_batch_ % batch_size_ == 0;
  if (at_boundary && std::chrono::steady_clock::now() - last_commit_ >= commit_interval_) commit();
}

IndexWriter::Change IndexWriter::replace(IndexedArticle&& article) {
  before_change();
  const Change change = translating_xapian_errors("cannot index " + article.id, [&] {
    Xapian::PostingIterator existing = database_.postlist_begin(article.id_term);
    const bool known = existing != database_.postlist_end(article.id_term);
    if (known) forget_spelling_of(*existing);
    note_surnames(article.document);
    database_.replace_document(article.id_term, article.document);
    add_synonyms(article);
    return known ? Change::kUpdated : Change::kAdded;
  });
  count_spelling(article);
  after_change();
  return change;
}

void IndexWriter::add(IndexedArticle&& article) {
  before_change();
  translating_xapian_errors("cannot index " + article.id, [&] {
    note_surnames(article.document);
    database_.add_document(article.document);
    add_synonyms(article);
  });
  count_spelling(article);
  after_change();
}

void IndexWriter::add_synonyms(const IndexedArticle& article) {
  for (const auto& [key, synonym] : article.synonyms) {
    if (synonyms_written_.insert(key + '\0' + synonym).second) database_.add_synonym(key, synonym);
  }
}

void IndexWriter::count_spelling(const IndexedArticle& article) {
  for (const std::string& word : article.spelling_words) ++spelling_changes_[word];
  for (const std::string& word : article.name_words)
    ++spelling_changes_[std::string(schema::kNameSpellingMarker) + word];
}

bool IndexWriter::remove(const std::string& id) {
  const std::string id_term = schema::term(schema::kIdPrefix, id);
  const auto document =
      translating_xapian_errors("cannot read the database " + generation_, [&]() -> std::optional<Xapian::docid> {
        const Xapian::PostingIterator existing = database_.postlist_begin(id_term);
        if (existing == database_.postlist_end(id_term)) return std::nullopt;
        return *existing;
      });
  if (!document) return false;
  remove_document(*document);
  return true;
}

void IndexWriter::relabel_story(const std::string& from, const std::string& to) {
  const std::string from_term = schema::term(schema::kStoryPrefix, from);
  const std::string to_term = schema::term(schema::kStoryPrefix, to);
  const std::vector<Xapian::docid> documents =
      translating_xapian_errors("cannot read the database " + generation_, [&] {
        return std::vector<Xapian::docid>(database_.postlist_begin(from_term), database_.postlist_end(from_term));
      });
  for (const Xapian::docid id : documents) {
    before_change();
    translating_xapian_errors("cannot move an article to story " + to, [&] {
      Xapian::Document document = database_.get_document(id);
      document.remove_term(from_term);
      document.add_boolean_term(to_term);
      document.add_value(schema::kStorySlot, to);
      database_.replace_document(id, document);
    });
    after_change();
  }
}

void IndexWriter::remove_document(Xapian::docid document) {
  before_change();
  translating_xapian_errors("cannot delete a document", [&] {
    forget_spelling_of(document);
    database_.delete_document(document);
  });
  after_change();
}

void IndexWriter::forget_spelling_of(Xapian::docid document) {
  const Xapian::Document old = database_.get_document(document);
  note_surnames(old);
  count_spelling_of(old, -1);
}

void IndexWriter::count_spelling_of(const Xapian::Document& document, long change) {
  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
    if (is_spelling_word(*term)) spelling_changes_[*term] += change;
  }
  std::vector<std::string> names = schema::split_list(document.get_value(schema::kPeopleSlot));
  for (std::string& place : schema::split_list(document.get_value(schema::kPlacesSlot))) {
    names.push_back(std::move(place));
  }
  for (const std::string& word : name_spelling_words(names)) {
    spelling_changes_[std::string(schema::kNameSpellingMarker) + word] += change;
  }
}

void IndexWriter::note_surnames(const Xapian::Document& document) {
  for (const std::string_view prefix : {schema::kSurnamePrefix, schema::kBareSurnamePrefix}) {
    Xapian::TermIterator term = document.termlist_begin();
    for (term.skip_to(std::string(prefix)); term != document.termlist_end() && (*term).rfind(prefix, 0) == 0; ++term) {
      const std::string& value = *term;
      surnames_changed_.insert(value.substr(prefix.size(), value.find(schema::kSurnameSeparator) - prefix.size()));
    }
  }
}

void IndexWriter::rewrite(Xapian::docid id, const Xapian::Document& document) {
  before_change();
  translating_xapian_errors("cannot rewrite a document", [&] {
    count_spelling_of(database_.get_document(id), -1);
    database_.replace_document(id, document);
    count_spelling_of(document, +1);
  });
  after_change();
}

void IndexWriter::flush_spelling() {
  for (const auto& [word, change] : spelling_changes_) {
    if (change > 0) database_.add_spelling(word, static_cast<Xapian::termcount>(change));
    if (change < 0) database_.remove_spelling(word, static_cast<Xapian::termcount>(-change));
  }
  spelling_changes_.clear();
}

void IndexWriter::commit() {
  if (!in_batch_) return;
  translating_xapian_errors("cannot commit to the database", [&] {
    if (spelling_ == Spelling::kEachCommit) flush_spelling();
    database_.set_metadata(std::string(schema::kLastUpdateKey), common::utc_timestamp_now());
    const CommitInProgress marked;
    database_.commit_transaction();
  });
  in_batch_ = false;
  changes_in_batch_ = 0;
  last_commit_ = std::chrono::steady_clock::now();
}

void IndexWriter::finish() {
  before_change();
  translating_xapian_errors("cannot write the spelling data", [&] { flush_spelling(); });
  commit();
}

std::vector<std::string> IndexWriter::source_files_under(const std::string& directory) const {
  return translating_xapian_errors("cannot read the source files in the database " + generation_,
                                   [&] { return read_source_files_under(directory); });
}

std::vector<std::string> IndexWriter::read_source_files_under(const std::string& directory) const {
  std::vector<std::string> files;
  const std::string prefix = schema::term(schema::kSourceFilePrefix, directory + "/");
  for (auto term = database_.allterms_begin(prefix); term != database_.allterms_end(prefix); ++term) {
    // A long path's term is shortened; the stored article has the whole path.
    const std::string stored = database_.get_document(*database_.postlist_begin(*term)).get_data();
    files.push_back(common::decode_stored_article(stored, codec_).source_file);
  }
  return files;
}

std::vector<std::pair<std::string, Xapian::docid>> IndexWriter::articles_from(const std::string& source_file) const {
  return translating_xapian_errors("cannot read the articles of a source file in the database " + generation_,
                                   [&] { return read_articles_from(source_file); });
}

std::vector<std::pair<std::string, Xapian::docid>> IndexWriter::read_articles_from(
    const std::string& source_file) const {
  std::vector<std::pair<std::string, Xapian::docid>> articles;
  const std::string file_term = schema::term(schema::kSourceFilePrefix, source_file);
  const std::string id_prefix(schema::kIdPrefix);
  for (auto posting = database_.postlist_begin(file_term); posting != database_.postlist_end(file_term); ++posting) {
    Xapian::TermIterator term = database_.termlist_begin(*posting);
    term.skip_to(id_prefix);
    if (term != database_.termlist_end(*posting) && (*term).rfind(id_prefix, 0) == 0) {
      articles.emplace_back(*term, *posting);
    }
  }
  return articles;
}

}  // namespace dateline::indexer
