#pragma once
// Plain-text articles, one per file: an optional header block ("Title:",
// "Date:", "Source:", "URL:", "Author:" lines, then a blank line), the headline
// as the first real line, the body after it. Lines of web-page furniture are
// dropped and a line repeated verbatim (a photo caption) is kept once. Lines
// end in LF, CRLF or CR; UTF-16 and UTF-32 with a byte order mark are decoded,
// stray NUL bytes dropped and bytes that are not UTF-8 read as Windows-1252,
// each with a warning.

#include "reader.h"

#include <string_view>

namespace dateline::common {

class TextReader : public ArticleReader {
 public:
  void read(ByteSource& source, const ReadContext& context, ArticleSink& sink) const override;
};

// The parsing step alone, for text already in memory.
void parse_text_article(std::string_view text, const ReadContext& context, ArticleSink& sink);

}  // namespace dateline::common
