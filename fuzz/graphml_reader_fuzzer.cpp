// libFuzzer target: the GraphML reader behind `trialgraph query` (graph/src/graphml_reader.cpp).
// Anything it accepts is written back with write_graphml and must read again to the same counts.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "trialgraph/exporters.hpp"
#include "trialgraph/graphml_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  trialgraph::Graph graph;
  try {
    graph = trialgraph::read_graphml(in);
  } catch (const trialgraph::GraphmlReadError&) {
    return 0;  // refused, with a reason: fine
  }
  std::ostringstream out;
  trialgraph::write_graphml(graph, out);
  std::istringstream again(out.str());
  trialgraph::Graph reread;
  try {
    reread = trialgraph::read_graphml(again);
  } catch (const trialgraph::GraphmlReadError&) {
    __builtin_trap();  // what trialgraph writes, trialgraph reads
  }
  if (reread.node_count() != graph.node_count() || reread.edge_count() != graph.edge_count()) __builtin_trap();
  return 0;
}
