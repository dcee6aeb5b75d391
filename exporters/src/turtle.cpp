// RDF Turtle following shared/design/rdf-vocabulary.md: one IRI per node minted from its key,
// so that graphs extracted anywhere merge by plain union.
#include <cstdint>
#include <map>
#include <regex>

#include "text_escape.hpp"
#include "trialgraph/exporters.hpp"
#include "trialgraph/keys.hpp"

namespace trialgraph {
namespace {

using detail::turtle_escape;

constexpr const char* kVocab = "https://w3id.org/trialgraph/vocab#";

const char* kPrefixes =
    "@prefix schema: <http://schema.org/> .\n"
    "@prefix biolink: <https://w3id.org/biolink/vocab/> .\n"
    "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    "@prefix prov: <http://www.w3.org/ns/prov#> .\n"
    "@prefix CLINICALTRIALS: <http://identifiers.org/clinicaltrials/> .\n"
    "@prefix MESH: <http://id.nlm.nih.gov/mesh/> .\n"
    "@prefix HGNC.SYMBOL: <http://identifiers.org/hgnc.symbol/> .\n";

// Properties with a standard predicate; the rest become tg:<name>.
const std::map<std::string, std::string>& standard_predicates() {
  static const std::map<std::string, std::string> map = {
      {"nct_id", "schema:identifier"},
      {"status", "schema:status"},
      {"phase", "biolink:clinical_trial_phase"},
      {"enrollment", "biolink:clinical_trial_enrollment"},
      {"start_date", "schema:startDate"},
      {"completion_date", "schema:endDate"},
      {"keywords", "schema:keywords"},
      {"description", "schema:description"},
      {"city", "schema:addressLocality"},
      {"state", "schema:addressRegion"},
      {"zip", "schema:postalCode"},
      {"country", "schema:addressCountry"},
      {"lat", "schema:latitude"},
      {"lon", "schema:longitude"},
  };
  return map;
}

const std::map<std::string, std::string>& relation_predicates() {
  static const std::map<std::string, std::string> map = {
      {"SPONSORED_BY", "schema:sponsor"},
      {"STUDIES", "schema:healthCondition"},
      {"TESTS", "schema:studySubject"},
      {"TARGETS", "biolink:directly_physically_interacts_with"},
      {"CONDUCTED_AT", "schema:location"},
      {"RELATED_TO", "rdfs:seeAlso"},
  };
  return map;
}

const std::map<std::string, std::vector<const char*>>& label_types() {
  static const std::map<std::string, std::vector<const char*>> map = {
      {"Trial", {"schema:MedicalTrial", "biolink:ClinicalTrial"}},
      {"Disease", {"schema:MedicalCondition", "biolink:Disease"}},
      {"Antigen", {"biolink:GeneOrGeneProduct"}},
      {"Drug", {"schema:Drug", "biolink:Drug"}},
      {"Sponsor", {"schema:Organization", "biolink:Agent"}},
      {"Site", {"schema:Place"}},
  };
  return map;
}

// "first_posted" -> "firstPosted", for tg: terms.
std::string camel(const std::string& name) {
  std::string out;
  bool upper = false;
  for (char c : name) {
    if (c == '_') { upper = true; continue; }
    out.push_back(upper ? char(std::toupper(static_cast<unsigned char>(c))) : c);
    upper = false;
  }
  return out;
}

bool is_alnum_or_underscore(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// A Turtle local name we write unescaped: [A-Za-z0-9_] then [A-Za-z0-9_.-], not ending in '.'.
bool safe_local_name(const std::string& s) {
  if (s.empty() || !is_alnum_or_underscore(s.front()) || s.back() == '.') return false;
  for (char c : s)
    if (!is_alnum_or_underscore(c) && c != '.' && c != '-') return false;
  return true;
}

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// "2025-07-08" and "2025-07": the shapes that become xsd:date and xsd:gYearMonth.
bool is_day(std::string_view s) {
  return s.size() == 10 && s[4] == '-' && s[7] == '-' && digits(s.substr(0, 4)) && digits(s.substr(5, 2)) &&
         digits(s.substr(8, 2));
}
bool is_month(std::string_view s) {
  return s.size() == 7 && s[4] == '-' && digits(s.substr(0, 4)) && digits(s.substr(5, 2));
}

std::uint64_t fnv1a(std::string_view s) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

class TurtleWriter {
 public:
  TurtleWriter(std::ostream& out, const ExportOptions& options) : out_(out), base_(options.base_iri) {}

  void write(const Graph& graph) {
    out_ << kPrefixes << "@prefix tg: <" << kVocab << "> .\n\n";
    std::set<std::string> sources;
    graph.for_each_node([&](const Node& n) {
      write_node(n);
      sources.insert(n.sources.begin(), n.sources.end());
    });
    graph.for_each_edge([&](const Node& from, const Edge& e, const Node& to) { write_edge(from, e, to); });
    for (const std::string& s : sources)
      out_ << source_iri(s) << " a prov:Entity ;\n    rdfs:label " << literal(s) << " .\n";
  }

 private:
  std::string local(const std::string& kind, const std::string& key) const {
    return "<" + base_ + kind + "/" + slug(key) + ">";
  }

  std::string iri(const Node& n) const {
    auto prop = [&](const char* name) -> std::string {
      auto it = n.properties.find(name);
      const std::string* s = it == n.properties.end() ? nullptr : std::get_if<std::string>(&it->second);
      return s && safe_local_name(*s) ? *s : "";
    };
    if (n.label == "Trial" && !prop("nct_id").empty()) return "CLINICALTRIALS:" + prop("nct_id");
    if (n.label == "Disease" && !prop("mesh_id").empty()) return "MESH:" + prop("mesh_id");
    if (n.label == "Antigen" && !prop("gene_symbol").empty()) return "HGNC.SYMBOL:" + prop("gene_symbol");
    std::string kind = n.label;
    for (char& c : kind) c = char(std::tolower(static_cast<unsigned char>(c)));
    return local(kind, n.key);
  }

  std::string source_iri(const std::string& source) const { return local("source", source); }

  static std::string literal(const std::string& s) { return "\"" + turtle_escape(s) + "\""; }

  static std::string typed_literal(const std::string& name, const Value& v) {
    if (auto i = std::get_if<std::int64_t>(&v)) return "\"" + std::to_string(*i) + "\"^^xsd:integer";
    if (auto d = std::get_if<double>(&v)) return "\"" + detail::format_double(*d) + "\"^^xsd:double";
    if (auto b = std::get_if<bool>(&v)) return *b ? "true" : "false";
    const std::string& s = std::get<std::string>(v);
    bool is_date = name.find("date") != std::string::npos || name == "first_posted" || name == "last_updated";
    if (is_date && is_day(s)) return literal(s) + "^^xsd:date";
    if (is_date && is_month(s)) return literal(s) + "^^xsd:gYearMonth";
    return literal(s);
  }

  void statement(const std::string& predicate, const std::string& object) {
    out_ << " ;\n    " << predicate << " " << object;
  }

  void write_properties(const PropertyMap& props) {
    for (const auto& [name, value] : props) {
      auto std_pred = standard_predicates().find(name);
      std::string predicate = std_pred != standard_predicates().end() ? std_pred->second : "tg:" + camel(name);
      if (name == "url") {
        statement("schema:url", "<" + detail::valid_xml_text(std::get<std::string>(value)) + ">");
      } else if (auto list = std::get_if<std::vector<std::string>>(&value)) {
        for (const std::string& item : *list) statement(predicate, literal(item));
      } else {
        statement(predicate, typed_literal(name, value));
      }
    }
  }

  void write_node(const Node& n) {
    out_ << iri(n) << " a tg:" << n.label;
    auto types = label_types().find(n.label);
    if (types != label_types().end())
      for (const char* t : types->second) out_ << ", " << t;
    statement("tg:key", literal(n.key));
    statement("rdfs:label", literal(n.name));
    statement("schema:name", literal(n.name));
    for (const std::string& alias : n.aliases) statement("schema:alternateName", literal(alias));
    write_properties(n.properties);
    for (const std::string& s : n.sources) statement("prov:wasDerivedFrom", source_iri(s));
    out_ << " .\n";
  }

  // The fact as a plain triple, and a statement node for its provenance and properties.
  void write_edge(const Node& from, const Edge& e, const Node& to) {
    auto known = relation_predicates().find(e.type);
    std::string predicate = known != relation_predicates().end() ? known->second : "tg:" + e.type;
    std::string s = iri(from), o = iri(to);
    out_ << s << " " << predicate << " " << o << " .\n";
    auto role = e.properties.find("role");
    bool collaborator = role != e.properties.end() && role->second == Value(std::string("collaborator"));
    if (e.type == "SPONSORED_BY" && collaborator) out_ << s << " schema:funder " << o << " .\n";
    if (e.type == "SPONSORED_BY" && !collaborator) out_ << s << " tg:leadSponsor " << o << " .\n";

    char id[17];
    std::snprintf(id, sizeof id, "%016llx", static_cast<unsigned long long>(fnv1a(s + " " + e.type + " " + o)));
    out_ << "<" << base_ << "statement/" << id << "> a rdf:Statement";
    statement("rdf:subject", s);
    statement("rdf:predicate", predicate);
    statement("rdf:object", o);
    statement("tg:relationshipType", literal(e.type));
    write_properties(e.properties);
    for (const std::string& src : e.sources) statement("prov:wasDerivedFrom", source_iri(src));
    out_ << " .\n";
  }

  std::ostream& out_;
  std::string base_;
};

}  // namespace

bool valid_base_iri(std::string_view iri) {
  static const std::regex pattern("[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|^`\\\\]*[/#]");
  return std::regex_match(std::string(iri), pattern);
}

void write_turtle(const Graph& graph, std::ostream& out, const ExportOptions& options) {
  TurtleWriter(out, options).write(graph);
}

}  // namespace trialgraph
