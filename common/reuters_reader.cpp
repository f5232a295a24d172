#include "reuters_reader.h"

#include <dateline/errors.h>
#include "charset.h"
#include "text_utils.h"

#include <optional>

namespace dateline::common {
namespace {

constexpr std::string_view kOpenTag = "<REUTERS";
constexpr std::string_view kCloseTag = "</REUTERS>";

std::string clean_text(std::string_view raw) { return strip_control_characters(decode_entities(raw)); }

std::optional<std::string> attribute(std::string_view start_tag, std::string_view name) {
  const std::string needle = std::string(name) + "=\"";
  const std::size_t at = start_tag.find(needle);
  if (at == std::string_view::npos) return std::nullopt;
  const std::size_t value_start = at + needle.size();
  const std::size_t value_end = start_tag.find('"', value_start);
  if (value_end == std::string_view::npos) return std::nullopt;
  return std::string(start_tag.substr(value_start, value_end - value_start));
}

struct Element {
  std::string_view content;
  bool terminated = true;
};

// The content of the first <name ...>...</name> inside `text`. An element whose
// end tag is missing runs to the end of `text`, flagged as unterminated.
std::optional<Element> element(std::string_view text, std::string_view name) {
  const std::string open = "<" + std::string(name);
  std::size_t at = text.find(open);
  while (at != std::string_view::npos) {
    const char after = at + open.size() < text.size() ? text[at + open.size()] : '\0';
    if (after == '>' || after == ' ') break;
    at = text.find(open, at + 1);
  }
  if (at == std::string_view::npos) return std::nullopt;
  const std::size_t content_start = text.find('>', at);
  if (content_start == std::string_view::npos) return Element{{}, false};
  const std::string close = "</" + std::string(name) + ">";
  const std::size_t content_end = text.find(close, content_start + 1);
  if (content_end == std::string_view::npos) return Element{text.substr(content_start + 1), false};
  return Element{text.substr(content_start + 1, content_end - content_start - 1), true};
}

std::vector<std::string> d_values(std::string_view list) {
  std::vector<std::string> values;
  std::size_t at = 0;
  while ((at = list.find("<D>", at)) != std::string_view::npos) {
    const std::size_t end = list.find("</D>", at);
    if (end == std::string_view::npos) break;
    const std::string value = clean_text(list.substr(at + 3, end - at - 3));
    if (!trim(value).empty()) values.emplace_back(trim(value));
    at = end + 4;
  }
  return values;
}

std::vector<std::string> tag_list(std::string_view text, std::string_view name) {
  const auto list = element(text, name);
  return list ? d_values(list->content) : std::vector<std::string>{};
}

std::string strip_tags(std::string_view text) {
  std::string out;
  bool in_tag = false;
  for (char c : text) {
    if (c == '<')
      in_tag = true;
    else if (c == '>')
      in_tag = false;
    else if (!in_tag)
      out += c;
  }
  return out;
}

// Wire copy ends with a "Reuter" sign-off that is not part of the story.
std::string without_signoff(std::string_view body) {
  std::string_view trimmed = trim(body);
  for (std::string_view signoff : {"Reuter", "REUTER"}) {
    if (ends_with(trimmed, signoff)) {
      trimmed.remove_suffix(signoff.size());
      break;
    }
  }
  return std::string(trim(trimmed));
}

class StoryParser {
 public:
  StoryParser(std::string_view element_text, std::size_t line, const ReadContext& context, ArticleSink& sink)
      : text_(element_text), line_(line), context_(context), sink_(sink) {}

  void parse() {
    // Repaired before the references are decoded, which would take the invalid bytes for U+FFFD.
    std::string repaired;
    if (!is_valid_utf8(text_)) {
      repaired = repair_utf8_as_windows1252(text_);
      text_ = repaired;
      warn(std::string(kRepairedUtf8Warning));
    }
    const std::string_view start_tag = text_.substr(0, text_.find('>'));
    const auto newid = attribute(start_tag, "NEWID");
    if (!newid || newid->empty()) {
      sink_.reject({context_.display_name, line_, "<REUTERS> element without a NEWID attribute"});
      return;
    }
    Article article;
    article.id = "reuters-" + *newid;
    article.line = line_;
    article.source_file = context_.source_file;
    article.source = "Reuters";
    read_date(article);
    article.topics = tag_list(text_, "TOPICS");
    article.places = tag_list(text_, "PLACES");
    article.people = tag_list(text_, "PEOPLE");
    article.organisations = tag_list(text_, "ORGS");
    article.explicit_people = true;
    article.explicit_places = true;
    read_text(article);
    deliver(std::move(article), context_, sink_, EmptyText::kKeep);
  }

 private:
  void warn(const std::string& reason) { sink_.warn({context_.display_name, line_, reason}); }

  void read_date(Article& article) {
    const auto date = element(text_, "DATE");
    if (!date) return;
    const std::string value(trim(clean_text(date->content)));
    article.published = parse_publication_date(value);
    if (!article.published) warn("unrecognised date '" + value + "'; indexed without a date");
  }

  void read_text(Article& article) {
    const auto text = element(text_, "TEXT");
    if (!text) return;
    if (!text->terminated) warn("<TEXT> has no end tag; read to the end of the story");
    const auto title = element(text->content, "TITLE");
    const auto dateline = element(text->content, "DATELINE");
    const auto body = element(text->content, "BODY");
    for (const auto& [part, name] : {std::pair{title, "TITLE"}, {dateline, "DATELINE"}, {body, "BODY"}}) {
      if (part && !part->terminated) warn(std::string("<") + name + "> has no end tag; read to the end of the text");
    }
    if (title) article.title = collapse_whitespace(clean_text(title->content));
    if (dateline) article.dateline = collapse_whitespace(clean_text(dateline->content));
    if (body) {
      article.body = reflow_hard_wrapped(without_signoff(clean_text(body->content)));
    } else if (!title) {
      article.body = reflow_hard_wrapped(without_signoff(clean_text(strip_tags(text->content))));
    }
  }

  std::string_view text_;
  std::size_t line_;
  const ReadContext& context_;
  ArticleSink& sink_;
};

}  // namespace

void ReutersReader::read(ByteSource& source, const ReadContext& context, ArticleSink& sink) const {
  LineReader lines(source, context.max_article_bytes);
  std::string line;
  std::string story;
  std::size_t story_line = 0;
  bool in_story = false;
  const auto unterminated = [&] {
    sink.reject({context.display_name, story_line, "<REUTERS> element is not terminated by </REUTERS>"});
  };
  try {
    while (lines.next(line)) {
      if (lines.last_line_oversized()) {
        sink.reject({context.display_name, lines.line_number(), "line is longer than the article limit; skipped"});
        continue;
      }
      std::string_view rest = line;
      while (!rest.empty() || in_story) {
        if (!in_story) {
          const std::size_t open = rest.find(kOpenTag);
          if (open == std::string_view::npos) break;
          in_story = true;
          story_line = lines.line_number();
          story.clear();
          rest.remove_prefix(open);
        }
        const std::size_t reopen = rest.find(kOpenTag, story.empty() ? kOpenTag.size() : 0);
        const std::size_t close = rest.find(kCloseTag);
        if (reopen != std::string_view::npos && (close == std::string_view::npos || reopen < close)) {
          unterminated();
          in_story = false;
          rest.remove_prefix(reopen);
          continue;
        }
        if (close == std::string_view::npos) {
          story.append(rest);
          story += '\n';
          if (story.size() > context.max_article_bytes * 2) {
            sink.reject({context.display_name, story_line, "<REUTERS> element is larger than the article limit"});
            in_story = false;
          }
          break;
        }
        story.append(rest.substr(0, close));
        StoryParser(story, story_line, context, sink).parse();
        in_story = false;
        rest.remove_prefix(close + kCloseTag.size());
      }
    }
    if (in_story) unterminated();
  } catch (const InputError& e) {
    sink.reject(
        {context.display_name, lines.line_number() + 1, std::string(e.what()) + "; the rest of the file was skipped"});
  }
}

}  // namespace dateline::common
