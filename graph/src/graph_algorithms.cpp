#include "trialgraph/graph_algorithms.hpp"

#include <algorithm>
#include <cctype>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/pending/disjoint_sets.hpp>

namespace trialgraph {
namespace {

// The directed store seen as undirected; each edge remembers its relationship and its tail.
struct UndirectedEdge {
  const Edge* edge = nullptr;
  Graph::Vertex tail = 0;
};
using Undirected = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property, UndirectedEdge>;

Undirected undirected_view(const Graph& graph) {
  const Graph::Store& store = graph.store();
  Undirected view(boost::num_vertices(store));
  for (const auto& e : boost::make_iterator_range(boost::edges(store)))
    boost::add_edge(boost::source(e, store), boost::target(e, store), UndirectedEdge{&store[e], boost::source(e, store)}, view);
  return view;
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
  Undirected view = undirected_view(graph);
  using UEdge = Undirected::edge_descriptor;
  std::vector<UEdge> reached_by(boost::num_vertices(view));
  constexpr std::size_t kUnreached = std::size_t(-1);
  std::vector<std::size_t> hops(boost::num_vertices(view), kUnreached);
  hops[from] = 0;
  auto mark = boost::make_bfs_visitor(std::make_pair(boost::record_edge_predecessors(reached_by.data(), boost::on_tree_edge()),
                                                     boost::record_distances(hops.data(), boost::on_tree_edge())));
  boost::breadth_first_search(view, from, boost::visitor(mark));
  if (hops[to] == kUnreached) return std::nullopt;
  std::vector<PathStep> steps;
  for (Graph::Vertex v = to; v != from;) {
    const UEdge& e = reached_by[v];
    Graph::Vertex previous = boost::source(e, view) == v ? boost::target(e, view) : boost::source(e, view);
    steps.push_back({view[e].edge->type, view[e].tail == previous, v});
    v = previous;
  }
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
