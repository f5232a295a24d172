#include "html_content.h"

#include "text_utils.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_set>
#include <vector>

namespace dateline::common {
namespace {

constexpr std::size_t kMinParagraphChars = 25;
constexpr std::size_t kEnoughTextChars = 500;  // less than this, and the next attempt has fewer rules
constexpr std::size_t kMaxBylineChars = 100;
constexpr std::size_t kMaxShareChars = 500;
constexpr std::size_t kMaxLinkParagraphChars = 40;
constexpr std::size_t kMinRepeatedParagraphBytes = 30;
constexpr int kAncestorLevels = 5;
constexpr int kFewCommas = 10;
// Deeper elements are left out: no article nests so deep, and the walks over the tree recurse.
constexpr int kMaxDepth = 400;

// Words in class and id attributes (Readability's lists, with cookie and newsletter furniture added).
constexpr std::array<std::string_view, 35> kUnlikelyHints = {
    "-ad-",       "ai2html", "banner",     "breadcrumbs",  "combx",      "comment",   "community",
    "cover-wrap", "disqus",  "extra",      "footer",       "gdpr",       "header",    "legends",
    "menu",       "related", "remark",     "replies",      "rss",        "shoutbox",  "sidebar",
    "skyscraper", "social",  "sponsor",    "supplemental", "ad-break",   "agegate",   "pagination",
    "pager",      "popup",   "yom-remote", "cookie",       "newsletter", "subscribe", "promo"};
constexpr std::array<std::string_view, 7> kMaybeCandidateHints = {"and",     "article", "body",  "column",
                                                                  "content", "main",    "shadow"};
constexpr std::array<std::string_view, 13> kPositiveHints = {"article", "body", "content", "entry",      "hentry",
                                                             "h-entry", "main", "page",    "pagination", "post",
                                                             "text",    "blog", "story"};
constexpr std::array<std::string_view, 27> kNegativeHints = {
    "-ad-",     "hidden",   "banner",   "combx",      "comment", "com-",     "contact", "foot",    "footer",
    "footnote", "gdpr",     "masthead", "media",      "meta",    "outbrain", "promo",   "related", "scroll",
    "share",    "shoutbox", "sidebar",  "skyscraper", "sponsor", "shopping", "tags",    "tool",    "widget"};
constexpr std::array<std::string_view, 5> kBylineHints = {"byline", "author", "dateline", "writtenby", "p-author"};
constexpr std::array<std::string_view, 7> kFurnitureRoles = {"menu",  "menubar",     "complementary", "navigation",
                                                             "alert", "alertdialog", "dialog"};

template <std::size_t N>
bool has_any(std::string_view text, const std::array<std::string_view, N>& words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view word) { return text.find(word) != std::string_view::npos; });
}

// Elements that never hold article text, dropped while the tree is built.
bool never_content(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_META:
    case GUMBO_TAG_MENU: return true;
    default: return false;
  }
}

// Elements that end a paragraph of the output text.
bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL: return true;
    default: return false;
  }
}

// A <div> holding none of these reads as a paragraph (Readability's DIV_TO_P_ELEMS).
bool makes_div_a_container(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_P:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_UL: return true;
    default: return false;
  }
}

bool is_heading(GumboTag tag) { return tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6; }

// Readability's starting score of a container by its kind.
double tag_score(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_DIV: return 5;
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_BLOCKQUOTE: return 3;
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_FORM: return -3;
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_TH: return -5;
    default: return 0;
  }
}

std::string_view attribute(const GumboElement& element, const char* name) {
  const GumboAttribute* found = gumbo_get_attribute(&element.attributes, name);
  return found != nullptr ? std::string_view(found->value) : std::string_view();
}

bool hidden(const GumboElement& element) {
  if (gumbo_get_attribute(&element.attributes, "hidden") != nullptr) return true;
  if (attribute(element, "aria-hidden") == "true") return true;
  std::string style = to_lower(attribute(element, "style"));
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  if (style.find("display:none") != std::string::npos || style.find("visibility:hidden") != std::string::npos) {
    return true;
  }
  const std::string role = to_lower(attribute(element, "role"));
  return std::find(kFurnitureRoles.begin(), kFurnitureRoles.end(), role) != kFurnitureRoles.end();
}

// Characters as a reader sees them: UTF-8 code points, a run of white space as one.
std::size_t visible_length(std::string_view text) {
  std::size_t length = 0;
  bool in_space = true;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool space = byte == ' ' || byte == '\n' || byte == '\t' || byte == '\r' || byte == '\f';
    if (space) {
      if (!in_space) ++length;
      in_space = true;
    } else {
      if ((byte & 0xC0) != 0x80) ++length;
      in_space = false;
    }
  }
  return length;
}

int comma_count(std::string_view text) {
  int commas = static_cast<int>(std::count(text.begin(), text.end(), ','));
  for (std::string_view wide : {"\xEF\xBC\x8C", "\xD8\x8C"}) {  // U+FF0C and U+060C, the CJK and Arabic commas
    for (std::size_t at = text.find(wide); at != std::string_view::npos; at = text.find(wide, at + wide.size())) {
      ++commas;
    }
  }
  return commas;
}

// The page's <body> as a compact tree, without the elements that never hold
// article text and without hidden elements.
class Tree {
 public:
  struct Node {
    GumboTag tag = GUMBO_TAG_UNKNOWN;
    bool is_text = false;
    int parent = -1;
    std::vector<int> children;
    std::string_view text;        // text nodes, in gumbo's tree
    std::string hints;            // class and id, lower case
    std::string_view class_name;  // as written, to compare siblings
    bool marked_byline = false;
    std::size_t chars = 0;  // visible_length, of the whole subtree
    std::size_t link_chars = 0;
    int commas = 0;
  };

  explicit Tree(const GumboNode* root) {
    const GumboNode* body = find_body(root);
    if (body != nullptr) add(body, -1, false, 0);
    for (int i = static_cast<int>(nodes_.size()) - 1; i > 0; --i) {
      Node& child = nodes_[static_cast<std::size_t>(i)];
      Node& parent = nodes_[static_cast<std::size_t>(child.parent)];
      parent.chars += child.chars;
      parent.commas += child.commas;
      parent.link_chars += parent.tag == GUMBO_TAG_A ? child.chars : child.link_chars;
    }
  }

  bool empty() const { return nodes_.empty(); }
  std::size_t size() const { return nodes_.size(); }
  const Node& operator[](int index) const { return nodes_[static_cast<std::size_t>(index)]; }

 private:
  static const GumboNode* find_body(const GumboNode* root) {
    const GumboVector& children = root->v.document.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* html = static_cast<const GumboNode*>(children.data[i]);
      if (html->type != GUMBO_NODE_ELEMENT) continue;
      for (unsigned j = 0; j < html->v.element.children.length; ++j) {
        const auto* child = static_cast<const GumboNode*>(html->v.element.children.data[j]);
        if (child->type == GUMBO_NODE_ELEMENT && child->v.element.tag == GUMBO_TAG_BODY) return child;
      }
    }
    return nullptr;
  }

  void add(const GumboNode* node, int parent, bool in_link, int depth) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE || node->type == GUMBO_NODE_CDATA) {
      Node text;
      text.is_text = true;
      text.parent = parent;
      text.text = node->v.text.text;
      text.chars = visible_length(text.text);
      text.link_chars = in_link ? text.chars : 0;
      text.commas = comma_count(text.text);
      append(std::move(text));
      return;
    }
    if (node->type != GUMBO_NODE_ELEMENT) return;
    const GumboElement& element = node->v.element;
    if (never_content(element.tag) || hidden(element) || depth > kMaxDepth) return;
    Node out;
    out.tag = element.tag;
    out.parent = parent;
    out.class_name = attribute(element, "class");
    out.hints = to_lower(out.class_name);
    out.hints += ' ';
    out.hints += to_lower(attribute(element, "id"));
    out.marked_byline = attribute(element, "rel") == "author" ||
                        to_lower(attribute(element, "itemprop")).find("author") != std::string::npos ||
                        has_any(out.hints, kBylineHints);
    const int index = append(std::move(out));
    for (unsigned i = 0; i < element.children.length; ++i) {
      add(static_cast<const GumboNode*>(element.children.data[i]), index, in_link || element.tag == GUMBO_TAG_A,
          depth + 1);
    }
  }

  int append(Node node) {
    const int index = static_cast<int>(nodes_.size());
    if (node.parent >= 0) nodes_[static_cast<std::size_t>(node.parent)].children.push_back(index);
    nodes_.push_back(std::move(node));
    return index;
  }

  std::vector<Node> nodes_;
};

// What each attempt leaves out: Readability's flags, dropped one by one when an attempt finds too little.
struct Rules {
  bool strip_unlikely;
  bool weigh_classes;
  bool clean_conditionally;
};

class Extraction {
 public:
  Extraction(const Tree& tree, Rules rules, std::string_view title)
      : tree_(tree),
        rules_(rules),
        title_key_(fold_key(title)),
        removed_(tree.size(), 0),
        scored_(tree.size(), 0),
        score_(tree.size(), 0) {}

  PageContent run() {
    PageContent content;
    strip(0, content.byline);
    score_paragraphs(0);
    const std::vector<int> roots = content_roots(top_candidate());
    for (int root : roots) clean(root, roots);
    content.text = text_of(roots);
    return content;
  }

 private:
  using Node = Tree::Node;
  const Node& node(int index) const { return tree_[index]; }
  bool removed(int index) const { return removed_[static_cast<std::size_t>(index)] != 0; }
  void remove(int index) { removed_[static_cast<std::size_t>(index)] = 1; }
  double& score(int index) { return score_[static_cast<std::size_t>(index)]; }

  // Lengths as the tree has them, less what this attempt removed.
  std::size_t chars(int index) const {
    if (removed(index)) return 0;
    const Node& n = node(index);
    if (n.is_text) return n.chars;
    std::size_t total = 0;
    for (int child : n.children) total += chars(child);
    return total;
  }
  std::size_t link_chars(int index) const {
    if (removed(index)) return 0;
    const Node& n = node(index);
    if (n.tag == GUMBO_TAG_A) return chars(index);
    if (n.is_text) return 0;
    std::size_t total = 0;
    for (int child : n.children) total += link_chars(child);
    return total;
  }
  double link_density(int index) const {
    const std::size_t length = chars(index);
    return length == 0 ? 0 : static_cast<double>(link_chars(index)) / static_cast<double>(length);
  }

  double class_weight(int index) const {
    if (!rules_.weigh_classes) return 0;
    const Node& n = node(index);
    double weight = 0;
    if (has_any(n.hints, kNegativeHints)) weight -= 25;
    if (has_any(n.hints, kPositiveHints)) weight += 25;
    return weight;
  }

  // Removes unlikely candidates and takes the first byline out of the text.
  void strip(int index, std::string& byline) {
    const Node& n = node(index);
    if (n.is_text) return;
    if (byline.empty() && n.marked_byline && n.chars > 0 && n.chars < kMaxBylineChars) {
      byline = collapse_whitespace(text_of({index}));
      remove(index);
      return;
    }
    const bool protected_tag = n.tag == GUMBO_TAG_BODY || n.tag == GUMBO_TAG_A || n.tag == GUMBO_TAG_ARTICLE ||
                               n.tag == GUMBO_TAG_MAIN || n.tag == GUMBO_TAG_TABLE || n.tag == GUMBO_TAG_TD;
    if (rules_.strip_unlikely && !protected_tag && has_any(n.hints, kUnlikelyHints) &&
        !has_any(n.hints, kMaybeCandidateHints)) {
      remove(index);
      return;
    }
    for (int child : n.children) strip(child, byline);
  }

  void initialise(int index) {
    if (scored_[static_cast<std::size_t>(index)] != 0) return;
    scored_[static_cast<std::size_t>(index)] = 1;
    score(index) = tag_score(node(index).tag) + class_weight(index);
  }

  // One paragraph's score goes to its container in full, half to the next one
  // up, and a third of the level to those above.
  void add_paragraph(int container, std::size_t length, int commas) {
    if (length < kMinParagraphChars) return;
    const double points = 1 + commas + std::min(3.0, static_cast<double>(length) / 100);
    int ancestor = container;
    for (int level = 0; level < kAncestorLevels && ancestor >= 0; ++level, ancestor = node(ancestor).parent) {
      initialise(ancestor);
      score(ancestor) += points / (level == 0 ? 1 : level == 1 ? 2 : level * 3);
    }
  }

  void score_paragraphs(int index) {
    if (removed(index)) return;
    const Node& n = node(index);
    if (n.is_text) return;
    switch (n.tag) {
      case GUMBO_TAG_P:
      case GUMBO_TAG_PRE:
      case GUMBO_TAG_TD:
      case GUMBO_TAG_SECTION:
      case GUMBO_TAG_H2:
      case GUMBO_TAG_H3:
      case GUMBO_TAG_H4:
      case GUMBO_TAG_H5:
      case GUMBO_TAG_H6:
        if (n.parent >= 0) add_paragraph(n.parent, chars(index), n.commas);
        break;
      case GUMBO_TAG_DIV: score_div_text(index); break;
      default: break;
    }
    for (int child : n.children) score_paragraphs(child);
  }

  // A <div> of phrasing content is a paragraph; text between the blocks of a
  // <div> makes paragraphs of that <div>.
  void score_div_text(int index) {
    const Node& n = node(index);
    const bool container = std::any_of(n.children.begin(), n.children.end(), [&](int child) {
      return !removed(child) && makes_div_a_container(node(child).tag);
    });
    if (!container) {
      if (n.parent >= 0) add_paragraph(n.parent, chars(index), n.commas);
      return;
    }
    std::size_t run_length = 0;
    int run_commas = 0;
    for (int child : n.children) {
      if (removed(child)) continue;
      const Node& c = node(child);
      if (!c.is_text && is_block(c.tag)) {
        add_paragraph(index, run_length, run_commas);
        run_length = 0;
        run_commas = 0;
      } else {
        run_length += chars(child);
        run_commas += c.commas;
      }
    }
    add_paragraph(index, run_length, run_commas);
  }

  int top_candidate() {
    std::vector<int> candidates;
    for (std::size_t i = 0; i < tree_.size(); ++i) {
      const int index = static_cast<int>(i);
      if (scored_[i] == 0 || removed(index)) continue;
      score(index) *= 1 - link_density(index);
      candidates.push_back(index);
    }
    if (candidates.empty()) return 0;
    std::sort(candidates.begin(), candidates.end(), [&](int a, int b) { return score(a) > score(b); });
    int top = candidates.front();
    top = common_ancestor_of_close_candidates(top, candidates);
    top = climb_while_parent_scores_more(top);
    while (node(top).parent >= 0 && live_children(node(top).parent) == 1) top = node(top).parent;
    return top;
  }

  // When three of the five best candidates score nearly as well as the best and
  // share one of its ancestors, the article is that ancestor (split into parts).
  int common_ancestor_of_close_candidates(int top, const std::vector<int>& candidates) {
    std::vector<int> close;
    for (std::size_t i = 1; i < candidates.size() && i < 5; ++i) {
      if (score(candidates[i]) >= 0.75 * score(top)) close.push_back(candidates[i]);
    }
    if (close.size() < 3) return top;
    for (int ancestor = node(top).parent; ancestor > 0; ancestor = node(ancestor).parent) {
      int containing = 0;
      for (int candidate : close) containing += is_ancestor(ancestor, candidate) ? 1 : 0;
      if (containing >= 3) {
        initialise(ancestor);
        return ancestor;
      }
    }
    return top;
  }

  int climb_while_parent_scores_more(int top) {
    double last = score(top);
    const double threshold = last / 3;
    for (int parent = node(top).parent; parent > 0; parent = node(parent).parent) {
      if (scored_[static_cast<std::size_t>(parent)] == 0) continue;
      if (score(parent) < threshold) break;
      if (score(parent) > last) return parent;
      last = score(parent);
    }
    return top;
  }

  bool is_ancestor(int ancestor, int index) const {
    for (int at = node(index).parent; at >= 0; at = node(at).parent) {
      if (at == ancestor) return true;
    }
    return false;
  }

  int live_children(int index) const {
    int count = 0;
    for (int child : node(index).children) {
      if (!removed(child) && !node(child).is_text) ++count;
    }
    return count;
  }

  // The candidate and the siblings that read like more of the same article.
  std::vector<int> content_roots(int top) {
    const int parent = node(top).parent;
    if (parent < 0) return {top};
    const double threshold = std::max(10.0, score(top) * 0.2);
    std::vector<int> roots;
    for (int sibling : node(parent).children) {
      if (removed(sibling) || node(sibling).is_text) continue;
      if (sibling == top || joins_article(sibling, top, threshold)) roots.push_back(sibling);
    }
    return roots;
  }

  bool joins_article(int sibling, int top, double threshold) {
    const Node& s = node(sibling);
    const double bonus = !s.class_name.empty() && s.class_name == node(top).class_name ? score(top) * 0.2 : 0;
    if (scored_[static_cast<std::size_t>(sibling)] != 0 && score(sibling) + bonus >= threshold) return true;
    if (s.tag != GUMBO_TAG_P) return false;
    const std::size_t length = chars(sibling);
    const double density = link_density(sibling);
    if (length > 80) return density < 0.25;
    const std::string text = collapse_whitespace(text_of({sibling}));
    return length > 0 && density == 0 && (text.find(". ") != std::string::npos || ends_with(text, "."));
  }

  // Takes out what is left of the page's furniture inside the chosen blocks.
  void clean(int index, const std::vector<int>& roots) {
    if (removed(index) || node(index).is_text) return;
    for (int child : node(index).children) clean(child, roots);  // innermost first, as Readability does
    const Node& n = node(index);
    const bool root = std::find(roots.begin(), roots.end(), index) != roots.end();
    if (root) return;
    if (has_any(n.hints, std::array<std::string_view, 1>{"share"}) && chars(index) < kMaxShareChars) {
      remove(index);
    } else if (is_heading(n.tag) && (class_weight(index) < 0 || repeats_title(index))) {
      remove(index);
    } else if (rules_.clean_conditionally && furniture_shaped(index)) {
      remove(index);
    }
  }

  bool repeats_title(int index) const {
    return !title_key_.empty() && fold_key(collapse_whitespace(text_of({index}))) == title_key_;
  }

  struct Counts {
    int paragraphs = 0;
    int images = 0;
    int list_items = 0;
    std::size_t heading_chars = 0;
    bool data_table = false;
  };

  void count(int index, Counts& counts) const {
    if (removed(index) || node(index).is_text) return;
    switch (node(index).tag) {
      case GUMBO_TAG_P: ++counts.paragraphs; break;
      case GUMBO_TAG_IMG: ++counts.images; break;
      case GUMBO_TAG_LI: ++counts.list_items; break;
      case GUMBO_TAG_TH:
      case GUMBO_TAG_CAPTION: counts.data_table = true; break;
      default:
        if (is_heading(node(index).tag)) counts.heading_chars += chars(index);
        break;
    }
    for (int child : node(index).children) count(child, counts);
  }

  // Readability's conditional cleaning: lists of links, image galleries, short
  // link-heavy blocks and blocks whose class says they are not the article.
  bool furniture_shaped(int index) {
    const Node& n = node(index);
    const GumboTag tag = n.tag;
    const bool list = tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL;
    if (!list && tag != GUMBO_TAG_DIV && tag != GUMBO_TAG_SECTION && tag != GUMBO_TAG_FORM &&
        tag != GUMBO_TAG_FIELDSET && tag != GUMBO_TAG_TABLE) {
      return false;
    }
    Counts counts;
    count(index, counts);
    if (tag == GUMBO_TAG_TABLE && counts.data_table) return false;
    const double weight = class_weight(index);
    const double own_score = scored_[static_cast<std::size_t>(index)] != 0 ? score(index) : 0;
    if (weight + own_score < 0) return true;
    if (n.commas >= kFewCommas) return false;
    const std::size_t length = chars(index);
    const double density = link_density(index);
    const double heading_density = length == 0 ? 0 : static_cast<double>(counts.heading_chars) / length;
    if (counts.images > 1 && counts.paragraphs * 2 < counts.images) return true;
    if (!list && counts.list_items - 100 > counts.paragraphs) return true;
    if (!list && heading_density < 0.9 && length < kMinParagraphChars && (counts.images == 0 || counts.images > 2) &&
        density > 0) {
      return true;
    }
    if (!list && weight < 25 && density > 0.2) return true;
    if (weight >= 25 && density > 0.5) return true;
    return list && density > 0.5;
  }

  struct Paragraph {
    std::string text;
    std::string link_text;
  };

  void append_text(int index, bool in_link, Paragraph& paragraph, std::vector<std::string>& paragraphs) const {
    if (removed(index)) return;
    const Node& n = node(index);
    if (n.is_text) {
      paragraph.text += n.text;
      if (in_link) paragraph.link_text += n.text;
      return;
    }
    const bool block = is_block(n.tag);
    if (block) end_paragraph(paragraph, paragraphs);
    for (int child : n.children) append_text(child, in_link || n.tag == GUMBO_TAG_A, paragraph, paragraphs);
    if (block) end_paragraph(paragraph, paragraphs);
  }

  // A short paragraph that is nothing but a link ("chaos theory", "Read more")
  // is a tag or a pointer elsewhere, not the article's text.
  static void end_paragraph(Paragraph& paragraph, std::vector<std::string>& paragraphs) {
    std::string text = collapse_whitespace(paragraph.text);
    const bool only_link = !text.empty() && collapse_whitespace(paragraph.link_text) == text;
    paragraph = {};
    if (text.empty() || (only_link && visible_length(text) < kMaxLinkParagraphChars)) return;
    paragraphs.push_back(std::move(text));
  }

  // Paragraphs separated by blank lines; one repeated verbatim (a caption) is kept once.
  std::string text_of(const std::vector<int>& roots) const {
    std::vector<std::string> paragraphs;
    Paragraph paragraph;
    for (int root : roots) append_text(root, false, paragraph, paragraphs);
    end_paragraph(paragraph, paragraphs);
    std::unordered_set<std::string> seen;
    std::vector<std::string> kept;
    for (std::string& text : paragraphs) {
      if (text.size() >= kMinRepeatedParagraphBytes && !seen.insert(text).second) continue;
      kept.push_back(std::move(text));
    }
    return join(kept, "\n\n");
  }

  const Tree& tree_;
  Rules rules_;
  std::string title_key_;
  std::vector<char> removed_;
  std::vector<char> scored_;
  std::vector<double> score_;
};

}  // namespace

PageContent extract_content(const GumboNode* root, std::string_view title) {
  const Tree tree(root);
  if (tree.empty()) return {};
  PageContent best;
  std::string byline;
  for (const Rules rules :
       {Rules{true, true, true}, Rules{false, true, true}, Rules{false, false, true}, Rules{false, false, false}}) {
    PageContent content = Extraction(tree, rules, title).run();
    if (byline.empty()) byline = content.byline;
    if (visible_length(content.text) >= kEnoughTextChars) {
      best = std::move(content);
      break;
    }
    if (content.text.size() > best.text.size()) best = std::move(content);
  }
  best.byline = byline;
  return best;
}

}  // namespace dateline::common
