// Cypher's arithmetic and string/list operators (+ - * / % ^) on non-null values.
#pragma once

#include "ast.hpp"
#include "value.hpp"

namespace trialgraph::query {

/// `a op b` for an arithmetic op, both non-null. Integer overflow, integer division by zero and
/// type mismatches are QueryErrors at the operator's position.
CypherValue arithmetic(const Expr& at, BinaryOp op, const CypherValue& a, const CypherValue& b);

/// -a for a non-null a.
CypherValue negate(const Expr& at, const CypherValue& a);

}  // namespace trialgraph::query
