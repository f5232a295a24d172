#include "story_assigner.h"
#include "document_builder.h"
#include "facet_extractor.h"
#include "story_profile.h"

#include "test_support.h"

#include <catch2/catch.hpp>

using namespace dateline;
using indexer::StoryAssigner;
using indexer::StoryProfile;

namespace {

// The profile the indexer would compute for an article.
StoryProfile profile_of(const std::string& title, const std::string& body, std::optional<common::Date> date,
                        const std::vector<std::string>& people = {}) {
  common::Article article;
  article.id = title;
  article.title = title;
  article.body = body;
  article.published = date;
  article.people = people;
  article.explicit_people = !people.empty();
  article.explicit_places = true;
  indexer::DocumentBuilder builder;
  return builder.build(article, "hash", nullptr).story_profile;
}

const std::string kRepos =
    "The Federal Reserve entered the government securities market to arrange customer repurchase agreements, a "
    "Fed spokesman said. Dealers said federal funds were trading at six pct when the Fed began its temporary and "
    "indirect supply of reserves to the banking system. Economists had expected the Fed to add reserves.";
const std::string kMineFire =
    "Fire broke out in the Murdochville copper mine of Noranda in the Gaspe peninsula of Quebec, trapping forty "
    "miners underground, the company said. Rescue teams from Noranda and the Quebec government reached the shaft "
    "and brought seventeen miners to the surface alive.";
const std::string kMineFireLater =
    "Seventeen miners trapped by the fire at the Noranda copper mine in Murdochville were found alive and brought to "
    "the surface, the company said. Rescue teams are searching the Gaspe mine for the others.";
const std::string kCocoa =
    "Showers continued throughout the week in the Bahia cocoa zone, alleviating the drought and improving prospects "
    "for the coming temporao, although normal humidity levels have not been restored, exporters said.";

}  // namespace

TEST_CASE("A story profile survives its value slot, and near-duplicate texts share their MinHash", "[story_profile]") {
  const StoryProfile fire = profile_of("Mine fire traps miners", kMineFire, common::Date{1987, 4, 2}, {"Jean Dupont"});
  const auto decoded = StoryProfile::decode(fire.encode());
  REQUIRE(decoded);
  CHECK(decoded->minhash == fire.minhash);
  CHECK(decoded->terms == fire.terms);
  CHECK(decoded->title_terms == fire.title_terms);
  CHECK(decoded->entities == fire.entities);
  CHECK(decoded->day == fire.day);
  CHECK_FALSE(StoryProfile::decode("not a profile"));

  const StoryProfile copy = profile_of("Mine fire traps miners (repeat)", kMineFire, common::Date{1987, 4, 2});
  const StoryProfile other = profile_of("Bahia cocoa review", kCocoa, common::Date{1987, 4, 2});
  CHECK(fire.shingle_similarity(copy) > 0.8);
  CHECK(fire.shingle_similarity(other) < 0.1);
  // A headline alone is too short to compare by shingles.
  CHECK_FALSE(profile_of("Mine fire", "", common::Date{1987, 4, 2}).has_shingles);
}

TEST_CASE("Articles on one event join one story, the same kind of event another day does not", "[story_assigner]") {
  StoryAssigner stories;
  const common::Date day{1987, 4, 2};
  const std::string fire = stories.assign("fire-1", profile_of("Noranda mine fire traps miners", kMineFire, day));
  CHECK(fire == StoryAssigner::story_id_for("fire-1"));
  CHECK(stories.assign("fire-2", profile_of("Noranda miners found alive", kMineFireLater, day)) == fire);
  CHECK(stories.assign("cocoa", profile_of("Bahia cocoa review", kCocoa, day)) != fire);
  const std::string monday =
      stories.assign("repos-1", profile_of("Fed adds reserves", kRepos, common::Date{1987, 3, 2}));
  // The same report, next day: the daily operation, not the same event.
  CHECK(stories.assign("repos-2", profile_of("Fed adds reserves", kRepos, common::Date{1987, 3, 3})) != monday);
  // A wire copy the same day is.
  CHECK(stories.assign("repos-1b", profile_of("Fed adds reserves via repos", kRepos, common::Date{1987, 3, 2})) ==
        monday);
  // Undated near-duplicates (a page published twice) are one story.
  const std::string undated = stories.assign("page-1", profile_of("Noranda mine fire", kMineFire, std::nullopt));
  CHECK(stories.assign("page-2", profile_of("Noranda mine fire", kMineFire, std::nullopt)) == undated);
  CHECK(stories.merges().empty());
}

TEST_CASE("An article copying two stories joins them, one merely like both does not", "[story_assigner]") {
  StoryAssigner stories;
  const common::Date day{1987, 4, 2};
  // Two digests sharing one sentence, under titles with no word in common: two stories.
  const std::string lead = kRepos.substr(0, kRepos.find(". ") + 1);
  const std::string first = stories.assign("digest-1", profile_of("Morning digest", kMineFire + " " + lead, day));
  const std::string second = stories.assign("digest-2", profile_of("Evening wrap", lead + " " + kCocoa, day));
  REQUIRE(first != second);
  // A summary only like both joins the likelier story and leaves the other alone.
  stories.assign("summary", profile_of("Morning digest summary", "Noranda mine fire; the Fed added reserves.", day));
  CHECK(stories.merges().empty());
  // A roundup copying both whole is a near-duplicate of each: one story.
  const std::string roundup =
      stories.assign("roundup", profile_of("Roundup", kMineFire + " " + lead + " " + kCocoa, day));
  const auto merges = stories.merges();
  REQUIRE(merges.size() == 1);
  CHECK(merges[0].second == roundup);
  CHECK((merges[0].first == first || merges[0].first == second));
}

TEST_CASE("The window is bounded: the oldest articles leave it", "[story_assigner]") {
  StoryAssigner stories(2);
  const common::Date day{1987, 4, 2};
  const std::string fire = stories.assign("fire-1", profile_of("Noranda mine fire traps miners", kMineFire, day));
  stories.assign("cocoa-1", profile_of("Bahia cocoa review", kCocoa, day));
  stories.assign("cocoa-2", profile_of("Bahia cocoa weekly", kCocoa + " Arrivals rose.", day));
  // fire-1 has left the window of two: a copy of it starts a story of its own.
  CHECK(stories.assign("fire-2", profile_of("Noranda mine fire traps miners", kMineFire, day)) != fire);
}
