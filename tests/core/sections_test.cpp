// split_eligibility tries its two heading patterns only where a heading can begin. Whatever it
// skips, it must cut the criteria exactly where the patterns, searched over the whole text, would.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>

#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include "test_support.hpp"
#include "trialgraph/sections.hpp"

namespace trialgraph {
namespace {

using test::examples_dir;
using test::read_text;
using test::shared_dir;

// The definition: both patterns searched left to right over the whole text.
std::vector<SectionText> split_by_search(std::string_view criteria) {
  static const RE2 with_colon(
      R"((?i)\b(non[- ]?inclusion|inclusion|exclusion)\s+criteria\b[^\n:.;]{0,60}:)");
  static const RE2 own_line(
      R"((?im)^[ \t#*•\-]*(?:key\s+|main\s+|major\s+|general\s+)?(non[- ]?inclusion|inclusion|exclusion)(?:\s+criteria)?[ \t]*:?[ \t\r]*$)");
  struct Heading {
    std::size_t begin, end;
    Section section;
  };
  std::vector<Heading> found;
  for (const RE2* re : {&with_colon, &own_line}) {
    re2::StringPiece input(criteria.data(), criteria.size()), groups[2];
    for (std::size_t pos = 0; pos <= criteria.size() &&
                              re->Match(input, pos, criteria.size(), RE2::UNANCHORED, groups, 2);) {
      std::size_t begin = std::size_t(groups[0].data() - criteria.data()), end = begin + groups[0].size();
      bool in = (groups[1][0] | 0x20) == 'i';
      found.push_back({begin, end, in ? Section::inclusion : Section::exclusion});
      pos = std::max(end, begin + 1);
    }
  }
  std::sort(found.begin(), found.end(), [](const Heading& a, const Heading& b) { return a.begin < b.begin; });
  std::vector<SectionText> out;
  auto add = [&](Section s, std::string_view text) {
    std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos)
      out.push_back({s, std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1))});
  };
  std::size_t start = 0, last_end = 0;
  Section current = Section::eligibility;
  bool any = false;
  for (const Heading& h : found) {
    if (any && h.begin < last_end) continue;  // overlaps the heading kept before it
    any = true;
    last_end = h.end;
    add(current, criteria.substr(start, h.begin - start));
    current = h.section;
    start = h.end;
  }
  add(current, criteria.substr(start));
  return out;
}

void expect_same_cut(const std::string& criteria) {
  std::vector<SectionText> fast = split_eligibility(criteria), searched = split_by_search(criteria);
  ASSERT_EQ(fast.size(), searched.size()) << criteria;
  for (std::size_t i = 0; i < fast.size(); ++i) {
    EXPECT_EQ(fast[i].section, searched[i].section) << criteria;
    EXPECT_EQ(fast[i].text, searched[i].text) << criteria;
  }
}

void expect_same_cut_in_records(const std::filesystem::path& folder, std::size_t& texts) {
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".json") continue;
    auto record = nlohmann::json::parse(read_text(entry.path()), nullptr, false);
    auto criteria = record.value(nlohmann::json::json_pointer("/protocolSection/eligibilityModule/eligibilityCriteria"), "");
    if (criteria.empty()) continue;
    expect_same_cut(criteria);
    ++texts;
  }
}

TEST(Sections, CutsTheRegistryCriteriaWhereASearchOfTheWholeTextWould) {
  std::size_t texts = 0;
  expect_same_cut_in_records(examples_dir() / "ctgov-v2", texts);
  if (std::filesystem::is_directory(shared_dir() / "data" / "v2json"))
    expect_same_cut_in_records(shared_dir() / "data" / "v2json", texts);
  EXPECT_GE(texts, 60u);
}

TEST(Sections, CutsWrittenAndRandomCriteriaWhereASearchOfTheWholeTextWould) {
  for (const char* text : {
           "Inclusion Criteria:\n* adults\nExclusion Criteria:\n* children", "INCLUSION\n- a\nEXCLUSION  \r\n- b",
           "Key\nInclusion\n* a", "Non inclusion criteria - see below:\n* a", "exclusion criteria; none",
           "Exclusion criteria\n\ncriteria:", "Inclusion\n  Criteria\n* a", "Inclusion criteria (all of):\n* a",
           "\xC4\xB0nclusion criteria:\n* a", "\xC4\xB1nclusion criteria: a", "INCLU\xC5\xBFION CRITERIA: a",
           "inclusion\tcriteria\t:\n a", "Eligibility: the inclusion criteria are listed below: a",
           "All exclusion criteria apply. Inclusion:\n a", "Main  inclusion\n a", "inclusioncriteria: a",
           "noninclusion\n a", "inclusion", "exclusion criteria", "x inclusion criteria:", "•  Exclusion:\n a",
           "Inclusion criteria:Exclusion criteria: a", "inclusion criteria\ncriteria: inclusion\n"}) {
    expect_same_cut(text);
  }
  const std::vector<std::string> parts = {
      "inclusion", "exclusion", "Inclusion", "EXCLUSION", "non-", "non ", "non", "criteria", "CRITERIA", ":", "\n",
      "\r\n", " ", "\t", "Key ", "key\n", "main ", "\xE2\x80\xA2", "- ", "* ", ".", ";", "text", "in", "ex",
      "clusion", "\xC5\xBF", "\xC4\xB0", "(all)", "criteria:"};
  std::mt19937 random(20261122);
  for (int i = 0; i < 5000; ++i) {
    std::string text;
    for (int n = 1 + int(random() % 14); n > 0; --n) text += parts[random() % parts.size()];
    expect_same_cut(text);
    if (HasFailure()) return;
  }
}

}  // namespace
}  // namespace trialgraph
