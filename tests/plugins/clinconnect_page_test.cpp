// The ClinConnect page plugin on its seeds and on pages written to vary them: reordered sections,
// Windows line ends, extra white space, missing sections, a page cut off in the middle.
#include <gtest/gtest.h>

#include "extraction.hpp"

namespace {
using namespace trialgraph;
using test::Extraction;

const char* kPlugin = "clinconnect-page";

std::string sample(const char* name) {
  return test::read_text(test::source_dir() / "plugins/clinconnect-page/samples" / name);
}
std::string allo329() { return sample("000_28c1dc8020dd8ca9.txt"); }
std::string cc312() { return sample("003_d211caa4c2e8c5ce.txt"); }

// The page without the section under `heading` (up to the next line that starts a section).
std::string without_section(const std::string& page, const std::string& heading, const std::string& next) {
  std::size_t from = page.find("\n" + heading + "\n"), to = page.find("\n" + next + "\n");
  EXPECT_NE(from, std::string::npos);
  EXPECT_NE(to, std::string::npos);
  return page.substr(0, from) + page.substr(to);
}

TEST(ClinConnectPage, Allo329PageWithoutNctIdIsKeyedByItsTitle) {
  Extraction x = test::extract_with(kPlugin, allo329());
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_TRUE(x.problems.empty()) << x.problems.front();
  ASSERT_EQ(x.count("Trial"), 1u);
  const Entity& trial = x.entities.front();
  EXPECT_EQ(trial.key.rfind("title:", 0), 0u) << trial.key;
  EXPECT_EQ(Extraction::prop(&trial, "nct_id"), "");
  EXPECT_EQ(Extraction::prop(&trial, "status"), "RECRUITING");
  EXPECT_EQ(Extraction::prop(&trial, "sex"), "ALL");
  EXPECT_EQ(Extraction::prop(&trial, "launched"), "2025-07-23");
  EXPECT_EQ(Extraction::prop(&trial, "officials"), "Allogene Study Director (STUDY_DIRECTOR, Allogene Therapeutics, Inc.)");
}

TEST(ClinConnectPage, SponsorInCapitalsAboutAndIncIsOneOrganization) {
  Extraction x = test::extract_with(kPlugin, allo329());
  ASSERT_EQ(x.count("Sponsor"), 1u);
  const Entity* sponsor = x.node("Sponsor", "Allogene Therapeutics");
  ASSERT_TRUE(sponsor);
  EXPECT_EQ(sponsor->name, "Allogene Therapeutics");  // the page's "About" spelling, not its capitals
  EXPECT_EQ(sponsor->key, sponsor_key("ALLOGENE THERAPEUTICS"));
  EXPECT_EQ(sponsor->key, sponsor_key("Allogene Therapeutics, Inc."));
  EXPECT_EQ(Extraction::edge_prop(x.edge("SPONSORED_BY", &x.entities.front(), sponsor), "role"), "lead");
}

TEST(ClinConnectPage, TheProductTheTitleNamesIsTestedAndTargetsItsAntigens) {
  Extraction x = test::extract_with(kPlugin, allo329());
  const Entity* trial = &x.entities.front();
  const Entity* drug = x.node("Drug", "ALLO-329");
  ASSERT_TRUE(drug);
  EXPECT_TRUE(x.edge("TESTS", trial, drug));
  EXPECT_TRUE(x.edge("TARGETS", drug, x.node("Antigen", "CD19")));
  EXPECT_TRUE(x.edge("TARGETS", drug, x.node("Antigen", "CD70")));
  EXPECT_EQ(x.count("Drug"), 1u) << "no drug of the eligibility criteria is a tested one";
}

TEST(ClinConnectPage, LocationsAreCityStateCountryWithEmptyStateAllowed) {
  Extraction a = test::extract_with(kPlugin, allo329());
  const Entity* durham = a.node("Site", site_key("", "Durham", "North Carolina", "United States"));
  ASSERT_TRUE(durham);
  EXPECT_EQ(Extraction::prop(durham, "state"), "North Carolina");
  Extraction c = test::extract_with(kPlugin, cc312());
  ASSERT_EQ(c.count("Site"), 1u);
  const Entity* tianjin = c.node("Site", site_key("", "Tianjin", "", "China"));
  ASSERT_TRUE(tianjin);
  EXPECT_EQ(Extraction::prop(tianjin, "city"), "Tianjin");
  EXPECT_EQ(Extraction::prop(tianjin, "state"), "");
  EXPECT_EQ(Extraction::prop(tianjin, "country"), "China");
}

TEST(ClinConnectPage, Cc312PageKeepsItsNctIdAndOnlyStudiedDiseases) {
  Extraction x = test::extract_with(kPlugin, cc312());
  ASSERT_TRUE(x.status.ok);
  const Entity* trial = x.node("Trial", "NCT06888960");
  ASSERT_TRUE(trial);
  EXPECT_TRUE(x.edge("TESTS", trial, x.node("Drug", "CC312")));
  EXPECT_TRUE(x.edge("STUDIES", trial, x.node("Disease", "systemic lupus erythematosus")));
  EXPECT_TRUE(x.edge("STUDIES", trial, x.node("Disease", "rheumatoid arthritis")));
  for (const char* excluded : {"lupus nephritis", "tuberculosis", "epilepsy"})
    EXPECT_FALSE(x.node("Disease", excluded)) << excluded << " is named only in exclusion criteria";
  EXPECT_TRUE(x.node("Sponsor", "Cytocares Inc"));
}

TEST(ClinConnectPage, WindowsLineEndsAndExtraWhiteSpaceChangeNothing) {
  for (const std::string& page : {allo329(), cc312()}) {
    std::set<std::string> plain = test::extract_with(kPlugin, page).facts();
    EXPECT_EQ(test::extract_with(kPlugin, test::with_crlf(page)).facts(), plain);
    EXPECT_EQ(test::extract_with(kPlugin, test::with_extra_whitespace(page)).facts(), plain);
    EXPECT_EQ(test::detected_plugin("p.txt", test::with_crlf(test::with_extra_whitespace(page))), kPlugin);
  }
}

TEST(ClinConnectPage, ReorderedSectionsChangeNothing) {
  std::string page = cc312();
  std::string locations = "\nLocations\n\nTianjin, , China\n";
  std::size_t at = page.find(locations);
  ASSERT_NE(at, std::string::npos);
  std::string moved = page.substr(0, at) + page.substr(at + locations.size());
  moved.insert(moved.find("\nGender\n"), locations);
  EXPECT_EQ(test::extract_with(kPlugin, moved).facts(), test::extract_with(kPlugin, page).facts());
}

TEST(ClinConnectPage, HandWrittenPageReorderedWithCrlfAndNoLaunchedByLine) {
  std::string page = test::read_text(test::source_dir() / "tests/fixtures/pages/clinconnect_reordered_crlf.txt");
  ASSERT_EQ(test::detected_plugin("page.txt", page), kPlugin);
  Extraction x = test::extract_with(kPlugin, page);
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_TRUE(x.problems.empty()) << x.problems.front();
  const Entity& trial = x.entities.front();
  EXPECT_EQ(trial.name, "Anti-CD19 CAR-T Cells (XYZ-101) for Refractory Myasthenia Gravis");
  EXPECT_EQ(Extraction::prop(&trial, "status"), "NOT_YET_RECRUITING");
  EXPECT_EQ(Extraction::prop(&trial, "phase"), "PHASE1");
  EXPECT_EQ(Extraction::prop(&trial, "first_submitted"), "2026-02-02");
  EXPECT_EQ(Extraction::prop(&trial, "start_date"), "2026-03-01");
  EXPECT_EQ(Extraction::prop(&trial, "completion_date"), "2028-12");
  EXPECT_EQ(Extraction::prop(&trial, "last_updated"), "") << "\"Trial updated\" has no date on this page";
  EXPECT_TRUE(x.node("Sponsor", "Hangzhou XYZ Biotech"));
  EXPECT_TRUE(x.node("Site", site_key("", "Shanghai", "", "China")));
  const Entity* drug = x.node("Drug", "XYZ-101");
  EXPECT_TRUE(x.edge("TESTS", &trial, drug));
  EXPECT_TRUE(x.edge("TARGETS", drug, x.node("Antigen", "CD19")));
  EXPECT_FALSE(x.node("Drug", "cyclophosphamide")) << "lymphodepletion named in a summary is not the product";
  EXPECT_FALSE(x.node("Drug", "rituximab"));
  EXPECT_TRUE(x.edge("STUDIES", &trial, x.node("Disease", "myasthenia gravis")));
  EXPECT_FALSE(x.node("Disease", "systemic lupus erythematosus"));
}

TEST(ClinConnectPage, MissingSectionsLeaveTheRestAndAreReported) {
  std::string page = without_section(cc312(), "Locations", "Patients applied");
  Extraction x = test::extract_with(kPlugin, page);
  ASSERT_TRUE(x.status.ok);
  EXPECT_EQ(x.count("Site"), 0u);
  EXPECT_TRUE(x.problems.empty()) << "a trial without sites is no error";
  EXPECT_TRUE(x.node("Drug", "CC312"));

  Extraction y = test::extract_with(kPlugin, without_section(cc312(), "Trial Information", "Keywords"));
  ASSERT_TRUE(y.status.ok);
  EXPECT_EQ(Extraction::prop(y.node("Trial", "NCT06888960"), "status"), "");
  EXPECT_TRUE(y.problem_mentions("Trial Information"));
  EXPECT_TRUE(y.node("Site", site_key("", "Tianjin", "", "China")));
}

TEST(ClinConnectPage, APageCutOffInTheMiddleKeepsWhatIsThereAndSaysSo) {
  std::string page = allo329();
  std::string cut = page.substr(0, page.find("Child-Pugh"));
  Extraction x = test::extract_with(kPlugin, cut);
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_TRUE(x.problem_mentions("cut off"));
  EXPECT_TRUE(x.node("Drug", "ALLO-329"));
  EXPECT_TRUE(x.node("Sponsor", "Allogene Therapeutics"));
  EXPECT_EQ(x.count("Site"), 0u);

  Extraction title_only = test::extract_with(kPlugin, page.substr(0, page.find("\n")));
  EXPECT_TRUE(title_only.status.ok);
  EXPECT_TRUE(title_only.problem_mentions("no sponsor"));
}

TEST(ClinConnectPage, DeclinesTheOtherPageFormats) {
  for (const char* other : {"001_9e5d369111f51d11.txt", "002_f828998f6d1fec56.txt", "004_12ad7b77f5f507e9.txt"}) {
    std::string bytes = test::read_text(test::examples_dir() / "seeds" / other);
    EXPECT_NE(test::detected_plugin(other, bytes), kPlugin) << other;
  }
}

}  // namespace
