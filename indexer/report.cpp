#include "report.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

namespace dateline::indexer {
namespace {

using json = nlohmann::ordered_json;

json problems_json(const std::vector<common::InputProblem>& problems) {
  json list = json::array();
  for (const auto& problem : problems) {
    list.push_back({{"file", problem.file}, {"line", problem.line}, {"reason", problem.reason}});
  }
  return list;
}

std::string megabytes(std::uint64_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return text;
}

std::string duration(double seconds) {
  const long total = std::lround(seconds);
  char text[32];
  std::snprintf(text, sizeof text, "%ld:%02ld", total / 60, total % 60);
  return text;
}

std::string dump(const json& value) { return value.dump(2, ' ', false, json::error_handler_t::replace) + "\n"; }

}  // namespace

std::string with_thousands(std::uint64_t number) {
  std::string digits = std::to_string(number);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return digits;
}

std::string summary_json(const IndexSummary& summary, const std::string& database) {
  return dump({
      {"database", database},
      {"added", summary.added},
      {"updated", summary.updated},
      {"unchanged", summary.unchanged},
      {"deleted", summary.deleted},
      {"pruned", summary.pruned},
      {"failed", summary.failed},
      {"skipped", summary.skipped},
      {"documents", summary.documents},
      {"seconds", std::round(summary.seconds * 1000) / 1000},
      {"rebuilt", summary.rebuilt},
      {"compacted", summary.compacted},
      {"errors", problems_json(summary.errors)},
      {"warnings", problems_json(summary.warnings)},
      {"unknown_ids", summary.unknown_ids},
  });
}

std::string summary_text(const IndexSummary& summary, const std::string& database) {
  std::ostringstream out;
  char seconds[32];
  std::snprintf(seconds, sizeof seconds, "%.1f", summary.seconds);
  out << database << ": " << with_thousands(summary.added) << " added, " << with_thousands(summary.updated)
      << " updated, " << with_thousands(summary.unchanged) << " unchanged, " << with_thousands(summary.failed)
      << " failed";
  if (summary.deleted > 0 || !summary.unknown_ids.empty()) out << ", " << with_thousands(summary.deleted) << " deleted";
  if (summary.pruned > 0) out << ", " << with_thousands(summary.pruned) << " pruned";
  std::uint64_t skipped = 0;
  for (const auto& [kind, count] : summary.skipped) skipped += count;
  if (skipped > 0) out << ", " << with_thousands(skipped) << " records skipped";
  out << "; " << with_thousands(summary.documents) << " documents";
  if (summary.rebuilt) out << " (rebuilt)";
  if (summary.compacted) out << " (compacted)";
  out << " in " << seconds << " s\n";
  return out.str();
}

namespace {

json stats_object(const DatabaseStats& stats) {
  json sources = json::array();
  for (const auto& [source, count] : stats.sources) sources.push_back({{"value", source}, {"count", count}});
  json object{
      {"database", stats.directory},  {"generation", stats.generation},   {"schema", stats.schema_version},
      {"documents", stats.documents}, {"last_update", stats.last_update}, {"size_bytes", stats.size_bytes},
      {"sources", sources},
  };
  if (!stats.shards.empty()) {
    object["shards"] = json::array();
    for (const DatabaseStats& shard : stats.shards) object["shards"].push_back(stats_object(shard));
  }
  return object;
}

}  // namespace

std::string stats_json(const DatabaseStats& stats) { return dump(stats_object(stats)); }

std::string stats_text(const DatabaseStats& stats) {
  std::ostringstream out;
  out << "database     " << stats.directory << "\n"
      << (stats.shards.empty() ? "generation   " + stats.generation
                               : "shards       " + std::to_string(stats.shards.size()))
      << "\n"
      << "schema       " << stats.schema_version << "\n"
      << "documents    " << with_thousands(stats.documents) << "\n"
      << "last update  " << (stats.last_update.empty() ? "never" : stats.last_update) << "\n"
      << "size         " << megabytes(stats.size_bytes) << "\n"
      << "sources\n";
  for (const auto& [source, count] : stats.sources) out << "  " << with_thousands(count) << "  " << source << "\n";
  for (const DatabaseStats& shard : stats.shards) {
    out << "shard        " << shard.directory << ": " << with_thousands(shard.documents) << " documents, "
        << megabytes(shard.size_bytes) << ", generation " << std::filesystem::path(shard.generation).filename().string()
        << ", last update " << (shard.last_update.empty() ? "never" : shard.last_update) << "\n";
  }
  return out.str();
}

std::string progress_line(const Progress& progress) {
  std::ostringstream out;
  const double seconds = std::max(progress.seconds, 1e-3);
  out << with_thousands(progress.articles) << " articles  "
      << with_thousands(static_cast<std::uint64_t>(progress.articles / seconds)) << "/s  ";
  char rate[32];
  std::snprintf(rate, sizeof rate, "%.1f MB/s", static_cast<double>(progress.bytes) / 1e6 / seconds);
  out << rate;
  if (progress.total_bytes > 0 && progress.bytes > 0) {
    const double fraction =
        std::min(1.0, static_cast<double>(progress.bytes) / static_cast<double>(progress.total_bytes));
    const int filled = static_cast<int>(fraction * 20);
    out << "  [" << std::string(static_cast<std::size_t>(filled), '#')
        << std::string(static_cast<std::size_t>(20 - filled), ' ') << "] " << static_cast<int>(fraction * 100)
        << "%  ETA " << duration(seconds * (1 - fraction) / fraction);
  }
  return out.str();
}

}  // namespace dateline::indexer
