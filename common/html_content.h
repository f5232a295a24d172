#pragma once
// The article's text in a parsed HTML page, without the page's furniture
// (navigation, menus, ads, share buttons, related links, comments, cookie
// banners). The method is Readability's (Mozilla's reader view,
// github.com/mozilla/readability), rewritten here: blocks are scored by their
// text (length, commas) and by class and id hints, scores flow to the parent
// and grandparent, the best container is discounted by its link density, its
// siblings that read like the article join it, and the result is cleaned of
// link lists, forms, headings of the page and other leftovers. When that finds
// little text, it is tried again with fewer rules, as Readability does.

#include <gumbo.h>

#include <string>
#include <string_view>

namespace dateline::common {

struct PageContent {
  std::string text;    // paragraphs (headings, list items, quotes, captions) separated by blank lines
  std::string byline;  // the text of an element marked as the byline ("By Erin Cunningham"), when found
};

// `root` is gumbo's document node (it must outlive the call); `title` (the page's title, as found in its
// metadata) is left out of the text when a heading repeats it.
PageContent extract_content(const GumboNode* root, std::string_view title);

}  // namespace dateline::common
