// The legacy XML plugin on real records and on broken variants of them: cut off, in the wrong
// encoding, in UTF-16, with and without the XML declaration, not a study at all.
#include <gtest/gtest.h>

#include <filesystem>

#include "extraction.hpp"

namespace {
using namespace trialgraph;
using test::Extraction;
namespace fs = std::filesystem;

const char* kPlugin = "ctgov-xml";

std::string sample(const std::string& name) {
  return test::read_text(test::source_dir() / "plugins/ctgov-xml/samples" / name);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(CtgovXml, RecordGivesEveryFieldOfTheContract) {
  Extraction x = test::extract_with(kPlugin, sample("NCT00023673.xml"), "NCT00023673.xml");
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_TRUE(x.problems.empty());
  const Entity* t = x.node("Trial", "NCT00023673");
  ASSERT_TRUE(t);
  EXPECT_EQ(Extraction::prop(t, "status"), "COMPLETED");
  EXPECT_EQ(Extraction::prop(t, "phase"), "PHASE1;PHASE2") << "\"Phase 1/Phase 2\" is both phases";
  EXPECT_EQ(Extraction::prop(t, "enrollment"), "63");
  EXPECT_EQ(Extraction::prop(t, "enrollment_type"), "ACTUAL");
  EXPECT_EQ(Extraction::prop(t, "start_date"), "2001-07") << "\"July 2001\" stays month-only";
  EXPECT_EQ(Extraction::prop(t, "study_type"), "INTERVENTIONAL");
  EXPECT_EQ(Extraction::prop(t, "intervention_model"), "SINGLE_GROUP");
  EXPECT_EQ(Extraction::prop(t, "sex"), "ALL");
  EXPECT_EQ(Extraction::prop(t, "org_study_id"), "RTOG L-0117");
  EXPECT_EQ(Extraction::prop(t, "pmids"), "20368547;20457350");
  EXPECT_EQ(Extraction::prop(t, "countries"), "Canada;United States");
  EXPECT_NE(Extraction::prop(t, "officials").find("Jeffrey Bradley, MD (STUDY_CHAIR"), std::string::npos);

  const Relation* lead = x.edge("SPONSORED_BY", t, x.node("Sponsor", "Radiation Therapy Oncology Group"));
  EXPECT_EQ(Extraction::edge_prop(lead, "role"), "lead");
  const Relation* nci = x.edge("SPONSORED_BY", t, x.node("Sponsor", "National Cancer Institute (NCI)"));
  EXPECT_EQ(Extraction::edge_prop(nci, "role"), "collaborator");
  EXPECT_EQ(Extraction::prop(x.node("Sponsor", "National Cancer Institute (NCI)"), "class"), "NIH");

  EXPECT_TRUE(x.edge("STUDIES", t, x.node("Disease", "Lung Cancer")));
  const Relation* carboplatin = x.edge("TESTS", t, x.node("Drug", "carboplatin"));
  ASSERT_TRUE(carboplatin);
  EXPECT_NE(Extraction::edge_prop(carboplatin, "arms").find("Phase II: 74 Gy/37 fx + chemotherapy"), std::string::npos);
  EXPECT_EQ(x.count("Arm"), 4u);
  EXPECT_EQ(x.count("Site"), 41u);
  const Entity* mobile = x.node("Site", "Mobile Infirmary Medical Center");
  ASSERT_TRUE(mobile);
  EXPECT_EQ(Extraction::prop(mobile, "city"), "Mobile");
  EXPECT_TRUE(x.edge("CONDUCTED_AT", t, mobile));
}

TEST(CtgovXml, MeshTermsCodeTheConditionsTheyName) {
  Extraction x = test::extract_with(kPlugin, sample("NCT01207388.xml"), "NCT01207388.xml");
  ASSERT_TRUE(x.status.ok) << x.status.error;
  std::size_t from_mesh = 0;
  for (const Relation& r : x.relations)
    from_mesh += r.type == "STUDIES" && Extraction::edge_prop(&r, "section") == "condition_mesh";
  EXPECT_GT(from_mesh, 0u) << "condition_browse/mesh_term becomes STUDIES {section: condition_mesh}";
}

TEST(CtgovXml, DeclarationAndLineEndsChangeNothing) {
  std::string xml = sample("NCT00023673.xml");  // declared, CRLF line ends
  std::set<std::string> facts = test::extract_with(kPlugin, xml).facts();
  std::string undeclared = xml.substr(xml.find("?>") + 2);
  EXPECT_EQ(test::extract_with(kPlugin, undeclared).facts(), facts);
  std::string lf;
  for (char c : xml)
    if (c != '\r') lf += c;
  EXPECT_EQ(test::extract_with(kPlugin, lf).facts(), facts);
}

TEST(CtgovXml, CutOffFileKeepsWhatPrecedesTheCutAndSaysWhere) {
  std::string xml = sample("NCT00023673.xml");
  Extraction x = test::extract_with(kPlugin, xml.substr(0, xml.find("<location>")));
  ASSERT_TRUE(x.status.ok) << x.status.error;
  ASSERT_EQ(x.problems.size(), 1u);
  EXPECT_TRUE(x.problem_mentions("not well-formed XML")) << x.problems.front();
  EXPECT_TRUE(x.problem_mentions("line ")) << x.problems.front();
  EXPECT_TRUE(x.edge("TESTS", x.node("Trial", "NCT00023673"), x.node("Drug", "paclitaxel")));

  Extraction early = test::extract_with(kPlugin, xml.substr(0, xml.find("<nct_id>") + 10));
  EXPECT_FALSE(early.status.ok) << "cut before its id, nothing identifies the trial";
  EXPECT_NE(early.status.error.find("not well-formed XML"), std::string::npos) << early.status.error;
}

TEST(CtgovXml, BytesThatAreNotUtf8AreReadAsWindows1252AndReported) {
  std::string xml = sample("NCT00023673.xml");
  xml = replaced(xml, "Mobile Infirmary Medical Center", "H\xF4pital Mobile");  // Latin-1 ô
  Extraction x = test::extract_with(kPlugin, xml);
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_TRUE(x.problem_mentions("not valid UTF-8")) << (x.problems.empty() ? "" : x.problems.front());
  EXPECT_TRUE(x.node("Site", "H\xC3\xB4pital Mobile")) << "the letter is kept, as UTF-8";

  // Declared as Latin-1, the same bytes are simply right.
  std::string declared = replaced(xml, "encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");
  Extraction y = test::extract_with(kPlugin, declared);
  ASSERT_TRUE(y.status.ok) << y.status.error;
  EXPECT_TRUE(y.problems.empty());
  EXPECT_TRUE(y.node("Site", "H\xC3\xB4pital Mobile"));
}

TEST(CtgovXml, Utf16FileReadsLikeUtf8) {
  std::string xml = sample("NCT00023673.xml");
  std::string utf16 = test::utf16le_of(replaced(xml, "encoding=\"UTF-8\"", "encoding=\"UTF-16\""));
  EXPECT_EQ(test::detected_plugin("NCT00023673.xml", utf16), kPlugin);
  Extraction x = test::extract_with(kPlugin, utf16);
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_EQ(x.facts(), test::extract_with(kPlugin, xml).facts());
}

TEST(CtgovXml, OtherXmlIsNotAStudy) {
  Extraction x = test::extract_with(kPlugin, "<?xml version=\"1.0\"?>\n<rss><channel/></rss>\n");
  EXPECT_FALSE(x.status.ok);
  EXPECT_NE(x.status.error.find("root element is <rss>"), std::string::npos) << x.status.error;
  EXPECT_FALSE(test::extract_with(kPlugin, "").status.ok);
  EXPECT_FALSE(test::extract_with(kPlugin, "just text, no markup").status.ok);
}

TEST(CtgovXml, SeveralStudiesUnderOneRootAreEachATrial) {
  std::string a = sample("NCT00023673.xml"), b = sample("NCT01207388.xml");
  auto body = [](const std::string& xml) { return xml.substr(xml.find("<clinical_study")); };
  Extraction x = test::extract_with(kPlugin, "<search_results>\n" + body(a) + body(b) + "</search_results>\n");
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_TRUE(x.node("Trial", "NCT00023673"));
  EXPECT_TRUE(x.node("Trial", "NCT01207388"));
}

TEST(CtgovXml, IdentifiesStudiesSureAndOtherXmlMaybe) {
  EXPECT_EQ(test::detected_plugin("study.xml", sample("NCT00023673.xml")), kPlugin);
  EXPECT_EQ(test::detected_plugin("record", "<clinical_study><id_info/></clinical_study>"), kPlugin)
      << "the root element decides, whatever the file's name";
  EXPECT_EQ(test::detected_plugin("feed.xml", "<rss/>"), kPlugin) << "an .xml file gets this plugin's error";
}

TEST(CtgovXml, EveryRegistryXmlRecordReads) {
  std::vector<fs::path> files = test::shared_files("xml", {".xml"});
  if (files.empty()) GTEST_SKIP() << "no ../shared/data/xml beside the repository";
  for (const fs::path& f : files) test::expect_reads_cleanly(kPlugin, f);
  EXPECT_EQ(files.size(), 255u);
}

}  // namespace
