// Cypher's runtime values and Neo4j's three ways of comparing them: equality (`=`, null when
// unknown), comparison (`<`, null across types) and orderability (ORDER BY, DISTINCT, grouping).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace trialgraph::query {

struct NodeRef {
  std::size_t id;
};
struct RelRef {
  std::size_t id;
};

struct CypherValue;
using CypherList = std::vector<CypherValue>;

struct CypherValue {
  // Lists are shared: a row copy must not copy a collected list.
  using Data = std::variant<std::monostate, bool, std::int64_t, double, std::string,
                            std::shared_ptr<const CypherList>, NodeRef, RelRef>;
  Data data;

  CypherValue() = default;
  CypherValue(bool b) : data(b) {}
  CypherValue(std::int64_t i) : data(i) {}
  CypherValue(double d) : data(d) {}
  CypherValue(std::string s) : data(std::move(s)) {}
  CypherValue(CypherList list) : data(std::make_shared<const CypherList>(std::move(list))) {}
  CypherValue(NodeRef n) : data(n) {}
  CypherValue(RelRef r) : data(r) {}

  bool is_null() const { return std::holds_alternative<std::monostate>(data); }
  bool is_number() const { return std::holds_alternative<std::int64_t>(data) || std::holds_alternative<double>(data); }
  template <class T> const T* get() const { return std::get_if<T>(&data); }
  const CypherList* list() const {
    auto p = get<std::shared_ptr<const CypherList>>();
    return p ? p->get() : nullptr;
  }
  double as_double() const { return get<double>() ? *get<double>() : double(*get<std::int64_t>()); }
};

using Row = std::vector<CypherValue>;

/// Cypher's type name, for error messages: String, Integer, Float, Boolean, List, Node, ...
std::string type_name(const CypherValue& v);

/// `a = b`: nothing (null) when either side is null or a list holds an unknown comparison.
std::optional<bool> equals(const CypherValue& a, const CypherValue& b);

/// `a < b` and friends: the sign of the comparison, or nothing (null) when the values are not
/// comparable (different types, null, nodes).
std::optional<int> compare(const CypherValue& a, const CypherValue& b);

/// Neo4j's global sort order: maps, nodes, relationships, lists, strings, booleans, numbers,
/// then null. Two values are equivalent (DISTINCT, grouping) when neither orders first;
/// 1 and 1.0 are equivalent, and so are two nulls.
int order(const CypherValue& a, const CypherValue& b);

struct RowLess {
  bool operator()(const Row& a, const Row& b) const;
};

}  // namespace trialgraph::query
