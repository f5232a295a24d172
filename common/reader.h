#pragma once
// What every input reader shares: format detection, the sink articles and
// problems go to, and the checks every article passes before it is accepted.

#include "article.h"
#include "byte_source.h"

#include <memory>
#include <string>
#include <string_view>

namespace dateline::common {

enum class InputFormat { kText, kJsonLines, kReuters, kHtml, kWarc };

// By file name first (.txt, .jsonl/.ndjson, .sgm/.sgml, .html/.htm, .warc,
// each optionally .zst or .gz), then by content: '{' starts JSON Lines,
// "<!DOCTYPE lewis" or "<REUTERS" Reuters SGML, "<!DOCTYPE html" or "<html"
// HTML, "WARC/1." a WARC file.
InputFormat detect_format(std::string_view file_name, std::string_view first_bytes);

// Where a problem is: the file and 1-based line (0 when it concerns the whole file).
struct InputProblem {
  std::string file;
  std::size_t line = 0;
  std::string reason;
};

class ArticleSink {
 public:
  virtual ~ArticleSink() = default;
  virtual void accept(Article&& article) = 0;
  // The article (or the rest of the file, for stream errors) was skipped.
  virtual void reject(const InputProblem& problem) = 0;
  // The article was kept, with something repaired or left out.
  virtual void warn(const InputProblem& problem) = 0;
  // A record that by its nature holds no article (a WARC request, a response
  // that is not an HTML page) was passed over; `kind` says which, for counting.
  virtual void skip(const std::string& kind) { static_cast<void>(kind); }
};

struct ReadContext {
  std::string display_name;  // the path as the user gave it, for messages
  std::string source_file;   // absolute path stored with each article, "-" for standard input
  std::string file_id;       // the file's path under its input root ("bbc/tech/001.txt")
  std::size_t max_article_bytes = 8u << 20;
};

class ArticleReader {
 public:
  virtual ~ArticleReader() = default;
  // Reads every article of the source. Never throws for bad input: problems go to the sink.
  virtual void read(ByteSource& source, const ReadContext& context, ArticleSink& sink) const = 0;
};

std::unique_ptr<ArticleReader> make_reader(InputFormat format);

// What to do with an article that has neither title nor body.
enum class EmptyText {
  kReject,  // nothing to index: a bad record
  kKeep,    // an archive's record that is empty but real (a Reuters UNPROC story): kept, with a warning
};

// The checks every reader applies last: valid UTF-8 (invalid bytes read as
// Windows-1252, with a warning), a title or a body, a size within the limit. Passes the article to
// the sink or rejects it.
void deliver(Article&& article, const ReadContext& context, ArticleSink& sink,
             EmptyText empty_text = EmptyText::kReject);

}  // namespace dateline::common
