#pragma once
// Character encodings of real archives: what the bytes say about their charset
// (a byte order mark, an HTML <meta charset>, an HTTP Content-Type) and the
// decoding to UTF-8, by glibc's iconv. Rules from the WHATWG Encoding standard
// (https://encoding.spec.whatwg.org/) and HTML's "determining the character
// encoding" (https://html.spec.whatwg.org/#determining-the-character-encoding).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace dateline::common {

// The charset a byte order mark at the start of `bytes` names ("UTF-8",
// "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE") and the mark's length in bytes.
struct ByteOrderMark {
  std::string charset;
  std::size_t length = 0;
};
std::optional<ByteOrderMark> byte_order_mark(std::string_view bytes);

// The charset parameter of a MIME type ("text/html; charset=ISO-8859-1" ->
// "iso-8859-1"), lower case; empty when there is none.
std::string charset_from_content_type(std::string_view content_type);

// The charset an HTML page declares in its first 1024 bytes (<meta charset=...>
// or <meta http-equiv="Content-Type" content="...; charset=...">), lower case;
// empty when it declares none. A simplified form of HTML's prescan (§13.2.3.2).
std::string charset_from_html_meta(std::string_view bytes);

// `bytes` in `charset` (any label iconv knows; WHATWG's aliases applied first:
// "iso-8859-1", "latin1" and "us-ascii" mean windows-1252, "gb2312" means
// gb18030) as UTF-8. A sequence invalid in the charset becomes U+FFFD and sets
// `replaced`. Nothing when iconv does not know the charset.
std::optional<std::string> decode_to_utf8(std::string_view bytes, std::string_view charset, bool& replaced);

// Valid UTF-8 is kept; every run of bytes that is not UTF-8 is read as
// Windows-1252, as browsers read text labelled or guessed as "Latin-1" (bytes
// 0x80-0x9F are curly quotes, dashes and the euro sign, not C1 controls; the
// five bytes Windows-1252 leaves undefined are dropped).
std::string repair_utf8_as_windows1252(std::string_view text);

// The warning a reader gives when it had to repair text.
constexpr std::string_view kRepairedUtf8Warning = "text is not valid UTF-8; invalid bytes were read as Windows-1252";

}  // namespace dateline::common
