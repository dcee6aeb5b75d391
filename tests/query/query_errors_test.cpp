// Queries outside the subset or wrong: each is refused with a message naming the construct and
// its line:column, never answered.
#include <gtest/gtest.h>

#include "query/fixture.hpp"

namespace {

using namespace trialgraph;

struct ErrorCase {
  const char* query;
  const char* message_part;
  int line, column;
};

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.query; }

class QueryErrors : public ::testing::TestWithParam<ErrorCase> {
 protected:
  static Graph& graph() {
    static Graph g = test::small_trial_graph();
    return g;
  }
};

TEST_P(QueryErrors, NamesTheConstructAndWhere) {
  const ErrorCase& c = GetParam();
  query::QueryEngine engine(graph());
  try {
    engine.run(c.query);
    FAIL() << "no error for: " << c.query;
  } catch (const query::QueryError& e) {
    EXPECT_NE(e.message().find(c.message_part), std::string::npos) << e.what();
    EXPECT_EQ(e.position().line, c.line) << e.what();
    EXPECT_EQ(e.position().column, c.column) << e.what();
    EXPECT_EQ(std::string(e.what()).rfind(std::to_string(c.line) + ":" + std::to_string(c.column) + ": ", 0), 0u);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Refused, QueryErrors,
    ::testing::Values(
        ErrorCase{"CREATE (n:Trial) RETURN n", "CREATE is not supported", 1, 1},
        ErrorCase{"MATCH (n) MERGE (m:X) RETURN n", "MERGE is not supported", 1, 11},
        ErrorCase{"MATCH (n)\nDETACH DELETE n", "DETACH DELETE is not supported", 2, 1},
        ErrorCase{"MATCH (n) SET n.x = 1 RETURN n", "SET is not supported", 1, 11},
        ErrorCase{"MATCH (n) REMOVE n.x RETURN n", "REMOVE is not supported", 1, 11},
        ErrorCase{"CALL db.labels()", "CALL (procedures and subqueries) is not supported", 1, 1},
        ErrorCase{"UNWIND [1, 2] AS x RETURN x", "UNWIND is not supported", 1, 1},
        ErrorCase{"MATCH (t:Trial) RETURN foo(t)", "unknown function 'foo'", 1, 24},
        ErrorCase{"MATCH (t:Trial) RETURN apoc.text.join(t.sources, ',')", "unknown function 'apoc.text.join'", 1, 24},
        ErrorCase{"MATCH (t:Trial) RETURN t {.key}", "map projections", 1, 26},
        ErrorCase{"MATCH p = shortestPath((a)-[*]-(b)) RETURN p", "path variables", 1, 7},
        ErrorCase{"MATCH (a) WHERE shortestPath((a)-[*]-(a)) IS NULL RETURN a", "shortestPath is not supported", 1, 17},
        ErrorCase{"MATCH (t) WHERE EXISTS { MATCH (t)-->() } RETURN t", "EXISTS subqueries are not supported", 1, 17},
        ErrorCase{"MATCH (t:Trial) RETURN s.name", "variable 's' is not defined", 1, 24},
        ErrorCase{"MATCH (t:Trial)\nWHERE count(t) > 1 RETURN t", "not allowed in WHERE", 2, 7},
        ErrorCase{"MATCH (t:Trial RETURN t", "expected ')' to close the node pattern", 1, 16},
        ErrorCase{"MATCH (t:Trial) WHERE t.name = 'open RETURN t", "unterminated string literal", 1, 32},
        ErrorCase{"MATCH (t:Trial) WITH t.key RETURN 1", "must be aliased", 1, 22},
        ErrorCase{"MATCH (t:Trial) RETURN t UNION MATCH (t) RETURN t", "nothing may follow RETURN", 1, 26},
        ErrorCase{"MATCH (t:Trial)", "a query must end with RETURN", 1, 16},
        ErrorCase{"MATCH (t:Trial) WHERE t.key = $key RETURN t", "parameters ($key) are not supported", 1, 31},
        ErrorCase{"MATCH (t:Trial) RETURN CASE WHEN t.key THEN 1 END", "CASE expressions are not supported", 1, 24},
        ErrorCase{"MATCH (t:Trial) RETURN t.sources[0]", "list indexing", 1, 33},
        ErrorCase{"MATCH (t:Trial) WHERE t.name =~ '(a)\\\\1' RETURN t", "invalid regular expression", 1, 33},
        ErrorCase{"MATCH (t:Trial) RETURN [x IN t.sources | x]", "list comprehensions", 1, 24},
        ErrorCase{"MATCH (t:Trial) WHERE (t)-[:TESTS]->() RETURN t", "pattern expressions", 1, 23},
        ErrorCase{"RETURN 1 / 0", "/ by zero", 1, 10},
        ErrorCase{"MATCH (t:Trial {key: 'NCT1'}) RETURN t.key - 1", "cannot apply '-' to String and Integer", 1, 44},
        ErrorCase{"MATCH (t:Trial) RETURN t.key, count(*) ORDER BY t.name", "'t' is not available in ORDER BY after an aggregation", 1, 49},
        ErrorCase{"MATCH (t:Trial)-[r]->(s), (s)-[r]->(x) RETURN t", "used for two relationships", 1, 30},
        ErrorCase{"MATCH (t:Trial) RETURN t.key AS k, t.name AS k", "projected twice", 1, 36},
        ErrorCase{"MATCH (t:Trial) RETURN t WHERE t.key = 'x'", "nothing may follow RETURN", 1, 26},
        ErrorCase{"MATCH (a)-[:X*3..1]->(b) RETURN a", "upper bound is below the lower bound", 1, 18},
        ErrorCase{"MATCH (t) WHERE t.key != 'x' RETURN t", "'!=' is not Cypher", 1, 23},
        ErrorCase{"MATCH (t:Trial) RETURN t.key, t.key + count(*)", "not a grouping key", 1, 31},
        ErrorCase{"MATCH (t) WHERE NOT 'x' RETURN t", "expected a Boolean, got String", 1, 21},
        ErrorCase{"MATCH (t:Trial) RETURN count(count(t))", "cannot be nested", 1, 30},
        ErrorCase{"MATCH (t:Trial) RETURN toLower(1, 2)", "wrong number of arguments", 1, 24},
        ErrorCase{"MATCH (t:Trial) RETURN t.key; MATCH (n) RETURN n", "nothing may follow RETURN", 1, 29},
        ErrorCase{"MATCH (t:Trial) RETURN 'a' & 'b'", "unexpected character '&'", 1, 28}));

}  // namespace
