// Searches a Dateline database through the installed library only: prints the
// total, the first hit's title, the JSON contract, and how a bad query fails.
#include <dateline/search_json.h>
#include <dateline/searcher.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: search_app DATABASE QUERY\n";
    return 1;
  }
  dateline::Searcher searcher(argv[1]);
  dateline::SearchRequest request;
  request.query = argv[2];
  request.facet_limit = 3;
  const dateline::SearchResponse response = searcher.search(request);
  std::cout << "total: " << response.total << "\n";
  if (!response.results.empty()) std::cout << "first: " << response.results.front().title << "\n";
  std::cout << "json: " << dateline::to_json(response) << "\n";
  try {
    request.query = "geneva AND";
    searcher.search(request);
  } catch (const dateline::QueryError& e) {
    std::cout << "query error: " << e.what() << "\n";
  }
  return 0;
}
