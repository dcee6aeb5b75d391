// Evaluating expressions against one row, with Neo4j's null and type rules.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "ast.hpp"
#include "graph_index.hpp"
#include "value.hpp"

namespace re2 {
class RE2;
}

namespace trialgraph::query {

/// The variables one row binds. ORDER BY after a projection looks in the projected row first,
/// then in the row it came from (`outer`); an aggregating projection supplies its results.
struct Scope {
  const std::vector<std::string>* names = nullptr;
  const Row* row = nullptr;
  const Scope* outer = nullptr;
  const std::map<const Expr*, CypherValue>* aggregates = nullptr;

  const CypherValue* lookup(const std::string& name) const;
};

class ExpressionEvaluator {
 public:
  explicit ExpressionEvaluator(const GraphIndex& graph);
  ~ExpressionEvaluator();

  CypherValue eval(const Expr& e, const Scope& scope) const;
  /// WHERE: a row passes only when the predicate is true (not false, not null).
  bool passes(const Expr& e, const Scope& scope) const;

  const GraphIndex& graph() const { return graph_; }

 private:
  CypherValue binary(const Expr& e, const Scope& scope) const;
  CypherValue logical(const Expr& e, const Scope& scope) const;
  CypherValue property(const Expr& e, const Scope& scope) const;
  CypherValue function(const Expr& e, const Scope& scope) const;
  CypherValue regex_match(const Expr& e, const std::string& text, const std::string& pattern) const;

  const GraphIndex& graph_;
  mutable std::map<std::string, std::unique_ptr<re2::RE2>> regexes_;  // compiled once per pattern
};

}  // namespace trialgraph::query
