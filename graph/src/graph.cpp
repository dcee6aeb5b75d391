#include "trialgraph/graph.hpp"

#include <algorithm>
#include <tuple>
#include <unordered_set>

#include "trialgraph/keys.hpp"

namespace trialgraph {
namespace {

std::string vertex_id(std::string_view label, std::string_view key) {
  std::string id(label);
  id.push_back('\x1f');
  id.append(key);
  return id;
}

void merge_properties(PropertyMap& into, const std::vector<Property>& props) {
  for (const Property& p : props) into.emplace(p.name, p.value);  // the first value stays
}

}  // namespace

std::size_t Graph::EdgeIdentityHash::operator()(const EdgeIdentity& e) const {
  std::size_t h = std::hash<std::string>()(e.type);
  h ^= std::hash<std::size_t>()(e.from) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  h ^= std::hash<std::size_t>()(e.to) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

Graph::Vertex Graph::merge_entity(const Entity& entity, std::string_view source) {
  auto [it, inserted] = vertex_by_id_.try_emplace(vertex_id(entity.label, entity.key));
  if (inserted) {
    it->second = boost::add_vertex(store_);
    Node& fresh = store_[it->second];
    fresh.label = entity.label;
    fresh.key = entity.key;
    fresh.name = entity.name.empty() ? entity.key : entity.name;
  }
  Node& node = store_[it->second];
  if (!entity.name.empty() && entity.name != node.name) node.aliases.insert(entity.name);
  for (const std::string& alias : entity.aliases)
    if (!alias.empty() && alias != node.name) node.aliases.insert(alias);
  node.sources.emplace(source);
  merge_properties(node.properties, entity.properties);
  return it->second;
}

bool Graph::merge_relation(const Relation& relation, std::string_view source) {
  auto from = vertex_by_id_.find(vertex_id(relation.from.label, relation.from.key));
  auto to = vertex_by_id_.find(vertex_id(relation.to.label, relation.to.key));
  if (from == vertex_by_id_.end() || to == vertex_by_id_.end()) return false;
  EdgeIdentity identity{from->second, to->second, relation.type};
  auto [it, inserted] = edge_by_identity_.try_emplace(identity);
  if (inserted) {
    it->second = boost::add_edge(from->second, to->second, store_).first;
    store_[it->second].type = relation.type;
  }
  Edge& edge = store_[it->second];
  edge.sources.emplace(source);
  merge_properties(edge.properties, relation.properties);
  return true;
}

Graph::Vertex Graph::merge_node(Node& node, const std::string& key) {
  auto [it, inserted] = vertex_by_id_.try_emplace(vertex_id(node.label, key));
  if (inserted) {
    it->second = boost::add_vertex(store_);
    node.key = key;
    store_[it->second] = std::move(node);
    return it->second;
  }
  Node& into = store_[it->second];
  if (node.name != into.name) into.aliases.insert(std::move(node.name));
  into.aliases.merge(node.aliases);
  into.aliases.erase(into.name);
  into.sources.merge(node.sources);
  into.properties.merge(node.properties);  // a property already set keeps its value
  return it->second;
}

void Graph::merge_edge(Vertex from, Vertex to, Edge& edge) {
  auto [it, inserted] = edge_by_identity_.try_emplace(EdgeIdentity{from, to, edge.type});
  if (inserted) {
    it->second = boost::add_edge(from, to, store_).first;
    store_[it->second] = std::move(edge);
    return;
  }
  Edge& into = store_[it->second];
  into.sources.merge(edge.sources);
  into.properties.merge(edge.properties);
}

std::size_t Graph::merge_named_into_coded(const std::string& label, const std::string& code_property) {
  std::unordered_map<std::string, Vertex> coded_by_form;
  std::unordered_set<std::string> ambiguous;
  for (Vertex v : boost::make_iterator_range(boost::vertices(store_))) {
    const Node& n = store_[v];
    if (n.label != label || !n.properties.count(code_property)) continue;
    std::set<std::string> forms{fold_text(n.name)};
    for (const std::string& a : n.aliases) forms.insert(fold_text(a));
    for (const std::string& form : forms)
      if (auto [it, fresh] = coded_by_form.emplace(form, v); !fresh && it->second != v) ambiguous.insert(form);
  }
  std::unordered_map<Vertex, Vertex> into;
  for (Vertex v : boost::make_iterator_range(boost::vertices(store_))) {
    const Node& n = store_[v];
    if (n.label != label || n.properties.count(code_property) || ambiguous.count(n.key)) continue;
    if (auto it = coded_by_form.find(n.key); it != coded_by_form.end()) into[v] = it->second;
  }
  if (into.empty()) return 0;
  // Rebuilt in export order, so the coded node's values come first and the result is the same
  // whatever order the documents came in.
  Graph merged;
  std::vector<Vertex> order = ordered_vertices();
  std::vector<std::string> keys(boost::num_vertices(store_));  // the old keys, read after the moves
  for (Vertex v : order) keys[v] = store_[v].key;
  std::vector<Vertex> now(boost::num_vertices(store_));
  for (Vertex v : order)
    if (!into.count(v)) now[v] = merged.merge_node(store_[v], keys[v]);
  for (Vertex v : order)
    if (auto it = into.find(v); it != into.end()) now[v] = merged.merge_node(store_[v], keys[it->second]);
  for (Vertex v : order) {
    std::vector<EdgeId> out(boost::out_edges(v, store_).first, boost::out_edges(v, store_).second);
    std::sort(out.begin(), out.end(), [&](const EdgeId& a, const EdgeId& b) {
      return std::tie(store_[a].type, keys[boost::target(a, store_)]) <
             std::tie(store_[b].type, keys[boost::target(b, store_)]);
    });
    for (const EdgeId& e : out) merged.merge_edge(now[v], now[boost::target(e, store_)], store_[e]);
  }
  *this = std::move(merged);
  return into.size();
}

Graph::Vertex Graph::add_node(Node node) {
  std::string key = node.key;
  return merge_node(node, key);
}

bool Graph::add_edge(const EntityRef& from, const EntityRef& to, Edge edge) {
  auto f = vertex_by_id_.find(vertex_id(from.label, from.key));
  auto t = vertex_by_id_.find(vertex_id(to.label, to.key));
  if (f == vertex_by_id_.end() || t == vertex_by_id_.end()) return false;
  merge_edge(f->second, t->second, edge);
  return true;
}

const Node* Graph::find(const std::string& label, const std::string& key) const {
  auto it = vertex_by_id_.find(vertex_id(label, key));
  return it == vertex_by_id_.end() ? nullptr : &store_[it->second];
}

std::vector<Graph::Vertex> Graph::ordered_vertices() const {
  std::vector<Vertex> order(boost::vertices(store_).first, boost::vertices(store_).second);
  std::sort(order.begin(), order.end(), [this](Vertex a, Vertex b) {
    const Node &x = store_[a], &y = store_[b];
    return std::tie(x.label, x.key) < std::tie(y.label, y.key);
  });
  return order;
}

void Graph::for_each_node(const std::function<void(const Node&)>& visit) const {
  for (Vertex v : ordered_vertices()) visit(store_[v]);
}

void Graph::for_each_edge(
    const std::function<void(const Node&, const Edge&, const Node&)>& visit) const {
  std::vector<Vertex> order = ordered_vertices();
  std::vector<std::size_t> rank(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  for (Vertex v : order) {
    std::vector<EdgeId> out(boost::out_edges(v, store_).first, boost::out_edges(v, store_).second);
    std::sort(out.begin(), out.end(), [&](const EdgeId& a, const EdgeId& b) {
      return std::make_tuple(std::cref(store_[a].type), rank[boost::target(a, store_)]) <
             std::make_tuple(std::cref(store_[b].type), rank[boost::target(b, store_)]);
    });
    for (const EdgeId& e : out) visit(store_[v], store_[e], store_[boost::target(e, store_)]);
  }
}

std::map<std::string, std::size_t> Graph::nodes_by_label() const {
  std::map<std::string, std::size_t> counts;
  for (Vertex v : boost::make_iterator_range(boost::vertices(store_))) ++counts[store_[v].label];
  return counts;
}

std::map<std::string, std::size_t> Graph::edges_by_type() const {
  std::map<std::string, std::size_t> counts;
  for (const EdgeId& e : boost::make_iterator_range(boost::edges(store_))) ++counts[store_[e].type];
  return counts;
}

}  // namespace trialgraph
