// GraphML in the shape Neo4j's apoc.import.graphml(file, {readLabels: true}) reads
// (the rules: shared/tools/apoc_graphml_lint.py).
#include <map>
#include <nlohmann/json.hpp>

#include "text_escape.hpp"
#include "trialgraph/exporters.hpp"

namespace trialgraph {
namespace {

using detail::xml_escape;

// The GraphML attr.type able to hold every value a property takes.
class KeyTypes {
 public:
  void see(const std::string& name, const Value& v) {
    const char* t = std::holds_alternative<std::int64_t>(v) ? "long"
                    : std::holds_alternative<double>(v)     ? "double"
                    : std::holds_alternative<bool>(v)       ? "boolean"
                                                            : "string";
    auto [it, fresh] = types_.try_emplace(name, t);
    if (fresh || it->second == t) return;
    bool numbers = (it->second == std::string("long") || it->second == std::string("double")) &&
                   (t == std::string("long") || t == std::string("double"));
    it->second = numbers ? "double" : "string";
  }
  const std::map<std::string, const char*>& types() const { return types_; }
  const char* type_of(const std::string& name) const { return types_.at(name); }

 private:
  std::map<std::string, const char*> types_;
};

std::string json_list(const std::vector<std::string>& items) {
  return nlohmann::json(items).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string json_list(const std::set<std::string>& items) {
  return json_list(std::vector<std::string>(items.begin(), items.end()));
}

// A value in the declared type's lexical form (a long declared as double stays an integer literal).
std::string lexical(const Value& v, const char* type) {
  if (std::string(type) == "string") {
    if (auto s = std::get_if<std::string>(&v)) return *s;
    if (auto l = std::get_if<std::vector<std::string>>(&v)) return json_list(*l);
  }
  if (auto i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto d = std::get_if<double>(&v)) return detail::format_double(*d);
  if (auto b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  return "";
}

void data(std::ostream& out, const std::string& key_id, const std::string& value) {
  if (value.empty()) return;  // APOC turns an empty <data/> into "", not into no property
  out << "<data key=\"" << xml_escape(key_id) << "\">" << xml_escape(value) << "</data>";
}

std::string edge_key_id(const std::string& name) { return "e_" + name; }

void declare_keys(std::ostream& out, const KeyTypes& nodes, const KeyTypes& edges) {
  out << "<key id=\"labels\" for=\"node\" attr.name=\"labels\" attr.type=\"string\"/>\n";
  for (const auto& [name, type] : nodes.types())
    out << "<key id=\"" << xml_escape(name) << "\" for=\"node\" attr.name=\"" << xml_escape(name)
        << "\" attr.type=\"" << type << "\"/>\n";
  out << "<key id=\"label\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n";
  for (const auto& [name, type] : edges.types())
    out << "<key id=\"" << xml_escape(edge_key_id(name)) << "\" for=\"edge\" attr.name=\""
        << xml_escape(name) << "\" attr.type=\"" << type << "\"/>\n";
}

std::string node_id(const Node& n) { return n.label + ":" + n.key; }

}  // namespace

void write_graphml(const Graph& graph, std::ostream& out) {
  KeyTypes node_keys, edge_keys;
  for (const char* fixed : {"key", "name", "sources"}) node_keys.see(fixed, std::string());
  graph.for_each_node([&](const Node& n) {
    if (!n.aliases.empty()) node_keys.see("aliases", std::string());
    for (const auto& [name, value] : n.properties) node_keys.see(name, value);
  });
  edge_keys.see("sources", std::string());
  graph.for_each_edge([&](const Node&, const Edge& e, const Node&) {
    for (const auto& [name, value] : e.properties) edge_keys.see(name, value);
  });

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  declare_keys(out, node_keys, edge_keys);
  out << "<graph id=\"G\" edgedefault=\"directed\">\n";
  graph.for_each_node([&](const Node& n) {
    out << "<node id=\"" << xml_escape(node_id(n)) << "\" labels=\":" << xml_escape(n.label) << "\">";
    data(out, "labels", ":" + n.label);
    data(out, "key", n.key);
    data(out, "name", n.name);
    if (!n.aliases.empty()) data(out, "aliases", json_list(n.aliases));
    data(out, "sources", json_list(n.sources));
    for (const auto& [name, value] : n.properties) data(out, name, lexical(value, node_keys.type_of(name)));
    out << "</node>\n";
  });
  std::size_t edge_number = 0;
  graph.for_each_edge([&](const Node& from, const Edge& e, const Node& to) {
    out << "<edge id=\"e" << edge_number++ << "\" source=\"" << xml_escape(node_id(from))
        << "\" target=\"" << xml_escape(node_id(to)) << "\" label=\"" << xml_escape(e.type) << "\">";
    data(out, "label", e.type);  // APOC wants the type as the first child
    data(out, edge_key_id("sources"), json_list(e.sources));
    for (const auto& [name, value] : e.properties)
      data(out, edge_key_id(name), lexical(value, edge_keys.type_of(name)));
    out << "</edge>\n";
  });
  out << "</graph>\n</graphml>\n";
}

}  // namespace trialgraph
