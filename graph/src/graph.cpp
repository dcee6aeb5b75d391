#include "trialgraph/graph.hpp"

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <unordered_set>
#include <variant>

#include "trialgraph/detail/shares.hpp"
#include "trialgraph/keys.hpp"
#include "trialgraph/repeats.hpp"

namespace trialgraph {
namespace {

// Whole-graph passes run on threads, each over a share of the vertices (or of their places in the
// export order) of at least this many: fewer are not worth a thread.
constexpr std::size_t kVerticesPerShare = 1 << 14;
constexpr std::size_t kPlacesPerShare = 1 << 16;

// A new node's properties, put in order once and appended, rather than each inserted in its place
// (a trial's forty moved along forty times over); of two with one name, the first stays.
template <class Props>
void fill_properties(PropertyMap& into, Props&& props) {
  struct Named {
    Symbol name;
    std::uint32_t index;
    bool operator<(const Named& o) const { return name < o.name || (name == o.name && index < o.index); }
  };
  thread_local std::vector<Named> order;  // the merging thread's, kept for the next node
  order.clear();
  for (std::size_t i = 0; i < props.size(); ++i) order.push_back({Symbol(props[i].name), std::uint32_t(i)});
  std::sort(order.begin(), order.end());
  into.reserve(props.size());  // no slack from growing one by one
  for (std::size_t k = 0; k < order.size(); ++k) {
    if (k > 0 && order[k].name == order[k - 1].name) continue;
    auto& p = props[order[k].index];
    if constexpr (std::is_rvalue_reference_v<Props&&>) into.emplace_hint(into.end(), order[k].name, std::move(p.value));
    else into.emplace_hint(into.end(), order[k].name, p.value);
  }
}

// The first value stays; looking first spares a copy. Moves the values when given an rvalue.
template <class Props>
void merge_properties(PropertyMap& into, Props&& props) {
  if (into.empty()) return fill_properties(into, std::forward<Props>(props));
  for (auto& p : props) {
    Symbol name(p.name);  // interned once: the search below compares interned names, once
    auto at = into.lower_bound(name);
    if (at != into.end() && at->first == name) continue;
    if constexpr (std::is_rvalue_reference_v<Props&&>) into.emplace_hint(at, name, std::move(p.value));
    else into.emplace_hint(at, name, p.value);
  }
}

// Every distinct set of sources, once, for the life of the process; and the sets one more source
// leads to, so that adding a source already seen together is one lookup.
class SourcePool {
 public:
  static SourcePool& instance() {
    static SourcePool* pool = new SourcePool;  // never destroyed: sets outlive every graph
    return *pool;
  }
  const Sources::Set* empty() { return &*sets_.begin(); }

  const Sources::Set* with(const Sources::Set* base, std::string_view name) {
    // A document's nodes and edges mostly take the same step (no source yet, plus the document's):
    // each thread remembers its last one, so that step costs no lock, no key and no hash.
    thread_local struct {
      const Sources::Set* base = nullptr;
      std::string name;
      const Sources::Set* result = nullptr;
    } last;
    if (last.base == base && last.name == name) return last.result;
    const Sources::Set* result = with_locked(base, name);
    last.base = base;
    last.name.assign(name);
    last.result = result;
    return result;
  }

  const Sources::Set* intern(const Sources::Set& set) {
    std::lock_guard<std::mutex> lock(mutex_);
    return &*sets_.insert(set).first;
  }

 private:
  SourcePool() { sets_.insert(Sources::Set()); }

  const Sources::Set* with_locked(const Sources::Set* base, std::string_view name) {
    std::lock_guard<std::mutex> lock(mutex_);
    step_.assign(reinterpret_cast<const char*>(&base), sizeof base).append(name);
    auto found = steps_.find(step_);
    if (found != steps_.end()) return found->second;
    Sources::Set grown = *base;
    grown.emplace(name);
    const Sources::Set* result = &*sets_.insert(std::move(grown)).first;
    steps_.emplace(step_, result);
    return result;
  }

  std::mutex mutex_;
  std::set<Sources::Set> sets_;
  std::unordered_map<std::string, const Sources::Set*> steps_;  // base pointer bytes + name
  std::string step_;
};

std::uint64_t mix(std::uint64_t h, std::uint64_t v) { return (h ^ v) * 0x100000001b3ULL + (h >> 29); }

struct PropertyMapHash {
  std::size_t operator()(const PropertyMap& map) const {
    std::hash<std::string_view> text;
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const auto& [name, value] : map) {
      h = mix(h, text(name));
      h = mix(h, std::size_t(value.kind()));
      if (value.is_text()) h = mix(h, text(value.text()));
      else if (auto list = value.list()) for (std::string_view item : *list) h = mix(h, text(item));
      else if (const auto* i = value.integer()) h = mix(h, std::hash<std::int64_t>()(*i));
      else if (const auto* d = value.real()) h = mix(h, std::hash<double>()(*d));
      else if (const auto* b = value.boolean()) h = mix(h, *b);
    }
    return std::size_t(h);
  }
};

// Every distinct map of edge properties, once, for the life of the process (as sources are).
class PropertyPool {
 public:
  static PropertyPool& instance() {
    static PropertyPool* pool = new PropertyPool;  // never destroyed: maps outlive every graph
    return *pool;
  }
  const PropertyMap* empty() const { return empty_; }
  const PropertyMap* intern(PropertyMap&& map) {
    if (map.empty()) return empty_;
    map.shrink_to_fit();
    std::lock_guard<std::mutex> lock(mutex_);
    return &*maps_.insert(std::move(map)).first;
  }

 private:
  PropertyPool() : empty_(&*maps_.emplace().first) {}
  std::mutex mutex_;
  std::unordered_set<PropertyMap, PropertyMapHash> maps_;  // node-based: addresses stay
  const PropertyMap* empty_;
};

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kEdgeSlabs = false;
#else
constexpr bool kEdgeSlabs = true;
#endif

// Fixed-size slots carved from large blocks, with a free list threaded through the freed ones.
class EdgeSlabs {
 public:
  static EdgeSlabs& instance() {
    static EdgeSlabs* slabs = new EdgeSlabs;  // never destroyed: edges may outlive static teardown
    return *slabs;
  }
  void* allocate() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (free_) {
      void* slot = free_;
      free_ = *static_cast<void**>(slot);
      return slot;
    }
    if (used_ == kSlotsPerBlock) {
      blocks_.push_back(std::make_unique<Slot[]>(kSlotsPerBlock));
      used_ = 0;
    }
    return &blocks_.back()[used_++];
  }
  void release(void* slot) {
    std::lock_guard<std::mutex> lock(mutex_);
    *static_cast<void**>(slot) = free_;
    free_ = slot;
  }

 private:
  struct alignas(alignof(Edge)) Slot {
    unsigned char bytes[sizeof(Edge)];
  };
  static_assert(sizeof(Slot) >= sizeof(void*), "a free slot holds the next one's address");
  static constexpr std::size_t kSlotsPerBlock = 1 << 14;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Slot[]>> blocks_;
  std::size_t used_ = kSlotsPerBlock;
  void* free_ = nullptr;
};

}  // namespace

void* Edge::operator new(std::size_t size) {
  if (!kEdgeSlabs || size != sizeof(Edge)) return ::operator new(size);
  return EdgeSlabs::instance().allocate();
}

void Edge::operator delete(void* edge, std::size_t size) noexcept {
  if (!edge) return;
  if (!kEdgeSlabs || size != sizeof(Edge)) return ::operator delete(edge);
  EdgeSlabs::instance().release(edge);
}

SharedProperties::SharedProperties() : map_(PropertyPool::instance().empty()) {}
SharedProperties::SharedProperties(const PropertyMap& map) : map_(PropertyPool::instance().intern(PropertyMap(map))) {}

const PropertyValue& SharedProperties::at(std::string_view name) const {
  auto found = map_->find(name);
  if (found == map_->end()) throw std::out_of_range("no property '" + std::string(name) + "'");
  return found->second;
}

namespace {
std::pair<const Symbol&, const PropertyValue&> name_and_value(const PropertyMap::value_type& p) {
  return {p.first, p.second};
}
std::pair<const std::string&, const Value&> name_and_value(const Property& p) { return {p.name, p.value}; }
}  // namespace

template <class Properties>
SharedProperties SharedProperties::merged_with(const Properties& more) const {
  bool news = std::any_of(more.begin(), more.end(),
                          [&](const auto& p) { return !map_->count(name_and_value(p).first); });
  if (!news) return *this;
  PropertyMap grown = *map_;
  grown.reserve(grown.size() + more.size());
  for (const auto& p : more) {
    auto [name, value] = name_and_value(p);
    grown.emplace(name, value);  // a name already there keeps its value
  }
  return SharedProperties(PropertyPool::instance().intern(std::move(grown)));
}

SharedProperties SharedProperties::merged(const PropertyMap& more) const { return merged_with(more); }
SharedProperties SharedProperties::merged(const std::vector<Property>& more) const {
  // A new edge's properties mostly repeat (a site's status, a sponsor's role, a disease's
  // section): each thread remembers the map the last list of texts in each of 256 slots made, so
  // that a repeat costs a hash and a compare, not a map built and looked up in the pool.
  if (more.empty() || map_ != PropertyPool::instance().empty()) return merged_with(more);
  thread_local std::string key;
  key.clear();
  for (const Property& p : more) {
    const auto* text = std::get_if<std::string>(&p.value);
    if (!text) return merged_with(more);
    for (std::string_view part : {std::string_view(p.name), std::string_view(*text)}) {
      const auto size = std::uint32_t(part.size());
      key.append(reinterpret_cast<const char*>(&size), sizeof size).append(part);
    }
  }
  struct Slot {
    std::string key;
    const PropertyMap* map = nullptr;
  };
  thread_local std::array<Slot, 256> recent;
  Slot& slot = recent[std::hash<std::string_view>()(key) & 255];
  if (slot.map && slot.key == key) return SharedProperties(slot.map);
  SharedProperties made = merged_with(more);
  slot.key = key;
  slot.map = made.map_;  // the pool's maps live as long as the process
  return made;
}

Sources::Sources() : set_(SourcePool::instance().empty()) {}
Sources::Sources(const Set& names) : set_(SourcePool::instance().intern(names)) {}

std::size_t Sources::count(std::string_view name) const {
  // Sets are small (most hold one name): a scan beats making a string to look it up.
  return std::any_of(set_->begin(), set_->end(), [&](const std::string& s) { return s == name; });
}

Sources Sources::with(std::string_view name) const {
  if (count(name)) return *this;
  return Sources(SourcePool::instance().with(set_, name));
}

Sources Sources::with(const Sources& other) const {
  Sources merged = *this;
  for (const std::string& name : other) merged = merged.with(name);
  return merged;
}

std::size_t Graph::EdgeIdentityHash::operator()(const EdgeIdentity& e) const {
  std::uint64_t h = (std::uint64_t(e.from) << 32 | e.to) * 0x9e3779b97f4a7c15ULL;
  return std::size_t(h ^ (h >> 29) ^ (std::uint64_t(e.type) * 0xc2b2ae3d27d4eb4fULL));
}

std::optional<Graph::Vertex> Graph::find_vertex(std::string_view label, std::string_view key,
                                                std::uint64_t hash) const {
  auto v = vertex_index_.find(hash, [&](std::uint32_t id) {
    const Node& n = store_[id];
    return n.key == key && n.label == label;
  });
  if (!v) return std::nullopt;
  return Vertex(*v);
}

void Graph::prefetch_vertices(const std::vector<std::uint64_t>& hashes) const {
  // In a graph of millions of nodes, each step of a lookup (the index slot, the node, its key's
  // text; then the name and properties merging reads) is a cache miss. Asked for all at once, a step at a time for every entity of the
  // document, the misses overlap instead of coming one after another.
  for (std::uint64_t hash : hashes) vertex_index_.prefetch(hash);
  for (std::uint64_t hash : hashes)
    vertex_index_.for_each_candidate(hash, [&](std::uint32_t v) { __builtin_prefetch(&store_.m_vertices[v]); });
  for (std::uint64_t hash : hashes)
    vertex_index_.for_each_candidate(hash, [&](std::uint32_t v) { prefetch_parts(store_[v]); });
}

// A node's key, name and property list are blocks of their own: lookups compare the first two,
// merging and exporting read all three.
void Graph::prefetch_parts(const Node& n) {
  __builtin_prefetch(n.key.data());
  __builtin_prefetch(n.name.data());
  if (!n.properties.empty()) __builtin_prefetch(&*n.properties.begin());
}

std::optional<Graph::Vertex> Graph::find_vertex(std::string_view label, std::string_view key) const {
  return find_vertex(label, key, identity_hash(label, key));
}

Edge* Graph::find_edge(Vertex from, Vertex to, Symbol type) {
  auto& out = store_.m_vertices[from].m_out_edges;
  if (out.size() < kHubDegree) {
    // A handful of edges, next to the vertex just looked up: a scan beats a global index.
    for (auto& e : out)
      if (e.get_target() == to && e.get_property().type == type) return &e.get_property();
    return nullptr;
  }
  index_hub(from);
  auto type_id = edge_types_.find(type);
  if (type_id == edge_types_.end()) return nullptr;
  auto it = hub_edges_.find(EdgeIdentity{std::uint32_t(from), std::uint32_t(to), type_id->second});
  return it == hub_edges_.end() ? nullptr : it->second;
}

std::pair<Edge*, bool> Graph::edge_slot(Vertex from, Vertex to, Symbol type) {
  if (Edge* found = find_edge(from, to, type)) return {found, false};
  EdgeId e = boost::add_edge(from, to, store_).first;
  Edge* edge = &store_[e];
  edge->type = type;
  // A vertex is indexed once a search finds it with kHubDegree edges: it has more now.
  if (store_.m_vertices[from].m_out_edges.size() > kHubDegree && indexed_hubs_.count(std::uint32_t(from)))
    index_hub_edge(from, to, edge);
  return {edge, true};
}

std::uint32_t Graph::type_id(Symbol type) {
  return edge_types_.try_emplace(type, std::uint32_t(edge_types_.size())).first->second;
}

void Graph::index_hub_edge(Vertex from, Vertex to, Edge* edge) {
  hub_edges_.emplace(EdgeIdentity{std::uint32_t(from), std::uint32_t(to), type_id(edge->type)}, edge);
}

void Graph::index_hub(Vertex v) {
  if (!indexed_hubs_.insert(std::uint32_t(v)).second) return;
  for (auto& stored : store_.m_vertices[v].m_out_edges) index_hub_edge(v, stored.get_target(), &stored.get_property());
}

Graph::Graph(Graph&& other) noexcept { *this = std::move(other); }

Graph& Graph::operator=(Graph&& other) noexcept {
  if (this == &other) return *this;
  // adjacency_list::swap copies too: its vertex and edge containers are moved instead, so each
  // edge's heap object, where the hub-edge index points, stays where it is.
  store_.clear();
  store_.m_vertices = std::move(other.store_.m_vertices);
  store_.m_edges = std::move(other.store_.m_edges);
  other.store_.clear();
  vertex_index_ = std::move(other.vertex_index_);
  hub_edges_ = std::move(other.hub_edges_);
  indexed_hubs_ = std::move(other.indexed_hubs_);
  edge_types_ = std::move(other.edge_types_);
  order_ = std::move(other.order_);
  rank_ = std::move(other.rank_);
  fresh_vertices_ = std::move(other.fresh_vertices_);
  other.vertex_index_.clear();  // the source is left an empty graph
  other.hub_edges_.clear();
  other.indexed_hubs_.clear();
  other.edge_types_.clear();
  other.order_.clear();
  other.rank_.clear();
  other.fresh_vertices_.clear();
  return *this;
}

void Graph::reserve_nodes(std::size_t most, std::size_t fewest) {
  try {
    store_.m_vertices.reserve(most);  // address space only: pages are touched as nodes arrive
    vertex_index_.reserve(fewest);    // zeroed slots: touched now
  } catch (const std::bad_alloc&) {
  } catch (const std::length_error&) {
  }
}

void Graph::trim_fresh_edges() {
  for (std::uint32_t v : fresh_vertices_)
    if (v < boost::num_vertices(store_)) store_.m_vertices[v].m_out_edges.shrink_to_fit();
  fresh_vertices_.clear();
}

Graph::Vertex Graph::merge_entity(const Entity& entity, std::string_view source) {
  return merge_entity_impl(entity, source, identity_hash(entity.label, entity.key));
}
Graph::Vertex Graph::merge_entity(Entity&& entity, std::string_view source) {
  return merge_entity_impl(std::move(entity), source, identity_hash(entity.label, entity.key));
}
bool Graph::merge_relation(const Relation& relation, std::string_view source) {
  return merge_relation_impl(relation, source);
}
bool Graph::merge_relation(Relation&& relation, std::string_view source) {
  return merge_relation_impl(std::move(relation), source);
}

template <class E>
Graph::Vertex Graph::merge_entity_impl(E&& entity, std::string_view source, std::uint64_t hash) {
  std::optional<Vertex> found = find_vertex(entity.label, entity.key, hash);
  Vertex v;
  if (found) {
    v = *found;
  } else {
    v = boost::add_vertex(store_);
    vertex_index_.insert(hash, std::uint32_t(v));
    fresh_vertices_.push_back(std::uint32_t(v));
    Node& fresh = store_[v];
    fresh.label = entity.label;
    fresh.key = entity.key;
    fresh.name = entity.name.empty() ? entity.key : entity.name;
  }
  Node& node = store_[v];
  if (!entity.name.empty() && entity.name != node.name && !node.aliases.count(entity.name))
    node.aliases.insert(entity.name);
  for (const std::string& alias : entity.aliases)
    if (!alias.empty() && alias != node.name && !node.aliases.count(alias)) node.aliases.insert(alias);
  node.sources = node.sources.with(source);
  merge_properties(node.properties, std::forward<E>(entity).properties);
  return v;
}

template <class R>
bool Graph::merge_relation_impl(R&& relation, std::string_view source) {
  std::optional<Vertex> from = find_vertex(relation.from.label, relation.from.key);
  if (!from) return false;
  std::optional<Vertex> to = find_vertex(relation.to.label, relation.to.key);
  if (!to) return false;
  merge_relation_between(*from, *to, std::forward<R>(relation), source);
  return true;
}

template <class R>
void Graph::merge_relation_between(Vertex from, Vertex to, R&& relation, std::string_view source) {
  Edge& edge = *edge_slot(from, to, relation.type).first;
  edge.sources = edge.sources.with(source);
  edge.properties = edge.properties.merged(relation.properties);
}

std::vector<Graph::Vertex> Graph::merge_entities(std::vector<Entity>& entities, std::string_view source,
                                                 const std::vector<std::uint64_t>& hashes) {
  prefetch_vertices(hashes);
  std::vector<Vertex> vertices(entities.size());
  for (std::size_t i = 0; i < entities.size(); ++i) vertices[i] = merge_entity_impl(std::move(entities[i]), source, hashes[i]);
  return vertices;
}

std::size_t Graph::merge_document(std::vector<Entity>& entities, std::vector<Relation>& relations,
                                  std::string_view source) {
  const Vertex first_new = boost::num_vertices(store_);
  std::vector<std::uint64_t> hashes(entities.size());
  for (std::size_t i = 0; i < entities.size(); ++i) hashes[i] = identity_hash(entities[i].label, entities[i].key);
  const std::vector<Vertex> vertices = merge_entities(entities, source, hashes);
  struct Merged {
    std::uint64_t hash;
    std::string_view label, key;  // the entity's own strings: merging took only its properties
    Vertex vertex;
    bool operator<(const Merged& o) const { return hash < o.hash; }
  };
  std::vector<Merged> merged;
  merged.reserve(entities.size());
  for (std::size_t i = 0; i < entities.size(); ++i) merged.push_back({hashes[i], entities[i].label, entities[i].key, vertices[i]});
  std::sort(merged.begin(), merged.end());
  auto find_end = [&](const EntityRef& ref) -> std::optional<Vertex> {
    std::uint64_t hash = identity_hash(ref.label, ref.key);
    for (auto it = std::lower_bound(merged.begin(), merged.end(), Merged{hash, {}, {}, 0});
         it != merged.end() && it->hash == hash; ++it)
      if (it->label == ref.label && it->key == ref.key) return it->vertex;
    return find_vertex(ref.label, ref.key, hash);
  };
  return merge_relations(relations, source, first_new, [&](const Relation& r, std::size_t) -> std::optional<Ends> {
    std::optional<Vertex> from = find_end(r.from), to = from ? find_end(r.to) : std::nullopt;
    if (!to) return std::nullopt;
    return Ends{*from, *to};
  });
}

std::size_t Graph::merge_document(std::vector<Entity>& entities, std::vector<Relation>& relations,
                                  std::string_view source, const std::vector<std::uint64_t>& entity_hashes,
                                  const std::vector<RelationEnds>& relation_ends) {
  if (entity_hashes.size() != entities.size() || relation_ends.size() != relations.size())
    return merge_document(entities, relations, source);
  const Vertex first_new = boost::num_vertices(store_);
  const std::vector<Vertex> vertices = merge_entities(entities, source, entity_hashes);
  return merge_relations(relations, source, first_new, [&](const Relation&, std::size_t i) -> std::optional<Ends> {
    const RelationEnds& ends = relation_ends[i];
    if (ends.from >= vertices.size() || ends.to >= vertices.size()) return std::nullopt;
    return Ends{vertices[ends.from], vertices[ends.to]};
  });
}

template <class EndsOf>
std::size_t Graph::merge_relations(std::vector<Relation>& relations, std::string_view source, Vertex first_new,
                                   EndsOf ends_of) {
  // A node this document created has only this document's edges: a repeated fact is found among
  // them, not by searching the node's edges or indexing them (a trial at hundreds of sites). The
  // type is interned: the same pointer for the same type.
  std::vector<std::tuple<std::uint32_t, std::uint32_t, const std::string*>> facts;
  std::vector<std::uint32_t> stated;  // the relation stating each fact
  std::size_t unknown = 0;
  for (std::size_t i = 0; i < relations.size(); ++i) {
    Relation& r = relations[i];
    std::optional<Ends> ends = ends_of(r, i);
    if (!ends) {
      ++unknown;
    } else if (ends->from < first_new) {
      merge_relation_between(ends->from, ends->to, std::move(r), source);
    } else {
      facts.emplace_back(std::uint32_t(ends->from), std::uint32_t(ends->to), &Symbol(r.type).str());
      stated.push_back(std::uint32_t(i));
    }
  }
  // The first relation of each (from, to, type) adds the edge, in the relations' order; the
  // others merge into it.
  const std::vector<std::uint32_t> first = first_equal(facts);
  std::vector<Edge*> edge_of(facts.size(), nullptr);
  for (std::size_t k = 0; k < facts.size(); ++k) {
    const auto& [from, to, type] = facts[k];
    Edge*& edge = edge_of[first[k]];
    if (!edge) {
      edge = &store_[boost::add_edge(from, to, store_).first];
      edge->type = Symbol(*type);
    }
    Relation& r = relations[stated[k]];
    edge->sources = edge->sources.with(source);
    edge->properties = edge->properties.merged(r.properties);
  }
  return unknown;
}

void Graph::absorb(Node& into, Node&& node) {
  if (node.name != into.name) into.aliases.insert(std::move(node.name));
  into.aliases.merge(node.aliases);
  into.aliases.erase(into.name);
  into.sources = into.sources.with(node.sources);
  into.properties.merge(node.properties);  // a property already set keeps its value
}

Graph::Vertex Graph::merge_node(Node& node, const std::string& key) {
  const std::uint64_t hash = identity_hash(node.label, key);
  if (std::optional<Vertex> found = find_vertex(node.label, key, hash)) {
    absorb(store_[*found], std::move(node));
    return *found;
  }
  Vertex v = boost::add_vertex(store_);
  vertex_index_.insert(hash, std::uint32_t(v));
  node.key = key;
  store_[v] = std::move(node);
  return v;
}

void Graph::merge_edge(Vertex from, Vertex to, Edge& edge) {
  auto [into, inserted] = edge_slot(from, to, edge.type);
  if (inserted) {
    *into = std::move(edge);
    return;
  }
  into->sources = into->sources.with(edge.sources);
  into->properties = into->properties.merged(edge.properties);
}

std::size_t Graph::merge_named_into_coded(const std::string& label, const std::string& code_property,
                                          unsigned jobs) {
  std::unordered_map<std::string, Vertex> coded_by_form;
  std::unordered_set<std::string> ambiguous;
  const Symbol wanted(label);  // compared by pointer with each of millions of nodes
  for (Vertex v : boost::make_iterator_range(boost::vertices(store_))) {
    const Node& n = store_[v];
    if (n.label != wanted || !n.properties.count(code_property)) continue;
    std::set<std::string> forms{fold_text(n.name)};
    for (const std::string& a : n.aliases) forms.insert(fold_text(a));
    for (const std::string& form : forms)
      if (auto [it, fresh] = coded_by_form.emplace(form, v); !fresh && it->second != v) ambiguous.insert(form);
  }
  std::vector<Vertex> into(boost::num_vertices(store_));
  std::size_t folded = 0;
  for (Vertex v : boost::make_iterator_range(boost::vertices(store_))) {
    into[v] = v;
    const Node& n = store_[v];
    if (n.label != wanted || n.properties.count(code_property) || ambiguous.count(n.key)) continue;
    if (auto it = coded_by_form.find(n.key); it != coded_by_form.end()) into[v] = it->second, ++folded;
  }
  if (folded > 0) fold_vertices(into, jobs);
  return folded;
}

// In place, as boost::remove_vertex does for one vertex, but for all of them in one pass: the
// rebuild this replaced held a second graph and took a fifth of a bulk run. The result is the
// rebuild's: nodes fold in export order, so the kept node's values come first, and facts that
// become one edge merge in (source's export rank, old target key) order, whatever order the
// documents came in.
void Graph::fold_vertices(const std::vector<Vertex>& into, unsigned jobs) {
  const std::vector<Vertex>& order = ordered_vertices(jobs);  // kept to the end, then renumbered
  const std::vector<std::uint32_t>& rank = rank_;
  for (Vertex v : order)
    if (into[v] != v) absorb(store_[into[v]], std::move(store_[v]));
  merge_folded_edges(into, rank, jobs);
  drop_folded_vertices(into, jobs);
}

void Graph::merge_folded_edges(const std::vector<Vertex>& into, const std::vector<std::uint32_t>& rank,
                               unsigned jobs) {
  struct Member {
    Vertex from, to;
    Edge* edge;
  };
  // The few edges with a folded end are found over all the edges, a share of the sources on
  // each thread, and taken in store order.
  const std::size_t count = boost::num_vertices(store_);
  std::vector<std::vector<Member>> found(detail::share_count(count, jobs, kVerticesPerShare));
  detail::for_each_share(count, unsigned(found.size()), [&](unsigned share, std::size_t begin, std::size_t end) {
    for (Vertex v = begin; v < end; ++v)
      for (const EdgeId& e : boost::make_iterator_range(boost::out_edges(v, store_))) {
        Vertex t = boost::target(e, store_);
        if (into[v] != v || into[t] != t) found[share].push_back({v, t, &store_[e]});
      }
  });
  std::unordered_map<EdgeIdentity, std::vector<Member>, EdgeIdentityHash> becoming;
  std::vector<EdgeIdentity> order;  // first seen first: deterministic, unlike the map's order
  for (const std::vector<Member>& share : found)
    for (const Member& m : share) {
      EdgeIdentity id{std::uint32_t(into[m.from]), std::uint32_t(into[m.to]), type_id(m.edge->type)};
      auto [group, fresh] = becoming.try_emplace(id);
      if (fresh) {
        order.push_back(id);
        if (Edge* kept = find_edge(id.from, id.to, m.edge->type)) group->second.push_back({id.from, id.to, kept});
      }
      group->second.push_back(m);
    }
  for (const EdgeIdentity& id : order) {
    std::vector<Member>& members = becoming[id];
    std::sort(members.begin(), members.end(), [&](const Member& a, const Member& b) {
      // A folded vertex keeps its key until it is dropped: the target key a rebuild would see.
      return std::tie(rank[a.from], store_[a.to].key) < std::tie(rank[b.from], store_[b.to].key);
    });
    Edge* slot = edge_slot(id.from, id.to, members.front().edge->type).first;  // before the moves
    Edge merged = std::move(*members.front().edge);
    for (auto m = members.begin() + 1; m != members.end(); ++m) {
      merged.sources = merged.sources.with(m->edge->sources);
      merged.properties = merged.properties.merged(m->edge->properties);
    }
    *slot = std::move(merged);
  }
}

void Graph::drop_folded_vertices(const std::vector<Vertex>& into, unsigned jobs) {
  auto& vertices = store_.m_vertices;
  for (Vertex v = 0; v < vertices.size(); ++v)
    if (into[v] != v) vertex_index_.erase(identity_hash(store_[v].label, store_[v].key), std::uint32_t(v));
  std::vector<Vertex> now(vertices.size());
  Vertex kept = 0;
  for (Vertex v = 0; v < vertices.size(); ++v) now[v] = into[v] == v ? kept++ : kept;
  // Each vertex's edges are its own: renumbered on threads, a share of the vertices each.
  detail::for_each_share(vertices.size(), detail::share_count(vertices.size(), jobs, kVerticesPerShare),
                         [&](unsigned, std::size_t begin, std::size_t end) {
    for (Vertex v = begin; v < end; ++v) {
      auto& out = vertices[v].m_out_edges;
      if (into[v] != v) {
        out.clear();
        continue;
      }
      out.erase(std::remove_if(out.begin(), out.end(), [&](const auto& e) { return into[e.get_target()] != e.get_target(); }),
                out.end());
      for (auto& e : out) e.get_target() = now[e.get_target()];
    }
  });
  for (Vertex v = 0; v < vertices.size(); ++v)
    if (into[v] == v && now[v] != v) vertices[now[v]] = std::move(vertices[v]);
  vertices.resize(kept);
  vertex_index_.renumber([&](std::uint32_t v) { return now[v]; });  // a few folded, millions kept: not hashed again
  // The hub edges' identities changed with the numbering: indexed again if anything merges.
  hub_edges_.clear();
  indexed_hubs_.clear();
  // The kept vertices keep their export order: renumbered, not sorted again.
  std::size_t place = 0;
  for (Vertex v : order_)
    if (into[v] == v) order_[place++] = now[v];
  order_.resize(place);
  rank_.assign(place, 0);
  for (std::size_t i = 0; i < place; ++i) rank_[order_[i]] = std::uint32_t(i);
}

Graph::Vertex Graph::add_node(Node node) {
  std::string key = node.key;
  return merge_node(node, key);
}

bool Graph::add_edge(const EntityRef& from, const EntityRef& to, Edge edge) {
  std::optional<Vertex> f = find_vertex(from.label, from.key);
  if (!f) return false;
  std::optional<Vertex> t = find_vertex(to.label, to.key);
  if (!t) return false;
  merge_edge(*f, *t, edge);
  return true;
}

void Graph::add_edges_from(Vertex from, std::vector<std::pair<Vertex, Edge>>& edges) {
  auto& out = store_.m_vertices[from].m_out_edges;
  bool merge = !out.empty();
  if (!merge) {  // a repeated (to, type) merges as add_edge would merge it
    std::vector<std::pair<Vertex, const std::string*>> ids;
    ids.reserve(edges.size());
    for (const auto& [to, edge] : edges) ids.emplace_back(to, &edge.type.str());
    std::sort(ids.begin(), ids.end());
    merge = std::adjacent_find(ids.begin(), ids.end()) != ids.end();
  }
  if (merge) {
    for (auto& [to, edge] : edges) merge_edge(from, to, edge);
    return;
  }
  out.reserve(edges.size());  // no room to spare: a loaded graph gains no more edges here
  for (auto& [to, edge] : edges) store_[boost::add_edge(from, to, store_).first] = std::move(edge);
}

const Node* Graph::find(const std::string& label, const std::string& key) const {
  std::optional<Vertex> v = find_vertex(label, key);
  return v ? &store_[*v] : nullptr;
}

namespace {

// A vertex's place in the export order, sorted in a flat array: a few labels, and no trip to the
// vertex for each comparison. A key's first 16 bytes sit in the array, big-endian (zero-padded: a
// shorter key compares lower, as in the string order); only keys that share them are read whole.
struct Place {  // 24 bytes: three million of them at the registry's size
  std::uint32_t label, v;
  std::uint64_t head, tail;  // the key's bytes 0-7 and 8-15
  auto prefix() const { return std::tie(label, head, tail); }
  bool operator<(const Place& o) const { return prefix() < o.prefix(); }
};

std::uint64_t big_endian(std::string_view key, std::size_t from) {
  std::uint64_t word = 0;
  for (std::size_t i = from; i < from + 8; ++i) word = word << 8 | (i < key.size() ? std::uint8_t(key[i]) : 0);
  return word;
}

// Keys sharing their first 16 bytes ("university hospital s1", "... s2") are sorted by their
// whole text, each read once rather than at every comparison.
template <class KeyOf>
void sort_ties(Place* first, Place* last, KeyOf&& key_of) {
  std::vector<std::pair<std::string_view, Place>> tied;
  for (Place *i = first, *j = first; i != last; i = j) {
    for (j = i + 1; j != last && j->prefix() == i->prefix();) ++j;
    if (j - i < 2) continue;
    tied.clear();
    for (Place* k = i; k != j; ++k) tied.emplace_back(key_of(*k), *k);
    std::sort(tied.begin(), tied.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (Place* k = i; k != j; ++k) *k = tied[std::size_t(k - i)].second;
  }
}

// Left uninitialised when made: the threads filling them touch their pages first, which on a
// fresh page is a fault, where zeroing them on one thread would fault them all there.
using Places = std::unique_ptr<Place[]>;

// Sorts `places` by prefix, then key, on `shares` threads: cut into as many buckets of prefix
// ranges (between a sample's quantiles), so that places sharing a prefix fall in one bucket and
// the buckets, each sorted on its own thread, follow one another with no merge. No two places
// are equal, so the order is the same however many buckets there were.
template <class KeyOf>
void sort_places(Places& places, std::size_t count, unsigned shares, KeyOf&& key_of) {
  if (shares <= 1) {
    std::sort(places.get(), places.get() + count);
    sort_ties(places.get(), places.get() + count, key_of);
    return;
  }
  std::vector<Place> sample;
  const std::size_t step = std::max<std::size_t>(1, count / (std::size_t(shares) * 256));
  for (std::size_t i = 0; i < count; i += step) sample.push_back(places[i]);
  std::sort(sample.begin(), sample.end());
  std::vector<Place> splitters;  // bucket b holds the places below splitters[b] and not below splitters[b - 1]
  for (unsigned b = 1; b < shares; ++b) splitters.push_back(sample[sample.size() * b / shares]);
  auto bucket_of = [&](const Place& p) { return std::size_t(std::upper_bound(splitters.begin(), splitters.end(), p) - splitters.begin()); };
  // Each share of the places counts what it sends to each bucket, then writes them to its own
  // slots there: the buckets fill in parallel and in order.
  std::vector<std::vector<std::size_t>> sent(shares, std::vector<std::size_t>(shares, 0));
  detail::for_each_share(count, shares, [&](unsigned share, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) ++sent[share][bucket_of(places[i])];
  });
  std::vector<std::size_t> bucket_begin(shares + 1, 0);
  std::vector<std::vector<std::size_t>> slot(shares, std::vector<std::size_t>(shares, 0));
  std::size_t at = 0;
  for (unsigned b = 0; b < shares; ++b) {
    bucket_begin[b] = at;
    for (unsigned share = 0; share < shares; ++share) slot[share][b] = at, at += sent[share][b];
  }
  bucket_begin[shares] = at;
  Places bucketed(new Place[count]);
  detail::for_each_share(count, shares, [&](unsigned share, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) bucketed[slot[share][bucket_of(places[i])]++] = places[i];
  });
  detail::for_each_share(shares, shares, [&](unsigned b, std::size_t, std::size_t) {
    Place *first = bucketed.get() + bucket_begin[b], *last = bucketed.get() + bucket_begin[b + 1];
    std::sort(first, last);
    sort_ties(first, last, key_of);
  });
  places.swap(bucketed);
}

}  // namespace

const std::vector<Graph::Vertex>& Graph::ordered_vertices(unsigned jobs) const {
  // Vertices are only ever added, except by a fold, which keeps the order: the same count means
  // the same order. Writers walk the graph several times (types first, then values; one format
  // after another): sorted once.
  const std::size_t count = boost::num_vertices(store_);
  if (order_.size() == count) return order_;
  const unsigned shares = detail::share_count(count, jobs, kPlacesPerShare);
  // Places are gathered on threads, a share of the vertices each, with each share's labels
  // numbered as it meets them (a handful, found by Symbol: a pointer compare); then the labels
  // are ranked by their text.
  Places places(new Place[count]);
  std::vector<std::vector<Symbol>> labels_of(shares);
  detail::for_each_share(count, shares, [&](unsigned share, std::size_t begin, std::size_t end) {
    std::vector<Symbol>& labels = labels_of[share];
    for (std::size_t v = begin; v < end; ++v) {
      const Node& n = store_[v];
      auto at = std::find(labels.begin(), labels.end(), n.label);
      if (at == labels.end()) at = labels.insert(labels.end(), n.label);
      std::string_view key = n.key;
      places[v] = {std::uint32_t(at - labels.begin()), std::uint32_t(v), big_endian(key, 0), big_endian(key, 8)};
    }
  });
  std::vector<Symbol> ranked;
  for (const auto& labels : labels_of)
    for (Symbol l : labels)
      if (std::find(ranked.begin(), ranked.end(), l) == ranked.end()) ranked.push_back(l);
  std::sort(ranked.begin(), ranked.end(), [](Symbol a, Symbol b) { return a.view() < b.view(); });
  detail::for_each_share(count, shares, [&](unsigned share, std::size_t begin, std::size_t end) {
    std::vector<std::uint32_t> rank_of(labels_of[share].size());
    for (std::size_t i = 0; i < rank_of.size(); ++i)
      rank_of[i] = std::uint32_t(std::find(ranked.begin(), ranked.end(), labels_of[share][i]) - ranked.begin());
    for (std::size_t i = begin; i < end; ++i) places[i].label = rank_of[places[i].label];
  });
  sort_places(places, count, shares, [&](const Place& p) { return store_[p.v].key.view(); });
  order_.resize(count);
  rank_.resize(count);
  detail::for_each_share(count, shares, [&](unsigned, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      order_[i] = places[i].v;
      rank_[places[i].v] = std::uint32_t(i);
    }
  });
  return order_;
}

void Graph::for_each_node(const std::function<void(const Node&)>& visit) const {
  for_each_node(0, node_count(), visit);
}

void Graph::for_each_edge(
    const std::function<void(const Node&, const Edge&, const Node&)>& visit) const {
  for_each_edge_from(0, node_count(), visit);
}

void Graph::for_each_node(std::size_t begin, std::size_t end,
                          const std::function<void(const Node&)>& visit) const {
  const std::vector<Vertex>& order = ordered_vertices();
  // Export order jumps about the store: the node four ahead is asked for, its parts two ahead,
  // and the long property texts of the next one, so that each step does not wait on memory.
  auto node = [&](std::size_t i) -> const Node& { return store_[order[i]]; };
  for (std::size_t i = begin; i < end; ++i) {
    if (i + 4 < end) __builtin_prefetch(&store_.m_vertices[order[i + 4]]);
    if (i + 2 < end) prefetch_parts(node(i + 2));
    if (i + 1 < end)
      for (const auto& property : node(i + 1).properties) __builtin_prefetch(property.second.heap_block());
    visit(node(i));
  }
}

void Graph::for_each_edge_from(std::size_t begin, std::size_t end,
                               const std::function<void(const Node&, const Edge&, const Node&)>& visit) const {
  const std::vector<Vertex>& order = ordered_vertices();
  std::vector<EdgeId> out;
  // The targets lie anywhere in memory: their places, nodes and keys are asked for ahead, a
  // vertex or a few edges before they are read, instead of each costing a wait.
  auto prefetch_places = [&](std::size_t i) {
    if (i >= end) return;
    for (const EdgeId& e : boost::make_iterator_range(boost::out_edges(order[i], store_)))
      __builtin_prefetch(&rank_[boost::target(e, store_)]);
  };
  constexpr std::size_t kAhead = 4;
  prefetch_places(begin);
  for (std::size_t i = begin; i < end; ++i) {
    Vertex v = order[i];
    if (i + 2 < end) __builtin_prefetch(&store_.m_vertices[order[i + 2]]);
    prefetch_places(i + 1);
    out.assign(boost::out_edges(v, store_).first, boost::out_edges(v, store_).second);
    std::sort(out.begin(), out.end(), [&](const EdgeId& a, const EdgeId& b) {
      return std::make_tuple(std::cref(store_[a].type), rank_[boost::target(a, store_)]) <
             std::make_tuple(std::cref(store_[b].type), rank_[boost::target(b, store_)]);
    });
    for (const EdgeId& e : out) __builtin_prefetch(&store_[boost::target(e, store_)]);
    for (std::size_t k = 0; k < out.size(); ++k) {
      if (k + kAhead < out.size()) __builtin_prefetch(store_[boost::target(out[k + kAhead], store_)].key.data());
      visit(store_[v], store_[out[k]], store_[boost::target(out[k], store_)]);
    }
  }
}

std::size_t Graph::out_degree_at(std::size_t place) const {
  return boost::out_degree(ordered_vertices()[place], store_);
}

namespace {
// Counts by Symbol first (a pointer compare against a handful), then by name: millions of nodes
// and edges, a few labels and types.
template <class Symbols>
std::map<std::string, std::size_t> count_symbols(Symbols&& each) {
  std::vector<std::pair<Symbol, std::size_t>> counts;
  each([&](Symbol s) {
    auto at = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == s; });
    if (at == counts.end()) counts.emplace_back(s, 1);
    else ++at->second;
  });
  std::map<std::string, std::size_t> by_name;
  for (const auto& [symbol, n] : counts) by_name[symbol.str()] += n;
  return by_name;
}
}  // namespace

std::map<std::string, std::size_t> Graph::nodes_by_label() const {
  return count_symbols([&](auto&& count) {
    for (Vertex v : boost::make_iterator_range(boost::vertices(store_))) count(store_[v].label);
  });
}

std::map<std::string, std::size_t> Graph::edges_by_type() const {
  return count_symbols([&](auto&& count) {
    for (const EdgeId& e : boost::make_iterator_range(boost::edges(store_))) count(store_[e].type);
  });
}

}  // namespace trialgraph
