#include "trialgraph/sections.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include <re2/re2.h>

#include "anchored_match.hpp"
#include "byte_blocks.hpp"

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

// Does "clusion" (any case; RE2's case folding also reads the long s "ſ" as s) begin at `at`?
// Returns where it ends, or npos.
std::size_t clusion_at(std::string_view text, std::size_t at) {
  auto letter = [&](std::size_t i, char c) { return i < text.size() && (text[i] | 0x20) == c; };
  if (!letter(at, 'c') || !letter(at + 1, 'l') || !letter(at + 2, 'u')) return std::string_view::npos;
  std::size_t i = at + 3;
  if (letter(i, 's')) ++i;
  else if (text.compare(i, 2, "\xC5\xBF") == 0) i += 2;
  else return std::string_view::npos;
  bool ion = letter(i, 'i') && letter(i + 1, 'o') && letter(i + 2, 'n');
  return ion ? i + 3 : std::string_view::npos;
}

std::size_t line_start(std::string_view text, std::size_t at) {
  std::size_t newline = text.rfind('\n', at == 0 ? 0 : at - 1);
  return at == 0 || newline == std::string_view::npos ? 0 : newline + 1;
}

// Where the two heading patterns can begin. Each holds a keyword ending in "clusion", so instead of
// running both over the whole criteria, a scan finds those and each pattern is tried, anchored,
// only where it could start: the keyword's start ("in", "ex", "nonin", "non-in" before "clusion")
// for the first, the start of its line, or of the line of the word before it ("Key\n
// Inclusion"), for the one that takes a whole line.
struct HeadingStarts {
  std::vector<std::size_t> keyword, line;
};

// Calls visit(at) for each place from `from` on that holds an 'l' in either case, in order, sixteen
// bytes at a time where the processor can: criteria run to kilobytes, and few places hold one.
template <class Visit>
void for_each_l(std::string_view text, std::size_t from, Visit visit) {
  std::size_t at = from;
#if defined(__SSE2__)
  using namespace byte_blocks;
  for (; at + kSize <= text.size(); at += kSize)
    for_each_bit(equal(lower_letters(load(text.data() + at)), 'l'), at, visit);
#endif
  for (; at < text.size(); ++at)
    if ((text[at] | 0x20) == 'l') visit(at);
}

// Does the keyword that ends in "clusion" at `clusion` begin `before` bytes earlier: "in" or "ex"
// (2), "nonin" (5), "non-in" or "non in" (6), in any case?
bool keyword_begins(std::string_view text, std::size_t clusion, std::size_t before) {
  if (clusion < before) return false;
  std::size_t k = clusion - before;
  auto is = [&](std::size_t i, char lower) { return (text[i] | 0x20) == lower; };
  auto non = [&] { return is(k, 'n') && is(k + 1, 'o') && is(k + 2, 'n'); };
  if (before == 2) return (is(k, 'i') && is(k + 1, 'n')) || (is(k, 'e') && is(k + 1, 'x'));
  if (before == 5) return non() && is(k + 3, 'i') && is(k + 4, 'n');
  return non() && (text[k + 3] == '-' || text[k + 3] == ' ') && is(k + 4, 'i') && is(k + 5, 'n');
}

HeadingStarts heading_starts(std::string_view text) {
  HeadingStarts starts;
  for_each_l(text, 1, [&](std::size_t at) {
    if (clusion_at(text, at - 1) == std::string_view::npos) return;
    for (std::size_t before : {2, 5, 6}) {
      if (!keyword_begins(text, at - 1, before)) continue;  // no keyword, so neither pattern can match there
      std::size_t keyword = at - 1 - before;
      starts.keyword.push_back(keyword);
      starts.line.push_back(line_start(text, keyword));
      std::size_t word = keyword == 0 ? std::string_view::npos : text.find_last_not_of(" \t\n\f\r", keyword - 1);
      if (word != std::string_view::npos) starts.line.push_back(line_start(text, word));  // RE2's \s above
    }
  });
  for (auto* v : {&starts.keyword, &starts.line}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  return starts;
}

// The matches a left-to-right search would find, each tried only at the given starts (ascending;
// every place a match can begin).
void find_from(const RE2& re, std::string_view text, const std::vector<std::size_t>& starts,
               std::vector<Heading>& out) {
  re2::StringPiece input(text.data(), text.size()), groups[2];
  std::size_t pos = 0;
  for (std::size_t start : starts) {
    if (start < pos || !detail::match_anchored(re, input, start, groups, 2)) continue;
    std::size_t begin = std::size_t(groups[0].data() - text.data());
    std::size_t end = begin + groups[0].size();
    char first = char(std::tolower(static_cast<unsigned char>(groups[1][0])));
    out.push_back({begin, end, first == 'i' ? Section::inclusion : Section::exclusion});
    pos = std::max(end, begin + 1);
  }
}

std::vector<Heading> find_headings(std::string_view text) {
  // A heading is "... inclusion criteria ...:" or a line that is nothing but "Inclusion (criteria)".
  static const RE2 with_colon(
      R"((?i)\b(non[- ]?inclusion|inclusion|exclusion)\s+criteria\b[^\n:.;]{0,60}:)");
  static const RE2 own_line(
      R"((?im)^[ \t#*•\-]*(?:key\s+|main\s+|major\s+|general\s+)?(non[- ]?inclusion|inclusion|exclusion)(?:\s+criteria)?[ \t]*:?[ \t\r]*$)");
  std::vector<Heading> out;
  HeadingStarts starts = heading_starts(text);
  find_from(with_colon, text, starts.keyword, out);
  find_from(own_line, text, starts.line, out);
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
