#include "arithmetic.hpp"

#include <cmath>

#include "functions.hpp"

namespace trialgraph::query {
namespace {

[[noreturn]] void mismatch(const Expr& at, const char* op, const CypherValue& a, const CypherValue& b) {
  throw QueryError(at.position, std::string("cannot apply '") + op + "' to " + type_name(a) + " and " + type_name(b));
}

const char* symbol(BinaryOp op) {
  switch (op) {
    case BinaryOp::add: return "+";
    case BinaryOp::subtract: return "-";
    case BinaryOp::multiply: return "*";
    case BinaryOp::divide: return "/";
    case BinaryOp::modulo: return "%";
    default: return "^";
  }
}

CypherValue integers(const Expr& at, BinaryOp op, std::int64_t x, std::int64_t y) {
  std::int64_t r = 0;
  bool overflow = false;
  switch (op) {
    case BinaryOp::add: overflow = __builtin_add_overflow(x, y, &r); break;
    case BinaryOp::subtract: overflow = __builtin_sub_overflow(x, y, &r); break;
    case BinaryOp::multiply: overflow = __builtin_mul_overflow(x, y, &r); break;
    case BinaryOp::divide:
    case BinaryOp::modulo:
      if (y == 0) throw QueryError(at.position, "/ by zero");
      if (x == INT64_MIN && y == -1) overflow = op == BinaryOp::divide;
      else r = op == BinaryOp::divide ? x / y : x % y;  // truncating, as Java
      break;
    default: return std::pow(double(x), double(y));
  }
  if (overflow) throw QueryError(at.position, "integer overflow in '" + std::string(symbol(op)) + "'");
  return r;
}

CypherValue floats(BinaryOp op, double x, double y) {
  switch (op) {
    case BinaryOp::add: return x + y;
    case BinaryOp::subtract: return x - y;
    case BinaryOp::multiply: return x * y;
    case BinaryOp::divide: return x / y;
    case BinaryOp::modulo: return std::fmod(x, y);
    default: return std::pow(x, y);
  }
}

CypherValue concatenate_lists(const CypherValue& a, const CypherValue& b) {
  CypherList out;
  for (const CypherValue* v : {&a, &b}) {
    if (auto l = v->list()) out.insert(out.end(), l->begin(), l->end());
    else out.push_back(*v);
  }
  return CypherValue(std::move(out));
}

}  // namespace

CypherValue arithmetic(const Expr& at, BinaryOp op, const CypherValue& a, const CypherValue& b) {
  if (op == BinaryOp::add) {
    if (a.list() || b.list()) return concatenate_lists(a, b);
    bool text_a = a.get<std::string>() != nullptr, text_b = b.get<std::string>() != nullptr;
    if ((text_a && (text_b || b.is_number())) || (text_b && a.is_number())) return to_text(a) + to_text(b);
  }
  if (!a.is_number() || !b.is_number()) mismatch(at, symbol(op), a, b);
  if (a.get<std::int64_t>() && b.get<std::int64_t>())
    return integers(at, op, *a.get<std::int64_t>(), *b.get<std::int64_t>());
  return floats(op, a.as_double(), b.as_double());
}

CypherValue negate(const Expr& at, const CypherValue& a) {
  if (auto i = a.get<std::int64_t>()) {
    if (*i == INT64_MIN) throw QueryError(at.position, "integer overflow in '-'");
    return -*i;
  }
  if (auto d = a.get<double>()) return -*d;
  throw QueryError(at.position, "cannot negate a " + type_name(a));
}

}  // namespace trialgraph::query
