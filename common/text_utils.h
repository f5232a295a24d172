#pragma once
// Text helpers shared by the readers, the extractors and the searcher: UTF-8
// validation and repair, case and accent folding, whitespace handling.

#include <string>
#include <string_view>
#include <vector>

namespace dateline::common {

bool is_valid_utf8(std::string_view text);

// Length of the longest prefix of `text` that is valid UTF-8.
std::size_t valid_utf8_prefix(std::string_view text);

// True for data that is not text: mostly control characters (a stray NUL in
// text is not enough; text readers drop it).
bool looks_binary(std::string_view bytes);

std::string to_lower(std::string_view text);

// The form under which names are compared and stored as terms: lower case,
// Latin accents removed, typographic quotes made plain, single spaces.
std::string fold_key(std::string_view text);

// "el-salvador" -> "El Salvador", "JAMES BAKER" -> "James Baker".
std::string title_case(std::string_view text);

std::string_view trim(std::string_view text);
std::string collapse_whitespace(std::string_view text);

// Text a source hard-wrapped (wire copy cut at 65-70 columns) as paragraphs:
// the lines of a paragraph joined by spaces, paragraphs (after a blank or an
// indented line) separated by a blank line, and a line break kept after a
// line that ends well short of the width (a heading, a list item). Text laid
// out in columns (two lines with runs of spaces inside, a price table) and
// text of short lines (under 40 bytes wide) are returned as they are.
std::string reflow_hard_wrapped(std::string_view text);
std::vector<std::string> split(std::string_view text, char separator);
// The words of a text: runs of non-space characters.
std::vector<std::string> split_whitespace(std::string_view text);
std::string join(const std::vector<std::string>& parts, std::string_view separator);

bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);

// Replaces every character reference HTML5 knows (&amp; &eacute; &#233;
// &#x2019;, and &#146; as the curly quote HTML5 maps it to: HTML §13.2.5.80)
// with gumbo's tokenizer, and drops control characters such as Reuters' &#3;.
std::string decode_entities(std::string_view text);

// Removes C0 control characters other than tab and newline; \r\n and a lone \r become \n.
std::string strip_control_characters(std::string_view text);

// Lines of a text with their terminators (\n, \r\n, or an old Mac's lone \r) removed.
std::vector<std::string_view> split_lines(std::string_view text);

}  // namespace dateline::common
