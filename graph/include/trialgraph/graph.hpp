// The knowledge graph: a Boost.Graph adjacency_list that merges entities by (label, key)
// and facts by (from, type, to), keeping every source document that said them.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <cstdint>
#include <initializer_list>

#include <boost/container/flat_map.hpp>
#include <boost/container/flat_set.hpp>
#include <optional>
#include <boost/graph/adjacency_list.hpp>

#include "trialgraph/detail/id_table.hpp"
#include "trialgraph/compact_text.hpp"
#include "trialgraph/entity.hpp"
#include "trialgraph/property_value.hpp"
#include "trialgraph/symbol.hpp"

namespace trialgraph {

/// Properties by name, iterated in name order so that exports are deterministic. A sorted vector:
/// a node holds a few dozen at most, and a tree node per property cost more than the value.
/// Names are symbols and values compact (16 bytes): a node's properties are most of its memory.
using PropertyMap = boost::container::flat_map<Symbol, PropertyValue, std::less<>>;

/// Properties shared by every edge that has the same ones, read like a PropertyMap. Relationships'
/// few properties repeat ({role: lead}, {section: conditions}), so each edge holds a pointer.
class SharedProperties {
 public:
  SharedProperties();
  SharedProperties(const PropertyMap& map);  // NOLINT: readers and tests assign their maps

  const PropertyMap& map() const { return *map_; }
  operator const PropertyMap&() const { return *map_; }  // NOLINT
  PropertyMap::const_iterator begin() const { return map_->begin(); }
  PropertyMap::const_iterator end() const { return map_->end(); }
  std::size_t size() const { return map_->size(); }
  bool empty() const { return map_->empty(); }
  PropertyMap::const_iterator find(std::string_view name) const { return map_->find(name); }
  std::size_t count(std::string_view name) const { return map_->count(name); }
  const PropertyValue& at(std::string_view name) const;

  /// These properties and those of `more` not set here yet (a set property keeps its value).
  SharedProperties merged(const PropertyMap& more) const;
  SharedProperties merged(const std::vector<Property>& more) const;

  friend bool operator==(const SharedProperties& a, const SharedProperties& b) { return a.map_ == b.map_; }

 private:
  explicit SharedProperties(const PropertyMap* map) : map_(map) {}
  template <class Properties>
  SharedProperties merged_with(const Properties& more) const;
  const PropertyMap* map_;
};

/// The source documents that said something, in name order. Interned: every node and edge with
/// the same sources shares one set (a whole bulk file's facts share one), so each holds a pointer.
class Sources {
 public:
  using Set = std::set<std::string>;
  Sources();
  Sources(const Set& names);  // NOLINT: readers assign their lists
  Sources(std::initializer_list<std::string> names) : Sources(Set(names)) {}

  const Set& set() const { return *set_; }
  operator const Set&() const { return *set_; }  // NOLINT
  Set::const_iterator begin() const { return set_->begin(); }
  Set::const_iterator end() const { return set_->end(); }
  std::size_t size() const { return set_->size(); }
  bool empty() const { return set_->empty(); }
  std::size_t count(std::string_view name) const;

  /// These sources and `name` / `other`'s (the same object when nothing is new).
  Sources with(std::string_view name) const;
  Sources with(const Sources& other) const;

  friend bool operator==(const Sources& a, const Sources& b) { return a.set_ == b.set_; }
  friend bool operator==(const Sources& a, const Set& b) { return *a.set_ == b; }

 private:
  explicit Sources(const Set* set) : set_(set) {}
  const Set* set_;
};

/// A node's other names, sorted: most nodes have none or one, so a vector, not a tree.
using Aliases = boost::container::flat_set<std::string>;

struct Node {
  Symbol label;
  CompactText key;
  CompactText name;
  Aliases aliases;  ///< other surface strings seen for this node
  Sources sources;
  PropertyMap properties;
};

struct Edge {
  Symbol type;
  Sources sources;
  SharedProperties properties;

  // Boost keeps each edge's properties in a heap object of its own: these come from slabs of
  // 24-byte slots (malloc would take 32 for each of millions). A freed slot is reused, not
  // given back to the system. Sanitizer builds use the ordinary heap, to check edges as before.
  static void* operator new(std::size_t size);
  static void operator delete(void* edge, std::size_t size) noexcept;
};

class Graph {
 public:
  // Edge properties live on the heap (Boost keeps them behind a pointer with vecS out-edges), so
  // the Edge pointers in the hub-edge index stay valid while edges are added.
  using Store = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, Node, Edge>;
  using Vertex = Store::vertex_descriptor;
  using EdgeId = Store::edge_descriptor;

  Graph() = default;
  Graph(const Graph&) = delete;  // the hub-edge index points into the store
  Graph& operator=(const Graph&) = delete;
  // Boost 1.74's adjacency_list declares a copy constructor and no move, so a defaulted move would
  // copy every vertex and edge and leave the hub-edge index pointing into the source: the store's
  // containers are moved instead, and the edges stay where the index points.
  Graph(Graph&& other) noexcept;
  Graph& operator=(Graph&& other) noexcept;

  /// Adds the entity or merges it into the node with the same label and key.
  /// A differing name becomes an alias; a property already set keeps its first value.
  Vertex merge_entity(const Entity& entity, std::string_view source);
  /// The same, taking the entity's strings and values instead of copying them.
  Vertex merge_entity(Entity&& entity, std::string_view source);

  /// Makes room for up to `most` nodes in all and indexes `fewest` without growing, when a run can
  /// tell how many are coming: a store grown by doubling is copied at every step, each time into
  /// memory the system must hand over afresh. Only a hint: room the system cannot give is not taken.
  void reserve_nodes(std::size_t most, std::size_t fewest);

  /// Gives back the spare room in the edge lists of the nodes merge_entity added since the last
  /// call. Called after each document: a trial's twenty relationships would otherwise sit in room
  /// for 32, and each node is trimmed once, so a node gaining edges document after document is not
  /// copied each time.
  void trim_fresh_edges();

  /// Adds the fact or merges it into the same (from, type, to) edge. False when an end is unknown.
  bool merge_relation(const Relation& relation, std::string_view source);
  bool merge_relation(Relation&& relation, std::string_view source);

  /// Merges one document's entities, then its relations, taking their contents. A relation's ends
  /// are looked up among the entities just merged before the graph's index: a document's relations
  /// name its own entities, and in a graph of millions of nodes each index probe is a cache miss.
  /// Returns how many relations had an unknown end (and were not merged).
  std::size_t merge_document(std::vector<Entity>& entities, std::vector<Relation>& relations,
                             std::string_view source);
  /// The same for a document whose entities' identity_hash and relations' ends (positions in
  /// `entities`) are known already (DocumentBuffer::finish): nothing is hashed or looked up again.
  std::size_t merge_document(std::vector<Entity>& entities, std::vector<Relation>& relations,
                             std::string_view source, const std::vector<std::uint64_t>& entity_hashes,
                             const std::vector<RelationEnds>& relation_ends);

  const Node* find(const std::string& label, const std::string& key) const;

  /// Adds a whole node, or merges it into the one with the same label and key: for readers that
  /// load a graph back (names, aliases, sources and typed properties as they were written).
  Vertex add_node(Node node);
  /// Adds a whole edge between two known nodes, or merges it into the same (from, type, to) edge.
  /// False when an end is unknown.
  bool add_edge(const EntityRef& from, const EntityRef& to, Edge edge);
  /// The node of this label and key, if there is one.
  std::optional<Vertex> vertex(std::string_view label, std::string_view key) const { return find_vertex(label, key); }
  /// add_edge(from, to, edge) for each (to, edge), taking them: for readers, which meet a node's
  /// edges together. A node with no edges yet takes them without a search among its edges.
  void add_edges_from(Vertex from, std::vector<std::pair<Vertex, Edge>>& edges);

  /// A node of `label` without `code_property`, keyed by its folded name, merges into the one node
  /// of that label with the code whose name or alias folds alike: a disease the legacy XML names
  /// ("Lung Neoplasms") and the one a v2 record codes (D008175). Returns how many nodes merged.
  /// The passes over the whole graph run on `jobs` threads (0: one per core).
  std::size_t merge_named_into_coded(const std::string& label, const std::string& code_property, unsigned jobs = 1);

  std::size_t node_count() const { return boost::num_vertices(store_); }
  std::size_t edge_count() const { return boost::num_edges(store_); }

  /// Nodes ordered by (label, key) and edges by (from, type, to): the export order.
  void for_each_node(const std::function<void(const Node&)>& visit) const;
  void for_each_edge(const std::function<void(const Node& from, const Edge&, const Node& to)>& visit) const;

  /// Sorts the export order now, on `jobs` threads (0: one per core). Until the graph changes, the
  /// range walks below may then run on several threads at once, as parallel writers do.
  void prepare_export_order(unsigned jobs = 1) const { ordered_vertices(jobs); }
  /// The nodes at export places [begin, end).
  void for_each_node(std::size_t begin, std::size_t end, const std::function<void(const Node&)>& visit) const;
  /// The edges leaving the nodes at export places [begin, end), in export order.
  void for_each_edge_from(std::size_t begin, std::size_t end,
                          const std::function<void(const Node& from, const Edge&, const Node& to)>& visit) const;
  /// How many edges leave the node at export place `place`.
  std::size_t out_degree_at(std::size_t place) const;

  /// Node counts by label and edge counts by type, for summaries.
  std::map<std::string, std::size_t> nodes_by_label() const;
  std::map<std::string, std::size_t> edges_by_type() const;

  const Store& store() const { return store_; }

 private:
  struct EdgeIdentity {
    std::uint32_t from, to, type;  // type: its index in edge_types_
    bool operator==(const EdgeIdentity& o) const { return from == o.from && to == o.to && type == o.type; }
  };
  struct EdgeIdentityHash {
    std::size_t operator()(const EdgeIdentity& e) const;
  };

  /// Vertices in (label, key) order, sorted on `jobs` threads when not yet; rank_[v] is v's place in it.
  const std::vector<Vertex>& ordered_vertices(unsigned jobs = 1) const;
  // Both take their argument's contents: they rebuild a graph from one about to be dropped.
  template <class E>
  Vertex merge_entity_impl(E&& entity, std::string_view source, std::uint64_t hash);
  template <class R>
  bool merge_relation_impl(R&& relation, std::string_view source);
  template <class R>
  void merge_relation_between(Vertex from, Vertex to, R&& relation, std::string_view source);
  Vertex merge_node(Node& node, const std::string& key);
  /// `node`'s names, sources and unset properties go to `into`.
  static void absorb(Node& into, Node&& node);
  void fold_vertices(const std::vector<Vertex>& into, unsigned jobs);
  void merge_folded_edges(const std::vector<Vertex>& into, const std::vector<std::uint32_t>& rank, unsigned jobs);
  void drop_folded_vertices(const std::vector<Vertex>& into, unsigned jobs);
  void merge_edge(Vertex from, Vertex to, Edge& edge);
  struct Ends {
    Vertex from, to;
  };
  /// A document's entities merged in order; their vertices, in the same order.
  std::vector<Vertex> merge_entities(std::vector<Entity>& entities, std::string_view source,
                                     const std::vector<std::uint64_t>& hashes);
  /// A document's relations merged in order, `ends_of(relation, i)` giving each one's vertices or
  /// nothing; returns how many had none. Vertices from `first_new` on are the document's own.
  template <class EndsOf>
  std::size_t merge_relations(std::vector<Relation>& relations, std::string_view source, Vertex first_new,
                              EndsOf ends_of);
  std::optional<Vertex> find_vertex(std::string_view label, std::string_view key) const;
  /// Brings what looking up each of these vertex hashes will read into the cache.
  void prefetch_vertices(const std::vector<std::uint64_t>& hashes) const;
  /// Brings a node's key, name and property list (blocks of their own) into the cache.
  static void prefetch_parts(const Node& n);
  std::optional<Vertex> find_vertex(std::string_view label, std::string_view key, std::uint64_t hash) const;
  Edge* find_edge(Vertex from, Vertex to, Symbol type);
  /// Finds the edge, or adds it with `type`; true when added.
  std::pair<Edge*, bool> edge_slot(Vertex from, Vertex to, Symbol type);
  std::uint32_t type_id(Symbol type);
  void index_hub_edge(Vertex from, Vertex to, Edge* edge);
  /// Indexes `v`'s edges, unless they are already.
  void index_hub(Vertex v);

  Store store_;
  detail::IdTable vertex_index_;  // vertices by (label, key)
  // Edges are found by scanning their source's out-edges; a vertex with this many gets them
  // indexed when first searched, so that a trial at a thousand sites does not scan a thousand
  // edges for each. A document's new vertices are never searched (merge_document): a trial that
  // no later document names again is never indexed.
  static constexpr std::size_t kHubDegree = 128;
  std::unordered_map<EdgeIdentity, Edge*, EdgeIdentityHash> hub_edges_;  // the edges of indexed_hubs_
  std::unordered_set<std::uint32_t> indexed_hubs_;
  std::unordered_map<Symbol, std::uint32_t> edge_types_;
  mutable std::vector<Vertex> order_;
  mutable std::vector<std::uint32_t> rank_;
  std::vector<std::uint32_t> fresh_vertices_;  // added by merge_entity since trim_fresh_edges
};

}  // namespace trialgraph
