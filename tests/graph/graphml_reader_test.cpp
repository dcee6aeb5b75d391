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

// The head of a GraphML file with the keys trialgraph writes, for hand-made files below.
const char* kHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">"
    "<key id=\"labels\" for=\"node\" attr.name=\"labels\" attr.type=\"string\"/>"
    "<key id=\"key\" for=\"node\" attr.name=\"key\" attr.type=\"string\"/>"
    "<key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>"
    "<key id=\"sources\" for=\"node\" attr.name=\"sources\" attr.type=\"string\"/>"
    "<key id=\"aliases\" for=\"node\" attr.name=\"aliases\" attr.type=\"string\"/>"
    "<key id=\"note\" for=\"node\" attr.name=\"note\" attr.type=\"string\"/>"
    "<key id=\"label\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>"
    "<key id=\"esources\" for=\"edge\" attr.name=\"sources\" attr.type=\"string\"/>"
    "<graph edgedefault=\"directed\">";

std::string node(const std::string& id, const std::string& label, const std::string& key, const std::string& extra = "") {
  return "<node id=\"" + id + "\"><data key=\"labels\">:" + label + "</data><data key=\"key\">" + key +
         "</data><data key=\"name\">" + key + "</data><data key=\"sources\">[\"a.json\"]</data>" + extra + "</node>";
}

std::string edge(const std::string& from, const std::string& to, const std::string& type) {
  return "<edge source=\"" + from + "\" target=\"" + to + "\"><data key=\"label\">" + type +
         "</data><data key=\"esources\">[\"a.json\"]</data></edge>";
}

// GraphML allows what write_graphml never writes: edges before their nodes, ids of any shape.
TEST(GraphmlReader, TakesEdgesBeforeNodesAndIdsOfAnyShape) {
  Graph g = read(std::string(kHead) + edge("n1", "Site:x", "CONDUCTED_AT") + node("n1", "Trial", "NCT00000001") +
                 node("Site:x", "Site", "x") + edge("Trial:NCT00000001", "n2", "SPONSORED_BY") +
                 node("n2", "Sponsor", "acme") + "</graph></graphml>");
  EXPECT_EQ(g.node_count(), 3u);
  EXPECT_EQ(g.edge_count(), 2u);
  EXPECT_THROW(read(std::string(kHead) + node("n1", "Trial", "T") + edge("n1", "n9", "X") + "</graph></graphml>"),
               GraphmlReadError);
}

// Lists are JSON: escapes and spaces are read as JSON reads them; what is not a list of strings
// stays text.
TEST(GraphmlReader, ReadsListsAsJson) {
  Graph g = read(std::string(kHead) +
                 node("Drug:d", "Drug", "d",
                      "<data key=\"aliases\">[ \"say \\\"hi\\\"\", \"caf\\u00e9\" ]</data>"
                      "<data key=\"note\">[\"a\",]</data>") +
                 node("Drug:e", "Drug", "e", "<data key=\"note\">[\"a\"]]</data>") + "</graph></graphml>");
  const Node* d = g.find("Drug", "d");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(std::vector<std::string>(d->aliases.begin(), d->aliases.end()),
            (std::vector<std::string>{"caf\xC3\xA9", "say \"hi\""}));
  EXPECT_TRUE(d->properties.at("note").is_text());
  EXPECT_EQ(d->properties.at("note").text(), "[\"a\",]");
  EXPECT_TRUE(g.find("Drug", "e")->properties.at("note").is_text());
  EXPECT_THROW(read(std::string(kHead) + node("Drug:f", "Drug", "f") +
                    "<node id=\"x\"><data key=\"labels\">:Drug</data><data key=\"key\">g</data>"
                    "<data key=\"sources\">[\"a\",]</data></node></graph></graphml>"),
               GraphmlReadError);
}

// Read as a stream: what is not XML is refused wherever it is, after any number of good nodes.
TEST(GraphmlReader, RefusesBrokenXmlLateInTheFile) {
  std::string text = kHead;
  for (int i = 0; i < 20000; ++i) text += node("Site:s" + std::to_string(i), "Site", "s" + std::to_string(i));
  try {
    read(text + "<node id=\"bad\"><data key=\"key\">\xFF</data></node></graph></graphml>");
    FAIL() << "invalid UTF-8 was accepted";
  } catch (const GraphmlReadError& e) {
    EXPECT_NE(std::string(e.what()).find("not XML"), std::string::npos) << e.what();
  }
  EXPECT_EQ(read(text + "</graph></graphml>").node_count(), 20000u);
  EXPECT_THROW(read(text), GraphmlReadError);  // cut short
}

}  // namespace
