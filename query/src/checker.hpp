// Checks a parsed query before it runs, so that a mistake is reported even when no row would
// reach it: unknown variables, a variable used as node and relationship, aggregates where they
// are not allowed, unaliased WITH expressions, ORDER BY after aggregation naming what is gone.
#pragma once

#include "ast.hpp"

namespace trialgraph::query {

/// Throws QueryError at the first problem.
void check_query(const Query& query);

/// Whitespace-free text of an expression: ORDER BY count(*) names the RETURN item count( * ).
std::string normalized_text(const Expr& e);

}  // namespace trialgraph::query
