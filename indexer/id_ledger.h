#pragma once
// What one run has read, by article id: where each id was first seen, so a
// second article with the same id is reported as a duplicate, and for --prune
// the ids each source file held and which files were read in full.

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace dateline::indexer {

class IdLedger {
 public:
  // `for_pruning`: also remember the ids of each file (memory grows with the input).
  explicit IdLedger(bool for_pruning) : for_pruning_(for_pruning) {}

  // Records `id_term` read from `file` (as shown in messages) at `line`, out of
  // `source_file` (absolute path). Returns "FILE:LINE" of the first sighting
  // when the id was already seen in this run.
  std::optional<std::string> record(const std::string& id_term, const std::string& file, std::size_t line,
                                    const std::string& source_file);
  // `source_file` was read to its end, nothing of it rejected: pruning may trust it.
  void read_in_full(const std::string& source_file) { complete_files_.insert(source_file); }

  bool was_read_in_full(const std::string& source_file) const { return complete_files_.count(source_file) > 0; }
  // True when `id_term` was read from `source_file` (needs for_pruning).
  bool saw(const std::string& source_file, const std::string& id_term) const;

 private:
  // Compact: a run may read millions of articles.
  struct FirstSeen {
    std::uint32_t file;
    std::size_t line;
  };
  std::uint32_t file_number(const std::string& file);

  bool for_pruning_;
  std::vector<std::string> files_;
  std::unordered_map<std::string, FirstSeen> first_seen_;
  std::unordered_map<std::string, std::unordered_set<std::string>> seen_by_file_;
  std::unordered_set<std::string> complete_files_;
};

}  // namespace dateline::indexer
