#include "aggregate.hpp"

namespace trialgraph::query {

void Accumulator::add(const CypherValue& v) {
  if (v.is_null()) return;
  if (call_.distinct && !seen_.insert(v).second) return;
  ++count_;
  const std::string& f = call_.name;
  if (f == "collect") {
    items_.push_back(v);
  } else if (f == "min" || f == "max") {
    if (best_.is_null() || (f == "min" ? order(v, best_) < 0 : order(v, best_) > 0)) best_ = v;
  } else if (f == "sum" || f == "avg") {
    add_number(v);
  }
}

void Accumulator::add_number(const CypherValue& v) {
  if (!v.is_number())
    throw QueryError(call_.position, call_.name + "() expects numbers, got " + type_name(v) + " in '" + call_.text + "'");
  float_sum_ += v.as_double();
  if (auto i = v.get<std::int64_t>()) {
    if (__builtin_add_overflow(int_sum_, *i, &int_sum_))
      throw QueryError(call_.position, "integer overflow in '" + call_.text + "'");
  } else {
    any_float_ = true;
  }
}

CypherValue Accumulator::result() const {
  const std::string& f = call_.name;
  if (call_.kind == ExprKind::count_star || f == "count") return count_;
  if (f == "collect") return CypherValue(items_);
  if (f == "min" || f == "max") return best_;
  if (f == "sum") return any_float_ ? CypherValue(float_sum_) : CypherValue(int_sum_);
  return count_ ? CypherValue(float_sum_ / double(count_)) : CypherValue();  // avg
}

}  // namespace trialgraph::query
