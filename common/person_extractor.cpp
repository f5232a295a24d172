#include "person_extractor.h"

#include "analysis.h"
#include "dates.h"
#include "gazetteer.h"
#include "person_names.h"
#include "text_utils.h"
#include "word_lists.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace dateline::common {
namespace {

constexpr std::size_t kMaxNameWords = 4;

bool is_particle_token(const Token& token) { return token.is_word() && is_name_particle(token.text); }

// "al-Assad", "bin-Laden": a lower-case particle joined to a capitalised name.
bool is_particle_compound(const Token& token) {
  const std::size_t hyphen = token.text.find('-');
  if (hyphen == std::string::npos || hyphen + 1 >= token.text.size()) return false;
  const char after = token.text[hyphen + 1];
  return is_name_particle(token.text.substr(0, hyphen)) && after >= 'A' && after <= 'Z';
}

bool is_initial_token(const Token& token) {
  return token.is_word() && token.text.size() >= 2 && token.text.back() == '.' && token.text.front() >= 'A' &&
         token.text.front() <= 'Z' && (token.text.size() == 2 || token.text.find('.') < token.text.size() - 1);
}

// "JM" of "JM Barrie", "PJ" of "PJ Harvey": two capitals without a vowel are initials.
bool is_initials_pair(const Token& token) {
  return token.is_word() && token.all_capitals && token.text.size() == 2 &&
         token.text.find_first_of("AEIOUY") == std::string::npos;
}

bool is_name_part(const Token& token) {
  if (!token.is_word()) return false;
  if (is_initial_token(token) || is_initials_pair(token)) return true;
  if (is_particle_compound(token)) return true;
  return token.capitalised && !token.all_capitals;
}

// "Hunter S Thompson", "George W Bush": a single capital between two names.
bool has_middle_initial(const std::vector<Token>& tokens, std::size_t begin, std::size_t end) {
  for (std::size_t k = begin + 1; k + 1 < end; ++k) {
    const std::string& text = tokens[k].text;
    const bool letter = text.size() == 1 || (text.size() == 2 && text[1] == '.');
    if (letter && text[0] >= 'A' && text[0] <= 'Z') return true;
  }
  return false;
}

bool is_capitalised_title(const Token& token) { return token.capitalised && person_titles().contains(token.text); }
bool is_lowercase_title(const Token& token) {
  return token.is_word() && !token.capitalised && person_titles().contains(token.text);
}

bool is_first_name(const Token& token) { return first_names().contains(fold_key(token.text)); }

// A capitalised word that cannot begin a name: "The", "On", "State" (in
// "Secretary of State John Kerry"), "Tuesday".
bool is_leading_noise(const Token& token) {
  const std::string folded = fold_key(token.text);
  return english_stopper()(folded) || common_words().contains(folded) || weekday_from_name(token.text) ||
         month_from_name(token.text);
}

struct Run {
  std::size_t begin;
  std::size_t end;
};

// Maximal runs of name-like words inside one sentence. A possessive ends a run.
std::vector<Run> name_runs(const std::vector<Token>& tokens) {
  std::vector<Run> runs;
  std::size_t i = 0;
  while (i < tokens.size()) {
    if (!is_name_part(tokens[i])) {
      ++i;
      continue;
    }
    Run run{i, i + 1};
    while (run.end < tokens.size() && !tokens[run.end - 1].possessive) {
      const Token& next = tokens[run.end];
      if (next.sentence_start) break;
      const bool particle_inside =
          is_particle_token(next) && run.end + 1 < tokens.size() && is_name_part(tokens[run.end + 1]);
      if (!is_name_part(next) && !particle_inside) break;
      ++run.end;
    }
    runs.push_back(run);
    i = run.end;
  }
  return runs;
}

struct Candidate {
  std::size_t begin;
  std::size_t end;
  bool cue = false;         // a title or role announces the name
  bool strong_cue = false;  // the title is capitalised or an honorific ("President", "Mr.")
};

Candidate candidate_from_run(const std::vector<Token>& tokens, const Run& run) {
  Candidate candidate{run.begin, run.end};
  for (std::size_t k = run.begin; k < run.end; ++k) {
    if (is_capitalised_title(tokens[k])) {
      candidate.begin = k + 1;
      candidate.cue = candidate.strong_cue = true;
    }
  }
  if (!candidate.cue && run.begin > 0 && !tokens[run.begin].sentence_start) {
    candidate.cue = is_lowercase_title(tokens[run.begin - 1]);
  }
  while (candidate.end - candidate.begin > 1 && !is_first_name(tokens[candidate.begin]) &&
         is_leading_noise(tokens[candidate.begin]) && !has_middle_initial(tokens, candidate.begin, candidate.end)) {
    ++candidate.begin;
  }
  // "Italian Generoso Rossi", "Labour MP Jon Cruddas": a name starts at its given name.
  if (!candidate.cue && !is_first_name(tokens[candidate.begin])) {
    for (std::size_t k = candidate.begin + 1; k + 1 < candidate.end; ++k) {
      if (is_first_name(tokens[k])) {
        candidate.begin = k;
        break;
      }
    }
  }
  return candidate;
}

// "the film What's Eating Gilbert Grape", "the fairy tale Edward Scissorhands":
// a run after the name of a kind of work is its title.
bool follows_a_work(const std::vector<Token>& tokens, std::size_t begin) {
  static const std::unordered_set<std::string_view> kWorks = {
      "film",  "movie", "series",  "show",   "tale",   "novel",   "book",   "album",       "single",
      "song",  "play",  "musical", "opera",  "sitcom", "drama",   "comedy", "documentary", "thriller",
      "story", "poem",  "game",    "ballet", "serial", "cartoon", "track",  "anthem",      "painting"};
  // Back over the title's own capitalised words ("What's Eating ...").
  std::size_t k = begin;
  for (int words = 0; k > 0 && words < 4 && tokens[k - 1].is_word() && tokens[k - 1].capitalised; ++words) --k;
  return k > 0 && tokens[k - 1].is_word() && !tokens[k - 1].capitalised && kWorks.count(tokens[k - 1].text) > 0;
}

// "He played undercover cop Tommy Hanson": a role, not a person. A name right
// after the verb ("Federer played Hewitt") or after "by" is a real one.
bool is_a_role(const std::vector<Token>& tokens, std::size_t begin) {
  static const std::unordered_set<std::string_view> kActing = {"played",   "plays",      "playing", "portrayed",
                                                               "portrays", "portraying", "starred", "starring"};
  std::size_t between = 0;
  for (std::size_t k = begin; k > 0 && between <= 3; ++between) {
    const Token& before = tokens[--k];
    if (!before.is_word() || before.capitalised) return false;
    if (kActing.count(before.text) > 0) return between > 0;
    // "played a soldier in Oliver Stone's epic": a preposition ends the role.
    const bool article = before.text == "a" || before.text == "an" || before.text == "the";
    if (!article && english_stopper()(before.text)) return false;
  }
  return false;
}

// "Reveta Bowers, Stanley Gold and Raymond Watson": only commas and "and" between two runs.
bool listed_together(const std::vector<Token>& tokens, std::size_t first_end, std::size_t second_begin) {
  if (second_begin <= first_end || tokens[second_begin].sentence_start) return false;
  bool joined = false;
  for (std::size_t k = first_end; k < second_begin; ++k) {
    const bool comma = tokens[k].is(",");
    const bool conjunction = tokens[k].is_word() && (tokens[k].text == "and" || tokens[k].text == "or");
    if (!comma && !conjunction) return false;
    joined = true;
  }
  return joined;
}

std::size_t core_word_count(const std::vector<Token>& tokens, const Candidate& candidate) {
  std::size_t count = 0;
  for (std::size_t k = candidate.begin; k < candidate.end; ++k) {
    if (!is_initial_token(tokens[k]) && !is_particle_token(tokens[k])) ++count;
  }
  return count;
}

std::string name_text(const std::vector<Token>& tokens, std::size_t begin, std::size_t end) {
  std::string text;
  for (std::size_t k = begin; k < end; ++k) {
    if (!text.empty()) text += ' ';
    text += tokens[k].text;
  }
  return text;
}

class PeopleCollector {
 public:
  explicit PeopleCollector(const std::vector<Token>& tokens) : tokens_(tokens) {}

  PeopleFound collect() {
    std::vector<Candidate> singles;
    std::vector<Candidate> names;  // runs of two or more words, in text order
    std::vector<bool> accepted;
    for (const Run& run : name_runs(tokens_)) {
      if (follows_a_work(tokens_, run.begin) || is_a_role(tokens_, run.begin)) continue;
      const Candidate candidate = candidate_from_run(tokens_, run);
      if (candidate.begin >= candidate.end) continue;
      if (name_stoppers().contains(tokens_[candidate.end - 1].text)) continue;
      const std::size_t words = core_word_count(tokens_, candidate);
      if (words == 0 || words > kMaxNameWords) continue;
      if (words == 1) {
        singles.push_back(candidate);
        continue;
      }
      names.push_back(candidate);
      accepted.push_back(
          candidate.cue || is_first_name(tokens_[candidate.begin]) ||
          (has_middle_initial(tokens_, candidate.begin, candidate.end) && could_be_a_name(candidate, true)));
    }
    accept_by_company(names, accepted);
    accept_by_surname(names, accepted, singles);
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (accepted[i]) add_full_name(names[i]);
    }
    for (const Candidate& single : singles) resolve_single(single);
    return finish();
  }

 private:
  // A name that could be anyone's is a person's when it is listed with people:
  // "Dame Judi Dench and Juliette Binoche".
  void accept_by_company(const std::vector<Candidate>& names, std::vector<bool>& accepted) const {
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t i = 0; i + 1 < names.size(); ++i) {
        if (accepted[i] == accepted[i + 1] || !listed_together(tokens_, names[i].end, names[i + 1].begin)) continue;
        const std::size_t unsure = accepted[i] ? i + 1 : i;
        if (!could_be_a_name(names[unsure])) continue;
        accepted[unsure] = changed = true;
      }
    }
  }

  // ...or when the article later calls it by its last word alone: "JM Barrie"
  // then "Barrie's imagination", "Ashia Hansen" then "Hansen said".
  void accept_by_surname(const std::vector<Candidate>& names, std::vector<bool>& accepted,
                         const std::vector<Candidate>& singles) const {
    std::unordered_set<std::string> alone;
    for (const Candidate& single : singles) alone.insert(fold_key(tokens_[single.end - 1].text));
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (accepted[i] || !could_be_a_name(names[i])) continue;
      accepted[i] = alone.count(fold_key(tokens_[names[i].end - 1].text)) > 0;
    }
  }

  // Not an everyday word, a time or a place to begin with ("New Year",
  // "White Paper", "Hong Kong"), nor initials to end with ("British TV");
  // surnames may be words (Gold, Bowers). With a middle initial ("Hunter S
  // Thompson") a given name may be a word too.
  bool could_be_a_name(const Candidate& candidate, bool middle_initial = false) const {
    const Token& first = tokens_[candidate.begin];
    if (is_initials_pair(tokens_[candidate.end - 1])) return false;
    const std::string folded = fold_key(first.text);
    const bool noise = middle_initial
                           ? english_stopper()(folded) || weekday_from_name(first.text) || month_from_name(first.text)
                           : is_leading_noise(first);
    if (noise || Gazetteer::instance().find(folded) != nullptr) return false;
    return Gazetteer::instance().find(fold_key(name_text(tokens_, candidate.begin, candidate.end))) == nullptr;
  }

  struct Person {
    std::string name;
    std::size_t mentions = 0;
    std::size_t first_token = 0;
  };

  void mention(const std::string& key, const std::string& name, const Candidate& where) {
    auto [it, inserted] = people_.try_emplace(key, Person{name, 0, where.begin});
    ++it->second.mentions;
    it->second.first_token = std::min(it->second.first_token, where.begin);
    found_.spans.emplace_back(where.begin, where.end);
  }

  void add_full_name(const Candidate& candidate) {
    const std::string name = canonical_person_name(name_text(tokens_, candidate.begin, candidate.end));
    const std::string key = person_key(name);
    const std::vector<std::string> words = name_words(name);
    // "Nigel I" is a name cut short, not a person.
    if (words.size() < 2 || words.back().size() < 2) return;
    mention(key, name, candidate);
    for (const std::string& surname : surname_keys(name)) surnames_[surname].insert(key);
    given_names_[fold_key(name_words(name).front())].insert(key);
  }

  void resolve_single(const Candidate& single) {
    const std::string& written = tokens_[single.end - 1].text;  // "Putin" of "V. Putin"
    const std::string word = fold_key(canonical_person_name(written));
    // By surname ("Mr. Kerry"), else by given name ("Sir Digby"). A name
    // shared by two people of the article ("Mr. Bush") stays unresolved.
    for (const auto* names : {&surnames_, &given_names_}) {
      const auto known = names->find(word);
      if (known == names->end()) continue;
      if (known->second.size() == 1) {
        const std::string& key = *known->second.begin();
        mention(key, people_.at(key).name, single);
      }
      return;
    }
    if (single.strong_cue && !common_words().contains(word)) {
      mention(word, canonical_person_name(written), single);
    }
  }

  PeopleFound finish() {
    std::vector<const Person*> ordered;
    for (const auto& [key, person] : people_) ordered.push_back(&person);
    std::sort(ordered.begin(), ordered.end(), [](const Person* a, const Person* b) {
      if (a->mentions != b->mentions) return a->mentions > b->mentions;
      return a->first_token < b->first_token;
    });
    for (const Person* person : ordered) {
      found_.people.push_back(person->name);
      for (const std::string& word : name_words(person->name)) found_.name_words.insert(fold_key(word));
      for (const std::string& surname : surname_keys(person->name)) found_.name_words.insert(surname);
    }
    return std::move(found_);
  }

  const std::vector<Token>& tokens_;
  std::unordered_map<std::string, Person> people_;
  std::unordered_map<std::string, std::unordered_set<std::string>> surnames_;
  std::unordered_map<std::string, std::unordered_set<std::string>> given_names_;
  PeopleFound found_;
};

}  // namespace

PeopleFound extract_people(const std::vector<Token>& tokens) { return PeopleCollector(tokens).collect(); }

}  // namespace dateline::common
