#include "id_ledger.h"

namespace dateline::indexer {

std::uint32_t IdLedger::file_number(const std::string& file) {
  if (files_.empty() || files_.back() != file) files_.push_back(file);
  return static_cast<std::uint32_t>(files_.size() - 1);
}

std::optional<std::string> IdLedger::record(const std::string& id_term, const std::string& file, std::size_t line,
                                            const std::string& source_file) {
  const auto [first, inserted] = first_seen_.try_emplace(id_term, FirstSeen{file_number(file), line});
  if (!inserted) {
    const std::string& earlier = files_[first->second.file];
    return first->second.line > 0 ? earlier + ":" + std::to_string(first->second.line) : earlier;
  }
  if (for_pruning_) seen_by_file_[source_file].insert(id_term);
  return std::nullopt;
}

bool IdLedger::saw(const std::string& source_file, const std::string& id_term) const {
  const auto ids = seen_by_file_.find(source_file);
  return ids != seen_by_file_.end() && ids->second.count(id_term) > 0;
}

}  // namespace dateline::indexer
