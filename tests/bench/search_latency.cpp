// In-process search latency: one Searcher, a fixed list of queries, each run
// many times; prints the median and 90th percentile in milliseconds.
//   search_latency DATABASE REPETITIONS QUERY...

#include <dateline/searcher.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s DATABASE REPETITIONS QUERY...\n", argv[0]);
    return 1;
  }
  dateline::Searcher searcher(argv[1]);
  const int repetitions = std::stoi(argv[2]);
  std::vector<double> milliseconds;
  for (int round = 0; round <= repetitions; ++round) {
    for (int q = 3; q < argc; ++q) {
      dateline::SearchRequest request;
      request.query = argv[q];
      request.limit = 10;
      request.facet_limit = 10;
      const auto started = std::chrono::steady_clock::now();
      const auto response = searcher.search(request);
      const double elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
      if (response.results.empty()) std::fprintf(stderr, "warning: no results for %s\n", argv[q]);
      if (round > 0) milliseconds.push_back(elapsed);  // round 0 warms the caches
    }
  }
  std::sort(milliseconds.begin(), milliseconds.end());
  const auto at = [&](double fraction) { return milliseconds[static_cast<std::size_t>(fraction * (milliseconds.size() - 1))]; };
  std::printf("searches %zu median_ms %.3f p90_ms %.3f\n", milliseconds.size(), at(0.5), at(0.9));
  return 0;
}
