#include "trialgraph/graph_algorithms.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include <boost/pending/disjoint_sets.hpp>

namespace trialgraph {
namespace {

// The edges arriving at each node, in the store's edge order (by source), as compressed rows: the
// store keeps only the edges leaving a node. 12 bytes an edge, where an undirected copy of the
// graph took about a hundred.
class InEdges {
 public:
  explicit InEdges(const Graph::Store& store) : start_(boost::num_vertices(store) + 1, 0) {
    for (const auto& e : boost::make_iterator_range(boost::edges(store))) ++start_[boost::target(e, store) + 1];
    for (std::size_t v = 1; v < start_.size(); ++v) start_[v] += start_[v - 1];
    arriving_.resize(start_.back());
    std::vector<std::size_t> next(start_.begin(), start_.end() - 1);
    for (const auto& e : boost::make_iterator_range(boost::edges(store)))
      arriving_[next[boost::target(e, store)]++] = {std::uint32_t(boost::source(e, store)), &store[e]};
  }
  struct Arriving {
    std::uint32_t from;
    const Edge* edge;
  };
  const Arriving* begin(Graph::Vertex v) const { return arriving_.data() + start_[v]; }
  const Arriving* end(Graph::Vertex v) const { return arriving_.data() + start_[v + 1]; }

 private:
  std::vector<std::size_t> start_;
  std::vector<Arriving> arriving_;
};

// Calls visit(neighbour, edge, forward) for each relationship at `v` in either direction, in the
// order an undirected view built from the store's edge list gives them: arriving from nodes
// before v, then leaving v, then arriving from nodes after it. (Paths stay what they were.)
template <class Visit>
void for_each_incident(const Graph::Store& store, const InEdges& in, Graph::Vertex v, Visit visit) {
  const InEdges::Arriving* a = in.begin(v);
  for (; a != in.end(v) && a->from < v; ++a) visit(Graph::Vertex(a->from), a->edge, false);
  for (const auto& e : boost::make_iterator_range(boost::out_edges(v, store))) visit(boost::target(e, store), &store[e], true);
  for (; a != in.end(v); ++a)
    if (a->from != v) visit(Graph::Vertex(a->from), a->edge, false);  // a loop was met leaving v
}

std::string folded(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

template <class Pred> std::vector<Graph::Vertex> nodes_where(const Graph& graph, Pred pred) {
  std::vector<Graph::Vertex> found;
  for (Graph::Vertex v : boost::make_iterator_range(boost::vertices(graph.store())))
    if (pred(graph.store()[v])) found.push_back(v);
  return found;
}

}  // namespace

std::vector<Graph::Vertex> find_nodes(const Graph& graph, const std::string& text) {
  std::size_t colon = text.find(':');
  if (colon != std::string::npos) {
    auto found = nodes_where(graph, [&](const Node& n) { return n.label == text.substr(0, colon) && n.key == text.substr(colon + 1); });
    if (!found.empty()) return found;
  }
  auto found = nodes_where(graph, [&](const Node& n) { return n.key == text; });
  if (found.empty()) found = nodes_where(graph, [&](const Node& n) { return n.name == text; });
  if (found.empty()) found = nodes_where(graph, [&](const Node& n) { return folded(n.name) == folded(text); });
  return found;
}

std::optional<std::vector<PathStep>> shortest_path(const Graph& graph, Graph::Vertex from, Graph::Vertex to) {
  const Graph::Store& store = graph.store();
  const InEdges in(store);
  struct Reached {
    Graph::Vertex previous;
    const Edge* edge = nullptr;
    bool forward = true;
  };
  std::vector<Reached> reached_by(boost::num_vertices(store));
  auto seen = [&](Graph::Vertex v) { return v == from || reached_by[v].edge; };
  std::vector<Graph::Vertex> queue{from};  // breadth first: a vector read from the front
  for (std::size_t next = 0; next < queue.size() && !seen(to); ++next) {
    const Graph::Vertex v = queue[next];
    for_each_incident(store, in, v, [&](Graph::Vertex u, const Edge* edge, bool forward) {
      if (seen(u)) return;
      reached_by[u] = {v, edge, forward};
      queue.push_back(u);
    });
  }
  if (!seen(to)) return std::nullopt;
  std::vector<PathStep> steps;
  for (Graph::Vertex v = to; v != from; v = reached_by[v].previous)
    steps.push_back({reached_by[v].edge->type, reached_by[v].forward, v});
  std::reverse(steps.begin(), steps.end());
  return steps;
}

// Degrees and components from one pass over the edges, with no undirected copy of the graph: at
// the registry's size that copy was 1.3 GiB beside the graph itself.
GraphStats graph_stats(const Graph& graph, std::size_t top) {
  GraphStats stats;
  stats.nodes_by_label = graph.nodes_by_label();
  stats.edges_by_type = graph.edges_by_type();
  const Graph::Store& store = graph.store();
  const std::size_t count = boost::num_vertices(store);
  std::vector<std::size_t> degree(count, 0);
  boost::disjoint_sets_with_storage<> components(count);
  for (Graph::Vertex v = 0; v < count; ++v) components.make_set(v);
  for (const auto& e : boost::make_iterator_range(boost::edges(store))) {
    const Graph::Vertex from = boost::source(e, store), to = boost::target(e, store);
    ++degree[from];
    ++degree[to];
    components.union_set(from, to);
  }
  std::vector<std::pair<Graph::Vertex, std::size_t>> degrees;
  for (Graph::Vertex v = 0; v < count; ++v) {
    degrees.emplace_back(v, degree[v]);
    if (degree[v] == 0) ++stats.isolated_nodes;
  }
  std::sort(degrees.begin(), degrees.end(), [&](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second > b.second;
    return std::tie(store[a.first].label, store[a.first].key) < std::tie(store[b.first].label, store[b.first].key);
  });
  degrees.resize(std::min(top, degrees.size()));
  stats.top_degrees = std::move(degrees);
  std::vector<std::size_t> sizes(count, 0);  // by representative
  for (Graph::Vertex v = 0; v < count; ++v) ++sizes[components.find_set(v)];
  sizes.erase(std::remove(sizes.begin(), sizes.end(), 0u), sizes.end());
  stats.components = sizes.size();
  std::sort(sizes.rbegin(), sizes.rend());
  sizes.resize(std::min(top, sizes.size()));
  stats.largest_components = std::move(sizes);
  return stats;
}

}  // namespace trialgraph
