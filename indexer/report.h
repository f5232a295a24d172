#pragma once
// How dateline-index reports: the --json summary (a documented contract), the
// human summary, and the progress line on a terminal.

#include "indexer.h"

#include <string>

namespace dateline::indexer {

std::string summary_json(const IndexSummary& summary, const std::string& database);
std::string summary_text(const IndexSummary& summary, const std::string& database);
std::string stats_json(const DatabaseStats& stats);
std::string stats_text(const DatabaseStats& stats);
// One terminal line (no newline): articles, rate, MB/s, percentage and ETA when the size is known.
std::string progress_line(const Progress& progress);

// "21,578"
std::string with_thousands(std::uint64_t number);

}  // namespace dateline::indexer
