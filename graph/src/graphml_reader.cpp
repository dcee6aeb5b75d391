// GraphML back into a Graph. The file is trusted to be in the shape write_graphml gives it;
// anything else is refused with the first thing that does not fit, rather than half-read.
#include "trialgraph/graphml_reader.hpp"

#include <iterator>
#include "trialgraph/text_encoding.hpp"

#include <cerrno>
#include <cstring>
#include <optional>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

namespace trialgraph {
namespace {

struct KeyDecl {
  std::string name;  ///< attr.name: the property's name
  std::string type;  ///< attr.type: string, long, int, double, float, boolean
};

using KeyTable = std::map<std::string, KeyDecl>;  // by key id

[[noreturn]] void fail(const std::string& what) {
  throw GraphmlReadError("not a GraphML file written by trialgraph: " + what);
}

// A JSON array of strings, as write_graphml writes lists; nothing when the text is not one.
std::optional<std::vector<std::string>> json_string_list(const std::string& text) {
  if (text.size() < 2 || text.front() != '[' || text.back() != ']') return std::nullopt;
  nlohmann::json parsed = nlohmann::json::parse(text, nullptr, false);
  if (!parsed.is_array()) return std::nullopt;
  std::vector<std::string> items;
  for (const auto& item : parsed) {
    if (!item.is_string()) return std::nullopt;
    items.push_back(item.get<std::string>());
  }
  return items;
}

Value typed_value(const KeyDecl& key, const std::string& text) {
  if (key.type == "long" || key.type == "int") {
    std::int64_t v = 0;
    auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size())
      fail("'" + key.name + "' is declared " + key.type + " but holds '" + text + "'");
    return v;
  }
  if (key.type == "double" || key.type == "float") {
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || text.empty())
      fail("'" + key.name + "' is declared " + key.type + " but holds '" + text + "'");
    return v;
  }
  if (key.type == "boolean") return text == "true";
  if (auto list = json_string_list(text)) return *list;
  return text;
}

KeyTable read_keys(const pugi::xml_node& root, const char* domain) {
  KeyTable keys;
  for (pugi::xml_node key : root.children("key")) {
    if (std::string(key.attribute("for").value()) != domain) continue;
    keys[key.attribute("id").value()] = {key.attribute("attr.name").value(),
                                         key.attribute("attr.type").as_string("string")};
  }
  return keys;
}

void require_keys(const KeyTable& keys, std::initializer_list<const char*> ids, const char* domain) {
  for (const char* id : ids)
    if (!keys.count(id)) fail(std::string("no <key id=\"") + id + "\" for=\"" + domain + "\">");
}

// The data of one element, by property name.
std::map<std::string, std::string> data_of(const pugi::xml_node& element, const KeyTable& keys) {
  std::map<std::string, std::string> values;
  for (pugi::xml_node data : element.children("data")) {
    auto key = keys.find(data.attribute("key").value());
    if (key == keys.end())
      fail(std::string("<data key=\"") + data.attribute("key").value() + "\"> has no <key>");
    values[key->second.name] = data.text().get();
  }
  return values;
}

std::set<std::string> list_of(const std::string& text, const std::string& what) {
  auto list = json_string_list(text);
  if (!list) fail(what + " is not a JSON list of strings: '" + text + "'");
  return {list->begin(), list->end()};
}

Node read_node(const pugi::xml_node& element, const KeyTable& keys) {
  auto values = data_of(element, keys);
  const std::string& labels = values["labels"];
  if (labels.size() < 2 || labels[0] != ':' || labels.find(':', 1) != std::string::npos)
    fail("node '" + std::string(element.attribute("id").value()) + "' has labels '" + labels +
         "' (one label, written :Label, expected)");
  Node node;
  node.label = labels.substr(1);
  node.key = values["key"];
  node.name = values["name"];
  if (node.key.empty()) fail("node '" + std::string(element.attribute("id").value()) + "' has no key");
  node.sources = list_of(values["sources"], "the sources of " + node.label + " " + node.key);
  if (values.count("aliases")) {
    std::set<std::string> aliases = list_of(values["aliases"], "the aliases of " + node.key);
    node.aliases.insert(boost::container::ordered_unique_range, aliases.begin(), aliases.end());
  }
  for (const auto& [id, decl] : keys) {
    auto v = values.find(decl.name);
    if (v == values.end()) continue;
    if (decl.name == "labels" || decl.name == "key" || decl.name == "name" || decl.name == "sources" ||
        decl.name == "aliases")
      continue;
    node.properties[decl.name] = typed_value(decl, v->second);
  }
  return node;
}

Edge read_edge(const pugi::xml_node& element, const KeyTable& keys) {
  auto values = data_of(element, keys);
  Edge edge;
  edge.type = values.count("label") ? values["label"] : element.attribute("label").value();
  if (edge.type.empty()) fail("edge '" + std::string(element.attribute("id").value()) + "' has no type");
  if (values.count("sources")) edge.sources = list_of(values["sources"], "the sources of an edge");
  PropertyMap properties;
  for (const auto& [id, decl] : keys) {
    auto v = values.find(decl.name);
    if (v != values.end() && decl.name != "label" && decl.name != "sources")
      properties[decl.name] = typed_value(decl, v->second);
  }
  edge.properties = properties;
  return edge;
}

}  // namespace

Graph read_graphml(std::istream& in) {
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  // XML in UTF-8 that is not UTF-8 is not well-formed, and pugixml does not check: two keys that
  // differed only in invalid bytes would be written back as one.
  if (std::optional<std::size_t> bad = first_invalid_utf8(text))
    throw GraphmlReadError("not XML: not valid UTF-8 at byte " + std::to_string(*bad));
  pugi::xml_document doc;
  pugi::xml_parse_result parsed = doc.load_buffer_inplace(text.data(), text.size());
  if (!parsed)
    throw GraphmlReadError(std::string("not XML: ") + parsed.description() + " at byte " +
                           std::to_string(parsed.offset));
  pugi::xml_node root = doc.child("graphml");
  if (!root) throw GraphmlReadError("not GraphML: the root element is not <graphml>");
  KeyTable node_keys = read_keys(root, "node"), edge_keys = read_keys(root, "edge");
  require_keys(node_keys, {"labels", "key", "name", "sources"}, "node");
  require_keys(edge_keys, {"label"}, "edge");
  pugi::xml_node graph_element = root.child("graph");
  if (!graph_element) fail("no <graph> element");

  Graph graph;
  std::map<std::string, EntityRef> ref_by_id;
  for (pugi::xml_node element : graph_element.children("node")) {
    Node node = read_node(element, node_keys);
    ref_by_id[element.attribute("id").value()] = {node.label, node.key};
    graph.add_node(std::move(node));
  }
  for (pugi::xml_node element : graph_element.children("edge")) {
    auto from = ref_by_id.find(element.attribute("source").value());
    auto to = ref_by_id.find(element.attribute("target").value());
    if (from == ref_by_id.end() || to == ref_by_id.end())
      fail("edge '" + std::string(element.attribute("id").value()) + "' joins an unknown node");
    graph.add_edge(from->second, to->second, read_edge(element, edge_keys));
  }
  return graph;
}

Graph read_graphml_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw GraphmlReadError("cannot open " + path.string() + ": " + std::strerror(errno));
  try {
    return read_graphml(in);
  } catch (const GraphmlReadError& e) {
    throw GraphmlReadError(path.string() + ": " + e.what());
  }
}

}  // namespace trialgraph
