#pragma once
// Text helpers shared by the readers, the extractors and the searcher: UTF-8
// validation and repair, case and accent folding, whitespace handling.

#include <string>
#include <string_view>
#include <vector>

namespace dateline::common {

bool is_valid_utf8(std::string_view text);

// Re-encodes every byte that is not part of a valid UTF-8 sequence as the
// Latin-1 character it stands for, so legacy archives read instead of failing.
std::string repair_utf8_as_latin1(std::string_view text);

// True for data that is not text: NUL bytes or mostly control characters.
bool looks_binary(std::string_view bytes);

std::string to_lower(std::string_view text);

// The form under which names are compared and stored as terms: lower case,
// Latin accents removed, typographic quotes made plain, single spaces.
std::string fold_key(std::string_view text);

// "el-salvador" -> "El Salvador", "JAMES BAKER" -> "James Baker".
std::string title_case(std::string_view text);

std::string_view trim(std::string_view text);
std::string collapse_whitespace(std::string_view text);
std::vector<std::string> split(std::string_view text, char separator);
// The words of a text: runs of non-space characters.
std::vector<std::string> split_whitespace(std::string_view text);
std::string join(const std::vector<std::string>& parts, std::string_view separator);

bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);

// Replaces SGML/HTML character references (&amp; &lt; &#233; &#x2019;) and
// drops references to control characters such as Reuters' &#3;.
std::string decode_entities(std::string_view text);

// Removes C0 control characters other than tab and newline; \r becomes \n.
std::string strip_control_characters(std::string_view text);

// Lines of a text with their terminators (\n or \r\n) removed.
std::vector<std::string_view> split_lines(std::string_view text);

}  // namespace dateline::common
