// Graph: entities merge by (label, key), facts by (from, type, to); exports come out in one order.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <tuple>

#include "trialgraph/document_buffer.hpp"
#include "trialgraph/exporters.hpp"
#include "trialgraph/graph.hpp"

namespace {

using namespace trialgraph;

Entity entity(std::string label, std::string key, std::string name = "",
              std::vector<Property> props = {}, std::vector<std::string> aliases = {}) {
  return {std::move(label), std::move(key), std::move(name), std::move(aliases), std::move(props)};
}

Relation relation(std::string type, EntityRef from, EntityRef to, std::vector<Property> props = {}) {
  return {std::move(type), std::move(from), std::move(to), std::move(props)};
}

TEST(Graph, MergesEntitiesWithSameLabelAndKey) {
  Graph g;
  auto a = g.merge_entity(entity("Sponsor", "acme", "Acme"), "a.json");
  auto b = g.merge_entity(entity("Sponsor", "acme", "Acme"), "b.json");
  EXPECT_EQ(a, b);
  EXPECT_EQ(g.node_count(), 1u);
}

TEST(Graph, SameKeyWithDifferentLabelsIsTwoNodes) {
  Graph g;
  g.merge_entity(entity("Drug", "x"), "a.json");
  g.merge_entity(entity("Disease", "x"), "a.json");
  EXPECT_EQ(g.node_count(), 2u);
  EXPECT_TRUE(g.find("Drug", "x"));
  EXPECT_TRUE(g.find("Disease", "x"));
  EXPECT_FALSE(g.find("Sponsor", "x"));
}

TEST(Graph, NameDefaultsToKey) {
  Graph g;
  g.merge_entity(entity("Drug", "x"), "a.json");
  EXPECT_EQ(g.find("Drug", "x")->name, "x");
}

TEST(Graph, DifferingNameBecomesAnAlias) {
  Graph g;
  g.merge_entity(entity("Sponsor", "acme", "Acme, Inc."), "a.json");
  g.merge_entity(entity("Sponsor", "acme", "ACME"), "b.json");
  g.merge_entity(entity("Sponsor", "acme", "Acme, Inc."), "c.json");
  const Node* n = g.find("Sponsor", "acme");
  ASSERT_TRUE(n);
  EXPECT_EQ(n->name, "Acme, Inc.");
  EXPECT_EQ(n->aliases, (Aliases{"ACME"}));
}

TEST(Graph, AliasesAccumulateWithoutTheName) {
  Graph g;
  g.merge_entity(entity("Drug", "x", "X", {}, {"X-1", "X"}), "a.json");
  g.merge_entity(entity("Drug", "x", "X", {}, {"X-2", ""}), "b.json");
  EXPECT_EQ(g.find("Drug", "x")->aliases, (Aliases{"X-1", "X-2"}));
}

TEST(Graph, FirstPropertyValueWins) {
  Graph g;
  g.merge_entity(entity("Trial", "T", "", {{"status", std::string("RECRUITING")}}), "a.json");
  g.merge_entity(entity("Trial", "T", "", {{"status", std::string("COMPLETED")},
                                           {"enrollment", std::int64_t(10)}}), "b.json");
  const Node* n = g.find("Trial", "T");
  EXPECT_EQ(n->properties.at("status"), Value(std::string("RECRUITING")));
  EXPECT_EQ(n->properties.at("enrollment"), Value(std::int64_t(10)));
}

TEST(Graph, SourcesAccumulate) {
  Graph g;
  g.merge_entity(entity("Trial", "T"), "b.json");
  g.merge_entity(entity("Trial", "T"), "a.json");
  g.merge_entity(entity("Trial", "T"), "b.json");
  EXPECT_EQ(g.find("Trial", "T")->sources, (std::set<std::string>{"a.json", "b.json"}));
}

TEST(Graph, MergeRelationDedupesByFromTypeTo) {
  Graph g;
  g.merge_entity(entity("Trial", "T"), "a.json");
  g.merge_entity(entity("Sponsor", "S"), "a.json");
  EXPECT_TRUE(g.merge_relation(relation("SPONSORED_BY", {"Trial", "T"}, {"Sponsor", "S"},
                                        {{"role", std::string("lead")}}), "a.json"));
  EXPECT_TRUE(g.merge_relation(relation("SPONSORED_BY", {"Trial", "T"}, {"Sponsor", "S"},
                                        {{"role", std::string("collaborator")}}), "b.json"));
  ASSERT_EQ(g.edge_count(), 1u);
  g.for_each_edge([](const Node&, const Edge& e, const Node&) {
    EXPECT_EQ(e.sources, (std::set<std::string>{"a.json", "b.json"}));
    EXPECT_EQ(e.properties.at("role"), Value(std::string("lead")));
  });
}

// The readers' bulk path: a node's edges at once, merged exactly as one at a time would be.
TEST(Graph, EdgesAddedTogetherMergeAsOneAtATime) {
  auto edge = [](const char* type, const char* source, const char* role) {
    Edge e;
    e.type = type;
    e.sources = {source};
    e.properties = PropertyMap{{Symbol("role"), Value(std::string(role))}};
    return e;
  };
  auto build = [&](bool together) {
    Graph g;
    Graph::Vertex t = g.merge_entity(entity("Trial", "T"), "a.json");
    Graph::Vertex s = g.merge_entity(entity("Sponsor", "S"), "a.json");
    Graph::Vertex r = g.merge_entity(entity("Sponsor", "R"), "a.json");
    std::vector<std::pair<Graph::Vertex, Edge>> first, again;
    first.emplace_back(s, edge("SPONSORED_BY", "a.json", "lead"));
    first.emplace_back(r, edge("SPONSORED_BY", "a.json", "collaborator"));
    first.emplace_back(s, edge("SPONSORED_BY", "b.json", "collaborator"));  // the same fact again
    again.emplace_back(r, edge("SPONSORED_BY", "c.json", "lead"));         // a node with edges already
    again.emplace_back(s, edge("FUNDED_BY", "c.json", "lead"));
    for (auto* batch : {&first, &again}) {
      if (together) {
        g.add_edges_from(t, *batch);
      } else {
        for (auto& [to, e] : *batch) g.add_edge({"Trial", "T"}, {"Sponsor", g.store()[to].key.view() == "S" ? "S" : "R"}, e);
      }
    }
    std::ostringstream out;
    write_graphml(g, out);
    return std::make_pair(g.edge_count(), out.str());
  };
  auto [count, text] = build(true);
  EXPECT_EQ(count, 3u);
  EXPECT_EQ(text, build(false).second);
  EXPECT_NE(text.find("b.json"), std::string::npos);
}

TEST(Graph, OtherTypeOrDirectionIsAnotherEdge) {
  Graph g;
  g.merge_entity(entity("Trial", "T"), "a.json");
  g.merge_entity(entity("Sponsor", "S"), "a.json");
  g.merge_relation(relation("SPONSORED_BY", {"Trial", "T"}, {"Sponsor", "S"}), "a.json");
  g.merge_relation(relation("RELATED_TO", {"Trial", "T"}, {"Sponsor", "S"}), "a.json");
  g.merge_relation(relation("SPONSORED_BY", {"Sponsor", "S"}, {"Trial", "T"}), "a.json");
  EXPECT_EQ(g.edge_count(), 3u);
}

TEST(Graph, MergeRelationRefusesAnUnknownEnd) {
  Graph g;
  g.merge_entity(entity("Trial", "T"), "a.json");
  EXPECT_FALSE(g.merge_relation(relation("SPONSORED_BY", {"Trial", "T"}, {"Sponsor", "S"}), "a.json"));
  EXPECT_FALSE(g.merge_relation(relation("SPONSORED_BY", {"Sponsor", "S"}, {"Trial", "T"}), "a.json"));
  EXPECT_FALSE(g.merge_relation(relation("STUDIES", {"Trial", "T"}, {"Drug", "T"}), "a.json"));
  EXPECT_EQ(g.edge_count(), 0u);
}

// A document merged whole gives the graph merge_entity and merge_relation would, one by one.
using Documents = std::vector<std::pair<std::vector<Entity>, std::vector<Relation>>>;

// Merges the documents ("doc0", "doc1", ...) whole into one graph and fact by fact into another;
// returns the two graphs' GraphML and the relations merge_document found an unknown end for.
struct BothWays {
  std::string whole, one_by_one;
  std::size_t unknown = 0, edges = 0;
};
BothWays merge_both_ways(Documents docs) {
  Graph whole, one_by_one;
  BothWays result;
  int n = 0;
  for (auto& [entities, relations] : docs) {
    std::string source = "doc" + std::to_string(n++);
    for (const Entity& e : entities) one_by_one.merge_entity(e, source);
    for (const Relation& r : relations) one_by_one.merge_relation(r, source);
    result.unknown += whole.merge_document(entities, relations, source);
  }
  std::ostringstream a, b;
  write_graphml(whole, a);
  write_graphml(one_by_one, b);
  result.whole = a.str();
  result.one_by_one = b.str();
  result.edges = whole.edge_count();
  return result;
}

TEST(Graph, MergingADocumentIsMergingItsEntitiesThenItsRelations) {
  auto documents = [] {
    Documents docs(2);
    docs[0].first = {entity("Trial", "T1", "One"), entity("Sponsor", "S", "Acme"), entity("Site", "X|Paris")};
    docs[0].second = {relation("SPONSORED_BY", {"Trial", "T1"}, {"Sponsor", "S"}, {{"role", std::string("lead")}}),
                      relation("CONDUCTED_AT", {"Trial", "T1"}, {"Site", "X|Paris"})};
    // The second names the sponsor again, a site only the first emitted (known to the graph), one
    // entity twice, a fact twice, and an end no document emitted.
    docs[1].first = {entity("Trial", "T2"), entity("Sponsor", "S", "ACME Inc"), entity("Trial", "T2", "Two")};
    docs[1].second = {relation("SPONSORED_BY", {"Trial", "T2"}, {"Sponsor", "S"}, {{"role", std::string("collaborator")}}),
                      relation("SPONSORED_BY", {"Trial", "T2"}, {"Sponsor", "S"}, {{"role", std::string("lead")}}),
                      relation("CONDUCTED_AT", {"Trial", "T2"}, {"Site", "X|Paris"}),
                      relation("TESTS", {"Trial", "T2"}, {"Drug", "nothing"})};
    return docs;
  };
  BothWays merged = merge_both_ways(documents());
  EXPECT_EQ(merged.unknown, 1u);
  EXPECT_EQ(merged.edges, 4u);
  EXPECT_EQ(merged.whole, merged.one_by_one);
  EXPECT_NE(merged.whole.find("ACME Inc"), std::string::npos);
}

// A trial at hundreds of sites: the document that creates it adds its edges without searching
// them; a later document naming the trial again searches them through the hub index, built then.
TEST(Graph, AHubMadeByOneDocumentMergesWithTheNextOnes) {
  auto site = [](int i) { return "site" + std::to_string(i); };
  auto document = [&](int first, int last, const std::string& status) {
    Documents::value_type doc;
    doc.first.push_back(entity("Trial", "T"));
    for (int i = first; i < last; ++i) {
      doc.first.push_back(entity("Site", site(i)));
      doc.second.push_back(relation("CONDUCTED_AT", {"Trial", "T"}, {"Site", site(i)}, {{"status", status}}));
    }
    // The same fact twice in one document, the second with more to say.
    doc.second.push_back(relation("CONDUCTED_AT", {"Trial", "T"}, {"Site", site(first)}, {{"note", status}}));
    return doc;
  };
  // 300 sites; then 150 of them again and 20 new ones; then 5 of those new ones again.
  BothWays merged = merge_both_ways(
      {document(0, 300, "recruiting"), document(150, 320, "completed"), document(310, 315, "withdrawn")});
  EXPECT_EQ(merged.unknown, 0u);
  EXPECT_EQ(merged.edges, 320u);
  EXPECT_EQ(merged.whole, merged.one_by_one);
  // The first value stays, the later documents add their sources and new properties.
  EXPECT_NE(merged.whole.find("[&quot;doc0&quot;,&quot;doc1&quot;]"), std::string::npos);
  EXPECT_NE(merged.whole.find("[&quot;doc1&quot;,&quot;doc2&quot;]"), std::string::npos);
}

// The extraction hands the graph each document as DocumentBuffer::finish left it, with its
// entities' hashes and its relations' ends as positions: merged by those, the graph must be the one
// that looking every end up by label and key gives.
std::string graphml_of(const Graph& g) {
  std::ostringstream out;
  write_graphml(g, out);
  return out.str();
}

TEST(Graph, ADocumentMergedByItsKnownEndsIsTheDocumentMergedByLookingThemUp) {
  Documents docs(3);
  docs[0].first = {entity("Trial", "T1", "One"), entity("Sponsor", "S", "Acme"), entity("Site", "X|Paris"),
                   entity("Site", "Y|Lyon")};
  docs[0].second = {relation("SPONSORED_BY", {"Trial", "T1"}, {"Sponsor", "S"}, {{"role", std::string("lead")}}),
                    relation("CONDUCTED_AT", {"Trial", "T1"}, {"Site", "X|Paris"}),
                    relation("CONDUCTED_AT", {"Trial", "T1"}, {"Site", "Y|Lyon"}, {{"status", std::string("RECRUITING")}})};
  // An entity twice (the relation's end is the first of them), a node an earlier document made,
  // ends in both directions, an end no document emitted.
  docs[1].first = {entity("Trial", "T2"), entity("Drug", "D", "Drug D"), entity("Sponsor", "S", "ACME Inc"),
                   entity("Drug", "D", "D-1"), entity("Site", "X|Paris", "Paris site")};
  docs[1].second = {relation("TESTS", {"Trial", "T2"}, {"Drug", "D"}, {{"arms", std::vector<std::string>{"A", "B"}}}),
                    relation("SPONSORED_BY", {"Trial", "T2"}, {"Sponsor", "S"}, {{"role", std::string("collaborator")}}),
                    relation("RELATED_TO", {"Drug", "D"}, {"Trial", "T2"}),
                    relation("CONDUCTED_AT", {"Trial", "T2"}, {"Site", "X|Paris"}),
                    relation("TESTS", {"Trial", "T2"}, {"Drug", "missing"})};
  // The first document's trial again, now with another site and a known one.
  docs[2].first = {entity("Site", "Z|Nice"), entity("Trial", "T1", "One again"), entity("Site", "X|Paris")};
  docs[2].second = {relation("CONDUCTED_AT", {"Trial", "T1"}, {"Site", "Z|Nice"}),
                    relation("CONDUCTED_AT", {"Trial", "T1"}, {"Site", "X|Paris"}, {{"status", std::string("COMPLETED")}})};
  Graph by_ends, by_lookup;
  int n = 0;
  for (auto& [entities, relations] : docs) {
    DocumentBuffer buffer;
    for (Entity& e : entities) buffer.add_entity(e);
    for (Relation& r : relations) buffer.add_relation(r);
    buffer.finish();
    ASSERT_EQ(buffer.entity_hashes().size(), buffer.entities().size());
    ASSERT_EQ(buffer.relation_ends().size(), buffer.relations().size());
    std::vector<Entity> entities_copy = buffer.entities();
    std::vector<Relation> relations_copy = buffer.relations();
    std::string source = "doc" + std::to_string(n++);
    EXPECT_EQ(by_lookup.merge_document(entities_copy, relations_copy, source), 0u);
    EXPECT_EQ(by_ends.merge_document(buffer.entities(), buffer.relations(), source, buffer.entity_hashes(),
                                     buffer.relation_ends()),
              0u);
  }
  EXPECT_EQ(by_ends.node_count(), 7u);
  EXPECT_EQ(by_ends.edge_count(), 8u);
  EXPECT_EQ(graphml_of(by_ends), graphml_of(by_lookup));
}

TEST(Graph, EndsThatDoNotFitTheDocumentAreLookedUpOrCountedUnknown) {
  auto document = [] {
    return std::pair(std::vector<Entity>{entity("Trial", "T"), entity("Drug", "D")},
                     std::vector<Relation>{relation("TESTS", {"Trial", "T"}, {"Drug", "D"})});
  };
  auto [entities, relations] = document();
  std::vector<std::uint64_t> hashes = {identity_hash("Trial", "T"), identity_hash("Drug", "D")};
  Graph out_of_range;
  EXPECT_EQ(out_of_range.merge_document(entities, relations, "s", hashes, {RelationEnds{0, 2}}), 1u);
  EXPECT_EQ(out_of_range.edge_count(), 0u);
  // Lists of the wrong length are not trusted: the ends are found by label and key.
  auto [entities2, relations2] = document();
  Graph too_few;
  EXPECT_EQ(too_few.merge_document(entities2, relations2, "s", hashes, {}), 0u);
  EXPECT_EQ(too_few.edge_count(), 1u);
}

TEST(Graph, ForEachNodeIsOrderedByLabelThenKey) {
  Graph g;
  std::vector<std::pair<std::string, std::string>> inserted = {
      {"Trial", "b"}, {"Drug", "z"}, {"Trial", "a"}, {"Drug", "a"}, {"Antigen", "m"}};
  for (const auto& [label, key] : inserted) g.merge_entity(entity(label, key), "s");
  std::vector<std::pair<std::string, std::string>> seen;
  g.for_each_node([&](const Node& n) { seen.emplace_back(n.label, n.key); });
  std::vector<std::pair<std::string, std::string>> expected = {
      {"Antigen", "m"}, {"Drug", "a"}, {"Drug", "z"}, {"Trial", "a"}, {"Trial", "b"}};
  EXPECT_EQ(seen, expected);
}

// Adds entities and then relations in the given orders; records the visit order of edges.
std::vector<std::string> edge_order(const std::vector<int>& entity_order, const std::vector<int>& relation_order) {
  std::vector<Entity> entities = {entity("Trial", "T1"), entity("Trial", "T2"), entity("Sponsor", "S"),
                                  entity("Drug", "D1"), entity("Drug", "D2")};
  std::vector<Relation> relations = {
      relation("TESTS", {"Trial", "T1"}, {"Drug", "D2"}), relation("TESTS", {"Trial", "T1"}, {"Drug", "D1"}),
      relation("SPONSORED_BY", {"Trial", "T1"}, {"Sponsor", "S"}),
      relation("SPONSORED_BY", {"Trial", "T2"}, {"Sponsor", "S"}), relation("RELATED_TO", {"Drug", "D2"}, {"Drug", "D1"})};
  Graph g;
  for (int i : entity_order) g.merge_entity(entities[i], "s");
  for (int i : relation_order) g.merge_relation(relations[i], "s");
  std::vector<std::string> seen;
  g.for_each_edge([&](const Node& f, const Edge& e, const Node& t) { seen.push_back(f.key + " " + e.type + " " + t.key); });
  return seen;
}

TEST(Graph, ForEachEdgeIsOrderedByFromTypeTo) {
  std::vector<std::string> expected = {"D2 RELATED_TO D1", "T1 SPONSORED_BY S", "T1 TESTS D1", "T1 TESTS D2",
                                       "T2 SPONSORED_BY S"};
  EXPECT_EQ(edge_order({0, 1, 2, 3, 4}, {0, 1, 2, 3, 4}), expected);
  EXPECT_EQ(edge_order({4, 3, 2, 1, 0}, {4, 2, 0, 3, 1}), expected);
}

TEST(Graph, CountsByLabelAndType) {
  Graph g;
  g.merge_entity(entity("Trial", "T1"), "s");
  g.merge_entity(entity("Trial", "T2"), "s");
  g.merge_entity(entity("Drug", "D"), "s");
  g.merge_relation(relation("TESTS", {"Trial", "T1"}, {"Drug", "D"}), "s");
  g.merge_relation(relation("TESTS", {"Trial", "T2"}, {"Drug", "D"}), "s");
  g.merge_relation(relation("TESTS", {"Trial", "T2"}, {"Drug", "D"}), "t");
  g.merge_relation(relation("RELATED_TO", {"Trial", "T2"}, {"Trial", "T1"}), "s");
  EXPECT_EQ(g.nodes_by_label(), (std::map<std::string, std::size_t>{{"Drug", 1}, {"Trial", 2}}));
  EXPECT_EQ(g.edges_by_type(), (std::map<std::string, std::size_t>{{"RELATED_TO", 1}, {"TESTS", 2}}));
  EXPECT_EQ(g.node_count(), 3u);
  EXPECT_EQ(g.edge_count(), 3u);
}

std::string graphml_of(const std::vector<std::pair<Entity, std::string>>& entities,
                       const std::vector<std::pair<Relation, std::string>>& relations) {
  Graph g;
  for (const auto& [e, src] : entities) g.merge_entity(e, src);
  for (const auto& [r, src] : relations) g.merge_relation(r, src);
  std::ostringstream out;
  write_graphml(g, out);
  return out.str();
}

TEST(Graph, InsertionOrderDoesNotChangeTheExport) {
  std::vector<std::pair<Entity, std::string>> entities = {
      {entity("Trial", "NCT00000001", "One", {{"status", std::string("RECRUITING")}}), "a.json"},
      {entity("Trial", "NCT00000002", "Two", {{"enrollment", std::int64_t(5)}}), "b.json"},
      {entity("Sponsor", "acme", "Acme", {}, {"ACME Inc"}), "a.json"},
      {entity("Sponsor", "acme", "Acme"), "b.json"},
      {entity("Drug", "x", "X", {{"intervention_type", std::string("DRUG")}}), "a.json"},
      {entity("Disease", "D008180", "Lupus"), "b.json"}};
  std::vector<std::pair<Relation, std::string>> relations = {
      {relation("SPONSORED_BY", {"Trial", "NCT00000001"}, {"Sponsor", "acme"}), "a.json"},
      {relation("SPONSORED_BY", {"Trial", "NCT00000002"}, {"Sponsor", "acme"}), "b.json"},
      {relation("TESTS", {"Trial", "NCT00000001"}, {"Drug", "x"}), "a.json"},
      {relation("STUDIES", {"Trial", "NCT00000002"}, {"Disease", "D008180"}), "b.json"},
      {relation("STUDIES", {"Trial", "NCT00000001"}, {"Disease", "D008180"}), "a.json"}};
  std::string forward = graphml_of(entities, relations);
  std::reverse(entities.begin(), entities.end());
  std::reverse(relations.begin(), relations.end());
  std::string backward = graphml_of(entities, relations);
  EXPECT_EQ(forward, backward);
  EXPECT_NE(forward.find("NCT00000002"), std::string::npos);
}

}  // namespace

namespace {
using namespace trialgraph;

TEST(Graph, ANamedDiseaseMergesIntoTheCodedOneOfThatName) {
  // The legacy XML names "Lung Neoplasms" without its MeSH id; a v2 record codes it D008175.
  Graph g;
  g.merge_entity({"Trial", "NCT00023673", "", {}, {}}, "a.xml");
  g.merge_entity({"Trial", "NCT00000002", "", {}, {}}, "b.json");
  g.merge_entity({"Disease", "lung neoplasms", "Lung Neoplasms", {}, {}}, "a.xml");
  g.merge_entity({"Disease", "D008175", "Lung Neoplasms", {}, {{"mesh_id", std::string("D008175")}}}, "b.json");
  g.merge_entity({"Disease", "D000001", "Twin", {}, {{"mesh_id", std::string("D000001")}}}, "b.json");
  g.merge_entity({"Disease", "D000002", "Other", {"Twin"}, {{"mesh_id", std::string("D000002")}}}, "b.json");
  g.merge_entity({"Disease", "twin", "Twin", {}, {}}, "a.xml");
  g.merge_relation({"STUDIES", {"Trial", "NCT00023673"}, {"Disease", "lung neoplasms"}, {{"section", std::string("condition_mesh")}}}, "a.xml");
  g.merge_relation({"STUDIES", {"Trial", "NCT00000002"}, {"Disease", "D008175"}, {}}, "b.json");

  EXPECT_EQ(g.merge_named_into_coded("Disease", "mesh_id"), 1u) << "\"twin\" names two coded diseases: it stays";
  EXPECT_EQ(g.find("Disease", "lung neoplasms"), nullptr);
  const Node* coded = g.find("Disease", "D008175");
  ASSERT_NE(coded, nullptr);
  EXPECT_EQ(coded->sources, (std::set<std::string>{"a.xml", "b.json"}));
  EXPECT_NE(g.find("Disease", "twin"), nullptr);
  EXPECT_EQ(g.edges_by_type()["STUDIES"], 2u);
  std::size_t to_coded = 0;
  g.for_each_edge([&](const Node& from, const Edge& e, const Node& to) {
    if (to.key == "D008175") {
      ++to_coded;
      if (from.key == "NCT00023673") {
        EXPECT_EQ(std::string(e.properties.at("section").text()), "condition_mesh");
      }
    }
  });
  EXPECT_EQ(to_coded, 2u);
  EXPECT_EQ(g.merge_named_into_coded("Disease", "mesh_id"), 0u) << "nothing is left to merge";
}

TEST(Graph, FoldingMergesTheFactsThatBecomeOneAndKeepsTheRestIndexed) {
  Graph g;
  g.merge_entity({"Trial", "NCT1", "", {}, {}}, "a.xml");
  g.merge_entity({"Antigen", "CD19", "CD19", {}, {}}, "a.xml");
  g.merge_entity({"Disease", "lupus", "Lupus", {}, {{"seen", std::string("named")}}}, "a.xml");
  g.merge_entity({"Disease", "D008180", "Lupus", {}, {{"mesh_id", std::string("D008180")}}}, "b.json");
  g.merge_entity({"Disease", "asthma", "Asthma", {}, {}}, "a.xml");  // no coded twin: stays
  // The named fact comes first here; the coded one still wins, as in export order.
  g.merge_relation({"STUDIES", {"Trial", "NCT1"}, {"Disease", "lupus"}, {{"section", std::string("named")}}}, "a.xml");
  g.merge_relation({"STUDIES", {"Trial", "NCT1"}, {"Disease", "D008180"}, {{"section", std::string("coded")}}}, "b.json");
  g.merge_relation({"RELATED_TO", {"Disease", "lupus"}, {"Antigen", "CD19"}, {}}, "a.xml");
  g.merge_relation({"STUDIES", {"Trial", "NCT1"}, {"Disease", "asthma"}, {}}, "a.xml");

  ASSERT_EQ(g.merge_named_into_coded("Disease", "mesh_id"), 1u);
  EXPECT_EQ(g.node_count(), 4u);
  EXPECT_EQ(g.edge_count(), 3u);
  const Node* lupus = g.find("Disease", "D008180");
  ASSERT_NE(lupus, nullptr);
  EXPECT_EQ(std::string(lupus->properties.at("seen").text()), "named") << "unset properties move over";
  std::map<std::string, std::string> facts;
  g.for_each_edge([&](const Node& from, const Edge& e, const Node& to) {
    std::string what = from.key + " " + e.type + " " + to.key;
    facts[what] = e.properties.count("section") ? std::string(e.properties.at("section").text()) : "";
    if (what == "NCT1 STUDIES D008180") {
      EXPECT_EQ(e.sources, (std::set<std::string>{"a.xml", "b.json"}));
    }
  });
  EXPECT_EQ(facts, (std::map<std::string, std::string>{
                       {"NCT1 STUDIES D008180", "coded"}, {"NCT1 STUDIES asthma", ""}, {"D008180 RELATED_TO CD19", ""}}));

  // The vertices were renumbered: merging again still finds the nodes and edges.
  EXPECT_TRUE(g.merge_relation({"STUDIES", {"Trial", "NCT1"}, {"Disease", "asthma"}, {}}, "c.json"));
  EXPECT_TRUE(g.merge_relation({"TESTS", {"Trial", "NCT1"}, {"Antigen", "CD19"}, {}}, "c.json"));
  EXPECT_FALSE(g.merge_relation({"STUDIES", {"Trial", "NCT1"}, {"Disease", "lupus"}, {}}, "c.json"));
  EXPECT_EQ(g.edge_count(), 4u);
  g.for_each_edge([&](const Node& from, const Edge& e, const Node& to) {
    if (to.key == "asthma") {
      EXPECT_EQ(e.sources, (std::set<std::string>{"a.xml", "c.json"}));
    }
    (void)from;
  });
}

}  // namespace

namespace {
using namespace trialgraph;

TEST(Graph, AMovedGraphKeepsMergingIntoItsHubEdges) {
  // Boost's adjacency_list has no move: a defaulted one copied the store and left the hub-edge
  // index pointing into the moved-from graph (a use after free under AddressSanitizer).
  auto source = std::make_unique<Graph>();
  source->merge_entity({"Trial", "NCT1", "", {}, {}}, "a.json");
  for (int i = 0; i < 200; ++i) {
    std::string site = "site " + std::to_string(i);
    source->merge_entity({"Site", site, site, {}, {}}, "a.json");
    source->merge_relation({"CONDUCTED_AT", {"Trial", "NCT1"}, {"Site", site}, {}}, "a.json");
  }
  Graph moved(std::move(*source));
  source.reset();
  for (int i = 0; i < 200; ++i)
    EXPECT_TRUE(moved.merge_relation({"CONDUCTED_AT", {"Trial", "NCT1"}, {"Site", "site " + std::to_string(i)}, {}},
                                     "b.json"));
  EXPECT_EQ(moved.node_count(), 201u);
  EXPECT_EQ(moved.edge_count(), 200u) << "each fact merged into its edge, none added";
  std::size_t both = 0;
  moved.for_each_edge([&](const Node&, const Edge& e, const Node&) {
    both += e.sources == std::set<std::string>{"a.json", "b.json"};
  });
  EXPECT_EQ(both, 200u);

  Graph assigned;
  assigned.merge_entity({"Drug", "x", "X", {}, {}}, "c.json");
  assigned = std::move(moved);
  EXPECT_EQ(assigned.node_count(), 201u);
  EXPECT_EQ(assigned.find("Drug", "x"), nullptr) << "the old contents are gone";
  EXPECT_TRUE(assigned.merge_relation({"CONDUCTED_AT", {"Trial", "NCT1"}, {"Site", "site 7"}, {}}, "d.json"));
  EXPECT_EQ(assigned.edge_count(), 200u);
  EXPECT_EQ(moved.node_count(), 0u) << "a moved-from graph is empty";
  EXPECT_EQ(moved.find("Trial", "NCT1"), nullptr);
}

TEST(Graph, AVertexWithManyEdgesStillMergesEachFactOnce) {
  // Past 128 out-edges a vertex's edges are indexed instead of scanned: both ways must agree.
  Graph g;
  g.merge_entity({"Trial", "NCT1", "", {}, {}}, "a.json");
  for (int round = 0; round < 2; ++round) {
    std::string source = round ? "b.json" : "a.json";
    for (int i = 0; i < 300; ++i) {
      std::string site = "site " + std::to_string(i);
      g.merge_entity({"Site", site, site, {}, {}}, source);
      EXPECT_TRUE(g.merge_relation({"CONDUCTED_AT", {"Trial", "NCT1"}, {"Site", site}, {}}, source));
      if (i % 10 == 0) {
        EXPECT_TRUE(g.merge_relation({"RELATED_TO", {"Trial", "NCT1"}, {"Site", site}, {}}, source));
      }
    }
  }
  EXPECT_EQ(g.node_count(), 301u);
  EXPECT_EQ(g.edges_by_type()["CONDUCTED_AT"], 300u);
  EXPECT_EQ(g.edges_by_type()["RELATED_TO"], 30u);
  std::size_t seen_twice = 0;
  g.for_each_edge([&](const Node&, const Edge& e, const Node&) {
    seen_twice += e.sources == std::set<std::string>{"a.json", "b.json"};
  });
  EXPECT_EQ(seen_twice, 330u);
}

}  // namespace
