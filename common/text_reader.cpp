#include "text_reader.h"

#include <dateline/errors.h>
#include "charset.h"
#include "embedded_data.h"
#include "text_utils.h"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <unordered_set>

namespace dateline::common {
namespace {

// Lines repeated verbatim are only dropped when this long: short lines such
// as "Reuters" or a dash repeat legitimately.
constexpr std::size_t kMinRepeatedLineBytes = 30;
constexpr std::size_t kMaxBoilerplateLineBytes = 300;
constexpr std::size_t kMaxBylineBytes = 80;

const std::vector<std::string>& boilerplate_phrases() {
  static const std::vector<std::string> phrases = [] {
    std::vector<std::string> list;
    for (const std::string& line : split(embedded::boilerplate(), '\n')) {
      const std::string_view phrase = trim(line);
      if (!phrase.empty() && phrase.front() != '#') list.push_back(to_lower(phrase));
    }
    return list;
  }();
  return phrases;
}

bool is_boilerplate(std::string_view line) {
  if (line.size() > kMaxBoilerplateLineBytes) return false;
  const std::string lower = to_lower(line);
  for (const std::string& phrase : boilerplate_phrases()) {
    if (lower.find(phrase) != std::string::npos) return true;
  }
  return false;
}

struct HeaderField {
  std::string key;  // lower case
  std::string value;
};

std::optional<HeaderField> header_field(std::string_view line) {
  static const std::unordered_set<std::string> kKeys = {"title",   "date", "published", "source", "url",   "author",
                                                        "authors", "id",   "people",    "places", "topics"};
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 12) return std::nullopt;
  std::string key = to_lower(trim(line.substr(0, colon)));
  if (kKeys.count(key) == 0) return std::nullopt;
  return HeaderField{std::move(key), std::string(trim(line.substr(colon + 1)))};
}

std::vector<std::string> list_value(std::string_view value) {
  std::vector<std::string> items;
  for (const std::string& item : split(value, value.find(';') != std::string_view::npos ? ';' : ',')) {
    const std::string_view trimmed = trim(item);
    if (!trimmed.empty()) items.emplace_back(trimmed);
  }
  return items;
}

void apply_header(const HeaderField& field, Article& article, const InputProblem& where, ArticleSink& sink) {
  if (field.key == "title") {
    article.title = field.value;
  } else if (field.key == "date" || field.key == "published") {
    article.published = parse_publication_date(field.value);
    if (!article.published) sink.warn({where.file, where.line, "unrecognised date '" + field.value + "'"});
  } else if (field.key == "source") {
    article.source = field.value;
  } else if (field.key == "url") {
    article.url = field.value;
  } else if (field.key == "author" || field.key == "authors") {
    for (auto& author : list_value(field.value)) article.authors.push_back(std::move(author));
  } else if (field.key == "id") {
    article.id = field.value;
  } else if (field.key == "people") {
    article.people = list_value(field.value);
    article.explicit_people = true;
  } else if (field.key == "places") {
    article.places = list_value(field.value);
    article.explicit_places = true;
  } else if (field.key == "topics") {
    article.topics = list_value(field.value);
  }
}

// A file's article is named by its path; standard input has none, so its
// article is named by its URL or else by its headline.
std::string default_id(const ReadContext& context, const Article& article) {
  if (context.source_file != "-") return context.file_id;
  if (!article.url.empty()) return article.url;
  const std::string_view title = article.title;
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(XXH3_64bits(title.data(), title.size())));
  return std::string("stdin:") + hash;
}

std::optional<std::string> byline_author(std::string_view line) {
  if (line.size() > kMaxBylineBytes || !starts_with(line, "By ")) return std::nullopt;
  return std::string(trim(line.substr(3)));
}

// Text saved as UTF-16 or UTF-32 (Windows' "Unicode") starts with a byte order
// mark; it is decoded to UTF-8 here. False when the file was rejected.
bool decode_by_byte_order_mark(std::string& text, const ReadContext& context, ArticleSink& sink) {
  const auto mark = byte_order_mark(text);
  if (!mark || mark->charset == "UTF-8") return true;
  bool replaced = false;
  auto decoded = decode_to_utf8(std::string_view(text).substr(mark->length), mark->charset, replaced);
  if (!decoded) {
    sink.reject({context.display_name, 0, "cannot decode " + mark->charset});
    return false;
  }
  if (replaced) sink.warn({context.display_name, 0, "invalid " + mark->charset + " sequences replaced by U+FFFD"});
  text = std::move(*decoded);
  return true;
}

}  // namespace

void parse_text_article(std::string_view text, const ReadContext& context, ArticleSink& sink) {
  if (starts_with(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  const std::vector<std::string_view> lines = split_lines(text);
  Article article;
  article.source_file = context.source_file;
  article.line = 1;

  std::size_t next = 0;
  while (next < lines.size() && trim(lines[next]).empty()) ++next;
  while (next < lines.size()) {
    const auto field = header_field(lines[next]);
    if (!field) break;
    apply_header(*field, article, {context.display_name, next + 1, ""}, sink);
    ++next;
  }

  std::unordered_set<std::string> seen_lines;
  std::vector<std::string> paragraphs;
  std::string paragraph;
  const auto end_paragraph = [&] {
    if (!paragraph.empty()) paragraphs.push_back(reflow_hard_wrapped(paragraph));
    paragraph.clear();
  };
  for (; next < lines.size(); ++next) {
    const std::string line = collapse_whitespace(lines[next]);
    if (line.empty()) {
      end_paragraph();
      continue;
    }
    if (is_boilerplate(line)) continue;
    if (line.size() >= kMinRepeatedLineBytes && !seen_lines.insert(line).second) continue;
    if (article.title.empty()) {
      article.title = line;
      continue;
    }
    if (paragraphs.empty() && paragraph.empty() && article.authors.empty()) {
      if (auto author = byline_author(line)) {
        article.authors.push_back(std::move(*author));
        continue;
      }
    }
    if (!paragraph.empty()) paragraph += '\n';
    paragraph += line;
  }
  end_paragraph();
  article.body = join(paragraphs, "\n\n");
  if (article.id.empty()) article.id = default_id(context, article);
  deliver(std::move(article), context, sink);
}

void TextReader::read(ByteSource& source, const ReadContext& context, ArticleSink& sink) const {
  std::string text;
  try {
    bool truncated = false;
    text = read_all(source, context.max_article_bytes + 1, truncated);
    if (truncated) {
      sink.reject({context.display_name, 0,
                   "file is larger than the article limit of " + std::to_string(context.max_article_bytes) +
                       " bytes (--max-article-bytes)"});
      return;
    }
  } catch (const InputError& e) {
    sink.reject({context.display_name, 0, e.what()});
    return;
  }
  if (!decode_by_byte_order_mark(text, context, sink)) return;
  if (looks_binary(text)) {
    sink.reject({context.display_name, 0, "binary data, not a text article"});
    return;
  }
  if (trim(text).empty()) {
    sink.reject({context.display_name, 0, "empty file"});
    return;
  }
  const std::size_t nul_bytes = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\0'));
  if (nul_bytes > 0) {
    text.erase(std::remove(text.begin(), text.end(), '\0'), text.end());
    sink.warn({context.display_name, 0, std::to_string(nul_bytes) + " stray NUL byte(s) dropped"});
  }
  if (!is_valid_utf8(text)) {
    text = repair_utf8_as_windows1252(text);
    sink.warn({context.display_name, 0, std::string(kRepairedUtf8Warning)});
  }
  parse_text_article(text, context, sink);
}

}  // namespace dateline::common
