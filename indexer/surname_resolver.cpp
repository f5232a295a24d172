#include "surname_resolver.h"

#include "article.h"
#include "database_errors.h"
#include "dates.h"
#include "document_builder.h"
#include "person_names.h"
#include "schema.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace dateline::indexer {
namespace {

// A person of the surname named in full, and the articles that do.
struct FullName {
  struct Mention {
    std::optional<long> day;  // publication day; none for an undated article
    std::string story;
    bool operator<(const Mention& other) const { return day < other.day; }
  };
  std::string display;
  std::vector<Mention> mentions;  // sorted by day, undated first

  // Named in full in the period of an article published on `day` (anywhere, for an undated
  // article): the stories that do, at most kSurnameEvidenceStories of them.
  std::size_t stories_near(std::optional<long> day) const {
    auto first = mentions.begin();
    auto last = mentions.end();
    if (day) {
      first = std::lower_bound(first, last, Mention{*day - kSurnamePeriodDays, {}});
      last = std::upper_bound(first, last, Mention{*day + kSurnamePeriodDays, {}});
    }
    std::set<std::string> stories;
    for (auto mention = first; mention != last && stories.size() < kSurnameEvidenceStories; ++mention) {
      stories.insert(mention->story);
    }
    return stories.size();
  }
};

// The values of the terms starting with `prefix`, without it.
std::vector<std::string> values_after(const Xapian::Database& database, const std::string& prefix) {
  std::vector<std::string> values;
  for (auto term = database.allterms_begin(prefix); term != database.allterms_end(prefix); ++term) {
    values.push_back((*term).substr(prefix.size()));
  }
  return values;
}

bool has_term(const Xapian::Document& document, const std::string& term) {
  Xapian::TermIterator it = document.termlist_begin();
  it.skip_to(term);
  return it != document.termlist_end() && *it == term;
}

class Resolver {
 public:
  // The shards of an archive are read as one database (document n of shard s
  // is (n - 1) * shards + s + 1 there, Xapian's interleaving), so a surname
  // is resolved against the whole archive, whichever shard holds an article.
  explicit Resolver(const std::vector<IndexWriter*>& shards) : shards_(shards) {
    for (const IndexWriter* shard : shards_) database_.add_database(shard->database());
  }

  void resolve(const std::string& surname) {
    const std::map<Xapian::docid, std::string> bare = bare_mentions(surname);
    if (bare.empty()) return;
    const std::vector<FullName> people = full_names(surname, bare);
    for (const auto& [document, name] : bare) {
      const std::optional<long> day = published_day(database_.get_document(document));
      const FullName* meant = nullptr;
      std::size_t candidates = 0;
      for (const FullName& person : people) {
        if (person.stories_near(day) > 0 && ++candidates == 1) meant = &person;
      }
      const bool known = candidates == 1 && meant->stories_near(day) >= kSurnameEvidenceStories;
      apply(document, surname, known ? meant->display : name);
    }
  }

  const SurnameResolution& result() const { return result_; }

 private:
  // The articles that name a person of this surname alone, and the name as they give it.
  std::map<Xapian::docid, std::string> bare_mentions(const std::string& surname) const {
    std::map<Xapian::docid, std::string> bare;
    const std::string prefix = schema::term(schema::kBareSurnamePrefix, surname + schema::kSurnameSeparator);
    for (const std::string& name : values_after(database_, prefix)) {
      const std::string term = prefix + name;
      for (auto posting = database_.postlist_begin(term); posting != database_.postlist_end(term); ++posting) {
        bare.emplace(*posting, name);
      }
    }
    return bare;
  }

  // The people of this surname that articles other than `bare` name in full.
  std::vector<FullName> full_names(const std::string& surname, const std::map<Xapian::docid, std::string>& bare) const {
    std::vector<FullName> people;
    const std::string prefix = schema::term(schema::kSurnamePrefix, surname + schema::kSurnameSeparator);
    for (const std::string& key : values_after(database_, prefix)) {
      if (key.find(' ') == std::string::npos) continue;  // a surname alone itself
      FullName person;
      const std::string term = prefix + key;
      for (auto posting = database_.postlist_begin(term); posting != database_.postlist_end(term); ++posting) {
        if (bare.count(*posting) > 0) continue;
        const Xapian::Document document = database_.get_document(*posting);
        if (person.display.empty()) person.display = display_name(document, key);
        person.mentions.push_back({published_day(document), document.get_value(schema::kStorySlot)});
      }
      if (person.display.empty()) continue;
      std::sort(person.mentions.begin(), person.mentions.end());
      people.push_back(std::move(person));
    }
    return people;
  }

  // As the article writes the person `key`, without middle initials: one key may stand for several sets of them.
  static std::string display_name(const Xapian::Document& document, const std::string& key) {
    for (const std::string& name : schema::split_list(document.get_value(schema::kPeopleSlot))) {
      if (common::person_key(name) == key) return common::person_name_without_initials(name);
    }
    return {};
  }

  static std::optional<long> published_day(const Xapian::Document& document) {
    const auto date = schema::date_from_key(document.get_value(schema::kPublishedSlot));
    if (!date) return std::nullopt;
    return common::days_since_epoch(*date);
  }

  // Makes the article's person of this surname `person`, in its terms, its people slot and its stored copy.
  void apply(Xapian::docid id, const std::string& surname, const std::string& person) {
    const bool resolved = common::name_words(person).size() > 1;
    ++(resolved ? result_.resolved : result_.unresolved);
    Xapian::Document document = database_.get_document(id);
    std::vector<std::string> people = schema::split_list(document.get_value(schema::kPeopleSlot));
    const auto current = std::find_if(people.begin(), people.end(), [&](const std::string& name) {
      const std::vector<std::string> keys = common::surname_keys(name);
      return std::find(keys.begin(), keys.end(), surname) != keys.end();
    });
    if (current == people.end() || *current == person) return;
    for (const std::string& term : person_terms(*current)) {
      if (has_term(document, term)) document.remove_term(term);
    }
    for (const std::string& term : person_terms(person)) document.add_boolean_term(term);
    const std::size_t count = shards_.size();
    IndexWriter& shard = *shards_[(id - 1) % count];
    common::Article article = common::decode_stored_article(document.get_data(), shard.codec());
    std::replace(article.people.begin(), article.people.end(), *current, person);
    *current = person;
    document.add_value(schema::kPeopleSlot, schema::join_list(people));
    document.set_data(shard.codec().compress(common::stored_json(article)));
    shard.rewrite(static_cast<Xapian::docid>((id - 1) / count + 1), document);
    ++result_.rewritten;
  }

  std::vector<IndexWriter*> shards_;
  Xapian::Database database_;
  SurnameResolution result_;
};

}  // namespace

SurnameResolution resolve_surnames(const std::vector<IndexWriter*>& shards, const std::set<std::string>& surnames) {
  return common::translating_xapian_errors("cannot resolve the surnames of the database", [&] {
    Resolver resolver(shards);
    for (const std::string& surname : surnames) resolver.resolve(surname);
    return resolver.result();
  });
}

SurnameResolution resolve_all_surnames(const std::vector<IndexWriter*>& shards) {
  std::set<std::string> surnames;
  common::translating_xapian_errors("cannot read the surnames of the database", [&] {
    const std::string prefix(schema::kBareSurnamePrefix);
    for (const IndexWriter* shard : shards) {
      for (const std::string& value : values_after(shard->database(), prefix)) {
        surnames.insert(value.substr(0, value.find(schema::kSurnameSeparator)));
      }
    }
  });
  return resolve_surnames(shards, surnames);
}

}  // namespace dateline::indexer
