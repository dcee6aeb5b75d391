// RDF writers over the one triple model (rdf_triples.hpp): Turtle with the vocabulary's prefixes,
// N-Triples, and N-Quads with one named graph per source document.
#include <regex>

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

class TurtleWriter {
 public:
  explicit TurtleWriter(std::ostream& out) : out_(out) {}

  void header() {
    for (const auto& [prefix, space] : detail::rdf_prefixes())
      out_ << "@prefix " << prefix << ": <" << space << "> .\n";
    out_ << "\n";
  }

  // Consecutive triples about one subject share it (";"), and one predicate shares it (",").
  void triple(const Triple& t) {
    std::string s = name(t.subject), p = predicate(t.predicate), o = name(t.object);
    if (open_ && s == subject_ && p == predicate_) {
      out_ << ", " << o;
    } else if (open_ && s == subject_) {
      out_ << " ;\n    " << p << " " << o;
    } else {
      finish();
      out_ << s << " " << p << " " << o;
    }
    open_ = true;
    subject_ = std::move(s);
    predicate_ = std::move(p);
  }

  void finish() {
    if (open_) out_ << " .\n";
    open_ = false;
  }

 private:
  static std::string prefixed(const std::string& iri) {
    for (const auto& [prefix, space] : detail::rdf_prefixes())
      if (iri.compare(0, space.size(), space) == 0 && plain_local_name(std::string_view(iri).substr(space.size())))
        return prefix + ":" + iri.substr(space.size());
    return bracketed(iri);
  }

  static std::string predicate(const Term& t) {
    return t.value == std::string(detail::ns::rdf) + "type" ? "a" : prefixed(t.value);
  }

  static std::string name(const Term& t) {
    if (t.kind == Term::Kind::iri) return prefixed(t.value);
    if (t.datatype.empty()) return quoted(t.value);
    if (t.datatype == std::string(detail::ns::xsd) + "boolean") return t.value;
    return quoted(t.value) + "^^" + prefixed(t.datatype);
  }

  std::ostream& out_;
  bool open_ = false;
  std::string subject_, predicate_;
};

std::string ntriples_term(const Term& t) {
  if (t.kind == Term::Kind::iri) return bracketed(t.value);
  if (t.datatype.empty()) return quoted(t.value);
  return quoted(t.value) + "^^" + bracketed(t.datatype);
}

std::string ntriples_statement(const Triple& t) {
  return ntriples_term(t.subject) + " " + ntriples_term(t.predicate) + " " + ntriples_term(t.object);
}

}  // namespace

bool valid_base_iri(std::string_view iri) {
  static const std::regex pattern("[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|^`\\\\]*[/#]");
  return std::regex_match(std::string(iri), pattern);
}

void write_turtle(const Graph& graph, std::ostream& out, const ExportOptions& options) {
  TurtleWriter writer(out);
  writer.header();
  detail::for_each_triple(graph, options, [&](const Triple& t, const std::set<std::string>&) { writer.triple(t); });
  writer.finish();
}

void write_ntriples(const Graph& graph, std::ostream& out, const ExportOptions& options) {
  detail::for_each_triple(graph, options, [&](const Triple& t, const std::set<std::string>&) {
    out << ntriples_statement(t) << " .\n";
  });
}

// A triple goes into the graph of every document that states it, so dropping one document's graph
// removes exactly what only that document said.
void write_nquads(const Graph& graph, std::ostream& out, const ExportOptions& options) {
  detail::for_each_triple(graph, options, [&](const Triple& t, const std::set<std::string>& sources) {
    std::string statement = ntriples_statement(t);
    for (const std::string& source : sources)
      out << statement << " " << bracketed(detail::source_document_iri(options, source)) << " .\n";
  });
}

}  // namespace trialgraph
