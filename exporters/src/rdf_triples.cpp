// The one mapping from the property graph to RDF (docs/rdf-vocabulary.md): IRIs minted from keys,
// so that graphs extracted anywhere merge by plain union; standard predicates where they exist.
#include "rdf_triples.hpp"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "text_escape.hpp"
#include "trialgraph/keys.hpp"

namespace trialgraph::detail {
namespace {

constexpr const char* kSchema = "http://schema.org/";
constexpr const char* kBiolink = "https://w3id.org/biolink/vocab/";
constexpr const char* kRdfs = "http://www.w3.org/2000/01/rdf-schema#";
constexpr const char* kProv = "http://www.w3.org/ns/prov#";
constexpr const char* kClinicalTrials = "http://identifiers.org/clinicaltrials/";
constexpr const char* kMesh = "http://id.nlm.nih.gov/mesh/";
constexpr const char* kHgncSymbol = "http://identifiers.org/hgnc.symbol/";

std::string schema(const char* local) { return std::string(kSchema) + local; }
std::string biolink(const char* local) { return std::string(kBiolink) + local; }
std::string tg(const std::string& local) { return ns::tg + local; }
std::string rdf(const char* local) { return std::string(ns::rdf) + local; }
std::string xsd(const char* local) { return std::string(ns::xsd) + local; }
std::string rdfs(const char* local) { return std::string(kRdfs) + local; }
std::string prov(const char* local) { return std::string(kProv) + local; }

// Properties with a standard predicate; the rest become tg:<camelCase name>.
const std::map<std::string, std::string>& standard_predicates() {
  static const std::map<std::string, std::string> map = {
      {"nct_id", schema("identifier")},
      {"status", schema("status")},
      {"phase", biolink("clinical_trial_phase")},
      {"enrollment", biolink("clinical_trial_enrollment")},
      {"start_date", schema("startDate")},
      {"completion_date", schema("endDate")},
      {"keywords", schema("keywords")},
      {"description", schema("description")},
      {"city", schema("addressLocality")},
      {"state", schema("addressRegion")},
      {"zip", schema("postalCode")},
      {"country", schema("addressCountry")},
      {"lat", schema("latitude")},
      {"lon", schema("longitude")},
  };
  return map;
}

const std::map<std::string, std::string>& relation_predicates() {
  static const std::map<std::string, std::string> map = {
      {"SPONSORED_BY", schema("sponsor")},
      {"STUDIES", schema("healthCondition")},
      {"TESTS", schema("studySubject")},
      {"TARGETS", biolink("directly_physically_interacts_with")},
      {"CONDUCTED_AT", schema("location")},
      {"RELATED_TO", rdfs("seeAlso")},
  };
  return map;
}

const std::map<std::string, std::vector<std::string>, std::less<>>& label_types() {
  static const std::map<std::string, std::vector<std::string>, std::less<>> map = {
      {"Trial", {schema("MedicalTrial"), biolink("ClinicalTrial")}},
      {"Disease", {schema("MedicalCondition"), biolink("Disease")}},
      {"Antigen", {biolink("GeneOrGeneProduct")}},
      {"Drug", {schema("Drug"), biolink("Drug")}},
      {"Sponsor", {schema("Organization"), biolink("Agent")}},
      {"Site", {schema("Place")}},
  };
  return map;
}

// The predicates (and the classes) every node or statement uses, made once: not a string built
// and freed per triple. They live to the end of the program, so terms can point at them.
struct FixedTerms {
  std::string type_iri = rdf("type"), key_iri = tg("key"), label_iri = rdfs("label"), name_iri = schema("name"),
              alternate_name_iri = schema("alternateName"), funder_iri = schema("funder"),
              lead_sponsor_iri = tg("leadSponsor"), url_iri = schema("url"), statement_iri = rdf("Statement"),
              subject_iri = rdf("subject"), predicate_iri = rdf("predicate"), object_iri = rdf("object"),
              relationship_type_iri = tg("relationshipType"), derived_from_iri = prov("wasDerivedFrom"),
              entity_iri = prov("Entity");
  Term type = Term::iri(type_iri), key = Term::iri(key_iri), label = Term::iri(label_iri), name = Term::iri(name_iri),
       alternate_name = Term::iri(alternate_name_iri), funder = Term::iri(funder_iri),
       lead_sponsor = Term::iri(lead_sponsor_iri), url = Term::iri(url_iri), statement = Term::iri(statement_iri),
       subject = Term::iri(subject_iri), predicate = Term::iri(predicate_iri), object = Term::iri(object_iri),
       relationship_type = Term::iri(relationship_type_iri), derived_from = Term::iri(derived_from_iri),
       entity = Term::iri(entity_iri);
  FixedTerms() = default;
  FixedTerms(const FixedTerms&) = delete;  // the terms point into this object's strings
};

const FixedTerms& fixed() {
  static const FixedTerms terms;
  return terms;
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

// An identifier we put after a namespace as is ([A-Za-z0-9_][A-Za-z0-9_.-]*, not ending in '.'),
// which also keeps the IRI abbreviable in Turtle.
bool safe_local_name(std::string_view s) {
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

// A statement's hash, fed piece by piece: the hash of the pieces' concatenation, without making
// it. Its start is the one the first writer used (FNV-1a's offset, one digit short): changing it
// would rename every statement already exported.
struct Fnv1a {
  std::uint64_t hash = 1469598103934665603ULL;
  Fnv1a& add(std::string_view s) {
    hash = fnv1a_64(s, hash);
    return *this;
  }
};

// 16 lower-case hex digits, as "%016llx" spells them, appended to `out`.
void append_hex16(std::string& out, std::uint64_t v) {
  char digits[16];
  for (int i = 15; i >= 0; --i, v >>= 4) digits[i] = "0123456789abcdef"[v & 15];
  out.append(digits, sizeof digits);
}

// The literal of a property value; numbers are spelled into `scratch`.
Term typed_literal(std::string_view name, const PropertyValue& v, std::string& scratch) {
  static const std::string integer = xsd("integer"), real = xsd("double"), boolean = xsd("boolean"),
                           date = xsd("date"), month = xsd("gYearMonth");
  if (auto i = v.integer()) return Term::literal(scratch = std::to_string(*i), integer);
  if (auto d = v.real()) return Term::literal(scratch = format_double(*d), real);
  if (auto b = v.boolean()) return Term::literal(*b ? "true" : "false", boolean);
  std::string_view s = v.text();
  bool is_date = name.find("date") != std::string_view::npos || name == "first_posted" || name == "last_updated";
  if (is_date && is_day(s)) return Term::literal(s, date);
  if (is_date && is_month(s)) return Term::literal(s, month);
  return Term::literal(s);
}

// The namespace of source documents' IRIs: `<base>source/`.
std::string source_space(const ExportOptions& options) { return options.base_iri + "source/"; }

// An edge and the node it goes to.
struct OutEdge {
  const Edge* edge;
  const Node* to;
};

class TripleMaker {
 public:
  TripleMaker(const ExportOptions& options, const TripleSink& sink)
      : options_(options),
        sink_(sink),
        statement_space_(options.base_iri + "statement/"),
        source_space_(source_space(options)) {}

  void node(const Node& n) {
    const FixedTerms& f = fixed();
    const Term s = iri(n, subject_);
    emit(s, f.type, class_of(n.label), n.sources);
    auto types = label_types().find(std::string_view(n.label));
    if (types != label_types().end())
      for (const std::string& t : types->second) emit(s, f.type, Term::iri(t), n.sources);
    emit(s, f.key, Term::literal(n.key), n.sources);
    Term name = Term::literal(n.name);
    emit(s, f.label, name, n.sources);
    emit(s, f.name, name, n.sources);
    for (const std::string& alias : n.aliases) emit(s, f.alternate_name, Term::literal(alias), n.sources);
    properties(s, n.properties, n.sources);
    derived_from(s, n.sources);
  }

  /// A node's outgoing edges, all of them and in order. Each fact as a plain triple, these first
  /// and together, so that Turtle spells the node once for all of them; then a statement node for
  /// each fact, for its provenance and properties.
  void edges(const Node& from, const std::vector<OutEdge>& out) {
    const FixedTerms& f = fixed();
    const Term s = iri(from, from_);
    if (objects_.size() < out.size()) objects_.resize(out.size());  // before any term views one
    facts_.clear();
    for (std::size_t i = 0; i < out.size(); ++i)
      facts_.push_back({relation_predicate(out[i].edge->type), iri(*out[i].to, objects_[i])});
    for (std::size_t i = 0; i < out.size(); ++i) {
      const Edge& e = *out[i].edge;
      emit(s, facts_[i].predicate, facts_[i].object, e.sources);
      if (e.type == "SPONSORED_BY") emit(s, collaborator(e) ? f.funder : f.lead_sponsor, facts_[i].object, e.sources);
    }
    Fnv1a from_hash;  // the statement names' start, "<source IRI> " (see add_turtle_name)
    add_turtle_name(from_hash, s).add(" ");
    for (std::size_t i = 0; i < out.size(); ++i) {
      const Edge& e = *out[i].edge;
      const Term& o = facts_[i].object;
      Fnv1a id = from_hash;
      id.add(e.type).add(" ");
      add_turtle_name(id, o);
      statement_.assign(statement_space_);
      append_hex16(statement_, id.hash);
      const Term st = Term::iri(statement_, statement_space_);
      emit(st, f.type, f.statement, e.sources);
      emit(st, f.subject, s, e.sources);
      emit(st, f.predicate, facts_[i].predicate, e.sources);
      emit(st, f.object, o, e.sources);
      emit(st, f.relationship_type, Term::literal(e.type.str()), e.sources);
      properties(st, e.properties, e.sources);
      derived_from(st, e.sources);
    }
  }

  void source(const std::string& name) {
    std::string iri = source_document_iri(options_, name);
    std::set<std::string> only{name};
    emit(Term::iri(iri, source_space_), fixed().type, fixed().entity, only);
    emit(Term::iri(iri, source_space_), fixed().label, Term::literal(name), only);
  }

 private:
  void emit(const Term& s, const Term& p, const Term& o, const std::set<std::string>& sources) {
    sink_(Triple{s, p, o}, sources);
  }

  // tg:<Label>, per chunk once for each label.
  Term class_of(Symbol label) {
    auto [known, fresh] = classes_.try_emplace(&label.str());
    if (fresh) known->second = tg(label);
    return Term::iri(known->second);
  }

  Term relation_predicate(Symbol type) {
    auto [known, fresh] = relation_predicates_.try_emplace(&type.str());
    if (fresh) {
      auto standard = relation_predicates().find(type);
      known->second = standard != relation_predicates().end() ? standard->second : tg(type);
    }
    return Term::iri(known->second);
  }

  Term property_predicate(Symbol name) {
    auto [known, fresh] = property_predicates_.try_emplace(&name.str());
    if (fresh) {
      auto standard = standard_predicates().find(name);
      known->second = standard != standard_predicates().end() ? standard->second : tg(camel(name));
    }
    return Term::iri(known->second);
  }

  static bool collaborator(const Edge& e) {
    auto role = e.properties.find("role");
    return role != e.properties.end() && role->second.text() == "collaborator";
  }

  void properties(const Term& s, const PropertyMap& props, const std::set<std::string>& sources) {
    for (const auto& [name, value] : props) {
      const Term predicate = property_predicate(name);
      if (name == "url") {
        emit(s, fixed().url, Term::iri(valid_xml_view(value.text(), scratch_)), sources);
      } else if (auto list = value.list()) {
        for (std::string_view item : *list) emit(s, predicate, Term::literal(item), sources);
      } else {
        emit(s, predicate, typed_literal(name.str(), value, scratch_), sources);
      }
    }
  }

  // Each document says that the subject came from it, and only it says so.
  void derived_from(const Term& s, const std::set<std::string>& sources) {
    for (const std::string& src : sources) {
      auto [known, fresh] = source_iris_.try_emplace(src);
      if (fresh) known->second = {source_document_iri(options_, src), {src}};
      emit(s, fixed().derived_from, Term::iri(known->second.first, source_space_), known->second.second);
    }
  }

  // The node's IRI, spelled into `out` (reused: its capacity stays), which the term views.
  Term iri(const Node& n, std::string& out) {
    static const Symbol trial("Trial"), disease("Disease"), antigen("Antigen");
    static const Symbol nct_id("nct_id"), mesh_id("mesh_id"), gene_symbol("gene_symbol");
    auto external = [&](Symbol id_name, std::string_view space) {
      auto it = n.properties.find(id_name);
      if (it == n.properties.end()) return std::string_view();
      std::string_view id = it->second.text();
      if (!safe_local_name(id)) return std::string_view();
      out.assign(space).append(id);
      return space;
    };
    std::string_view registry = n.label == trial     ? external(nct_id, kClinicalTrials)
                                : n.label == disease ? external(mesh_id, kMesh)
                                : n.label == antigen ? external(gene_symbol, kHgncSymbol)
                                                     : std::string_view();
    if (!registry.empty()) return Term::iri(out, registry);
    auto [space, fresh] = local_spaces_.try_emplace(&n.label.str());
    if (fresh) space->second = options_.base_iri + local_kind(n.label.str()) + "/";
    out.assign(space->second);
    append_slug(out, n.key);
    return Term::iri(out, space->second);
  }

  // The statement hash is taken over the subject and object as the first Turtle writer spelled
  // them (the three registry prefixes where it could), so statement IRIs stay what it minted.
  static Fnv1a& add_turtle_name(Fnv1a& hash, const Term& t) {
    for (const char* space : {kClinicalTrials, kMesh, kHgncSymbol}) {
      std::string_view prefix = space == kClinicalTrials ? "CLINICALTRIALS:" : space == kMesh ? "MESH:" : "HGNC.SYMBOL:";
      std::string_view sv(space);
      if (t.value.size() > sv.size() && t.value.compare(0, sv.size(), sv) == 0)
        return hash.add(prefix).add(t.value.substr(sv.size()));
    }
    return hash.add("<").add(t.value).add(">");
  }

  const ExportOptions& options_;
  const TripleSink& sink_;
  // The texts terms point at while a triple is passed on: a node's IRI, an edge's source's, its
  // targets' (one each), a statement's, and a number's spelling or a url made valid.
  std::string subject_, from_, statement_, scratch_;
  std::vector<std::string> objects_;
  struct Fact {
    Term predicate, object;  // the object views objects_
  };
  std::vector<Fact> facts_;  // of the node whose edges are being made, each made once for both passes
  // A few source documents, each with its IRI and the one-name set its provenance triple carries.
  std::map<std::string, std::pair<std::string, std::set<std::string>>> source_iris_;
  // IRIs by the interned name's address: a chunk meets a few dozen.
  std::unordered_map<const std::string*, std::string> classes_, relation_predicates_, property_predicates_;
  // The namespaces IRIs are minted under, kept in place for terms to point at: by label ("Site" ->
  // <base>site/), for statements and for source documents.
  std::unordered_map<const std::string*, std::string> local_spaces_;
  const std::string statement_space_, source_space_;
};

}  // namespace

const std::vector<std::pair<std::string, std::string>>& rdf_prefixes() {
  static const std::vector<std::pair<std::string, std::string>> prefixes = {
      {"schema", kSchema},          {"biolink", kBiolink},
      {"rdf", ns::rdf},             {"rdfs", kRdfs},
      {"xsd", ns::xsd},             {"prov", kProv},
      {"CLINICALTRIALS", kClinicalTrials}, {"MESH", kMesh},
      {"HGNC.SYMBOL", kHgncSymbol}, {"tg", ns::tg},
  };
  return prefixes;
}

std::string local_kind(std::string_view label) {
  std::string kind;
  for (char c : label) kind.push_back(char(std::tolower(static_cast<unsigned char>(c))));
  return kind;
}

std::string source_document_iri(const ExportOptions& options, std::string_view source) {
  return source_space(options) + slug(source);
}

void for_each_triple(const Graph& graph, const ExportOptions& options, const TripleSink& sink) {
  node_triples(graph, 0, graph.node_count(), options, sink);
  edge_triples(graph, 0, graph.node_count(), options, sink);
  source_triples(graph, options, sink);
}

void node_triples(const Graph& graph, std::size_t begin, std::size_t end, const ExportOptions& options,
                  const TripleSink& sink) {
  TripleMaker maker(options, sink);
  graph.for_each_node(begin, end, [&](const Node& n) { maker.node(n); });
}

void edge_triples(const Graph& graph, std::size_t begin, std::size_t end, const ExportOptions& options,
                  const TripleSink& sink) {
  TripleMaker maker(options, sink);
  const Node* from = nullptr;
  std::vector<OutEdge> out;  // from's edges: a node's come together
  graph.for_each_edge_from(begin, end, [&](const Node& source, const Edge& e, const Node& to) {
    if (&source != from) {
      if (from) maker.edges(*from, out);
      from = &source;
      out.clear();
    }
    out.push_back({&e, &to});
  });
  if (from) maker.edges(*from, out);
}

void source_triples(const Graph& graph, const ExportOptions& options, const TripleSink& sink) {
  std::set<const Sources::Set*> sets;  // interned: a bulk file's nodes all share one
  graph.for_each_node([&](const Node& n) { sets.insert(&n.sources.set()); });
  std::set<std::string> sources;
  for (const Sources::Set* set : sets) sources.insert(set->begin(), set->end());
  TripleMaker maker(options, sink);
  for (const std::string& s : sources) maker.source(s);
}

}  // namespace trialgraph::detail
