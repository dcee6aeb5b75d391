// Curated lexicons of antigens, diseases and drugs: data (JSON), not code.
// The built-in lexicons are core/lexicons/*.json, compiled into the library; users add their own
// files (trialgraph extract --lexicon FILE), whose entries extend or add to the built-in ones.
#pragma once

#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace trialgraph {

enum class EntityKind { antigen, disease, drug };
const char* kind_name(EntityKind kind);

struct LexiconEntry {
  EntityKind kind = EntityKind::antigen;
  std::string name;                                 ///< canonical: the node's name, and its key
  std::vector<std::string> synonyms;                ///< matched in any case
  std::vector<std::string> abbreviations;           ///< matched as written or in capitals
  std::vector<std::string> ambiguous_abbreviations; ///< count only when the document confirms them
  std::vector<std::string> not_forms;               ///< look-alikes that mean something else (EGFRt)
  std::string gene_symbol, hgnc_id;                 ///< antigens
  std::string mesh_id;                              ///< diseases
  std::string role = "investigational";            ///< drugs: lymphodepletion, chemotherapy, ...
  std::vector<std::string> targets;                 ///< drugs: canonical antigen names
};

/// Which upper-case codes look like product codes (KITE-363) but are not.
struct ProductCodeRules {
  std::set<std::string> not_codes;     ///< upper-case
  std::set<std::string> not_prefixes;  ///< upper-case letter prefixes: CD, IL, NCT, ...
};

struct LexiconError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Lexicon {
 public:
  /// The lexicons shipped with trialgraph.
  static const Lexicon& builtin();

  /// Adds a lexicon file's entries; an entry whose kind and name exist already extends that entry.
  /// Throws LexiconError naming `origin` and the problem.
  void add_json(std::string_view json_text, const std::string& origin);
  void add_file(const std::string& path);

  const std::vector<LexiconEntry>& entries() const { return entries_; }
  const ProductCodeRules& product_codes() const { return product_codes_; }
  /// The entry of this kind whose name or a synonym/abbreviation folds to `form`, or nullptr.
  const LexiconEntry* find(EntityKind kind, std::string_view form) const;

 private:
  void index(std::size_t entry);

  std::vector<LexiconEntry> entries_;
  ProductCodeRules product_codes_;
  std::map<std::pair<EntityKind, std::string>, std::size_t> by_form_;  // (kind, folded form) -> entry
};

}  // namespace trialgraph
