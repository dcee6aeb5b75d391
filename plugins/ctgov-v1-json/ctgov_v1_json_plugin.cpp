// ClinicalTrials.gov's classic API (v1, retired in 2024) JSON, as archives still hold it: full
// studies ({"Rank", "Study"} elements, alone, in an array or in a FullStudiesResponse) and
// StudyFieldsResponse pages. Each study is read into the source-neutral TrialRecord with its values
// as written ("Phase 1", "March 2, 2021"); emit_trial_record maps it to the graph.
#include <charconv>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "trialgraph/json_access.hpp"
#include "trialgraph/plugin_api.hpp"
#include "trialgraph/trial_record.hpp"
#include "trialgraph/vocabulary.hpp"
#include "trialgraph_manifest.h"

namespace {

using nlohmann::json;
using trialgraph::Confidence;
using trialgraph::EntitySink;
using trialgraph::ExtractStatus;
using trialgraph::TrialRecord;

const char* const kNoStudies = "the response holds no studies";

// ---- Reading JSON without throwing: a missing or mistyped value is simply not there. ----

using trialgraph::json_access::at;
using trialgraph::json_access::text;

// The items of a v1 list. The API always wrote arrays, but a lone value is read as a list of one
// rather than dropped, so that hand-edited or re-serialized records still read.
std::vector<const json*> items(const json& j) {
  std::vector<const json*> out;
  if (j.is_array())
    for (const json& item : j) out.push_back(&item);
  else if (!j.is_null())
    out.push_back(&j);
  return out;
}

std::vector<const json*> items(const json& j, std::initializer_list<const char*> path) { return items(at(j, path)); }

std::vector<std::string> texts(const json& j) {
  std::vector<std::string> out;
  for (const json* item : items(j))
    if (std::string t = text(*item); !t.empty()) out.push_back(std::move(t));
  return out;
}

std::vector<std::string> texts(const json& j, std::initializer_list<const char*> path) { return texts(at(j, path)); }

// v1 writes counts as strings ("40").
std::optional<std::int64_t> count_of(const std::string& digits) {
  std::int64_t n = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return n;
}

std::optional<std::int64_t> count_of(const json& value) {
  if (value.is_number_integer()) return value.get<std::int64_t>();
  return count_of(text(value));
}


// ---- A full study: Study.ProtocolSection and Study.DerivedSection. ----

class FullStudyReader {
 public:
  explicit FullStudyReader(const json& study)
      : p_(at(study, {"ProtocolSection"})), derived_(at(study, {"DerivedSection"})) {}

  TrialRecord read() {
    read_identification();
    read_status();
    read_design();
    read_eligibility();
    read_sponsors();
    read_conditions();
    read_interventions();
    read_arms();
    read_sites();
    read_texts();
    return std::move(r_);
  }

 private:
  void read_identification() {
    const json& id = at(p_, {"IdentificationModule"});
    r_.nct_id = text(id, {"NCTId"});
    r_.title = text(id, {"BriefTitle"});
    r_.official_title = text(id, {"OfficialTitle"});
    r_.acronym = text(id, {"Acronym"});
    r_.org_study_id = text(id, {"OrgStudyIdInfo", "OrgStudyId"});
    for (const json* s : items(id, {"SecondaryIdInfoList", "SecondaryIdInfo"}))
      if (std::string sid = text(*s, {"SecondaryId"}); !sid.empty()) r_.secondary_ids.push_back(std::move(sid));
    r_.keywords = texts(p_, {"ConditionsModule", "KeywordList", "Keyword"});
    for (const json* o : items(p_, {"ContactsLocationsModule", "OverallOfficialList", "OverallOfficial"}))
      r_.officials.push_back({text(*o, {"OverallOfficialName"}), text(*o, {"OverallOfficialRole"}),
                              text(*o, {"OverallOfficialAffiliation"})});
    r_.responsible_party =
        text(p_, {"SponsorCollaboratorsModule", "ResponsibleParty", "ResponsiblePartyInvestigatorFullName"});
    for (const json* ref : items(p_, {"ReferencesModule", "ReferenceList", "Reference"}))
      if (std::string pmid = text(*ref, {"ReferencePMID"}); !pmid.empty()) r_.pmids.push_back(std::move(pmid));
  }

  void read_status() {
    const json& status = at(p_, {"StatusModule"});
    r_.status = text(status, {"OverallStatus"});
    r_.why_stopped = text(status, {"WhyStopped"});
    r_.start_date = text(status, {"StartDateStruct", "StartDate"});
    r_.primary_completion_date = text(status, {"PrimaryCompletionDateStruct", "PrimaryCompletionDate"});
    r_.completion_date = text(status, {"CompletionDateStruct", "CompletionDate"});
    r_.first_posted = text(status, {"StudyFirstPostDateStruct", "StudyFirstPostDate"});
    r_.last_updated = text(status, {"LastUpdatePostDateStruct", "LastUpdatePostDate"});
  }

  void read_design() {
    const json& design = at(p_, {"DesignModule"});
    r_.phases = texts(design, {"PhaseList", "Phase"});
    r_.study_type = text(design, {"StudyType"});
    r_.enrollment = count_of(at(design, {"EnrollmentInfo", "EnrollmentCount"}));
    r_.enrollment_type = text(design, {"EnrollmentInfo", "EnrollmentType"});
    const json& info = at(design, {"DesignInfo"});
    r_.allocation = text(info, {"DesignAllocation"});
    r_.intervention_model = text(info, {"DesignInterventionModel"});
    r_.masking = text(info, {"DesignMaskingInfo", "DesignMasking"});
    r_.purpose = text(info, {"DesignPrimaryPurpose"});
  }

  void read_eligibility() {
    const json& elig = at(p_, {"EligibilityModule"});
    r_.eligibility_criteria = text(elig, {"EligibilityCriteria"});
    r_.sex = text(elig, {"Gender"});
    r_.min_age = text(elig, {"MinimumAge"});
    r_.max_age = text(elig, {"MaximumAge"});
    r_.healthy_volunteers = trialgraph::yes_no(text(elig, {"HealthyVolunteers"}));
  }

  void read_sponsors() {
    const json& module = at(p_, {"SponsorCollaboratorsModule"});
    const json& lead = at(module, {"LeadSponsor"});
    r_.sponsors.push_back({text(lead, {"LeadSponsorName"}), text(lead, {"LeadSponsorClass"}), "lead", {}});
    for (const json* c : items(module, {"CollaboratorList", "Collaborator"}))
      r_.sponsors.push_back({text(*c, {"CollaboratorName"}), text(*c, {"CollaboratorClass"}), "collaborator", {}});
  }

  void read_conditions() {
    r_.conditions = texts(p_, {"ConditionsModule", "ConditionList", "Condition"});
    for (const json* m : items(derived_, {"ConditionBrowseModule", "ConditionMeshList", "ConditionMesh"}))
      r_.condition_meshes.push_back({text(*m, {"ConditionMeshId"}), text(*m, {"ConditionMeshTerm"})});
  }

  void read_interventions() {
    for (const json* iv : items(p_, {"ArmsInterventionsModule", "InterventionList", "Intervention"}))
      r_.interventions.push_back({text(*iv, {"InterventionName"}), text(*iv, {"InterventionType"}),
                                  texts(*iv, {"InterventionOtherNameList", "InterventionOtherName"}),
                                  text(*iv, {"InterventionDescription"}),
                                  texts(*iv, {"InterventionArmGroupLabelList", "InterventionArmGroupLabel"})});
  }

  void read_arms() {
    for (const json* arm : items(p_, {"ArmsInterventionsModule", "ArmGroupList", "ArmGroup"}))
      r_.arms.push_back({text(*arm, {"ArmGroupLabel"}), text(*arm, {"ArmGroupType"}),
                         text(*arm, {"ArmGroupDescription"}),
                         texts(*arm, {"ArmGroupInterventionList", "ArmGroupInterventionName"})});
  }

  void read_sites() {
    for (const json* loc : items(p_, {"ContactsLocationsModule", "LocationList", "Location"}))
      r_.sites.push_back(site_of(*loc));
  }

  static trialgraph::SiteRecord site_of(const json& location) {
    trialgraph::SiteRecord site;
    site.facility = text(location, {"LocationFacility"});
    site.city = text(location, {"LocationCity"});
    site.state = text(location, {"LocationState"});
    site.zip = text(location, {"LocationZip"});
    site.country = text(location, {"LocationCountry"});
    site.status = text(location, {"LocationStatus"});
    return site;
  }

  void read_texts() {
    r_.brief_summary = text(p_, {"DescriptionModule", "BriefSummary"});
    r_.detailed_description = text(p_, {"DescriptionModule", "DetailedDescription"});
    const json& outcomes = at(p_, {"OutcomesModule"});
    for (const json* o : items(outcomes, {"PrimaryOutcomeList", "PrimaryOutcome"}))
      r_.outcome_measures.push_back(text(*o, {"PrimaryOutcomeMeasure"}));
    for (const json* o : items(outcomes, {"SecondaryOutcomeList", "SecondaryOutcome"}))
      r_.outcome_measures.push_back(text(*o, {"SecondaryOutcomeMeasure"}));
    for (const json* o : items(outcomes, {"OtherOutcomeList", "OtherOutcome"}))
      r_.outcome_measures.push_back(text(*o, {"OtherOutcomeMeasure"}));
  }

  const json& p_;
  const json& derived_;
  TrialRecord r_;
};

// ---- A StudyFields record: {"NCTId": ["NCT..."], "Condition": ["a", "b"], ...}. ----
//
// Every field is a flat list of strings. A field of several parts (a location's facility, city,
// country) comes as parallel lists that the registry shortens where a part is missing, so a part
// is paired with its item by position only when its list is exactly as long as the items' list.

class StudyFieldsReader {
 public:
  explicit StudyFieldsReader(const json& record) : f_(record) {}

  TrialRecord read() {
    read_identification();
    read_status();
    read_design();
    read_eligibility();
    read_sponsors();
    read_conditions();
    read_interventions();
    read_arms();
    read_sites();
    read_texts();
    return std::move(r_);
  }

 private:
  std::vector<std::string> all(const char* field) const { return texts(f_, {field}); }

  std::string first(const char* field) const {
    std::vector<std::string> values = all(field);
    return values.empty() ? "" : values.front();
  }

  // `field`'s values beside `count` items, or none when they cannot be paired by position.
  std::vector<std::string> parallel(const char* field, std::size_t count) const {
    std::vector<std::string> values = all(field);
    return values.size() == count ? values : std::vector<std::string>(count);
  }

  void read_identification() {
    r_.nct_id = first("NCTId");
    r_.title = first("BriefTitle");
    r_.official_title = first("OfficialTitle");
    r_.acronym = first("Acronym");
    r_.org_study_id = first("OrgStudyId");
    r_.secondary_ids = all("SecondaryId");
    r_.keywords = all("Keyword");
    r_.responsible_party = first("ResponsiblePartyInvestigatorFullName");
    r_.pmids = all("ReferencePMID");
    std::vector<std::string> names = all("OverallOfficialName");
    std::vector<std::string> roles = parallel("OverallOfficialRole", names.size());
    std::vector<std::string> affiliations = parallel("OverallOfficialAffiliation", names.size());
    for (std::size_t i = 0; i < names.size(); ++i) r_.officials.push_back({names[i], roles[i], affiliations[i]});
  }

  void read_status() {
    r_.status = first("OverallStatus");
    r_.why_stopped = first("WhyStopped");
    r_.start_date = first("StartDate");
    r_.primary_completion_date = first("PrimaryCompletionDate");
    r_.completion_date = first("CompletionDate");
    r_.first_posted = first("StudyFirstPostDate");
    r_.last_updated = first("LastUpdatePostDate");
  }

  void read_design() {
    r_.phases = all("Phase");
    r_.study_type = first("StudyType");
    r_.enrollment = count_of(first("EnrollmentCount"));
    r_.enrollment_type = first("EnrollmentType");
    r_.allocation = first("DesignAllocation");
    r_.intervention_model = first("DesignInterventionModel");
    r_.masking = first("DesignMasking");
    r_.purpose = first("DesignPrimaryPurpose");
  }

  void read_eligibility() {
    r_.eligibility_criteria = first("EligibilityCriteria");
    r_.sex = first("Gender");
    r_.min_age = first("MinimumAge");
    r_.max_age = first("MaximumAge");
    r_.healthy_volunteers = trialgraph::yes_no(first("HealthyVolunteers"));
  }

  void read_sponsors() {
    add_sponsors("LeadSponsorName", "LeadSponsorClass", "lead");
    add_sponsors("CollaboratorName", "CollaboratorClass", "collaborator");
  }

  void add_sponsors(const char* name_field, const char* class_field, const char* role) {
    std::vector<std::string> names = all(name_field);
    std::vector<std::string> classes = parallel(class_field, names.size());
    for (std::size_t i = 0; i < names.size(); ++i) r_.sponsors.push_back({names[i], classes[i], role, {}});
  }

  void read_conditions() {
    r_.conditions = all("Condition");
    std::vector<std::string> terms = all("ConditionMeshTerm");
    std::vector<std::string> ids = parallel("ConditionMeshId", terms.size());
    for (std::size_t i = 0; i < terms.size(); ++i) r_.condition_meshes.push_back({ids[i], terms[i]});
  }

  // Other names and arm labels are flattened over all interventions, so they belong to none.
  void read_interventions() {
    std::vector<std::string> names = all("InterventionName");
    std::vector<std::string> types = parallel("InterventionType", names.size());
    std::vector<std::string> descriptions = parallel("InterventionDescription", names.size());
    for (std::size_t i = 0; i < names.size(); ++i)
      r_.interventions.push_back({names[i], types[i], {}, descriptions[i], {}});
  }

  void read_arms() {
    std::vector<std::string> labels = all("ArmGroupLabel");
    std::vector<std::string> types = parallel("ArmGroupType", labels.size());
    std::vector<std::string> descriptions = parallel("ArmGroupDescription", labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i) r_.arms.push_back({labels[i], types[i], descriptions[i], {}});
  }

  void read_sites() {
    std::vector<std::string> facilities = all("LocationFacility");
    std::size_t n = facilities.size();
    std::vector<std::string> cities = parallel("LocationCity", n), states = parallel("LocationState", n),
                             zips = parallel("LocationZip", n), countries = parallel("LocationCountry", n),
                             statuses = parallel("LocationStatus", n);
    for (std::size_t i = 0; i < n; ++i)
      r_.sites.push_back({facilities[i], cities[i], states[i], zips[i], countries[i], statuses[i], {}, {}});
    // The trial's countries hold whether or not they can be paired with a site.
    r_.countries = all("LocationCountry");
  }

  void read_texts() {
    r_.brief_summary = first("BriefSummary");
    r_.detailed_description = first("DetailedDescription");
    for (const char* field : {"PrimaryOutcomeMeasure", "SecondaryOutcomeMeasure", "OtherOutcomeMeasure"})
      for (std::string& measure : all(field)) r_.outcome_measures.push_back(std::move(measure));
  }

  const json& f_;
  TrialRecord r_;
};

// ---- Documents ----

// nlohmann's messages start with "[json.exception.parse_error.101] "; users need only the rest.
std::string parse_error_text(const json::parse_error& e) {
  std::string what = e.what();
  std::size_t close = what.find("] ");
  return close == std::string::npos ? what : what.substr(close + 2);
}

std::string_view skip_bom_and_space(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  std::size_t i = s.find_first_not_of(" \t\r\n");
  return i == std::string_view::npos ? std::string_view() : s.substr(i);
}

ExtractStatus read_full_study(const json& study, EntitySink& sink) {
  if (!at(study, {"ProtocolSection"}).is_object())
    return ExtractStatus::failure("the study has no 'ProtocolSection' object");
  return trialgraph::emit_trial_record(FullStudyReader(study).read(), sink);
}

// A FullStudies element is {"Rank": n, "Study": {...}}; a bare Study is taken too.
ExtractStatus read_full_study_element(const json& element, EntitySink& sink) {
  if (const json& study = at(element, {"Study"}); study.is_object()) return read_full_study(study, sink);
  if (at(element, {"ProtocolSection"}).is_object()) return read_full_study(element, sink);
  return ExtractStatus::failure("not a FullStudies element: no 'Study' object");
}

ExtractStatus read_study_fields(const json& record, EntitySink& sink) {
  if (!record.is_object()) return ExtractStatus::failure("not a StudyFields record: not an object");
  return trialgraph::emit_trial_record(StudyFieldsReader(record).read(), sink);
}

// The studies of a response or array: a bad study is a problem, all bad a failure. A single
// study's failure is the document's, said as it is.
template <typename ReadStudy>
ExtractStatus read_each(const json& studies, ReadStudy read_study, const char* none_message, EntitySink& sink) {
  std::vector<const json*> list = items(studies);
  if (list.empty()) return ExtractStatus::failure(none_message);
  if (list.size() == 1) return read_study(*list.front(), sink);
  std::size_t failed = 0;
  std::string last_error;
  for (std::size_t i = 0; i < list.size(); ++i) {
    ExtractStatus s = read_study(*list[i], sink);
    if (s.ok) continue;
    ++failed;
    last_error = s.error;
    sink.report_problem("study " + std::to_string(i + 1), s.error);
  }
  if (failed < list.size()) return ExtractStatus::success();
  return ExtractStatus::failure("none of the " + std::to_string(list.size()) + " studies could be read: " + last_error);
}

ExtractStatus read_full_studies_response(const json& response, EntitySink& sink) {
  if (!response.is_object()) return ExtractStatus::failure("'FullStudiesResponse' is not an object");
  return read_each(at(response, {"FullStudies"}), read_full_study_element, kNoStudies, sink);
}

ExtractStatus read_study_fields_response(const json& response, EntitySink& sink) {
  if (!response.is_object()) return ExtractStatus::failure("'StudyFieldsResponse' is not an object");
  return read_each(at(response, {"StudyFields"}), read_study_fields, kNoStudies, sink);
}

ExtractStatus read_value(const json& value, EntitySink& sink) {
  if (value.is_array()) return read_each(value, read_full_study_element, "the array holds no studies", sink);
  if (!value.is_object())
    return ExtractStatus::failure(
        "JSON, but not a ClinicalTrials.gov classic API (v1) document: not an object or array");
  if (value.contains("FullStudiesResponse")) return read_full_studies_response(value["FullStudiesResponse"], sink);
  if (value.contains("StudyFieldsResponse")) return read_study_fields_response(value["StudyFieldsResponse"], sink);
  if (value.contains("Study") || value.contains("ProtocolSection")) return read_full_study_element(value, sink);
  if (value.contains("protocolSection"))
    return ExtractStatus::failure("JSON, but an API v2 study ('protocolSection'), not a classic API (v1) one");
  return ExtractStatus::failure(
      "JSON, but not a ClinicalTrials.gov classic API (v1) document: expected a 'FullStudiesResponse', a "
      "'StudyFieldsResponse', a {\"Study\": {...}} element or an array of them");
}

class CtgovV1JsonPlugin final : public trialgraph::ExtractorPlugin {
 public:
  // Only the v1 spellings say yes; every other .json file is the v2 plugin's to claim.
  Confidence identify(std::string_view /*file_name*/, std::string_view head) const noexcept override {
    std::string_view body = skip_bom_and_space(head);
    if (body.empty() || (body.front() != '{' && body.front() != '[')) return Confidence::no;
    for (std::string_view marker : {"\"ProtocolSection\"", "\"FullStudiesResponse\"", "\"StudyFieldsResponse\""})
      if (body.find(marker) != std::string_view::npos) return Confidence::yes;
    return Confidence::no;
  }

  ExtractStatus extract(const trialgraph::Document& doc, EntitySink& sink) const noexcept override {
    try {
      return read_value(json::parse(doc.bytes), sink);
    } catch (const json::parse_error& e) {
      return ExtractStatus::failure("not valid JSON: " + parse_error_text(e));
    } catch (const std::exception& e) {
      return ExtractStatus::failure(std::string("unexpected value in the document: ") + e.what());
    } catch (...) {
      return ExtractStatus::failure("unknown error");
    }
  }
};

}  // namespace

TRIALGRAPH_PLUGIN(CtgovV1JsonPlugin)
