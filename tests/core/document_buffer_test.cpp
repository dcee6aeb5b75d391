// DocumentBuffer: what one document emitted, checked against the contract.
#include <gtest/gtest.h>

#include "trialgraph/document_buffer.hpp"

namespace {

using namespace trialgraph;

Entity entity(const char* label, const char* key) { return {label, key, key, {}, {}}; }

TEST(DocumentBuffer, KeepsEntitiesWithLabelAndKey) {
  DocumentBuffer buf;
  buf.add_entity(entity("Trial", "NCT00000001"));
  ASSERT_EQ(buf.entities().size(), 1u);
  EXPECT_EQ(buf.entities()[0].key, "NCT00000001");
  EXPECT_TRUE(buf.problems().empty());
}

TEST(DocumentBuffer, DropsEntityWithoutKeyAndReportsIt) {
  DocumentBuffer buf;
  buf.add_entity({"Sponsor", "", "Nameless Sponsor", {}, {}});
  EXPECT_TRUE(buf.entities().empty());
  ASSERT_EQ(buf.problems().size(), 1u);
  EXPECT_NE(buf.problems()[0].find("Nameless Sponsor"), std::string::npos) << buf.problems()[0];
}

TEST(DocumentBuffer, DropsEntityWithoutLabel) {
  DocumentBuffer buf;
  buf.add_entity({"", "k", "n", {}, {}});
  EXPECT_TRUE(buf.entities().empty());
  EXPECT_EQ(buf.problems().size(), 1u);
}

TEST(DocumentBuffer, FinishKeepsRelationsBetweenEmittedEntities) {
  DocumentBuffer buf;
  buf.add_entity(entity("Trial", "T"));
  buf.add_entity(entity("Sponsor", "S"));
  buf.add_relation({"SPONSORED_BY", {"Trial", "T"}, {"Sponsor", "S"}, {}});
  buf.finish();
  EXPECT_EQ(buf.relations().size(), 1u);
  EXPECT_TRUE(buf.problems().empty());
}

TEST(DocumentBuffer, FinishDropsRelationWithUnknownTarget) {
  DocumentBuffer buf;
  buf.add_entity(entity("Trial", "T"));
  buf.add_relation({"SPONSORED_BY", {"Trial", "T"}, {"Sponsor", "S"}, {}});
  buf.finish();
  EXPECT_TRUE(buf.relations().empty());
  ASSERT_EQ(buf.problems().size(), 1u);
  EXPECT_NE(buf.problems()[0].find("SPONSORED_BY"), std::string::npos) << buf.problems()[0];
}

TEST(DocumentBuffer, FinishDropsRelationWithUnknownSource) {
  DocumentBuffer buf;
  buf.add_entity(entity("Sponsor", "S"));
  buf.add_relation({"SPONSORED_BY", {"Trial", "T"}, {"Sponsor", "S"}, {}});
  buf.finish();
  EXPECT_TRUE(buf.relations().empty());
  EXPECT_EQ(buf.problems().size(), 1u);
}

TEST(DocumentBuffer, EndsAreMatchedByLabelAndKeyTogether) {
  DocumentBuffer buf;
  buf.add_entity(entity("Trial", "T"));
  buf.add_entity(entity("Drug", "S"));  // same key, other label
  buf.add_relation({"SPONSORED_BY", {"Trial", "T"}, {"Sponsor", "S"}, {}});
  buf.finish();
  EXPECT_TRUE(buf.relations().empty());
}

TEST(DocumentBuffer, EndsNamingADroppedEntityAreDropped) {
  DocumentBuffer buf;
  buf.add_entity(entity("Trial", "T"));
  buf.add_entity({"Sponsor", "", "x", {}, {}});
  buf.add_relation({"SPONSORED_BY", {"Trial", "T"}, {"Sponsor", ""}, {}});
  buf.finish();
  EXPECT_TRUE(buf.relations().empty());
  EXPECT_EQ(buf.problems().size(), 2u);
}

TEST(DocumentBuffer, FinishKeepsValidAndDropsOnlyDangling) {
  DocumentBuffer buf;
  buf.add_entity(entity("Trial", "T"));
  buf.add_entity(entity("Drug", "D"));
  buf.add_relation({"TESTS", {"Trial", "T"}, {"Drug", "D"}, {}});
  buf.add_relation({"TESTS", {"Trial", "T"}, {"Drug", "missing"}, {}});
  buf.add_relation({"STUDIES", {"Trial", "T"}, {"Disease", "X"}, {}});
  buf.finish();
  ASSERT_EQ(buf.relations().size(), 1u);
  EXPECT_EQ(buf.relations()[0].to.key, "D");
  EXPECT_EQ(buf.problems().size(), 2u);
}

TEST(DocumentBuffer, FinishKeepsEachEntitysHashAndEachRelationsEndsByPosition) {
  DocumentBuffer buf;
  buf.add_entity(entity("Trial", "T"));
  buf.add_entity(entity("Drug", "D"));
  buf.add_entity(entity("Drug", "D"));  // twice: an end is the first of the two
  buf.add_entity(entity("Sponsor", "S"));
  buf.add_relation({"TESTS", {"Trial", "T"}, {"Drug", "missing"}, {}});  // dropped: no position
  buf.add_relation({"SPONSORED_BY", {"Trial", "T"}, {"Sponsor", "S"}, {}});
  buf.add_relation({"RELATED_TO", {"Drug", "D"}, {"Trial", "T"}, {}});
  buf.add_relation({"SPONSORED_BY", {"Trial", "T"}, {"Sponsor", "S"}, {}});  // a repeat: dropped
  EXPECT_TRUE(buf.relation_ends().empty()) << "nothing before finish()";
  buf.finish();
  ASSERT_EQ(buf.entity_hashes().size(), 4u);
  for (std::size_t i = 0; i < 4; ++i)
    EXPECT_EQ(buf.entity_hashes()[i], identity_hash(buf.entities()[i].label, buf.entities()[i].key));
  ASSERT_EQ(buf.relations().size(), 2u);
  ASSERT_EQ(buf.relation_ends().size(), 2u);
  EXPECT_EQ(buf.relation_ends()[0].from, 0u);
  EXPECT_EQ(buf.relation_ends()[0].to, 3u);
  EXPECT_EQ(buf.relation_ends()[1].from, 1u);
  EXPECT_EQ(buf.relation_ends()[1].to, 0u);
  // Anything added after finish() makes them stale: they are not given out until finish() again.
  buf.add_entity(entity("Site", "X"));
  EXPECT_TRUE(buf.entity_hashes().empty());
  EXPECT_TRUE(buf.relation_ends().empty());
  buf.finish();
  EXPECT_EQ(buf.entity_hashes().size(), 5u);
  EXPECT_EQ(buf.relation_ends().size(), 2u);
  buf.add_relation({"RUNS_AT", {"Trial", "T"}, {"Site", "X"}, {}});
  EXPECT_TRUE(buf.entity_hashes().empty());
  EXPECT_TRUE(buf.relation_ends().empty());
}

TEST(DocumentBuffer, ReportProblemJoinsWhereAndWhat) {
  DocumentBuffer buf;
  buf.report_problem("record 3", "no nctId");
  ASSERT_EQ(buf.problems().size(), 1u);
  EXPECT_EQ(buf.problems()[0], "record 3: no nctId");
}

// A plugin quoting a whole 200 MB line, or reporting each of a million bad lines, must not flood
// the report: each problem is clipped, and past kMaxProblems only their number is kept.
TEST(DocumentBuffer, ProblemsAreClippedAndCounted) {
  DocumentBuffer buf;
  std::string huge(5'000'000, 'x');
  buf.report_problem("line 1", "not valid: last read '" + huge + "'");
  ASSERT_EQ(buf.problems().size(), 1u);
  EXPECT_LE(buf.problems()[0].size(), kMaxProblemBytes);
  EXPECT_EQ(buf.problems()[0].rfind("line 1: not valid: last read 'xxx", 0), 0u);
  std::size_t what = huge.size() + 23, kept = kMaxProblemBytes - std::string("line 1: ").size() - 40;
  EXPECT_NE(buf.problems()[0].find("x... (" + std::to_string(what - kept) + " more bytes)"), std::string::npos)
      << buf.problems()[0].substr(kMaxProblemBytes - 100);
  for (int i = 2; i <= 100000; ++i) buf.report_problem("line " + std::to_string(i), "bad");
  ASSERT_EQ(buf.problems().size(), kMaxProblems);
  EXPECT_EQ(buf.problems()[kMaxProblems - 2], "line 999: bad");
  EXPECT_EQ(buf.problems().back(), "... and " + std::to_string(100000 - (kMaxProblems - 1)) + " more problems not listed");
}

TEST(DocumentBuffer, ClipTextCutsBetweenCharacters) {
  EXPECT_EQ(clip_text("short", 10), "short");
  std::string text = std::string(37, '-') + "caf\xC3\xA9" + std::string(100, 'x');  // cut at 41: inside the é
  EXPECT_EQ(clip_text(text, 81), std::string(37, '-') + "caf... (102 more bytes)");
  EXPECT_EQ(clip_text(clip_text(text, 81), 81), clip_text(text, 81)) << "clipping twice changes nothing";
}

}  // namespace
