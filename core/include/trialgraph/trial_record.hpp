// A trial as any source describes it, and the one mapping from it to the graph contract.
// A plugin fills a TrialRecord with the values as its source writes them ("Recruiting", "Phase 1|
// Phase 2", "N/A"); emit_trial_record turns them into the registry's codes, nodes, relations and
// text-mined facts, so that the same trial means the same graph whatever format it came in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "trialgraph/plugin_api.hpp"
#include "trialgraph/sections.hpp"

namespace trialgraph {

struct SponsorRecord {
  std::string name;
  std::string agency_class;  ///< INDUSTRY, OTHER, NIH, ... in any spelling; may be empty
  std::string role;          ///< "lead" or "collaborator"
  std::vector<std::string> aliases;  ///< other spellings the source uses ("ALLOGENE THERAPEUTICS")
};

struct InterventionRecord {
  std::string name;
  std::string type;  ///< DRUG, BIOLOGICAL, "Biological", ...
  std::vector<std::string> other_names;
  std::string description;
  std::vector<std::string> arm_labels;  ///< arms that receive it, when the source says so here
};

struct ArmRecord {
  std::string label;
  std::string type;  ///< EXPERIMENTAL, "Active Comparator", ...
  std::string description;
  std::vector<std::string> intervention_names;  ///< as the arm lists them ("Drug: X" or "X")
};

struct SiteRecord {
  std::string facility, city, state, zip, country;
  std::string status;  ///< the site's recruitment status, when given
  std::optional<double> lat, lon;
};

/// A trial the source lists beside this one ("More Related Trials").
struct RelatedTrialRecord {
  std::string nct_id, title, status, phase;  ///< status and phase as listed there
};

struct OfficialRecord {
  std::string name, role, affiliation;
};

struct MeshTerm {
  std::string id, term;
};

struct TrialRecord {
  std::string nct_id, title, official_title, acronym, org_study_id;
  std::vector<std::string> secondary_ids;
  std::string status, why_stopped;
  /// Dates as the source writes them ("July 2025", "2025-07-15"); stored as ISO dates, a month-only
  /// date staying month-only ("2025-07").
  std::string start_date, primary_completion_date, completion_date, first_posted, last_updated;
  std::vector<std::string> phases;  ///< each may itself hold several ("Phase 1/Phase 2")
  std::string study_type;
  std::optional<std::int64_t> enrollment;
  std::string enrollment_type;
  std::string allocation, intervention_model, masking, purpose;
  std::string min_age, max_age, sex;
  std::optional<bool> healthy_volunteers;
  std::vector<std::string> keywords;
  std::string responsible_party;
  std::vector<std::string> pmids;      ///< PubMed ids of the record's references
  std::vector<std::string> countries;  ///< the record's own country list; the sites' countries are added
  /// Source-specific facts about the trial, already in their final form (e.g. ClinConnect's launch date).
  std::vector<Property> extra_properties;

  std::vector<SponsorRecord> sponsors;
  std::vector<std::string> conditions;      ///< as written; run-together lists are split with the lexicon
  /// Pages may run several conditions together on one line; a registry list has one per item, so
  /// an item the lexicon reads as several diseases ("T-cell Leukemia/Lymphoma") stays an alias of each.
  bool conditions_run_together = false;
  std::vector<MeshTerm> condition_meshes;   ///< the registry's MeSH coding (legacy XML: terms without ids)
  std::vector<InterventionRecord> interventions;
  std::vector<ArmRecord> arms;
  std::vector<SiteRecord> sites;
  std::vector<RelatedTrialRecord> related;
  std::vector<OfficialRecord> officials;

  // Free text, mined for antigens and diseases by where it stands (trial_text.hpp).
  std::string brief_summary, detailed_description, eligibility_criteria;
  std::vector<std::string> outcome_measures;
  std::vector<SectionText> other_texts;
};

/// Emits the trial and everything linked from it. Fails, emitting nothing, when the record has
/// neither an NCT id nor a title to key the trial by.
ExtractStatus emit_trial_record(const TrialRecord& record, EntitySink& sink);

/// "Montreal, , Canada" -> city, state, country (empty state kept empty); with two parts, city and
/// country. With more, the registry's own commas are told apart: cities ("Bunkyo-ku, Tokyo, ,
/// Japan", "Baltimore, MD, Maryland, United States"), inverted states ("Valencia, Valenciana,
/// Comunitat, Spain"), countries ("Korea, Republic of"), and a postal code before the country.
SiteRecord parse_place(std::string_view city_state_country);

/// "Facility, City, State, Country" as search exports list locations, empty parts left out. The
/// facility may hold commas ("UCLA Center, 1000 Veteran Ave., Los Angeles, California, United
/// States"); a state is told from a city by the country's known subdivisions (the registry gives
/// every United States site a state).
SiteRecord parse_facility_place(std::string_view text);

}  // namespace trialgraph
