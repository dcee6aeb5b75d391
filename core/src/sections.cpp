#include "trialgraph/sections.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <re2/re2.h>

namespace trialgraph {
namespace {

constexpr std::array<std::pair<Section, const char*>, 13> kNames = {{
    {Section::title, "title"}, {Section::summary, "summary"}, {Section::description, "description"},
    {Section::intervention_name, "intervention_name"},
    {Section::intervention_description, "intervention_description"}, {Section::arm, "arm"},
    {Section::outcome, "outcome"}, {Section::inclusion, "inclusion"}, {Section::exclusion, "exclusion"},
    {Section::eligibility, "eligibility"}, {Section::conditions, "conditions"},
    {Section::keywords, "keywords"}, {Section::other, "other"},
}};

struct Heading {
  std::size_t begin, end;  // the heading's own text
  Section section;
};

std::vector<Heading> find_headings(std::string_view text) {
  // A heading is "... inclusion criteria ...:" or a line that is nothing but "Inclusion (criteria)".
  static const RE2 with_colon(
      R"((?i)\b(non[- ]?inclusion|inclusion|exclusion)\s+criteria\b[^\n:.;]{0,60}:)");
  static const RE2 own_line(
      R"((?im)^[ \t#*•\-]*(?:key\s+|main\s+|major\s+|general\s+)?(non[- ]?inclusion|inclusion|exclusion)(?:\s+criteria)?[ \t]*:?[ \t\r]*$)");
  std::vector<Heading> out;
  for (const RE2* re : {&with_colon, &own_line}) {
    re2::StringPiece input(text.data(), text.size()), groups[2];
    std::size_t pos = 0;
    while (pos <= text.size() && re->Match(input, pos, text.size(), RE2::UNANCHORED, groups, 2)) {
      std::size_t begin = std::size_t(groups[0].data() - text.data());
      std::size_t end = begin + groups[0].size();
      char first = char(std::tolower(static_cast<unsigned char>(groups[1][0])));
      out.push_back({begin, end, first == 'i' ? Section::inclusion : Section::exclusion});
      pos = std::max(end, begin + 1);
    }
  }
  std::sort(out.begin(), out.end(), [](const Heading& a, const Heading& b) { return a.begin < b.begin; });
  // Both patterns may see one heading; keep the first of overlapping ones.
  std::vector<Heading> kept;
  for (const Heading& h : out)
    if (kept.empty() || h.begin >= kept.back().end) kept.push_back(h);
  return kept;
}

void add_part(std::vector<SectionText>& out, Section section, std::string_view text) {
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return;
  std::size_t last = text.find_last_not_of(" \t\r\n");
  out.push_back({section, std::string(text.substr(first, last - first + 1))});
}

}  // namespace

const char* section_name(Section section) {
  for (const auto& [s, name] : kNames)
    if (s == section) return name;
  return "other";
}

std::optional<Section> section_from_name(std::string_view name) {
  for (const auto& [s, n] : kNames)
    if (name == n) return s;
  return std::nullopt;
}

std::vector<SectionText> split_eligibility(std::string_view criteria) {
  std::vector<SectionText> out;
  std::vector<Heading> headings = find_headings(criteria);
  std::size_t start = 0;
  Section current = Section::eligibility;
  for (const Heading& h : headings) {
    add_part(out, current, criteria.substr(start, h.begin - start));
    current = h.section;
    start = h.end;
  }
  add_part(out, current, criteria.substr(start));
  return out;
}

}  // namespace trialgraph
