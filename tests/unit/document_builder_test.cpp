#include "document_builder.h"
#include "schema.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace dateline;

namespace {

common::Article sample_article() {
  common::Article article;
  article.id = "wire-1";
  article.title = "Kerry meets Putin";
  article.body = "Secretary of State John Kerry met Vladimir Putin in Sochi.";
  article.published = common::Date{2015, 5, 12};
  article.source = "Dateline Wire";
  article.authors = {"Marta Ferreira"};
  article.people = {"John Kerry", "Vladimir Putin"};
  article.places = {"Sochi", "Russia"};
  article.topics = {"diplomacy"};
  article.mentioned_dates = {"2015-05-12"};
  article.source_file = "/archive/wires.jsonl";
  return article;
}

std::set<std::string> terms_of(const Xapian::Document& document) {
  std::set<std::string> terms;
  for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) terms.insert(*term);
  return terms;
}

}  // namespace

TEST_CASE("An article's document holds exactly the schema's terms", "[document_builder]") {
  indexer::DocumentBuilder builder;
  const common::StoredCodec codec;
  const auto indexed = builder.build(sample_article(), "0123abcd", &codec);
  const auto terms = terms_of(indexed.document);
  for (const char* expected : {"Qwire-1",
                               "Skerry",
                               "Smeets",
                               "ZSmeet",
                               "kerry",
                               "putin",
                               "sochi",
                               "Zmeet",
                               "XPjohn kerry",
                               "XPvladimir putin",
                               "XNkerry|john kerry",
                               "XNputin|vladimir putin",
                               "XLsochi",
                               "XLrussia",
                               "XTdiplomacy",
                               "XSdateline wire",
                               "Amarta ferreira",
                               "XD2015",
                               "XD201505",
                               "XD20150512",
                               "XF/archive/wires.jsonl"}) {
    CAPTURE(expected);
    CHECK(terms.count(expected) == 1);
  }
  CHECK(indexed.id_term == "Qwire-1");
  CHECK(indexed.document.get_value(schema::kPublishedSlot) == "20150512");
  CHECK(schema::split_list(indexed.document.get_value(schema::kPeopleSlot)) ==
        std::vector<std::string>{"John Kerry", "Vladimir Putin"});
  CHECK(indexed.document.get_value(schema::kSourceSlot) == "Dateline Wire");
  CHECK(indexed.document.get_value(schema::kContentHashSlot) == "0123abcd");
  CHECK(common::decode_stored_article(indexed.document.get_data(), codec).body == sample_article().body);
  CHECK(indexed.stored_json.empty());
  CHECK(std::set<std::string>(indexed.name_words.begin(), indexed.name_words.end()) ==
        std::set<std::string>{"john", "kerry", "putin", "russia", "sochi", "vladimir"});
}

TEST_CASE("Titles weigh more than the body", "[document_builder]") {
  indexer::DocumentBuilder builder;
  const auto indexed = builder.build(sample_article(), "h", nullptr);
  Xapian::TermIterator term = indexed.document.termlist_begin();
  term.skip_to("kerry");
  REQUIRE(*term == "kerry");
  CHECK(term.get_wdf() == 4);  // three for the title, one for the body
}

TEST_CASE("A partial publication date sorts as its first day", "[document_builder]") {
  indexer::DocumentBuilder builder;
  auto article = sample_article();
  article.published = common::Date{1987, 3, 0};
  CHECK(builder.build(article, "h", nullptr).document.get_value(schema::kPublishedSlot) == "19870301");
}

TEST_CASE("Without a codec the article waits uncompressed until compress_stored", "[document_builder]") {
  indexer::DocumentBuilder builder;
  auto indexed = builder.build(sample_article(), "h", nullptr);
  CHECK(indexed.document.get_data().empty());
  CHECK(!indexed.stored_json.empty());
  const common::StoredCodec codec;
  indexer::compress_stored(indexed, codec);
  CHECK(indexed.stored_json.empty());
  CHECK(common::decode_stored_article(indexed.document.get_data(), codec).title == "Kerry meets Putin");
}

TEST_CASE("The content hash changes with the content and only with it", "[document_builder]") {
  const auto article = sample_article();
  CHECK(indexer::content_hash(article).size() == 16);
  CHECK(indexer::content_hash(article) == indexer::content_hash(article));
  auto corrected = article;
  corrected.body += " He left on Wednesday.";
  CHECK(indexer::content_hash(corrected) != indexer::content_hash(article));
  auto moved = article;
  moved.source_file = "/archive/other.jsonl";
  CHECK(indexer::content_hash(moved) != indexer::content_hash(article));
}

TEST_CASE("A Reuters topic is found by its name, its code and the parts of its name", "[document_builder]") {
  indexer::DocumentBuilder builder;
  auto article = sample_article();
  article.topics = {"Mergers/Acquisitions", "politics"};
  const auto terms = terms_of(builder.build(article, "h", nullptr).document);
  for (const char* expected : {"XTmergers/acquisitions", "XTacq", "XTmergers", "XTacquisitions", "XTpolitics"}) {
    CAPTURE(expected);
    CHECK(terms.count(expected) == 1);
  }
}

TEST_CASE("A surname alone is marked for resolution across articles, unless the article names it in full",
          "[document_builder]") {
  indexer::DocumentBuilder builder;
  auto article = sample_article();
  article.people = {"Putin", "John Kerry"};
  auto terms = terms_of(builder.build(article, "h", nullptr).document);
  CHECK(terms.count("XBputin|Putin") == 1);
  CHECK(terms.count("XPputin") == 1);
  CHECK(terms.count("XNkerry|john kerry") == 1);
  CHECK(std::count_if(terms.begin(), terms.end(), [](const std::string& t) { return t.rfind("XB", 0) == 0; }) == 1);
  // "Blair" beside Cherie Blair (metadata can list both): not a surname alone.
  article.people = {"Blair", "Cherie Blair"};
  terms = terms_of(builder.build(article, "h", nullptr).document);
  CHECK(std::none_of(terms.begin(), terms.end(), [](const std::string& t) { return t.rfind("XB", 0) == 0; }));
}
