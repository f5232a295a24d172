#include "lexicon.h"

#include <dateline/errors.h>
#include "database_errors.h"
#include "schema.h"

#include <xapian.h>

#include <filesystem>

namespace dateline::indexer {

void write_lexicon(const common::DatabaseLayout& lexicon, const std::vector<common::DatabaseLayout>& shards) {
  if (!lexicon.exists()) lexicon.create();
  lexicon.remove_stale_generations();
  const std::string generation = lexicon.next_generation();
  try {
    lexicon.create_generation(generation);
    common::translating_xapian_errors("cannot write the lexicon " + generation, [&] {
      Xapian::Database all;
      for (const common::DatabaseLayout& shard : shards) all.add_database(Xapian::Database(shard.live_generation()));
      Xapian::WritableDatabase out(generation, Xapian::DB_OPEN);
      for (auto word = all.spellings_begin(); word != all.spellings_end(); ++word) {
        out.add_spelling(*word, word.get_termfreq());
      }
      for (auto key = all.synonym_keys_begin(); key != all.synonym_keys_end(); ++key) {
        for (auto synonym = all.synonyms_begin(*key); synonym != all.synonyms_end(*key); ++synonym) {
          out.add_synonym(*key, *synonym);
        }
      }
      for (const std::string_view key : {schema::kDictionaryKey, schema::kLastUpdateKey}) {
        out.set_metadata(std::string(key), all.get_metadata(std::string(key)));
      }
      out.commit();
    });
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove_all(generation, ignored);
    throw;
  }
  lexicon.switch_to(generation);
  lexicon.remove_stale_generations();
}

}  // namespace dateline::indexer
