// Questions a query language answers clumsily, over the graph viewed as undirected: finding a
// node by key or name, shortest paths (breadth first), degrees, connected components (Boost's
// disjoint sets).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "trialgraph/graph.hpp"

namespace trialgraph {

/// The nodes a user means by `text`: `Label:key`, else a node's key, else its name (exactly, then
/// ignoring case). Several when ambiguous, none when unknown.
std::vector<Graph::Vertex> find_nodes(const Graph& graph, const std::string& text);

/// One relationship crossed on a path; `forward` when it points along the path.
struct PathStep {
  std::string type;
  bool forward = true;
  Graph::Vertex to;
};

/// The steps of a shortest path from `from` to `to`, relationships taken in either direction
/// (breadth-first search); nothing when they are not connected. Empty when from == to.
std::optional<std::vector<PathStep>> shortest_path(const Graph& graph, Graph::Vertex from, Graph::Vertex to);

struct GraphStats {
  std::map<std::string, std::size_t> nodes_by_label, edges_by_type;
  /// Nodes by degree (in + out), highest first, ties by label and key.
  std::vector<std::pair<Graph::Vertex, std::size_t>> top_degrees;
  std::size_t isolated_nodes = 0;  ///< degree 0
  std::size_t components = 0;      ///< connected components of the undirected view
  std::vector<std::size_t> largest_components;  ///< their sizes, largest first
};

GraphStats graph_stats(const Graph& graph, std::size_t top = 10);

}  // namespace trialgraph
