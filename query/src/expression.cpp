#include "expression.hpp"

#include <re2/re2.h>

#include "arithmetic.hpp"
#include "functions.hpp"

namespace trialgraph::query {
namespace {

// Three-valued logic: a boolean, null (unknown), or a type error.
std::optional<bool> truth(const Expr& at, const CypherValue& v) {
  if (v.is_null()) return std::nullopt;
  if (auto b = v.get<bool>()) return *b;
  throw QueryError(at.position, "expected a Boolean, got " + type_name(v) + " in '" + at.text + "'");
}

CypherValue from_truth(std::optional<bool> t) { return t ? CypherValue(*t) : CypherValue(); }

std::optional<bool> compare_with(BinaryOp op, const CypherValue& a, const CypherValue& b) {
  if (op == BinaryOp::eq) return equals(a, b);
  if (op == BinaryOp::ne) {
    auto e = equals(a, b);
    return e ? std::optional<bool>(!*e) : std::nullopt;
  }
  std::optional<int> c = compare(a, b);
  if (!c) return std::nullopt;
  switch (op) {
    case BinaryOp::lt: return *c < 0;
    case BinaryOp::le: return *c <= 0;
    case BinaryOp::gt: return *c > 0;
    default: return *c >= 0;
  }
}

std::optional<bool> in_list(const Expr& at, const CypherValue& item, const CypherValue& list) {
  if (list.is_null()) return std::nullopt;
  const CypherList* l = list.list();
  if (!l) throw QueryError(at.position, "IN expects a List on its right, got " + type_name(list));
  bool unknown = false;
  for (const CypherValue& candidate : *l) {
    std::optional<bool> e = equals(item, candidate);
    if (e && *e) return true;
    unknown = unknown || !e;
  }
  if (unknown) return std::nullopt;
  return false;
}

std::optional<bool> string_predicate(BinaryOp op, const CypherValue& a, const CypherValue& b) {
  auto s = a.get<std::string>(), t = b.get<std::string>();
  if (!s || !t) return std::nullopt;
  if (op == BinaryOp::contains) return s->find(*t) != std::string::npos;
  if (t->size() > s->size()) return false;
  return op == BinaryOp::starts_with ? s->compare(0, t->size(), *t) == 0
                                     : s->compare(s->size() - t->size(), t->size(), *t) == 0;
}

bool is_arithmetic(BinaryOp op) { return op >= BinaryOp::add; }
bool is_logical(BinaryOp op) { return op <= BinaryOp::logical_and; }

}  // namespace

const CypherValue* Scope::lookup(const std::string& name) const {
  for (const Scope* s = this; s; s = s->outer) {
    if (!s->names) continue;
    for (std::size_t i = 0; i < s->names->size(); ++i)
      if ((*s->names)[i] == name) return &(*s->row)[i];
  }
  return nullptr;
}

ExpressionEvaluator::ExpressionEvaluator(const GraphIndex& graph) : graph_(graph) {}
ExpressionEvaluator::~ExpressionEvaluator() = default;

bool ExpressionEvaluator::passes(const Expr& e, const Scope& scope) const {
  std::optional<bool> t = truth(e, eval(e, scope));
  return t && *t;
}

CypherValue ExpressionEvaluator::eval(const Expr& e, const Scope& scope) const {
  if (e.is_aggregate()) {  // computed per group by the projection before the items are evaluated
    for (const Scope* s = &scope; s; s = s->outer) {
      if (!s->aggregates) continue;
      auto it = s->aggregates->find(&e);
      if (it != s->aggregates->end()) return it->second;
    }
    throw QueryError(e.position, "aggregate function '" + e.text + "' is not allowed here");
  }
  switch (e.kind) {
    case ExprKind::literal: return e.literal;
    case ExprKind::list: {
      CypherList items;
      for (const ExprPtr& a : e.args) items.push_back(eval(*a, scope));
      return CypherValue(std::move(items));
    }
    case ExprKind::variable: {
      const CypherValue* v = scope.lookup(e.name);
      if (!v) throw QueryError(e.position, "variable '" + e.name + "' is not defined");
      return *v;
    }
    case ExprKind::property: return property(e, scope);
    case ExprKind::logical_not: {
      std::optional<bool> t = truth(*e.args[0], eval(*e.args[0], scope));
      return t ? CypherValue(!*t) : CypherValue();
    }
    case ExprKind::negate: {
      CypherValue v = eval(*e.args[0], scope);
      return v.is_null() ? v : negate(e, v);
    }
    case ExprKind::is_null: return eval(*e.args[0], scope).is_null();
    case ExprKind::is_not_null: return !eval(*e.args[0], scope).is_null();
    case ExprKind::binary: return is_logical(e.op) ? logical(e, scope) : binary(e, scope);
    case ExprKind::function: return function(e, scope);
    case ExprKind::count_star: break;
  }
  throw QueryError(e.position, "aggregate function '" + e.text + "' is not allowed here");
}

// AND/OR/XOR with Neo4j's three-valued logic: false AND null is false, true OR null is true.
CypherValue ExpressionEvaluator::logical(const Expr& e, const Scope& scope) const {
  std::optional<bool> a = truth(*e.args[0], eval(*e.args[0], scope));
  std::optional<bool> b = truth(*e.args[1], eval(*e.args[1], scope));
  switch (e.op) {
    case BinaryOp::logical_and:
      if ((a && !*a) || (b && !*b)) return false;
      return from_truth(a && b ? std::optional<bool>(true) : std::nullopt);
    case BinaryOp::logical_or:
      if ((a && *a) || (b && *b)) return true;
      return from_truth(a && b ? std::optional<bool>(false) : std::nullopt);
    default:
      return from_truth(a && b ? std::optional<bool>(*a != *b) : std::nullopt);
  }
}

CypherValue ExpressionEvaluator::binary(const Expr& e, const Scope& scope) const {
  CypherValue a = eval(*e.args[0], scope), b = eval(*e.args[1], scope);
  if (e.op == BinaryOp::in_list) return from_truth(in_list(e, a, b));
  if (a.is_null() || b.is_null()) return CypherValue();
  if (is_arithmetic(e.op)) return arithmetic(e, e.op, a, b);
  if (e.op == BinaryOp::regex_match) {
    if (!a.get<std::string>() || !b.get<std::string>()) return CypherValue();
    return regex_match(e, *a.get<std::string>(), *b.get<std::string>());
  }
  if (e.op == BinaryOp::starts_with || e.op == BinaryOp::ends_with || e.op == BinaryOp::contains)
    return from_truth(string_predicate(e.op, a, b));
  return from_truth(compare_with(e.op, a, b));
}

// =~ matches the whole string, as Java's String.matches() does in Neo4j.
CypherValue ExpressionEvaluator::regex_match(const Expr& e, const std::string& text, const std::string& pattern) const {
  auto& compiled = regexes_[pattern];
  if (!compiled) {
    RE2::Options options;
    options.set_log_errors(false);
    compiled = std::make_unique<RE2>(pattern, options);
  }
  if (!compiled->ok())
    throw QueryError(e.args[1]->position, "invalid regular expression '" + pattern + "': " + compiled->error() +
                                              " (RE2 syntax: no backreferences or lookaround)");
  return RE2::FullMatch(text, *compiled);
}

CypherValue ExpressionEvaluator::property(const Expr& e, const Scope& scope) const {
  CypherValue owner = eval(*e.args[0], scope);
  if (owner.is_null()) return owner;
  if (auto n = owner.get<NodeRef>()) return graph_.node_property(n->id, e.name);
  if (auto r = owner.get<RelRef>()) return graph_.edge_property(r->id, e.name);
  throw QueryError(e.position, "cannot read property '" + e.name + "' of a " + type_name(owner) + " ('" +
                                   e.args[0]->text + "')");
}

CypherValue ExpressionEvaluator::function(const Expr& e, const Scope& scope) const {
  std::vector<CypherValue> args;
  args.reserve(e.args.size());
  for (const ExprPtr& a : e.args) args.push_back(eval(*a, scope));
  return call_scalar(e, args, graph_);
}

}  // namespace trialgraph::query
