// Loading back a GraphML file that trialgraph wrote (exporters/src/graphml.cpp): the same nodes,
// edges, typed properties, aliases and sources, so a graph can be queried without re-extracting.
#pragma once

#include <filesystem>
#include <istream>
#include <stdexcept>
#include <string>

#include "trialgraph/graph.hpp"

namespace trialgraph {

/// Why a GraphML file could not be loaded: not XML, not GraphML, or GraphML in another shape
/// (a foreign file: no `labels`/`key`/`sources` keys, node ids not `Label:key`, ...).
class GraphmlReadError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Reads GraphML text into a fresh graph. Lists written as JSON arrays in a string (`sources`,
/// `aliases`, `phase` with several values, ...) become lists again; `long`/`double`/`boolean`
/// keys give integers, reals and booleans. Throws GraphmlReadError.
Graph read_graphml(std::istream& in);
Graph read_graphml_file(const std::filesystem::path& path);

}  // namespace trialgraph
