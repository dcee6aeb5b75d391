// Reading back what write_graphml wrote gives the same graph: same nodes, edges, typed
// properties, aliases and sources (checked by writing it again: the bytes must not change).
#include <gtest/gtest.h>

#include <sstream>

#include "test_support.hpp"
#include "trialgraph/exporters.hpp"
#include "trialgraph/graphml_reader.hpp"

namespace {

using namespace trialgraph;

Graph read(const std::string& text) {
  std::istringstream in(text);
  return read_graphml(in);
}

std::string write(const Graph& g) {
  std::ostringstream out;
  write_graphml(g, out);
  return out.str();
}

TEST(GraphmlReader, RoundTripsTheExamples) {
  std::size_t failed = 0;
  std::string original = test::graphml_of({test::examples_dir()}, failed);
  Graph loaded = read(original);
  EXPECT_GT(loaded.node_count(), 1000u);
  EXPECT_EQ(write(loaded), original);
}

TEST(GraphmlReader, KeepsTypesListsAndSources) {
  std::size_t failed = 0;
  Graph loaded = read(test::graphml_of({test::examples_dir()}, failed));
  const Node* trial = loaded.find("Trial", "NCT06709469");
  ASSERT_NE(trial, nullptr);
  EXPECT_TRUE(trial->properties.at("enrollment").integer());
  EXPECT_TRUE(trial->properties.at("status").is_text());
  EXPECT_FALSE(trial->sources.empty());
  std::size_t lists = 0, booleans = 0, reals = 0;
  loaded.for_each_node([&](const Node& n) {
    for (const auto& [name, v] : n.properties) {
      lists += v.list().has_value();
      booleans += v.boolean() != nullptr;
      reals += v.real() != nullptr;
    }
  });
  EXPECT_GT(lists, 0u);
  EXPECT_GT(booleans, 0u);
  EXPECT_GT(reals, 0u);
}

TEST(GraphmlReader, RoundTripsTheSharedRegistryData) {
  if (!std::filesystem::exists(test::shared_dir() / "data")) GTEST_SKIP() << "no ../shared/data";
  std::size_t failed = 0;
  std::string original = test::graphml_of({test::shared_dir() / "data"}, failed);
  EXPECT_EQ(write(read(original)), original);
}

TEST(GraphmlReader, RefusesForeignGraphml) {
  const char* foreign =
      "<?xml version=\"1.0\"?><graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">"
      "<key id=\"d0\" for=\"node\" attr.name=\"color\" attr.type=\"string\"/>"
      "<graph edgedefault=\"directed\"><node id=\"n0\"><data key=\"d0\">red</data></node></graph></graphml>";
  try {
    read(foreign);
    FAIL() << "a foreign GraphML was accepted";
  } catch (const GraphmlReadError& e) {
    EXPECT_NE(std::string(e.what()).find("not a GraphML file written by trialgraph: no <key id=\"labels\""),
              std::string::npos)
        << e.what();
  }
  EXPECT_THROW(read("<graphml><key id="), GraphmlReadError);
  EXPECT_THROW(read("<rdf/>"), GraphmlReadError);
}

}  // namespace
