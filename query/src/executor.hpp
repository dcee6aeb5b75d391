// Runs a checked query clause by clause over a table of rows: MATCH extends rows, OPTIONAL MATCH
// extends them or pads them with nulls, WITH and RETURN project, group, sort and cut them.
#pragma once

#include "ast.hpp"
#include "expression.hpp"

namespace trialgraph::query {

struct Table {
  std::vector<std::string> columns;
  std::vector<Row> rows;
};

/// The rows of a query (the last clause is RETURN).
Table execute(const Query& query, const ExpressionEvaluator& evaluator);

}  // namespace trialgraph::query
