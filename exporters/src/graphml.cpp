// GraphML in the shape Neo4j's apoc.import.graphml(file, {readLabels: true}) reads
// (the rules: shared/tools/apoc_graphml_lint.py).
#include <map>
#include <unordered_map>
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

void data(std::string& out, std::string_view key_id, std::string_view value) {
  if (value.empty()) return;  // APOC turns an empty <data/> into "", not into no property
  out += "<data key=\"";
  detail::append_xml_escaped(out, key_id);
  out += "\">";
  detail::append_xml_escaped(out, value);
  out += "</data>";
}

void node_id(std::string& out, const Node& n) {
  detail::append_xml_escaped(out, n.label);
  out += ':';
  detail::append_xml_escaped(out, n.key);
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
  // Sources are interned: one JSON text per distinct set, however many nodes and edges share it.
  std::unordered_map<const Sources::Set*, std::string> sources_json;
  auto sources_text = [&](const Sources& sources) -> const std::string& {
    auto [it, fresh] = sources_json.try_emplace(&sources.set());
    if (fresh) it->second = json_list(sources.set());
    return it->second;
  };
  std::string line;  // one element at a time, written whole
  graph.for_each_node([&](const Node& n) {
    line.assign("<node id=\"");
    node_id(line, n);
    line += "\" labels=\":";
    detail::append_xml_escaped(line, n.label);
    line += "\">";
    data(line, "labels", ":" + n.label);
    data(line, "key", n.key);
    data(line, "name", n.name);
    if (!n.aliases.empty()) data(line, "aliases", json_list(n.aliases));
    data(line, "sources", sources_text(n.sources));
    for (const auto& [name, value] : n.properties) data(line, name, lexical(value, node_keys.type_of(name)));
    line += "</node>\n";
    out.write(line.data(), std::streamsize(line.size()));
  });
  std::size_t edge_number = 0;
  graph.for_each_edge([&](const Node& from, const Edge& e, const Node& to) {
    line.assign("<edge id=\"e").append(std::to_string(edge_number++)).append("\" source=\"");
    node_id(line, from);
    line += "\" target=\"";
    node_id(line, to);
    line += "\" label=\"";
    detail::append_xml_escaped(line, e.type);
    line += "\">";
    data(line, "label", e.type);  // APOC wants the type as the first child
    data(line, "e_sources", sources_text(e.sources));
    for (const auto& [name, value] : e.properties)
      data(line, edge_key_id(name), lexical(value, edge_keys.type_of(name)));
    line += "</edge>\n";
    out.write(line.data(), std::streamsize(line.size()));
  });
  out << "</graph>\n</graphml>\n";
}

}  // namespace trialgraph
