// The functions of the subset: which exist (for the parser), and the scalar ones' behaviour.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "value.hpp"

namespace trialgraph::query {

class GraphIndex;
struct Expr;

struct FunctionInfo {
  const char* name;  ///< canonical spelling, lower case
  std::size_t min_args, max_args;
  bool aggregate;
};

/// The function of that name (case-insensitive, as in Cypher), or nullptr when unsupported.
const FunctionInfo* find_function(std::string_view name);

/// Calls a scalar function on evaluated arguments. Throws QueryError at `call` on a type error.
CypherValue call_scalar(const Expr& call, const std::vector<CypherValue>& args, const GraphIndex& graph);

/// A float as Neo4j (Java) prints it: 1.0, 0.25, 1.0E20.
std::string format_float(double value);

/// A value as toString() gives it (strings as they are, numbers as Neo4j prints them).
std::string to_text(const CypherValue& value);

}  // namespace trialgraph::query
