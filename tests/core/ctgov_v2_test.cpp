// map_v2_study: a ClinicalTrials.gov API v2 record into the graph contract.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>

#include <nlohmann/json.hpp>

#include "test_support.hpp"
#include "trialgraph/ctgov_v2.hpp"
#include "trialgraph/document_buffer.hpp"

namespace {

using namespace trialgraph;
using nlohmann::json;

// Runs the mapper on `record_text`; the buffer is finished so dangling relations would be reported.
struct Mapped {
  ExtractStatus status;
  DocumentBuffer buf;

  const Entity* entity(const std::string& label, const std::string& key) const {
    for (const Entity& e : buf.entities())
      if (e.label == label && e.key == key) return &e;
    return nullptr;
  }
  std::vector<const Entity*> with_label(const std::string& label) const {
    std::vector<const Entity*> out;
    for (const Entity& e : buf.entities())
      if (e.label == label) out.push_back(&e);
    return out;
  }
  std::vector<const Relation*> relations(const std::string& type) const {
    std::vector<const Relation*> out;
    for (const Relation& r : buf.relations())
      if (r.type == type) out.push_back(&r);
    return out;
  }
  const Relation* relation(const std::string& type, const std::string& to_key) const {
    for (const Relation& r : buf.relations())
      if (r.type == type && r.to.key == to_key) return &r;
    return nullptr;
  }
};

// The trial's properties, or none (with a failure) when the trial was not emitted.
const std::vector<Property>& trial_props(const Mapped& m, const std::string& key = "NCT01234567") {
  static const std::vector<Property> none;
  const Entity* t = m.entity("Trial", key);
  if (!t) ADD_FAILURE() << "no Trial " << key;
  return t ? t->properties : none;
}

std::unique_ptr<Mapped> map(const char* record_text) {
  auto m = std::make_unique<Mapped>();
  m->status = map_v2_study(json::parse(record_text), m->buf);
  m->buf.finish();
  return m;
}

const Value* prop(const std::vector<Property>& props, const std::string& name) {
  for (const Property& p : props)
    if (p.name == name) return &p.value;
  return nullptr;
}

template <class T>
const T* prop_as(const std::vector<Property>& props, const std::string& name) {
  const Value* v = prop(props, name);
  return v ? std::get_if<T>(v) : nullptr;
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

const char* kStudy = R"json({
  "protocolSection": {
    "identificationModule": {"nctId": "NCT01234567", "briefTitle": "A Study of Drug X",
                             "officialTitle": "An Official Title", "acronym": "DX-1"},
    "statusModule": {"overallStatus": "ACTIVE_NOT_RECRUITING",
                     "startDateStruct": {"date": "2023-06-15"},
                     "completionDateStruct": {"date": "2025-12"}},
    "sponsorCollaboratorsModule": {
      "leadSponsor": {"name": "Allogene Therapeutics, Inc.", "class": "INDUSTRY"},
      "collaborators": [{"name": "ALLOGENE THERAPEUTICS", "class": "INDUSTRY"},
                        {"name": "National Cancer Institute (NCI)", "class": "NIH"}]},
    "conditionsModule": {"conditions": ["Systemic Lupus Erythematosus", "Rare Thing"],
                         "keywords": ["lupus", "CAR-T"]},
    "designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE1", "PHASE2"],
                     "enrollmentInfo": {"count": 120, "type": "ESTIMATED"}},
    "eligibilityModule": {"healthyVolunteers": false, "sex": "ALL", "minimumAge": "18 Years"},
    "armsInterventionsModule": {
      "armGroups": [
        {"label": "Cohort A", "type": "EXPERIMENTAL", "description": "Drug X low dose",
         "interventionNames": ["Drug: Drug X"]},
        {"label": "Cohort B", "type": "PLACEBO_COMPARATOR", "interventionNames": ["Drug: Placebo"]}],
      "interventions": [
        {"type": "DRUG", "name": "Drug X", "otherNames": ["DX-101", "Xamab"], "armGroupLabels": ["Cohort A"]},
        {"type": "DRUG", "name": "Placebo"}]},
    "contactsLocationsModule": {"locations": [
      {"facility": "Hospital Universitario 12 de Octubre", "status": "RECRUITING", "city": "Madrid",
       "country": "Spain", "zip": "28041", "geoPoint": {"lat": 40.4165, "lon": -3.70256}},
      {"city": "Houston", "state": "Texas", "country": "United States"}]}
  },
  "derivedSection": {"conditionBrowseModule": {"meshes": [
    {"id": "D008180", "term": "Lupus Erythematosus, Systemic"}]}}
})json";

// --- the trial ---------------------------------------------------------------------------------

TEST(MapV2Study, SucceedsAndKeysTheTrialByNctId) {
  auto m = map(kStudy);
  ASSERT_TRUE(m->status.ok) << m->status.error;
  const Entity* t = m->entity("Trial", "NCT01234567");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->name, "A Study of Drug X");
  EXPECT_TRUE(m->buf.problems().empty()) << m->buf.problems().front();
}

TEST(MapV2Study, TrialTextProperties) {
  auto m = map(kStudy);
  const Entity* t = m->entity("Trial", "NCT01234567");
  ASSERT_TRUE(t);
  auto s = [&](const char* n) { auto v = prop_as<std::string>(t->properties, n); return v ? *v : "<none>"; };
  EXPECT_EQ(s("nct_id"), "NCT01234567");
  EXPECT_EQ(s("status"), "ACTIVE_NOT_RECRUITING");
  EXPECT_EQ(s("start_date"), "2023-06-15");
  EXPECT_EQ(s("completion_date"), "2025-12");
  EXPECT_EQ(s("official_title"), "An Official Title");
  EXPECT_EQ(s("study_type"), "INTERVENTIONAL");
  EXPECT_EQ(s("url"), "https://clinicaltrials.gov/study/NCT01234567");
}

TEST(MapV2Study, StatusInPlainWordsBecomesACode) {
  auto m = map(R"({"protocolSection": {"identificationModule": {"nctId": "NCT01234567"},
                   "statusModule": {"overallStatus": "Active, not recruiting"}}})");
  auto status = prop_as<std::string>(trial_props(*m), "status");
  ASSERT_TRUE(status);
  EXPECT_EQ(*status, "ACTIVE_NOT_RECRUITING");
}

TEST(MapV2Study, TwoPhasesAreAList) {
  auto m = map(kStudy);
  auto phases = prop_as<std::vector<std::string>>(trial_props(*m), "phase");
  ASSERT_TRUE(phases);
  EXPECT_EQ(*phases, (std::vector<std::string>{"PHASE1", "PHASE2"}));
}

TEST(MapV2Study, OnePhaseIsAString) {
  auto m = map(R"({"protocolSection": {"identificationModule": {"nctId": "NCT01234567"},
                   "designModule": {"phases": ["PHASE2"]}}})");
  auto phase = prop_as<std::string>(trial_props(*m), "phase");
  ASSERT_TRUE(phase);
  EXPECT_EQ(*phase, "PHASE2");
}

TEST(MapV2Study, EnrollmentIsAnInteger) {
  auto m = map(kStudy);
  auto n = prop_as<std::int64_t>(trial_props(*m), "enrollment");
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 120);
}

TEST(MapV2Study, HealthyVolunteersIsABoolean) {
  auto m = map(kStudy);
  auto hv = prop_as<bool>(trial_props(*m), "healthy_volunteers");
  ASSERT_TRUE(hv);
  EXPECT_FALSE(*hv);
}

TEST(MapV2Study, KeywordsAreAList) {
  auto m = map(kStudy);
  auto kw = prop_as<std::vector<std::string>>(trial_props(*m), "keywords");
  ASSERT_TRUE(kw);
  EXPECT_EQ(*kw, (std::vector<std::string>{"lupus", "CAR-T"}));
}

// --- identification ----------------------------------------------------------------------------

TEST(MapV2Study, FailsWithoutProtocolSection) {
  DocumentBuffer buf;
  ExtractStatus st = map_v2_study(json::parse(R"({"derivedSection": {}})"), buf);
  EXPECT_FALSE(st.ok);
  EXPECT_FALSE(st.error.empty());
  EXPECT_TRUE(buf.entities().empty());
}

TEST(MapV2Study, FailsWithNeitherNctIdNorTitle) {
  auto m = map(R"({"protocolSection": {"identificationModule": {"acronym": "X"},
      "sponsorCollaboratorsModule": {"leadSponsor": {"name": "Acme"}}}})");
  EXPECT_FALSE(m->status.ok);
  EXPECT_FALSE(m->status.error.empty());
  EXPECT_TRUE(m->buf.entities().empty());
  EXPECT_TRUE(m->buf.relations().empty());
}

TEST(MapV2Study, TitleOnlyGivesATitleKey) {
  auto m = map(R"({"protocolSection": {"identificationModule": {"briefTitle": "CAR-T for Lupus"}}})");
  ASSERT_TRUE(m->status.ok) << m->status.error;
  auto trials = m->with_label("Trial");
  ASSERT_EQ(trials.size(), 1u);
  EXPECT_EQ(trials[0]->key, "title:car t for lupus");
  EXPECT_FALSE(prop(trials[0]->properties, "nct_id"));
  EXPECT_FALSE(prop(trials[0]->properties, "url"));
}

TEST(MapV2Study, LowerCaseNctIdIsNormalized) {
  auto m = map(R"({"protocolSection": {"identificationModule": {"nctId": "nct01234567"}}})");
  ASSERT_TRUE(m->status.ok);
  EXPECT_TRUE(m->entity("Trial", "NCT01234567"));
}

TEST(IsV2Study, NeedsAProtocolSectionObject) {
  EXPECT_TRUE(is_v2_study(json::parse(R"({"protocolSection": {}})")));
  EXPECT_FALSE(is_v2_study(json::parse(R"({"protocolSection": []})")));
  EXPECT_FALSE(is_v2_study(json::parse(R"([{"protocolSection": {}}])")));
}

// --- sponsors ----------------------------------------------------------------------------------

TEST(MapV2Study, LeadSponsorAndCollaboratorRoles) {
  auto m = map(kStudy);
  const Relation* lead = m->relation("SPONSORED_BY", "allogene therapeutics");
  const Relation* collab = m->relation("SPONSORED_BY", "national cancer institute nci");
  ASSERT_TRUE(lead);
  ASSERT_TRUE(collab);
  EXPECT_EQ(lead->from.key, "NCT01234567");
  ASSERT_TRUE(prop_as<std::string>(lead->properties, "role"));
  EXPECT_EQ(*prop_as<std::string>(lead->properties, "role"), "lead");
  ASSERT_TRUE(prop_as<std::string>(collab->properties, "role"));
  EXPECT_EQ(*prop_as<std::string>(collab->properties, "role"), "collaborator");
  const Entity* nci = m->entity("Sponsor", "national cancer institute nci");
  ASSERT_TRUE(nci);
  ASSERT_TRUE(prop_as<std::string>(nci->properties, "class"));
  EXPECT_EQ(*prop_as<std::string>(nci->properties, "class"), "NIH");
}

TEST(MapV2Study, CollaboratorSameAsLeadIsNotDuplicated) {
  auto m = map(kStudy);
  std::set<std::string> keys;
  for (const Entity* e : m->with_label("Sponsor")) keys.insert(e->key);
  EXPECT_EQ(keys, (std::set<std::string>{"allogene therapeutics", "national cancer institute nci"}));
  EXPECT_EQ(m->relations("SPONSORED_BY").size(), 2u);
  std::size_t to_allogene = 0;
  for (const Relation* r : m->relations("SPONSORED_BY")) to_allogene += r->to.key == "allogene therapeutics";
  EXPECT_EQ(to_allogene, 1u);
  const Relation* lead = m->relation("SPONSORED_BY", "allogene therapeutics");
  ASSERT_TRUE(lead);
  ASSERT_TRUE(prop_as<std::string>(lead->properties, "role"));
  EXPECT_EQ(*prop_as<std::string>(lead->properties, "role"), "lead");
  const Entity* first = m->entity("Sponsor", "allogene therapeutics");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->name, "Allogene Therapeutics, Inc.");
}

// --- conditions --------------------------------------------------------------------------------

TEST(MapV2Study, ConditionMatchingInvertedMeshHeadingIsKeyedByMeshId) {
  auto m = map(kStudy);
  const Entity* sle = m->entity("Disease", "D008180");
  ASSERT_TRUE(sle);
  EXPECT_EQ(sle->name, "Lupus Erythematosus, Systemic");
  EXPECT_TRUE(contains(sle->aliases, "Systemic Lupus Erythematosus"));
  ASSERT_TRUE(prop_as<std::string>(sle->properties, "mesh_id"));
  EXPECT_EQ(*prop_as<std::string>(sle->properties, "mesh_id"), "D008180");
  EXPECT_FALSE(m->entity("Disease", "systemic lupus erythematosus"));
  EXPECT_TRUE(m->relation("STUDIES", "D008180"));
}

TEST(MapV2Study, ConditionMatchingMeshTermExactlyIsKeyedByMeshId) {
  auto m = map(R"({"protocolSection": {"identificationModule": {"nctId": "NCT01234567"},
        "conditionsModule": {"conditions": ["hypercholesterolemia"]}},
      "derivedSection": {"conditionBrowseModule": {"meshes": [{"id": "D006937", "term": "Hypercholesterolemia"}]}}})");
  const Entity* d = m->entity("Disease", "D006937");
  ASSERT_TRUE(d);
  EXPECT_TRUE(contains(d->aliases, "hypercholesterolemia"));
  EXPECT_FALSE(m->entity("Disease", "hypercholesterolemia"));
}

TEST(MapV2Study, UnmatchedConditionIsKeyedByFoldedName) {
  auto m = map(kStudy);
  const Entity* d = m->entity("Disease", "rare thing");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->name, "Rare Thing");
  EXPECT_FALSE(prop(d->properties, "mesh_id"));
  EXPECT_TRUE(m->relation("STUDIES", "rare thing"));
}

// --- interventions and arms --------------------------------------------------------------------

TEST(MapV2Study, InterventionsBecomeDrugsWithOtherNamesAsAliases) {
  auto m = map(kStudy);
  const Entity* x = m->entity("Drug", "drug x");
  ASSERT_TRUE(x);
  EXPECT_EQ(x->name, "Drug X");
  EXPECT_TRUE(contains(x->aliases, "DX-101"));
  EXPECT_TRUE(contains(x->aliases, "Xamab"));
  ASSERT_TRUE(prop_as<std::string>(x->properties, "intervention_type"));
  EXPECT_EQ(*prop_as<std::string>(x->properties, "intervention_type"), "DRUG");
  EXPECT_TRUE(m->entity("Drug", "placebo"));
}

TEST(MapV2Study, EachInterventionIsTested) {
  auto m = map(kStudy);
  EXPECT_EQ(m->relations("TESTS").size(), 2u);
  const Relation* tests = m->relation("TESTS", "drug x");
  ASSERT_TRUE(tests);
  EXPECT_EQ(tests->from.key, "NCT01234567");
  auto arms = prop_as<std::vector<std::string>>(tests->properties, "arms");
  ASSERT_TRUE(arms);
  EXPECT_EQ(*arms, std::vector<std::string>{"Cohort A"});  // named by both sides, listed once
}

TEST(MapV2Study, ArmsAreEntitiesOfTheTrial) {
  auto m = map(kStudy);
  const Entity* a = m->entity("Arm", "NCT01234567|cohort a");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->name, "Cohort A");
  ASSERT_TRUE(prop_as<std::string>(a->properties, "arm_type"));
  EXPECT_EQ(*prop_as<std::string>(a->properties, "arm_type"), "EXPERIMENTAL");
  EXPECT_EQ(m->relations("HAS_ARM").size(), 2u);
  EXPECT_TRUE(m->relation("HAS_ARM", "NCT01234567|cohort b"));
}

TEST(MapV2Study, ArmsReceiveTheirInterventions) {
  auto m = map(kStudy);
  auto receives = m->relations("RECEIVES");
  ASSERT_EQ(receives.size(), 2u);
  bool a_gets_x = false, b_gets_placebo = false;
  for (const Relation* r : receives) {
    EXPECT_EQ(r->from.label, "Arm");
    a_gets_x = a_gets_x || (r->from.key == "NCT01234567|cohort a" && r->to.key == "drug x");
    b_gets_placebo = b_gets_placebo || (r->from.key == "NCT01234567|cohort b" && r->to.key == "placebo");
  }
  EXPECT_TRUE(a_gets_x);
  EXPECT_TRUE(b_gets_placebo);  // found only through "Drug: Placebo" in the arm's interventionNames
}

// --- sites -------------------------------------------------------------------------------------

TEST(MapV2Study, LocationsBecomeSitesWithCoordinates) {
  auto m = map(kStudy);
  const Entity* s = m->entity("Site", "hospital universitario 12 de octubre|madrid||spain");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->name, "Hospital Universitario 12 de Octubre");
  auto lat = prop_as<double>(s->properties, "lat");
  auto lon = prop_as<double>(s->properties, "lon");
  ASSERT_TRUE(lat);
  ASSERT_TRUE(lon);
  EXPECT_DOUBLE_EQ(*lat, 40.4165);
  EXPECT_DOUBLE_EQ(*lon, -3.70256);
  ASSERT_TRUE(prop_as<std::string>(s->properties, "zip"));
  EXPECT_EQ(*prop_as<std::string>(s->properties, "zip"), "28041");
}

TEST(MapV2Study, SiteWithoutFacilityIsNamedByPlace) {
  auto m = map(kStudy);
  const Entity* s = m->entity("Site", "|houston|texas|united states");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->name, "Houston, Texas, United States");
  EXPECT_FALSE(prop(s->properties, "lat"));
}

TEST(MapV2Study, ConductedAtCarriesTheSiteStatus) {
  auto m = map(kStudy);
  EXPECT_EQ(m->relations("CONDUCTED_AT").size(), 2u);
  const Relation* r = m->relation("CONDUCTED_AT", "hospital universitario 12 de octubre|madrid||spain");
  ASSERT_TRUE(r);
  ASSERT_TRUE(prop_as<std::string>(r->properties, "status"));
  EXPECT_EQ(*prop_as<std::string>(r->properties, "status"), "RECRUITING");
  const Relation* houston = m->relation("CONDUCTED_AT", "|houston|texas|united states");
  ASSERT_TRUE(houston);
  EXPECT_FALSE(prop(houston->properties, "status"));
}

TEST(MapV2Study, LocationsNestedIsUsedWhenLocationsIsAbsent) {
  auto m = map(R"({"protocolSection": {"identificationModule": {"nctId": "NCT01234567"},
      "contactsLocationsModule": {"locations_nested": [{"facility": "Nested Clinic", "city": "Lyon", "country": "France"}]}}})");
  EXPECT_TRUE(m->entity("Site", "nested clinic|lyon||france"));
}

TEST(MapV2Study, LocationsNestedIsIgnoredWhenLocationsIsPresent) {
  auto m = map(R"({"protocolSection": {"identificationModule": {"nctId": "NCT01234567"},
      "contactsLocationsModule": {
        "locations": [{"facility": "Real Clinic", "city": "Lyon", "country": "France"}],
        "locations_nested": [{"facility": "Nested Clinic", "city": "Lyon", "country": "France"}]}}})");
  EXPECT_TRUE(m->entity("Site", "real clinic|lyon||france"));
  EXPECT_FALSE(m->entity("Site", "nested clinic|lyon||france"));
  EXPECT_EQ(m->with_label("Site").size(), 1u);
}

TEST(MapV2Study, AllRelationsStartFromEmittedEntities) {
  auto m = map(kStudy);
  EXPECT_TRUE(m->buf.problems().empty());
  // STUDIES: SLE and "Rare Thing"; the MeSH coding of SLE repeats the first and is one relation.
  EXPECT_EQ(m->buf.relations().size(), 2u /*sponsors*/ + 2u /*studies*/ + 2u /*tests*/ + 2u /*arms*/ +
                                            2u /*receives*/ + 2u /*sites*/);
}

// --- a real record -----------------------------------------------------------------------------

TEST(MapV2Study, RealRecordFromTheRegistry) {
  std::filesystem::path file = test::shared_dir() / "data" / "v2json" / "NCT05923281.json";
  if (!std::filesystem::exists(file)) GTEST_SKIP() << file << " is not there";
  DocumentBuffer buf;
  ExtractStatus st = map_v2_study(json::parse(test::read_text(file)), buf);
  buf.finish();
  ASSERT_TRUE(st.ok) << st.error;
  EXPECT_TRUE(buf.problems().empty());
  auto has = [&](const char* label, const char* key) {
    for (const Entity& e : buf.entities())
      if (e.label == label && e.key == key) return true;
    return false;
  };
  EXPECT_TRUE(has("Trial", "NCT05923281"));
  EXPECT_TRUE(has("Sponsor", "kowa company"));
  EXPECT_TRUE(has("Disease", "D006937"));  // the record writes D000006937
  EXPECT_TRUE(has("Drug", "k 877 0 2 mg day once daily"));
  EXPECT_TRUE(has("Drug", "k 877 0 4 mg day once daily"));
  EXPECT_TRUE(has("Drug", "placebo once daily"));
  std::size_t receives = 0;
  for (const Relation& r : buf.relations()) receives += r.type == "RECEIVES";
  EXPECT_EQ(receives, 3u);
}

}  // namespace
