// What the query engine needs from the graph, built once: nodes by label and by (label, key),
// out- and in-edges of every node (the store is directed and keeps only out-edges), and the
// properties as queries see them (those the GraphML export writes).
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "trialgraph/graph.hpp"
#include "trialgraph/query.hpp"
#include "value.hpp"

namespace trialgraph::query {

class GraphIndex {
 public:
  struct EdgeRecord {
    std::size_t from, to;
    const Edge* edge;
  };

  explicit GraphIndex(const Graph& graph);

  std::size_t node_count() const { return nodes_.size(); }
  const Node& node(std::size_t id) const { return *nodes_[id]; }
  const EdgeRecord& edge(std::size_t id) const { return edges_[id]; }
  const std::vector<std::size_t>& out_edges(std::size_t node) const { return out_[node]; }
  const std::vector<std::size_t>& in_edges(std::size_t node) const { return in_[node]; }
  /// Nodes with this label, in (key) order; empty for an unknown label.
  const std::vector<std::size_t>& nodes_with_label(const std::string& label) const;
  std::optional<std::size_t> find(const std::string& label, const std::string& key) const;

  /// n.name as Cypher sees it: key, name, sources (a list), aliases (a list, when there are any)
  /// and every property; null when the node lacks it.
  CypherValue node_property(std::size_t node, const std::string& name) const;
  CypherValue edge_property(std::size_t edge, const std::string& name) const;
  /// Every property of a node or relationship by name, as node_property gives them.
  std::vector<std::pair<std::string, CypherValue>> node_properties(std::size_t node) const;
  std::vector<std::pair<std::string, CypherValue>> edge_properties(std::size_t edge) const;

 private:
  std::vector<const Node*> nodes_;
  std::vector<EdgeRecord> edges_;
  std::vector<std::vector<std::size_t>> out_, in_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_label_;
  std::unordered_map<std::string, std::size_t> by_label_key_;
};

/// A property value of the graph model as a Cypher value (a list of strings as a list).
CypherValue to_cypher(const Value& value);
CypherValue to_cypher(const PropertyValue& value);

}  // namespace trialgraph::query
