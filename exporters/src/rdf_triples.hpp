// The graph's RDF form, generated once (rdf_triples.cpp) and serialized by each RDF writer
// (Turtle, N-Triples, N-Quads), so the term mapping of docs/rdf-vocabulary.md lives in one place.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "trialgraph/exporters.hpp"

namespace trialgraph::detail {

/// An IRI (absolute, full) or a literal (lexical form, datatype IRI; no datatype = xsd:string).
/// A view: the text is the graph's or the triple maker's, valid while the sink runs.
struct Term {
  enum class Kind { iri, literal };
  Kind kind = Kind::iri;
  std::string_view value;
  std::string_view datatype;
  /// For an IRI minted under a namespace (a node's, a statement's, a source document's): that
  /// namespace, the start of `value`. Its text stays in place while the triple maker lives, so a
  /// writer may know it by address instead of finding it in the IRI.
  std::string_view space;

  static Term iri(std::string_view value, std::string_view space = {}) { return {Kind::iri, value, {}, space}; }
  static Term literal(std::string_view value, std::string_view datatype = {}) {
    return {Kind::literal, value, datatype, {}};
  }
};

/// A triple is passed on, not copied: a writer keeps what it needs of it.
struct Triple {
  const Term& subject;
  const Term& predicate;
  const Term& object;
};

/// Namespace IRIs, for the writers that abbreviate (Turtle) and for the terms themselves.
namespace ns {
inline constexpr const char* rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
inline constexpr const char* xsd = "http://www.w3.org/2001/XMLSchema#";
inline constexpr const char* tg = "https://w3id.org/trialgraph/vocab#";
}  // namespace ns

/// (prefix, namespace) pairs in the order Turtle declares them.
const std::vector<std::pair<std::string, std::string>>& rdf_prefixes();

/// Receives each triple with the source documents (file base names) that state it.
using TripleSink = std::function<void(const Triple&, const std::set<std::string>& sources)>;

/// Every triple of the graph's RDF form, in a fixed order: each node's triples together (subject
/// first), then each relationship's (the plain triple, then its statement node), then the source
/// documents. A node's or relationship's triples carry its `sources`, except `prov:wasDerivedFrom X`
/// and X's own description, which only document X states.
void for_each_triple(const Graph& graph, const ExportOptions& options, const TripleSink& sink);
/// The same in three parts, for writers that format chunks on several threads: the triples of the
/// nodes at export places [begin, end), of the edges leaving them, and of the source documents.
/// Call graph.prepare_export_order() first.
void node_triples(const Graph& graph, std::size_t begin, std::size_t end, const ExportOptions& options,
                  const TripleSink& sink);
void edge_triples(const Graph& graph, std::size_t begin, std::size_t end, const ExportOptions& options,
                  const TripleSink& sink);
void source_triples(const Graph& graph, const ExportOptions& options, const TripleSink& sink);

/// The segment local entities of `label` are minted under, `<base><kind>/<slug>`: "Site" -> "site".
std::string local_kind(std::string_view label);

/// The IRI of a source document (also the name of its N-Quads graph): `<base>source/<slug>`.
std::string source_document_iri(const ExportOptions& options, std::string_view source);

}  // namespace trialgraph::detail
