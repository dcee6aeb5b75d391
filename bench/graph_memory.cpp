// Bytes per node and per edge of the merged graph, measured on the heap (mallinfo2), for the
// documents given: the whole graph, then its nodes alone rebuilt into a second graph.
//
// usage: trialgraph_bench_graph_memory [--plugin-dir DIR] INPUT...
#include <malloc.h>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "pipeline.hpp"

namespace {

std::size_t heap_in_use() {
  struct mallinfo2 m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace trialgraph;
  std::vector<std::filesystem::path> inputs, plugin_dirs;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--plugin-dir" && i + 1 < argc) plugin_dirs.emplace_back(argv[++i]);
    else inputs.emplace_back(a);
  }
  if (inputs.empty()) {
    std::cerr << "usage: " << argv[0] << " [--plugin-dir DIR] INPUT...\n";
    return 2;
  }
  PluginRegistry plugins;
  for (const auto& dir : plugin_search_path(plugin_dirs)) plugins.load_directory(dir);
  std::vector<Problem> problems;
  std::vector<InputDocument> documents = collect_documents(inputs, problems);

  std::size_t before = heap_in_use();
  Graph graph;
  RunReport report = extract_documents(documents, plugins, graph);
  malloc_trim(0);
  std::size_t whole = heap_in_use() - before;

  std::size_t before_nodes = heap_in_use();
  {
    Graph nodes_only;
    graph.for_each_node([&](const Node& n) { nodes_only.add_node(n); });
    std::size_t nodes = heap_in_use() - before_nodes;
    std::size_t n = graph.node_count(), e = graph.edge_count();
    std::printf("documents %zu (failed %zu); nodes %zu, edges %zu\n", report.documents, report.failed, n, e);
    std::printf("graph heap %.1f MiB: %.0f bytes per node, %.0f bytes per edge (with their indexes)\n",
                whole / 1048576.0, double(nodes) / n, e ? double(whole - nodes) / e : 0.0);
  }
  return 0;
}
