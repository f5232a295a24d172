#pragma once
// JSON Lines, one article per line: "id", "title", "body" (or "text" or
// "content"), "date", "source", "url", "authors", and optional explicit
// "people", "places", "topics". A line without a body may carry the page
// itself in "html": it is read as html_reader.h reads a page, the line's own
// fields winning. A bad line is reported and skipped.

#include "reader.h"

namespace dateline::common {

class JsonlReader : public ArticleReader {
 public:
  void read(ByteSource& source, const ReadContext& context, ArticleSink& sink) const override;
};

}  // namespace dateline::common
