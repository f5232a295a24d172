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

TEST_CASE("The valid UTF-8 prefix ends at the first malformed sequence", "[text_utils]") {
  CHECK(valid_utf8_prefix("Café") == 5);
  CHECK(valid_utf8_prefix("Jos\xe9 Herrera") == 3);
  CHECK(valid_utf8_prefix("\xe2\x80") == 0);  // truncated
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
  CHECK(decode_entities("a &lt;/textarea&gt; </textarea> b") == "a </textarea> </textarea> b");
}

TEST_CASE("Every HTML5 reference is decoded, C1 numbers as HTML5 maps them", "[text_utils]") {
  CHECK(decode_entities("O&#146;Brien &#147;fair&#148; &#150; &#151; done&#133;") == "O’Brien “fair” – — done…");
  CHECK(decode_entities("&hellip; &mdash; &Aring;ngstr&ouml;m &ncaron; &check; &frac34;") == "… — Ångström ň ✓ ¾");
  CHECK(decode_entities("&#x1F600;") == "\xF0\x9F\x98\x80");
}

TEST_CASE("Control characters are stripped, line breaks kept", "[text_utils]") {
  CHECK(strip_control_characters("a\x01"
                                 "b\r\nc\rd\te") == "ab\nc\nd\te");
}

TEST_CASE("Binary data is recognised", "[text_utils]") {
  CHECK(looks_binary(std::string("\0\0\0\0a\0\0\0", 8)));
  CHECK_FALSE(looks_binary(std::string("A stray NUL\0 in a line of text", 31)));
  CHECK(looks_binary("\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f"));
  CHECK_FALSE(looks_binary("An ordinary headline\n\nAnd a body.\n"));
}

TEST_CASE("Lines split on LF, CRLF and an old Mac's CR", "[text_utils]") {
  const auto lines = split_lines("one\r\ntwo\n\nthree\rfour\r\rfive\r");
  CHECK(lines == std::vector<std::string_view>{"one", "two", "", "three", "four", "", "five"});
}

TEST_CASE("Hard-wrapped wire copy reads as paragraphs, tables and short lines stay as they are", "[text_utils]") {
  const std::string wire =
      "OPEC member Ecuador adopted austerity\nmeasures to conserve fuel after oil production was paralyzed by\n"
      "a strong earthquake.\n    Energy and Mines Minister Javier Espinosa announced on\n"
      "television the country would cut domestic fuel sales by 30 pct.";
  CHECK(reflow_hard_wrapped(wire) ==
        "OPEC member Ecuador adopted austerity measures to conserve fuel after oil production was paralyzed by a "
        "strong earthquake.\n\nEnergy and Mines Minister Javier Espinosa announced on television the country "
        "would cut domestic fuel sales by 30 pct.");
  const std::string headed =
      "MARKETS IN BRIEF\nShares in Tokyo rose on Monday as exporters gained on a weaker yen\n"
      "and dealers said buying would continue this week.";
  CHECK(reflow_hard_wrapped(headed) ==
        "MARKETS IN BRIEF\nShares in Tokyo rose on Monday as exporters gained on a weaker yen and dealers said buying "
        "would continue this week.");
  const std::string table =
      "FOB SINGAPORE CENTS PER KILO IN ONE TON PELLETS\n SSR 20 MAY    170.00 172.00 NOM\n"
      "        JUNE   170.00 172.00 NOM\n SSR 50 MAY    169.00 170.00 NOM";
  CHECK(reflow_hard_wrapped(table) == table);
  CHECK(reflow_hard_wrapped("Roses are red\nviolets are blue") == "Roses are red\nviolets are blue");
}
