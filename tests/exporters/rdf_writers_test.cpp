// N-Triples and N-Quads: the Turtle's triples spelled out, one statement a line; N-Quads puts each
// in the graph of every source document that states it.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include "trialgraph/exporters.hpp"
#include "trialgraph/keys.hpp"

namespace {

using namespace trialgraph;

const std::string kBase = "https://x.org/id/";
const std::string kTrial = "<http://identifiers.org/clinicaltrials/NCT01234567>";
const std::string kType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";

ExportOptions options() {
  ExportOptions o;
  o.base_iri = kBase;
  return o;
}

// The trial is in a.json and b.json; the sponsor and the fact only in a.json.
Graph two_source_graph() {
  Graph g;
  g.merge_entity({"Trial", "NCT01234567", "Say \"hi\"\nnext", {},
                  {{"nct_id", std::string("NCT01234567")},
                   {"enrollment", std::int64_t(120)},
                   {"healthy_volunteers", true},
                   {"url", std::string("https://example.org/a b")}}},
                 "a.json");
  g.merge_entity({"Trial", "NCT01234567", "Say \"hi\"\nnext", {}, {}}, "b.json");
  g.merge_entity({"Sponsor", "acme", "Acme", {}, {}}, "a.json");
  g.merge_relation({"SPONSORED_BY", {"Trial", "NCT01234567"}, {"Sponsor", "acme"},
                    {{"role", std::string("lead")}}}, "a.json");
  return g;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::vector<std::string> ntriples(const Graph& g) {
  std::ostringstream out;
  write_ntriples(g, out, options());
  return lines(out.str());
}

std::vector<std::string> nquads(const Graph& g) {
  std::ostringstream out;
  write_nquads(g, out, options());
  return lines(out.str());
}

bool contains(const std::vector<std::string>& v, const std::string& line) {
  return std::find(v.begin(), v.end(), line) != v.end();
}

// A source document's IRI, minted from its file name.
std::string graph_of(const std::string& source) { return "<" + kBase + "source/" + trialgraph::slug(source) + ">"; }

TEST(NTriples, FullIrisTypedLiteralsOneStatementALine) {
  auto nt = ntriples(two_source_graph());
  EXPECT_TRUE(contains(nt, kTrial + " " + kType + " <https://w3id.org/trialgraph/vocab#Trial> ."));
  EXPECT_TRUE(contains(nt, kTrial + " <https://w3id.org/biolink/vocab/clinical_trial_enrollment> "
                                    "\"120\"^^<http://www.w3.org/2001/XMLSchema#integer> ."));
  EXPECT_TRUE(contains(nt, kTrial + " <https://w3id.org/trialgraph/vocab#healthyVolunteers> "
                                    "\"true\"^^<http://www.w3.org/2001/XMLSchema#boolean> ."));
  EXPECT_TRUE(contains(nt, kTrial + " <http://schema.org/name> \"Say \\\"hi\\\"\\nnext\" ."));
  EXPECT_TRUE(contains(nt, kTrial + " <http://schema.org/url> <https://example.org/a%20b> ."));
  for (const std::string& line : nt) {
    EXPECT_EQ(line.substr(line.size() - 2), " .") << line;
    EXPECT_EQ(line.front(), '<') << line;
  }
}

TEST(NTriples, AsManyStatementsAsTheQuadsHoldDistinctTriples) {
  std::set<std::string> triples;
  for (const std::string& q : nquads(two_source_graph())) triples.insert(q.substr(0, q.rfind(" <")) + " .");
  auto nt = ntriples(two_source_graph());
  EXPECT_EQ(std::set<std::string>(nt.begin(), nt.end()), triples);
}

TEST(NQuads, ANodeOfTwoDocumentsIsInBothGraphs) {
  auto nq = nquads(two_source_graph());
  std::string typed = kTrial + " " + kType + " <https://w3id.org/trialgraph/vocab#Trial> ";
  EXPECT_TRUE(contains(nq, typed + graph_of("a.json") + " ."));
  EXPECT_TRUE(contains(nq, typed + graph_of("b.json") + " ."));
}

TEST(NQuads, EachDocumentStatesOnlyItsOwnProvenance) {
  auto nq = nquads(two_source_graph());
  std::string derived = kTrial + " <http://www.w3.org/ns/prov#wasDerivedFrom> ";
  EXPECT_TRUE(contains(nq, derived + graph_of("a.json") + " " + graph_of("a.json") + " ."));
  EXPECT_TRUE(contains(nq, derived + graph_of("b.json") + " " + graph_of("b.json") + " ."));
  EXPECT_FALSE(contains(nq, derived + graph_of("a.json") + " " + graph_of("b.json") + " ."));
}

TEST(NQuads, AFactOfOneDocumentIsOnlyInItsGraph) {
  auto nq = nquads(two_source_graph());
  std::string fact = kTrial + " <http://schema.org/sponsor> <" + kBase + "sponsor/acme> ";
  EXPECT_TRUE(contains(nq, fact + graph_of("a.json") + " ."));
  EXPECT_FALSE(contains(nq, fact + graph_of("b.json") + " ."));
  for (const std::string& q : nq)  // every quad names a graph
    EXPECT_NE(q.rfind(" <" + kBase + "source/"), std::string::npos) << q;
}

}  // namespace
