#include "text_utils.h"

#include <catch2/catch.hpp>

using namespace dateline::common;

TEST_CASE("UTF-8 validation rejects malformed sequences", "[text_utils]") {
  CHECK(is_valid_utf8("plain ASCII"));
  CHECK(is_valid_utf8("Sergeï Lavrov – Genève"));
  CHECK_FALSE(is_valid_utf8("growth.\xe9 side"));  // a lone Latin-1 byte
  CHECK_FALSE(is_valid_utf8("\xc3"));              // truncated sequence
  CHECK_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong
  CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
}

TEST_CASE("Invalid bytes are read as Latin-1, valid UTF-8 is kept", "[text_utils]") {
  CHECK(repair_utf8_as_latin1("Jos\xe9 Herrera") == "José Herrera");
  CHECK(repair_utf8_as_latin1("Café already fine \xe2\x80\x94 dash") == "Café already fine — dash");
  CHECK(is_valid_utf8(repair_utf8_as_latin1("\xff\xfe\x80 binary-ish")));
}

TEST_CASE("fold_key makes names comparable", "[text_utils]") {
  CHECK(fold_key("  Côte   d’Ivoire ") == "cote d'ivoire");
  CHECK(fold_key("SÃO PAULO") == "sao paulo");
  CHECK(fold_key("Łódź") == "lodz");
  CHECK(fold_key("Straße") == "strasse");
  CHECK(fold_key("El Salvador") == fold_key("el salvador"));
}

TEST_CASE("title_case turns Reuters tags into names", "[text_utils]") {
  CHECK(title_case("el-salvador") == "El Salvador");
  CHECK(title_case("JAMES BAKER") == "James Baker");
  CHECK(title_case("o'neill") == "O'neill");
}

TEST_CASE("Entities are decoded and control-character references dropped", "[text_utils]") {
  CHECK(decode_entities("Ivory Coast &amp; Ghana &lt;strong&gt;") == "Ivory Coast & Ghana <strong>");
  CHECK(decode_entities("&#2;TITLE&#3;&#22;") == "TITLE");
  CHECK(decode_entities("Caf&#233; &#x2019;") == "Café ’");
  CHECK(decode_entities("AT&T and &unknown; stay") == "AT&T and &unknown; stay");
}

TEST_CASE("Control characters are stripped, line breaks kept", "[text_utils]") {
  CHECK(strip_control_characters("a\x01"
                                 "b\r\nc\rd\te") == "ab\nc\nd\te");
}

TEST_CASE("Binary data is recognised", "[text_utils]") {
  CHECK(looks_binary(std::string("abc\0def", 7)));
  CHECK(looks_binary("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f"));
  CHECK_FALSE(looks_binary("An ordinary headline\n\nAnd a body.\n"));
}

TEST_CASE("Lines split on LF and CRLF", "[text_utils]") {
  const auto lines = split_lines("one\r\ntwo\n\nthree");
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "one");
  CHECK(lines[2].empty());
  CHECK(lines[3] == "three");
}
