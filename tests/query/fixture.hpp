// A small graph for the query tests: three trials, two sponsors, drugs targeting antigens.
#pragma once

#include "trialgraph/graph.hpp"
#include "trialgraph/query.hpp"

namespace trialgraph::test {

inline Graph small_trial_graph() {
  Graph g;
  auto add = [&](const char* label, const char* key, const char* name, std::vector<Property> props = {}) {
    g.merge_entity(Entity{label, key, name, {}, std::move(props)}, "fixture.json");
  };
  auto link = [&](const char* type, EntityRef from, EntityRef to, std::vector<Property> props = {}) {
    g.merge_relation(Relation{type, std::move(from), std::move(to), std::move(props)}, "fixture.json");
  };
  add("Trial", "NCT1", "CD19 CAR-T in ALL", {{"status", std::string("RECRUITING")}, {"enrollment", std::int64_t(30)}});
  add("Trial", "NCT2", "CD19/CD22 CAR-T", {{"status", std::string("COMPLETED")}, {"enrollment", std::int64_t(12)}});
  add("Trial", "NCT3", "Lupus study", {{"status", std::string("RECRUITING")}});
  add("Sponsor", "acme", "Acme");
  add("Sponsor", "beta", "Beta Hospital");
  add("Drug", "cart19", "CART-19");
  add("Drug", "cart1922", "CART-19/22");
  add("Antigen", "CD19", "CD19");
  add("Antigen", "CD22", "CD22");
  add("Disease", "D1", "Acute Lymphoblastic Leukemia");
  link("SPONSORED_BY", {"Trial", "NCT1"}, {"Sponsor", "acme"}, {{"role", std::string("lead")}});
  link("SPONSORED_BY", {"Trial", "NCT2"}, {"Sponsor", "acme"}, {{"role", std::string("lead")}});
  link("SPONSORED_BY", {"Trial", "NCT2"}, {"Sponsor", "beta"}, {{"role", std::string("collaborator")}});
  link("SPONSORED_BY", {"Trial", "NCT3"}, {"Sponsor", "beta"}, {{"role", std::string("lead")}});
  link("TESTS", {"Trial", "NCT1"}, {"Drug", "cart19"});
  link("TESTS", {"Trial", "NCT2"}, {"Drug", "cart1922"});
  link("TARGETS", {"Drug", "cart19"}, {"Antigen", "CD19"});
  link("TARGETS", {"Drug", "cart1922"}, {"Antigen", "CD19"});
  link("TARGETS", {"Drug", "cart1922"}, {"Antigen", "CD22"});
  link("STUDIES", {"Trial", "NCT1"}, {"Disease", "D1"});
  return g;
}

/// The rows of a result as text: cells joined by '|', null as "null".
inline std::vector<std::string> rows_of(const query::ResultTable& r) {
  std::vector<std::string> rows;
  for (const auto& row : r.rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i)
      line += (i ? "|" : "") + (row[i].kind == query::Cell::Kind::null ? std::string("null") : row[i].text);
    rows.push_back(line);
  }
  return rows;
}

}  // namespace trialgraph::test
