#include "graph_index.hpp"

#include <algorithm>

namespace trialgraph::query {
namespace {

std::string label_key(const std::string& label, const std::string& key) { return label + '\x1f' + key; }

template <class Items>  // a set or a sorted vector of names
CypherValue string_list(const Items& items) {
  CypherList list;
  for (const std::string& s : items) list.emplace_back(s);
  return CypherValue(std::move(list));
}

}  // namespace

CypherValue to_cypher(const Value& value) {
  return std::visit(
      [](const auto& v) -> CypherValue {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          CypherList list(v.begin(), v.end());
          return CypherValue(std::move(list));
        } else {
          return CypherValue(v);
        }
      },
      value);
}

CypherValue to_cypher(const PropertyValue& value) {
  if (value.is_text()) return CypherValue(std::string(value.text()));
  if (auto i = value.integer()) return CypherValue(*i);
  if (auto d = value.real()) return CypherValue(*d);
  if (auto b = value.boolean()) return CypherValue(*b);
  CypherList list;
  for (std::string_view item : *value.list()) list.emplace_back(std::string(item));
  return CypherValue(std::move(list));
}

GraphIndex::GraphIndex(const Graph& graph) {
  const Graph::Store& store = graph.store();
  std::size_t n = boost::num_vertices(store);
  nodes_.resize(n);
  out_.resize(n);
  in_.resize(n);
  for (std::size_t v = 0; v < n; ++v) {
    const Node& node = store[v];
    nodes_[v] = &node;
    by_label_[node.label].push_back(v);
    by_label_key_.emplace(label_key(node.label, node.key), v);
    for (const auto& e : boost::make_iterator_range(boost::out_edges(v, store))) {
      std::size_t to = boost::target(e, store), id = edges_.size();
      edges_.push_back({v, to, &store[e]});
      out_[v].push_back(id);
      in_[to].push_back(id);
    }
  }
  for (auto& [label, ids] : by_label_)
    std::sort(ids.begin(), ids.end(), [this](std::size_t a, std::size_t b) { return nodes_[a]->key < nodes_[b]->key; });
}

const std::vector<std::size_t>& GraphIndex::nodes_with_label(const std::string& label) const {
  static const std::vector<std::size_t> kNone;
  auto it = by_label_.find(label);
  return it == by_label_.end() ? kNone : it->second;
}

std::optional<std::size_t> GraphIndex::find(const std::string& label, const std::string& key) const {
  auto it = by_label_key_.find(label_key(label, key));
  if (it == by_label_key_.end()) return std::nullopt;
  return it->second;
}

CypherValue GraphIndex::node_property(std::size_t id, const std::string& name) const {
  const Node& n = *nodes_[id];
  if (name == "key") return CypherValue(n.key.str());
  if (name == "name") return CypherValue(n.name.str());
  if (name == "sources") return string_list(n.sources);
  if (name == "aliases") return n.aliases.empty() ? CypherValue() : string_list(n.aliases);
  auto it = n.properties.find(name);
  return it == n.properties.end() ? CypherValue() : to_cypher(it->second);
}

CypherValue GraphIndex::edge_property(std::size_t id, const std::string& name) const {
  const Edge& e = *edges_[id].edge;
  if (name == "sources") return string_list(e.sources);
  auto it = e.properties.find(name);
  return it == e.properties.end() ? CypherValue() : to_cypher(it->second);
}

std::vector<std::pair<std::string, CypherValue>> GraphIndex::node_properties(std::size_t id) const {
  const Node& n = *nodes_[id];
  std::vector<std::pair<std::string, CypherValue>> props = {{"key", n.key.str()}, {"name", n.name.str()}, {"sources", string_list(n.sources)}};
  if (!n.aliases.empty()) props.emplace_back("aliases", string_list(n.aliases));
  for (const auto& [name, value] : n.properties) props.emplace_back(name, to_cypher(value));
  std::sort(props.begin(), props.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return props;
}

std::vector<std::pair<std::string, CypherValue>> GraphIndex::edge_properties(std::size_t id) const {
  const Edge& e = *edges_[id].edge;
  std::vector<std::pair<std::string, CypherValue>> props = {{"sources", string_list(e.sources)}};
  for (const auto& [name, value] : e.properties) props.emplace_back(name, to_cypher(value));
  std::sort(props.begin(), props.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return props;
}

}  // namespace trialgraph::query
