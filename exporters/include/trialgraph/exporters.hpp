// Writing the graph out: GraphML for Neo4j's APOC, CSV for neo4j-admin's bulk import, and RDF
// (Turtle, N-Triples, N-Quads) for triple stores.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "trialgraph/graph.hpp"

namespace trialgraph {

enum class OutputFormat { graphml, turtle, ntriples, nquads, neo4j_csv };

/// "graphml", "turtle"/"ttl", "ntriples"/"nt", "nquads"/"nq", "neo4j-csv".
std::optional<OutputFormat> format_from_name(std::string_view name);
/// From the file extension: .graphml, .ttl, .nt, .nq (neo4j-csv writes a folder: name it with --format).
std::optional<OutputFormat> format_from_path(const std::filesystem::path& path);

struct ExportOptions {
  /// Where local entities (sponsors, sites, drugs, ...) and source documents are minted in RDF.
  std::string base_iri = "https://w3id.org/trialgraph/id/";
  /// Threads that format the output (0: one per core). The output is the same for any number.
  unsigned jobs = 0;
};

/// True when `iri` can serve as a base IRI (absolute, no characters IRIs forbid, ends in / or #).
bool valid_base_iri(std::string_view iri);

void write_graphml(const Graph& graph, std::ostream& out);
void write_graphml(const Graph& graph, std::ostream& out, const ExportOptions& options);
/// The three RDF writers serialize the same triples (docs/rdf-vocabulary.md).
void write_turtle(const Graph& graph, std::ostream& out, const ExportOptions& options);
void write_ntriples(const Graph& graph, std::ostream& out, const ExportOptions& options);
/// Each triple once in the named graph of every source document that states it.
void write_nquads(const Graph& graph, std::ostream& out, const ExportOptions& options);

/// The files of neo4j-admin's bulk import (docs/graph-model.md, "neo4j-admin CSV"): one node file
/// per label, one relationship file per (type, start label, end label).
struct Neo4jCsv {
  struct File {
    std::string name;   ///< nodes_<Label>.csv or relationships_<TYPE>_<Start>_<End>.csv
    std::string group;  ///< the label, or the relationship type
    bool nodes = true;
    std::string content;
  };
  std::vector<File> files;
  std::string array_delimiter = ";";  ///< never inside an array element (';', else '|', else U+001F)
  bool multiline_fields = false;      ///< some quoted value holds a line break

  /// The `neo4j-admin database import full` command that loads the files from the folder `dir`.
  std::string import_command(const std::string& dir) const;
};

/// The files with their text in `content`: for tests and small graphs.
Neo4jCsv neo4j_csv(const Graph& graph);
/// Receives each file's text as it is made, `file` being the `index`-th of the files: its header
/// first, then its rows.
using Neo4jCsvWriter = std::function<void(const Neo4jCsv::File& file, std::size_t index, std::string_view text)>;
/// The same files, their text passed to `write` instead of kept (`content` stays empty), so that
/// the whole graph is never held as text.
Neo4jCsv neo4j_csv(const Graph& graph, const Neo4jCsvWriter& write);
/// The same, the rows formatted on `options.jobs` threads (the text is the same for any number).
Neo4jCsv neo4j_csv(const Graph& graph, const Neo4jCsvWriter& write, const ExportOptions& options);

/// Name of the script that export_neo4j_csv writes beside the CSV files; it also marks the folder
/// as one the tool wrote, which a later run may replace.
inline constexpr const char* kNeo4jImportScript = "neo4j-admin-import.sh";

/// Writes the CSV files and the import script into a temporary folder beside `dir`, then swaps it
/// into place: `dir` is never half-written. A `dir` that an earlier run wrote is replaced; another
/// non-empty folder is refused. `command` gets the import command for `dir`.
bool export_neo4j_csv(const Graph& graph, const std::filesystem::path& dir, std::string& command,
                      std::string& error);
bool export_neo4j_csv(const Graph& graph, const std::filesystem::path& dir, std::string& command,
                      std::string& error, const ExportOptions& options);

/// Writes to a temporary file beside `path`, then renames it into place, so a failed run never
/// leaves half a file (neo4j-csv: a folder, as export_neo4j_csv). Returns false and says why in `error`.
bool export_to_file(const Graph& graph, const std::filesystem::path& path, OutputFormat format,
                    const ExportOptions& options, std::string& error);

}  // namespace trialgraph
