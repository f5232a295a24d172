// Prepares the benchmark data of scripts/bench/run.sh from Reuters-21578.
//
//   corpus_tool prepare REUTERS_DIR SCALE OUT_PREFIX
//     OUT_PREFIX.jsonl (for Dateline and SQLite FTS5) and OUT_PREFIX.dump (for
//     Xapian's scriptindex): the same articles and fields. Copy 0 is Reuters as
//     it is; copies 1..SCALE-1 repeat every story with a new id and its body's
//     sentences shuffled by a fixed seed. Streams: memory holds x1 only.
//     Stories with neither title nor body are left out.
//   corpus_tool queries REUTERS_DIR COUNT SEED
//     prints a query set drawn from the corpus vocabulary (TSV, see kHeader).

#include "article.h"
#include "byte_source.h"
#include "dates.h"
#include "embedded_data.h"
#include "reader.h"
#include "text_utils.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

using dateline::common::Article;
namespace fs = std::filesystem;

constexpr const char* kHeader = "kind\tquery\tplace\tfrom\tto\tfacets";

class Collect : public dateline::common::ArticleSink {
 public:
  std::vector<Article> articles;
  void accept(Article&& article) override { articles.push_back(std::move(article)); }
  void reject(const dateline::common::InputProblem&) override {}
  void warn(const dateline::common::InputProblem&) override {}
};

std::vector<Article> read_reuters(const std::string& directory) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(directory)) {
    if (entry.path().extension() == ".sgm") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  Collect collect;
  const auto reader = dateline::common::make_reader(dateline::common::InputFormat::kReuters);
  for (const fs::path& file : files) {
    auto source = dateline::common::ByteSource::open(file.string());
    dateline::common::ReadContext context;
    context.display_name = context.source_file = file.string();
    reader->read(*source, context, collect);
  }
  return std::move(collect.articles);
}

// Sentences end at '.', '!' or '?' followed by white space.
std::vector<std::string> sentences(const std::string& text) {
  std::vector<std::string> found;
  std::size_t start = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if ((text[i] == '.' || text[i] == '!' || text[i] == '?') && std::isspace(static_cast<unsigned char>(text[i + 1]))) {
      found.push_back(std::string(dateline::common::trim(std::string_view(text).substr(start, i + 1 - start))));
      start = i + 1;
    }
  }
  const std::string_view rest = dateline::common::trim(std::string_view(text).substr(start));
  if (!rest.empty()) found.emplace_back(rest);
  return found;
}

// Fisher-Yates with our own loop: std::shuffle's sequence is not fixed by the standard.
std::string shuffled_body(const std::string& body, std::mt19937_64& random) {
  std::vector<std::string> parts = sentences(body);
  for (std::size_t i = parts.size(); i > 1; --i) std::swap(parts[i - 1], parts[random() % i]);
  return dateline::common::join(parts, " ");
}

std::string joined(const std::vector<std::string>& values) { return dateline::common::join(values, ";"); }

// scriptindex's dump format: name=value lines, continuation lines start with '='.
void write_dump_field(std::ostream& out, const std::string& name, const std::string& value) {
  out << name << '=';
  for (char c : value) {
    out << c;
    if (c == '\n') out << '=';
  }
  out << '\n';
}

int prepare(const std::string& directory, int scale, const std::string& prefix) {
  const std::vector<Article> articles = read_reuters(directory);
  std::ofstream jsonl(prefix + ".jsonl"), dump(prefix + ".dump");
  std::mt19937_64 random(20261122);
  for (int copy = 0; copy < scale; ++copy) {
    for (const Article& article : articles) {
      if (article.title.empty() && article.body.empty()) continue;  // Reuters' empty stories: nothing to search
      const std::string id = copy == 0 ? article.id : article.id + "-x" + std::to_string(copy);
      const std::string body = copy == 0 ? article.body : shuffled_body(article.body, random);
      const std::string date = article.published ? article.published->iso() : "";
      nlohmann::json line = {{"id", id},
                             {"title", article.title},
                             {"body", body},
                             {"source", "Reuters"},
                             {"places", article.places},
                             {"people", article.people},
                             {"topics", article.topics}};
      if (!date.empty()) line["date"] = date;
      jsonl << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
      write_dump_field(dump, "id", id);
      write_dump_field(dump, "title", article.title);
      write_dump_field(dump, "body", body);
      write_dump_field(dump, "places", joined(article.places));
      write_dump_field(dump, "people", joined(article.people));
      std::string compact_date = date;
      compact_date.erase(std::remove(compact_date.begin(), compact_date.end(), '-'), compact_date.end());
      if (compact_date.size() == 8) write_dump_field(dump, "date", compact_date);
      dump << '\n';
    }
  }
  std::fprintf(stderr, "corpus_tool: %zu articles x %d\n", articles.size(), scale);
  return 0;
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> found;
  std::string word;
  for (char c : text + " ") {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      if (word.size() >= 4) found.push_back(word);
      word.clear();
    }
  }
  return found;
}

struct QueryMaker {
  const std::vector<Article>& articles;
  std::mt19937_64 random;
  std::set<std::string> stopwords;
  std::map<std::string, int> document_frequency;

  QueryMaker(const std::vector<Article>& all, unsigned seed) : articles(all), random(seed) {
    for (const std::string& line : dateline::common::split(dateline::common::embedded::stopwords(), '\n')) {
      stopwords.insert(std::string(dateline::common::trim(line)));
    }
    for (const Article& article : articles) {
      const std::vector<std::string> list = words(article.title + " " + article.body);
      for (const std::string& word : std::set<std::string>(list.begin(), list.end())) ++document_frequency[word];
    }
  }

  // Words of a story that are neither stop words nor rare nor everywhere.
  bool good(const std::string& word) const {
    const auto df = document_frequency.find(word);
    return stopwords.count(word) == 0 && df != document_frequency.end() && df->second >= 3 && df->second <= 3000;
  }
  const Article& any_article(bool need_place = false, bool need_date = false) {
    for (;;) {
      const Article& article = articles[random() % articles.size()];
      if (article.body.size() < 200) continue;
      if (need_place && article.places.empty()) continue;
      if (need_date && (!article.published || article.published->month == 0)) continue;
      return article;
    }
  }
  std::vector<std::string> good_words(const Article& article) const {
    std::vector<std::string> found;
    for (const std::string& word : words(article.title + " " + article.body)) {
      if (good(word) && std::find(found.begin(), found.end(), word) == found.end()) found.push_back(word);
    }
    return found;
  }
  std::string some_words(const Article& article, std::size_t count) {
    std::vector<std::string> candidates = good_words(article);
    while (candidates.size() < count) candidates = good_words(any_article());
    std::vector<std::string> chosen;
    while (chosen.size() < count) {
      const std::string& word = candidates[random() % candidates.size()];
      if (std::find(chosen.begin(), chosen.end(), word) == chosen.end()) chosen.push_back(word);
    }
    return dateline::common::join(chosen, " ");
  }
  // Two or three adjacent words of a story's body, all of them good.
  std::string phrase() {
    for (;;) {
      const std::vector<std::string> body = dateline::common::split_whitespace(any_article().body);
      if (body.size() < 4) continue;
      const std::size_t length = 2 + random() % 2;
      const std::size_t start = random() % (body.size() - length);
      std::vector<std::string> picked;
      for (std::size_t i = start; i < start + length; ++i) {
        const std::vector<std::string> word = words(body[i]);
        if (word.size() != 1 || word[0].size() != body[i].size() || !good(word[0])) break;
        picked.push_back(word[0]);
      }
      if (picked.size() == length) return "\"" + dateline::common::join(picked, " ") + "\"";
    }
  }
};

int queries(const std::string& directory, int count, unsigned seed) {
  const std::vector<Article> articles = read_reuters(directory);
  QueryMaker maker(articles, seed);
  std::cout << kHeader << '\n';
  // The mix: a fifth each of one, two and three words, a tenth each of phrases,
  // place filters, date ranges and facets.
  for (int i = 0; i < count; ++i) {
    const int slot = i % 10;
    if (slot < 2) {
      std::cout << "words1\t" << maker.some_words(maker.any_article(), 1) << "\t\t\t\t0\n";
    } else if (slot < 4) {
      std::cout << "words2\t" << maker.some_words(maker.any_article(), 2) << "\t\t\t\t0\n";
    } else if (slot < 6) {
      std::cout << "words3\t" << maker.some_words(maker.any_article(), 3) << "\t\t\t\t0\n";
    } else if (slot == 6) {
      std::cout << "phrase\t" << maker.phrase() << "\t\t\t\t0\n";
    } else if (slot == 7) {
      const Article& article = maker.any_article(true);
      std::cout << "place\t" << maker.some_words(article, 1) << '\t' << article.places.front() << "\t\t\t0\n";
    } else if (slot == 8) {
      const Article& article = maker.any_article(false, true);
      const dateline::common::Date& date = *article.published;
      const std::string month = date.iso().substr(0, 7);
      std::cout << "dates\t" << maker.some_words(article, 1) << "\t\t" << month << "-01\t" << month << '-'
                << dateline::common::days_in_month(date.year, date.month) << "\t0\n";
    } else {
      std::cout << "facets\t" << maker.some_words(maker.any_article(), 1 + maker.random() % 2) << "\t\t\t\t10\n";
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::vector<std::string> arguments(argv + 1, argv + argc);
    if (arguments.size() == 4 && arguments[0] == "prepare")
      return prepare(arguments[1], std::stoi(arguments[2]), arguments[3]);
    if (arguments.size() == 4 && arguments[0] == "queries") {
      return queries(arguments[1], std::stoi(arguments[2]), static_cast<unsigned>(std::stoul(arguments[3])));
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "corpus_tool: %s\n", e.what());
    return 2;
  }
  std::fprintf(stderr, "usage: corpus_tool prepare REUTERS_DIR SCALE OUT_PREFIX | queries REUTERS_DIR COUNT SEED\n");
  return 1;
}
