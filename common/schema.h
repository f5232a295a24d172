#pragma once
// The index schema: every term prefix, value slot and metadata key Dateline
// writes, in one place. The indexer and the searcher both build their terms and
// queries from these names; no prefix literal appears anywhere else.
//
// Free-text terms (title and body) are unprefixed, stemmed forms carry Xapian's
// "Z" prefix (TermGenerator's STEM_SOME). Facet terms hold fold_key() of the
// display name, so filters match case- and accent-insensitively.

#include "dates.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace dateline::schema {

// Bump when the terms or values written change meaning; the searcher refuses
// other versions and the indexer asks for --rebuild.
inline constexpr int kVersion = 8;

// --- Term prefixes -----------------------------------------------------------
inline constexpr std::string_view kIdPrefix = "Q";      // article id, unique per document (hashed if long)
inline constexpr std::string_view kTitlePrefix = "S";   // title words, free text with positions
inline constexpr std::string_view kAuthorPrefix = "A";  // author, fold_key() of the name
// Person: person_key() ("george bush"), and person_full_key() when the name has middle initials ("george w bush").
inline constexpr std::string_view kPersonPrefix = "XP";
inline constexpr std::string_view kSurnamePrefix = "XN";  // person by surname: "putin|vladimir putin"
// An article that named a person by surname alone ("Putin", "Mr. Blair"), kept whether or not another article
// resolved it to a full name (indexer/surname_resolver.h): the surname key, kSurnameSeparator, the name as
// the article gave it ("putin|Putin").
inline constexpr std::string_view kBareSurnamePrefix = "XB";
inline constexpr std::string_view kPlacePrefix = "XL";  // place, fold_key() of the display name
// Topic: each of common::topic_keys() ("mergers/acquisitions", "acq", "mergers", "acquisitions").
inline constexpr std::string_view kTopicPrefix = "XT";
inline constexpr std::string_view kOrganisationPrefix = "XO";  // organisation (Reuters ORGS), fold_key()
inline constexpr std::string_view kSourcePrefix = "XS";        // source, fold_key() ("reuters")
inline constexpr std::string_view kStoryPrefix = "XC";         // story id (12 hex digits): a story's articles
// A date named in the text, as date_terms(): "2015", "201503", "20150302".
inline constexpr std::string_view kMentionedDatePrefix = "XD";
// The publication date's first day, as date_terms(): "1987", "198703", "19870302".
inline constexpr std::string_view kPublishedPrefix = "XY";
// Absolute path of the source file, for --prune (shortened if long; the stored article has it whole).
inline constexpr std::string_view kSourceFilePrefix = "XF";

// Separates the surname from the full key in kSurnamePrefix terms, and from the name in kBareSurnamePrefix terms.
inline constexpr char kSurnameSeparator = '|';

// --- Value slots -------------------------------------------------------------
enum Slot : Xapian::valueno {
  // The publication date's first day, date_key(): "YYYYMMDD" (sorts as a string); absent when unknown.
  kPublishedSlot = 0,
  kPeopleSlot = 1,  // people display names joined by kListSeparator, for facet counts
  kPlacesSlot = 2,  // places display names joined by kListSeparator
  kTopicsSlot = 3,  // topics' display names (common::topic_display_name) joined by kListSeparator
  kSourceSlot = 4,  // source display name ("Reuters")
  // 16-byte hash of the article as read, to skip unchanged input (a value: a unique term per article costs 4x more).
  kContentHashSlot = 5,
  kStorySlot = 6,  // story id, the collapse key of search results (indexer/story_assigner.h)
  // The article's story profile, binary (indexer/story_profile.h), for later runs' story matching.
  kStoryProfileSlot = 7,
};

// Joins multi-valued facets in one value slot (a control character no name contains).
inline constexpr char kListSeparator = '\x1f';

// --- Synonyms --------------------------------------------------------------------
// Xapian's synonym table holds, for each accented word of the articles, its
// folded spelling as the key and the accented terms as synonyms ("sao" ->
// "são", "Zsão"; title words under "S"): common::accent_synonyms.

// --- Database metadata keys ---------------------------------------------------
inline constexpr std::string_view kSchemaVersionKey = "dateline.schema";  // kVersion as decimal text
inline constexpr std::string_view kLastUpdateKey = "dateline.updated";    // UTC time of the last commit, ISO 8601
inline constexpr std::string_view kDictionaryKey =
    "dateline.dictionary";  // zstd dictionary of the stored articles; set once

// --- Spelling ----------------------------------------------------------------
// Words of people's and places' names are also added to the spelling table
// behind this marker, so "did you mean" can prefer a name ("Kery" -> "Kerry")
// to an everyday word at the same edit distance ("very"). Ordinary spelling
// entries are lower case and never start with it.
inline constexpr std::string_view kNameSpellingMarker = "N";

// --- Query fields ----------------------------------------------------------------
// What "name:value" means in a query. The query parser learns the free-text
// fields from this table and the searcher builds one filter per other row.
enum class FieldKind {
  kFreeText,       // words of the field, analysed like the body ("title:kerry")
  kFacet,          // a facet term: the prefix and fold_key() of the value ("source:reuters")
  kPerson,         // a person by full name, or by surname when one person has it ("person:putin")
  kPlace,          // a place by any name the gazetteer knows ("place:usa")
  kMentionedDate,  // a date named in the text, as precise as given ("mentions:2015-03")
  kPublishedDate,  // the publication date: a year, month, day or range ("date:1987-03..1987-04")
};

struct QueryField {
  std::string_view name;
  std::string_view prefix;
  FieldKind kind;
};

inline constexpr QueryField kQueryFields[] = {
    {"title", kTitlePrefix, FieldKind::kFreeText},
    {"person", kPersonPrefix, FieldKind::kPerson},
    {"place", kPlacePrefix, FieldKind::kPlace},
    {"source", kSourcePrefix, FieldKind::kFacet},
    {"topic", kTopicPrefix, FieldKind::kFacet},
    {"author", kAuthorPrefix, FieldKind::kFacet},
    {"story", kStoryPrefix, FieldKind::kFacet},
    {"mentions", kMentionedDatePrefix, FieldKind::kMentionedDate},
    {"date", kPublishedPrefix, FieldKind::kPublishedDate},
};

// The row of kQueryFields with this kind (the first, when several share it).
const QueryField& query_field(FieldKind kind);

// A term: prefix + value, with values too long for Xapian's term limit
// shortened and suffixed with a hash so they stay unique.
std::string term(std::string_view prefix, std::string_view value);

// Xapian's convention (docs/termprefixes.rst): prefixes are capital letters
// and free-text terms are lower case, so a term that starts with a capital
// letter is prefixed: "XPvladimir putin", "Zputin" (a stem), "Skerry".
bool is_prefixed(std::string_view term);

// --- Dates -----------------------------------------------------------------------
// Dates in terms and values are keys of their precision: "1987", "198703" or
// "19870302". Fixed-width digits, so keys sort and compare as strings.
std::string date_key(const common::Date& date);
// The date a key stands for; nullopt when `key` is not one.
std::optional<common::Date> date_from_key(std::string_view key);
// The terms a date is found by: the year, the month and the day, each as
// precise as the date is ("2015-03" -> "<prefix>2015", "<prefix>201503").
std::vector<std::string> date_terms(std::string_view prefix, const common::Date& date);

std::string join_list(const std::vector<std::string>& values);
std::vector<std::string> split_list(std::string_view value);

}  // namespace dateline::schema
