#include "trialgraph/lexicon.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "builtin_lexicons.hpp"
#include "trialgraph/keys.hpp"

namespace trialgraph {
namespace {

using nlohmann::json;

EntityKind kind_from(const std::string& name, const std::string& origin) {
  if (name == "antigen") return EntityKind::antigen;
  if (name == "disease") return EntityKind::disease;
  if (name == "drug") return EntityKind::drug;
  throw LexiconError(origin + ": \"kind\" must be antigen, disease or drug, not \"" + name + "\"");
}

std::vector<std::string> strings(const json& entry, const char* field, const std::string& where) {
  std::vector<std::string> out;
  auto it = entry.find(field);
  if (it == entry.end()) return out;
  if (!it->is_array()) throw LexiconError(where + ": \"" + field + "\" must be a list of strings");
  for (const json& s : *it) {
    if (!s.is_string()) throw LexiconError(where + ": \"" + field + "\" must be a list of strings");
    if (std::string t = s.get<std::string>(); !fold_text(t).empty()) out.push_back(std::move(t));
  }
  return out;
}

std::string string_field(const json& entry, const char* field, const std::string& where) {
  auto it = entry.find(field);
  if (it == entry.end()) return "";
  if (!it->is_string()) throw LexiconError(where + ": \"" + field + "\" must be a string");
  return it->get<std::string>();
}

void append_new(std::vector<std::string>& to, const std::vector<std::string>& from) {
  for (const std::string& s : from)
    if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
}

void extend(LexiconEntry& into, const LexiconEntry& more) {
  append_new(into.synonyms, more.synonyms);
  append_new(into.abbreviations, more.abbreviations);
  append_new(into.ambiguous_abbreviations, more.ambiguous_abbreviations);
  append_new(into.not_forms, more.not_forms);
  append_new(into.targets, more.targets);
  for (auto [field, value] : {std::pair{&into.gene_symbol, &more.gene_symbol},
                              {&into.hgnc_id, &more.hgnc_id}, {&into.mesh_id, &more.mesh_id}})
    if (!value->empty()) *field = *value;
  if (more.role != "investigational") into.role = more.role;
}

std::set<std::string> upper_set(const std::vector<std::string>& items) {
  std::set<std::string> out;
  for (std::string s : items) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    out.insert(std::move(s));
  }
  return out;
}

const std::set<std::string> kRoles = {"investigational", "lymphodepletion", "chemotherapy",
                                      "supportive", "standard", "placebo"};

LexiconEntry parse_entry(const json& j, EntityKind kind, const std::string& where) {
  if (!j.is_object()) throw LexiconError(where + ": an entry must be an object");
  LexiconEntry e;
  e.kind = kind;
  e.name = string_field(j, "name", where);
  if (fold_text(e.name).empty()) throw LexiconError(where + ": an entry needs a \"name\"");
  e.synonyms = strings(j, "synonyms", where);
  e.abbreviations = strings(j, "abbreviations", where);
  e.ambiguous_abbreviations = strings(j, "ambiguous_abbreviations", where);
  e.not_forms = strings(j, "not", where);
  e.gene_symbol = string_field(j, "gene_symbol", where);
  e.hgnc_id = string_field(j, "hgnc_id", where);
  e.mesh_id = normalize_mesh_id(string_field(j, "mesh_id", where));
  if (!string_field(j, "mesh_id", where).empty() && e.mesh_id.empty())
    throw LexiconError(where + ": \"mesh_id\" is not a MeSH descriptor id (D followed by digits)");
  if (std::string role = string_field(j, "role", where); !role.empty()) {
    if (!kRoles.count(role)) throw LexiconError(where + ": unknown drug \"role\" \"" + role + "\"");
    e.role = role;
  }
  e.targets = strings(j, "targets", where);
  return e;
}

}  // namespace

const char* kind_name(EntityKind kind) {
  switch (kind) {
    case EntityKind::antigen: return "antigen";
    case EntityKind::disease: return "disease";
    case EntityKind::drug: return "drug";
  }
  return "?";
}

const Lexicon& Lexicon::builtin() {
  static const Lexicon lexicon = [] {
    Lexicon l;
    for (const auto& [name, text] : builtin_lexicon_texts()) l.add_json(text, name);
    return l;
  }();
  return lexicon;
}

void Lexicon::add_json(std::string_view json_text, const std::string& origin) {
  json doc = json::parse(json_text.begin(), json_text.end(), nullptr, false);
  if (doc.is_discarded()) throw LexiconError(origin + ": not valid JSON");
  if (!doc.is_object() || !doc.contains("entries") || !doc["entries"].is_array())
    throw LexiconError(origin + ": a lexicon is an object with \"kind\" and an \"entries\" list");
  EntityKind kind = kind_from(string_field(doc, "kind", origin), origin);
  std::vector<LexiconEntry> parsed;
  for (std::size_t i = 0; i < doc["entries"].size(); ++i)
    parsed.push_back(parse_entry(doc["entries"][i], kind, origin + ": entry " + std::to_string(i + 1)));
  if (auto codes = doc.find("product_codes"); codes != doc.end() && codes->is_object()) {
    for (const std::string& s : upper_set(strings(*codes, "not_codes", origin)))
      product_codes_.not_codes.insert(s);
    for (const std::string& s : upper_set(strings(*codes, "not_prefixes", origin)))
      product_codes_.not_prefixes.insert(s);
  }
  // Parsed whole before anything is added: a broken file leaves the lexicon as it was.
  for (LexiconEntry& e : parsed) {
    if (const LexiconEntry* same = find(kind, e.name); same && fold_text(same->name) == fold_text(e.name)) {
      std::size_t at = std::size_t(same - entries_.data());
      extend(entries_[at], e);
      index(at);
    } else {
      entries_.push_back(std::move(e));
      index(entries_.size() - 1);
    }
  }
}

void Lexicon::add_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LexiconError(path + ": cannot read the lexicon file");
  std::ostringstream text;
  text << in.rdbuf();
  add_json(text.str(), path);
}

void Lexicon::index(std::size_t at) {
  const LexiconEntry& e = entries_[at];
  // The canonical name always points at its entry; other forms keep the first entry that claimed them.
  by_form_[{e.kind, fold_text(e.name)}] = at;
  for (const auto* forms : {&e.synonyms, &e.abbreviations, &e.ambiguous_abbreviations})
    for (const std::string& f : *forms) by_form_.emplace(std::pair{e.kind, fold_text(f)}, at);
}

const LexiconEntry* Lexicon::find(EntityKind kind, std::string_view form) const {
  auto it = by_form_.find({kind, fold_text(form)});
  return it == by_form_.end() ? nullptr : &entries_[it->second];
}

}  // namespace trialgraph
