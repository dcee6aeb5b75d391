#include "trialgraph/page_text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

#include "trialgraph/vocabulary.hpp"

namespace trialgraph {
namespace {

constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
constexpr std::string_view kBullet = "\xE2\x80\xA2";  // •

std::string_view trim_page(std::string_view s) {
  for (bool changed = true; changed;) {
    changed = false;
    s = trim(s);
    if (s.substr(0, 2) == kNoBreakSpace) s.remove_prefix(2), changed = true;
    if (s.size() >= 2 && s.substr(s.size() - 2) == kNoBreakSpace) s.remove_suffix(2), changed = true;
  }
  return s;
}

bool iequals_prefix(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(text[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

// "Jul", "Jul.", "July", "Sept": a month's name or its abbreviation, nothing else ("Marker" is none).
int month_number(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
      "november", "december"};
  if (!word.empty() && word.back() == '.') word.remove_suffix(1);
  std::string lower;
  for (char c : word) lower.push_back(char(std::tolower(static_cast<unsigned char>(c))));
  for (std::size_t i = 0; i < kMonths.size(); ++i)
    if (lower == kMonths[i] || lower == kMonths[i].substr(0, 3) || (i == 8 && lower == "sept")) return int(i) + 1;
  return 0;
}

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == ',' || text[i] == '.')) ++i;
    std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != ',') ++i;
    if (i > start) words.push_back(text.substr(start, i - start));
  }
  return words;
}

std::optional<int> number(std::string_view word) {
  if (word.empty() || word.size() > 4) return std::nullopt;
  int n = 0;
  for (char c : word) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

std::string format_date(int year, int month, int day) {
  char out[16];
  if (day) std::snprintf(out, sizeof out, "%04d-%02d-%02d", year, month, day);
  else std::snprintf(out, sizeof out, "%04d-%02d", year, month);
  return out;
}

bool is_iso_date(std::string_view s) {
  auto digits = [&](std::size_t from, std::size_t n) {
    for (std::size_t i = from; i < from + n; ++i)
      if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    return true;
  };
  if (s.size() == 7) return digits(0, 4) && s[4] == '-' && digits(5, 2);
  return s.size() == 10 && digits(0, 4) && s[4] == '-' && digits(5, 2) && s[7] == '-' && digits(8, 2);
}

}  // namespace

std::vector<std::string_view> page_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = trim_page(text.substr(start, end - start));
    if (!line.empty()) lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

std::vector<PageSection> split_page(const std::vector<std::string_view>& lines, const HeadingOf& heading_of) {
  std::vector<PageSection> sections(1);
  for (std::string_view line : lines) {
    if (std::optional<std::string> heading = heading_of(line)) {
      sections.push_back({std::move(*heading), line, {}});
      continue;
    }
    sections.back().lines.push_back(line);
  }
  return sections;
}

const PageSection* find_section(const std::vector<PageSection>& sections, std::string_view heading) {
  for (const PageSection& s : sections)
    if (s.heading == heading) return &s;
  return nullptr;
}

bool has_line(const std::vector<std::string_view>& lines, std::string_view line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

bool has_line_starting(const std::vector<std::string_view>& lines, std::string_view prefix) {
  return std::any_of(lines.begin(), lines.end(), [&](std::string_view l) { return bool(after_prefix(l, prefix)); });
}

std::string join_lines(const std::vector<std::string_view>& lines, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < lines.size() && i < to; ++i) {
    if (!out.empty()) out.push_back('\n');
    out.append(lines[i]);
  }
  return out;
}

std::string_view without_bullet(std::string_view line) {
  for (bool changed = true; changed;) {
    changed = false;
    line = trim_page(line);
    for (std::string_view marker : {std::string_view("- "), std::string_view("* "), kBullet}) {
      if (line.substr(0, marker.size()) == marker) {
        line.remove_prefix(marker.size());
        changed = true;
      }
    }
  }
  return line;
}

std::string iso_date(std::string_view text) {
  text = trim_page(text);
  if (is_iso_date(text)) return std::string(text);
  std::vector<std::string_view> w = words_of(text);
  if (w.size() == 3) {
    auto day_first = number(w[0]), day_second = number(w[1]), year = number(w[2]);
    if (int m = month_number(w[0]); m && day_second && year && *year > 1900 && *day_second <= 31)
      return format_date(*year, m, *day_second);  // Jul 23, 2025
    if (int m = month_number(w[1]); m && day_first && year && *year > 1900 && *day_first <= 31)
      return format_date(*year, m, *day_first);  // 23 July 2025
  }
  if (w.size() == 2)
    if (int m = month_number(w[0]); m)
      if (auto year = number(w[1]); year && *year > 1900) return format_date(*year, m, 0);
  return "";
}

std::optional<std::string_view> after_prefix(std::string_view line, std::string_view prefix) {
  if (!iequals_prefix(line, prefix)) return std::nullopt;
  return trim_page(line.substr(prefix.size()));
}

}  // namespace trialgraph
