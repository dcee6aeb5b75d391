#include "trialgraph/ctgov_v2.hpp"

#include <array>
#include <cmath>
#include <initializer_list>
#include <optional>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "trialgraph/ctgov_v2_simdjson.hpp"
#include "trialgraph/trial_record.hpp"
#include "trialgraph/vocabulary.hpp"

namespace trialgraph {
namespace {

using json = simdjson::dom::element;

// simdjson has no free-standing empty values: these come from a document of their own.
struct Empties {
  simdjson::dom::parser parser;
  json pair = parser.parse(std::string_view("[{}, []]")).value();
  json object = pair.at(0).value();
  simdjson::dom::array array = pair.at(1).get_array().value();
};
const Empties& empties() {
  static const Empties e;
  return e;
}

// A missing or mistyped value is simply not there: these never throw.
std::optional<json> at(const json& j, std::initializer_list<std::string_view> path) {
  json cur = j;
  for (std::string_view step : path) {  // views of literals: no strlen per step
    simdjson::dom::object object;
    if (cur.get(object) != simdjson::SUCCESS || object[step].get(cur) != simdjson::SUCCESS) return std::nullopt;
  }
  return cur;
}

std::string text(const std::optional<json>& j) {
  std::string_view s;
  if (!j || j->get(s) != simdjson::SUCCESS) return "";
  return std::string(trim(s));
}

std::string text(const json& j, std::initializer_list<std::string_view> path) { return text(at(j, path)); }

// The values of `names` in `object`, found in one pass over its keys instead of a search for each
// (of a key given twice, the first, as a search finds).
template <std::size_t N>
std::array<std::optional<json>, N> fields_of(const json& object, const std::array<std::string_view, N>& names) {
  std::array<std::optional<json>, N> out;
  simdjson::dom::object o;
  if (object.get(o) != simdjson::SUCCESS) return out;
  for (simdjson::dom::key_value_pair field : o)
    for (std::size_t i = 0; i < N; ++i)
      if (field.key == names[i]) {
        if (!out[i]) out[i] = field.value;
        break;
      }
  return out;
}

std::vector<std::string> texts(const std::optional<json>& j) {
  std::vector<std::string> out;
  simdjson::dom::array list;
  if (!j || j->get(list) != simdjson::SUCCESS) return out;
  for (json item : list)
    if (std::string t = text(item); !t.empty()) out.push_back(std::move(t));
  return out;
}

simdjson::dom::array array_at(const json& j, std::initializer_list<std::string_view> path) {
  simdjson::dom::array list;
  if (auto value = at(j, path); value && value->get(list) == simdjson::SUCCESS) return list;
  return empties().array;
}

json object_at(const json& j, std::initializer_list<std::string_view> path) {
  auto value = at(j, path);
  return value && value->is_object() ? *value : empties().object;
}

bool is_array_at(const json& j, std::initializer_list<std::string_view> path) {
  auto value = at(j, path);
  return value && value->is_array();
}

std::optional<std::int64_t> integer(const std::optional<json>& value) {
  std::int64_t i;
  double d;
  if (value && value->get(i) == simdjson::SUCCESS) return i;
  if (value && value->get(d) == simdjson::SUCCESS && d >= -9.2e18 && d <= 9.2e18) return std::int64_t(d);
  return std::nullopt;
}

std::optional<double> real(const std::optional<json>& value) {
  double d;
  if (value && value->get(d) == simdjson::SUCCESS) return d;
  return std::nullopt;
}

// The v2 record's modules, read into the source-neutral record (trial_record.hpp).
class StudyReader {
 public:
  explicit StudyReader(const json& record)
      : p_(object_at(record, {"protocolSection"})), derived_(object_at(record, {"derivedSection"})) {
    auto found = fields_of(p_, kModules);
    for (std::size_t i = 0; i < found.size(); ++i)
      modules_[i] = found[i] && found[i]->is_object() ? *found[i] : empties().object;
  }

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
  // The protocol section's modules, found in one pass.
  enum Module { kIdentification, kStatus, kSponsors, kDescription, kConditions, kDesign, kArms, kOutcomes,
                kEligibility, kLocations, kReferences, kModuleCount };
  static constexpr std::array<std::string_view, kModuleCount> kModules = {
      "identificationModule", "statusModule", "sponsorCollaboratorsModule", "descriptionModule", "conditionsModule",
      "designModule", "armsInterventionsModule", "outcomesModule", "eligibilityModule", "contactsLocationsModule",
      "referencesModule"};
  const json& module(Module m) const { return modules_[m]; }

  void read_identification() {
    const json& id = module(kIdentification);
    r_.nct_id = text(id, {"nctId"});
    r_.title = text(id, {"briefTitle"});
    r_.official_title = text(id, {"officialTitle"});
    r_.acronym = text(id, {"acronym"});
    r_.org_study_id = text(id, {"orgStudyIdInfo", "id"});
    for (json secondary : array_at(id, {"secondaryIdInfos"}))
      if (std::string sid = text(secondary, {"id"}); !sid.empty()) r_.secondary_ids.push_back(std::move(sid));
    r_.keywords = texts(at(module(kConditions), {"keywords"}));
    for (json o : array_at(module(kLocations), {"overallOfficials"}))
      r_.officials.push_back({text(o, {"name"}), text(o, {"role"}), text(o, {"affiliation"})});
    r_.responsible_party = text(module(kSponsors), {"responsibleParty", "investigatorFullName"});
    for (json ref : array_at(module(kReferences), {"references"}))
      if (std::string pmid = text(ref, {"pmid"}); !pmid.empty()) r_.pmids.push_back(std::move(pmid));
  }

  void read_status() {
    const json& status = module(kStatus);
    r_.status = text(status, {"overallStatus"});
    r_.why_stopped = text(status, {"whyStopped"});
    r_.start_date = text(status, {"startDateStruct", "date"});
    r_.primary_completion_date = text(status, {"primaryCompletionDateStruct", "date"});
    r_.completion_date = text(status, {"completionDateStruct", "date"});
    r_.first_posted = text(status, {"studyFirstPostDateStruct", "date"});
    r_.last_updated = text(status, {"lastUpdatePostDateStruct", "date"});
  }

  void read_design() {
    const json& design = module(kDesign);
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
    const json& elig = module(kEligibility);
    r_.min_age = text(elig, {"minimumAge"});
    r_.max_age = text(elig, {"maximumAge"});
    r_.sex = text(elig, {"sex"});
    bool hv;
    if (auto v = at(elig, {"healthyVolunteers"}); v && v->get(hv) == simdjson::SUCCESS) r_.healthy_volunteers = hv;
    r_.eligibility_criteria = text(elig, {"eligibilityCriteria"});
  }

  void read_sponsors() {
    json lead = object_at(module(kSponsors), {"leadSponsor"});
    r_.sponsors.push_back({text(lead, {"name"}), text(lead, {"class"}), "lead", {}});
    for (json c : array_at(module(kSponsors), {"collaborators"}))
      r_.sponsors.push_back({text(c, {"name"}), text(c, {"class"}), "collaborator", {}});
  }

  void read_conditions() {
    r_.conditions = texts(at(module(kConditions), {"conditions"}));
    for (json m : array_at(derived_, {"conditionBrowseModule", "meshes"}))
      r_.condition_meshes.push_back({text(m, {"id"}), text(m, {"term"})});
  }

  void read_interventions() {
    for (json iv : array_at(module(kArms), {"interventions"}))
      r_.interventions.push_back({text(iv, {"name"}), text(iv, {"type"}), texts(at(iv, {"otherNames"})),
                                  text(iv, {"description"}), texts(at(iv, {"armGroupLabels"}))});
    for (json arm : array_at(module(kArms), {"armGroups"}))
      r_.arms.push_back({text(arm, {"label"}), text(arm, {"type"}), text(arm, {"description"}),
                         texts(at(arm, {"interventionNames"}))});
  }

  simdjson::dom::array locations() const {
    // Some 2023 exports carry the list only under this undocumented duplicate key.
    if (is_array_at(module(kLocations), {"locations"})) return array_at(module(kLocations), {"locations"});
    return array_at(module(kLocations), {"locations_nested"});
  }

  void read_sites() {
    simdjson::dom::array list = locations();
    r_.sites.reserve(list.size());
    static constexpr std::array<std::string_view, 7> kSite = {"facility", "city", "state", "zip", "country", "status", "geoPoint"};
    for (json loc : list) {
      auto [facility, city, state, zip, country, status, geo] = fields_of(loc, kSite);
      std::optional<json> lat = geo ? at(*geo, {"lat"}) : std::nullopt, lon = geo ? at(*geo, {"lon"}) : std::nullopt;
      r_.sites.push_back({text(facility), text(city), text(state), text(zip), text(country), text(status), real(lat), real(lon)});
    }
  }

  void read_texts() {
    r_.brief_summary = text(module(kDescription), {"briefSummary"});
    r_.detailed_description = text(module(kDescription), {"detailedDescription"});
    for (const char* kind : {"primaryOutcomes", "secondaryOutcomes", "otherOutcomes"})
      for (json o : array_at(module(kOutcomes), {kind}))
        r_.outcome_measures.push_back(text(o, {"measure"}));
  }

  json p_;
  json derived_;
  std::array<json, kModuleCount> modules_;
  TrialRecord r_;
};

}  // namespace

bool is_v2_study(const simdjson::dom::element& record) {
  auto p = at(record, {"protocolSection"});
  return record.is_object() && p && p->is_object();
}

ExtractStatus map_v2_study(const simdjson::dom::element& record, EntitySink& sink) {
  if (!is_v2_study(record)) return ExtractStatus::failure("not a v2 study: no 'protocolSection' object");
  try {
    return emit_trial_record(StudyReader(record).read(), sink);
  } catch (const std::exception& e) {
    return ExtractStatus::failure(std::string("unexpected value in the study: ") + e.what());
  }
}

bool is_v2_study(const nlohmann::json& record) {
  return record.is_object() && record.contains("protocolSection") && record["protocolSection"].is_object();
}

ExtractStatus map_v2_study(const nlohmann::json& record, EntitySink& sink) {
  if (!is_v2_study(record)) return ExtractStatus::failure("not a v2 study: no 'protocolSection' object");
  // One mapping: the record goes through the same reader as the registry's own JSON.
  thread_local simdjson::dom::parser parser;
  simdjson::dom::element element;
  std::string text = record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (auto error = parser.parse(text).get(element))
    return ExtractStatus::failure(std::string("cannot read the record: ") + simdjson::error_message(error));
  return map_v2_study(element, sink);
}

}  // namespace trialgraph
