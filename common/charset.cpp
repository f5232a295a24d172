#include "charset.h"

#include "text_utils.h"

#include <iconv.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace dateline::common {
namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// WHATWG's labels where they differ from what iconv would read: browsers (and
// so the pages' authors) mean Windows-1252 by "Latin-1" and "ASCII", GB18030 by "GB2312".
std::string iconv_name(std::string_view label) {
  const std::string name = to_lower(trim(label));
  for (std::string_view latin1 : {"iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "us-ascii", "ascii", "cp819",
                                  "ibm819", "cp1252", "x-cp1252"}) {
    if (name == latin1) return "WINDOWS-1252";
  }
  for (std::string_view chinese : {"gb2312", "gbk", "x-gbk", "chinese", "csgb2312"}) {
    if (name == chinese) return "GB18030";
  }
  if (name == "utf8" || name == "unicode-1-1-utf-8") return "UTF-8";
  return name;
}

class Converter {
 public:
  explicit Converter(const std::string& from) : handle_(iconv_open("UTF-8", from.c_str())) {}
  ~Converter() {
    if (ok()) iconv_close(handle_);
  }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;
  bool ok() const { return handle_ != reinterpret_cast<iconv_t>(-1); }

  // Converts all of `bytes`; an invalid or truncated sequence costs one byte and
  // adds `replacement` (which may be empty).
  std::string convert(std::string_view bytes, std::string_view replacement, bool& replaced) {
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 2);
    char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write the input
    std::size_t in_left = bytes.size();
    char chunk[16384];
    while (in_left > 0) {
      char* out_at = chunk;
      std::size_t out_left = sizeof chunk;
      const std::size_t result = iconv(handle_, &in, &in_left, &out_at, &out_left);
      out.append(chunk, static_cast<std::size_t>(out_at - chunk));
      if (result != static_cast<std::size_t>(-1) || errno == E2BIG) continue;
      out += replacement;
      replaced = true;
      ++in;
      --in_left;
      iconv(handle_, nullptr, nullptr, nullptr, nullptr);  // back to the initial shift state
    }
    return out;
  }

 private:
  iconv_t handle_;
};

// Windows-1252 is one byte a character: its upper half, decoded once by iconv.
const std::array<std::string, 128>& windows1252_upper_half() {
  static const std::array<std::string, 128> table = [] {
    std::array<std::string, 128> characters;
    Converter converter("WINDOWS-1252");
    for (std::size_t byte = 0x80; byte <= 0xFF; ++byte) {
      bool undefined = false;
      const char input = static_cast<char>(byte);
      characters[byte - 0x80] = converter.convert(std::string_view(&input, 1), "", undefined);
    }
    return characters;
  }();
  return table;
}

std::string_view value_after(std::string_view text, std::string_view key) {
  const std::string lower = to_lower(text);
  const std::size_t at = lower.find(key);
  if (at == std::string::npos) return {};
  std::string_view value = text.substr(at + key.size());
  while (!value.empty() && (value.front() == ' ' || value.front() == '=')) value.remove_prefix(1);
  if (!value.empty() && (value.front() == '"' || value.front() == '\'')) value.remove_prefix(1);
  std::size_t end = 0;
  while (end < value.size() && value[end] != '"' && value[end] != '\'' && value[end] != ';' && value[end] != ' ' &&
         value[end] != '>' && value[end] != '/') {
    ++end;
  }
  return value.substr(0, end);
}

}  // namespace

std::optional<ByteOrderMark> byte_order_mark(std::string_view bytes) {
  // UTF-32LE before UTF-16LE: its mark begins with UTF-16LE's.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kMarks{{
      {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
      {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
      {"\xEF\xBB\xBF", "UTF-8"},
      {"\xFF\xFE", "UTF-16LE"},
      {"\xFE\xFF", "UTF-16BE"},
  }};
  for (const auto& [mark, charset] : kMarks) {
    if (starts_with(bytes, mark)) return ByteOrderMark{std::string(charset), mark.size()};
  }
  return std::nullopt;
}

std::string charset_from_content_type(std::string_view content_type) {
  return to_lower(value_after(content_type, "charset"));
}

std::string charset_from_html_meta(std::string_view bytes) {
  const std::string head = to_lower(bytes.substr(0, 1024));
  for (std::size_t at = head.find("<meta"); at != std::string::npos; at = head.find("<meta", at + 5)) {
    const std::size_t end = head.find('>', at);
    const std::string_view tag = std::string_view(head).substr(at, end == std::string::npos ? end : end - at);
    const std::string_view charset = value_after(tag, "charset");
    if (!charset.empty()) return std::string(charset);
  }
  return {};
}

std::optional<std::string> decode_to_utf8(std::string_view bytes, std::string_view charset, bool& replaced) {
  const std::string name = iconv_name(charset);
  if (name == "UTF-8" && is_valid_utf8(bytes)) return std::string(bytes);
  Converter converter(name);
  if (!converter.ok()) return std::nullopt;
  return converter.convert(bytes, kReplacementCharacter, replaced);
}

std::string repair_utf8_as_windows1252(std::string_view text) {
  const auto& upper_half = windows1252_upper_half();
  std::string out;
  out.reserve(text.size() + 16);
  while (!text.empty()) {
    const std::size_t valid = valid_utf8_prefix(text);
    out.append(text.substr(0, valid));
    text.remove_prefix(valid);
    if (text.empty()) break;
    // An invalid byte is never ASCII, so it is in Windows-1252's upper half.
    out += upper_half[static_cast<unsigned char>(text.front()) - 0x80];
    text.remove_prefix(1);
  }
  return out;
}

}  // namespace dateline::common
