// The v2 mapping (ctgov_v2.hpp) over simdjson's DOM, for plugins that parse the registry's JSON
// with simdjson: about ten times faster than building an nlohmann::json for each study.
#pragma once

#include <simdjson.h>

#include "trialgraph/plugin_api.hpp"

namespace trialgraph {

/// True when `record` looks like a v2 study (has a protocolSection object).
bool is_v2_study(const simdjson::dom::element& record);

/// As map_v2_study(const nlohmann::json&, EntitySink&).
ExtractStatus map_v2_study(const simdjson::dom::element& record, EntitySink& sink);

}  // namespace trialgraph
