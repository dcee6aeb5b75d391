// The registry's code vocabulary: statuses and phases however a source spells them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "trialgraph/vocabulary.hpp"

namespace {

using namespace trialgraph;
using Codes = std::vector<std::string>;

TEST(RegistryCode, TurnsPlainWordsIntoACode) {
  EXPECT_EQ(registry_code("Active, not recruiting"), "ACTIVE_NOT_RECRUITING");
  EXPECT_EQ(registry_code("Not yet recruiting"), "NOT_YET_RECRUITING");
  EXPECT_EQ(registry_code("Enrolling by invitation"), "ENROLLING_BY_INVITATION");
}

TEST(RegistryCode, KeepsACodeAsItIs) {
  EXPECT_EQ(registry_code("RECRUITING"), "RECRUITING");
  EXPECT_EQ(registry_code("ACTIVE_NOT_RECRUITING"), "ACTIVE_NOT_RECRUITING");
}

TEST(RegistryCode, TrimsAndCollapsesSeparators) {
  EXPECT_EQ(registry_code("  Completed \n"), "COMPLETED");
  EXPECT_EQ(registry_code("Active , -- not recruiting"), "ACTIVE_NOT_RECRUITING");
  EXPECT_EQ(registry_code(""), "");
}

TEST(PhaseCodes, SplitsOnSlash) { EXPECT_EQ(phase_codes("Phase 1/Phase 2"), (Codes{"PHASE1", "PHASE2"})); }

TEST(PhaseCodes, SplitsOnComma) { EXPECT_EQ(phase_codes("PHASE1, PHASE2"), (Codes{"PHASE1", "PHASE2"})); }

TEST(PhaseCodes, SplitsOnBar) { EXPECT_EQ(phase_codes("Phase 1|Phase 2"), (Codes{"PHASE1", "PHASE2"})); }

TEST(PhaseCodes, SinglePhaseInEitherSpelling) {
  EXPECT_EQ(phase_codes("Phase 2"), (Codes{"PHASE2"}));
  EXPECT_EQ(phase_codes("PHASE2"), (Codes{"PHASE2"}));
  EXPECT_EQ(phase_codes("Phase III"), (Codes{"PHASE3"}));
}

TEST(PhaseCodes, EarlyPhase) {
  EXPECT_EQ(phase_codes("Early Phase 1"), (Codes{"EARLY_PHASE1"}));
  EXPECT_EQ(phase_codes("EARLY_PHASE1"), (Codes{"EARLY_PHASE1"}));
}

TEST(PhaseCodes, NotApplicable) {
  EXPECT_EQ(phase_codes("N/A"), (Codes{"NA"}));
  EXPECT_EQ(phase_codes("Not Applicable"), (Codes{"NA"}));
  EXPECT_EQ(phase_codes("NA"), (Codes{"NA"}));
}

TEST(PhaseCodes, CollapsesDuplicates) {
  EXPECT_EQ(phase_codes("Phase 2/PHASE2, phase 2"), (Codes{"PHASE2"}));
}

TEST(PhaseCodes, TrimsParts) { EXPECT_EQ(phase_codes("  Phase 1 /  Phase 2  "), (Codes{"PHASE1", "PHASE2"})); }

TEST(PhaseCodes, EmptyGivesNoCodes) {
  EXPECT_TRUE(phase_codes("").empty());
  EXPECT_TRUE(phase_codes(" / , ").empty());
}

TEST(PhaseCodes, KeepsUnknownPartsAsCodes) { EXPECT_EQ(phase_codes("Pilot study"), (Codes{"PILOT_STUDY"})); }

TEST(Trim, TrimsAsciiWhiteSpaceOnly) {
  EXPECT_EQ(trim("  \t a b \r\n"), "a b");
  EXPECT_EQ(trim(" \n "), "");
  EXPECT_EQ(trim("x"), "x");
}

TEST(Trim, TakesNoBreakSpacesAndFormFeedsFromEitherEndButKeepsThemInside) {
  EXPECT_EQ(trim("\f\v18 Years\xC2\xA0 \xC2\xA0"), "18 Years");
  EXPECT_EQ(trim("\xC2\xA0 \xC2\xA0(Adult)\v"), "(Adult)");
  EXPECT_EQ(trim(" a\xC2\xA0\f b "), "a\xC2\xA0\f b");
  EXPECT_EQ(trim("\xC2\xA0"), "");
  EXPECT_EQ(trim("\xC2"), "\xC2");  // half a no-break space is text
  EXPECT_EQ(trim(""), "");
}

TEST(RegistryCode, IsAsciiLettersAndDigitsInCapitalsJoinedByUnderscores) {
  EXPECT_EQ(registry_code(" Phase 1/Phase 2 "), "PHASE_1_PHASE_2");
  EXPECT_EQ(registry_code("early_phase1"), "EARLY_PHASE1");
  EXPECT_EQ(registry_code("Sjögren z@[`{"), "SJ_GREN_Z");  // bytes past ASCII and the letters' neighbours are not letters
  EXPECT_EQ(registry_code("--"), "");
}

}  // namespace
