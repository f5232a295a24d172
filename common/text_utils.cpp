#include "text_utils.h"

#include <gumbo.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>

namespace dateline::common {
namespace {

// ASCII base letters of U+00C0..U+00FF; '*' marks a character kept as is.
constexpr std::string_view kLatin1Fold =
    "AAAAAA*CEEEEIIIIDNOOOOO*OUUUUY**"
    "aaaaaa*ceeeeiiiidnooooo*ouuuuy*y";
// ASCII base letters of U+0100..U+017F (Latin Extended-A); '*' marks a ligature.
constexpr std::string_view kLatinExtendedAFold =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkk"
    "llllllllllnnnnnnnnnoooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

void append_folded(std::string& out, unsigned ch) {
  if (ch < 0x80) {
    out += static_cast<char>(ch);
    return;
  }
  if (ch >= 0xC0 && ch <= 0xFF) {
    switch (ch) {
      case 0xC6:
      case 0xE6: out += "ae"; return;
      case 0xDE:
      case 0xFE: out += "th"; return;
      case 0xDF: out += "ss"; return;
      default: break;
    }
    const char base = kLatin1Fold[ch - 0xC0];
    if (base != '*') {
      out += base;
      return;
    }
  } else if (ch >= 0x100 && ch <= 0x17F) {
    switch (ch) {
      case 0x132:
      case 0x133: out += "ij"; return;
      case 0x152:
      case 0x153: out += "oe"; return;
      default: break;
    }
    out += kLatinExtendedAFold[ch - 0x100];
    return;
  }
  switch (ch) {
    case 0x2018:
    case 0x2019:
    case 0x02BC: out += '\''; return;
    case 0x201C:
    case 0x201D: out += '"'; return;
    case 0x2010:
    case 0x2011:
    case 0x2013:
    case 0x2014: out += '-'; return;
    case 0x00A0: out += ' '; return;
    default: Xapian::Unicode::append_utf8(out, ch);
  }
}

bool is_space_char(unsigned ch) {
  return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v' || ch == 0xA0 ||
         Xapian::Unicode::get_category(ch) == Xapian::Unicode::SPACE_SEPARATOR;
}

int utf8_sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// Length of the valid UTF-8 sequence at `pos`, or 0 when it is invalid.
std::size_t valid_sequence_at(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  const int length = utf8_sequence_length(lead);
  if (length == 0 || pos + length > text.size()) return 0;
  for (int i = 1; i < length; ++i) {
    if ((static_cast<unsigned char>(text[pos + i]) & 0xC0) != 0x80) return 0;
  }
  if (length >= 3) {
    const auto second = static_cast<unsigned char>(text[pos + 1]);
    if (lead == 0xE0 && second < 0xA0) return 0;  // overlong
    if (lead == 0xED && second > 0x9F) return 0;  // surrogate
    if (lead == 0xF0 && second < 0x90) return 0;  // overlong
    if (lead == 0xF4 && second > 0x8F) return 0;  // beyond U+10FFFF
  }
  return static_cast<std::size_t>(length);
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t length = valid_sequence_at(text, pos);
    if (length == 0) return false;
    pos += length;
  }
  return true;
}

std::size_t valid_utf8_prefix(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t length = valid_sequence_at(text, pos);
    if (length == 0) break;
    pos += length;
  }
  return pos;
}

bool looks_binary(std::string_view bytes) {
  const std::size_t sample = std::min<std::size_t>(bytes.size(), 8192);
  std::size_t control = 0;
  for (std::size_t i = 0; i < sample; ++i) {
    const auto ch = static_cast<unsigned char>(bytes[i]);
    if (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t' && ch != '\f') ++control;
  }
  return sample > 0 && control * 10 > sample;
}

std::string to_lower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
    Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(*it));
  }
  return out;
}

std::string fold_key(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    if (is_space_char(ch)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    append_folded(out, Xapian::Unicode::tolower(ch));
  }
  return out;
}

std::string title_case(std::string_view text) {
  std::string out;
  bool word_start = true;
  for (Xapian::Utf8Iterator it(text.data(), text.size()); it != Xapian::Utf8Iterator(); ++it) {
    unsigned ch = *it;
    if (ch == '-' || ch == '_') ch = ' ';
    if (Xapian::Unicode::is_wordchar(ch)) {
      ch = word_start ? Xapian::Unicode::toupper(ch) : Xapian::Unicode::tolower(ch);
      word_start = false;
    } else {
      word_start = ch != '\'';
    }
    Xapian::Unicode::append_utf8(out, ch);
  }
  return collapse_whitespace(out);
}

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

namespace {

constexpr std::size_t kMinWrapWidth = 40;
// A line shorter than this share of the width ended before the margin.
constexpr double kShortLineShare = 0.6;

bool has_column_gap(std::string_view line) {
  const std::size_t text = line.find_first_not_of(" \t");
  if (text == std::string_view::npos) return false;
  const std::size_t gap = line.find("  ", text);
  return gap != std::string_view::npos && line.find_first_not_of(" \t", gap) != std::string_view::npos;
}

// A short line the writer ended: a sentence's end, or a heading (no lower-case
// letters). A short line cut mid-sentence (the first line once the dateline
// is taken off it) continues.
bool ends_a_line(std::string_view line) {
  const char last = line.back();
  if (last == '.' || last == ':' || last == '!' || last == '?') return true;
  return std::none_of(line.begin(), line.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

}  // namespace

std::string reflow_hard_wrapped(std::string_view text) {
  const std::vector<std::string_view> lines = split_lines(text);
  std::size_t width = 0;
  std::size_t column_lines = 0;
  for (const std::string_view line : lines) {
    width = std::max(width, trim(line).size());
    column_lines += has_column_gap(line);
  }
  if (width < kMinWrapWidth || column_lines >= 2) return std::string(text);
  std::string out;
  bool paragraph_break = false;
  bool ended_early = false;
  for (const std::string_view raw : lines) {
    const std::string_view line = trim(raw);
    if (line.empty()) {
      paragraph_break = !out.empty();
      continue;
    }
    const bool indented = raw.front() == ' ' || raw.front() == '\t';
    if (!out.empty()) {
      if (paragraph_break || indented) {
        out += "\n\n";
      } else {
        out += ended_early ? '\n' : ' ';
      }
    }
    out.append(line);
    ended_early = static_cast<double>(line.size()) < kShortLineShare * static_cast<double>(width) && ends_a_line(line);
    paragraph_break = false;
  }
  return out;
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  const auto append = [&](bool space, auto&& append_character) {
    if (space) {
      pending_space = !out.empty();
      return;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    append_character();
  };
  // Byte by byte while the text is ASCII: this runs on every snippet's text.
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      append(is_space_char(byte), [&] { out += static_cast<char>(byte); });
      ++i;
      continue;
    }
    Xapian::Utf8Iterator it(text.data() + i, text.size() - i);
    const unsigned character = *it;
    ++it;
    append(is_space_char(character), [&] { Xapian::Unicode::append_utf8(out, character); });
    i = static_cast<std::size_t>(it.raw() - text.data());
  }
  return out;
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

std::vector<std::string> split_whitespace(std::string_view text) {
  std::vector<std::string> words;
  for (std::string& word : split(collapse_whitespace(text), ' ')) {
    if (!word.empty()) words.push_back(std::move(word));
  }
  return words;
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

namespace {

const GumboNode* find_element(const GumboNode* node, GumboTag tag) {
  if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
  if (node->v.element.tag == tag) return node;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    if (const GumboNode* found = find_element(static_cast<const GumboNode*>(children.data[i]), tag)) return found;
  }
  return nullptr;
}

}  // namespace

std::string decode_entities(std::string_view text) {
  if (text.find('&') == std::string_view::npos) return std::string(text);
  // A <textarea>'s content is RCDATA: HTML5's tokenizer decodes its references
  // with the spec's full table and takes nothing in it for a tag, except its own
  // end tag, which is escaped. The parser drops the newline right after the start tag.
  std::string document = "<textarea>\n";
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if (text[pos] == '<' && pos + 1 < text.size() && text[pos + 1] == '/') {
      document += "&lt;";
    } else {
      document += text[pos];
    }
  }
  GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, document.data(), document.size());
  std::string out;
  if (const GumboNode* textarea = find_element(output->root, GUMBO_TAG_TEXTAREA)) {
    const GumboVector& children = textarea->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) out += child->v.text.text;
    }
  }
  gumbo_destroy_output(&kGumboDefaultOptions, output);
  out.erase(std::remove_if(out.begin(), out.end(),
                           [](char c) {
                             const auto ch = static_cast<unsigned char>(c);
                             return (ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7F;
                           }),
            out.end());
  return out;
}

std::string strip_control_characters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto ch = static_cast<unsigned char>(text[i]);
    if (ch == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      out += '\n';
    } else if (ch >= 0x20 || ch == '\n' || ch == '\t') {
      if (ch != 0x7F) out += static_cast<char>(ch);
    }
  }
  return out;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + (text.substr(end, 2) == "\r\n" ? 2 : 1);
  }
  return lines;
}

}  // namespace dateline::common
