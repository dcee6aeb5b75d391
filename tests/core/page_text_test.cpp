// Page helpers: lines, sections, bullets and dates as web pages print them.
#include <gtest/gtest.h>

#include "trialgraph/page_text.hpp"

namespace {
using namespace trialgraph;

TEST(PageText, LinesDropCrNoBreakSpacesAndEmptyLines) {
  auto lines = page_lines("  Title \r\n\r\n\xC2\xA0Gender\xC2\xA0\r\n\tALL\n\n");
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0], "Title");
  EXPECT_EQ(lines[1], "Gender");
  EXPECT_EQ(lines[2], "ALL");
  EXPECT_TRUE(page_lines("").empty());
  EXPECT_TRUE(page_lines("\r\n \n").empty());
}

TEST(PageText, SectionsFollowTheFormatsHeadingsInPageOrder) {
  auto lines = page_lines("Title\nGender\nALL\nLocations\nA, B, C\nGender\nMALE\n");
  auto sections = split_page(lines, [](std::string_view l) -> std::optional<std::string> {
    if (l == "Gender" || l == "Locations") return std::string(l);
    return std::nullopt;
  });
  ASSERT_EQ(sections.size(), 4u);
  EXPECT_EQ(sections[0].heading, "");
  EXPECT_EQ(sections[0].lines.front(), "Title");
  EXPECT_EQ(find_section(sections, "Locations")->lines.front(), "A, B, C");
  EXPECT_EQ(find_section(sections, "Gender")->lines.front(), "ALL") << "the first one";
  EXPECT_EQ(find_section(sections, "Timeline"), nullptr);
  EXPECT_EQ(join_lines(sections[2].lines), "A, B, C");
}

TEST(PageText, BulletsAreStrippedButNumberingKept) {
  EXPECT_EQ(without_bullet("- \xE2\x80\xA2 1. Adults"), "1. Adults");
  EXPECT_EQ(without_bullet("  \xE2\x80\xA2 Inclusion Criteria:"), "Inclusion Criteria:");
  EXPECT_EQ(without_bullet("* Age >= 18"), "Age >= 18");
  EXPECT_EQ(without_bullet("- Exclusion Criteria:"), "Exclusion Criteria:");
  EXPECT_EQ(without_bullet("anti-CD19"), "anti-CD19");
  EXPECT_EQ(without_bullet("-5 mg"), "-5 mg");
}

TEST(PageText, DatesAsPagesPrintThem) {
  EXPECT_EQ(iso_date("Jul 23, 2025"), "2025-07-23");
  EXPECT_EQ(iso_date("July 23, 2025"), "2025-07-23");
  EXPECT_EQ(iso_date("23 July 2025"), "2025-07-23");
  EXPECT_EQ(iso_date(" 2025-07-02 "), "2025-07-02");
  EXPECT_EQ(iso_date("December 2028"), "2028-12");
  EXPECT_EQ(iso_date("2029-07"), "2029-07");
  EXPECT_EQ(iso_date("Not reported"), "");
  EXPECT_EQ(iso_date("Estimated completion"), "");
  EXPECT_EQ(iso_date("Jul 99, 2025"), "");
  EXPECT_EQ(iso_date("Marker 3, 2025"), "") << "a month is its name or abbreviation, not any word starting so";
  EXPECT_EQ(iso_date("Sept. 3, 2025"), "2025-09-03");
}

TEST(PageText, PrefixesIgnoreCaseAndTrim) {
  EXPECT_EQ(after_prefix("NCT ID:   NCT07038447 ", "NCT ID:").value(), "NCT07038447");
  EXPECT_EQ(after_prefix("launched by X", "Launched by ").value(), "X");
  EXPECT_FALSE(after_prefix("NCT", "NCT ID:"));
}

}  // namespace
