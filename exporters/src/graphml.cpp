// GraphML in the shape Neo4j's apoc.import.graphml(file, {readLabels: true}) reads
// (the rules: shared/tools/apoc_graphml_lint.py).
#include <algorithm>
#include <charconv>
#include <map>
#include <numeric>
#include <unordered_map>
#include <nlohmann/json.hpp>

#include "ordered_chunks.hpp"
#include "text_escape.hpp"
#include "trialgraph/detail/shares.hpp"
#include "trialgraph/exporters.hpp"

namespace trialgraph {
namespace {

using detail::xml_escape;

constexpr std::size_t kNodesPerShare = 1024;  // a survey of fewer is not worth a thread

// The GraphML attr.type able to hold every value a property takes. Names are Symbols, so seen
// by their one interned string's address: millions of properties, no string compared.
class KeyTypes {
 public:
  void see(Symbol name, const PropertyValue& v) {
    const char* t = v.integer()   ? kLong
                    : v.real()    ? kDouble
                    : v.boolean() ? kBoolean
                                  : kString;
    see(&name.str(), t);
  }
  /// What another survey saw: the types join, so the result does not depend on who saw what.
  void absorb(const KeyTypes& other) {
    for (const auto& [name, key] : other.keys_) see(name, key.type);
  }
  /// By name, for the declarations.
  std::map<std::string, const char*> types() const {
    std::map<std::string, const char*> by_name;
    for (const auto& [name, key] : keys_) by_name.emplace(*name, key.type);
    return by_name;
  }
  /// Once every property is seen: `<data key="ID">` for each, its ID `id_prefix` + name.
  void make_open_tags(std::string_view id_prefix) {
    for (auto& [name, key] : keys_) key.open_tag = "<data key=\"" + xml_escape(std::string(id_prefix) + *name) + "\">";
  }
  /// The type and the open tag of a property, found once.
  std::pair<const char*, const std::string&> type_and_tag(Symbol name) const {
    const Key& key = keys_.find(&name.str())->second;
    return {key.type, key.open_tag};
  }

 private:
  static constexpr const char* kLong = "long";
  static constexpr const char* kDouble = "double";
  static constexpr const char* kBoolean = "boolean";
  static constexpr const char* kString = "string";
  struct Key {
    const char* type;
    std::string open_tag;
  };
  // The narrowest type holding both: long and double make double, any other two kinds string.
  void see(const std::string* name, const char* t) {
    auto [it, fresh] = keys_.try_emplace(name, Key{t, {}});
    const char*& type = it->second.type;
    if (fresh || type == t) return;
    bool numbers = (type == kLong || type == kDouble) && (t == kLong || t == kDouble);
    type = numbers ? kDouble : kString;
  }
  std::unordered_map<const std::string*, Key> keys_;
};

// A list of names as a JSON array in a string (sources, aliases, list values). ASCII, nearly all
// of them, is written here; a list with other bytes goes through nlohmann, which also replaces
// what is not UTF-8, so that the two write the same.
template <class Items>  // strings: a set, a sorted vector, or a TextList
std::string json_list(const Items& items) {
  bool ascii = std::all_of(items.begin(), items.end(), [](const auto& s) { return detail::is_ascii(std::string_view(s)); });
  if (!ascii) {
    return nlohmann::json(std::vector<std::string>(items.begin(), items.end()))
        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  std::string out = "[";
  for (const auto& item : items) {
    if (out.size() > 1) out += ',';
    out += '"';
    detail::append_json_escaped(out, std::string_view(item));
    out += '"';
  }
  return out += ']';
}

std::string lexical_scalar(const PropertyValue& v) {
  if (auto i = v.integer()) return std::to_string(*i);
  if (auto d = v.real()) return detail::format_double(*d);
  if (auto b = v.boolean()) return *b ? "true" : "false";
  return "";
}

// A value in the declared type's lexical form (a long declared as double stays an integer literal).
// Text is the common case: it is passed through, not copied.
std::string_view lexical(const PropertyValue& v, const char* type, std::string& scratch) {
  if (std::string_view(type) == "string") {
    if (v.is_text()) return v.text();
    if (auto l = v.list()) return scratch = json_list(*l);
  }
  return scratch = lexical_scalar(v);
}
// `open_tag`: `<data key="ID">`, made once per key.
void data(std::string& out, std::string_view open_tag, std::string_view value) {
  if (value.empty()) return;  // APOC turns an empty <data/> into "", not into no property
  out += open_tag;
  detail::append_xml_escaped(out, value);
  out += "</data>";
}

// A property in the type its key declares.
void data(std::string& out, const KeyTypes& keys, Symbol name, const PropertyValue& value, std::string& scratch) {
  auto [type, open_tag] = keys.type_and_tag(name);
  data(out, open_tag, lexical(value, type, scratch));
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



// The text a label, an edge type or a set of sources always gives, made once: a handful of
// labels and types, a few sets of sources, for millions of nodes and edges.
template <class Of>
class Texts {
 public:
  /// The text for `of`, which was seen.
  const std::string& at(const Of* of) const { return texts_.at(of); }
  /// Makes the text for `of` when it is new. The last one seen is not looked up again: runs share it.
  template <class Make>
  void see(const Of* of, Make&& make) {
    if (of == last_seen_) return;
    last_seen_ = of;
    auto [it, fresh] = texts_.try_emplace(of);
    if (fresh) it->second = make();
  }
  void absorb(Texts&& other) { texts_.merge(other.texts_); }

 private:
  std::unordered_map<const Of*, std::string> texts_;
  const Of* last_seen_ = nullptr;
};

// What the element writers share, read-only once built, so that chunks format on several threads.
struct GraphmlContext {
  KeyTypes node_keys, edge_keys;
  // `" labels=":Site"><data key="labels">:Site</data>`, by label
  Texts<std::string> label_tails;
  // `" label="RUNS_AT"><data key="label">RUNS_AT</data>`, by type: APOC wants the type first
  Texts<std::string> type_tails;
  // `<data key="sources">[&quot;a.json&quot;]</data>` for nodes, `e_sources` for edges, by set
  Texts<Sources::Set> node_sources, edge_sources;

  void see(const Node& n) {
    label_tails.see(&n.label.str(), [&] {
      std::string text = "\" labels=\":";
      detail::append_xml_escaped(text, n.label);
      text += "\">";
      data(text, "<data key=\"labels\">", ":" + n.label.str());
      return text;
    });
    node_sources.see(&n.sources.set(), [&] { return sources_data("<data key=\"sources\">", n.sources); });
  }
  void see(const Edge& e) {
    type_tails.see(&e.type.str(), [&] {
      std::string text = "\" label=\"";
      detail::append_xml_escaped(text, e.type);
      text += "\">";
      data(text, "<data key=\"label\">", e.type);
      return text;
    });
    edge_sources.see(&e.sources.set(), [&] { return sources_data("<data key=\"e_sources\">", e.sources); });
  }
  void absorb(GraphmlContext&& other) {
    node_keys.absorb(other.node_keys);
    edge_keys.absorb(other.edge_keys);
    label_tails.absorb(std::move(other.label_tails));
    type_tails.absorb(std::move(other.type_tails));
    node_sources.absorb(std::move(other.node_sources));
    edge_sources.absorb(std::move(other.edge_sources));
  }

 private:
  static std::string sources_data(std::string_view open_tag, const Sources& sources) {
    std::string text;
    data(text, open_tag, json_list(sources.set()));
    return text;
  }
};

// Which keys to declare: every node and edge seen once, in store order (the result does not
// depend on order, and the export order would cost a sort of each node's edges), each share of
// the nodes and the edges leaving them on a thread of its own.
GraphmlContext survey(const Graph& graph, unsigned jobs) {
  const Graph::Store& store = graph.store();
  const std::size_t count = boost::num_vertices(store);
  const unsigned shares = detail::share_count(count, jobs, kNodesPerShare);
  std::vector<GraphmlContext> seen(shares);
  detail::for_each_share(count, shares, [&](unsigned share, std::size_t begin, std::size_t end) {
    GraphmlContext& c = seen[share];
    for (std::size_t v = begin; v < end; ++v) {
      const Node& n = store[v];
      if (!n.aliases.empty()) c.node_keys.see("aliases", PropertyValue());
      for (const auto& [name, value] : n.properties) c.node_keys.see(name, value);
      c.see(n);
      for (const Graph::EdgeId& id : boost::make_iterator_range(boost::out_edges(v, store))) {
        const Edge& e = store[id];
        for (const auto& [name, value] : e.properties) c.edge_keys.see(name, value);
        c.see(e);
      }
    }
  });
  GraphmlContext c = std::move(seen[0]);
  for (unsigned share = 1; share < shares; ++share) c.absorb(std::move(seen[share]));
  for (const char* fixed : {"key", "name", "sources"}) c.node_keys.see(fixed, PropertyValue());
  c.edge_keys.see("sources", PropertyValue());
  c.node_keys.make_open_tags("");
  c.edge_keys.make_open_tags("e_");
  return c;
}

void append_node(std::string& line, const Node& n, const GraphmlContext& c) {
  std::string scratch;
  line += "<node id=\"";
  node_id(line, n);
  line += c.label_tails.at(&n.label.str());
  data(line, "<data key=\"key\">", n.key);
  data(line, "<data key=\"name\">", n.name);
  if (!n.aliases.empty()) data(line, "<data key=\"aliases\">", json_list(n.aliases));
  line += c.node_sources.at(&n.sources.set());
  for (const auto& [name, value] : n.properties) data(line, c.node_keys, name, value, scratch);
  line += "</node>\n";
}

// `from_id`: the source's node id, escaped once for all the edges leaving it.
void append_edge(std::string& line, std::size_t number, std::string_view from_id, const Edge& e, const Node& to,
                 const GraphmlContext& c) {
  std::string scratch;
  char digits[24];
  line.append("<edge id=\"e").append(digits, std::to_chars(digits, digits + sizeof digits, number).ptr);
  line.append("\" source=\"").append(from_id);
  line += "\" target=\"";
  node_id(line, to);
  line += c.type_tails.at(&e.type.str());
  line += c.edge_sources.at(&e.sources.set());
  for (const auto& [name, value] : e.properties) data(line, c.edge_keys, name, value, scratch);
  line += "</edge>\n";
}

}  // namespace

void write_graphml(const Graph& graph, std::ostream& out) { write_graphml(graph, out, ExportOptions()); }

void write_graphml(const Graph& graph, std::ostream& out, const ExportOptions& options) {
  const GraphmlContext c = survey(graph, options.jobs);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  declare_keys(out, c.node_keys, c.edge_keys);
  out << "<graph id=\"G\" edgedefault=\"directed\">\n";
  graph.prepare_export_order(options.jobs);
  const std::size_t nodes = graph.node_count();
  detail::write_ordered_chunks(out, nodes, options.jobs, [&](std::size_t begin, std::size_t end, std::string& text) {
    graph.for_each_node(begin, end, [&](const Node& n) { append_node(text, n, c); });
  });
  // Edges are numbered in export order: each chunk of source nodes starts where the last ended.
  std::vector<std::size_t> first_edge(nodes + 1, 0);
  detail::for_each_share(nodes, detail::share_count(nodes, options.jobs, kNodesPerShare),
                         [&](unsigned, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) first_edge[i + 1] = graph.out_degree_at(i);
  });
  std::partial_sum(first_edge.begin(), first_edge.end(), first_edge.begin());
  detail::write_ordered_chunks(out, nodes, options.jobs, [&](std::size_t begin, std::size_t end, std::string& text) {
    std::size_t number = first_edge[begin];
    const Node* last_from = nullptr;
    std::string from_id;
    graph.for_each_edge_from(begin, end, [&](const Node& from, const Edge& e, const Node& to) {
      if (&from != last_from) {
        last_from = &from;
        from_id.clear();
        node_id(from_id, from);
      }
      append_edge(text, number++, from_id, e, to, c);
    });
  });
  out << "</graph>\n</graphml>\n";
}

}  // namespace trialgraph
