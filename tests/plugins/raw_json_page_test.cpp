// The Raw-JSON study page plugin on its seed and on pages written to vary it: Windows line ends,
// extra white space, a missing or reordered header, a page cut off inside the dump or before it.
#include <gtest/gtest.h>

#include "extraction.hpp"

namespace {
using namespace trialgraph;
using test::Extraction;

const char* kPlugin = "ctgov-raw-json-page";

std::string page() {
  return test::read_text(test::source_dir() / "plugins/ctgov-raw-json-page/samples/004_12ad7b77f5f507e9.txt");
}

std::set<std::string> keys_of(const Extraction& x) {
  std::set<std::string> keys;
  for (const Entity& e : x.entities) keys.insert(e.label + " " + e.key);
  for (const Relation& r : x.relations) keys.insert(r.type + " " + r.from.key + " -> " + r.to.key);
  return keys;
}

TEST(RawJsonPage, SeedGivesTheRecordsFacts) {
  Extraction x = test::extract_with(kPlugin, page());
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_TRUE(x.problems.empty()) << x.problems.front();
  const Entity* t = x.node("Trial", "NCT06709469");
  ASSERT_TRUE(t);
  EXPECT_EQ(Extraction::prop(t, "acronym"), "REALL_CART");
  const Entity* cd19_cd22 = x.node("Drug", "Autologous CD19/CD22 CAR T cells");
  EXPECT_TRUE(x.edge("TARGETS", cd19_cd22, x.node("Antigen", "CD22")));
  EXPECT_FALSE(x.edge("TARGETS", x.node("Drug", "Allogeneic CART-NKG2D cells"), x.node("Antigen", "CD19")));
}

TEST(RawJsonPage, WindowsLineEndsExtraWhiteSpaceAndReorderedHeaderChangeNothing) {
  std::string p = page();
  std::set<std::string> plain = test::extract_with(kPlugin, p).facts();
  EXPECT_EQ(test::extract_with(kPlugin, test::with_crlf(p)).facts(), plain);
  std::string spaced;
  for (char c : p) spaced += c == '\n' ? std::string("   \n\n  ") : std::string(1, c);
  EXPECT_EQ(test::extract_with(kPlugin, spaced).facts(), plain);
  std::string reordered = p;
  std::string status = "Status: RECRUITING\n";
  reordered.erase(reordered.find(status), status.size());
  reordered.insert(reordered.find("Brief Title:"), status);
  EXPECT_EQ(test::extract_with(kPlugin, reordered).facts(), plain);
  EXPECT_EQ(test::detected_plugin("p.txt", test::with_crlf(spaced)), kPlugin);
}

TEST(RawJsonPage, WithoutItsHeaderThePageGivesTheSameGraph) {
  std::string p = page();
  std::string bare = p.substr(p.find("Raw JSON"));
  ASSERT_EQ(test::detected_plugin("p.txt", bare), kPlugin);
  EXPECT_EQ(test::extract_with(kPlugin, bare).facts(), test::extract_with(kPlugin, p).facts());
}

TEST(RawJsonPage, CutOffInsideTheDumpKeepsWhatPrecedesTheCutAndSaysSo) {
  std::string p = page();
  Extraction full = test::extract_with(kPlugin, p);
  std::set<std::string> all = keys_of(full);
  for (double fraction : {0.3, 0.5, 0.7, 0.9}) {
    SCOPED_TRACE(fraction);
    std::string cut = p.substr(0, std::size_t(double(p.size()) * fraction));
    ASSERT_EQ(test::detected_plugin("p.txt", cut), kPlugin);
    Extraction x = test::extract_with(kPlugin, cut);
    ASSERT_TRUE(x.status.ok) << x.status.error;
    EXPECT_TRUE(x.problem_mentions("cut off"));
    const Entity* t = x.node("Trial", "NCT06709469");
    ASSERT_TRUE(t) << "the header names the trial even when the dump's identification is cut";
    EXPECT_EQ(Extraction::prop(t, "status"), "RECRUITING");
    for (const Relation& r : x.relations) {
      // With its products cut off, the title's antigens are the trial's (graph-model.md): still
      // only antigens the full record's products target.
      if (r.type == "TARGETS" && r.from.label == "Trial") {
        bool targeted = false;
        for (const Relation& f : full.relations) targeted = targeted || (f.type == "TARGETS" && f.to.key == r.to.key);
        EXPECT_TRUE(targeted) << "invented target " << r.to.key;
        continue;
      }
      EXPECT_TRUE(all.count(r.type + " " + r.from.key + " -> " + r.to.key)) << "invented: " << r.type << " " << r.to.key;
    }
    for (const Entity& e : x.entities) EXPECT_TRUE(all.count(e.label + " " + e.key)) << "invented: " << e.key;
  }
  // Most of the record read: its sponsor and products are there.
  Extraction late = test::extract_with(kPlugin, p.substr(0, p.size() * 9 / 10));
  EXPECT_GT(keys_of(late).size(), all.size() / 2);
}

TEST(RawJsonPage, CutOffBeforeTheDumpReadsTheHeader) {
  std::string p = page();
  std::string header = p.substr(0, p.find("Raw JSON"));
  ASSERT_EQ(test::detected_plugin("p.txt", header), kPlugin);
  Extraction x = test::extract_with(kPlugin, header);
  ASSERT_TRUE(x.status.ok) << x.status.error;
  EXPECT_TRUE(x.problem_mentions("no dump"));
  const Entity* t = x.node("Trial", "NCT06709469");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->name.rfind("Phase I Clinical Trial of CART Cell Therapy", 0), 0u);
  EXPECT_EQ(Extraction::prop(t, "status"), "RECRUITING");
  EXPECT_EQ(Extraction::prop(t, "last_updated"), "2025-09-22");
}

TEST(RawJsonPage, ABrokenDumpFailsTheDocumentWithTheReason) {
  std::string p = page();
  std::string broken = p;
  broken.replace(broken.find("'hasResults': False"), 19, "'hasResults': Flase");
  Extraction x = test::extract_with(kPlugin, broken);
  EXPECT_FALSE(x.status.ok);
  EXPECT_NE(x.status.error.find("not a readable Python literal"), std::string::npos) << x.status.error;
}

}  // namespace
