#include "checker.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace trialgraph::query {
namespace {

enum class VarKind { node, relationship, value };

const char* kind_name(VarKind k) {
  return k == VarKind::node ? "a node" : k == VarKind::relationship ? "a relationship" : "a value";
}

using ScopeMap = std::map<std::string, VarKind>;

[[noreturn]] void fail(Position at, const std::string& message) { throw QueryError(at, message); }

void check_expr(const Expr& e, const ScopeMap& scope, bool aggregates_allowed, const char* where, bool in_aggregate = false) {
  if (e.is_aggregate()) {
    if (!aggregates_allowed) fail(e.position, std::string("aggregate function '") + e.text + "' is not allowed in " + where);
    if (in_aggregate) fail(e.position, "aggregate functions cannot be nested: '" + e.text + "'");
    in_aggregate = true;
  }
  if (e.kind == ExprKind::variable && !scope.count(e.name))
    fail(e.position, "variable '" + e.name + "' is not defined");
  for (const ExprPtr& a : e.args) check_expr(*a, scope, aggregates_allowed, where, in_aggregate);
}

// Variables an expression reads outside any aggregate call.
void free_variables(const Expr& e, std::vector<const Expr*>& out) {
  if (e.is_aggregate()) return;
  if (e.kind == ExprKind::variable) out.push_back(&e);
  for (const ExprPtr& a : e.args) free_variables(*a, out);
}

void declare(ScopeMap& scope, const std::string& name, VarKind kind, Position at, ScopeMap& fresh) {
  if (name.empty()) return;
  auto it = scope.find(name);
  if (it != scope.end() && it->second != kind)
    fail(at, "variable '" + name + "' is " + kind_name(it->second) + ", not " + kind_name(kind));
  if (it != scope.end() && kind == VarKind::relationship && fresh.count(name))
    fail(at, "relationship variable '" + name + "' is used for two relationships in one MATCH");
  if (it == scope.end()) fresh[name] = kind;
  scope[name] = kind;
}

void check_properties(const std::vector<PropertyConstraint>& props, const ScopeMap& before) {
  for (const PropertyConstraint& p : props) {
    std::vector<const Expr*> vars;
    free_variables(*p.value, vars);
    for (const Expr* v : vars)
      if (!before.count(v->name))
        fail(v->position, "inline property values may only use variables bound by earlier clauses ('" + v->name +
                              "'); use WHERE");
    check_expr(*p.value, before, false, "a pattern's property map");
  }
}

void check_match(const MatchClause& m, ScopeMap& scope) {
  const ScopeMap before = scope;
  ScopeMap fresh;
  for (const PathPattern& p : m.patterns) {
    for (const NodePattern& n : p.nodes) {
      check_properties(n.properties, before);
      declare(scope, n.variable, VarKind::node, n.position, fresh);
    }
    for (const RelPattern& r : p.rels) {
      check_properties(r.properties, before);
      if (r.variable_length && !r.variable.empty() && scope.count(r.variable))
        fail(r.position, "variable-length relationship variable '" + r.variable + "' is already bound");
      declare(scope, r.variable, r.variable_length ? VarKind::value : VarKind::relationship, r.position, fresh);
    }
  }
  if (m.where) check_expr(*m.where, scope, false, "WHERE");
}

bool aggregating(const Projection& p) {
  return std::any_of(p.items.begin(), p.items.end(), [](const ProjectionItem& i) { return i.expr->contains_aggregate(); });
}

// An aggregating item may read, outside its aggregates, only variables that are grouping keys.
void check_grouping(const Projection& p) {
  std::set<std::string> keys;
  for (const ProjectionItem& i : p.items)
    if (i.expr->kind == ExprKind::variable) keys.insert(i.expr->name);
  for (const ProjectionItem& i : p.items) {
    if (!i.expr->contains_aggregate()) continue;
    std::vector<const Expr*> vars;
    free_variables(*i.expr, vars);
    for (const Expr* v : vars)
      if (!keys.count(v->name))
        fail(v->position, "'" + v->name + "' is read outside an aggregate in '" + i.expr->text +
                              "' but is not a grouping key; project it separately");
  }
}

void check_order_by(const Projection& p, const ScopeMap& before, const ScopeMap& after) {
  bool restricted = p.distinct || aggregating(p);
  std::set<std::string> item_texts;
  for (const ProjectionItem& i : p.items) item_texts.insert(normalized_text(*i.expr));
  ScopeMap visible = after;
  if (!restricted) visible.insert(before.begin(), before.end());
  for (const SortItem& s : p.order_by) {
    if (item_texts.count(normalized_text(*s.expr))) continue;  // names a projected item
    std::vector<const Expr*> vars;
    free_variables(*s.expr, vars);
    for (const Expr* v : vars)
      if (restricted && !visible.count(v->name) && before.count(v->name))
        fail(v->position, "variable '" + v->name + "' is not available in ORDER BY after " +
                              (p.distinct ? "DISTINCT" : "an aggregation") + "; project it, or order by a projected column");
    const char* why = p.distinct ? "ORDER BY after RETURN DISTINCT / WITH DISTINCT"
                                 : "ORDER BY after an aggregation";
    check_expr(*s.expr, visible, false, restricted ? why : "ORDER BY");
  }
}

void check_projection(const Projection& p, ScopeMap& scope) {
  const char* clause = p.is_return ? "RETURN" : "WITH";
  if (p.star && scope.empty()) fail(p.position, std::string(clause) + " * has no variables to project");
  ScopeMap after = p.star ? scope : ScopeMap();
  std::set<std::string> columns;
  for (const auto& [name, kind] : after) columns.insert(name);
  for (const ProjectionItem& i : p.items) {
    check_expr(*i.expr, scope, true, clause);
    if (!p.is_return && !i.aliased && i.expr->kind != ExprKind::variable)
      fail(i.expr->position, "expression '" + i.expr->text + "' in WITH must be aliased (use AS)");
    if (!columns.insert(i.column).second)
      fail(i.expr->position, "column '" + i.column + "' is projected twice");
    VarKind kind = VarKind::value;
    if (i.expr->kind == ExprKind::variable) kind = scope.at(i.expr->name);
    after[i.column] = kind;
  }
  check_grouping(p);
  check_order_by(p, scope, after);
  if (p.where) check_expr(*p.where, after, false, "WHERE");
  scope = after;
}

}  // namespace

std::string normalized_text(const Expr& e) {
  std::string out;
  for (char c : e.text)
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  return out;
}

void check_query(const Query& query) {
  ScopeMap scope;
  for (const Clause& c : query.clauses) {
    if (c.match) check_match(*c.match, scope);
    else check_projection(*c.projection, scope);
  }
}

}  // namespace trialgraph::query
