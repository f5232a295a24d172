#pragma once
// zstd compression of the article copy stored in each Xapian document.

#include <string>
#include <string_view>

namespace dateline::common {

std::string compress(std::string_view data);
// Throws DatabaseError when the data is not a complete zstd frame.
std::string decompress(std::string_view data);

}  // namespace dateline::common
