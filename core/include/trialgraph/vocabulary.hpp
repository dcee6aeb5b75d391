// The registry's code vocabulary: whatever a source writes, the graph stores the API v2 codes.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trialgraph {

/// "Active, not recruiting" -> "ACTIVE_NOT_RECRUITING"; codes already in that form are kept.
std::string registry_code(std::string_view text);

/// "Phase 1/Phase 2", "PHASE1, PHASE2", "Phase 1|Phase 2" -> {"PHASE1", "PHASE2"};
/// "Early Phase 1" -> "EARLY_PHASE1"; "N/A" and "Not Applicable" -> "NA". Unknown parts are kept as codes.
std::vector<std::string> phase_codes(std::string_view text);

struct TypedIntervention {
  std::string type;  ///< DRUG, BIOLOGICAL, ... or "" when the label names none
  std::string name;
};
/// "Drug: Placebo (once daily)" and "BIOLOGICAL: CAR-T" as search exports and arms list them;
/// a label without a known type before ": " is all name.
TypedIntervention split_typed_intervention(std::string_view label);

/// "Yes", "No", "Accepts Healthy Volunteers" as the legacy formats answer; nothing otherwise.
std::optional<bool> yes_no(std::string_view text);

/// True for the registry's overall-status codes (RECRUITING, COMPLETED, ...).
bool is_overall_status(std::string_view code);

/// Trims surrounding white space (ASCII, and the no-break space U+00A0).
std::string_view trim(std::string_view text);

}  // namespace trialgraph
