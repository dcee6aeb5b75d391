// CSV files for `neo4j-admin database import full` (the header rules: Neo4j's operations manual,
// "Import" > "CSV header format"): an ID space per label, typed property columns, RFC 4180 quoting.
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

#include "text_escape.hpp"
#include "trialgraph/exporters.hpp"

namespace trialgraph {
namespace {

// What a column holds, from the most to the least specific; the column takes the type that can
// hold every value it meets.
enum class Kind { none, boolean, integer, real, text, list };

Kind kind_of(const PropertyValue& v) {
  if (v.boolean()) return Kind::boolean;
  if (v.integer()) return Kind::integer;
  if (v.real()) return Kind::real;
  if (v.is_text()) return Kind::text;
  return Kind::list;
}

Kind widen(Kind a, Kind b) {
  if (a == Kind::none || a == b) return b;
  if (b == Kind::none) return a;
  if (a == Kind::list || b == Kind::list) return Kind::list;  // a lone value is a one-element array
  bool numbers = (a == Kind::integer || a == Kind::real) && (b == Kind::integer || b == Kind::real);
  return numbers ? Kind::real : Kind::text;
}

const char* type_suffix(Kind k) {
  switch (k) {
    case Kind::boolean: return ":boolean";
    case Kind::integer: return ":long";
    case Kind::real: return ":double";
    case Kind::list: return ":string[]";
    default: return "";
  }
}

// Scalar values as text (a boolean or number in a text or array column keeps its usual spelling).
std::string scalar_text(const PropertyValue& v) {
  if (v.is_text()) return detail::valid_xml_text(v.text());
  if (auto i = v.integer()) return std::to_string(*i);
  if (auto d = v.real()) return detail::format_double(*d);
  if (auto b = v.boolean()) return *b ? "true" : "false";
  return "";
}

std::vector<std::string> elements(const PropertyValue& v) {
  if (auto l = v.list()) {
    std::vector<std::string> out;
    for (std::string_view s : *l) out.push_back(detail::valid_xml_text(s));
    return out;
  }
  return {scalar_text(v)};
}

// RFC 4180: text is always quoted, a quote doubled. An empty field is no property in Neo4j, as an
// empty value is no <data> in the GraphML.
std::string quote(const std::string& text) {
  if (text.empty()) return "";
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string join(const std::vector<std::string>& items, const std::string& delimiter) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? delimiter : "") + items[i];
  return out;
}

// "Drug" and "TARGETS" as they go into file names.
std::string file_part(const std::string& name) {
  std::string out;
  for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_';
  return out;
}

// What the values hold that decides the import options: ';' or '|' inside an array element,
// a line break anywhere.
struct TextScan {
  std::set<char> in_elements;
  bool line_break = false;

  void text(const std::string& s) { line_break = line_break || s.find_first_of("\n\r") != std::string::npos; }

  void value(const PropertyValue& v, bool array_column) {
    for (const std::string& s : elements(v)) {
      text(s);
      for (char c : {';', '|'})
        if (array_column && s.find(c) != std::string::npos) in_elements.insert(c);
    }
  }

  // ';' as Neo4j expects by default, unless an array element holds it.
  std::string array_delimiter() const {
    if (!in_elements.count(';')) return ";";
    if (!in_elements.count('|')) return "|";
    return "\x1f";  // exported text never holds control characters (valid_xml_text replaces them)
  }
};

// One CSV file under construction: property columns are found over all its rows first.
class Table {
 public:
  void see(const PropertyMap& props) {
    for (const auto& [name, value] : props) kinds_[name] = widen(kinds_[name], kind_of(value));
  }

  void scan(const PropertyMap& props, TextScan& scan) const {
    for (const auto& [name, value] : props) scan.value(value, kinds_.at(name) == Kind::list);
  }

  std::string header(const std::vector<std::string>& fixed) const {
    std::vector<std::string> cells = fixed;
    for (const auto& [name, kind] : kinds_) cells.push_back(quote_header(name + type_suffix(kind)));
    return join(cells, ",") + "\n";
  }

  std::string row(std::vector<std::string> fixed, const PropertyMap& props, const std::string& array_delimiter) const {
    for (const auto& [name, kind] : kinds_) {
      auto it = props.find(name);
      fixed.push_back(it == props.end() ? "" : cell(it->second, kind, array_delimiter));
    }
    return join(fixed, ",") + "\n";
  }

 private:
  static std::string quote_header(const std::string& cell) {
    return cell.find_first_of(",\"\n\r") == std::string::npos ? cell : quote(cell);
  }

  static std::string cell(const PropertyValue& v, Kind kind, const std::string& array_delimiter) {
    if (kind == Kind::list) return quote(join(elements(v), array_delimiter));
    if (kind == Kind::text) return quote(scalar_text(v));
    return scalar_text(v);  // boolean, long, double: bare (a long in a double column reads as one)
  }

  std::map<std::string, Kind> kinds_;
};

// Every value a node file writes, as one property map: name, aliases and sources are columns too.
PropertyMap node_columns(const Node& n) {
  PropertyMap props = n.properties;
  props["name"] = n.name.view();
  if (!n.aliases.empty()) props["aliases"] = std::vector<std::string>(n.aliases.begin(), n.aliases.end());
  props["sources"] = std::vector<std::string>(n.sources.begin(), n.sources.end());
  return props;
}

PropertyMap edge_columns(const Edge& e) {
  PropertyMap props = e.properties;
  props["sources"] = std::vector<std::string>(e.sources.begin(), e.sources.end());
  return props;
}

struct RelationshipGroup {
  std::string type, start, end;
  bool operator<(const RelationshipGroup& o) const {
    return std::tie(type, start, end) < std::tie(o.type, o.start, o.end);
  }
};

// Shell word: bare when safe, else single-quoted.
std::string shell_word(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-./=:+@%,") ==
                        std::string::npos)
    return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// --array-delimiter's spelling: the character, or U+XXXX for one a shell or eye cannot see.
std::string delimiter_option(const std::string& d) {
  if (d.size() == 1 && static_cast<unsigned char>(d[0]) < 0x20) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned char>(d[0]));
    return buf;
  }
  return d;
}

// The node file of each label and the relationship file of each (type, start, end), with their columns.
class Tables {
 public:
  explicit Tables(const Graph& graph) {
    graph.for_each_node([&](const Node& n) { nodes_[n.label].see(node_columns(n)); });
    graph.for_each_edge([&](const Node& from, const Edge& e, const Node& to) {
      edges_[group(from, e, to)].see(edge_columns(e));
    });
  }

  TextScan scan(const Graph& graph) const {
    TextScan scan;
    graph.for_each_node([&](const Node& n) {
      scan.text(n.key);
      nodes_.at(n.label).scan(node_columns(n), scan);
    });
    graph.for_each_edge([&](const Node& from, const Edge& e, const Node& to) {
      edges_.at(group(from, e, to)).scan(edge_columns(e), scan);
    });
    return scan;
  }

  // The files' names, then their text as it is made: each header, then the rows in export order
  // (one pass over the graph, each row to its file).
  std::vector<Neo4jCsv::File> write(const Graph& graph, const std::string& array_delimiter,
                                    const Neo4jCsvWriter& write) const {
    std::vector<Neo4jCsv::File> files;
    std::map<std::string, std::size_t> node_file;
    std::map<RelationshipGroup, std::size_t> edge_file;
    for (const auto& [label, table] : nodes_) {
      node_file[label] = files.size();
      files.push_back({"nodes_" + file_part(label) + ".csv", label, true, {}});
      write(files.back(), files.size() - 1, table.header({"key:ID(" + label + ")", ":LABEL"}));
    }
    for (const auto& [g, table] : edges_) {
      edge_file[g] = files.size();
      files.push_back({"relationships_" + file_part(g.type) + "_" + file_part(g.start) + "_" + file_part(g.end) + ".csv",
                       g.type, false, {}});
      write(files.back(), files.size() - 1,
            table.header({":START_ID(" + g.start + ")", ":END_ID(" + g.end + ")", ":TYPE"}));
    }
    graph.for_each_node([&](const Node& n) {
      std::size_t f = node_file.at(n.label);
      write(files[f], f, nodes_.at(n.label).row({id(n.key), n.label}, node_columns(n), array_delimiter));
    });
    graph.for_each_edge([&](const Node& from, const Edge& e, const Node& to) {
      RelationshipGroup g = group(from, e, to);
      std::size_t f = edge_file.at(g);
      write(files[f], f, edges_.at(g).row({id(from.key), id(to.key), e.type}, edge_columns(e), array_delimiter));
    });
    return files;
  }

 private:
  static RelationshipGroup group(const Node& from, const Edge& e, const Node& to) { return {e.type, from.label, to.label}; }
  static std::string id(const std::string& key) { return quote(detail::valid_xml_text(key)); }

  std::map<std::string, Table> nodes_;
  std::map<RelationshipGroup, Table> edges_;
};

}  // namespace

Neo4jCsv neo4j_csv(const Graph& graph, const Neo4jCsvWriter& write) {
  Tables tables(graph);
  Neo4jCsv csv;
  TextScan scan = tables.scan(graph);
  csv.array_delimiter = scan.array_delimiter();
  csv.multiline_fields = scan.line_break;
  csv.files = tables.write(graph, csv.array_delimiter, write);
  return csv;
}

Neo4jCsv neo4j_csv(const Graph& graph) {
  std::vector<std::string> contents;
  Neo4jCsv csv = neo4j_csv(graph, [&](const Neo4jCsv::File&, std::size_t index, std::string_view text) {
    if (index >= contents.size()) contents.resize(index + 1);
    contents[index].append(text);
  });
  for (std::size_t i = 0; i < csv.files.size() && i < contents.size(); ++i) csv.files[i].content = std::move(contents[i]);
  return csv;
}

std::string Neo4jCsv::import_command(const std::string& dir) const {
  std::string prefix = dir.empty() || dir.back() == '/' ? dir : dir + "/";
  std::string command = "neo4j-admin database import full neo4j";
  for (const File& f : files)
    command += " " + shell_word((f.nodes ? "--nodes=" : "--relationships=") + f.group + "=" + prefix + f.name);
  command += " --id-type=string";
  command += " --delimiter=,";
  command += " --array-delimiter=" + shell_word(delimiter_option(array_delimiter));
  command += " --quote=" + shell_word("\"");
  command += " --legacy-style-quoting=false";
  if (multiline_fields) command += " --multiline-fields=true";
  return command;
}

}  // namespace trialgraph
