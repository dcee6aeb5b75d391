// RDF writers over the one triple model (rdf_triples.hpp): Turtle with the vocabulary's prefixes,
// N-Triples, and N-Quads with one named graph per source document.
#include <regex>
#include <unordered_map>

#include "ordered_chunks.hpp"
#include "rdf_triples.hpp"
#include "text_escape.hpp"
#include "trialgraph/exporters.hpp"

namespace trialgraph {
namespace {

using detail::Term;
using detail::Triple;

// A local name Turtle takes unescaped after a prefix: [A-Za-z0-9_] then [A-Za-z0-9_.-], no final '.'.
bool plain_local_name(std::string_view s) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  if (s.empty() || !word(s.front()) || s.back() == '.') return false;
  for (char c : s)
    if (!word(c) && c != '.' && c != '-') return false;
  return true;
}

std::string quoted(const std::string& lexical) { return "\"" + detail::turtle_escape(lexical) + "\""; }

// <iri> in the form N-Triples and Turtle share.
std::string bracketed(const std::string& iri) { return "<" + detail::iri_escape(iri) + ">"; }

// The RDF writers format one chunk of triples at a time into `out`; a chunk's writer is fresh.
class TurtleWriter {
 public:
  TurtleWriter(std::string& out, const ExportOptions&) : out_(out) {}

  static void header(std::ostream& out) {
    for (const auto& [prefix, space] : detail::rdf_prefixes())
      out << "@prefix " << prefix << ": <" << space << "> .\n";
    out << "\n";
  }

  // Consecutive triples about one subject share it (";"), and one predicate shares it (",").
  void triple(const Triple& t, const std::set<std::string>&) {
    // A node's or statement's triples come together: its name is spelled once, not per triple.
    bool same_subject = open_ && t.subject.value == subject_iri_;
    if (!same_subject && t.subject.value != subject_iri_) {
      subject_iri_ = t.subject.value;
      subject_name_ = name(t.subject);
    }
    auto [known, fresh] = predicates_.try_emplace(t.predicate.value);
    if (fresh) known->second = predicate(t.predicate);
    const std::string& p = known->second;  // a map's entry stays put: compared by address below
    std::string o = object_name(t.object);
    if (same_subject && &p == predicate_) {
      out_.append(", ").append(o);
    } else if (same_subject) {
      out_.append(" ;\n    ").append(p).append(" ").append(o);
    } else {
      finish();
      out_.append(subject_name_).append(" ").append(p).append(" ").append(o);
    }
    open_ = true;
    predicate_ = &p;
  }

  void finish() {
    if (open_) out_ += " .\n";
    open_ = false;
  }

 private:
  static std::string prefixed(const std::string& iri) {
    std::string_view whole(iri);
    for (const auto& [prefix, space] : detail::rdf_prefixes())
      if (whole.substr(0, space.size()) == space && plain_local_name(whole.substr(space.size()))) {
        std::string out;
        out.reserve(prefix.size() + 1 + iri.size() - space.size());
        return out.append(prefix).append(":").append(whole.substr(space.size()));
      }
    return bracketed(iri);
  }

  static std::string predicate(const Term& t) {
    static const std::string rdf_type = std::string(detail::ns::rdf) + "type";
    return t.value == rdf_type ? "a" : prefixed(t.value);
  }

  static bool is_boolean(const std::string& datatype) {
    static const std::string boolean = std::string(detail::ns::xsd) + "boolean";
    return datatype == boolean;
  }

  static std::string name(const Term& t) {
    if (t.kind == Term::Kind::iri) return prefixed(t.value);
    if (t.datatype.empty()) return quoted(t.value);
    if (is_boolean(t.datatype)) return t.value;
    return quoted(t.value) + "^^" + prefixed(t.datatype);
  }

  // As name(), a datatype's spelling kept: a vocabulary has a few.
  std::string object_name(const Term& t) {
    if (t.kind == Term::Kind::iri || t.datatype.empty()) return name(t);
    auto [known, fresh] = datatypes_.try_emplace(t.datatype);
    if (fresh) known->second = is_boolean(t.datatype) ? "" : "^^" + prefixed(t.datatype);
    if (known->second.empty()) return t.value;  // a boolean: bare
    return quoted(t.value) + known->second;
  }

  std::string& out_;
  bool open_ = false;
  const std::string* predicate_ = nullptr;     // of the statement left open, in predicates_
  std::string subject_iri_, subject_name_;     // the last subject, spelled
  std::unordered_map<std::string, std::string> predicates_;  // a vocabulary's few dozen, spelled
  std::unordered_map<std::string, std::string> datatypes_;   // "^^xsd:date", or "" for a boolean
};

std::string ntriples_term(const Term& t) {
  if (t.kind == Term::Kind::iri) return bracketed(t.value);
  if (t.datatype.empty()) return quoted(t.value);
  return quoted(t.value) + "^^" + bracketed(t.datatype);
}

std::string ntriples_statement(const Triple& t) {
  return ntriples_term(t.subject) + " " + ntriples_term(t.predicate) + " " + ntriples_term(t.object);
}

class NTriplesWriter {
 public:
  NTriplesWriter(std::string& out, const ExportOptions&) : out_(out) {}
  void triple(const Triple& t, const std::set<std::string>&) { out_.append(ntriples_statement(t)).append(" .\n"); }
  void finish() {}

 private:
  std::string& out_;
};

// A triple goes into the graph of every document that states it, so dropping one document's graph
// removes exactly what only that document said.
class NQuadsWriter {
 public:
  NQuadsWriter(std::string& out, const ExportOptions& options) : out_(out), options_(options) {}
  void triple(const Triple& t, const std::set<std::string>& sources) {
    std::string statement = ntriples_statement(t);
    for (const std::string& source : sources)
      out_.append(statement).append(" ").append(bracketed(detail::source_document_iri(options_, source))).append(" .\n");
  }
  void finish() {}

 private:
  std::string& out_;
  const ExportOptions& options_;
};

// Nodes, then edges, in chunks formatted on options.jobs threads; then the source documents.
template <class Writer>
void write_triples(const Graph& graph, std::ostream& out, const ExportOptions& options) {
  graph.prepare_export_order(options.jobs);
  auto in_chunks = [&](void (*triples)(const Graph&, std::size_t, std::size_t, const ExportOptions&,
                                       const detail::TripleSink&)) {
    detail::write_ordered_chunks(out, graph.node_count(), options.jobs,
                                 [&](std::size_t begin, std::size_t end, std::string& text) {
                                   Writer writer(text, options);
                                   triples(graph, begin, end, options, [&](const Triple& t, const std::set<std::string>& s) {
                                     writer.triple(t, s);
                                   });
                                   writer.finish();
                                 });
  };
  in_chunks(&detail::node_triples);
  in_chunks(&detail::edge_triples);
  std::string text;
  Writer writer(text, options);
  detail::source_triples(graph, options, [&](const Triple& t, const std::set<std::string>& s) { writer.triple(t, s); });
  writer.finish();
  out << text;
}

}  // namespace

bool valid_base_iri(std::string_view iri) {
  static const std::regex pattern("[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|^`\\\\]*[/#]");
  return std::regex_match(std::string(iri), pattern);
}

void write_turtle(const Graph& graph, std::ostream& out, const ExportOptions& options) {
  TurtleWriter::header(out);
  write_triples<TurtleWriter>(graph, out, options);
}

void write_ntriples(const Graph& graph, std::ostream& out, const ExportOptions& options) {
  write_triples<NTriplesWriter>(graph, out, options);
}

void write_nquads(const Graph& graph, std::ostream& out, const ExportOptions& options) {
  write_triples<NQuadsWriter>(graph, out, options);
}

}  // namespace trialgraph
