#pragma once
// zstd compression: whole streams (input archives), and the article copy
// stored in each Xapian document.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::common {

// Compresses the stored articles of one database. An article alone is too
// short for zstd to find much to share (about 60 % of its size, measured on
// Reuters); with a dictionary trained on the database's first articles and
// kept in its metadata it is about 30 %. Without a dictionary (a database of
// a few articles) it is plain zstd. Copies share the dictionary; a codec is
// safe to use from several threads at once.
class StoredCodec {
 public:
  StoredCodec() = default;
  explicit StoredCodec(std::string dictionary);

  // A dictionary for articles like `samples`; empty when they are too few.
  static std::string train_dictionary(const std::vector<std::string>& samples);

  bool has_dictionary() const { return dictionary_ != nullptr; }

  std::string compress(std::string_view data) const;
  // Throws DatabaseError when `data` is corrupt or needs a dictionary this codec lacks.
  std::string decompress(std::string_view data) const;

 private:
  struct Dictionary;
  std::shared_ptr<const Dictionary> dictionary_;
};

}  // namespace dateline::common
