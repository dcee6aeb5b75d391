#include "trialgraph/ctgov_v2.hpp"

#include <algorithm>
#include <initializer_list>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "trialgraph/keys.hpp"
#include "trialgraph/trial_text.hpp"
#include "trialgraph/vocabulary.hpp"

namespace trialgraph {
namespace {

using nlohmann::json;

const json& null_json() {
  static const json null;
  return null;
}

// Follows a path of object keys; a missing or non-object step gives null.
const json& at(const json& j, std::initializer_list<const char*> path) {
  const json* cur = &j;
  for (const char* step : path) {
    if (!cur->is_object()) return null_json();
    auto it = cur->find(step);
    if (it == cur->end()) return null_json();
    cur = &*it;
  }
  return *cur;
}

std::string text(const json& j) { return j.is_string() ? std::string(trim(j.get<std::string>())) : ""; }
std::string text(const json& j, std::initializer_list<const char*> path) { return text(at(j, path)); }

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

void put(std::vector<Property>& props, const char* name, std::string value) {
  if (!value.empty()) props.push_back({name, std::move(value)});
}

void put_integer(std::vector<Property>& props, const char* name, const json& value) {
  if (value.is_number_integer()) props.push_back({name, value.get<std::int64_t>()});
  else if (value.is_number_float()) props.push_back({name, std::int64_t(value.get<double>())});
}

void put_real(std::vector<Property>& props, const char* name, const json& value) {
  if (value.is_number()) props.push_back({name, value.get<double>()});
}

// A single phase is a string, several a list (graph-model.md).
void put_phases(std::vector<Property>& props, const json& phases) {
  std::vector<std::string> codes;
  for (const std::string& p : texts(phases))
    for (std::string& c : phase_codes(p)) codes.push_back(std::move(c));
  if (codes.size() == 1) props.push_back({"phase", codes.front()});
  else if (!codes.empty()) props.push_back({"phase", codes});
}

class StudyMapper {
 public:
  StudyMapper(const json& record, EntitySink& sink)
      : p_(at(record, {"protocolSection"})), derived_(at(record, {"derivedSection"})), sink_(sink) {}

  ExtractStatus run() {
    std::string nct = text(p_, {"identificationModule", "nctId"});
    std::string title = text(p_, {"identificationModule", "briefTitle"});
    if (title.empty()) title = text(p_, {"identificationModule", "officialTitle"});
    trial_ = {label::kTrial, trial_key(nct, title)};
    if (trial_.key.empty())
      return ExtractStatus::failure("the study has neither an NCT id nor a title");
    emit_trial(nct, title);
    TrialTextMiner miner(trial_);
    emit_sponsors();
    emit_conditions(miner);
    emit_interventions(miner);
    emit_sites();
    mine_texts(miner);
    return ExtractStatus::success();
  }

 private:
  void emit_trial(const std::string& nct, const std::string& title) {
    Entity t{label::kTrial, trial_.key, title.empty() ? nct : title, {}, {}};
    auto& props = t.properties;
    const json& id = at(p_, {"identificationModule"});
    const json& status = at(p_, {"statusModule"});
    const json& design = at(p_, {"designModule"});
    const json& elig = at(p_, {"eligibilityModule"});
    put(props, "nct_id", normalize_nct_id(nct));
    put(props, "title", text(id, {"briefTitle"}));
    put(props, "official_title", text(id, {"officialTitle"}));
    put(props, "acronym", text(id, {"acronym"}));
    put(props, "org_study_id", text(id, {"orgStudyIdInfo", "id"}));
    put(props, "status", registry_code(text(status, {"overallStatus"})));
    put(props, "why_stopped", text(status, {"whyStopped"}));
    put(props, "start_date", text(status, {"startDateStruct", "date"}));
    put(props, "primary_completion_date", text(status, {"primaryCompletionDateStruct", "date"}));
    put(props, "completion_date", text(status, {"completionDateStruct", "date"}));
    put(props, "first_posted", text(status, {"studyFirstPostDateStruct", "date"}));
    put(props, "last_updated", text(status, {"lastUpdatePostDateStruct", "date"}));
    put_phases(props, at(design, {"phases"}));
    put(props, "study_type", registry_code(text(design, {"studyType"})));
    put_integer(props, "enrollment", at(design, {"enrollmentInfo", "count"}));
    put(props, "enrollment_type", text(design, {"enrollmentInfo", "type"}));
    put(props, "allocation", text(design, {"designInfo", "allocation"}));
    put(props, "intervention_model", text(design, {"designInfo", "interventionModel"}));
    put(props, "masking", text(design, {"designInfo", "maskingInfo", "masking"}));
    put(props, "purpose", text(design, {"designInfo", "primaryPurpose"}));
    put(props, "min_age", text(elig, {"minimumAge"}));
    put(props, "max_age", text(elig, {"maximumAge"}));
    put(props, "sex", registry_code(text(elig, {"sex"})));
    if (const json& hv = at(elig, {"healthyVolunteers"}); hv.is_boolean())
      props.push_back({"healthy_volunteers", hv.get<bool>()});
    if (auto kw = texts(at(p_, {"conditionsModule", "keywords"})); !kw.empty())
      props.push_back({"keywords", kw});
    if (!normalize_nct_id(nct).empty())
      put(props, "url", "https://clinicaltrials.gov/study/" + normalize_nct_id(nct));
    sink_.add_entity(std::move(t));
  }

  void emit_sponsor(const json& org, const char* role) {
    std::string name = text(org, {"name"});
    std::string key = sponsor_key(name);
    if (key.empty()) return;
    Entity s{label::kSponsor, key, name, {}, {}};
    put(s.properties, "class", registry_code(text(org, {"class"})));
    sink_.add_entity(std::move(s));
    // "AstraZeneca K.K." collaborating with lead "AstraZeneca" is one organization: one edge, as lead.
    if (sponsors_.insert(key).second)
      sink_.add_relation({rel::kSponsoredBy, trial_, {label::kSponsor, key}, {{"role", std::string(role)}}});
  }

  void emit_sponsors() {
    emit_sponsor(at(p_, {"sponsorCollaboratorsModule", "leadSponsor"}), "lead");
    for (const json& c : array_at(p_, {"sponsorCollaboratorsModule", "collaborators"}))
      emit_sponsor(c, "collaborator");
  }

  // "Lupus Erythematosus, Systemic" -> "systemic lupus erythematosus", MeSH's inverted headings.
  static std::string uninverted(const std::string& term) {
    std::size_t comma = term.rfind(", ");
    if (comma == std::string::npos) return fold_text(term);
    return fold_text(term.substr(comma + 2) + " " + term.substr(0, comma));
  }

  void emit_disease(const std::string& mesh_id, const std::string& name, const std::string& surface,
                    const char* section) {
    Entity d{label::kDisease, disease_key(mesh_id, name), name, {}, {}};
    if (!surface.empty() && surface != name) d.aliases.push_back(surface);
    put(d.properties, "mesh_id", normalize_mesh_id(mesh_id));
    emit_studied(std::move(d), section);
  }

  void emit_studied(Entity disease, const char* section) {
    EntityRef ref = disease.ref();
    sink_.add_entity(std::move(disease));
    sink_.add_relation({rel::kStudies, trial_, ref, {{"section", std::string(section)}}});
  }

  void emit_conditions(TrialTextMiner& miner) {
    std::map<std::string, std::pair<std::string, std::string>> mesh_by_name;  // folded -> (id, term)
    std::vector<std::pair<std::string, std::string>> meshes;
    for (const json& m : array_at(derived_, {"conditionBrowseModule", "meshes"})) {
      std::string id = text(m, {"id"}), term = text(m, {"term"});
      if (id.empty() || term.empty()) continue;
      meshes.emplace_back(id, term);
      mesh_by_name.emplace(fold_text(term), meshes.back());
      mesh_by_name.emplace(uninverted(term), meshes.back());
    }
    for (const std::string& condition : texts(at(p_, {"conditionsModule", "conditions"}))) {
      std::vector<Entity> known = miner.add_condition(condition);
      auto hit = mesh_by_name.find(fold_text(condition));
      if (hit == mesh_by_name.end()) hit = mesh_by_name.find(uninverted(condition));
      if (hit != mesh_by_name.end()) {
        emit_disease(hit->second.first, hit->second.second, condition, "conditions");
        continue;
      }
      // The registry did not code it: the lexicon may know it ("SLE", "Refractory B-ALL").
      if (known.empty()) emit_disease("", condition, condition, "conditions");
      for (Entity& d : known) emit_studied(std::move(d), "conditions");
    }
    // The registry's own MeSH coding of the conditions, including those no condition string names.
    for (const auto& [id, term] : meshes) emit_disease(id, term, "", "condition_mesh");
  }

  // "Drug: Placebo (once daily)" -> "Placebo (once daily)", as armGroups list interventions.
  static std::string without_type_prefix(const std::string& name) {
    std::size_t colon = name.find(": ");
    if (colon == std::string::npos) return name;
    std::string prefix = registry_code(name.substr(0, colon));
    for (const char* t : {"DRUG", "BIOLOGICAL", "DEVICE", "PROCEDURE", "RADIATION", "BEHAVIORAL",
                          "GENETIC", "DIETARY_SUPPLEMENT", "COMBINATION_PRODUCT", "DIAGNOSTIC_TEST", "OTHER"})
      if (prefix == t) return name.substr(colon + 2);
    return name;
  }

  void emit_interventions(TrialTextMiner& miner) {
    std::map<std::string, EntityRef> drug_by_name;
    std::map<std::string, std::vector<std::string>> arms_of_drug;
    for (const json& iv : array_at(p_, {"armsInterventionsModule", "interventions"})) {
      std::string name = text(iv, {"name"});
      if (drug_key(name).empty()) continue;
      std::vector<std::string> other_names = texts(at(iv, {"otherNames"}));
      std::string description = text(iv, {"description"}), type = registry_code(text(iv, {"type"}));
      Entity d = miner.add_product(name, other_names, description, type);
      drug_by_name[name] = d.ref();
      auto& arms = arms_of_drug[d.key];
      for (std::string& arm : texts(at(iv, {"armGroupLabels"}))) arms.push_back(std::move(arm));
      sink_.add_entity(std::move(d));
    }
    std::map<std::string, std::string> arm_key_by_label;
    for (const json& arm : array_at(p_, {"armsInterventionsModule", "armGroups"})) {
      std::string label_text = text(arm, {"label"});
      if (fold_text(label_text).empty()) continue;
      Entity a{"Arm", trial_.key + "|" + fold_text(label_text), label_text, {}, {}};
      put(a.properties, "arm_type", registry_code(text(arm, {"type"})));
      put(a.properties, "description", text(arm, {"description"}));
      EntityRef ref = a.ref();
      arm_key_by_label[label_text] = ref.key;
      sink_.add_entity(std::move(a));
      sink_.add_relation({"HAS_ARM", trial_, ref, {}});
      for (const std::string& iv_name : texts(at(arm, {"interventionNames"}))) {
        auto drug = drug_by_name.find(without_type_prefix(iv_name));
        if (drug != drug_by_name.end()) arms_of_drug[drug->second.key].push_back(label_text);
      }
    }
    for (auto& [key, arms] : arms_of_drug) {
      std::sort(arms.begin(), arms.end());
      arms.erase(std::unique(arms.begin(), arms.end()), arms.end());
      for (const std::string& arm : arms)
        if (auto a = arm_key_by_label.find(arm); a != arm_key_by_label.end())
          sink_.add_relation({"RECEIVES", {"Arm", a->second}, {label::kDrug, key}, {}});
      Relation tests{rel::kTests, trial_, {label::kDrug, key}, {}};
      if (!arms.empty()) tests.properties.push_back({"arms", arms});
      sink_.add_relation(std::move(tests));
    }
  }

  void mine_texts(TrialTextMiner& miner) {
    miner.add_text(Section::title, text(p_, {"identificationModule", "briefTitle"}));
    miner.add_text(Section::title, text(p_, {"identificationModule", "officialTitle"}));
    for (const std::string& k : texts(at(p_, {"conditionsModule", "keywords"})))
      miner.add_text(Section::keywords, k);
    miner.add_text(Section::summary, text(p_, {"descriptionModule", "briefSummary"}));
    miner.add_text(Section::description, text(p_, {"descriptionModule", "detailedDescription"}));
    for (const json& arm : array_at(p_, {"armsInterventionsModule", "armGroups"}))
      miner.add_text(Section::arm, text(arm, {"description"}));
    for (const char* kind : {"primaryOutcomes", "secondaryOutcomes"})
      for (const json& o : array_at(p_, {"outcomesModule", kind}))
        miner.add_text(Section::outcome, text(o, {"measure"}));
    miner.add_text(Section::eligibility, text(p_, {"eligibilityModule", "eligibilityCriteria"}));
    miner.emit(sink_);
  }

  const json& locations() const {
    const json& locs = at(p_, {"contactsLocationsModule", "locations"});
    // Some 2023 exports carry the list only under this undocumented duplicate key.
    return locs.is_array() ? locs : array_at(p_, {"contactsLocationsModule", "locations_nested"});
  }

  void emit_sites() {
    const json& locs = locations();
    if (!locs.is_array()) return;
    for (const json& loc : locs) {
      std::string facility = text(loc, {"facility"}), city = text(loc, {"city"}),
                  state = text(loc, {"state"}), country = text(loc, {"country"});
      std::string key = site_key(facility, city, state, country);
      if (key == "|||") continue;
      std::string name = facility;
      for (const std::string* part : {&city, &state, &country})
        if (facility.empty() && !part->empty()) name += (name.empty() ? "" : ", ") + *part;
      Entity s{label::kSite, key, name, {}, {}};
      put(s.properties, "facility", facility);
      put(s.properties, "city", city);
      put(s.properties, "state", state);
      put(s.properties, "zip", text(loc, {"zip"}));
      put(s.properties, "country", country);
      put_real(s.properties, "lat", at(loc, {"geoPoint", "lat"}));
      put_real(s.properties, "lon", at(loc, {"geoPoint", "lon"}));
      Relation r{rel::kConductedAt, trial_, s.ref(), {}};
      put(r.properties, "status", registry_code(text(loc, {"status"})));
      sink_.add_entity(std::move(s));
      sink_.add_relation(std::move(r));
    }
  }

  const json& p_;
  const json& derived_;
  EntitySink& sink_;
  EntityRef trial_;
  std::set<std::string> sponsors_;
};

}  // namespace

bool is_v2_study(const nlohmann::json& record) {
  return record.is_object() && at(record, {"protocolSection"}).is_object();
}

ExtractStatus map_v2_study(const nlohmann::json& record, EntitySink& sink) {
  if (!is_v2_study(record)) return ExtractStatus::failure("not a v2 study: no 'protocolSection' object");
  try {
    return StudyMapper(record, sink).run();
  } catch (const std::exception& e) {  // e.g. a number too large for its type
    return ExtractStatus::failure(std::string("unexpected value in the study: ") + e.what());
  }
}

}  // namespace trialgraph
