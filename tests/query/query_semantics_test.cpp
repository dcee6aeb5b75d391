// The Cypher subset on a small graph: each expectation is what Neo4j 5 returns for the query.
#include <gtest/gtest.h>

#include "query/fixture.hpp"

namespace {

using namespace trialgraph;
using test::rows_of;
using Rows = std::vector<std::string>;

class QuerySemantics : public ::testing::Test {
 protected:
  Rows run(const std::string& q) { return rows_of(engine.run(q)); }
  Graph graph = test::small_trial_graph();
  query::QueryEngine engine{graph};
};

TEST_F(QuerySemantics, MatchesByLabelAndInlineKey) {
  EXPECT_EQ(run("MATCH (t:Trial {key: 'NCT2'}) RETURN t.name"), Rows{"CD19/CD22 CAR-T"});
  EXPECT_EQ(run("MATCH (t:Trial) RETURN t.key ORDER BY t.key"), (Rows{"NCT1", "NCT2", "NCT3"}));
  EXPECT_EQ(run("MATCH (t:Trial {key: 'NCT9'}) RETURN t.key"), Rows{});
}

TEST_F(QuerySemantics, FollowsDirectionsAndTypeAlternatives) {
  EXPECT_EQ(run("MATCH (a:Antigen)<-[:TARGETS]-(d:Drug) RETURN a.key, d.key ORDER BY a.key, d.key"),
            (Rows{"CD19|cart19", "CD19|cart1922", "CD22|cart1922"}));
  EXPECT_EQ(run("MATCH (a:Antigen)-[:TARGETS]->(d) RETURN count(*)"), Rows{"0"});
  EXPECT_EQ(run("MATCH (d:Drug {key: 'cart19'})-[r]-(x) RETURN type(r), x.key ORDER BY x.key"),
            (Rows{"TARGETS|CD19", "TESTS|NCT1"}));
  EXPECT_EQ(run("MATCH (t:Trial {key: 'NCT1'})-[:TESTS|STUDIES]->(x) RETURN labels(x) ORDER BY x.key"),
            (Rows{"[\"Disease\"]", "[\"Drug\"]"}));
}

TEST_F(QuerySemantics, RelationshipPropertiesAndSeveralPatterns) {
  EXPECT_EQ(run("MATCH (t:Trial)-[:SPONSORED_BY {role: 'lead'}]->(s:Sponsor {key: 'acme'}) RETURN t.key ORDER BY t.key"),
            (Rows{"NCT1", "NCT2"}));
  EXPECT_EQ(run("MATCH (t:Trial)-[:TESTS]->(d), (d)-[:TARGETS]->(a:Antigen {key: 'CD22'}) RETURN t.key"), Rows{"NCT2"});
}

TEST_F(QuerySemantics, VariableLengthKeepsEachRelationshipOnce) {
  // NCT1 -> acme <- NCT2 -> beta <- NCT3: two and four hops away, never back along the same edge.
  EXPECT_EQ(run("MATCH (a:Trial {key: 'NCT1'})-[:SPONSORED_BY*]-(b:Trial) RETURN b.key ORDER BY b.key"),
            (Rows{"NCT2", "NCT3"}));
  EXPECT_EQ(run("MATCH (a:Trial {key: 'NCT1'})-[:SPONSORED_BY*2]-(b:Trial) RETURN b.key"), Rows{"NCT2"});
  EXPECT_EQ(run("MATCH (a:Trial {key: 'NCT1'})-[:SPONSORED_BY*..3]-(b) RETURN count(*)"), Rows{"3"});
  EXPECT_EQ(run("MATCH (a:Trial {key: 'NCT1'})-[r:SPONSORED_BY*1..4]-(b:Trial {key: 'NCT3'}) RETURN size(r)"), Rows{"4"});
  EXPECT_EQ(run("MATCH (a:Trial {key: 'NCT1'})-[*0..1]->(b) RETURN b.key ORDER BY b.key"),
            (Rows{"D1", "NCT1", "acme", "cart19"}));
}

TEST_F(QuerySemantics, OptionalMatchPadsWithNull) {
  EXPECT_EQ(run("MATCH (t:Trial) OPTIONAL MATCH (t)-[:STUDIES]->(d) RETURN t.key, d.name ORDER BY t.key"),
            (Rows{"NCT1|Acute Lymphoblastic Leukemia", "NCT2|null", "NCT3|null"}));
  EXPECT_EQ(run("MATCH (t:Trial) OPTIONAL MATCH (t)-[:TESTS]->(d) WHERE d.key = 'cart1922' "
                "RETURN t.key, d.key ORDER BY t.key"),
            (Rows{"NCT1|null", "NCT2|cart1922", "NCT3|null"}));
}

TEST_F(QuerySemantics, ThreeValuedLogic) {
  EXPECT_EQ(run("RETURN null AND false, null AND true, null OR true, null OR false, NOT null, true XOR null"),
            Rows{"false|null|true|null|null|null"});
  EXPECT_EQ(run("RETURN 1 = null, null = null, null IS NULL, 1 IN [1, null], 2 IN [1, null], 2 IN []"),
            Rows{"null|null|true|true|null|false"});
  // Missing properties are null: NCT3 has no enrollment, so neither > nor <= holds.
  EXPECT_EQ(run("MATCH (t:Trial) WHERE t.enrollment > 20 OR t.enrollment <= 20 RETURN count(*)"), Rows{"2"});
  EXPECT_EQ(run("MATCH (t:Trial) WHERE t.enrollment IS NULL RETURN t.key"), Rows{"NCT3"});
}

TEST_F(QuerySemantics, ComparisonsAcrossTypesAreNull) {
  EXPECT_EQ(run("RETURN 1 < 'a', 'a' < 'b', 1 = 1.0, 2 > 1.5, [1, 2] = [1, 2], 'a' = 1"),
            Rows{"null|true|true|true|true|false"});
}

TEST_F(QuerySemantics, Arithmetic) {
  EXPECT_EQ(run("RETURN 7 / 2, -7 / 2, 7 % 3, 7 / 2.0, 2 ^ 3, 'a' + 1, 1 + 2 * 3"),
            Rows{"3|-3|1|3.5|8.0|a1|7"});
}

TEST_F(QuerySemantics, StringPredicatesAndRegex) {
  EXPECT_EQ(run("MATCH (d:Disease) WHERE d.name STARTS WITH 'Acute' AND d.name ENDS WITH 'Leukemia' "
                "AND d.name CONTAINS 'Lympho' RETURN d.key"),
            Rows{"D1"});
  // =~ matches the whole string, as Java's matches().
  EXPECT_EQ(run("RETURN 'CD19' =~ 'CD1', 'CD19' =~ 'CD1.*', 'cd19' =~ '(?i)CD19', 1 =~ '1'"),
            Rows{"false|true|true|null"});
}

TEST_F(QuerySemantics, AggregationGroupsByTheOtherItems) {
  EXPECT_EQ(run("MATCH (t:Trial)-[:SPONSORED_BY]->(s:Sponsor) RETURN s.name AS sponsor, count(t) AS trials "
                "ORDER BY trials DESC, sponsor"),
            (Rows{"Acme|2", "Beta Hospital|2"}));
  EXPECT_EQ(run("MATCH (t:Trial) RETURN t.status, count(*), collect(t.key) ORDER BY t.status"),
            (Rows{"COMPLETED|1|[\"NCT2\"]", "RECRUITING|2|[\"NCT1\",\"NCT3\"]"}));
  EXPECT_EQ(run("MATCH (t:Trial) RETURN count(t.enrollment), sum(t.enrollment), avg(t.enrollment), "
                "min(t.enrollment), max(t.key)"),
            Rows{"2|42|21.0|12|NCT3"});
  EXPECT_EQ(run("MATCH (t:Trial)-[:TESTS]->()-[:TARGETS]->(a) RETURN count(a), count(DISTINCT a)"), Rows{"3|2"});
  EXPECT_EQ(run("MATCH (t:Trial {key: 'none'}) RETURN count(*), collect(t), sum(t.enrollment)"), Rows{"0|[]|0"});
  EXPECT_EQ(run("MATCH (t:Trial {key: 'none'}) RETURN t.key, count(*)"), Rows{});
}

TEST_F(QuerySemantics, DistinctOrderSkipLimit) {
  EXPECT_EQ(run("MATCH (t:Trial) RETURN DISTINCT t.status ORDER BY t.status DESC"), (Rows{"RECRUITING", "COMPLETED"}));
  EXPECT_EQ(run("MATCH (t:Trial) RETURN t.key ORDER BY t.key SKIP 1 LIMIT 1"), Rows{"NCT2"});
  // Nulls come last ascending and first descending.
  EXPECT_EQ(run("MATCH (t:Trial) RETURN t.enrollment ORDER BY t.enrollment"), (Rows{"12", "30", "null"}));
  EXPECT_EQ(run("MATCH (t:Trial) RETURN t.enrollment ORDER BY t.enrollment DESC"), (Rows{"null", "30", "12"}));
  EXPECT_EQ(run("MATCH (t:Trial) RETURN t.name ORDER BY t.key DESC LIMIT 1"), Rows{"Lupus study"});
}

TEST_F(QuerySemantics, WithChainsAndFiltersAggregates) {
  EXPECT_EQ(run("MATCH (d:Drug)-[:TARGETS]->(a:Antigen) WITH d, count(a) AS n WHERE n >= 2 RETURN d.name, n"),
            Rows{"CART-19/22|2"});
  EXPECT_EQ(run("MATCH (t:Trial) WITH t ORDER BY t.key DESC LIMIT 2 RETURN collect(t.key) AS keys"),
            Rows{"[\"NCT3\",\"NCT2\"]"});
}

TEST_F(QuerySemantics, NodePropertiesAsTheGraphmlShowsThem) {
  EXPECT_EQ(run("MATCH (s:Sponsor {key: 'acme'}) RETURN s.sources, s.aliases, keys(s)"),
            Rows{"[\"fixture.json\"]|null|[\"key\",\"name\",\"sources\"]"});
  EXPECT_EQ(run("RETURN toLower('ÄBC'), toUpper('abc'), size('Zürich'), coalesce(null, 2), toInteger('42')"),
            Rows{"äbc|ABC|6|2|42"});
}

TEST_F(QuerySemantics, ColumnsAreNamedAsWritten) {
  query::ResultTable r = engine.run("MATCH (t:Trial {key: 'NCT1'}) RETURN t.key, count(*) AS n, toLower(t.name)");
  EXPECT_EQ(r.columns, (std::vector<std::string>{"t.key", "n", "toLower(t.name)"}));
}

}  // namespace
