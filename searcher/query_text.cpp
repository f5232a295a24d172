#include "query_text.h"

#include "analysis.h"
#include "text_utils.h"

#include <algorithm>
#include <cctype>

namespace dateline::searcher {
namespace {

bool is_operator(std::string_view word) {
  for (std::string_view op : {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"}) {
    if (word == op) return true;
    // NEAR/5, ADJ/3
    if (word.size() > op.size() + 1 && word.substr(0, op.size()) == op && word[op.size()] == '/') return true;
  }
  return false;
}

bool is_acronym(std::string_view word) {
  int letters = 0;
  for (const char c : word) {
    if (!std::isalpha(static_cast<unsigned char>(c))) return false;
    if (!std::isupper(static_cast<unsigned char>(c))) return false;
    ++letters;
  }
  return letters >= 2;
}

bool is_break(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0 || c == '"' || c == '(' || c == ')'; }

std::string trimmed(const std::string& text) { return std::string(common::trim(text)); }

// One pass over the query, writing the parser's input as it goes.
class Preparer {
 public:
  Preparer(std::string_view query, const std::vector<std::pair<std::string, std::string>>& text_fields,
           const std::set<std::string>& filter_fields, const Xapian::Stopper& stop_words)
      : query_(query), text_fields_(text_fields), filter_fields_(filter_fields), stop_words_(stop_words) {}

  QueryText run() {
    while (at_ < query_.size()) {
      const char c = query_[at_];
      if (c == '"') {
        phrase("");
      } else if (is_break(c)) {
        out_.parser_input += c;
        if (c == '(' || c == ')') previous_ = std::string(1, c);
        ++at_;
      } else {
        chunk();
      }
    }
    return std::move(out_);
  }

 private:
  // A run of non-space characters outside quotes: a word, an operator or field:value.
  void chunk() {
    const std::size_t start = at_;
    while (at_ < query_.size() && !is_break(query_[at_])) ++at_;
    std::string_view text = query_.substr(start, at_ - start);
    std::string sign;
    while (!text.empty() && (text.front() == '+' || text.front() == '-')) {
      sign += text.front();
      text.remove_prefix(1);
    }
    const std::size_t colon = text.find(':');
    if (colon != std::string_view::npos && colon > 0) {
      const std::string field(text.substr(0, colon));
      if (filter_fields_.count(field) > 0) {
        out_.parser_input += sign;
        out_.parser_input += text;
        // person:"Vladimir Putin": the quoted value belongs to the filter.
        if (colon + 1 == text.size() && at_ < query_.size() && query_[at_] == '"') copy_quoted();
        previous_ = field;
        return;
      }
      for (const auto& [name, prefix] : text_fields_) {
        if (name != field) continue;
        out_.parser_input += sign + field + ":";
        if (colon + 1 == text.size() && at_ < query_.size() && query_[at_] == '"') {
          phrase(prefix, sign + field + ":");
        } else {
          word(text.substr(colon + 1), sign);
        }
        return;
      }
    }
    if (text.empty() && at_ < query_.size() && query_[at_] == '"') {  // -"a phrase"
      out_.parser_input += sign;
      phrase("", sign);
      return;
    }
    if (is_operator(text) && sign.empty()) {
      out_.parser_input += text;
      previous_ = std::string(text);
      return;
    }
    out_.parser_input += sign;
    word(text, sign);
  }

  // One free-text word (with its wildcard), folded.
  void word(std::string_view text, const std::string& sign) {
    const bool wildcard = !text.empty() && text.back() == '*';
    std::string_view core = wildcard ? text.substr(0, text.size() - 1) : text;
    const bool excluded = sign.find('-') != std::string::npos || previous_ == "NOT";
    previous_ = std::string(text);
    if (is_acronym(core) && stop_words_(common::to_lower(core))) {
      out_.parser_input += core;
      out_.acronyms.insert(common::to_lower(core));
      out_.notes.push_back(std::string(core) +
                           ": written in capitals, an acronym, searched as a word (not the stop word " +
                           common::to_lower(core) + ")");
      if (!excluded) add_word(common::to_lower(core));
      return;
    }
    const std::string folded = fold(core);
    const std::string lower = common::to_lower(core);
    if (folded != lower && folded != trimmed(common::without_possessives(lower))) {
      out_.notes.push_back(std::string(core) + ": searched as " + folded + ", which also finds its accented spellings");
    }
    out_.parser_input += folded;
    if (wildcard) out_.parser_input += '*';
    if (!excluded && !folded.empty()) add_word(wildcard ? folded + "*" : folded);
  }

  // A quoted phrase: its words folded, or taken out when one holds a wildcard.
  void phrase(const std::string& prefix, const std::string& written_prefix = "") {
    ++at_;  // the opening quote
    const std::size_t end = std::min(query_.find('"', at_), query_.size());
    const std::vector<std::string> raw = common::split_whitespace(query_.substr(at_, end - at_));
    at_ = std::min(end + 1, query_.size());
    std::vector<std::string> words;
    bool has_wildcard = false;
    for (const std::string& w : raw) {
      const bool wildcard = w.size() > 1 && w.back() == '*';
      has_wildcard = has_wildcard || wildcard;
      const std::string folded = fold(wildcard ? w.substr(0, w.size() - 1) : w);
      if (!folded.empty()) words.push_back(wildcard ? folded + "*" : folded);
    }
    const bool excluded = written_prefix.find('-') != std::string::npos || previous_ == "NOT";
    previous_ = "\"";
    if (!excluded) {
      for (const std::string& w : words) add_word(w);
    }
    if (!has_wildcard) {
      out_.parser_input += '"' + common::join(words, " ") + '"';
      return;
    }
    // The field prefix already written ("title:") is replaced by the phrase's own field.
    if (!written_prefix.empty()) {
      out_.parser_input.resize(out_.parser_input.size() - written_prefix.size());
      out_.parser_input += written_prefix.substr(0, written_prefix.find_first_not_of("+-"));
    }
    out_.parser_input += std::string(kWildcardPhraseField) + ":" + std::to_string(out_.phrases.size());
    out_.notes.push_back("\"" + common::join(raw, " ") +
                         "\": a phrase with a wildcard, each wildcard word standing for "
                         "the indexed words it starts");
    out_.phrases.push_back({prefix, std::move(words)});
  }

  void copy_quoted() {
    const std::size_t end = std::min(query_.find('"', at_ + 1), query_.size());
    out_.parser_input += query_.substr(at_, std::min(end + 1, query_.size()) - at_);
    at_ = std::min(end + 1, query_.size());
  }

  static std::string fold(std::string_view word) {
    return trimmed(common::fold_key(common::without_possessives(word)));
  }

  void add_word(const std::string& word) {
    if (std::find(out_.words.begin(), out_.words.end(), word) == out_.words.end()) out_.words.push_back(word);
  }

  std::string_view query_;
  const std::vector<std::pair<std::string, std::string>>& text_fields_;
  const std::set<std::string>& filter_fields_;
  const Xapian::Stopper& stop_words_;
  std::size_t at_ = 0;
  std::string previous_;
  QueryText out_;
};

}  // namespace

QueryText prepare_query_text(std::string_view query,
                             const std::vector<std::pair<std::string, std::string>>& text_fields,
                             const std::set<std::string>& filter_fields, const Xapian::Stopper& stop_words) {
  return Preparer(query, text_fields, filter_fields, stop_words).run();
}

}  // namespace dateline::searcher
