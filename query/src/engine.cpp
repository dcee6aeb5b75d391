// The public entry point: parse, check, execute, render.
#include <nlohmann/json.hpp>

#include "checker.hpp"
#include "executor.hpp"
#include "functions.hpp"

namespace trialgraph::query {
namespace {

nlohmann::json to_json(const CypherValue& v, const GraphIndex& g);

nlohmann::json properties_json(const std::vector<std::pair<std::string, CypherValue>>& props, const GraphIndex& g) {
  nlohmann::json object = nlohmann::json::object();
  for (const auto& [name, value] : props) object[name] = to_json(value, g);
  return object;
}

std::string node_id(const GraphIndex& g, std::size_t id) { return g.node(id).label + ":" + g.node(id).key; }

nlohmann::json to_json(const CypherValue& v, const GraphIndex& g) {
  if (v.is_null()) return nullptr;
  if (auto b = v.get<bool>()) return *b;
  if (auto i = v.get<std::int64_t>()) return *i;
  if (auto d = v.get<double>()) return *d;
  if (auto s = v.get<std::string>()) return *s;
  if (auto l = v.list()) {
    nlohmann::json array = nlohmann::json::array();
    for (const CypherValue& item : *l) array.push_back(to_json(item, g));
    return array;
  }
  if (auto n = v.get<NodeRef>())
    return {{"labels", {g.node(n->id).label}}, {"properties", properties_json(g.node_properties(n->id), g)}};
  const auto& e = g.edge(v.get<RelRef>()->id);
  return {{"type", e.edge->type}, {"start", node_id(g, e.from)}, {"end", node_id(g, e.to)},
          {"properties", properties_json(g.edge_properties(v.get<RelRef>()->id), g)}};
}

Cell render(const CypherValue& v, const GraphIndex& g) {
  if (v.is_null()) return {Cell::Kind::null, ""};
  if (v.get<bool>()) return {Cell::Kind::boolean, to_text(v)};
  if (v.get<std::int64_t>()) return {Cell::Kind::integer, to_text(v)};
  if (v.get<double>()) return {Cell::Kind::real, to_text(v)};
  if (v.get<std::string>()) return {Cell::Kind::string, to_text(v)};
  return {Cell::Kind::json, to_json(v, g).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

}  // namespace

QueryEngine::QueryEngine(const Graph& graph) : index_(std::make_unique<GraphIndex>(graph)) {}
QueryEngine::~QueryEngine() = default;

ResultTable QueryEngine::run(std::string_view cypher) const {
  Query query = parse_query(cypher);
  check_query(query);
  ExpressionEvaluator evaluator(*index_);
  Table table = execute(query, evaluator);
  ResultTable result;
  result.columns = table.columns;
  for (const Row& row : table.rows) {
    std::vector<Cell> cells;
    for (const CypherValue& v : row) cells.push_back(render(v, *index_));
    result.rows.push_back(std::move(cells));
  }
  return result;
}

}  // namespace trialgraph::query
