// A plugin that declares its ABI and manifest but exports no factory: the loader must refuse it.
#include "trialgraph/plugin_api.hpp"
#include "trialgraph_manifest.h"

extern "C" BOOST_SYMBOL_EXPORT const std::uint32_t trialgraph_plugin_abi = trialgraph::kAbiVersion;
extern "C" BOOST_SYMBOL_EXPORT const char* const trialgraph_plugin_manifest = TRIALGRAPH_PLUGIN_MANIFEST;
