// count, collect, min, max, sum, avg over the rows of one group, as Neo4j computes them:
// nulls are skipped, DISTINCT keeps one of each equivalent value, count of nothing is 0,
// sum of nothing is 0, avg/min/max of nothing are null.
#pragma once

#include <set>

#include "ast.hpp"
#include "value.hpp"

namespace trialgraph::query {

class Accumulator {
 public:
  explicit Accumulator(const Expr& call) : call_(call) {}
  void add(const CypherValue& v);  ///< count(*) gets a non-null placeholder per row
  CypherValue result() const;

 private:
  struct Less {
    bool operator()(const CypherValue& a, const CypherValue& b) const { return order(a, b) < 0; }
  };
  void add_number(const CypherValue& v);

  const Expr& call_;
  std::set<CypherValue, Less> seen_;
  std::int64_t count_ = 0;
  CypherList items_;
  CypherValue best_;
  std::int64_t int_sum_ = 0;
  double float_sum_ = 0;
  bool any_float_ = false;
};

}  // namespace trialgraph::query
