#include "trialgraph/trial_record.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "trialgraph/keys.hpp"
#include "trialgraph/page_text.hpp"
#include "trialgraph/recognizer.hpp"
#include "trialgraph/subdivisions.hpp"
#include "trialgraph/trial_text.hpp"
#include "trialgraph/vocabulary.hpp"

namespace trialgraph {
namespace {

void put(std::vector<Property>& props, const char* name, std::string_view value) {
  value = trim(value);
  if (!value.empty()) props.push_back({name, std::string(value)});
}

void put_list(std::vector<Property>& props, const char* name, std::vector<std::string> values) {
  values.erase(std::remove_if(values.begin(), values.end(), [](const std::string& v) { return trim(v).empty(); }),
               values.end());
  if (!values.empty()) props.push_back({name, std::move(values)});
}

// Design values as v2 codes whatever the source's spelling: "N/A" -> "NA", "Parallel Assignment"
// -> "PARALLEL", "Double (Participant, Investigator)" -> "DOUBLE", "Observational [Patient
// Registry]" -> "OBSERVATIONAL" (the legacy formats append the detail the v2 record keeps apart).
std::string design_code(std::string_view text) {
  text = trim(text);
  if (std::size_t detail = text.find_first_of("(["); detail != std::string_view::npos && detail > 0)
    text = trim(text.substr(0, detail));
  std::string code = registry_code(text);
  if (code == "N_A") return "NA";
  constexpr std::string_view kAssignment = "_ASSIGNMENT";
  if (code.size() > kAssignment.size() && code.compare(code.size() - kAssignment.size(), kAssignment.size(), kAssignment) == 0)
    code.erase(code.size() - kAssignment.size());
  return code;
}

// Sponsor classes as v2 codes: the legacy formats write "U.S. Fed", "Industry", "Individual".
std::string agency_code(std::string_view text) {
  std::string code = registry_code(text);
  if (code == "U_S_FED") return "FED";
  if (code == "OTHER_U_S_FEDERAL_AGENCY") return "OTHER_GOV";
  if (code == "INDIVIDUAL") return "INDIV";
  return code;
}

// Statuses: the legacy formats write "Unknown status" for what v2 calls UNKNOWN.
std::string status_code(std::string_view text) {
  std::string code = registry_code(text);
  return code == "UNKNOWN_STATUS" ? "UNKNOWN" : code;
}

// The legacy formats' "Anticipated" enrollment is what v2 calls ESTIMATED.
std::string enrollment_type_code(std::string_view text) {
  std::string code = registry_code(text);
  return code == "ANTICIPATED" ? "ESTIMATED" : code;
}

// Ages: "N/A" and "N/A (No limit)" mean no limit, which v2 records by leaving the age out.
std::string age_value(std::string_view text) {
  text = trim(text);
  return registry_code(text).rfind("N_A", 0) == 0 ? "" : std::string(text);
}

// ISO when the text is a date, else as written (nothing is lost when a source spells it oddly).
std::string date_value(std::string_view text) {
  std::string iso = iso_date(trim(text));
  return iso.empty() ? std::string(trim(text)) : iso;
}

// A single phase is a string, several a list (graph-model.md).
void put_phases(std::vector<Property>& props, const std::vector<std::string>& phases) {
  std::vector<std::string> codes;
  for (const std::string& p : phases)
    for (std::string& c : phase_codes(p))
      if (std::find(codes.begin(), codes.end(), c) == codes.end()) codes.push_back(std::move(c));
  if (codes.size() == 1) props.push_back({"phase", codes.front()});
  else if (!codes.empty()) props.push_back({"phase", codes});
}

std::string official_text(const OfficialRecord& o) {
  std::string detail = design_code(o.role);
  if (!trim(o.affiliation).empty()) detail += (detail.empty() ? "" : ", ") + std::string(trim(o.affiliation));
  return std::string(trim(o.name)) + (detail.empty() ? "" : " (" + detail + ")");
}

// "Lupus Erythematosus, Systemic" -> "systemic lupus erythematosus", MeSH's inverted headings.
std::string uninverted(const std::string& term) {
  std::size_t comma = term.rfind(", ");
  if (comma == std::string::npos) return fold_text(term);
  return fold_text(term.substr(comma + 2) + " " + term.substr(0, comma));
}

// "Drug: Placebo (once daily)" -> "Placebo (once daily)", as arms list interventions.
std::string without_type_prefix(const std::string& name) { return split_typed_intervention(name).name; }

class RecordEmitter {
 public:
  RecordEmitter(const TrialRecord& record, EntitySink& sink) : r_(record), sink_(sink) {}

  ExtractStatus run() {
    std::string title = std::string(trim(r_.title.empty() ? r_.official_title : r_.title));
    trial_ = {label::kTrial, trial_key(r_.nct_id, title)};
    if (trial_.key.empty()) return ExtractStatus::failure("the trial has neither an NCT id nor a title");
    emit_trial(title);
    TrialTextMiner miner(trial_);
    emit_sponsors();
    emit_conditions(miner);
    emit_interventions(miner);
    emit_sites();
    emit_related();
    mine_texts(miner);
    return ExtractStatus::success();
  }

 private:
  void emit_trial(const std::string& title) {
    std::string nct = normalize_nct_id(r_.nct_id);
    Entity t{label::kTrial, trial_.key, title.empty() ? nct : title, {}, {}};
    auto& props = t.properties;
    props.reserve(40);  // about as many as the contract's Trial has
    put(props, "nct_id", nct);
    put(props, "title", r_.title);
    put(props, "official_title", r_.official_title);
    put(props, "acronym", r_.acronym);
    put(props, "org_study_id", r_.org_study_id);
    put_list(props, "secondary_ids", r_.secondary_ids);
    put(props, "status", status_code(r_.status));
    put(props, "why_stopped", r_.why_stopped);
    put(props, "start_date", date_value(r_.start_date));
    put(props, "primary_completion_date", date_value(r_.primary_completion_date));
    put(props, "completion_date", date_value(r_.completion_date));
    put(props, "first_posted", date_value(r_.first_posted));
    put(props, "last_updated", date_value(r_.last_updated));
    put_phases(props, r_.phases);
    put(props, "study_type", design_code(r_.study_type));
    if (r_.enrollment) props.push_back({"enrollment", *r_.enrollment});
    put(props, "enrollment_type", enrollment_type_code(r_.enrollment_type));
    put(props, "allocation", design_code(r_.allocation));
    put(props, "intervention_model", design_code(r_.intervention_model));
    put(props, "masking", design_code(r_.masking));
    put(props, "purpose", design_code(r_.purpose));
    put(props, "min_age", age_value(r_.min_age));
    put(props, "max_age", age_value(r_.max_age));
    put(props, "sex", registry_code(r_.sex));
    if (r_.healthy_volunteers) props.push_back({"healthy_volunteers", *r_.healthy_volunteers});
    put_list(props, "keywords", r_.keywords);
    put(props, "responsible_party", r_.responsible_party);
    put_list(props, "pmids", r_.pmids);
    put_list(props, "countries", countries());
    std::vector<std::string> officials;
    for (const OfficialRecord& o : r_.officials)
      if (!trim(o.name).empty()) officials.push_back(official_text(o));
    put_list(props, "officials", std::move(officials));
    if (!nct.empty()) put(props, "url", "https://clinicaltrials.gov/study/" + nct);
    for (const Property& p : r_.extra_properties) props.push_back(p);
    sink_.add_entity(std::move(t));
  }

  // The record's country list and its sites' countries, each once, in the order first given.
  std::vector<std::string> countries() const {
    std::vector<std::string> out;
    std::set<std::string> seen;  // folded
    std::optional<std::string_view> last;  // sites mostly repeat the country before them, as written
    auto add = [&](std::string_view c) {
      if (last == c) return;  // added, seen or blank already
      last = c;
      if (std::string folded = fold_text(c); !folded.empty() && seen.insert(std::move(folded)).second)
        out.emplace_back(trim(c));
    };
    for (const std::string& c : r_.countries) add(c);
    for (const SiteRecord& s : r_.sites) add(s.country);
    return out;
  }

  void emit_sponsors() {
    // Leads first: "AstraZeneca K.K." collaborating with lead "AstraZeneca" is one organization,
    // one edge, as lead.
    for (const SponsorRecord& s : r_.sponsors)
      if (s.role == "lead") emit_sponsor(s, "lead");
    for (const SponsorRecord& s : r_.sponsors)
      if (s.role != "lead") emit_sponsor(s, "collaborator");
  }

  void emit_sponsor(const SponsorRecord& sponsor, const char* role) {
    std::string name(trim(sponsor.name));
    std::string key = sponsor_key(name);
    if (key.empty()) return;
    Entity s{label::kSponsor, key, name, {}, {}};
    for (const std::string& alias : sponsor.aliases)
      if (!trim(alias).empty() && trim(alias) != name) s.aliases.emplace_back(trim(alias));
    put(s.properties, "class", agency_code(sponsor.agency_class));
    sink_.add_entity(std::move(s));
    if (sponsors_.insert(key).second)
      sink_.add_relation({rel::kSponsoredBy, trial_, {label::kSponsor, key}, {{"role", std::string(role)}}});
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

  // The record's MeSH coding with an id for every term: the legacy XML gives terms only, and the
  // disease lexicon knows the ids of the diseases it curates; other terms stay keyed by name.
  std::vector<MeshTerm> mesh_coding() const {
    std::vector<MeshTerm> out;
    for (const MeshTerm& m : r_.condition_meshes) {
      if (trim(m.term).empty()) continue;
      MeshTerm coded{std::string(trim(m.id)), std::string(trim(m.term))};
      if (coded.id.empty())
        if (const LexiconEntry* e = shared_recognizer()->lexicon().find(EntityKind::disease, coded.term))
          coded.id = e->mesh_id;
      out.push_back(std::move(coded));
    }
    return out;
  }

  void emit_conditions(TrialTextMiner& miner) {
    const std::vector<MeshTerm> coding = mesh_coding();
    std::map<std::string, const MeshTerm*> mesh_by_name;  // folded or uninverted term -> coding
    for (const MeshTerm& m : coding) {
      mesh_by_name.emplace(fold_text(m.term), &m);
      mesh_by_name.emplace(uninverted(m.term), &m);
    }
    for (const std::string& raw : r_.conditions) {
      std::string condition(trim(raw));
      if (fold_text(condition).empty()) continue;
      std::vector<Entity> known = miner.add_condition(condition);
      auto hit = mesh_by_name.find(fold_text(condition));
      if (hit == mesh_by_name.end()) hit = mesh_by_name.find(uninverted(condition));
      if (hit != mesh_by_name.end()) {
        emit_disease(hit->second->id, hit->second->term, condition, "conditions");
        continue;
      }
      // Not coded by the registry: the lexicon may know it ("SLE", "Refractory B-ALL", a run-together list).
      if (known.empty()) emit_disease("", condition, condition, "conditions");
      for (Entity& d : known) {
        if (known.size() > 1 && !r_.conditions_run_together) d.aliases.push_back(condition);
        emit_studied(std::move(d), "conditions");
      }
    }
    // The registry's own MeSH coding, including terms no condition string names.
    for (const MeshTerm& m : coding) emit_disease(m.id, m.term, "", "condition_mesh");
  }

  void emit_interventions(TrialTextMiner& miner) {
    std::map<std::string, EntityRef> drug_by_name;
    std::map<std::string, std::vector<std::string>> arms_of_drug;
    for (const InterventionRecord& iv : r_.interventions) {
      std::string name(trim(iv.name));
      if (drug_key(name).empty()) continue;
      Entity d = miner.add_product(name, iv.other_names, trim(iv.description), registry_code(iv.type));
      drug_by_name[name] = d.ref();
      auto& arms = arms_of_drug[d.key];
      for (const std::string& arm : iv.arm_labels)
        if (!trim(arm).empty()) arms.emplace_back(trim(arm));
      sink_.add_entity(std::move(d));
    }
    std::map<std::string, std::string> arm_key_by_label;
    for (const ArmRecord& arm : r_.arms) {
      std::string label_text(trim(arm.label));
      if (fold_text(label_text).empty()) continue;
      Entity a{"Arm", trial_.key + "|" + fold_text(label_text), label_text, {}, {}};
      put(a.properties, "arm_type", registry_code(arm.type));
      put(a.properties, "description", arm.description);
      EntityRef ref = a.ref();
      arm_key_by_label[label_text] = ref.key;
      sink_.add_entity(std::move(a));
      sink_.add_relation({"HAS_ARM", trial_, ref, {}});
      for (const std::string& iv_name : arm.intervention_names) {
        auto drug = drug_by_name.find(without_type_prefix(std::string(trim(iv_name))));
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

  void emit_sites() {
    for (const SiteRecord& site : r_.sites) {
      std::string_view facility = trim(site.facility), city = trim(site.city), state = trim(site.state),
                       country = trim(site.country);
      std::string key = site_key(facility, city, state, country);
      if (key == "|||") continue;
      std::string name(facility);
      if (facility.empty())  // a site without one is named by its place: "Lyon, France"
        for (std::string_view part : {city, state, country})
          if (!part.empty()) name.append(name.empty() ? "" : ", ").append(part);
      Entity s{label::kSite, std::move(key), std::move(name), {}, {}};
      s.properties.reserve(7);
      put(s.properties, "facility", facility);
      put(s.properties, "city", city);
      put(s.properties, "state", state);
      put(s.properties, "zip", site.zip);
      put(s.properties, "country", country);
      if (site.lat) s.properties.push_back({"lat", *site.lat});
      if (site.lon) s.properties.push_back({"lon", *site.lon});
      Relation r{rel::kConductedAt, trial_, s.ref(), {}};
      put(r.properties, "status", status_code(site.status));
      sink_.add_entity(std::move(s));
      sink_.add_relation(std::move(r));
    }
  }

  // A related trial is a node of its own that merges with its own record when that is extracted
  // too. It carries only its identity: what this page lists about it (status, phase) may be stale,
  // so it stays on the edge rather than competing with the trial's own record.
  void emit_related() {
    for (const RelatedTrialRecord& related : r_.related) {
      std::string nct = normalize_nct_id(related.nct_id);
      std::string title(trim(related.title));
      EntityRef ref{label::kTrial, trial_key(nct, title)};
      if (ref.key.empty() || ref.key == trial_.key) continue;
      Entity t{label::kTrial, ref.key, title.empty() ? nct : title, {}, {}};
      put(t.properties, "nct_id", nct);
      sink_.add_entity(std::move(t));
      Relation r{rel::kRelatedTo, trial_, ref, {}};
      put(r.properties, "listed_status", status_code(related.status));
      std::vector<std::string> phases = phase_codes(related.phase);
      if (phases.size() == 1) r.properties.push_back({"listed_phase", phases.front()});
      else if (!phases.empty()) r.properties.push_back({"listed_phase", phases});
      sink_.add_relation(std::move(r));
    }
  }

  void mine_texts(TrialTextMiner& miner) {
    miner.add_text(Section::title, r_.title);
    miner.add_text(Section::title, r_.official_title);
    for (const std::string& k : r_.keywords) miner.add_text(Section::keywords, k);
    miner.add_text(Section::summary, r_.brief_summary);
    miner.add_text(Section::description, r_.detailed_description);
    for (const ArmRecord& arm : r_.arms) miner.add_text(Section::arm, arm.description);
    for (const std::string& o : r_.outcome_measures) miner.add_text(Section::outcome, o);
    for (const SectionText& t : r_.other_texts) miner.add_text(t.section, t.text);
    miner.add_text(Section::eligibility, r_.eligibility_criteria);
    miner.emit(sink_);
  }

  const TrialRecord& r_;
  EntitySink& sink_;
  EntityRef trial_;
  std::set<std::string> sponsors_;
};

}  // namespace

ExtractStatus emit_trial_record(const TrialRecord& record, EntitySink& sink) {
  try {
    return RecordEmitter(record, sink).run();
  } catch (const std::exception& e) {
    return ExtractStatus::failure(std::string("could not map the trial: ") + e.what());
  }
}

namespace {

// "91010", "100-0005", "SW1A 1AA": short, with a digit, no lower-case word in it.
bool looks_like_postal_code(std::string_view part) {
  if (part.empty() || part.size() > 10) return false;
  bool digit = false;
  for (char c : part) {
    if (c >= 'a' && c <= 'z') return false;
    digit = digit || (c >= '0' && c <= '9');
  }
  return digit;
}

// The registry's country names that hold a comma ("Korea, Republic of"): their second half.
bool is_country_name_tail(std::string_view part) {
  static constexpr std::string_view kTails[] = {
      "Republic of", "Islamic Republic of", "Democratic People's Republic of", "Province of China",
      "The Democratic Republic of the", "United Republic of", "Bolivarian Republic of", "Federated States of",
      "The Former Yugoslav Republic of", "Plurinational State of", "U.S.", "British"};
  for (std::string_view tail : kTails)
    if (part == tail) return true;
  return false;
}

bool is_inverted_state_tail(const std::string& part, const std::string& country) {
  std::string folded = fold_text(part);
  return folded == "comunitat" || folded == "city of" || folded == fold_text(country);
}

// Comma-separated parts, with "Korea, Republic of" kept together as the last one.
std::vector<std::string> place_parts(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t comma; (comma = text.find(',', start)) != std::string_view::npos; start = comma + 1)
    parts.emplace_back(trim(text.substr(start, comma - start)));
  parts.emplace_back(trim(text.substr(start)));
  if (parts.size() > 1 && is_country_name_tail(parts.back())) {
    parts[parts.size() - 2] += ", " + parts.back();
    parts.pop_back();
  }
  return parts;
}

bool is_united_states(std::string_view country) {
  std::string c = fold_text(country);
  return c == "united states" || c == "united states of america" || c == "usa";
}

// "LTD.", "Inc", "Dept. of Oncology", "1000 Veteran Ave.": a piece of a facility's name or address,
// not a city, so the part after it is no state.
bool looks_like_facility_part(std::string_view part) {
  part = trim(part);
  if (part.empty() || part.back() == '.' || part.find_first_of("0123456789") != std::string_view::npos) return true;
  std::string words = " " + fold_text(part) + " ";
  for (std::string_view w : {"ltd", "inc", "co", "llc", "pc", "gmbh", "plc", "corp", "limited", "company", "hospital",
                             "university", "center", "centre", "institute", "clinic", "department", "dept", "school",
                             "college", "foundation", "medical", "oncology", "hematology", "research", "site", "unit"})
    if (words.find(" " + std::string(w) + " ") != std::string::npos) return true;
  return false;
}

// "GR", "CZE", "MI": a region written as its code, which no city is.
bool is_region_code(std::string_view part) {
  if (part.size() < 2 || part.size() > 3) return false;
  for (char c : part)
    if (c < 'A' || c > 'Z') return false;
  return true;
}

std::string joined(const std::vector<std::string>& parts, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i)
    if (!parts[i].empty()) out += (out.empty() ? "" : ", ") + parts[i];
  return out;
}

}  // namespace

SiteRecord parse_facility_place(std::string_view text) {
  std::vector<std::string> parts = place_parts(text);
  SiteRecord site;
  if (parts.size() < 2) {
    site.facility = parts.front();
    return site;
  }
  site.country = parts.back();
  parts.pop_back();
  std::size_t n = parts.size();
  // Elsewhere a state is only a known one, after something that can be a city: many cities share
  // their province's name ("Hospital, Milano, Italy"; "Co., Ltd., Shanghai, China").
  bool has_state = n >= 2 && (is_united_states(site.country) ||
                              (n >= 3 && (is_known_subdivision(site.country, parts[n - 1]) || is_region_code(parts[n - 1])) &&
                               !looks_like_facility_part(parts[n - 2])));
  if (has_state) {
    site.state = parts[n - 1];
    site.city = parts[n - 2];
    site.facility = joined(parts, 0, n - 2);
  } else {
    site.city = parts[n - 1];
    site.facility = joined(parts, 0, n - 1);
  }
  return site;
}

SiteRecord parse_place(std::string_view text) {
  std::vector<std::string> parts = place_parts(text);
  SiteRecord site;
  if (parts.size() > 2 && looks_like_postal_code(parts[parts.size() - 2])) {
    site.zip = parts[parts.size() - 2];
    parts.erase(parts.end() - 2);
  }
  if (parts.size() == 1) {
    site.city = parts[0];
  } else if (parts.size() == 2) {
    site.city = parts[0];
    site.country = parts[1];
  } else {
    site.country = parts.back();
    std::size_t state_from = parts.size() - 2;  // where the state begins; the city is before it
    // "Bunkyo-ku, Tokyo, , Japan": an empty part is the (empty) state.
    for (std::size_t i = 1; i + 1 < parts.size(); ++i)
      if (parts[i].empty()) {
        state_from = i;
        break;
      }
    // "Valencia, Valenciana, Comunitat, Spain", "Koriyama, Fukushima, Japan, Japan": states the
    // registry writes inverted, with a comma.
    if (!parts[1].empty() && parts.size() > 3 && is_inverted_state_tail(parts[parts.size() - 2], site.country))
      state_from = parts.size() - 3;
    for (std::size_t i = 0; i < state_from; ++i) site.city += (i ? ", " : "") + parts[i];
    for (std::size_t i = state_from; i + 1 < parts.size(); ++i)
      if (!parts[i].empty()) site.state += (site.state.empty() ? "" : ", ") + parts[i];
  }
  return site;
}

}  // namespace trialgraph
