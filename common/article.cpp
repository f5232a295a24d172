#include "article.h"

#include <dateline/errors.h>
#include "schema.h"
#include "text_utils.h"

#include <nlohmann/json.hpp>

namespace dateline::common {
namespace {

nlohmann::json to_json(const Article& a) {
  return nlohmann::json{
      {"id", a.id},
      {"title", a.title},
      {"body", a.body},
      {"dateline", a.dateline},
      {"published", a.published ? nlohmann::json(a.published->iso()) : nlohmann::json()},
      {"source", a.source},
      {"url", a.url},
      {"authors", a.authors},
      {"language", a.language},
      {"people", a.people},
      {"places", a.places},
      {"topics", a.topics},
      {"organisations", a.organisations},
      {"mentioned_dates", a.mentioned_dates},
      {"explicit_people", a.explicit_people},
      {"explicit_places", a.explicit_places},
      {"source_file", a.source_file},
      {"line", a.line},
  };
}

Article from_json(const nlohmann::json& j) {
  Article a;
  a.id = j.at("id").get<std::string>();
  a.title = j.value("title", "");
  a.body = j.value("body", "");
  a.dateline = j.value("dateline", "");
  if (j.contains("published") && j["published"].is_string())
    a.published = parse_iso_date(j["published"].get<std::string>());
  a.source = j.value("source", "");
  a.url = j.value("url", "");
  a.authors = j.value("authors", std::vector<std::string>{});
  a.language = j.value("language", "");
  a.people = j.value("people", std::vector<std::string>{});
  a.places = j.value("places", std::vector<std::string>{});
  a.topics = j.value("topics", std::vector<std::string>{});
  a.organisations = j.value("organisations", std::vector<std::string>{});
  a.mentioned_dates = j.value("mentioned_dates", std::vector<std::string>{});
  a.explicit_people = j.value("explicit_people", false);
  a.explicit_places = j.value("explicit_places", false);
  a.source_file = j.value("source_file", "");
  a.line = j.value("line", std::size_t{0});
  return a;
}

}  // namespace

std::string stored_json(const Article& article) { return to_json(article).dump(); }

Article decode_stored_article(std::string_view stored, const StoredCodec& codec) {
  try {
    return from_json(nlohmann::json::parse(codec.decompress(stored)));
  } catch (const nlohmann::json::exception& e) {
    throw DatabaseError(std::string("stored article is not valid JSON: ") + e.what());
  }
}

StoredCodec stored_codec(const Xapian::Database& database) {
  std::string dictionary = database.get_metadata(std::string(schema::kDictionaryKey));
  return dictionary.empty() ? StoredCodec() : StoredCodec(std::move(dictionary));
}

std::string snippet_text(const Article& article) {
  std::string text = article.body.empty() ? article.title : article.body;
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  return collapse_whitespace(text);
}

}  // namespace dateline::common
