// Writing the graph out: GraphML for Neo4j's APOC, RDF Turtle for triple stores.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "trialgraph/graph.hpp"

namespace trialgraph {

enum class OutputFormat { graphml, turtle };

/// "graphml" or "turtle"/"ttl".
std::optional<OutputFormat> format_from_name(std::string_view name);
/// From the file extension: .graphml, .ttl.
std::optional<OutputFormat> format_from_path(const std::filesystem::path& path);

struct ExportOptions {
  /// Where local entities (sponsors, sites, drugs, ...) are minted in RDF.
  std::string base_iri = "https://w3id.org/trialgraph/id/";
};

/// True when `iri` can serve as a base IRI (absolute, no characters IRIs forbid, ends in / or #).
bool valid_base_iri(std::string_view iri);

void write_graphml(const Graph& graph, std::ostream& out);
void write_turtle(const Graph& graph, std::ostream& out, const ExportOptions& options);

/// Writes to a temporary file beside `path`, then renames it into place, so a failed run never
/// leaves half a file. Returns false and says why in `error`.
bool export_to_file(const Graph& graph, const std::filesystem::path& path, OutputFormat format,
                    const ExportOptions& options, std::string& error);

}  // namespace trialgraph
