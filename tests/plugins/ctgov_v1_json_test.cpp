// The classic API (v1) JSON plugin on real records: a {Rank, Study} element, FullStudiesResponse
// files, a StudyFields page, the same trial as legacy XML, broken responses, and every v1 file of
// the shared data.
#include <algorithm>
#include <map>

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "extraction.hpp"

namespace {
using namespace trialgraph;
using test::Extraction;
namespace fs = std::filesystem;
using nlohmann::json;

const char* kPlugin = "ctgov-v1-json";

fs::path samples() { return test::source_dir() / "plugins" / kPlugin / "samples"; }
std::string sample(const std::string& name) { return test::read_text(samples() / name); }

Extraction extract(const std::string& bytes) { return test::extract_with(kPlugin, bytes, "study.json"); }

// The {"Rank", "Study"} element of a one-study FullStudiesResponse sample, to build other shapes from.
json element_of(const std::string& name) { return json::parse(sample(name))["FullStudiesResponse"]["FullStudies"][0]; }

std::set<std::string> keys_of(const Extraction& x, std::string_view label) {
  std::set<std::string> keys;
  for (const Entity& e : x.entities)
    if (e.label == label) keys.insert(e.key);
  return keys;
}

// "role" of each SPONSORED_BY edge, by sponsor key.
std::map<std::string, std::string> sponsor_roles(const Extraction& x) {
  std::map<std::string, std::string> roles;
  for (const Relation& r : x.relations)
    if (r.type == "SPONSORED_BY") roles[r.to.key] = Extraction::edge_prop(&r, "role");
  return roles;
}

// The names of the Diseases a trial STUDIES.
std::set<std::string> studied_names(const Extraction& x) {
  std::set<std::string> names;
  for (const Relation& r : x.relations)
    if (r.type == "STUDIES")
      for (const Entity& e : x.entities)
        if (e.label == r.to.label && e.key == r.to.key) names.insert(e.name);
  return names;
}

std::set<std::string> targets_of(const Extraction& x, std::string_view type) {
  std::set<std::string> keys;
  for (const Relation& r : x.relations)
    if (r.type == type) keys.insert(r.to.key);
  return keys;
}

// ---- A real {Rank, Study} record ----

class V1JsonRealStudy : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { x_ = new Extraction(extract(sample("NCT04780581.v1classic.json"))); }
  static void TearDownTestSuite() { delete x_; }
  static const Extraction& x() { return *x_; }
  static const Entity* trial() { return x().node("Trial", "NCT04780581"); }

 private:
  static inline Extraction* x_ = nullptr;
};

TEST_F(V1JsonRealStudy, ReadsWithoutProblems) {
  ASSERT_TRUE(x().status.ok) << x().status.error;
  EXPECT_TRUE(x().problems.empty()) << x().problems.front();
  EXPECT_EQ(x().count("Trial"), 1u);
}

TEST_F(V1JsonRealStudy, TrialCarriesItsFactsAsRegistryCodes) {
  const Entity* t = trial();
  ASSERT_TRUE(t);
  EXPECT_EQ(t->name, "Glucocorticoid Therapy in Coronavirus Disease COVID-19 Patients");
  EXPECT_EQ(Extraction::prop(t, "status"), "RECRUITING");
  EXPECT_EQ(Extraction::prop(t, "phase"), "PHASE4");
  EXPECT_EQ(Extraction::prop(t, "study_type"), "INTERVENTIONAL");
  EXPECT_EQ(Extraction::prop(t, "allocation"), "RANDOMIZED");
  EXPECT_EQ(Extraction::prop(t, "intervention_model"), "PARALLEL");
  EXPECT_EQ(Extraction::prop(t, "masking"), "NONE");
  EXPECT_EQ(Extraction::prop(t, "purpose"), "TREATMENT");
  EXPECT_EQ(Extraction::prop(t, "sex"), "ALL");
  EXPECT_EQ(Extraction::prop(t, "min_age"), "18 Years");
  EXPECT_EQ(Extraction::prop(t, "healthy_volunteers"), "false");
  EXPECT_EQ(Extraction::prop(t, "countries"), "Spain");
}

TEST_F(V1JsonRealStudy, EnrollmentStringBecomesAnInteger) {
  const Entity* t = trial();
  ASSERT_TRUE(t);
  bool integer = false;
  for (const Property& p : t->properties)
    if (p.name == "enrollment") integer = std::holds_alternative<std::int64_t>(p.value);
  EXPECT_TRUE(integer);
  EXPECT_EQ(Extraction::prop(t, "enrollment"), "290");
}

TEST_F(V1JsonRealStudy, DatesAreIso) {
  const Entity* t = trial();
  EXPECT_EQ(Extraction::prop(t, "start_date"), "2021-02-01");
  EXPECT_EQ(Extraction::prop(t, "primary_completion_date"), "2021-12-01");
  EXPECT_EQ(Extraction::prop(t, "completion_date"), "2021-12-31");
  EXPECT_EQ(Extraction::prop(t, "first_posted"), "2021-03-03");
  EXPECT_EQ(Extraction::prop(t, "last_updated"), "2021-03-03");
}

TEST_F(V1JsonRealStudy, LeadSponsorAndCollaboratorWithTheirRoles) {
  const Entity* t = trial();
  const Entity* lead =
      x().node("Sponsor", "Fundación Instituto de Estudios de Ciencias de la Salud de Castilla y León");
  const Entity* collaborator = x().node("Sponsor", "Instituto de Investigación Biomédica de Salamanca");
  ASSERT_TRUE(lead && collaborator);
  EXPECT_EQ(Extraction::prop(lead, "class"), "OTHER");
  EXPECT_EQ(Extraction::edge_prop(x().edge("SPONSORED_BY", t, lead), "role"), "lead");
  EXPECT_EQ(Extraction::edge_prop(x().edge("SPONSORED_BY", t, collaborator), "role"), "collaborator");
}

TEST_F(V1JsonRealStudy, ConditionAndTheRegistrysMeshTermsAreStudied) {
  const Entity* t = trial();
  for (const char* mesh : {"D007239", "D018352", "D045169"}) {
    const Entity* d = x().node("Disease", mesh);
    ASSERT_TRUE(d) << mesh;
    EXPECT_EQ(Extraction::prop(d, "mesh_id"), mesh);
    EXPECT_TRUE(x().edge("STUDIES", t, d)) << mesh;
  }
  EXPECT_EQ(x().node("Disease", "D018352")->name, "Coronavirus Infections");
  bool condition_studied = false;
  for (const Relation& r : x().relations)
    condition_studied =
        condition_studied || (r.type == "STUDIES" && Extraction::edge_prop(&r, "section") == "conditions");
  EXPECT_TRUE(condition_studied) << "the condition 'Corona Virus Infection' links a Disease";
}

TEST_F(V1JsonRealStudy, EachInterventionIsTestedInItsArm) {
  const Entity* t = trial();
  const Entity* dexamethasone = x().node("Drug", "Dexamethasone");
  const Entity* methylprednisolone = x().node("Drug", "Methylprednisolone");
  ASSERT_TRUE(dexamethasone && methylprednisolone);
  EXPECT_EQ(Extraction::prop(dexamethasone, "intervention_type"), "DRUG");
  EXPECT_EQ(Extraction::edge_prop(x().edge("TESTS", t, dexamethasone), "arms"), "RECOVERY");
  EXPECT_EQ(Extraction::edge_prop(x().edge("TESTS", t, methylprednisolone), "arms"), "BOLUS");
}

TEST_F(V1JsonRealStudy, ArmsWithTheirTypes) {
  const Entity* t = trial();
  const Entity* recovery = x().node("Arm", "RECOVERY");
  const Entity* bolus = x().node("Arm", "BOLUS");
  ASSERT_TRUE(recovery && bolus);
  EXPECT_TRUE(x().edge("HAS_ARM", t, recovery));
  EXPECT_TRUE(x().edge("HAS_ARM", t, bolus));
  EXPECT_EQ(Extraction::prop(recovery, "arm_type"), "ACTIVE_COMPARATOR");
  EXPECT_EQ(Extraction::prop(bolus, "arm_type"), "EXPERIMENTAL");
  EXPECT_TRUE(x().edge("RECEIVES", bolus, x().node("Drug", "Methylprednisolone")));
}

TEST_F(V1JsonRealStudy, EveryFacilityIsASiteWithItsRecruitmentStatus) {
  const Entity* t = trial();
  EXPECT_EQ(x().count("Site"), 5u);
  EXPECT_EQ(targets_of(x(), "CONDUCTED_AT"), keys_of(x(), "Site"));
  const Entity* burgos = x().node("Site", "Complejo Asistencial Universitario de Burgos");
  ASSERT_TRUE(burgos);
  EXPECT_EQ(Extraction::prop(burgos, "city"), "Burgos");
  EXPECT_EQ(Extraction::prop(burgos, "zip"), "09006");
  EXPECT_EQ(Extraction::prop(burgos, "country"), "Spain");
  EXPECT_EQ(Extraction::edge_prop(x().edge("CONDUCTED_AT", t, burgos), "status"), "NOT_YET_RECRUITING");
  const Entity* leon = x().node("Site", "Complejo Asistencial Universitario de León");
  EXPECT_EQ(Extraction::edge_prop(x().edge("CONDUCTED_AT", t, leon), "status"), "ACTIVE_NOT_RECRUITING");
}

// ---- The shapes a study comes in ----

TEST(V1JsonShapes, FullStudiesResponseSamplesGiveTheirTrial) {
  for (const char* name : {"NCT00023673.v1classic.json", "NCT04780763.v1classic.json"}) {
    SCOPED_TRACE(name);
    std::string bytes = sample(name);
    ASSERT_TRUE(bytes.find("\"FullStudiesResponse\"") != std::string::npos);
    Extraction x = extract(bytes);
    ASSERT_TRUE(x.status.ok) << x.status.error;
    EXPECT_EQ(x.count("Trial"), 1u);
    EXPECT_TRUE(x.node("Trial", std::string(name).substr(0, 11)));
  }
}

TEST(V1JsonShapes, EveryStudyOfAFullStudiesResponseBecomesATrial) {
  json element = json::parse(sample("NCT04780581.v1classic.json"));
  json response = {{"FullStudiesResponse",
                    {{"APIVrs", "1.01.05"},
                     {"NStudiesFound", 3},
                     {"FullStudies",
                      {element_of("NCT00023673.v1classic.json"), element, element_of("NCT04780763.v1classic.json")}}}}};
  Extraction x = extract(response.dump());
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_TRUE(x.problems.empty());
  EXPECT_EQ(keys_of(x, "Trial"), (std::set<std::string>{"NCT00023673", "NCT04780581", "NCT04780763"}));
}

TEST(V1JsonShapes, AnArrayOfElementsAndABareStudyReadAsTheResponseDoes) {
  json a = element_of("NCT04780763.v1classic.json"), b = element_of("NCT00023673.v1classic.json");
  Extraction in_response = extract(json{{"FullStudiesResponse", {{"FullStudies", {a, b}}}}}.dump());
  Extraction in_array = extract(json::array({a, b}).dump());
  ASSERT_TRUE(in_array.status.ok) << in_array.status.error;
  EXPECT_EQ(in_array.facts(), in_response.facts());
  Extraction bare = extract(json{{"Study", a["Study"]}}.dump());
  ASSERT_TRUE(bare.status.ok) << bare.status.error;
  EXPECT_EQ(bare.facts(), extract(sample("NCT04780763.v1classic.json")).facts());
}

// ---- StudyFields ----

TEST(V1JsonStudyFields, SampleGivesBothTrialsWithTheirFields) {
  Extraction x = extract(sample("study_fields.json"));
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_TRUE(x.problems.empty()) << x.problems.front();
  const Entity* hmsc_trial = x.node("Trial", "NCT04780685");
  const Entity* af_trial = x.node("Trial", "NCT04780438");
  ASSERT_TRUE(hmsc_trial && af_trial);
  EXPECT_EQ(hmsc_trial->name, "A Phase II Study in Patients With Moderate to Severe ARDS Due to COVID-19");
  EXPECT_EQ(Extraction::prop(hmsc_trial, "status"), "RECRUITING");
  EXPECT_EQ(Extraction::prop(hmsc_trial, "phase"), "PHASE2");
  EXPECT_EQ(Extraction::prop(hmsc_trial, "enrollment"), "40");
  EXPECT_EQ(Extraction::prop(hmsc_trial, "start_date"), "2021-03-20");
  EXPECT_EQ(Extraction::prop(af_trial, "phase"), "EARLY_PHASE1");
  const Entity* stemedica = x.node("Sponsor", "Stemedica Cell Technologies, Inc.");
  EXPECT_EQ(Extraction::prop(stemedica, "class"), "INDUSTRY");
  EXPECT_EQ(Extraction::edge_prop(x.edge("SPONSORED_BY", hmsc_trial, stemedica), "role"), "lead");
  EXPECT_EQ(Extraction::edge_prop(x.edge("SPONSORED_BY", hmsc_trial, x.node("Sponsor", "bioRASI, LLC")), "role"),
            "collaborator");
  EXPECT_EQ(Extraction::prop(x.node("Drug", "Dapagliflozin"), "intervention_type"), "DRUG");
  EXPECT_TRUE(x.edge("TESTS", af_trial, x.node("Drug", "Dapagliflozin")));
  EXPECT_TRUE(x.edge("STUDIES", af_trial, x.node("Disease", "D001281")));
  EXPECT_EQ(x.node("Disease", "D001281")->name, "Atrial Fibrillation");
}

TEST(V1JsonStudyFields, LocationPartsArePairedWithFacilitiesOnlyWhenTheListsAgree) {
  Extraction x = extract(sample("study_fields.json"));
  const Entity* santa_monica = x.node("Site", "Providence Saint John's Health Center - Saint John's Cancer Institute");
  ASSERT_TRUE(santa_monica);
  EXPECT_EQ(Extraction::prop(santa_monica, "city"), "Santa Monica");
  EXPECT_EQ(Extraction::prop(santa_monica, "state"), "California");
  EXPECT_EQ(Extraction::prop(santa_monica, "country"), "United States");
  // NCT04780438's LocationState is empty beside two facilities: no state, city and country kept.
  const Entity* athens =
      x.node("Site", "Cardiology Department, Athens General Hospital \"G. Gennimatas\", Athens, Greece");
  ASSERT_TRUE(athens);
  EXPECT_EQ(Extraction::prop(athens, "city"), "Athens");
  EXPECT_EQ(Extraction::prop(athens, "state"), "");
  EXPECT_EQ(Extraction::prop(athens, "country"), "Greece");
}

TEST(V1JsonStudyFields, ListsOfOtherLengthsLeaveFacilityOnlyAndNameOnly) {
  json doc = json::parse(sample("study_fields.json"));
  json& record = doc["StudyFieldsResponse"]["StudyFields"][0];
  record["LocationCity"] = {"Santa Monica"};            // one city for two facilities: whose?
  record["InterventionType"] = {"Biological", "Drug"};  // two types for one intervention
  Extraction x = extract(doc.dump());
  ASSERT_TRUE(x.status.ok) << x.status.error;
  const Entity* site = x.node("Site", "PRX Research, Dallas Regional Medical Center");
  ASSERT_TRUE(site);
  EXPECT_EQ(Extraction::prop(site, "city"), "");
  EXPECT_EQ(Extraction::prop(site, "state"), "Texas") << "a list of the right length is still paired";
  const Entity* hmsc = x.node("Drug", "hMSC");
  ASSERT_TRUE(hmsc);
  EXPECT_EQ(Extraction::prop(hmsc, "intervention_type"), "");
  EXPECT_TRUE(x.edge("TESTS", x.node("Trial", "NCT04780685"), hmsc));
}

// ---- The same trial in another registry format ----

// No trial of the shared data exists both as v1 and as v2 JSON: the v1 files (three AACT fixtures
// and two 2021-2022 search results) and the v2 files hold different trials. NCT00023673 exists
// as v1 (API snapshot of 2023-10-17) and as legacy XML (processed 2018-05-11), so that pair is
// compared; the tests skip while no ctgov-xml plugin is built.
class V1JsonCrossFormat : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::path dir = test::source_dir() / "tests" / "fixtures" / "cross-format";
    v1_ = extract(test::read_text(dir / "NCT00023673.v1classic.json"));
    xml_ = test::extract_with("ctgov-xml", test::read_text(dir / "NCT00023673.xml"), "NCT00023673.xml");
    if (!xml_.status.ok && xml_.status.error.rfind("no plugin named", 0) == 0) GTEST_SKIP() << xml_.status.error;
    ASSERT_TRUE(v1_.status.ok) << v1_.status.error;
    ASSERT_TRUE(xml_.status.ok) << xml_.status.error;
  }
  Extraction v1_, xml_;
};

TEST_F(V1JsonCrossFormat, StatusPhaseAndDesignAgree) {
  const Entity* a = v1_.node("Trial", "NCT00023673");
  const Entity* b = xml_.node("Trial", "NCT00023673");
  ASSERT_TRUE(a && b);
  for (const char* p : {"status", "phase", "enrollment", "start_date", "completion_date", "study_type", "allocation",
                        "intervention_model", "masking", "purpose"})
    EXPECT_EQ(Extraction::prop(a, p), Extraction::prop(b, p)) << p;
  EXPECT_EQ(Extraction::prop(a, "status"), "COMPLETED");
  EXPECT_EQ(Extraction::prop(a, "phase"), "PHASE1;PHASE2");
}

// The sponsors' classes differ (the 2018 XML says the lead is "Other", the 2023 API "NETWORK"):
// the registry recoded them in between. Who sponsors the trial, and in which role, agrees.
TEST_F(V1JsonCrossFormat, SponsorsAndTheirRolesAgree) {
  EXPECT_EQ(sponsor_roles(v1_), sponsor_roles(xml_));
  EXPECT_EQ(sponsor_roles(v1_).size(), 2u);
}

// The legacy XML names the registry's MeSH terms without their ids, so its MeSH diseases are keyed
// by name where v1's are keyed by id ("lung neoplasms" against D008175): the diseases studied
// agree by name, and the condition no MeSH term names agrees by key.
TEST_F(V1JsonCrossFormat, ConditionsAgree) {
  EXPECT_EQ(studied_names(v1_), studied_names(xml_));
  EXPECT_EQ(studied_names(v1_),
            (std::set<std::string>{"Carcinoma, Non-Small-Cell Lung", "Lung Cancer", "Lung Neoplasms"}));
  EXPECT_TRUE(targets_of(v1_, "STUDIES").count("lung cancer"));
  EXPECT_TRUE(targets_of(xml_, "STUDIES").count("lung cancer"));
}

TEST_F(V1JsonCrossFormat, DrugsAndSitesAgree) {
  EXPECT_EQ(keys_of(v1_, "Drug"), keys_of(xml_, "Drug"));
  EXPECT_EQ(targets_of(v1_, "TESTS"), targets_of(xml_, "TESTS"));
  EXPECT_EQ(targets_of(v1_, "CONDUCTED_AT"), targets_of(xml_, "CONDUCTED_AT"));
  EXPECT_GT(targets_of(v1_, "CONDUCTED_AT").size(), 10u);
}

// ---- Broken documents ----

TEST(V1JsonBroken, AResponseWithoutStudiesFailsAndSaysSo) {
  for (const char* empty : {R"({"FullStudiesResponse":{"NStudiesFound":0,"FullStudies":[]}})",
                            R"({"FullStudiesResponse":{"APIVrs":"1.01.05","NStudiesFound":0}})",
                            R"({"StudyFieldsResponse":{"NStudiesFound":0,"StudyFields":[]}})"}) {
    SCOPED_TRACE(empty);
    Extraction x = extract(empty);
    EXPECT_FALSE(x.status.ok);
    EXPECT_EQ(x.status.error, "the response holds no studies");
  }
}

TEST(V1JsonBroken, TruncatedJsonFailsAsNotValidJson) {
  std::string bytes = sample("NCT04780581.v1classic.json");
  Extraction x = extract(bytes.substr(0, bytes.size() / 2));
  EXPECT_FALSE(x.status.ok);
  EXPECT_EQ(x.status.error.rfind("not valid JSON: ", 0), 0u) << x.status.error;
  EXPECT_EQ(x.status.error.find("[json.exception"), std::string::npos) << x.status.error;
}

TEST(V1JsonBroken, OneBrokenStudyOfManyIsAProblemAndTheRestIsKept) {
  json good = element_of("NCT04780763.v1classic.json");
  json broken = {{"Rank", 2}, {"Study", {{"DerivedSection", good["Study"]["DerivedSection"]}}}};
  Extraction x = extract(json{{"FullStudiesResponse", {{"FullStudies", {good, broken}}}}}.dump());
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_TRUE(x.node("Trial", "NCT04780763"));
  EXPECT_EQ(x.count("Trial"), 1u);
  ASSERT_EQ(x.problems.size(), 1u);
  EXPECT_TRUE(x.problem_mentions("ProtocolSection")) << x.problems.front();
}

TEST(V1JsonBroken, AllStudiesBrokenFailsTheDocument) {
  json broken = {{"Rank", 1}, {"Study", json::object()}};
  Extraction x = extract(json{{"FullStudiesResponse", {{"FullStudies", {broken, broken}}}}}.dump());
  EXPECT_FALSE(x.status.ok);
  EXPECT_NE(x.status.error.find("none of the 2 studies"), std::string::npos) << x.status.error;
}

TEST(V1JsonBroken, JsonOfAnotherKindIsRefusedNamingWhatWasExpected) {
  Extraction x = extract(R"({"hello": "world"})");
  EXPECT_FALSE(x.status.ok);
  EXPECT_NE(x.status.error.find("FullStudiesResponse"), std::string::npos) << x.status.error;
  std::string v2 = test::read_text(test::examples_dir() / "ctgov-v2" / "NCT02663973.json");
  Extraction v2x = extract(v2);
  EXPECT_FALSE(v2x.status.ok);
  EXPECT_NE(v2x.status.error.find("v2"), std::string::npos) << v2x.status.error;
}

// ---- Detection ----

TEST(V1JsonIdentify, SaysYesToV1AndNoToV2) {
  const auto& plugins = test::bundled_plugins().plugins();
  auto mine = std::find_if(plugins.begin(), plugins.end(), [](const auto& p) { return p->manifest.name == kPlugin; });
  ASSERT_NE(mine, plugins.end());
  const ExtractorPlugin& plugin = *(*mine)->extractor;
  for (const char* name : {"NCT00023673.v1classic.json", "NCT04780581.v1classic.json", "study_fields.json"})
    EXPECT_EQ(plugin.identify(name, sample(name)), Confidence::yes) << name;
  std::string v2 = test::read_text(test::examples_dir() / "ctgov-v2" / "NCT02663973.json");
  EXPECT_EQ(plugin.identify("NCT02663973.json", v2), Confidence::no);
  EXPECT_EQ(test::detected_plugin("NCT02663973.json", v2), "ctgov-json");
  EXPECT_EQ(plugin.identify("notes.txt", "ProtocolSection is the v1 name"), Confidence::no);
}

// ---- Every v1 file of the shared data ----

TEST(V1JsonSharedData, EveryV1FileReadsWithoutProblemsAndIsDetected) {
  std::vector<fs::path> files = test::shared_files("other", {".v1classic.json"});
  if (files.empty()) GTEST_SKIP() << "no ../shared/data/other beside the repository";
  for (const fs::path& f : files) test::expect_reads_cleanly(kPlugin, f);
  EXPECT_EQ(files.size(), 155u);
}

}  // namespace
