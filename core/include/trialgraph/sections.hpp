// Where in a trial document a piece of text sits. Facts depend on it: nothing comes from exclusion
// criteria, a disease in the inclusion criteria is studied, an antigen in a title is targeted.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trialgraph {

enum class Section {
  title, summary, description, intervention_name, intervention_description, arm, outcome,
  inclusion, exclusion,
  eligibility,  ///< criteria whose part (inclusion or exclusion) the text does not say
  conditions, keywords, other
};

/// "title", "inclusion", ...: the value of the `section` property of mined facts.
const char* section_name(Section section);
std::optional<Section> section_from_name(std::string_view name);

struct SectionText {
  Section section;
  std::string text;
};

/// Cuts eligibility criteria at their "Inclusion Criteria:" / "Exclusion Criteria:" headings (in
/// any order, with "Key", bullets, or a heading alone on its line). Text before the first heading
/// is `eligibility`.
std::vector<SectionText> split_eligibility(std::string_view criteria);

}  // namespace trialgraph
