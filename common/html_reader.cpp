#include "html_reader.h"

#include <dateline/errors.h>
#include "charset.h"
#include "html_content.h"
#include "text_utils.h"

#include <gumbo.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <map>
#include <memory>

namespace dateline::common {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxAuthorBytes = 60;
constexpr std::size_t kMaxAuthorWords = 5;
constexpr std::size_t kMaxBylineParagraphBytes = 80;
constexpr std::size_t kBylineSearchParagraphs = 5;
constexpr std::size_t kMinTitleWords = 3;
constexpr int kMaxDepth = 400;  // the walks over the page recurse; no markup worth reading nests deeper

// <meta> names and properties that carry a publication date or an author, best first.
constexpr std::array<std::string_view, 20> kDateMeta = {"article:published_time",
                                                        "og:article:published_time",
                                                        "datepublished",
                                                        "article.published",
                                                        "og:published_time",
                                                        "published_time",
                                                        "pubdate",
                                                        "publishdate",
                                                        "publish-date",
                                                        "publish_date",
                                                        "dc.date.issued",
                                                        "dc.date",
                                                        "dcterms.created",
                                                        "dcterms.date",
                                                        "dcterms.issued",
                                                        "sailthru.date",
                                                        "parsely-pub-date",
                                                        "date",
                                                        "displaydate",
                                                        "originalpublicationdate"};
constexpr std::array<std::string_view, 8> kAuthorMeta = {
    "author", "article:author",  "dc.creator",     "dcterms.creator",
    "byl",    "sailthru.author", "parsely-author", "og:article:author"};
// Separators between a page's title and its site's name ("Headline | Site").
// Chinese sites join them with "_" ("Headline_Section_Site").
constexpr std::array<std::string_view, 8> kTitleSeparators = {" | ", " - ", " – ", " — ", " :: ", " « ", " » ", "_"};
constexpr std::size_t kMaxSiteNameWords = 4;
constexpr std::size_t kMaxSiteNameBytes = 40;
constexpr std::size_t kMinTitleCharacters = 15;
// "By" in the languages of the archive's pages.
constexpr std::array<std::string_view, 7> kBylinePrefixes = {"by ", "von ", "par ", "por ", "di ", "door ", "av "};

std::string_view attribute(const GumboElement& element, const char* name) {
  const GumboAttribute* found = gumbo_get_attribute(&element.attributes, name);
  return found != nullptr ? std::string_view(found->value) : std::string_view();
}

void append_text(const GumboNode* node, std::string& out, int depth) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
    out += node->v.text.text;
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT || depth > kMaxDepth) return;
  const GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) return;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    append_text(static_cast<const GumboNode*>(children.data[i]), out, depth + 1);
    out += ' ';
  }
}

std::string text_of(const GumboNode* node) {
  std::string text;
  append_text(node, text, 0);
  return collapse_whitespace(text);
}

std::string raw_text_of(const GumboNode* node) {
  std::string text;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_CDATA || child->type == GUMBO_NODE_WHITESPACE) {
      text += child->v.text.text;
    }
  }
  return text;
}

// What the page's markup says about the article, before anything is chosen.
struct PageMarkup {
  std::string language;
  std::string title;
  std::string first_h1;
  std::map<std::string, std::string> meta;  // lower-case name, property, itemprop or http-equiv: first content
  std::string canonical;
  std::vector<std::string> json_ld;
  std::string time_published;               // <time datetime> marked as the publication date
  std::string time_first;                   // the first <time datetime>
  std::vector<std::string> marked_authors;  // text of itemprop="author" and rel="author" elements
};

void collect_element(const GumboNode* node, PageMarkup& page) {
  const GumboElement& element = node->v.element;
  switch (element.tag) {
    case GUMBO_TAG_HTML:
      if (page.language.empty()) page.language = std::string(trim(attribute(element, "lang")));
      break;
    case GUMBO_TAG_TITLE:
      if (page.title.empty()) page.title = text_of(node);
      break;
    case GUMBO_TAG_H1:
      if (page.first_h1.empty()) page.first_h1 = text_of(node);
      break;
    case GUMBO_TAG_META: {
      std::string_view key = attribute(element, "property");
      if (key.empty()) key = attribute(element, "name");
      if (key.empty()) key = attribute(element, "itemprop");
      if (key.empty()) key = attribute(element, "http-equiv");
      const std::string_view content = trim(attribute(element, "content"));
      if (!key.empty() && !content.empty()) page.meta.emplace(to_lower(trim(key)), std::string(content));
      break;
    }
    case GUMBO_TAG_LINK:
      if (page.canonical.empty() && to_lower(attribute(element, "rel")) == "canonical") {
        page.canonical = std::string(trim(attribute(element, "href")));
      }
      break;
    case GUMBO_TAG_SCRIPT:
      if (to_lower(attribute(element, "type")) == "application/ld+json") page.json_ld.push_back(raw_text_of(node));
      return;
    case GUMBO_TAG_TIME: {
      const std::string_view datetime = trim(attribute(element, "datetime"));
      if (datetime.empty()) break;
      if (page.time_first.empty()) page.time_first = std::string(datetime);
      const bool marked = gumbo_get_attribute(&element.attributes, "pubdate") != nullptr ||
                          to_lower(attribute(element, "itemprop")) == "datepublished";
      if (marked && page.time_published.empty()) page.time_published = std::string(datetime);
      break;
    }
    default: break;
  }
  const bool marked_author =
      to_lower(attribute(element, "itemprop")) == "author" || to_lower(attribute(element, "rel")) == "author";
  if (marked_author && element.tag != GUMBO_TAG_META && element.tag != GUMBO_TAG_LINK) {
    page.marked_authors.push_back(text_of(node));
  }
}

void collect(const GumboNode* node, PageMarkup& page, int depth) {
  if (node->type == GUMBO_NODE_DOCUMENT) {
    for (unsigned i = 0; i < node->v.document.children.length; ++i) {
      collect(static_cast<const GumboNode*>(node->v.document.children.data[i]), page, depth + 1);
    }
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT || depth > kMaxDepth) return;
  collect_element(node, page);
  const GumboTag tag = node->v.element.tag;
  if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) return;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    collect(static_cast<const GumboNode*>(children.data[i]), page, depth + 1);
  }
}

// --- JSON-LD -----------------------------------------------------------------

struct JsonLdArticle {
  std::string headline;
  std::string date;
  std::vector<std::string> authors;
  std::string publisher;
  std::string url;
  std::string body;
  std::string language;
};

std::string string_of(const json& value) {
  if (value.is_string()) return std::string(trim(decode_entities(value.get_ref<const std::string&>())));
  if (value.is_object() && value.contains("name")) return string_of(value["name"]);
  if (value.is_object() && value.contains("@id")) return string_of(value["@id"]);
  if (value.is_array() && !value.empty()) return string_of(value.front());
  return {};
}

std::string member(const json& object, const char* name) {
  const auto it = object.find(name);
  return it == object.end() ? std::string() : string_of(*it);
}

bool is_article_type(const json& type) {
  if (type.is_array()) return std::any_of(type.begin(), type.end(), is_article_type);
  if (!type.is_string()) return false;
  const std::string& name = type.get_ref<const std::string&>();
  return ends_with(name, "Article") || ends_with(name, "Posting") || name == "Report";
}

const json* find_article(const json& value) {
  if (value.is_array()) {
    for (const json& item : value) {
      if (const json* found = find_article(item)) return found;
    }
    return nullptr;
  }
  if (!value.is_object()) return nullptr;
  if (const auto type = value.find("@type"); type != value.end() && is_article_type(*type)) return &value;
  if (const auto graph = value.find("@graph"); graph != value.end()) return find_article(*graph);
  return nullptr;
}

// Some sites wrap their JSON-LD in a CDATA section ("<![CDATA[ {...} ]]>"), as XHTML needed.
std::string_view without_cdata(std::string_view script) {
  script = trim(script);
  for (std::string_view open : {"//<![CDATA[", "<![CDATA["}) {
    if (starts_with(script, open)) script = trim(script.substr(open.size()));
  }
  for (std::string_view close : {"//]]>", "]]>"}) {
    if (ends_with(script, close)) script = trim(script.substr(0, script.size() - close.size()));
  }
  return script;
}

JsonLdArticle json_ld_article(const std::vector<std::string>& scripts) {
  JsonLdArticle article;
  for (const std::string& script : scripts) {
    const json value = json::parse(without_cdata(script), nullptr, false);
    if (value.is_discarded()) continue;
    const json* found = find_article(value);
    if (found == nullptr) continue;
    const json& object = *found;
    article.headline = member(object, "headline");
    if (article.headline.empty()) article.headline = member(object, "name");
    article.date = member(object, "datePublished");
    if (article.date.empty()) article.date = member(object, "dateCreated");
    if (const auto author = object.find("author"); author != object.end()) {
      if (author->is_array()) {
        for (const json& one : *author) article.authors.push_back(string_of(one));
      } else {
        article.authors.push_back(string_of(*author));
      }
    }
    article.publisher = member(object, "publisher");
    article.url = member(object, "url");
    if (article.url.empty()) article.url = member(object, "mainEntityOfPage");
    article.body = member(object, "articleBody");
    article.language = member(object, "inLanguage");
    break;
  }
  return article;
}

// --- choosing ----------------------------------------------------------------

std::string first_meta(const PageMarkup& page, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    const auto it = page.meta.find(std::string(key));
    if (it != page.meta.end()) return it->second;
  }
  return {};
}

std::size_t word_count(std::string_view text) { return split_whitespace(text).size(); }

std::size_t utf8_length(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// "Headline | Section | Site" -> "Headline": short parts after the last
// separator are cut while what is left is long enough to be a headline.
std::string title_without_site(std::string title) {
  for (;;) {
    std::size_t cut = std::string::npos;
    std::size_t separator_size = 0;
    for (std::string_view separator : kTitleSeparators) {
      const std::size_t at = title.rfind(separator);
      if (at != std::string::npos && (cut == std::string::npos || at > cut)) {
        cut = at;
        separator_size = separator.size();
      }
    }
    if (cut == std::string::npos) return title;
    const std::string_view head = trim(std::string_view(title).substr(0, cut));
    const std::string_view tail = trim(std::string_view(title).substr(cut + separator_size));
    const bool short_tail = word_count(tail) <= kMaxSiteNameWords && tail.size() <= kMaxSiteNameBytes;
    const bool long_head = word_count(head) >= kMinTitleWords || utf8_length(head) >= kMinTitleCharacters;
    if (!short_tail || !long_head) return title;
    title = std::string(head);
  }
}

std::string_view without_byline_prefix(std::string_view text) {
  text = trim(text);
  const std::string lower = to_lower(text.substr(0, 6));
  for (std::string_view prefix : kBylinePrefixes) {
    if (starts_with(lower, prefix)) return trim(text.substr(prefix.size()));
  }
  return text;
}

// Words that open a parenthesis naming more people: "Martin Untersinger (avec Damien Leloup et Morgane Tual)".
constexpr std::array<std::string_view, 7> kJoiningWords = {"with", "avec", "mit", "con", "com", "met", "and"};

// "(avec Damien Leloup et Morgane Tual)" -> ", Damien Leloup et Morgane Tual"; a
// parenthesis inside a name ("Richard (R.J.) Eskow") stays.
std::string parentheses_as_lists(std::string text) {
  for (std::size_t open = text.find('('); open != std::string::npos; open = text.find('(', open + 1)) {
    const std::size_t close = text.find(')', open);
    const std::string inner = text.substr(open + 1, close == std::string::npos ? close : close - open - 1);
    const std::vector<std::string> words = split_whitespace(inner);
    if (words.empty() ||
        std::find(kJoiningWords.begin(), kJoiningWords.end(), to_lower(words[0])) == kJoiningWords.end()) {
      continue;
    }
    const std::size_t end = close == std::string::npos ? text.size() : close + 1;
    text.replace(open, end - open, "," + inner.substr(inner.find(words[0]) + words[0].size()));
  }
  return text;
}

// A name ends where a date starts: "Lucas Nolan22 Dec 2016", "Joshua Sokol May 20, 2019".
std::string without_trailing_date(std::string_view part) {
  part = part.substr(0, part.find_first_of("0123456789"));
  std::vector<std::string> words = split_whitespace(part);
  while (!words.empty() && (month_from_name(words.back()) || weekday_from_name(words.back()))) words.pop_back();
  return join(words, " ");
}

// The people a byline or author field names: "By Jane Doe and John Roe" ->
// {"Jane Doe", "John Roe"}. Profile URLs, handles and long phrases are not
// names; a name taken from the page's text has at least `min_words` words.
std::vector<std::string> author_names(std::string_view raw, std::size_t min_words) {
  std::string text = parentheses_as_lists(std::string(without_byline_prefix(raw)));
  for (std::string_view separator : {" and ", " & ", " und ", " et ", " e ", " y "}) {
    for (std::size_t at = text.find(separator); at != std::string::npos; at = text.find(separator)) {
      text.replace(at, separator.size(), ",");
    }
  }
  for (char& c : text) {
    if (c == ';' || c == '|' || c == '\n') c = ',';
  }
  std::vector<std::string> names;
  for (const std::string& part : split(text, ',')) {
    const std::string name = without_trailing_date(without_byline_prefix(part));
    const std::size_t words = word_count(name);
    if (words < std::max<std::size_t>(1, min_words) || words > kMaxAuthorWords || name.size() > kMaxAuthorBytes) {
      continue;
    }
    if (name.find("http") != std::string::npos || name.find('/') != std::string::npos ||
        name.find('@') != std::string::npos) {
      continue;
    }
    names.push_back(name);
  }
  return names;
}

// Adds the names `raw` holds, unless it names the site itself.
void add_authors(Article& article, std::string_view raw, std::size_t min_words) {
  if (fold_key(raw) == fold_key(article.source)) return;
  for (std::string& name : author_names(raw, min_words)) {
    const std::string key = fold_key(name);
    const bool known = std::any_of(article.authors.begin(), article.authors.end(),
                                   [&](const std::string& author) { return fold_key(author) == key; });
    if (!known) article.authors.push_back(std::move(name));
  }
}

// "Headline - Site" -> "Headline" when the site's name is known.
std::string without_site_name(const std::string& title, const std::string& site) {
  if (site.empty()) return title;
  const std::string lower = to_lower(title);
  const std::string lower_site = to_lower(site);
  for (std::string_view separator : kTitleSeparators) {
    const std::string suffix = std::string(separator) + lower_site;
    if (lower.size() > suffix.size() && ends_with(lower, suffix)) return title.substr(0, title.size() - suffix.size());
    const std::string prefix = lower_site + std::string(separator);
    if (lower.size() > prefix.size() && starts_with(lower, prefix)) return title.substr(prefix.size());
  }
  return title;
}

std::optional<Date> first_date(const std::vector<std::string>& candidates) {
  for (const std::string& text : candidates) {
    if (text.empty()) continue;
    if (auto date = parse_publication_date(text)) return date;
  }
  return std::nullopt;
}

// A relative canonical link ("/news/1") is made absolute against the page's own address.
std::string absolute_url(const std::string& url, const std::string& page_url) {
  if (starts_with(url, "http://") || starts_with(url, "https://")) return url;
  if (starts_with(url, "//")) return "https:" + url;
  const std::size_t scheme = page_url.find("://");
  if (starts_with(url, "/") && scheme != std::string::npos) {
    return page_url.substr(0, page_url.find('/', scheme + 3)) + url;
  }
  return {};
}

// A "By Erin Cunningham" paragraph at the top of the text is the byline, not the story.
std::string take_visible_byline(std::string& body) {
  std::size_t start = 0;
  for (std::size_t paragraph = 0; paragraph < kBylineSearchParagraphs && start < body.size(); ++paragraph) {
    std::size_t end = body.find("\n\n", start);
    if (end == std::string::npos) end = body.size();
    const std::string_view text = std::string_view(body).substr(start, end - start);
    if (text.size() <= kMaxBylineParagraphBytes && without_byline_prefix(text).size() < text.size() &&
        !author_names(text, 2).empty()) {
      std::string byline(text);
      body.erase(start, std::min(body.size(), end + 2) - start);
      return byline;
    }
    start = end + 2;
  }
  return {};
}

std::string decode_page(std::string_view bytes, std::string_view transport_charset, const InputProblem& where,
                        ArticleSink& sink) {
  std::string charset;
  const auto mark = byte_order_mark(bytes);
  if (mark) {
    bytes.remove_prefix(mark->length);
    charset = mark->charset;
  } else {
    charset = transport_charset.empty() ? charset_from_html_meta(bytes) : to_lower(transport_charset);
    if (is_valid_utf8(bytes)) return std::string(bytes);
  }
  const bool utf8 = charset.empty() || to_lower(charset) == "utf-8" || charset == "utf8";
  if (utf8 && mark && is_valid_utf8(bytes)) return std::string(bytes);
  if (!utf8) {
    bool replaced = false;
    if (auto decoded = decode_to_utf8(bytes, charset, replaced)) {
      if (replaced) sink.warn({where.file, where.line, "bytes invalid in " + charset + " replaced by U+FFFD"});
      return std::move(*decoded);
    }
    sink.warn({where.file, where.line, "unknown charset '" + charset + "'; read as UTF-8 or Windows-1252"});
  }
  sink.warn({where.file, where.line, std::string(kRepairedUtf8Warning)});
  return repair_utf8_as_windows1252(bytes);
}

void fill_metadata(const PageMarkup& page, const JsonLdArticle& ld, Article& article) {
  if (article.source.empty()) article.source = ld.publisher;
  if (article.source.empty()) article.source = first_meta(page, {"og:site_name", "application-name"});
  if (article.title.empty()) article.title = ld.headline;
  if (article.title.empty()) article.title = first_meta(page, {"og:title", "twitter:title"});
  if (article.title.empty()) article.title = title_without_site(page.title);
  if (article.title.empty()) article.title = page.first_h1;
  article.title = collapse_whitespace(without_site_name(article.title, article.source));
  if (!article.published) {
    std::vector<std::string> dates{ld.date};
    for (std::string_view key : kDateMeta) dates.push_back(first_meta(page, {key}));
    dates.push_back(page.time_published);
    dates.push_back(page.time_first);
    article.published = first_date(dates);
  }
  if (article.authors.empty()) {
    for (const std::string& author : ld.authors) add_authors(article, author, 1);
  }
  if (article.authors.empty()) {
    for (std::string_view key : kAuthorMeta) add_authors(article, first_meta(page, {key}), 1);
  }
  if (article.authors.empty()) {
    for (const std::string& author : page.marked_authors) add_authors(article, author, 1);
  }
  const std::string page_url = article.url;
  for (const std::string& candidate : {page.canonical, first_meta(page, {"og:url"}), ld.url}) {
    const std::string url = absolute_url(candidate, page_url);
    if (!url.empty()) {
      article.url = url;
      break;
    }
  }
  if (article.language.empty()) article.language = page.language;
  if (article.language.empty()) article.language = ld.language;
  if (article.language.empty()) article.language = first_meta(page, {"content-language"});
}

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

// The raw-text element ("script" or "style") whose start tag is at html[at], if any.
std::string_view raw_text_element_at(std::string_view html, std::size_t at) {
  for (std::string_view name : {"script", "style"}) {
    const std::size_t after = at + 1 + name.size();
    if (starts_with_ignoring_case(html.substr(at + 1), name) && after < html.size() &&
        std::string_view(" \t\n\r\f/>").find(html[after]) != std::string_view::npos) {
      return name;
    }
  }
  return {};
}

// Script and style bodies are raw text in HTML5: never markup, never part of
// an article. Cut before gumbo parses the page, they cost it nothing (a third
// of its time on a news page of 100 KB). JSON-LD scripts are kept, and comments
// are copied whole, since a "<script" inside one is no tag.
std::string without_script_bodies(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  std::size_t copied = 0;
  for (std::size_t at = html.find('<'); at != std::string_view::npos; at = html.find('<', at + 1)) {
    if (html.substr(at, 4) == "<!--") {
      at = html.find("-->", at + 4);
      if (at == std::string_view::npos) break;
      continue;
    }
    const std::string_view name = raw_text_element_at(html, at);
    if (name.empty()) continue;
    const std::size_t body = html.find('>', at);
    if (body == std::string_view::npos) break;
    const std::string close = "</" + std::string(name);
    std::size_t end = html.find("</", body);
    while (end != std::string_view::npos && !starts_with_ignoring_case(html.substr(end), close)) {
      end = html.find("</", end + 2);
    }
    if (end == std::string_view::npos) break;
    const bool json_ld = to_lower(html.substr(at, body - at)).find("ld+json") != std::string::npos;
    out.append(html.substr(copied, (json_ld ? end : body + 1) - copied));
    copied = end;
    at = end;
  }
  out.append(html.substr(copied));
  return out;
}

// gumbo allocates every node, attribute and string on its own and frees them
// one by one, walking the tree recursively. A page's parse takes its memory
// from this arena instead and gives it back at once, so no recursion can
// overflow the stack on a deeply nested page; and gumbo keeps no list of the
// page's parse errors, which nothing reads. Together 9% less parsing time.
class ParseArena {
 public:
  ParseArena() {
    options_.allocator = &ParseArena::allocate;
    options_.deallocator = [](void*, void*) {};
    options_.userdata = this;
    options_.max_errors = 0;
  }
  const GumboOptions& options() const { return options_; }

 private:
  static constexpr std::size_t kBlockBytes = 1 << 20;
  static constexpr std::size_t kAlignment = alignof(std::max_align_t);

  static void* allocate(void* self, std::size_t size) { return static_cast<ParseArena*>(self)->take(size); }

  void* take(std::size_t size) {
    size = (size + kAlignment - 1) / kAlignment * kAlignment;
    if (size > kBlockBytes / 4) return blocks_.emplace_back(new char[size]).get();
    if (size > left_) {
      next_ = blocks_.emplace_back(new char[kBlockBytes]).get();
      left_ = kBlockBytes;
    }
    void* taken = next_;
    next_ += size;
    left_ -= size;
    return taken;
  }

  GumboOptions options_ = kGumboDefaultOptions;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* next_ = nullptr;
  std::size_t left_ = 0;
};

}  // namespace

void read_html_page(std::string_view bytes, std::string_view transport_charset, const InputProblem& where,
                    Article& article, ArticleSink& sink) {
  const std::string html = without_script_bodies(decode_page(bytes, transport_charset, where, sink));
  ParseArena arena;
  const GumboOutput* output = gumbo_parse_with_options(&arena.options(), html.data(), html.size());
  PageMarkup page;
  collect(output->document, page, 0);
  const JsonLdArticle ld = json_ld_article(page.json_ld);
  fill_metadata(page, ld, article);
  if (!article.body.empty()) return;
  PageContent content = extract_content(output->document, article.title);
  article.body = std::move(content.text);
  const std::string visible_byline = take_visible_byline(article.body);
  if (article.authors.empty()) add_authors(article, content.byline, 2);
  if (article.authors.empty()) add_authors(article, visible_byline, 2);
}

void HtmlReader::read(ByteSource& source, const ReadContext& context, ArticleSink& sink) const {
  std::string bytes;
  try {
    bool truncated = false;
    bytes = read_all(source, context.max_article_bytes + 1, truncated);
    if (truncated) {
      sink.reject({context.display_name, 0,
                   "page is larger than the article limit of " + std::to_string(context.max_article_bytes) +
                       " bytes (--max-article-bytes)"});
      return;
    }
  } catch (const InputError& e) {
    sink.reject({context.display_name, 0, e.what()});
    return;
  }
  Article article;
  article.source_file = context.source_file;
  article.line = 1;
  read_html_page(bytes, "", {context.display_name, 1, ""}, article, sink);
  article.id = context.source_file != "-" ? context.file_id : article.url;
  if (article.id.empty()) article.id = "stdin";
  deliver(std::move(article), context, sink);
}

}  // namespace dateline::common
