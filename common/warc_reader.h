#pragma once
// WARC files (ISO 28500, WARC/1.0 and 1.1), as crawlers write them: plain,
// gzip-compressed with one member a record or as one stream (.warc.gz), or
// zstd-compressed (.warc.zst). Records are streamed one at a time; memory is
// bounded by the largest record read whole (the article limit), never by the file.
//
// A "response" record holding an HTTP 200 response with an HTML payload
// (text/html, application/xhtml+xml) is an article: its id and url are the
// WARC-Target-URI (the page's canonical link, when it has one, becomes the
// url), the page is read as html_reader.h reads one with the charset of the
// HTTP Content-Type, after undoing chunked transfer and gzip content encoding;
// it is dated by the page, else by WARC-Date. Every other record (warcinfo,
// request, metadata, revisit, resource, conversion, and responses that are not
// HTML or not 200) is skipped and counted by kind. A truncated or corrupt
// record, or corrupt compressed data, is rejected with its byte offset (in the
// uncompressed WARC) and reading goes on at the next record.

#include "reader.h"

namespace dateline::common {

class WarcReader : public ArticleReader {
 public:
  void read(ByteSource& source, const ReadContext& context, ArticleSink& sink) const override;
};

}  // namespace dateline::common
