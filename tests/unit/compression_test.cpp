#include "compression.h"
#include "article.h"
#include "test_support.h"

#include <dateline/errors.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sstream>

using namespace dateline;

namespace {

// The JSON the indexer stores for each of `count` generated articles.
std::vector<std::string> stored_samples(int first, int count) {
  std::vector<std::string> samples;
  std::istringstream lines(test::generated_articles(first, count));
  for (std::string line; std::getline(lines, line);) {
    const auto input = nlohmann::json::parse(line);
    common::Article article;
    article.id = input["id"];
    article.title = input["title"];
    article.body = input["body"];
    article.source = input["source"];
    samples.push_back(common::stored_json(article));
  }
  return samples;
}

std::size_t compressed_size(const common::StoredCodec& codec, const std::vector<std::string>& articles) {
  std::size_t total = 0;
  for (const std::string& article : articles) total += codec.compress(article).size();
  return total;
}

}  // namespace

TEST_CASE("A dictionary trained on a database's first articles shrinks the later ones", "[compression]") {
  const std::string dictionary = common::StoredCodec::train_dictionary(stored_samples(0, 1000));
  REQUIRE(!dictionary.empty());
  const common::StoredCodec trained(dictionary), plain;
  const auto later = stored_samples(5000, 200);
  CHECK(compressed_size(trained, later) * 2 < compressed_size(plain, later));
  for (const std::string& article : later) CHECK(trained.decompress(trained.compress(article)) == article);
}

TEST_CASE("Too few samples give no dictionary, and plain zstd still round-trips", "[compression]") {
  CHECK(common::StoredCodec::train_dictionary(stored_samples(0, 20)).empty());
  const common::StoredCodec plain;
  CHECK(!plain.has_dictionary());
  const std::string article = stored_samples(0, 1).front();
  CHECK(plain.decompress(plain.compress(article)) == article);
}

TEST_CASE("An article compressed with a dictionary names it when the codec lacks it", "[compression]") {
  const common::StoredCodec trained(common::StoredCodec::train_dictionary(stored_samples(0, 500)));
  const std::string stored = trained.compress(stored_samples(900, 1).front());
  CHECK_THROWS_WITH(common::StoredCodec().decompress(stored), Catch::Contains("needs compression dictionary"));
  CHECK_THROWS_AS(trained.decompress(stored.substr(0, stored.size() / 2)), DatabaseError);
  CHECK_THROWS_AS(common::StoredCodec("not a dictionary"), DatabaseError);
}
