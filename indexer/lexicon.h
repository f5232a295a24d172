#pragma once
// The lexicon of a sharded archive (DIR/lexicon, a Dateline database without
// documents): the spelling and synonym tables of all shards merged, with the
// schema version and the compression dictionary. Xapian's remote backend
// serves neither spelling nor synonyms (1.4: a remote database has none), so
// a search machine whose stub lists remote shards lists a replica of the
// lexicon first ("auto /srv/dateline/lexicon"): "did you mean" and accent
// synonyms then work as on one database, while its zero documents change no
// statistic. A local stub of shards needs no lexicon: Xapian merges their tables.

#include "database_layout.h"

#include <vector>

namespace dateline::indexer {

// Writes a new generation of `lexicon` from the live generations of `shards`
// and switches to it. Throws DatabaseError.
void write_lexicon(const common::DatabaseLayout& lexicon, const std::vector<common::DatabaseLayout>& shards);

}  // namespace dateline::indexer
