#pragma once
// HTML pages, one article a file (.html, .htm, optionally compressed), and the
// pages inside WARC records and JSON Lines' "html" fields.
//
// Charset: a byte order mark, else the transport's (the HTTP header of a WARC
// record), else the page's <meta charset> or http-equiv, else UTF-8 when the
// bytes are UTF-8 and Windows-1252 when not (HTML §13.2.3); a page whose bytes
// are valid UTF-8 is read as UTF-8 whatever it declares (pages re-saved as UTF-8
// keep their old <meta>). Parsed by gumbo, an HTML5 parser, which also decodes
// every character reference.
//
// Metadata, best source first: JSON-LD (schema.org NewsArticle, Article and
// the other *Article and *Posting types: headline, datePublished, author,
// publisher, url, inLanguage), Open Graph and article:* <meta> (og:title,
// article:published_time, og:site_name, og:url), <meta name="author"> and the
// other common name/date <meta>, <time datetime>, <link rel="canonical">; then
// the <title> without the site's suffix, the first <h1>, and a visible byline
// ("By Erin Cunningham"). The site name is the article's source, the canonical
// URL its url, <html lang> its language. The text is the main content
// (html_content.h).

#include "reader.h"

#include <string_view>

namespace dateline::common {

class HtmlReader : public ArticleReader {
 public:
  void read(ByteSource& source, const ReadContext& context, ArticleSink& sink) const override;
};

// Reads one page into `article`, leaving fields it already has alone (a WARC
// record's id, a JSON line's title). `transport_charset` is the charset an HTTP
// header declared, or empty. Problems are warnings at `where`.
void read_html_page(std::string_view bytes, std::string_view transport_charset, const InputProblem& where,
                    Article& article, ArticleSink& sink);

}  // namespace dateline::common
