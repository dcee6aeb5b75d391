// `trialgraph check-plugin PATH [SAMPLES...]`: the conformance checks on any plugin file.
#pragma once

#include "plugin_check.hpp"

namespace trialgraph {

/// Runs the checks in a child process and prints one line per check; a crash or a silence longer
/// than `timeout_seconds` fails, naming the input being tried. Returns the CLI exit code.
int run_check_plugin(const PluginCheckInputs& inputs, int timeout_seconds);

}  // namespace trialgraph
