// Paths and small helpers shared by the tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace trialgraph::test {

inline std::filesystem::path source_dir() { return TRIALGRAPH_SOURCE_DIR; }
inline std::filesystem::path plugin_dir() { return TRIALGRAPH_PLUGIN_DIR; }
inline std::filesystem::path test_plugin_dir() { return TRIALGRAPH_TEST_PLUGIN_DIR; }
/// Plugins that load but break the contract when run.
inline std::filesystem::path misbehaving_plugin_dir() { return TRIALGRAPH_MISBEHAVING_PLUGIN_DIR; }
/// The bundled formats' samples and foreign documents, as check-plugin finds them.
inline std::filesystem::path conformance_dir() { return TRIALGRAPH_CONFORMANCE_DIR; }
/// The registry records bundled with the repository.
inline std::filesystem::path examples_dir() { return source_dir() / "examples"; }
/// ../shared beside the repository, when it is there (CI has it; a user's clone may not).
inline std::filesystem::path shared_dir() { return source_dir().parent_path() / "shared"; }

inline std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Every string in the JSON files directly in `folder` (titles, summaries, criteria, ...): the
/// registry's own texts, for the text miner's tests.
inline std::vector<std::string> json_strings_in(const std::filesystem::path& folder) {
  std::vector<std::string> out;
  auto walk = [&out](const nlohmann::json& j, auto& self) -> void {
    if (j.is_string()) out.push_back(j.get<std::string>());
    else if (j.is_structured())
      for (const auto& item : j) self(item, self);
  };
  for (const auto& entry : std::filesystem::directory_iterator(folder))
    if (entry.path().extension() == ".json") walk(nlohmann::json::parse(read_text(entry.path()), nullptr, false), walk);
  return out;
}

}  // namespace trialgraph::test

#include <sstream>
#include <vector>

#include "pipeline.hpp"
#include "trialgraph/exporters.hpp"

namespace trialgraph::test {

/// Extracts `inputs` with the bundled plugins and returns the GraphML; `failed` gets the failure count.
inline std::string graphml_of(const std::vector<std::filesystem::path>& inputs, std::size_t& failed) {
  PluginRegistry plugins;
  plugins.load_directory(plugin_dir());
  std::vector<Problem> problems;
  Graph graph;
  failed = extract_documents(collect_documents(inputs, problems), plugins, graph).failed + problems.size();
  std::ostringstream out;
  write_graphml(graph, out);
  return out.str();
}

}  // namespace trialgraph::test
