#include "trialgraph/ctgov_v2.hpp"

#include <cmath>
#include <initializer_list>
#include <optional>

#include <nlohmann/json.hpp>

#include "trialgraph/json_access.hpp"
#include "trialgraph/trial_record.hpp"
#include "trialgraph/vocabulary.hpp"

namespace trialgraph {
namespace {

using nlohmann::json;

using json_access::at;
using json_access::text;

std::vector<std::string> texts(const json& j) {
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const json& item : j)
    if (std::string t = text(item); !t.empty()) out.push_back(std::move(t));
  return out;
}

const json& array_at(const json& j, std::initializer_list<const char*> path) {
  static const json empty = json::array();
  const json& a = at(j, path);
  return a.is_array() ? a : empty;
}

std::optional<std::int64_t> integer(const json& value) {
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) {
    double d = value.get<double>();  // 1e300 or NaN has no integer value (and casting it is undefined)
    if (std::isfinite(d) && d > -9.2e18 && d < 9.2e18) return std::int64_t(d);
  }
  return std::nullopt;
}

std::optional<double> real(const json& value) {
  if (value.is_number()) return value.get<double>();
  return std::nullopt;
}

// The v2 record's modules, read into the source-neutral record (trial_record.hpp).
class StudyReader {
 public:
  explicit StudyReader(const json& record)
      : p_(at(record, {"protocolSection"})), derived_(at(record, {"derivedSection"})) {}

  TrialRecord read() {
    read_identification();
    read_status();
    read_design();
    read_eligibility();
    read_sponsors();
    read_conditions();
    read_interventions();
    read_sites();
    read_texts();
    return std::move(r_);
  }

 private:
  void read_identification() {
    const json& id = at(p_, {"identificationModule"});
    r_.nct_id = text(id, {"nctId"});
    r_.title = text(id, {"briefTitle"});
    r_.official_title = text(id, {"officialTitle"});
    r_.acronym = text(id, {"acronym"});
    r_.org_study_id = text(id, {"orgStudyIdInfo", "id"});
    for (const json& secondary : array_at(id, {"secondaryIdInfos"}))
      if (std::string sid = text(secondary, {"id"}); !sid.empty()) r_.secondary_ids.push_back(std::move(sid));
    r_.keywords = texts(at(p_, {"conditionsModule", "keywords"}));
    for (const json& o : array_at(p_, {"contactsLocationsModule", "overallOfficials"}))
      r_.officials.push_back({text(o, {"name"}), text(o, {"role"}), text(o, {"affiliation"})});
    r_.responsible_party = text(p_, {"sponsorCollaboratorsModule", "responsibleParty", "investigatorFullName"});
    for (const json& ref : array_at(p_, {"referencesModule", "references"}))
      if (std::string pmid = text(ref, {"pmid"}); !pmid.empty()) r_.pmids.push_back(std::move(pmid));
  }

  void read_status() {
    const json& status = at(p_, {"statusModule"});
    r_.status = text(status, {"overallStatus"});
    r_.why_stopped = text(status, {"whyStopped"});
    r_.start_date = text(status, {"startDateStruct", "date"});
    r_.primary_completion_date = text(status, {"primaryCompletionDateStruct", "date"});
    r_.completion_date = text(status, {"completionDateStruct", "date"});
    r_.first_posted = text(status, {"studyFirstPostDateStruct", "date"});
    r_.last_updated = text(status, {"lastUpdatePostDateStruct", "date"});
  }

  void read_design() {
    const json& design = at(p_, {"designModule"});
    r_.phases = texts(at(design, {"phases"}));
    r_.study_type = text(design, {"studyType"});
    r_.enrollment = integer(at(design, {"enrollmentInfo", "count"}));
    r_.enrollment_type = text(design, {"enrollmentInfo", "type"});
    r_.allocation = text(design, {"designInfo", "allocation"});
    r_.intervention_model = text(design, {"designInfo", "interventionModel"});
    r_.masking = text(design, {"designInfo", "maskingInfo", "masking"});
    r_.purpose = text(design, {"designInfo", "primaryPurpose"});
  }

  void read_eligibility() {
    const json& elig = at(p_, {"eligibilityModule"});
    r_.min_age = text(elig, {"minimumAge"});
    r_.max_age = text(elig, {"maximumAge"});
    r_.sex = text(elig, {"sex"});
    if (const json& hv = at(elig, {"healthyVolunteers"}); hv.is_boolean()) r_.healthy_volunteers = hv.get<bool>();
    r_.eligibility_criteria = text(elig, {"eligibilityCriteria"});
  }

  void read_sponsors() {
    const json& lead = at(p_, {"sponsorCollaboratorsModule", "leadSponsor"});
    r_.sponsors.push_back({text(lead, {"name"}), text(lead, {"class"}), "lead", {}});
    for (const json& c : array_at(p_, {"sponsorCollaboratorsModule", "collaborators"}))
      r_.sponsors.push_back({text(c, {"name"}), text(c, {"class"}), "collaborator", {}});
  }

  void read_conditions() {
    r_.conditions = texts(at(p_, {"conditionsModule", "conditions"}));
    for (const json& m : array_at(derived_, {"conditionBrowseModule", "meshes"}))
      r_.condition_meshes.push_back({text(m, {"id"}), text(m, {"term"})});
  }

  void read_interventions() {
    for (const json& iv : array_at(p_, {"armsInterventionsModule", "interventions"}))
      r_.interventions.push_back({text(iv, {"name"}), text(iv, {"type"}), texts(at(iv, {"otherNames"})),
                                  text(iv, {"description"}), texts(at(iv, {"armGroupLabels"}))});
    for (const json& arm : array_at(p_, {"armsInterventionsModule", "armGroups"}))
      r_.arms.push_back({text(arm, {"label"}), text(arm, {"type"}), text(arm, {"description"}),
                         texts(at(arm, {"interventionNames"}))});
  }

  const json& locations() const {
    const json& locs = at(p_, {"contactsLocationsModule", "locations"});
    // Some 2023 exports carry the list only under this undocumented duplicate key.
    return locs.is_array() ? locs : array_at(p_, {"contactsLocationsModule", "locations_nested"});
  }

  void read_sites() {
    for (const json& loc : locations()) {
      SiteRecord s{text(loc, {"facility"}), text(loc, {"city"}), text(loc, {"state"}), text(loc, {"zip"}),
                   text(loc, {"country"}), text(loc, {"status"}), real(at(loc, {"geoPoint", "lat"})),
                   real(at(loc, {"geoPoint", "lon"}))};
      r_.sites.push_back(std::move(s));
    }
  }

  void read_texts() {
    r_.brief_summary = text(p_, {"descriptionModule", "briefSummary"});
    r_.detailed_description = text(p_, {"descriptionModule", "detailedDescription"});
    for (const char* kind : {"primaryOutcomes", "secondaryOutcomes", "otherOutcomes"})
      for (const json& o : array_at(p_, {"outcomesModule", kind}))
        r_.outcome_measures.push_back(text(o, {"measure"}));
  }

  const json& p_;
  const json& derived_;
  TrialRecord r_;
};

}  // namespace

bool is_v2_study(const nlohmann::json& record) {
  return record.is_object() && at(record, {"protocolSection"}).is_object();
}

ExtractStatus map_v2_study(const nlohmann::json& record, EntitySink& sink) {
  if (!is_v2_study(record)) return ExtractStatus::failure("not a v2 study: no 'protocolSection' object");
  try {
    return emit_trial_record(StudyReader(record).read(), sink);
  } catch (const std::exception& e) {  // e.g. a number too large for its type
    return ExtractStatus::failure(std::string("unexpected value in the study: ") + e.what());
  }
}

}  // namespace trialgraph
