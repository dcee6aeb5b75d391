// The trialgraph command line: extract, plugins, detect, check-plugin.
#pragma once

namespace trialgraph {

/// Exit codes: every document read, some documents failed (the rest is written), usage error,
/// and a failure that stopped the run (no plugins, output not written).
enum ExitCode : int { kExitOk = 0, kExitDocumentsFailed = 1, kExitUsage = 2, kExitFatal = 3 };

int run_cli(int argc, char** argv);

}  // namespace trialgraph
