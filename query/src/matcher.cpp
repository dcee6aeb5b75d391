#include "matcher.hpp"

#include <algorithm>

namespace trialgraph::query {
namespace {

int slot_of(const std::vector<std::string>& columns, const std::string& variable) {
  if (variable.empty()) return -1;
  auto it = std::find(columns.begin(), columns.end(), variable);
  return it == columns.end() ? -1 : int(it - columns.begin());
}

const PropertyConstraint* key_literal(const NodePattern& node) {
  for (const PropertyConstraint& p : node.properties)
    if (p.key == "key" && p.value->kind == ExprKind::literal && p.value->literal.get<std::string>()) return &p;
  return nullptr;
}

}  // namespace

PatternMatcher::PatternMatcher(const ExpressionEvaluator& evaluator, const MatchClause& clause,
                               const std::vector<std::string>& columns)
    : eval_(evaluator), graph_(evaluator.graph()), clause_(clause), columns_(columns) {
  for (const PathPattern& p : clause.patterns) {
    node_slots_.emplace_back();
    rel_slots_.emplace_back();
    for (const NodePattern& n : p.nodes) node_slots_.back().push_back(slot_of(columns, n.variable));
    for (const RelPattern& r : p.rels) rel_slots_.back().push_back(slot_of(columns, r.variable));
  }
}

void PatternMatcher::match(Row& row, std::vector<bool>& bound, const std::function<void()>& emit) {
  row_ = &row;
  bound_ = &bound;
  used_edges_.clear();
  match_path(0, emit);
}

void PatternMatcher::match_path(std::size_t path, const std::function<void()>& emit) {
  if (path == clause_.patterns.size()) return emit();
  const PathPattern& p = clause_.patterns[path];
  std::size_t anchor = choose_anchor(path);
  // The anchor first, then rightwards to the end, then leftwards to the start.
  std::vector<Step> steps;
  for (std::size_t j = anchor + 1; j < p.nodes.size(); ++j) steps.push_back({j, j - 1, true});
  for (std::size_t j = anchor; j-- > 0;) steps.push_back({j, j, false});
  std::vector<std::size_t> at(p.nodes.size());
  int slot = node_slots_[path][anchor];
  for (std::size_t id : candidates(p.nodes[anchor], slot)) {
    at[anchor] = id;
    with_node(p.nodes[anchor], slot, id, [&] { walk(path, steps, 0, at, [&] { match_path(path + 1, emit); }); });
  }
}

void PatternMatcher::walk(std::size_t path, const std::vector<Step>& steps, std::size_t k,
                          std::vector<std::size_t>& at, const Continuation& done) {
  if (k == steps.size()) return done();
  const Step& step = steps[k];
  std::size_t from = at[step.rightwards ? step.node - 1 : step.node + 1];
  auto next = [&] { walk(path, steps, k + 1, at, done); };
  if (clause_.patterns[path].rels[step.rel].variable_length) variable_hops(path, step, from, at, next);
  else single_hop(path, step, from, at, next);
}

// Edges leaving `from` that the relationship pattern may cross in this direction: (edge, other end).
std::vector<std::pair<std::size_t, std::size_t>> PatternMatcher::neighbours(const RelPattern& rel, bool rightwards,
                                                                            std::size_t from) const {
  bool out = rel.direction == Direction::either || (rel.direction == Direction::left_to_right) == rightwards;
  bool in = rel.direction == Direction::either || (rel.direction == Direction::right_to_left) == rightwards;
  std::vector<std::pair<std::size_t, std::size_t>> found;
  if (out)
    for (std::size_t e : graph_.out_edges(from))
      if (edge_fits(rel, e)) found.emplace_back(e, graph_.edge(e).to);
  if (in)
    for (std::size_t e : graph_.in_edges(from)) {
      bool loop_seen = out && graph_.edge(e).from == from;  // a self-loop is one relationship
      if (!loop_seen && edge_fits(rel, e)) found.emplace_back(e, graph_.edge(e).from);
    }
  return found;
}

void PatternMatcher::single_hop(std::size_t path, const Step& step, std::size_t from, std::vector<std::size_t>& at,
                                const Continuation& next) {
  const RelPattern& rel = clause_.patterns[path].rels[step.rel];
  const NodePattern& node = clause_.patterns[path].nodes[step.node];
  int rel_slot = rel_slots_[path][step.rel], node_slot = node_slots_[path][step.node];
  for (auto [edge, other] : neighbours(rel, step.rightwards, from)) {
    if (rel_slot >= 0 && (*bound_)[rel_slot]) {
      auto r = (*row_)[rel_slot].get<RelRef>();
      if (!r || r->id != edge) continue;
    }
    at[step.node] = other;
    used_edges_.push_back(edge);
    bool bind = rel_slot >= 0 && !(*bound_)[rel_slot];
    if (bind) (*row_)[rel_slot] = RelRef{edge}, (*bound_)[rel_slot] = true;
    with_node(node, node_slot, other, next);
    if (bind) (*row_)[rel_slot] = CypherValue(), (*bound_)[rel_slot] = false;
    used_edges_.pop_back();
  }
}

// Depth-first over paths of min..max relationships, none used twice; the variable, if any, binds
// the list of relationships in the pattern's left-to-right order.
void PatternMatcher::variable_hops(std::size_t path, const Step& step, std::size_t from, std::vector<std::size_t>& at,
                                   const Continuation& next) {
  const RelPattern& rel = clause_.patterns[path].rels[step.rel];
  const NodePattern& node = clause_.patterns[path].nodes[step.node];
  int rel_slot = rel_slots_[path][step.rel], node_slot = node_slots_[path][step.node];
  std::vector<std::size_t> trail;
  std::function<void(std::size_t)> extend = [&](std::size_t end) {
    if (trail.size() >= rel.min_hops) {
      at[step.node] = end;
      if (rel_slot >= 0) {
        CypherList list;
        for (std::size_t e : trail) list.emplace_back(RelRef{e});
        if (!step.rightwards) std::reverse(list.begin(), list.end());
        (*row_)[rel_slot] = CypherValue(std::move(list));
        (*bound_)[rel_slot] = true;
      }
      with_node(node, node_slot, end, next);
      if (rel_slot >= 0) (*row_)[rel_slot] = CypherValue(), (*bound_)[rel_slot] = false;
    }
    if (rel.max_hops && trail.size() >= *rel.max_hops) return;
    for (auto [edge, other] : neighbours(rel, step.rightwards, end)) {
      trail.push_back(edge);
      used_edges_.push_back(edge);
      extend(other);
      used_edges_.pop_back();
      trail.pop_back();
    }
  };
  extend(from);
}

bool PatternMatcher::node_fits(const NodePattern& node, std::size_t id) const {
  const std::string& label = graph_.node(id).label;
  for (const auto& any_of : node.labels)
    if (std::find(any_of.begin(), any_of.end(), label) == any_of.end()) return false;
  for (const PropertyConstraint& p : node.properties) {
    std::optional<bool> same = equals(graph_.node_property(id, p.key), eval_.eval(*p.value, scope()));
    if (!same || !*same) return false;
  }
  return true;
}

bool PatternMatcher::edge_fits(const RelPattern& rel, std::size_t edge) const {
  if (std::find(used_edges_.begin(), used_edges_.end(), edge) != used_edges_.end()) return false;
  const std::string& type = graph_.edge(edge).edge->type;
  if (!rel.types.empty() && std::find(rel.types.begin(), rel.types.end(), type) == rel.types.end()) return false;
  for (const PropertyConstraint& p : rel.properties) {
    std::optional<bool> same = equals(graph_.edge_property(edge, p.key), eval_.eval(*p.value, scope()));
    if (!same || !*same) return false;
  }
  return true;
}

// Binds the node's variable for the rest of the match, or checks it against an earlier binding.
void PatternMatcher::with_node(const NodePattern& node, int slot, std::size_t id, const Continuation& next) {
  if (slot >= 0 && (*bound_)[slot]) {
    auto n = (*row_)[slot].get<NodeRef>();
    if (n && n->id == id && node_fits(node, id)) next();
    return;
  }
  if (!node_fits(node, id)) return;
  if (slot < 0) return next();
  (*row_)[slot] = NodeRef{id};
  (*bound_)[slot] = true;
  next();
  (*row_)[slot] = CypherValue();
  (*bound_)[slot] = false;
}

std::size_t PatternMatcher::estimate(const NodePattern& node, int slot) const {
  if (slot >= 0 && (*bound_)[slot]) return 0;
  if (node.labels.empty()) return graph_.node_count();
  if (node.labels.size() == 1 && node.labels[0].size() == 1 && key_literal(node)) return 1;
  std::size_t n = 0;
  for (const std::string& label : node.labels[0]) n += graph_.nodes_with_label(label).size();
  return node.properties.empty() ? n : n / 2 + 1;
}

std::size_t PatternMatcher::choose_anchor(std::size_t path) const {
  const PathPattern& p = clause_.patterns[path];
  std::size_t best = 0;
  for (std::size_t i = 1; i < p.nodes.size(); ++i)
    if (estimate(p.nodes[i], node_slots_[path][i]) < estimate(p.nodes[best], node_slots_[path][best])) best = i;
  return best;
}

std::vector<std::size_t> PatternMatcher::candidates(const NodePattern& node, int slot) const {
  if (slot >= 0 && (*bound_)[slot]) {
    auto n = (*row_)[slot].get<NodeRef>();
    return n ? std::vector<std::size_t>{n->id} : std::vector<std::size_t>{};  // a null node matches nothing
  }
  if (node.labels.empty()) {
    std::vector<std::size_t> all(graph_.node_count());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
    return all;
  }
  if (node.labels.size() == 1 && node.labels[0].size() == 1)
    if (const PropertyConstraint* key = key_literal(node)) {
      auto id = graph_.find(node.labels[0][0], *key->value->literal.get<std::string>());
      return id ? std::vector<std::size_t>{*id} : std::vector<std::size_t>{};
    }
  std::vector<std::size_t> ids;
  for (const std::string& label : node.labels[0]) {
    const auto& with = graph_.nodes_with_label(label);
    ids.insert(ids.end(), with.begin(), with.end());
  }
  return ids;
}

}  // namespace trialgraph::query
