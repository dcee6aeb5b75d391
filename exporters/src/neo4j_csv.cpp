// CSV files for `neo4j-admin database import full` (the header rules: Neo4j's operations manual,
// "Import" > "CSV header format"): an ID space per label, typed property columns, RFC 4180 quoting.
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

#include "ordered_chunks.hpp"
#include "trialgraph/detail/shares.hpp"
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
void append_quoted(std::string& out, std::string_view text) {
  if (text.empty()) return;
  out += '"';
  for (std::size_t at = 0;;) {
    std::size_t q = text.find('"', at);
    out.append(text.substr(at, q == std::string_view::npos ? q : q + 1 - at));
    if (q == std::string_view::npos) break;
    out += '"';  // the quote doubled
    at = q + 1;
  }
  out += '"';
}

std::string quote(std::string_view text) {
  std::string out;
  append_quoted(out, text);
  return out;
}

std::string join(const std::vector<std::string>& items, const std::string& delimiter) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? delimiter : "") + items[i];
  return out;
}

// A value's cell in a column of `kind`.
std::string cell_text(const PropertyValue& v, Kind kind, const std::string& array_delimiter) {
  if (kind == Kind::list) return quote(join(elements(v), array_delimiter));
  if (kind == Kind::text) return quote(scalar_text(v));
  return scalar_text(v);  // boolean, long, double: bare (a long in a double column reads as one)
}

// "Drug" and "TARGETS" as they go into file names.
std::string file_part(const std::string& name) {
  std::string out;
  for (char c : name) out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_';
  return out;
}

// What the values hold that decides the import options: ';' or '|' inside an array element,
// a line break anywhere.
// What the text holds, read from the raw values: valid_xml_text, applied when the rows are
// written, only replaces bytes with U+FFFD, so it neither adds nor removes any of these characters.
struct TextScan {
  bool semicolon = false, bar = false;  // in an element of the values seen
  bool line_break = false;

  // Two memchr scans: find_first_of("\n\r") calls memchr on the set for every byte of the text.
  void text(std::string_view s) {
    line_break = line_break || s.find('\n') != std::string_view::npos || s.find('\r') != std::string_view::npos;
  }

  void element(std::string_view s) {
    text(s);
    semicolon = semicolon || s.find(';') != std::string_view::npos;
    bar = bar || s.find('|') != std::string_view::npos;
  }

  void value(const PropertyValue& v) {
    if (auto l = v.list()) {
      for (std::string_view s : *l) element(s);
    } else if (v.is_text()) {
      element(v.text());
    }  // a number or a boolean holds none of them
  }

  void add(const TextScan& o) {
    semicolon = semicolon || o.semicolon;
    bar = bar || o.bar;
    line_break = line_break || o.line_break;
  }

  // ';' as Neo4j expects by default, unless an array element holds it.
  std::string array_delimiter() const {
    if (!semicolon) return ";";
    if (!bar) return "|";
    return "\x1f";  // exported text never holds control characters (valid_xml_text replaces them)
  }
};

// One value of a row, by its column: a property, or one of the columns every row has.
struct Cell {
  std::string_view column;       // an interned name: its address identifies it
  const PropertyValue* value;    // null for a node's name, which is `text`
  std::string_view text;
  const std::string* formatted = nullptr;  // a sources list's cell, made once per list
};

Kind kind_of(const Cell& c) { return c.value ? kind_of(*c.value) : Kind::text; }

// The columns every node file has take the place of properties of the same name.
const Symbol& name_column() { static const Symbol s("name"); return s; }
const Symbol& aliases_column() { static const Symbol s("aliases"); return s; }
const Symbol& sources_column() { static const Symbol s("sources"); return s; }

// Sources are interned, so each distinct set is one list value, made while the tables are found,
// and one cell, made once the array delimiter is known: every row has one.
class SourceLists {
 public:
  void see(const Sources& sources) {
    auto [it, fresh] = lists_.try_emplace(&sources.set());
    if (fresh) it->second.value = PropertyValue(std::vector<std::string>(sources.begin(), sources.end()));
  }
  const PropertyValue& of(const Sources& sources) const { return lists_.at(&sources.set()).value; }
  /// The list's cell in a sources column, or null before format().
  const std::string* cell_of(const Sources& sources) const {
    const List& list = lists_.at(&sources.set());
    return list.formatted ? &list.cell : nullptr;
  }
  void absorb(SourceLists&& other) {
    for (auto& [set, list] : other.lists_) lists_.try_emplace(set, std::move(list));
  }
  void format(const std::string& array_delimiter) {
    for (auto& [set, list] : lists_) {
      list.cell = cell_text(list.value, Kind::list, array_delimiter);
      list.formatted = true;
    }
  }

 private:
  struct List {
    PropertyValue value;
    std::string cell;
    bool formatted = false;
  };
  std::unordered_map<const Sources::Set*, List> lists_;
};

// A node's or an edge's cells in column order (by name, as a file's columns are), made without
// copying its properties. Finding the columns needs them in no order (`Order::any`).
class Cells {
 public:
  enum class Order { by_column, any };

  const std::vector<Cell>& of(const Node& n, const SourceLists& sources, Order order = Order::by_column) {
    cells_.clear();
    const bool has_aliases = !n.aliases.empty();
    for (const auto& [name, value] : n.properties)
      if (name != name_column() && name != sources_column() && !(has_aliases && name == aliases_column()))
        cells_.push_back({name.view(), &value, {}});
    cells_.push_back({name_column().view(), nullptr, n.name.view()});
    if (has_aliases) {
      aliases_ = PropertyValue(std::vector<std::string>(n.aliases.begin(), n.aliases.end()));
      cells_.push_back({aliases_column().view(), &aliases_, {}});
    }
    cells_.push_back({sources_column().view(), &sources.of(n.sources), {}, sources.cell_of(n.sources)});
    return ordered(order);
  }
  const std::vector<Cell>& of(const Edge& e, const SourceLists& sources, Order order = Order::by_column) {
    cells_.clear();
    for (const auto& [name, value] : e.properties)
      if (name != sources_column()) cells_.push_back({name.view(), &value, {}});
    cells_.push_back({sources_column().view(), &sources.of(e.sources), {}, sources.cell_of(e.sources)});
    return ordered(order);
  }

 private:
  // An insertion sort: the properties come in name order already (a Symbol orders as its text),
  // and only the name, aliases and sources cells added after them move.
  const std::vector<Cell>& ordered(Order order) {
    if (order == Order::any) return cells_;
    for (std::size_t i = 1; i < cells_.size(); ++i) {
      Cell cell = cells_[i];
      std::size_t j = i;
      for (; j > 0 && cell.column < cells_[j - 1].column; --j) cells_[j] = cells_[j - 1];
      cells_[j] = cell;
    }
    return cells_;
  }
  std::vector<Cell> cells_;
  PropertyValue aliases_;
};

// One CSV file under construction: property columns are found over all its rows first.
class Table {
 public:
  // A column's type is known only once every row is seen, so what its values hold is kept per
  // column, and only array columns' elements count for the array delimiter.
  void see(const std::vector<Cell>& cells) {
    for (const Cell& c : cells) {
      Column*& column = by_address_[c.column.data()];
      if (!column) {
        column = &columns_[std::string(c.column)];
        column->symbol = c.column.data();
      }
      column->kind = widen(column->kind, kind_of(c));
      if (c.value) column->scan.value(*c.value);
      else column->scan.element(c.text);
    }
  }

  /// What `other` saw of its rows, as if this table had seen them: a column's type is the widest
  /// of both, what its values hold the union.
  void absorb(const Table& other) {
    for (const auto& [name, theirs] : other.columns_) {
      Column& column = columns_[name];
      if (!column.symbol) column.symbol = theirs.symbol;
      column.kind = widen(column.kind, theirs.kind);
      column.scan.add(theirs.scan);
    }
    by_address_.clear();  // it points into columns_ by name: rebuilt as rows are seen
  }

  /// Line breaks anywhere; ';' and '|' in the elements of array columns.
  TextScan text_scan() const {
    TextScan all;
    for (const auto& [name, column] : columns_) {
      all.line_break = all.line_break || column.scan.line_break;
      if (column.kind == Kind::list) all.add(column.scan);
    }
    return all;
  }

  std::string header(const std::vector<std::string>& fixed) const {
    std::vector<std::string> cells = fixed;
    for (const auto& [name, column] : columns_) cells.push_back(quote_header(name + type_suffix(column.kind)));
    return join(cells, ",") + "\n";
  }

  /// Appends the rest of a row whose fixed cells are written: a cell for each column, and the end.
  void row(std::string& out, const std::vector<Cell>& cells, const std::string& array_delimiter,
           std::string& scratch) const {
    for_each_column(cells, [&](Kind kind, const Cell* c) {
      out += ',';
      if (!c) return;
      if (!c->value) append_quoted(out, detail::valid_xml_view(c->text, scratch));  // a name: text
      else if (kind == Kind::text && c->value->is_text()) append_quoted(out, detail::valid_xml_view(c->value->text(), scratch));
      else if (kind == Kind::list && c->formatted) out += *c->formatted;
      else out += cell_text(*c->value, kind, array_delimiter);
    });
    out += '\n';
  }

 private:
  // Calls visit(kind, cell or null) for each column in order; both lists are sorted by name. A
  // cell names its column by the same interned text, so a match is mostly a pointer compare.
  template <class Visit>
  void for_each_column(const std::vector<Cell>& cells, Visit&& visit) const {
    auto c = cells.begin();
    for (const auto& [name, column] : columns_) {
      if (c != cells.end() && c->column.data() == column.symbol) {
        visit(column.kind, &*c++);
        continue;
      }
      while (c != cells.end() && c->column < name) ++c;
      visit(column.kind, c != cells.end() && c->column == name ? &*c : nullptr);
    }
  }

  static std::string quote_header(const std::string& cell) {
    return cell.find_first_of(",\"\n\r") == std::string::npos ? cell : quote(cell);
  }

  struct Column {
    Kind kind = Kind::none;
    TextScan scan;
    const char* symbol = nullptr;  // the interned name's text, as cells hold it
  };
  std::map<std::string, Column> columns_;
  std::unordered_map<const char*, Column*> by_address_;  // interned column names: no string compared
};

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
// A chunk's rows, as records of (file, text) for the writing thread to hand on in order;
// consecutive rows of one file make one record.
class ChunkRecords {
 public:
  explicit ChunkRecords(std::string& text) : text_(text) {}
  ~ChunkRecords() { close(); }
  /// Rows appended to the text from now on go to `file`.
  void to(std::uint32_t file) {
    if (open_ && file == file_) return;
    close();
    file_ = file;
    header_ = text_.size();
    text_.append(kHeader, '\0');
    std::memcpy(&text_[header_], &file, sizeof file);
    open_ = true;
  }
  static void each(std::string_view text, const std::function<void(std::uint32_t, std::string_view)>& take) {
    for (std::size_t at = 0; at + kHeader <= text.size();) {
      std::uint32_t file;
      std::uint64_t size;
      std::memcpy(&file, text.data() + at, sizeof file);
      std::memcpy(&size, text.data() + at + sizeof file, sizeof size);
      take(file, text.substr(at + kHeader, size));
      at += kHeader + size;
    }
  }

 private:
  static constexpr std::size_t kHeader = sizeof(std::uint32_t) + sizeof(std::uint64_t);
  void close() {
    if (!open_) return;
    std::uint64_t size = text_.size() - header_ - kHeader;
    std::memcpy(&text_[header_ + sizeof(std::uint32_t)], &size, sizeof size);
    open_ = false;
  }
  std::string& text_;
  std::size_t header_ = 0;
  std::uint32_t file_ = 0;
  bool open_ = false;
};

class Tables {
 public:
  Tables() = default;  // no rows seen

  // Columns are found over the store in any order, so on `jobs` threads, each over a share of the
  // nodes and their edges: a column's type is the widest its values need and what they hold a
  // union, both the same however the rows were shared out.
  Tables(const Graph& graph, unsigned jobs) {
    const Graph::Store& store = graph.store();
    const std::size_t nodes = boost::num_vertices(store);
    std::vector<Tables> shares(detail::share_count(nodes, jobs, kNodesPerThread));
    detail::for_each_share(nodes, unsigned(shares.size()), [&](unsigned share, std::size_t begin, std::size_t end) {
      shares[share].see_nodes(store, begin, end);
    });
    for (Tables& share : shares) absorb(std::move(share));
  }

  /// Makes each sources list's cell, once the array delimiter is known.
  void format_sources(const std::string& array_delimiter) { sources_.format(array_delimiter); }

  TextScan text_scan() const {
    TextScan all = keys_;
    for (const auto& [label, table] : nodes_) all.add(table.text_scan());
    for (const auto& [group, table] : edges_) all.add(table.text_scan());
    return all;
  }

  // The files' names, then their text as it is made: each header, then the rows in export order,
  // formatted in chunks on `jobs` threads and handed on in order, each row to its file.
  std::vector<Neo4jCsv::File> write(const Graph& graph, const std::string& array_delimiter,
                                    const Neo4jCsvWriter& write, unsigned jobs) const {
    std::vector<Neo4jCsv::File> files;
    std::unordered_map<const Table*, std::uint32_t> file_of;
    for (const auto& [label, table] : nodes_) {
      file_of[&table] = std::uint32_t(files.size());
      files.push_back({"nodes_" + file_part(label) + ".csv", label, true, {}});
      write(files.back(), files.size() - 1, table.header({"key:ID(" + label + ")", ":LABEL"}));
    }
    for (const auto& [g, table] : edges_) {
      file_of[&table] = std::uint32_t(files.size());
      files.push_back({"relationships_" + file_part(g.type) + "_" + file_part(g.start) + "_" + file_part(g.end) + ".csv",
                       g.type, false, {}});
      write(files.back(), files.size() - 1,
            table.header({":START_ID(" + g.start + ")", ":END_ID(" + g.end + ")", ":TYPE"}));
    }
    auto take = [&](std::string& text) {
      ChunkRecords::each(text, [&](std::uint32_t f, std::string_view rows) { write(files[f], f, rows); });
    };
    graph.prepare_export_order(jobs);
    const std::size_t nodes = graph.node_count();
    detail::for_each_ordered_chunk(nodes, jobs, [&](std::size_t begin, std::size_t end, std::string& text) {
      ChunkRecords records(text);
      Cells cells;
      std::string scratch;
      graph.for_each_node(begin, end, [&](const Node& n) {
        const Table* table = table_of(n);
        records.to(file_of.at(table));
        append_id(text, n.key.view(), scratch);
        text += ',';
        text += n.label.view();
        table->row(text, cells.of(n, sources_), array_delimiter, scratch);
      });
    }, take);
    detail::for_each_ordered_chunk(nodes, jobs, [&](std::size_t begin, std::size_t end, std::string& text) {
      ChunkRecords records(text);
      Cells cells;
      std::string scratch;
      graph.for_each_edge_from(begin, end, [&](const Node& from, const Edge& e, const Node& to) {
        const Table* table = table_of(from, e, to);
        records.to(file_of.at(table));
        append_id(text, from.key.view(), scratch);
        text += ',';
        append_id(text, to.key.view(), scratch);
        text += ',';
        text += e.type.view();
        table->row(text, cells.of(e, sources_), array_delimiter, scratch);
      });
    }, take);
    return files;
  }

 private:
  static void append_id(std::string& out, std::string_view key, std::string& scratch) {
    append_quoted(out, detail::valid_xml_view(key, scratch));
  }

  static constexpr std::size_t kNodesPerThread = 256;  // fewer are not worth a thread

  // The nodes at store places [begin, end) and the edges leaving them.
  void see_nodes(const Graph::Store& store, std::size_t begin, std::size_t end) {
    Cells cells;
    for (std::size_t v = begin; v < end; ++v) {
      const Node& n = store[v];
      sources_.see(n.sources);
      keys_.text(n.key.view());
      table_for(n)->see(cells.of(n, sources_, Cells::Order::any));
      for (const auto& out : boost::make_iterator_range(boost::out_edges(v, store))) {
        const Edge& e = store[out];
        sources_.see(e.sources);
        table_for(n, e, store[boost::target(out, store)])->see(cells.of(e, sources_, Cells::Order::any));
      }
    }
  }

  void absorb(Tables&& share) {
    sources_.absorb(std::move(share.sources_));
    keys_.add(share.keys_);
    for (const auto& [group, theirs] : share.node_tables_) {
      Table* table = find(node_tables_, group);
      if (!table) node_tables_.emplace_back(group, table = &nodes_[group.str()]);
      table->absorb(*theirs);
    }
    for (const auto& [group, theirs] : share.edge_tables_) {
      Table* table = find(edge_tables_, group);
      if (!table) {
        const auto& [type, start, end] = group;
        edge_tables_.emplace_back(group, table = &edges_[RelationshipGroup{type.str(), start.str(), end.str()}]);
      }
      table->absorb(*theirs);
    }
  }

  // Tables by interned label, and by interned (type, start label, end label): pointer compares
  // against a handful. Added while the columns are found, only looked up afterwards, from several
  // threads.
  using NodeGroup = Symbol;
  using EdgeGroup = std::tuple<Symbol, Symbol, Symbol>;
  static NodeGroup group_of(const Node& n) { return n.label; }
  static EdgeGroup group_of(const Node& from, const Edge& e, const Node& to) { return {e.type, from.label, to.label}; }

  template <class Group>
  static Table* find(const std::vector<std::pair<Group, Table*>>& tables, const Group& group) {
    for (const auto& [g, table] : tables)
      if (g == group) return table;
    return nullptr;
  }

  Table* table_for(const Node& n) {
    if (Table* table = find(node_tables_, group_of(n))) return table;
    Table* table = &nodes_[n.label.str()];
    node_tables_.emplace_back(group_of(n), table);
    return table;
  }
  Table* table_for(const Node& from, const Edge& e, const Node& to) {
    if (Table* table = find(edge_tables_, group_of(from, e, to))) return table;
    Table* table = &edges_[RelationshipGroup{e.type.str(), from.label.str(), to.label.str()}];
    edge_tables_.emplace_back(group_of(from, e, to), table);
    return table;
  }
  const Table* table_of(const Node& n) const {
    if (const Table* table = find(node_tables_, group_of(n))) return table;
    throw std::logic_error("neo4j CSV: a node of a label not seen while finding the columns");
  }
  const Table* table_of(const Node& from, const Edge& e, const Node& to) const {
    if (const Table* table = find(edge_tables_, group_of(from, e, to))) return table;
    throw std::logic_error("neo4j CSV: a relationship of a group not seen while finding the columns");
  }

  std::map<std::string, Table> nodes_;
  std::map<RelationshipGroup, Table> edges_;
  std::vector<std::pair<NodeGroup, Table*>> node_tables_;
  std::vector<std::pair<EdgeGroup, Table*>> edge_tables_;
  SourceLists sources_;
  TextScan keys_;  // line breaks in the keys, which are ids, not columns
};

}  // namespace

Neo4jCsv neo4j_csv(const Graph& graph, const Neo4jCsvWriter& write) { return neo4j_csv(graph, write, ExportOptions()); }

Neo4jCsv neo4j_csv(const Graph& graph, const Neo4jCsvWriter& write, const ExportOptions& options) {
  Tables tables(graph, options.jobs);
  Neo4jCsv csv;
  TextScan scan = tables.text_scan();
  csv.array_delimiter = scan.array_delimiter();
  csv.multiline_fields = scan.line_break;
  tables.format_sources(csv.array_delimiter);
  csv.files = tables.write(graph, csv.array_delimiter, write, options.jobs);
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
