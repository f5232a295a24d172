#include "jsonl_reader.h"

#include <dateline/errors.h>
#include "charset.h"
#include "html_reader.h"
#include "text_utils.h"

#include <nlohmann/json.hpp>

namespace dateline::common {
namespace {

using nlohmann::json;

// A field of the wrong type rejects the whole article: guessing would index wrong data.
class FieldTypeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string type_error(std::string_view field, std::string_view expected, const json& value) {
  return "field '" + std::string(field) + "' must be " + std::string(expected) + ", not " + value.type_name();
}

std::string string_field(const json& object, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    const auto it = object.find(name);
    if (it == object.end() || it->is_null()) continue;
    if (!it->is_string()) throw FieldTypeError(type_error(name, "a string", *it));
    return it->get<std::string>();
  }
  return {};
}

std::optional<std::vector<std::string>> list_field(const json& object, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    const auto it = object.find(name);
    if (it == object.end() || it->is_null()) continue;
    if (it->is_string()) return std::vector<std::string>{it->get<std::string>()};
    if (!it->is_array()) throw FieldTypeError(type_error(name, "a list of strings", *it));
    std::vector<std::string> values;
    for (const json& item : *it) {
      if (!item.is_string()) throw FieldTypeError(type_error(name, "a list of strings", item));
      const std::string_view value = trim(item.get_ref<const std::string&>());
      if (!value.empty()) values.emplace_back(value);
    }
    return values;
  }
  return std::nullopt;
}

std::string id_field(const json& object) {
  const auto it = object.find("id");
  if (it == object.end() || it->is_null()) return {};
  // Numeric ids keep their digits: above 2^63 they are unsigned, and beyond 64
  // bits JSON parsers round them (so two would collide): those must be strings.
  if (it->is_number_unsigned()) return std::to_string(it->get<std::uint64_t>());
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  if (it->is_number_float()) {
    throw FieldTypeError("field 'id' must be a string or an integer of at most 64 bits, not " + it->dump() +
                         " (write it as a string to keep its digits)");
  }
  if (!it->is_string()) throw FieldTypeError(type_error("id", "a string or an integer", *it));
  return std::string(trim(it->get_ref<const std::string&>()));
}

// Returns the date, or nothing with `problem` set when the value is present but unreadable.
std::optional<Date> date_field(const json& object, std::string& problem) {
  for (const char* name : {"date", "published", "published_at", "pubdate"}) {
    const auto it = object.find(name);
    if (it == object.end() || it->is_null()) continue;
    if (it->is_number()) {
      const auto date = date_from_unix_timestamp(it->get<double>());
      if (!date) problem = "field '" + std::string(name) + "': timestamp out of range";
      return date;
    }
    if (!it->is_string()) throw FieldTypeError(type_error(name, "a date string or a Unix timestamp", *it));
    const auto date = parse_publication_date(it->get_ref<const std::string&>());
    if (!date) problem = "unrecognised date '" + it->get<std::string>() + "'";
    return date;
  }
  return std::nullopt;
}

Article article_from_object(const json& object, const ReadContext& context, std::size_t line, ArticleSink& sink) {
  Article article;
  article.line = line;
  article.source_file = context.source_file;
  article.id = id_field(object);
  article.title = string_field(object, {"title", "headline"});
  article.body = string_field(object, {"body", "text", "content"});
  article.source = string_field(object, {"source"});
  article.url = string_field(object, {"url"});
  std::string date_problem;
  article.published = date_field(object, date_problem);
  if (!date_problem.empty()) sink.warn({context.display_name, line, date_problem + "; indexed without a date"});
  if (auto authors = list_field(object, {"authors", "author"})) article.authors = std::move(*authors);
  if (auto people = list_field(object, {"people"})) {
    article.people = std::move(*people);
    article.explicit_people = true;
  }
  if (auto places = list_field(object, {"places"})) {
    article.places = std::move(*places);
    article.explicit_places = true;
  }
  if (auto topics = list_field(object, {"topics"})) article.topics = std::move(*topics);
  const std::string html = string_field(object, {"html"});
  if (article.body.empty() && !html.empty()) read_html_page(html, "", {context.display_name, line, ""}, article, sink);
  if (article.id.empty()) article.id = article.url;
  if (article.id.empty()) article.id = context.file_id + ":" + std::to_string(line);
  return article;
}

// nlohmann's message counts lines inside the one-line document; the column is what helps.
// Besides syntax errors, parsing throws other exceptions (a number too large: out_of_range).
std::string parse_error_reason(const json::exception& error) {
  const std::string what = error.what();
  const std::size_t column = what.find("column ");
  if (column != std::string::npos) return "invalid JSON at " + what.substr(column);
  const std::size_t bracket = what.find("] ");
  return "invalid JSON: " + (bracket == std::string::npos ? what : what.substr(bracket + 2));
}

}  // namespace

void JsonlReader::read(ByteSource& source, const ReadContext& context, ArticleSink& sink) const {
  LineReader lines(source, context.max_article_bytes);
  std::string line;
  try {
    while (lines.next(line)) {
      const std::size_t number = lines.line_number();
      if (lines.last_line_oversized()) {
        sink.reject({context.display_name, number,
                     "line is longer than the article limit of " + std::to_string(context.max_article_bytes) +
                         " bytes (--max-article-bytes)"});
        continue;
      }
      if (trim(line).empty()) continue;
      if (!is_valid_utf8(line)) {
        line = repair_utf8_as_windows1252(line);
        sink.warn({context.display_name, number, std::string(kRepairedUtf8Warning)});
      }
      json object;
      try {
        object = json::parse(line);
      } catch (const json::exception& e) {
        sink.reject({context.display_name, number, parse_error_reason(e)});
        continue;
      }
      if (!object.is_object()) {
        sink.reject({context.display_name, number, std::string("expected a JSON object, got ") + object.type_name()});
        continue;
      }
      try {
        deliver(article_from_object(object, context, number, sink), context, sink);
      } catch (const FieldTypeError& e) {
        sink.reject({context.display_name, number, e.what()});
      }
    }
  } catch (const InputError& e) {
    sink.reject(
        {context.display_name, lines.line_number() + 1, std::string(e.what()) + "; the rest of the file was skipped"});
  }
}

}  // namespace dateline::common
