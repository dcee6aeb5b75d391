#include "executor.hpp"

#include <algorithm>
#include <map>

#include "aggregate.hpp"
#include "checker.hpp"
#include "matcher.hpp"

namespace trialgraph::query {
namespace {

// The variables a MATCH introduces, in the order they appear.
std::vector<std::string> match_columns(const MatchClause& m, const std::vector<std::string>& input) {
  std::vector<std::string> columns = input;
  auto add = [&](const std::string& v) {
    if (!v.empty() && std::find(columns.begin(), columns.end(), v) == columns.end()) columns.push_back(v);
  };
  for (const PathPattern& p : m.patterns) {
    for (std::size_t i = 0; i < p.nodes.size(); ++i) {
      add(p.nodes[i].variable);
      if (i < p.rels.size()) add(p.rels[i].variable);
    }
  }
  return columns;
}

Table run_match(const MatchClause& m, Table input, const ExpressionEvaluator& evaluator) {
  Table out;
  out.columns = match_columns(m, input.columns);
  PatternMatcher matcher(evaluator, m, out.columns);
  for (Row& in : input.rows) {
    Row row = std::move(in);
    row.resize(out.columns.size());
    std::vector<bool> bound(out.columns.size(), false);
    std::fill(bound.begin(), bound.begin() + input.columns.size(), true);
    std::size_t before = out.rows.size();
    matcher.match(row, bound, [&] {
      if (!m.where || evaluator.passes(*m.where, Scope{&out.columns, &row})) out.rows.push_back(row);
    });
    if (m.optional && out.rows.size() == before) out.rows.push_back(row);  // new columns stay null
  }
  return out;
}

struct Projected {
  Row row;
  Row source;  // the row it came from: ORDER BY may read variables the projection dropped
};

struct Columns {
  std::vector<std::string> names;
  std::vector<const Expr*> exprs;  // nullptr for a `*` column, read from the input as is
};

Columns projection_columns(const Projection& p, const std::vector<std::string>& input) {
  Columns c;
  if (p.star) {
    c.names = input;
    std::sort(c.names.begin(), c.names.end());  // RETURN * lists variables by name, as Neo4j
    c.exprs.assign(c.names.size(), nullptr);
  }
  for (const ProjectionItem& i : p.items) {
    c.names.push_back(i.column);
    c.exprs.push_back(i.expr.get());
  }
  return c;
}

CypherValue column_value(const Columns& c, std::size_t i, const Scope& scope, const ExpressionEvaluator& ev) {
  return c.exprs[i] ? ev.eval(*c.exprs[i], scope) : *scope.lookup(c.names[i]);
}

std::vector<Projected> project_rows(const Columns& c, const Table& input, const ExpressionEvaluator& ev) {
  std::vector<Projected> out;
  out.reserve(input.rows.size());
  for (const Row& r : input.rows) {
    Scope scope{&input.columns, &r};
    Projected p;
    for (std::size_t i = 0; i < c.names.size(); ++i) p.row.push_back(column_value(c, i, scope, ev));
    p.source = r;
    out.push_back(std::move(p));
  }
  return out;
}

void collect_aggregates(const Expr& e, std::vector<const Expr*>& out) {
  if (e.is_aggregate()) return out.push_back(&e);
  for (const ExprPtr& a : e.args) collect_aggregates(*a, out);
}

struct Group {
  Row first;  // a row of the group: grouping keys read from it are the group's
  std::vector<Accumulator> accumulators;
};

// Implicit grouping: the items without aggregates are the key; every other item is evaluated
// once per group with its aggregates' results.
std::vector<Projected> aggregate_rows(const Columns& c, const Table& input, const ExpressionEvaluator& ev) {
  std::vector<std::size_t> keys;
  std::vector<const Expr*> calls;
  for (std::size_t i = 0; i < c.exprs.size(); ++i) {
    if (!c.exprs[i] || !c.exprs[i]->contains_aggregate()) keys.push_back(i);
    else collect_aggregates(*c.exprs[i], calls);
  }
  std::map<Row, std::size_t, RowLess> index;
  std::vector<Group> groups;
  auto new_group = [&](const Row& first) {
    groups.push_back({first, {}});
    for (const Expr* call : calls) groups.back().accumulators.emplace_back(*call);
  };
  for (const Row& r : input.rows) {
    Scope scope{&input.columns, &r};
    Row key;
    for (std::size_t i : keys) key.push_back(column_value(c, i, scope, ev));
    auto [it, fresh] = index.try_emplace(std::move(key), groups.size());
    if (fresh) new_group(r);
    Group& g = groups[it->second];
    for (std::size_t a = 0; a < calls.size(); ++a)
      g.accumulators[a].add(calls[a]->kind == ExprKind::count_star ? CypherValue(true) : ev.eval(*calls[a]->args[0], scope));
  }
  if (groups.empty() && keys.empty()) new_group(Row(input.columns.size()));  // count(*) of nothing is 0
  std::vector<Projected> out;
  for (const Group& g : groups) {
    std::map<const Expr*, CypherValue> results;
    for (std::size_t a = 0; a < calls.size(); ++a) results[calls[a]] = g.accumulators[a].result();
    Scope scope{&input.columns, &g.first, nullptr, &results};
    Projected p;
    for (std::size_t i = 0; i < c.names.size(); ++i) p.row.push_back(column_value(c, i, scope, ev));
    out.push_back(std::move(p));
  }
  return out;
}

void keep_distinct(std::vector<Projected>& rows) {
  std::set<Row, RowLess> seen;
  rows.erase(std::remove_if(rows.begin(), rows.end(), [&](const Projected& p) { return !seen.insert(p.row).second; }),
             rows.end());
}

void sort_rows(const Projection& p, const Columns& c, const std::vector<std::string>& input_columns,
               std::vector<Projected>& rows, const ExpressionEvaluator& ev) {
  // An ORDER BY expression written as a projected item reads that column (ORDER BY count(*)).
  std::vector<int> column_of;
  for (const SortItem& s : p.order_by) {
    int found = -1;
    for (std::size_t i = 0; i < c.exprs.size() && found < 0; ++i)
      if (c.exprs[i] && normalized_text(*c.exprs[i]) == normalized_text(*s.expr)) found = int(i);
    column_of.push_back(found);
  }
  std::vector<std::pair<Row, std::size_t>> keyed;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    Scope source{&input_columns, &rows[r].source};
    Scope scope{&c.names, &rows[r].row, rows[r].source.empty() ? nullptr : &source};
    Row key;
    for (std::size_t k = 0; k < p.order_by.size(); ++k)
      key.push_back(column_of[k] >= 0 ? rows[r].row[column_of[k]] : ev.eval(*p.order_by[k].expr, scope));
    keyed.emplace_back(std::move(key), r);
  }
  std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
    for (std::size_t k = 0; k < p.order_by.size(); ++k)
      if (int c = order(a.first[k], b.first[k])) return p.order_by[k].descending ? c > 0 : c < 0;
    return false;
  });
  std::vector<Projected> sorted;
  sorted.reserve(rows.size());
  for (auto& [key, r] : keyed) sorted.push_back(std::move(rows[r]));
  rows = std::move(sorted);
}

void cut(const Projection& p, std::vector<Projected>& rows) {
  std::size_t skip = std::min<std::size_t>(p.skip.value_or(0), rows.size());
  rows.erase(rows.begin(), rows.begin() + skip);
  if (p.limit && std::size_t(*p.limit) < rows.size()) rows.resize(*p.limit);
}

Table run_projection(const Projection& p, const Table& input, const ExpressionEvaluator& ev) {
  Columns c = projection_columns(p, input.columns);
  bool grouped = std::any_of(c.exprs.begin(), c.exprs.end(), [](const Expr* e) { return e && e->contains_aggregate(); });
  std::vector<Projected> rows = grouped ? aggregate_rows(c, input, ev) : project_rows(c, input, ev);
  if (p.distinct) keep_distinct(rows);
  if (!p.order_by.empty()) sort_rows(p, c, input.columns, rows, ev);
  cut(p, rows);
  Table out;
  out.columns = c.names;
  for (Projected& r : rows)
    if (!p.where || ev.passes(*p.where, Scope{&out.columns, &r.row})) out.rows.push_back(std::move(r.row));
  return out;
}

}  // namespace

Table execute(const Query& query, const ExpressionEvaluator& evaluator) {
  Table table;
  table.rows.emplace_back();  // one empty row: RETURN 1 gives one row
  for (const Clause& c : query.clauses)
    table = c.match ? run_match(*c.match, std::move(table), evaluator) : run_projection(*c.projection, table, evaluator);
  return table;
}

}  // namespace trialgraph::query
