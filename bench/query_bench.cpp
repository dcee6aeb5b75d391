// Load and query times of the embedded Cypher: loads a GraphML file, indexes it, then runs each
// query file several times and prints the fastest and median run.
// usage: trialgraph_bench_query GRAPH.graphml QUERY.cypher... [--runs N]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "trialgraph/graphml_reader.hpp"
#include "trialgraph/query.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s GRAPH.graphml QUERY.cypher... [--runs N]\n", argv[0]);
    return 2;
  }
  int runs = 5;
  std::vector<std::string> queries;
  for (int i = 2; i < argc; ++i) {
    if (std::string(argv[i]) == "--runs" && i + 1 < argc) runs = std::stoi(argv[++i]);
    else queries.push_back(argv[i]);
  }
  auto start = Clock::now();
  trialgraph::Graph graph = trialgraph::read_graphml_file(argv[1]);
  double load = ms_since(start);
  start = Clock::now();
  trialgraph::query::QueryEngine engine(graph);
  double index = ms_since(start);
  std::printf("load %.0f ms (%zu nodes, %zu edges), index %.1f ms\n", load, graph.node_count(), graph.edge_count(), index);
  for (const std::string& path : queries) {
    std::string text = slurp(path);
    std::vector<double> times;
    std::size_t rows = 0;
    for (int r = 0; r < runs; ++r) {
      start = Clock::now();
      rows = engine.run(text).rows.size();
      times.push_back(ms_since(start));
    }
    std::sort(times.begin(), times.end());
    std::printf("%-40s %5zu rows  min %7.2f ms  median %7.2f ms\n", path.substr(path.rfind('/') + 1).c_str(), rows,
                times.front(), times[times.size() / 2]);
  }
  return 0;
}
