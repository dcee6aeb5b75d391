// Finds the bindings of one MATCH clause's patterns, extending a row: each path is anchored on
// its most selective node (a bound variable, a label with an inline key, the rarest label) and
// expanded along the in- and out-edge lists. A relationship is used at most once per match,
// across all the clause's patterns, as Neo4j does.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ast.hpp"
#include "expression.hpp"

namespace trialgraph::query {

class PatternMatcher {
 public:
  /// `columns`: the clause's output columns, the input's followed by the variables it introduces.
  PatternMatcher(const ExpressionEvaluator& evaluator, const MatchClause& clause,
                 const std::vector<std::string>& columns);

  /// Calls `emit` once per match with `row` filled in; `bound[i]` says whether column i was bound
  /// before this clause. `row` is restored when match() returns.
  void match(Row& row, std::vector<bool>& bound, const std::function<void()>& emit);

 private:
  struct Step {
    std::size_t node, rel;  ///< pattern indices of the node reached and the relationship crossed
    bool rightwards;        ///< crossing the relationship from its left node to its right one
  };
  using Continuation = std::function<void()>;

  void match_path(std::size_t path, const std::function<void()>& emit);
  void walk(std::size_t path, const std::vector<Step>& steps, std::size_t k, std::vector<std::size_t>& at,
            const Continuation& done);
  void single_hop(std::size_t path, const Step& step, std::size_t from, std::vector<std::size_t>& at,
                  const Continuation& next);
  void variable_hops(std::size_t path, const Step& step, std::size_t from, std::vector<std::size_t>& at,
                     const Continuation& next);

  std::size_t choose_anchor(std::size_t path) const;
  std::size_t estimate(const NodePattern& node, int slot) const;
  std::vector<std::size_t> candidates(const NodePattern& node, int slot) const;
  bool node_fits(const NodePattern& node, std::size_t id) const;
  bool edge_fits(const RelPattern& rel, std::size_t edge) const;
  void with_node(const NodePattern& node, int slot, std::size_t id, const Continuation& next);
  std::vector<std::pair<std::size_t, std::size_t>> neighbours(const RelPattern& rel, bool rightwards,
                                                              std::size_t from) const;
  Scope scope() const { return Scope{&columns_, row_}; }

  const ExpressionEvaluator& eval_;
  const GraphIndex& graph_;
  const MatchClause& clause_;
  const std::vector<std::string>& columns_;
  std::vector<std::vector<int>> node_slots_, rel_slots_;  // per path, per element: column or -1
  Row* row_ = nullptr;
  std::vector<bool>* bound_ = nullptr;
  std::vector<std::size_t> used_edges_;
};

}  // namespace trialgraph::query
