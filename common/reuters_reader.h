#pragma once
// Reuters-21578 SGML: <REUTERS NEWID="n"> elements with DATE, TOPICS, PLACES,
// PEOPLE, ORGS and a TEXT holding TITLE, DATELINE and BODY. Streams element by
// element; entities are decoded, control-character references dropped, and
// bytes that are not UTF-8 read as Windows-1252. Stories without a BODY keep their title.

#include "reader.h"

namespace dateline::common {

class ReutersReader : public ArticleReader {
 public:
  void read(ByteSource& source, const ReadContext& context, ArticleSink& sink) const override;
};

}  // namespace dateline::common
