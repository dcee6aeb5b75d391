// The parsed query: clauses, patterns and expressions, each with its position for errors.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "trialgraph/query.hpp"
#include "value.hpp"

namespace trialgraph::query {

enum class ExprKind {
  literal,      ///< `literal`
  list,         ///< [args...]
  variable,     ///< `name`
  property,     ///< args[0].name
  logical_not,  ///< NOT args[0]
  negate,       ///< -args[0]
  binary,       ///< args[0] op args[1]
  is_null,      ///< args[0] IS NULL
  is_not_null,  ///< args[0] IS NOT NULL
  function,     ///< name(args...), `distinct` inside aggregates
  count_star,   ///< count(*)
};

enum class BinaryOp {
  logical_or, logical_xor, logical_and,
  eq, ne, lt, le, gt, ge,
  regex_match, in_list, starts_with, ends_with, contains,
  add, subtract, multiply, divide, modulo, power,
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
  ExprKind kind = ExprKind::literal;
  Position position;
  std::string text;  ///< as written in the query: a projection's default column name
  CypherValue literal;
  std::string name;  ///< variable, property or (lower-cased) function name
  BinaryOp op = BinaryOp::eq;
  bool distinct = false;
  std::vector<ExprPtr> args;

  bool is_aggregate() const;        ///< count/collect/min/max/sum/avg, or count(*)
  bool contains_aggregate() const;  ///< this or a sub-expression
};

enum class Direction { left_to_right, right_to_left, either };

struct PropertyConstraint {
  std::string key;
  ExprPtr value;
};

struct NodePattern {
  Position position;
  std::string variable;  ///< empty when anonymous
  /// Every inner list must hold the node's label: `:A:B` is {{A},{B}}, `:A|B` is {{A,B}}.
  std::vector<std::vector<std::string>> labels;
  std::vector<PropertyConstraint> properties;
};

struct RelPattern {
  Position position;
  std::string variable;
  std::vector<std::string> types;  ///< any of them; empty for any type
  Direction direction = Direction::either;
  std::vector<PropertyConstraint> properties;
  bool variable_length = false;
  std::size_t min_hops = 1;
  std::optional<std::size_t> max_hops;  ///< none: unbounded
};

/// (node) -[rel]- (node) ...: nodes.size() == rels.size() + 1.
struct PathPattern {
  std::vector<NodePattern> nodes;
  std::vector<RelPattern> rels;
};

struct MatchClause {
  Position position;
  bool optional = false;
  std::vector<PathPattern> patterns;
  ExprPtr where;
};

struct ProjectionItem {
  ExprPtr expr;
  std::string column;  ///< the alias, or the expression's text
  bool aliased = false;
};

struct SortItem {
  ExprPtr expr;
  bool descending = false;
};

/// WITH or RETURN.
struct Projection {
  Position position;
  bool is_return = false;
  bool distinct = false;
  bool star = false;  ///< `*`: every variable in scope, before the items
  std::vector<ProjectionItem> items;
  std::vector<SortItem> order_by;
  std::optional<std::int64_t> skip, limit;
  ExprPtr where;  ///< WITH ... WHERE
};

struct Clause {
  std::unique_ptr<MatchClause> match;      ///< one of the two is set
  std::unique_ptr<Projection> projection;
};

struct Query {
  std::vector<Clause> clauses;
};

/// Parses a query of the subset. Throws QueryError naming what is not supported and where.
Query parse_query(std::string_view text);

}  // namespace trialgraph::query
