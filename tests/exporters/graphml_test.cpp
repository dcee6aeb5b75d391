// GraphML in the shape Neo4j's APOC reads: typed keys, the edge type first, lists as JSON.
#include <gtest/gtest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "text_escape.hpp"
#include "trialgraph/exporters.hpp"

namespace {

using namespace trialgraph;

std::string graphml(const Graph& g) {
  std::ostringstream out;
  write_graphml(g, out);
  return out.str();
}

bool has(const std::string& text, const std::string& piece) { return text.find(piece) != std::string::npos; }

// A trial with a site, a sponsor and typed properties of every kind.
Graph sample_graph() {
  Graph g;
  g.merge_entity({"Trial", "NCT01234567", "A Study", {},
                  {{"enrollment", std::int64_t(120)},
                   {"healthy_volunteers", false},
                   {"phase", std::vector<std::string>{"PHASE1", "PHASE2"}},
                   {"acronym", std::string("")},
                   {"status", std::string("RECRUITING")}}},
                 "b.json");
  g.merge_entity({"Trial", "NCT01234567", "A Study", {}, {}}, "a.json");
  g.merge_entity({"Site", "h|madrid||spain", "Hospital", {},
                  {{"lat", 40.4165}, {"lon", -3.70256}}}, "a.json");
  g.merge_entity({"Sponsor", "acme", "Acme", {"ACME Inc."}, {}}, "a.json");
  g.merge_relation({"CONDUCTED_AT", {"Trial", "NCT01234567"}, {"Site", "h|madrid||spain"},
                    {{"status", std::string("RECRUITING")}}}, "a.json");
  g.merge_relation({"SPONSORED_BY", {"Trial", "NCT01234567"}, {"Sponsor", "acme"},
                    {{"role", std::string("lead")}}}, "a.json");
  return g;
}

TEST(GraphML, DeclaresKeysWithTheirTypes) {
  std::string out = graphml(sample_graph());
  EXPECT_TRUE(has(out, R"(<key id="enrollment" for="node" attr.name="enrollment" attr.type="long"/>)")) << out;
  EXPECT_TRUE(has(out, R"(<key id="lat" for="node" attr.name="lat" attr.type="double"/>)"));
  EXPECT_TRUE(has(out, R"(<key id="lon" for="node" attr.name="lon" attr.type="double"/>)"));
  EXPECT_TRUE(has(out, R"(<key id="healthy_volunteers" for="node" attr.name="healthy_volunteers" attr.type="boolean"/>)"));
  EXPECT_TRUE(has(out, R"(<key id="phase" for="node" attr.name="phase" attr.type="string"/>)"));
  EXPECT_TRUE(has(out, R"(<key id="label" for="edge" attr.name="label" attr.type="string"/>)"));
  EXPECT_TRUE(has(out, R"(<key id="e_role" for="edge" attr.name="role" attr.type="string"/>)"));
}

TEST(GraphML, WritesTypedValuesInTheirLexicalForm) {
  std::string out = graphml(sample_graph());
  EXPECT_TRUE(has(out, R"(<data key="enrollment">120</data>)"));
  EXPECT_TRUE(has(out, R"(<data key="healthy_volunteers">false</data>)"));
  EXPECT_TRUE(has(out, R"(<data key="lat">40.4165</data>)"));
  EXPECT_TRUE(has(out, R"(<data key="lon">-3.70256</data>)"));
}

TEST(GraphML, MixedLongAndDoubleIsDeclaredDouble) {
  Graph g;
  g.merge_entity({"Site", "a", "", {}, {{"lat", std::int64_t(40)}}}, "s");
  g.merge_entity({"Site", "b", "", {}, {{"lat", 40.5}}}, "s");
  std::string out = graphml(g);
  EXPECT_TRUE(has(out, R"(attr.name="lat" attr.type="double")")) << out;
  EXPECT_TRUE(has(out, R"(<data key="lat">40</data>)"));
}

TEST(GraphML, MixedTextAndNumberIsDeclaredString) {
  Graph g;
  g.merge_entity({"Trial", "a", "", {}, {{"enrollment", std::int64_t(40)}}}, "s");
  g.merge_entity({"Trial", "b", "", {}, {{"enrollment", std::string("about 40")}}}, "s");
  std::string out = graphml(g);
  EXPECT_TRUE(has(out, R"(attr.name="enrollment" attr.type="string")")) << out;
  EXPECT_TRUE(has(out, R"(<data key="enrollment">40</data>)"));
}

TEST(GraphML, EdgeLabelIsTheFirstChildOfEveryEdge) {
  std::string out = graphml(sample_graph());
  std::size_t edges = 0;
  for (std::size_t at = out.find("<edge "); at != std::string::npos; at = out.find("<edge ", at + 1)) {
    ++edges;
    std::size_t start_tag_end = out.find('>', at);
    ASSERT_NE(start_tag_end, std::string::npos);
    const std::string first_child = R"(<data key="label">)";
    EXPECT_EQ(out.compare(start_tag_end + 1, first_child.size(), first_child), 0)
        << out.substr(at, out.find('\n', at) - at);
  }
  EXPECT_EQ(edges, 2u);
  EXPECT_TRUE(has(out, R"(<data key="label">SPONSORED_BY</data>)"));
}

TEST(GraphML, NodesCarryTheirLabelKeyAndName) {
  std::string out = graphml(sample_graph());
  EXPECT_TRUE(has(out, R"(<node id="Trial:NCT01234567" labels=":Trial"><data key="labels">:Trial</data><data key="key">NCT01234567</data><data key="name">A Study</data>)"))
      << out;
}

TEST(GraphML, ListPropertiesAreJsonArrays) {
  std::string out = graphml(sample_graph());
  EXPECT_TRUE(has(out, R"(<data key="sources">[&quot;a.json&quot;,&quot;b.json&quot;]</data>)")) << out;
  EXPECT_TRUE(has(out, R"(<data key="aliases">[&quot;ACME Inc.&quot;]</data>)"));
  EXPECT_TRUE(has(out, R"(<data key="phase">[&quot;PHASE1&quot;,&quot;PHASE2&quot;]</data>)"));
  EXPECT_TRUE(has(out, R"(<data key="e_sources">[&quot;a.json&quot;]</data>)"));
}

// Byte for byte as nlohmann's dump writes them, whether plain ASCII (written directly) or holding
// other bytes (written by nlohmann, which also replaces what is not UTF-8).
TEST(GraphML, ListsAreTheJsonNlohmannWrites) {
  std::string controls;
  for (int c = 1; c < 0x20; ++c) controls += char(c);
  const std::vector<std::string> ascii = {"plain", "with \"quotes\", \\ and /", controls, "del\x7f"};
  const std::vector<std::string> other = {"caf\xC3\xA9", "a\"b", "bad\xff"};
  Graph g;
  g.merge_entity({"Drug", "d", "D", {"al\"ias"}, {{"keywords", ascii}, {"countries", other}}}, "s\\1");
  std::string out = graphml(g);
  for (const auto& list : {ascii, other, {"al\"ias"}, {"s\\1"}}) {
    std::string expected;
    detail::append_xml_escaped(expected, nlohmann::json(list).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    EXPECT_TRUE(has(out, ">" + expected + "</data>")) << expected << "\n" << out;
  }
}

TEST(GraphML, EmptyStringsAreNotWritten) {
  std::string out = graphml(sample_graph());
  EXPECT_FALSE(has(out, R"(<data key="acronym">)")) << out;
  EXPECT_FALSE(has(out, "></data>"));
  EXPECT_FALSE(has(out, "<data key=\"aliases\">[]"));
}

TEST(GraphML, InvalidUtf8AndControlCharactersAreReplaced) {
  Graph g;
  g.merge_entity({"Sponsor", "bad\x01key", "bad\xffname", {"al\x01ias\xfe"},
                  {{"city", std::string("Z\xc3\x28rich\x0b")},
                   {"keywords", std::vector<std::string>{"k\x01", "\xff"}}}},
                 "src\x02.json");
  std::string out = graphml(g);
  for (char bad : {'\x01', '\x02', '\x0b', '\xff', '\xfe'})
    EXPECT_EQ(out.find(bad), std::string::npos) << "raw byte " << int(static_cast<unsigned char>(bad));
  EXPECT_EQ(detail::valid_xml_text(out), out) << "the document is not valid XML text";
  EXPECT_TRUE(has(out, "bad\xEF\xBF\xBDname"));
}

TEST(GraphML, MarkupCharactersAreEscaped) {
  Graph g;
  g.merge_entity({"Drug", "a<b>&\"c\"", "A<B> & \"C\"", {}, {}}, "s");
  std::string out = graphml(g);
  EXPECT_TRUE(has(out, R"(<data key="name">A&lt;B&gt; &amp; &quot;C&quot;</data>)")) << out;
  EXPECT_TRUE(has(out, R"(<node id="Drug:a&lt;b&gt;&amp;&quot;c&quot;")"));
  EXPECT_FALSE(has(out, "A<B>"));
}

TEST(GraphML, IsACompleteDocument) {
  std::string out = graphml(sample_graph());
  EXPECT_EQ(out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml ", 0), 0u);
  EXPECT_TRUE(has(out, R"(<graph id="G" edgedefault="directed">)"));
  EXPECT_EQ(out.substr(out.size() - 20), "</graph>\n</graphml>\n");
}

TEST(GraphML, EmptyGraphStillDeclaresTheFixedKeys) {
  std::string out = graphml(Graph());
  EXPECT_TRUE(has(out, R"(<key id="labels" for="node")"));
  EXPECT_TRUE(has(out, R"(<key id="sources" for="node")"));
  EXPECT_TRUE(has(out, R"(<key id="e_sources" for="edge")"));
  EXPECT_FALSE(has(out, "<node "));
}

}  // namespace
