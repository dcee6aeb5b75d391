// GraphML back into a Graph. The file is trusted to be in the shape write_graphml gives it;
// anything else is refused with the first thing that does not fit, rather than half-read.
//
// Read as a stream (expat), an element at a time: a registry-sized file is gigabytes, and a
// document tree of it took five times its size in memory before the first node was made.
#include "trialgraph/graphml_reader.hpp"

#include <charconv>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <unordered_map>

#include <expat.h>
#include <nlohmann/json.hpp>

namespace trialgraph {
namespace {

[[noreturn]] void fail(const std::string& what) {
  throw GraphmlReadError("not a GraphML file written by trialgraph: " + what);
}

// The properties a node or edge has a place of its own for, found once per key, not per value.
enum class Role { property, labels, key, name, sources, aliases, type };

Role role_of(std::string_view name, bool node) {
  if (name == "sources") return Role::sources;
  if (!node) return name == "label" ? Role::type : Role::property;
  return name == "labels" ? Role::labels
         : name == "key"  ? Role::key
         : name == "name" ? Role::name
         : name == "aliases" ? Role::aliases
                             : Role::property;
}

struct KeyDecl {
  std::string name;  ///< attr.name: the property's name
  std::string type;  ///< attr.type: string, long, int, double, float, boolean
  Role role = Role::property;
};

using KeyTable = std::map<std::string, KeyDecl, std::less<>>;  // by key id

// ["a","b"] as write_graphml writes most lists: no escapes, no spaces. Nothing when the text
// is not that simple (it may still be JSON).
std::optional<std::vector<std::string>> plain_string_list(std::string_view text) {
  std::vector<std::string> items;
  std::size_t i = 1;
  if (text.size() == 2) return items;
  while (i < text.size() && text[i] == '"') {
    std::size_t close = i + 1;
    while (close < text.size() && text[close] != '"' && text[close] != '\\' &&
           static_cast<unsigned char>(text[close]) >= 0x20)
      ++close;
    if (close >= text.size() || text[close] != '"') return std::nullopt;
    items.emplace_back(text.substr(i + 1, close - i - 1));
    i = close + 1;
    if (i + 1 == text.size()) return items;  // the closing ']'
    if (text[i] != ',') return std::nullopt;
    ++i;
  }
  return std::nullopt;
}

// A JSON array of strings, as write_graphml writes lists; nothing when the text is not one.
std::optional<std::vector<std::string>> json_string_list(const std::string& text) {
  if (text.size() < 2 || text.front() != '[' || text.back() != ']') return std::nullopt;
  if (auto plain = plain_string_list(text)) return plain;
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

std::set<std::string> list_of(const std::string& text, const std::string& what) {
  auto list = json_string_list(text);
  if (!list) fail(what + " is not a JSON list of strings: '" + text + "'");
  return {list->begin(), list->end()};
}

const char* attribute(const XML_Char** attributes, std::string_view name) {
  for (const XML_Char** a = attributes; *a; a += 2)
    if (name == a[0]) return a[1];
  return "";
}

// The <data> of the node or edge being read, by property name; a value's text is kept (with its
// capacity) from one element to the next.
class ElementData {
 public:
  void clear() { used_ = 0; }
  std::string& add(const KeyDecl* key) {
    if (used_ == values_.size()) values_.emplace_back();
    values_[used_].first = key;
    values_[used_].second.clear();
    return values_[used_++].second;
  }
  // The last value of the property (a repeated <data> overrides, as it always has).
  const std::string* find(Role role) const {
    for (std::size_t i = used_; i-- > 0;)
      if (values_[i].first->role == role) return &values_[i].second;
    return nullptr;
  }
  template <class Visit>
  void for_each_property(Visit visit) const {  // each other property once, with its last value
    for (std::size_t i = 0; i < used_; ++i)
      if (values_[i].first->role == Role::property && last_of(i)) visit(*values_[i].first, values_[i].second);
  }

 private:
  bool last_of(std::size_t i) const {
    for (std::size_t j = i + 1; j < used_; ++j)
      if (values_[j].first->name == values_[i].first->name) return false;
    return true;
  }

  std::vector<std::pair<const KeyDecl*, std::string>> values_;
  std::size_t used_ = 0;
};

// The reader's state between expat's callbacks: where in the document it is, and the element
// being read.
class GraphmlStream {
 public:
  explicit GraphmlStream(Graph& graph) : graph_(graph) {}

  void start(std::string_view name, const XML_Char** attributes) {
    ++depth_;
    if (depth_ == 1) {
      if (name != "graphml") throw GraphmlReadError("not GraphML: the root element is not <graphml>");
    } else if (depth_ == 2 && name == "key") {
      std::string_view domain = attribute(attributes, "for");
      KeyTable* keys = domain == "node" ? &node_keys_ : domain == "edge" ? &edge_keys_ : nullptr;
      if (keys) {
        const char* type = attribute(attributes, "attr.type");
        const char* name = attribute(attributes, "attr.name");
        (*keys)[attribute(attributes, "id")] = {name, *type ? type : "string", role_of(name, keys == &node_keys_)};
      }
    } else if (depth_ == 2 && name == "graph" && !graph_seen_) {
      graph_seen_ = in_graph_ = true;
      require_keys();
    } else if (depth_ == 3 && in_graph_ && (name == "node" || name == "edge")) {
      element_ = name == "node" ? Element::node : Element::edge;
      data_.clear();
      id_ = attribute(attributes, "id");
      if (element_ == Element::edge) {
        source_ = attribute(attributes, "source");
        target_ = attribute(attributes, "target");
        label_ = attribute(attributes, "label");
      }
    } else if (depth_ == 4 && element_ != Element::none && name == "data") {
      const KeyTable& keys = element_ == Element::node ? node_keys_ : edge_keys_;
      auto key = keys.find(attribute(attributes, "key"));
      if (key == keys.end()) fail(std::string("<data key=\"") + attribute(attributes, "key") + "\"> has no <key>");
      text_ = &data_.add(&key->second);
      text_depth_ = depth_;
    }
  }

  void end() {
    if (depth_ == text_depth_) text_ = nullptr, text_depth_ = 0;
    if (depth_ == 3 && element_ != Element::none) {
      if (element_ == Element::node) finish_node();
      else finish_edge();
      element_ = Element::none;
    }
    if (depth_ == 2 && in_graph_) finish_graph();
    --depth_;
  }

  // A <data>'s text comes in pieces; what is inside its child elements (none in GraphML) is not its.
  void text(std::string_view piece) {
    if (text_ && depth_ == text_depth_) text_->append(piece);
  }

  void finish_document() const {
    if (!graph_seen_) {
      require_keys();  // a foreign file is said to be one, whether or not it has a <graph>
      fail("no <graph> element");
    }
  }

 private:
  enum class Element { none, node, edge };

  // The keys every node and edge trialgraph writes has.
  void require_keys() const {
    auto require = [](const KeyTable& keys, std::initializer_list<const char*> ids, const char* domain) {
      for (const char* id : ids)
        if (!keys.count(id)) fail(std::string("no <key id=\"") + id + "\" for=\"" + domain + "\">");
    };
    require(node_keys_, {"labels", "key", "name", "sources"}, "node");
    require(edge_keys_, {"label"}, "edge");
  }

  const std::string& value(Role role) const {
    static const std::string none;
    const std::string* v = data_.find(role);
    return v ? *v : none;
  }

  void finish_node() {
    const std::string& labels = value(Role::labels);
    const std::string& key = value(Role::key);
    if (labels.size() < 2 || labels[0] != ':' || labels.find(':', 1) != std::string::npos)
      fail("node '" + id_ + "' has labels '" + labels + "' (one label, written :Label, expected)");
    Node node;
    node.label = std::string_view(labels).substr(1);
    node.key = key;
    node.name = value(Role::name);
    if (node.key.empty()) fail("node '" + id_ + "' has no key");
    node.sources = list_of(value(Role::sources), "the sources of " + labels.substr(1) + " " + key);
    if (const std::string* aliases = data_.find(Role::aliases)) {
      std::set<std::string> sorted = list_of(*aliases, "the aliases of " + key);
      node.aliases.insert(boost::container::ordered_unique_range, sorted.begin(), sorted.end());
    }
    data_.for_each_property(
        [&](const KeyDecl& decl, const std::string& text) { node.properties[decl.name] = typed_value(decl, text); });
    // Ids are Label:key as write_graphml writes them, and then edges find their ends by the id
    // itself; only other ids are remembered.
    if (id_.size() != labels.size() + key.size() || id_.compare(0, labels.size() - 1, labels, 1) != 0 ||
        id_[labels.size() - 1] != ':' || id_.compare(labels.size(), std::string::npos, key) != 0)
      other_ids_[id_] = {labels.substr(1), key};
    graph_.add_node(std::move(node));
  }

  // Ids are Label:key as write_graphml writes them, or one remembered from its node.
  std::optional<Graph::Vertex> vertex_of(const std::string& id) const {
    auto other = other_ids_.find(id);
    if (other != other_ids_.end()) return graph_.vertex(other->second.label, other->second.key);
    std::size_t colon = id.find(':');
    if (colon == std::string::npos) return std::nullopt;
    return graph_.vertex(std::string_view(id).substr(0, colon), std::string_view(id).substr(colon + 1));
  }

  void finish_edge() {
    Edge edge;
    const std::string* type = data_.find(Role::type);
    edge.type = type ? *type : label_;
    if (edge.type.empty()) fail("edge '" + id_ + "' has no type");
    if (const std::string* sources = data_.find(Role::sources)) edge.sources = list_of(*sources, "the sources of an edge");
    PropertyMap properties;
    data_.for_each_property(
        [&](const KeyDecl& decl, const std::string& text) { properties[decl.name] = typed_value(decl, text); });
    edge.properties = properties;
    // A node's edges come together (write_graphml writes them so) and are added together.
    if (source_ != group_source_) {
      flush_group();
      group_source_ = source_;
      group_from_ = vertex_of(source_);
    }
    std::optional<Graph::Vertex> to = vertex_of(target_);
    // GraphML lets an edge come before its nodes: such an edge waits for the graph's end.
    if (group_from_ && to) group_.emplace_back(*to, std::move(edge));
    else pending_.push_back({id_, source_, target_, std::move(edge)});
  }

  void flush_group() {
    if (!group_.empty()) graph_.add_edges_from(*group_from_, group_);
    group_.clear();
  }

  void finish_graph() {
    in_graph_ = false;
    flush_group();
    for (Pending& p : pending_) {  // each as a group of one, through the same way in
      group_from_ = vertex_of(p.source);
      std::optional<Graph::Vertex> to = vertex_of(p.target);
      if (!group_from_ || !to) fail("edge '" + p.id + "' joins an unknown node");
      group_.emplace_back(*to, std::move(p.edge));
      flush_group();
    }
    pending_.clear();
    group_source_.clear();
  }

  struct Pending {
    std::string id, source, target;
    Edge edge;
  };

  Graph& graph_;
  KeyTable node_keys_, edge_keys_;
  int depth_ = 0;
  bool graph_seen_ = false, in_graph_ = false;
  Element element_ = Element::none;
  std::string id_, source_, target_, label_;  // of the element being read
  ElementData data_;
  std::string* text_ = nullptr;  // the <data> being read
  int text_depth_ = 0;
  std::unordered_map<std::string, EntityRef> other_ids_;  // node ids that are not Label:key
  std::vector<Pending> pending_;
  std::string group_source_;                           // the id the edges being gathered leave
  std::optional<Graph::Vertex> group_from_;            // its node
  std::vector<std::pair<Graph::Vertex, Edge>> group_;  // its edges so far
};

// Expat is C: an exception must not cross it. A callback's failure is kept, the parse stopped,
// and the failure thrown again once expat has returned.
struct Callbacks {
  GraphmlStream stream;
  XML_Parser parser;
  std::exception_ptr failure;

  template <class F>
  void guarded(F f) {
    if (failure) return;
    try {
      f();
    } catch (...) {
      failure = std::current_exception();
      XML_StopParser(parser, XML_FALSE);
    }
  }
  static void on_start(void* self, const XML_Char* name, const XML_Char** attributes) {
    auto* c = static_cast<Callbacks*>(self);
    c->guarded([&] { c->stream.start(name, attributes); });
  }
  static void on_end(void* self, const XML_Char*) {
    auto* c = static_cast<Callbacks*>(self);
    c->guarded([&] { c->stream.end(); });
  }
  static void on_text(void* self, const XML_Char* text, int length) {
    auto* c = static_cast<Callbacks*>(self);
    c->guarded([&] { c->stream.text(std::string_view(text, std::size_t(length))); });
  }
};

}  // namespace

Graph read_graphml(std::istream& in) {
  Graph graph;
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, decltype(&XML_ParserFree)> parser(XML_ParserCreate(nullptr),
                                                                                      &XML_ParserFree);
  if (!parser) throw std::bad_alloc();
  Callbacks callbacks{GraphmlStream(graph), parser.get(), nullptr};
  XML_SetUserData(parser.get(), &callbacks);
  XML_SetElementHandler(parser.get(), &Callbacks::on_start, &Callbacks::on_end);
  XML_SetCharacterDataHandler(parser.get(), &Callbacks::on_text);
  constexpr std::size_t kChunk = 1 << 20;
  for (bool last = false; !last;) {
    void* buffer = XML_GetBuffer(parser.get(), int(kChunk));
    if (!buffer) throw std::bad_alloc();
    in.read(static_cast<char*>(buffer), std::streamsize(kChunk));
    const std::streamsize got = in.gcount();
    if (in.bad()) throw GraphmlReadError(std::string("read error: ") + std::strerror(errno));
    last = got == 0 || in.eof();
    if (XML_ParseBuffer(parser.get(), int(got), last) != XML_STATUS_OK) {
      if (callbacks.failure) std::rethrow_exception(callbacks.failure);
      throw GraphmlReadError(std::string("not XML: ") + XML_ErrorString(XML_GetErrorCode(parser.get())) + " at line " +
                             std::to_string(XML_GetCurrentLineNumber(parser.get())) + ", byte " +
                             std::to_string(XML_GetCurrentByteIndex(parser.get())));
    }
  }
  callbacks.stream.finish_document();
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
