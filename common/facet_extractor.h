#pragma once
// Completes an article's facets before indexing: explicit metadata is
// normalised to display names (Reuters' "el-salvador" -> "El Salvador",
// "james-baker" -> "James Baker", topic "acq" -> "Mergers/Acquisitions"); people and places the input did not give
// are extracted from the text; dates named in the text are always collected.

#include "article.h"

namespace dateline::common {

class FacetExtractor {
 public:
  // Loads the gazetteer and word lists once; the extractor is then read-only
  // and may be shared by threads.
  FacetExtractor();
  void complete(Article& article) const;
};

}  // namespace dateline::common
