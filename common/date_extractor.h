#pragma once
// Dates an article mentions: "March 2, 2015", "2 March 2015", "Feb 26",
// "February 2014", "2015-03-02", "in 2014", and, when the publication date is
// known, "on Tuesday", "yesterday" and year-less dates resolved against it.

#include "dates.h"
#include "tokenizer.h"

#include <optional>
#include <string>
#include <vector>

namespace dateline::common {

// ISO dates of any precision, sorted and unique.
std::vector<std::string> extract_dates(const std::vector<Token>& tokens, const std::optional<Date>& published);

}  // namespace dateline::common
