// RDF Turtle, the text escaping both exporters share, and writing output files.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <unistd.h>

#include "test_support.hpp"
#include "text_escape.hpp"
#include "trialgraph/exporters.hpp"
#include "trialgraph/keys.hpp"

namespace {

using namespace trialgraph;
namespace fs = std::filesystem;

bool has(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }

std::string turtle(const Graph& g, const std::string& base = "https://x.org/id/") {
  std::ostringstream out;
  ExportOptions options;
  options.base_iri = base;
  write_turtle(g, out, options);
  return out.str();
}

Graph sample_graph() {
  Graph g;
  g.merge_entity({"Trial", "NCT01234567", "Say \"hi\" to C:\\dir\nnext line", {},
                  {{"nct_id", std::string("NCT01234567")},
                   {"start_date", std::string("2023-06-15")},
                   {"completion_date", std::string("2025-12")},
                   {"first_posted", std::string("2023-07-01")},
                   {"enrollment", std::int64_t(120)},
                   {"healthy_volunteers", true}}},
                 "a.json");
  g.merge_entity({"Disease", "D008180", "Lupus Erythematosus, Systemic", {},
                  {{"mesh_id", std::string("D008180")}}}, "a.json");
  g.merge_entity({"Sponsor", "acme pharma", "Acme Pharma", {}, {}}, "a.json");
  g.merge_entity({"Site", "h|madrid||spain", "H", {}, {{"lat", 40.4165}}}, "a.json");
  g.merge_relation({"SPONSORED_BY", {"Trial", "NCT01234567"}, {"Sponsor", "acme pharma"},
                    {{"role", std::string("lead")}}}, "a.json");
  g.merge_relation({"STUDIES", {"Trial", "NCT01234567"}, {"Disease", "D008180"}, {}}, "a.json");
  return g;
}

// --- Turtle ------------------------------------------------------------------------------------

TEST(Turtle, DeclaresPrefixes) {
  std::string out = turtle(sample_graph());
  for (const char* p : {"@prefix schema: <http://schema.org/> .",
                        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .",
                        "@prefix CLINICALTRIALS: <http://identifiers.org/clinicaltrials/> .",
                        "@prefix MESH: <http://id.nlm.nih.gov/mesh/> .",
                        "@prefix tg: <https://w3id.org/trialgraph/vocab#> ."})
    EXPECT_TRUE(has(out, p)) << p;
}

TEST(Turtle, TrialWithNctIdIsAClinicalTrialsIri) {
  std::string out = turtle(sample_graph());
  EXPECT_TRUE(has(out, "\nCLINICALTRIALS:NCT01234567 a tg:Trial, schema:MedicalTrial")) << out;
}

TEST(Turtle, DiseaseWithMeshIdIsAMeshIri) {
  std::string out = turtle(sample_graph());
  EXPECT_TRUE(has(out, "\nMESH:D008180 a tg:Disease")) << out;
  EXPECT_TRUE(has(out, "    schema:healthCondition MESH:D008180 .")) << out;
  EXPECT_TRUE(has(out, "    rdf:object MESH:D008180 ;")) << out;
}

TEST(Turtle, LocalEntitiesAreUnderTheBaseWithAPrefixForEachKind) {
  std::string out = turtle(sample_graph(), "https://x.org/id/");
  for (const char* kind : {"sponsor", "site", "trial", "disease", "statement", "source"})
    EXPECT_TRUE(has(out, std::string("@prefix ") + kind + ": <https://x.org/id/" + kind + "/> .")) << kind;
  EXPECT_TRUE(has(out, "\nsponsor:acme-pharma a tg:Sponsor")) << out;
  EXPECT_TRUE(has(out, "\nsite:h--madrid----spain a tg:Site"));
  EXPECT_TRUE(has(out, "schema:sponsor sponsor:acme-pharma ;")) << out;
  EXPECT_TRUE(has(out, "\nstatement:"));
  EXPECT_TRUE(has(out, "\nsource:" + slug("a.json") + " a prov:Entity"));
  EXPECT_FALSE(has(out, "w3id.org/trialgraph/id/"));
}

// A kind whose name would clash with a vocabulary prefix or is no prefix name, and a slug that is
// no plain local name, are spelled whole.
TEST(Turtle, WhatNoPrefixCanSpellIsAWholeIri) {
  Graph g;
  g.merge_entity({"Schema", "x", "X", {}, {}}, "s");
  g.merge_entity({"Adverse Event", "rash", "Rash", {}, {}}, "s");
  g.merge_entity({"Drug", ".", "Dot", {}, {}}, "s");
  std::string out = turtle(g);
  EXPECT_FALSE(has(out, "@prefix schema: <https://x.org/id/")) << out;
  EXPECT_TRUE(has(out, "\n<https://x.org/id/schema/x> a tg:Schema")) << out;
  EXPECT_TRUE(has(out, "\n<https://x.org/id/adverse%20event/rash> a")) << out;
  EXPECT_TRUE(has(out, "@prefix drug: <https://x.org/id/drug/> ."));
  EXPECT_TRUE(has(out, "\n<https://x.org/id/drug/" + slug(".") + "> a tg:Drug")) << out;
}

// With the base just above MeSH's namespace, a local kind "mesh" declares that namespace again:
// a MeSH IRI takes the first prefix declared for it, whichever way the writer finds it.
TEST(Turtle, ANamespaceDeclaredTwiceTakesItsFirstPrefix) {
  Graph g;
  g.merge_entity({"Disease", "D008180", "Lupus", {}, {{"mesh_id", std::string("D008180")}}}, "s");
  g.merge_entity({"Mesh", "d1", "D1", {}, {}}, "s");
  g.merge_relation({"RELATED_TO", {"Mesh", "d1"}, {"Disease", "D008180"}, {}}, "s");
  std::string out = turtle(g, "http://id.nlm.nih.gov/");
  EXPECT_TRUE(has(out, "@prefix mesh: <http://id.nlm.nih.gov/mesh/> .")) << out;
  EXPECT_TRUE(has(out, "\nmesh:D008180 a tg:Disease")) << out;
  EXPECT_TRUE(has(out, "\nmesh:d1 rdfs:seeAlso mesh:D008180 .")) << out;
  EXPECT_FALSE(has(out, "MESH:D008180")) << out;
}

// A class IRI is tg:<label>: a 40-byte label takes the prefix only if every byte can be in a
// local name, wherever the one that cannot stands (the bytes next to the ranges allowed, too).
TEST(Turtle, ALocalNameWithAByteItCannotHoldAnywhereIsSpelledWhole) {
  const std::string plain = "Abcdefghij_klmnopqrstuvwxyz-0123456789.Z";
  ASSERT_EQ(plain.size(), 40u);
  auto class_spelled = [](const std::string& label) {
    Graph g;
    g.merge_entity({label, "x", "X", {}, {}}, "s");
    std::string out = turtle(g);
    return has(out, " a tg:" + label + " ;") ? "prefixed" : has(out, " a <https://w3id.org/trialgraph/vocab#") ? "whole" : "?";
  };
  EXPECT_STREQ(class_spelled(plain), "prefixed");
  for (char bad : std::string("@[`{/: ~\x7f\xc3", 10))
    for (std::size_t at = 1; at < plain.size(); ++at) {
      std::string label = plain;
      label[at] = bad;
      if (bad == '\xc3') label.insert(at + 1, "\xa9");  // é, two bytes
      EXPECT_STREQ(class_spelled(label), "whole") << "byte " << int(static_cast<unsigned char>(bad)) << " at " << at;
    }
}

TEST(Turtle, TrialWithoutNctIdIsLocal) {
  Graph g;
  g.merge_entity({"Trial", "title:car t for lupus", "CAR-T for Lupus", {}, {}}, "s");
  std::string out = turtle(g);
  EXPECT_TRUE(has(out, "\ntrial:" + slug("title:car t for lupus") + " a tg:Trial")) << out;
  EXPECT_TRUE(has(out, "\ntrial:title-car-t-for-lupus---")) << out;
  EXPECT_FALSE(has(out, "CLINICALTRIALS:title"));
}

// The registry has both: one site written with and without its accent is two nodes, so two IRIs.
TEST(Turtle, SitesWhoseKeysDifferOnlyByAnAccentAreTwoSubjects) {
  Graph g;
  g.merge_entity({"Site", site_key("Research Site S8", "Créteil", "", "France"), "Research Site S8", {}, {}}, "s");
  g.merge_entity({"Site", site_key("Research Site S8", "Creteil", "", "France"), "Research Site S8", {}, {}}, "s");
  std::string out = turtle(g);
  EXPECT_TRUE(has(out, "\nsite:research-site-s8--creteil----france a tg:Site")) << out;
  EXPECT_TRUE(has(out, "\nsite:research-site-s8--creteil----france---")) << out;
}

TEST(Turtle, IdNotUsableAsLocalNameFallsBackToTheBase) {
  Graph g;
  g.merge_entity({"Disease", "bad id", "X", {}, {{"mesh_id", std::string("bad id")}}}, "s");
  std::string out = turtle(g);
  EXPECT_FALSE(has(out, "MESH:bad")) << out;
  EXPECT_TRUE(has(out, "\ndisease:bad-id a tg:Disease"));
}

TEST(Turtle, EscapesQuotesBackslashesAndNewlines) {
  std::string out = turtle(sample_graph());
  EXPECT_TRUE(has(out, R"(schema:name "Say \"hi\" to C:\\dir\nnext line")")) << out;
  EXPECT_FALSE(has(out, "next line\n"));
}

TEST(Turtle, DatesAreTyped) {
  std::string out = turtle(sample_graph());
  EXPECT_TRUE(has(out, R"(schema:startDate "2023-06-15"^^xsd:date)")) << out;
  EXPECT_TRUE(has(out, R"(schema:endDate "2025-12"^^xsd:gYearMonth)"));
  EXPECT_TRUE(has(out, R"(tg:firstPosted "2023-07-01"^^xsd:date)"));
}

TEST(Turtle, NumbersAndBooleansAreTyped) {
  std::string out = turtle(sample_graph());
  EXPECT_TRUE(has(out, R"(biolink:clinical_trial_enrollment "120"^^xsd:integer)")) << out;
  EXPECT_TRUE(has(out, R"(schema:latitude "40.4165"^^xsd:double)"));
  EXPECT_TRUE(has(out, "tg:healthyVolunteers true"));
}

// The facts about a node are spelled under its name once, sites sharing their predicate; the
// statements about them come after all of them.
TEST(Turtle, ANodesFactsShareItsNameAndComeBeforeTheirStatements) {
  Graph g = sample_graph();
  for (const char* site : {"h|madrid||spain", "k|lyon||france"}) {
    g.merge_entity({"Site", site, site, {}, {}}, "a.json");
    g.merge_relation({"CONDUCTED_AT", {"Trial", "NCT01234567"}, {"Site", site}, {}}, "a.json");
  }
  std::string out = turtle(g);
  const std::string facts =
      "\nCLINICALTRIALS:NCT01234567 schema:location site:h--madrid----spain, site:k--lyon----france ;\n"
      "    schema:sponsor sponsor:acme-pharma ;\n"
      "    tg:leadSponsor sponsor:acme-pharma ;\n"
      "    schema:healthCondition MESH:D008180 .\n"
      "statement:";
  EXPECT_TRUE(has(out, facts)) << out;
  std::size_t after = out.find(facts);
  EXPECT_EQ(out.find("rdf:subject CLINICALTRIALS:NCT01234567", after),
            out.find("rdf:subject CLINICALTRIALS:NCT01234567"));
  EXPECT_EQ(out.find("\nCLINICALTRIALS:NCT01234567 schema:"), after) << "one group of facts";
}

TEST(Turtle, LeadSponsorIsMarked) {
  std::string out = turtle(sample_graph());
  EXPECT_TRUE(has(out, "CLINICALTRIALS:NCT01234567 schema:sponsor sponsor:acme-pharma ;\n    tg:leadSponsor sponsor:acme-pharma ;")) << out;
  EXPECT_FALSE(has(out, "schema:funder"));
}

TEST(Turtle, ControlCharactersAndInvalidUtf8AreReplaced) {
  Graph g;
  g.merge_entity({"Drug", "x", "a\x01" "b\xff", {}, {{"description", std::string("\x1b[0m")}}}, "s");
  std::string out = turtle(g);
  EXPECT_EQ(out.find('\x01'), std::string::npos);
  EXPECT_EQ(out.find('\xff'), std::string::npos);
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_TRUE(has(out, "\"a\xEF\xBF\xBD" "b\xEF\xBF\xBD\""));
}

TEST(ValidBaseIri, AcceptsAnAbsoluteIriEndingInSlashOrHash) {
  EXPECT_TRUE(valid_base_iri("https://x.org/id/"));
  EXPECT_TRUE(valid_base_iri("https://x.org/vocab#"));
  EXPECT_TRUE(valid_base_iri("urn:example:trialgraph/"));
}

TEST(ValidBaseIri, RejectsWhatCannotBeABase) {
  EXPECT_FALSE(valid_base_iri("not an iri"));
  EXPECT_FALSE(valid_base_iri("https://x.org/a b/"));
  EXPECT_FALSE(valid_base_iri("https://x.org/id"));     // would glue names onto the last segment
  EXPECT_FALSE(valid_base_iri("/relative/"));
  EXPECT_FALSE(valid_base_iri("https://x.org/<id>/"));
  EXPECT_FALSE(valid_base_iri(""));
}

// --- text_escape.hpp ---------------------------------------------------------------------------

TEST(ValidXmlText, KeepsValidText) {
  EXPECT_EQ(detail::valid_xml_text("Sjögren, 中国\t\n\r ok"), "Sjögren, 中国\t\n\r ok");
}

TEST(ValidXmlText, ReplacesControlsAndInvalidUtf8) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(detail::valid_xml_text("a\x01" "b"), "a" + r + "b");
  EXPECT_EQ(detail::valid_xml_text("a\xff" "b"), "a" + r + "b");
  EXPECT_EQ(detail::valid_xml_text("\xc3"), r);                // truncated sequence
  EXPECT_EQ(detail::valid_xml_text("\xEF\xBF\xBE"), r);        // U+FFFE is not an XML character
  std::string overlong = detail::valid_xml_text("\xC0\xAF");  // overlong '/'
  EXPECT_EQ(overlong.find('/'), std::string::npos);
  EXPECT_EQ(overlong.find('\xC0'), std::string::npos);
  std::string surrogate = detail::valid_xml_text("\xED\xA0\x80");
  EXPECT_EQ(surrogate.find('\xED'), std::string::npos);
}

TEST(XmlEscape, EscapesMarkup) {
  EXPECT_EQ(detail::xml_escape("a<b>&\"c\"\r"), "a&lt;b&gt;&amp;&quot;c&quot;&#13;");
  EXPECT_EQ(detail::xml_escape("x\x02"), "x\xEF\xBF\xBD");
}

TEST(TurtleEscape, EscapesQuotesBackslashesAndLineBreaks) {
  EXPECT_EQ(detail::turtle_escape("say \"hi\"\\\n\r\t"), "say \\\"hi\\\"\\\\\\n\\r\\t");
  EXPECT_EQ(detail::turtle_escape("x\x01"), "x\xEF\xBF\xBD");
}

TEST(FormatDouble, RoundTrips) {
  for (double d : {40.4165, -3.70256, 0.1 + 0.2, 1e-7, 123456789.125}) {
    std::string s = detail::format_double(d);
    EXPECT_EQ(std::strtod(s.c_str(), nullptr), d) << s;
  }
  EXPECT_EQ(detail::format_double(40.4165), "40.4165");
  EXPECT_EQ(detail::format_double(-3.70256), "-3.70256");
}

// --- formats and files -------------------------------------------------------------------------

TEST(OutputFormat, FromNameAndPath) {
  EXPECT_EQ(format_from_name("graphml"), OutputFormat::graphml);
  EXPECT_EQ(format_from_name("turtle"), OutputFormat::turtle);
  EXPECT_EQ(format_from_name("ttl"), OutputFormat::turtle);
  EXPECT_FALSE(format_from_name("csv"));
  EXPECT_EQ(format_from_name("ntriples"), OutputFormat::ntriples);
  EXPECT_EQ(format_from_name("nq"), OutputFormat::nquads);
  EXPECT_EQ(format_from_name("neo4j-csv"), OutputFormat::neo4j_csv);
  EXPECT_EQ(format_from_path("g.nt"), OutputFormat::ntriples);
  EXPECT_EQ(format_from_path("g.nq"), OutputFormat::nquads);
  EXPECT_FALSE(format_from_path("csv-folder"));
  EXPECT_EQ(format_from_path("out/g.graphml"), OutputFormat::graphml);
  EXPECT_EQ(format_from_path("g.ttl"), OutputFormat::turtle);
  EXPECT_FALSE(format_from_path("g.json"));
}

// A fresh folder removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("trialgraph-export-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  bool has_temp_files() const {
    for (const auto& e : fs::directory_iterator(path))
      if (e.path().filename().string().find(".tmp-") != std::string::npos) return true;
    return false;
  }
};

TEST(ExportToFile, WritesGraphmlAndLeavesNoTemporaryFile) {
  TempDir dir;
  fs::path target = dir.path / "graph.graphml";
  std::string error;
  Graph g = sample_graph();
  ASSERT_TRUE(export_to_file(g, target, OutputFormat::graphml, {}, error)) << error;
  std::ostringstream expected;
  write_graphml(g, expected);
  EXPECT_EQ(test::read_text(target), expected.str());
  EXPECT_FALSE(dir.has_temp_files());
}

TEST(ExportToFile, WritesTurtleWithTheBaseAndReplacesAnOldFile) {
  TempDir dir;
  fs::path target = dir.path / "graph.ttl";
  { std::ofstream(target) << "old content"; }
  std::string error;
  ExportOptions options;
  options.base_iri = "https://x.org/id/";
  ASSERT_TRUE(export_to_file(sample_graph(), target, OutputFormat::turtle, options, error)) << error;
  std::string text = test::read_text(target);
  EXPECT_FALSE(has(text, "old content"));
  EXPECT_TRUE(has(text, "@prefix sponsor: <https://x.org/id/sponsor/> ."));
  EXPECT_TRUE(has(text, "\nsponsor:acme-pharma a tg:Sponsor"));
  EXPECT_FALSE(dir.has_temp_files());
}

TEST(ExportToFile, FailsWithoutCreatingAnythingWhenTheFolderIsMissing) {
  TempDir dir;
  fs::path target = dir.path / "missing" / "graph.ttl";
  std::string error;
  EXPECT_FALSE(export_to_file(sample_graph(), target, OutputFormat::turtle, {}, error));
  EXPECT_FALSE(error.empty());
  EXPECT_FALSE(fs::exists(target));
  EXPECT_FALSE(fs::exists(dir.path / "missing"));
  EXPECT_FALSE(dir.has_temp_files());
}

}  // namespace
