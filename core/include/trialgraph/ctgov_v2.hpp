// The one mapping from a ClinicalTrials.gov API v2 study record to the graph contract.
// Used by every plugin whose documents carry a v2 record, however the record is wrapped.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "trialgraph/plugin_api.hpp"

namespace trialgraph {

/// True when `record` looks like a v2 study (has a protocolSection object).
bool is_v2_study(const nlohmann::json& record);

/// Emits the study's trial, sponsors, conditions, interventions and sites with their relations.
/// Fails (emitting nothing) when the record has no usable identification.
ExtractStatus map_v2_study(const nlohmann::json& record, EntitySink& sink);

}  // namespace trialgraph
