// Finds, checks and loads extractor plugins, and picks the one that reads a document.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "trialgraph/manifest.hpp"
#include "trialgraph/plugin_api.hpp"

namespace trialgraph {

/// A loaded plugin. The shared library stays loaded as long as `extractor` (or a copy) lives.
struct LoadedPlugin {
  Manifest manifest;
  std::filesystem::path path;
  std::shared_ptr<const ExtractorPlugin> extractor;
};

/// A plugin file that could not be loaded, and why.
struct LoadError {
  std::filesystem::path path;
  std::string reason;
};

/// The steps of loading a plugin file, in the order they are taken.
enum class LoadStep { open, abi, manifest, factory, done };

/// Loads one plugin file: checks the ABI symbol first, then the manifest, then the factory.
/// On failure returns null, says why in `error` and, when `reached` is given, at which step.
std::shared_ptr<LoadedPlugin> load_plugin(const std::filesystem::path& file, std::string& error,
                                          LoadStep* reached = nullptr);

struct Detection {
  std::shared_ptr<const LoadedPlugin> plugin;  ///< null when no plugin claims the document
  Confidence confidence = Confidence::no;
};

class PluginRegistry {
 public:
  /// Loads every shared library in `dir` (not recursive). Failures are collected, not thrown.
  void load_directory(const std::filesystem::path& dir);
  void add(std::shared_ptr<LoadedPlugin> plugin);

  /// The most confident plugin; ties go to the higher manifest priority, then to the name.
  Detection detect(std::string_view file_name, std::string_view head) const;

  const std::vector<std::shared_ptr<const LoadedPlugin>>& plugins() const { return plugins_; }
  const std::vector<LoadError>& errors() const { return errors_; }

 private:
  std::vector<std::shared_ptr<const LoadedPlugin>> plugins_;
  std::vector<LoadError> errors_;
};

/// Where plugins are looked for: `<exe dir>/plugins`, `<exe dir>/../lib/trialgraph/plugins`,
/// each entry of TRIALGRAPH_PLUGIN_PATH (':'-separated), then `extra` (from --plugin-dir).
std::vector<std::filesystem::path> plugin_search_path(const std::vector<std::filesystem::path>& extra);

}  // namespace trialgraph
