// The conformance checks one plugin file must pass: what `trialgraph check-plugin` runs on any
// plugin, and what the tests run on every bundled one.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace trialgraph {

struct PluginCheckInputs {
  std::filesystem::path plugin_file;
  /// Documents of the plugin's own format: each must be claimed with `yes` and read cleanly.
  /// When empty, the bundled samples of the plugin's name are used.
  std::vector<std::filesystem::path> own_samples;
  /// The bundled formats' documents (see bundled_conformance_dir): the plugin must decline all
  /// but its own, and not claim the foreign ones.
  std::filesystem::path conformance_dir;
};

struct CheckResult {
  std::string check;   ///< what was checked, e.g. "identifies its own samples"
  bool passed = false;
  std::string detail;  ///< what was found: counts when it passed, the first offenders when not
};

struct PluginCheckCallbacks {
  /// Hears each check's result as soon as it is known.
  std::function<void(const CheckResult&)> on_result;
  /// Hears what is about to be tried ("extract samples/x.json"), so a crash can be pinned on it.
  std::function<void(const std::string&)> on_step;
};

/// Runs the checks in order: load (ABI, manifest, factory), identify own samples, extract them
/// (relations only between emitted entities, the same facts twice), decline foreign documents,
/// survive empty, garbage and truncated input. Returns true when every check passed.
bool check_plugin(const PluginCheckInputs& inputs, const PluginCheckCallbacks& callbacks);

/// The regular files of each path (folders walked recursively), sorted.
std::vector<std::filesystem::path> files_under(const std::vector<std::filesystem::path>& paths);

/// The bundled formats' documents for conformance checks, found beside the program
/// (`conformance/` in the build tree, `../share/trialgraph/conformance` installed); empty if none.
std::filesystem::path bundled_conformance_dir();


}  // namespace trialgraph
