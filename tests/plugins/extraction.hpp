// One document through one bundled plugin, and questions about what it emitted.
#pragma once

#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.hpp"
#include "trialgraph/document_buffer.hpp"
#include "trialgraph/keys.hpp"
#include "trialgraph/loader.hpp"

namespace trialgraph::test {

struct Extraction {
  ExtractStatus status;
  std::vector<Entity> entities;
  std::vector<Relation> relations;
  std::vector<std::string> problems;

  /// The node with this label whose key, name or alias folds to `name`.
  const Entity* node(std::string_view label, std::string_view name) const {
    std::string want = fold_text(name);
    for (const Entity& e : entities) {
      if (e.label != label) continue;
      if (fold_text(e.key) == want || fold_text(e.name) == want) return &e;
      for (const std::string& a : e.aliases)
        if (fold_text(a) == want) return &e;
    }
    return nullptr;
  }
  std::size_t count(std::string_view label) const {
    std::size_t n = 0;
    for (const Entity& e : entities) n += e.label == label;
    return n;
  }
  /// A property as text ("" when absent); lists are joined with ';'.
  static std::string prop(const Entity* e, std::string_view name) {
    if (!e) return "";
    for (const Property& p : e->properties) {
      if (p.name != name) continue;
      if (auto s = std::get_if<std::string>(&p.value)) return *s;
      if (auto i = std::get_if<std::int64_t>(&p.value)) return std::to_string(*i);
      if (auto b = std::get_if<bool>(&p.value)) return *b ? "true" : "false";
      if (auto l = std::get_if<std::vector<std::string>>(&p.value)) {
        std::string out;
        for (const std::string& v : *l) out += (out.empty() ? "" : ";") + v;
        return out;
      }
    }
    return "";
  }
  const Relation* edge(std::string_view type, const Entity* from, const Entity* to) const {
    if (!from || !to) return nullptr;
    for (const Relation& r : relations)
      if (r.type == type && r.from.key == from->key && r.from.label == from->label && r.to.key == to->key &&
          r.to.label == to->label)
        return &r;
    return nullptr;
  }
  static std::string edge_prop(const Relation* r, std::string_view name) {
    if (!r) return "";
    Entity holder{"", "", "", {}, r->properties};
    return prop(&holder, name);
  }
  /// Every node and relation as a line, to compare two extractions of the same trial.
  std::set<std::string> facts() const {
    std::set<std::string> out;
    for (const Entity& e : entities) {
      std::string line = e.label + " " + e.key + " name=" + e.name;
      for (const Property& p : e.properties) line += " " + p.name + "=" + prop(&e, p.name);
      out.insert(line);
    }
    for (const Relation& r : relations) {
      Entity holder{"", "", "", {}, r.properties};
      std::string line = r.type + " " + r.from.key + " -> " + r.to.label + " " + r.to.key;
      for (const Property& p : r.properties) line += " " + p.name + "=" + prop(&holder, p.name);
      out.insert(line);
    }
    return out;
  }
  bool problem_mentions(std::string_view text) const {
    for (const std::string& p : problems)
      if (p.find(text) != std::string::npos) return true;
    return false;
  }
};

inline const PluginRegistry& bundled_plugins() {
  static PluginRegistry registry = [] {
    PluginRegistry r;
    r.load_directory(plugin_dir());
    return r;
  }();
  return registry;
}

/// Extracts `document` with the bundled plugin named `plugin` (the host's checks included).
inline Extraction extract_document_with(std::string_view plugin, const Document& document) {
  Extraction out;
  for (const auto& p : bundled_plugins().plugins()) {
    if (p->manifest.name != plugin) continue;
    DocumentBuffer buffer;
    out.status = p->extractor->extract(document, buffer);
    buffer.finish();
    out.entities = buffer.entities();
    out.relations = buffer.relations();
    out.problems = buffer.problems();
    return out;
  }
  out.status = ExtractStatus::failure("no plugin named " + std::string(plugin));
  return out;
}

/// Extracts `bytes` with the bundled plugin named `plugin` (the host's checks included).
inline Extraction extract_with(std::string_view plugin, const std::string& bytes, std::string source = "page.txt") {
  return extract_document_with(plugin, {source, source, bytes});
}

/// The plugin the registry picks for a document.
inline std::string detected_plugin(const std::string& file_name, const std::string& bytes) {
  Detection d = bundled_plugins().detect(file_name, std::string_view(bytes).substr(0, 64 * 1024));
  return d.plugin ? d.plugin->manifest.name : "";
}

/// The files of ../shared/data/<folder> whose names end with one of `suffixes` (none without ../shared).
inline std::vector<std::filesystem::path> shared_files(const std::string& folder,
                                                       const std::vector<std::string>& suffixes) {
  std::vector<std::filesystem::path> out;
  std::filesystem::path dir = shared_dir() / "data" / folder;
  if (!std::filesystem::is_directory(dir)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    for (const std::string& suffix : suffixes)
      if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
        out.push_back(entry.path());
        break;
      }
  }
  return out;
}

/// A real registry file (named NCT…): `plugin` is detected for it, reads it without a problem and
/// gives the Trial its name says.
inline void expect_reads_cleanly(std::string_view plugin, const std::filesystem::path& file) {
  std::string name = file.filename().string();
  SCOPED_TRACE(name);
  std::string bytes = read_text(file);
  EXPECT_EQ(detected_plugin(name, bytes), plugin);
  Extraction x = extract_with(plugin, bytes, name);
  EXPECT_TRUE(x.status.ok) << x.status.error;
  EXPECT_TRUE(x.problems.empty()) << x.problems.front();
  EXPECT_TRUE(x.node("Trial", name.substr(0, 11)));
}

inline std::string with_crlf(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += "\r\n";
    else if (c != '\r') out += c;
  }
  return out;
}

/// UTF-8 text as UTF-16LE with its byte order mark, as spreadsheets save "Unicode text".
inline std::string utf16le_of(const std::string& utf8) {
  std::string out = "\xFF\xFE";
  for (std::size_t i = 0; i < utf8.size();) {
    unsigned char c = utf8[i];
    std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : 3;  // the test texts stay in the BMP
    unsigned cp = n == 1 ? c : n == 2 ? (c & 0x1F) : (c & 0x0F);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    out += static_cast<char>(cp & 0xFF);
    out += static_cast<char>(cp >> 8);
    i += n;
  }
  return out;
}

/// Every line indented and trailed by spaces (and a no-break space), blank lines doubled.
inline std::string with_extra_whitespace(const std::string& text) {
  std::string out = "   ";
  for (char c : text) {
    if (c == '\n') out += "  \xC2\xA0\n\n   ";
    else out += c;
  }
  return out;
}

}  // namespace trialgraph::test
