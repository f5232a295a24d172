#include "reader.h"

#include "charset.h"
#include "html_reader.h"
#include "jsonl_reader.h"
#include "reuters_reader.h"
#include "text_reader.h"
#include "text_utils.h"
#include "warc_reader.h"

namespace dateline::common {
namespace {

std::string_view without_compression_suffix(std::string_view name) {
  for (std::string_view suffix : {".zst", ".zstd", ".gz"}) {
    if (ends_with(name, suffix)) return name.substr(0, name.size() - suffix.size());
  }
  return name;
}

bool repair_field(std::string& field) {
  if (is_valid_utf8(field)) return false;
  field = repair_utf8_as_windows1252(field);
  return true;
}

}  // namespace

InputFormat detect_format(std::string_view file_name, std::string_view first_bytes) {
  const std::string name = to_lower(without_compression_suffix(file_name));
  if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) return InputFormat::kJsonLines;
  if (ends_with(name, ".sgm") || ends_with(name, ".sgml")) return InputFormat::kReuters;
  if (ends_with(name, ".txt") || ends_with(name, ".text")) return InputFormat::kText;
  if (ends_with(name, ".html") || ends_with(name, ".htm")) return InputFormat::kHtml;
  if (ends_with(name, ".warc")) return InputFormat::kWarc;
  std::string_view content = trim(first_bytes);
  if (starts_with(content, "\xEF\xBB\xBF")) content = trim(content.substr(3));
  if (starts_with(content, "{")) return InputFormat::kJsonLines;
  if (starts_with(content, "WARC/1.")) return InputFormat::kWarc;
  if (starts_with(content, "<!DOCTYPE lewis") || starts_with(content, "<REUTERS")) return InputFormat::kReuters;
  const std::string lower = to_lower(content.substr(0, 14));
  if (starts_with(lower, "<!doctype html") || starts_with(lower, "<html")) return InputFormat::kHtml;
  return InputFormat::kText;
}

std::unique_ptr<ArticleReader> make_reader(InputFormat format) {
  switch (format) {
    case InputFormat::kJsonLines: return std::make_unique<JsonlReader>();
    case InputFormat::kReuters: return std::make_unique<ReutersReader>();
    case InputFormat::kHtml: return std::make_unique<HtmlReader>();
    case InputFormat::kWarc: return std::make_unique<WarcReader>();
    case InputFormat::kText: break;
  }
  return std::make_unique<TextReader>();
}

void deliver(Article&& article, const ReadContext& context, ArticleSink& sink, EmptyText empty_text) {
  bool repaired = false;
  for (std::string* field : {&article.id, &article.title, &article.body, &article.dateline, &article.source,
                             &article.url, &article.language}) {
    repaired |= repair_field(*field);
  }
  for (auto* list : {&article.authors, &article.people, &article.places, &article.topics, &article.organisations}) {
    for (std::string& value : *list) repaired |= repair_field(value);
  }
  const InputProblem where{context.display_name, article.line, ""};
  if (repaired) {
    sink.warn({where.file, where.line, std::string(kRepairedUtf8Warning)});
  }
  if (article.id.empty()) {
    sink.reject({where.file, where.line, "article has no id"});
    return;
  }
  if (trim(article.title).empty() && trim(article.body).empty()) {
    if (empty_text == EmptyText::kReject) {
      sink.reject({where.file, where.line, "article has neither a title nor a body"});
      return;
    }
    sink.warn({where.file, where.line, "article " + article.id + " has no text; indexed by its metadata only"});
  }
  const std::size_t size = article.title.size() + article.body.size();
  if (size > context.max_article_bytes) {
    sink.reject({where.file, where.line,
                 "article is " + std::to_string(size) + " bytes, over the limit of " +
                     std::to_string(context.max_article_bytes) + " (--max-article-bytes)"});
    return;
  }
  sink.accept(std::move(article));
}

}  // namespace dateline::common
