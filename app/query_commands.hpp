// The commands that ask a graph questions: query (Cypher), path and stats (Boost.Graph).
#pragma once

#include <string>
#include <vector>

namespace trialgraph {

/// A command that parses its own arguments (everything after its name).
struct GraphCommand {
  const char* name;
  const char* help;
  int (*run)(const std::vector<std::string>& args);
};

const std::vector<GraphCommand>& graph_commands();

}  // namespace trialgraph
