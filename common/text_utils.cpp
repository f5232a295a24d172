#include "text_utils.h"

#include <xapian.h>

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

std::string repair_utf8_as_latin1(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t length = valid_sequence_at(text, pos);
    if (length == 0) {
      Xapian::Unicode::append_utf8(out, static_cast<unsigned char>(text[pos]));
      ++pos;
    } else {
      out.append(text.substr(pos, length));
      pos += length;
    }
  }
  return out;
}

bool looks_binary(std::string_view bytes) {
  const std::size_t sample = std::min<std::size_t>(bytes.size(), 8192);
  std::size_t control = 0;
  for (std::size_t i = 0; i < sample; ++i) {
    const auto ch = static_cast<unsigned char>(bytes[i]);
    if (ch == 0) return true;
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

struct NamedEntity {
  std::string_view name;
  unsigned code_point;
};

constexpr std::array<NamedEntity, 14> kNamedEntities{{
    {"amp", '&'},
    {"lt", '<'},
    {"gt", '>'},
    {"quot", '"'},
    {"apos", '\''},
    {"nbsp", 0xA0},
    {"eacute", 0xE9},
    {"egrave", 0xE8},
    {"ouml", 0xF6},
    {"uuml", 0xFC},
    {"auml", 0xE4},
    {"ccedil", 0xE7},
    {"ntilde", 0xF1},
    {"szlig", 0xDF},
}};

// Parses the reference starting at text[0] == '&'; returns its length (0 if none).
std::size_t parse_reference(std::string_view text, unsigned& code_point) {
  const std::size_t semicolon = text.find(';');
  if (semicolon == std::string_view::npos || semicolon < 2 || semicolon > 10) return 0;
  const std::string_view body = text.substr(1, semicolon - 1);
  if (body[0] == '#') {
    const bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return 0;
    unsigned value = 0;
    for (char c : digits) {
      const int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                        : hex && std::isxdigit(static_cast<unsigned char>(c))
                            ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                            : -1;
      if (digit < 0) return 0;
      value = value * (hex ? 16 : 10) + static_cast<unsigned>(digit);
      if (value > 0x10FFFF) return 0;
    }
    code_point = value;
    return semicolon + 1;
  }
  for (const auto& entity : kNamedEntities) {
    if (entity.name == body) {
      code_point = entity.code_point;
      return semicolon + 1;
    }
  }
  return 0;
}

}  // namespace

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    if (text[pos] == '&') {
      unsigned code_point = 0;
      if (const std::size_t length = parse_reference(text.substr(pos), code_point)) {
        const bool control = code_point < 0x20 && code_point != '\n' && code_point != '\t';
        const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
        if (!control && !surrogate && code_point != 0x7F) Xapian::Unicode::append_utf8(out, code_point);
        pos += length;
        continue;
      }
    }
    out += text[pos++];
  }
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
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

}  // namespace dateline::common
