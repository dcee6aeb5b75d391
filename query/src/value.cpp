#include "value.hpp"

#include <cmath>

namespace trialgraph::query {
namespace {

// Orderability ranks of the types (Neo4j's "ordering and comparison of values").
int type_rank(const CypherValue& v) {
  if (v.get<NodeRef>()) return 1;
  if (v.get<RelRef>()) return 2;
  if (v.list()) return 3;
  if (v.get<std::string>()) return 4;
  if (v.get<bool>()) return 5;
  if (v.is_number()) return 6;
  return 7;  // null sorts last
}

template <class T> int sign(const T& a, const T& b) { return a < b ? -1 : (b < a ? 1 : 0); }

int compare_numbers(const CypherValue& a, const CypherValue& b) {
  auto ia = a.get<std::int64_t>(), ib = b.get<std::int64_t>();
  if (ia && ib) return sign(*ia, *ib);
  double x = a.as_double(), y = b.as_double();
  if (std::isnan(x) || std::isnan(y)) return sign(std::isnan(x), std::isnan(y));  // NaN after numbers
  return sign(x, y);
}

}  // namespace

std::string type_name(const CypherValue& v) {
  static const char* const names[] = {"Null", "Boolean", "Integer", "Float", "String", "List", "Node", "Relationship"};
  return names[v.data.index()];
}

std::optional<bool> equals(const CypherValue& a, const CypherValue& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (a.is_number() && b.is_number()) {
    if (a.get<double>() && std::isnan(*a.get<double>())) return false;
    if (b.get<double>() && std::isnan(*b.get<double>())) return false;
    return compare_numbers(a, b) == 0;
  }
  if (a.data.index() != b.data.index()) return false;
  if (auto la = a.list()) {
    const CypherList& lb = *b.list();
    if (la->size() != lb.size()) return false;
    bool unknown = false;
    for (std::size_t i = 0; i < la->size(); ++i) {
      std::optional<bool> e = equals((*la)[i], lb[i]);
      if (e && !*e) return false;
      unknown = unknown || !e;
    }
    if (unknown) return std::nullopt;
    return true;
  }
  return order(a, b) == 0;
}

std::optional<int> compare(const CypherValue& a, const CypherValue& b) {
  if (a.is_null() || b.is_null()) return std::nullopt;
  if (a.is_number() && b.is_number()) {
    if ((a.get<double>() && std::isnan(*a.get<double>())) || (b.get<double>() && std::isnan(*b.get<double>())))
      return std::nullopt;
    return compare_numbers(a, b);
  }
  if (a.data.index() != b.data.index()) return std::nullopt;
  if (a.get<std::string>() || a.get<bool>()) return order(a, b);
  if (auto la = a.list()) {
    const CypherList& lb = *b.list();
    for (std::size_t i = 0; i < la->size() && i < lb.size(); ++i) {
      std::optional<int> c = compare((*la)[i], lb[i]);
      if (!c || *c != 0) return c;
    }
    return sign(la->size(), lb.size());
  }
  return std::nullopt;  // nodes and relationships are not comparable with <
}

int order(const CypherValue& a, const CypherValue& b) {
  int ra = type_rank(a), rb = type_rank(b);
  if (ra != rb) return sign(ra, rb);
  if (a.is_number()) return compare_numbers(a, b);
  if (auto s = a.get<std::string>()) return sign(*s, *b.get<std::string>());
  if (auto x = a.get<bool>()) return sign(*x, *b.get<bool>());
  if (auto n = a.get<NodeRef>()) return sign(n->id, b.get<NodeRef>()->id);
  if (auto r = a.get<RelRef>()) return sign(r->id, b.get<RelRef>()->id);
  if (auto la = a.list()) {
    const CypherList& lb = *b.list();
    for (std::size_t i = 0; i < la->size() && i < lb.size(); ++i)
      if (int c = order((*la)[i], lb[i])) return c;
    return sign(la->size(), lb.size());
  }
  return 0;  // two nulls
}

bool RowLess::operator()(const Row& a, const Row& b) const {
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
    if (int c = order(a[i], b[i])) return c < 0;
  return a.size() < b.size();
}

}  // namespace trialgraph::query
