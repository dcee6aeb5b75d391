// The "Basic Information" page plugin on its seeds and on pages written to vary them: reordered
// sections, Windows line ends, extra white space, missing sections, pages cut off in the middle.
#include <gtest/gtest.h>

#include "extraction.hpp"

namespace {
using namespace trialgraph;
using test::Extraction;

const char* kPlugin = "basic-info-page";

std::string sample(const char* name) {
  return test::read_text(test::source_dir() / "plugins/basic-info-page/samples" / name);
}
std::string kite363() { return sample("001_9e5d369111f51d11.txt"); }
std::string ct1195e() { return sample("002_f828998f6d1fec56.txt"); }

// The text from the line `from` up to (not including) the line `to`.
std::string block(const std::string& page, const std::string& from, const std::string& to) {
  std::size_t a = page.find("\n" + from + "\n"), b = page.find("\n" + to + "\n");
  EXPECT_NE(a, std::string::npos) << from;
  EXPECT_NE(b, std::string::npos) << to;
  return page.substr(a, b - a);
}

TEST(BasicInfoPage, Kite363TrialValues) {
  Extraction x = test::extract_with(kPlugin, kite363());
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_TRUE(x.problems.empty()) << x.problems.front();
  const Entity* t = x.node("Trial", "NCT07038447");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->name, "A Study of KITE-363 in Participants With Refractory Autoimmune Diseases");
  std::vector<std::pair<const char*, const char*>> want = {
      {"status", "ENROLLING_BY_INVITATION"}, {"phase", "PHASE1"}, {"enrollment", "52"},
      {"study_type", "INTERVENTIONAL"}, {"start_date", "2025-07-02"}, {"completion_date", "2029-07-31"},
      {"last_updated", "2026-01-12"}, {"allocation", "NON_RANDOMIZED"}, {"intervention_model", "SEQUENTIAL"},
      {"purpose", "TREATMENT"}, {"masking", "NONE"}, {"min_age", "18 Years"}, {"max_age", "75 Years"},
      {"sex", "ALL"}, {"healthy_volunteers", "false"}, {"org_study_id", "KT-US-720-0203"},
      {"responsible_party", "Kite, A Gilead Company"},
      {"officials", "Kite Study Director (STUDY_DIRECTOR, Kite, A Gilead Company)"}};
  for (const auto& [name, value] : want) EXPECT_EQ(Extraction::prop(t, name), value) << name;
}

TEST(BasicInfoPage, Kite363SponsorInterventionsArmsAndConditions) {
  Extraction x = test::extract_with(kPlugin, kite363());
  const Entity* t = x.node("Trial", "NCT07038447");
  ASSERT_EQ(x.count("Sponsor"), 1u);
  const Entity* kite = x.node("Sponsor", "Kite, A Gilead Company");
  EXPECT_EQ(Extraction::prop(kite, "class"), "INDUSTRY");
  EXPECT_EQ(Extraction::edge_prop(x.edge("SPONSORED_BY", t, kite), "role"), "lead");
  EXPECT_EQ(Extraction::prop(x.node("Drug", "KITE-363"), "intervention_type"), "BIOLOGICAL");
  EXPECT_EQ(Extraction::prop(x.node("Drug", "fludarabine"), "intervention_type"), "DRUG");
  for (const char* drug : {"KITE-363", "fludarabine", "cyclophosphamide"}) {
    const Relation* tests = x.edge("TESTS", t, x.node("Drug", drug));
    ASSERT_TRUE(tests) << drug;
    EXPECT_EQ(Extraction::edge_prop(tests, "arms"),
              "Phase 1a: KITE-363 (Dose Escalation);Phase 1b: KITE-363 (Dose Expansion)");
  }
  EXPECT_EQ(x.count("Drug"), 3u) << "belimumab, rituximab, ... are prior therapies of the criteria";
  const Entity* arm = x.node("Arm", "Phase 1b: KITE-363 (Dose Expansion)");
  ASSERT_TRUE(arm);
  EXPECT_NE(Extraction::prop(arm, "description").find("Phase 1ab recommended dose"), std::string::npos)
      << "the source's oddities are kept";
  // One line without separators, split with the disease lexicon.
  for (const char* disease : {"systemic lupus erythematosus", "lupus nephritis", "systemic sclerosis",
                              "idiopathic inflammatory myopathy"}) {
    const Relation* studies = x.edge("STUDIES", t, x.node("Disease", disease));
    ASSERT_TRUE(studies) << disease;
    EXPECT_EQ(Extraction::edge_prop(studies, "section"), "conditions");
  }
}

TEST(BasicInfoPage, Kite363SitesKeepTheSourcesSpellingAndRelatedTrialIsATrialNode) {
  Extraction x = test::extract_with(kPlugin, kite363());
  const Entity* t = x.node("Trial", "NCT07038447");
  EXPECT_EQ(x.count("Site"), 5u);
  const Entity* concord = x.node("Site", site_key("Concord Repatriation General Hospital", "Syndey", "New South Wales", "Australia"));
  ASSERT_TRUE(concord);
  EXPECT_EQ(Extraction::prop(concord, "city"), "Syndey");
  const Entity* montreal = x.node("Site", site_key("Jewish General Hospital", "Montreal", "", "Canada"));
  ASSERT_TRUE(montreal);
  EXPECT_TRUE(x.edge("CONDUCTED_AT", t, montreal));
  const Entity* related = x.node("Trial", "NCT06888960");
  ASSERT_TRUE(related);
  EXPECT_EQ(related->name, "Safety Study of CC312 in Autoimmune Disease Patients");
  EXPECT_EQ(Extraction::prop(related, "status"), "") << "what the listing says stays on the edge";
  const Relation* r = x.edge("RELATED_TO", t, related);
  ASSERT_TRUE(r);
  EXPECT_EQ(Extraction::edge_prop(r, "listed_status"), "RECRUITING");
  EXPECT_EQ(Extraction::edge_prop(r, "listed_phase"), "EARLY_PHASE1");
}

TEST(BasicInfoPage, Ct1195eSponsorsWithCommasSiteStatusAndProductCodeAlias) {
  Extraction x = test::extract_with(kPlugin, ct1195e());
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_TRUE(x.problems.empty()) << x.problems.front();
  const Entity* t = x.node("Trial", "NCT07339332");
  const Entity* lead = x.node("Sponsor", "Union Hospital, Tongji Medical College, Huazhong University of Science and Technology");
  const Entity* collaborator = x.node("Sponsor", "CARsgen Therapeutics Co., Ltd.");
  EXPECT_EQ(Extraction::edge_prop(x.edge("SPONSORED_BY", t, lead), "role"), "lead");
  EXPECT_EQ(Extraction::edge_prop(x.edge("SPONSORED_BY", t, collaborator), "role"), "collaborator");
  EXPECT_EQ(Extraction::prop(collaborator, "class"), "INDUSTRY");
  const Entity* site = x.node("Site", site_key("Wuhan Union Hospita", "Wuhan", "Hubei", "China"));
  EXPECT_EQ(Extraction::edge_prop(x.edge("CONDUCTED_AT", t, site), "status"), "RECRUITING");
  EXPECT_EQ(Extraction::prop(t, "responsible_party"), "Qiubai Li");
  EXPECT_EQ(Extraction::prop(t, "phase"), "EARLY_PHASE1");
  EXPECT_EQ(Extraction::prop(t, "allocation"), "NA");
  const Entity* drug = x.node("Drug", "CT1195E");  // "CAR-T Therapy", described as "CT1195E cells infusion"
  ASSERT_TRUE(drug);
  EXPECT_EQ(drug->name, "CAR-T Therapy");
  EXPECT_TRUE(x.edge("TARGETS", drug, x.node("Antigen", "CD20")));
  EXPECT_TRUE(x.edge("RELATED_TO", t, x.node("Trial", "NCT06548620")));
}

TEST(BasicInfoPage, WindowsLineEndsAndExtraWhiteSpaceChangeNothing) {
  for (const std::string& page : {kite363(), ct1195e()}) {
    std::set<std::string> plain = test::extract_with(kPlugin, page).facts();
    EXPECT_EQ(test::extract_with(kPlugin, test::with_crlf(page)).facts(), plain);
    EXPECT_EQ(test::extract_with(kPlugin, test::with_extra_whitespace(page)).facts(), plain);
    EXPECT_EQ(test::detected_plugin("p.txt", test::with_crlf(test::with_extra_whitespace(page))), kPlugin);
  }
}

TEST(BasicInfoPage, ReorderedSectionsChangeNothing) {
  std::string page = kite363();
  // The responsible party ("SPONSOR") first, the sponsors it refers to near the end.
  std::string moved = page;
  std::string responsible = block(moved, "Responsible Party", "Principal Investigators");
  moved.erase(moved.find(responsible), responsible.size());
  moved.insert(moved.find("\nBasic Information\n"), responsible);
  std::string sponsors = block(moved, "Sponsors", "Principal Investigators");
  moved.erase(moved.find(sponsors), sponsors.size());
  moved.insert(moved.find("\nMore Related Trials\n"), sponsors);
  ASSERT_LT(moved.find("\nResponsible Party\n"), moved.find("\nSponsors\n"));
  EXPECT_EQ(test::extract_with(kPlugin, moved).facts(), test::extract_with(kPlugin, page).facts());
}

TEST(BasicInfoPage, HandWrittenPageWithoutInterventionsSectionOrLocations) {
  std::string page = test::read_text(test::source_dir() / "tests/fixtures/pages/basic_info_no_interventions_section.txt");
  ASSERT_EQ(test::detected_plugin("page.txt", page), kPlugin);
  Extraction x = test::extract_with(kPlugin, page);
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_TRUE(x.problems.empty()) << x.problems.front();
  const Entity* t = x.node("Trial", "NCT09999901");
  ASSERT_TRUE(t);
  EXPECT_EQ(Extraction::prop(t, "phase"), "PHASE1;PHASE2");
  EXPECT_EQ(Extraction::prop(t, "enrollment"), "1200");
  EXPECT_EQ(Extraction::prop(t, "max_age"), "");
  EXPECT_EQ(x.count("Site"), 0u);
  const Entity* drug = x.node("Drug", "BC-19 cells");
  ASSERT_TRUE(drug);
  EXPECT_EQ(Extraction::prop(drug, "intervention_type"), "BIOLOGICAL");
  EXPECT_EQ(Extraction::edge_prop(x.edge("TESTS", t, drug), "arms"), "Dose level 1;Dose level 2");
  EXPECT_EQ(Extraction::prop(x.node("Arm", "Dose level 1"), "description"), "Low dose");
  EXPECT_EQ(x.count("Arm"), 2u) << "the two-line description of the last intervention is not an arm";
  EXPECT_TRUE(x.edge("TARGETS", drug, x.node("Antigen", "BCMA")));
  EXPECT_TRUE(x.edge("TARGETS", drug, x.node("Antigen", "CD19")));
  EXPECT_TRUE(x.node("Sponsor", "First Hospital, Example University, Nanjing"));
  EXPECT_EQ(x.count("Sponsor"), 2u);
  EXPECT_FALSE(x.node("Disease", "multiple sclerosis")) << "named only in the exclusion criteria";
  EXPECT_TRUE(x.edge("RELATED_TO", t, x.node("Trial", "NCT07038447")));
  EXPECT_TRUE(x.edge("RELATED_TO", t, x.node("Trial", "NCT06888960")));
}

TEST(BasicInfoPage, APageCutOffInTheLocationsKeepsTheSitesBeforeTheCutAndSaysWhere) {
  std::string page = kite363();
  std::string cut = page.substr(0, page.find("Syndey, New South Wales"));
  Extraction x = test::extract_with(kPlugin, cut);
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_EQ(x.count("Site"), 2u);
  EXPECT_TRUE(x.problem_mentions("Locations: \"Concord Repatriation General Hospital\" has no \"Site Status\""));
  EXPECT_TRUE(x.node("Sponsor", "Kite, A Gilead Company"));
  EXPECT_FALSE(x.node("Trial", "NCT06888960"));
}

TEST(BasicInfoPage, APageCutOffEarlyReportsTheSectionsItLacks) {
  std::string page = kite363();
  Extraction x = test::extract_with(kPlugin, page.substr(0, page.find("Study Start Date")));
  ASSERT_TRUE(x.status.ok) << x.status.error;
  const Entity* t = x.node("Trial", "NCT07038447");
  EXPECT_EQ(Extraction::prop(t, "enrollment"), "52");
  for (const char* missing : {"Conditions", "Eligibility Criteria", "Sponsors"})
    EXPECT_TRUE(x.problem_mentions(std::string(missing) + ": the page has no")) << missing;
  EXPECT_FALSE(x.problem_mentions("Basic Information"));
  // Cut in the interventions: the intervention without its type line is reported, not guessed.
  std::string in_interventions = page.substr(0, page.rfind("Intervention Type DRUG"));
  Extraction y = test::extract_with(kPlugin, in_interventions);
  EXPECT_TRUE(y.problem_mentions("Interventions: \"Cyclophosphamide\" has no \"Intervention Type\""));
  EXPECT_TRUE(y.node("Drug", "fludarabine"));
}

TEST(BasicInfoPage, WithoutAnNctIdTheTrialIsKeyedByItsTitleAndThatIsReported) {
  std::string page = kite363();
  page.erase(page.find("NCT ID: NCT07038447"), std::string("NCT ID: NCT07038447").size());
  Extraction x = test::extract_with(kPlugin, page);
  ASSERT_TRUE(x.status.ok);
  EXPECT_TRUE(x.node("Trial", trial_key("", "A Study of KITE-363 in Participants With Refractory Autoimmune Diseases")));
  EXPECT_TRUE(x.problem_mentions("NCT ID"));
}

TEST(BasicInfoPage, DeclinesTheOtherPageFormats) {
  for (const char* other : {"000_28c1dc8020dd8ca9.txt", "003_d211caa4c2e8c5ce.txt", "004_12ad7b77f5f507e9.txt"}) {
    std::string bytes = test::read_text(test::examples_dir() / "seeds" / other);
    EXPECT_NE(test::detected_plugin(other, bytes), kPlugin) << other;
  }
}

}  // namespace
