#include "charset.h"
#include "text_utils.h"

#include <catch2/catch.hpp>

using namespace dateline::common;

TEST_CASE("Bytes that are not UTF-8 are read as Windows-1252, valid UTF-8 is kept", "[charset]") {
  CHECK(repair_utf8_as_windows1252("Jos\xe9 Herrera") == "José Herrera");
  CHECK(repair_utf8_as_windows1252("Declan O\x92"
                                   "Brien said \x93"
                                   "fair\x94 \x96 a rise \x80"
                                   "5") == "Declan O’Brien said “fair” – a rise €5");
  CHECK(repair_utf8_as_windows1252("Café already fine \xe2\x80\x94 dash") == "Café already fine — dash");
  CHECK(repair_utf8_as_windows1252("undefined \x81\x8d\x8f\x90\x9d bytes") == "undefined  bytes");
  CHECK(is_valid_utf8(repair_utf8_as_windows1252("\xff\xfe\x80 binary-ish")));
}

TEST_CASE("Byte order marks name UTF-8, UTF-16 and UTF-32", "[charset]") {
  const auto [bytes, charset, length] = GENERATE(table<std::string, std::string, std::size_t>({
      {"\xEF\xBB\xBFtext", "UTF-8", 3},
      {std::string("\xFF\xFEt\0", 4), "UTF-16LE", 2},
      {std::string("\xFE\xFF\0t", 4), "UTF-16BE", 2},
      {std::string("\xFF\xFE\0\0t\0\0\0", 8), "UTF-32LE", 4},
      {std::string("\0\0\xFE\xFF\0\0\0t", 8), "UTF-32BE", 4},
  }));
  const auto mark = byte_order_mark(bytes);
  REQUIRE(mark);
  CHECK(mark->charset == charset);
  CHECK(mark->length == length);
  CHECK_FALSE(byte_order_mark("plain"));
}

TEST_CASE("Charsets declared by HTTP and HTML", "[charset]") {
  CHECK(charset_from_content_type("text/html; charset=ISO-8859-1") == "iso-8859-1");
  CHECK(charset_from_content_type("text/html;charset=\"utf-8\"") == "utf-8");
  CHECK(charset_from_content_type("text/html").empty());
  CHECK(charset_from_html_meta("<html><head><meta charset=\"windows-1251\"><title>") == "windows-1251");
  CHECK(charset_from_html_meta("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=gb2312\">") == "gb2312");
  CHECK(charset_from_html_meta("<meta name=\"viewport\" content=\"width=device-width\">").empty());
}

TEST_CASE("iconv decodes legacy and Unicode charsets to UTF-8", "[charset]") {
  bool replaced = false;
  CHECK(decode_to_utf8("caf\xe9 \x93quoted\x94", "iso-8859-1", replaced) == "café “quoted”");
  CHECK(decode_to_utf8("\xcf\xf0\xe8\xe2\xe5\xf2", "windows-1251", replaced) == "Привет");
  CHECK(decode_to_utf8("\xb1\xb1\xbe\xa9", "gb2312", replaced) == "北京");
  CHECK(decode_to_utf8(std::string("H\0i\0", 4), "UTF-16LE", replaced) == "Hi");
  CHECK_FALSE(replaced);
  CHECK(decode_to_utf8("ok \xff", "utf-8", replaced) == "ok \xEF\xBF\xBD");
  CHECK(replaced);
  CHECK_FALSE(decode_to_utf8("text", "no-such-charset", replaced));
}
