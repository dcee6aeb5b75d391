// Reading trial pages copied from the web as text: lines, sections under known headings, bullets,
// dates as pages print them. Shared by the page plugins so that each reads only its own layout.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trialgraph {

/// The page's non-empty lines, trimmed of spaces, tabs, CR (Windows line ends) and no-break spaces.
std::vector<std::string_view> page_lines(std::string_view text);

/// The lines under one heading, in page order.
struct PageSection {
  std::string heading;  ///< the canonical heading the format's table gave
  std::string_view heading_line;
  std::vector<std::string_view> lines;
};

/// Names the section a line opens, or nothing when the line is not a heading.
using HeadingOf = std::function<std::optional<std::string>(std::string_view line)>;

/// Cuts the lines at headings. Lines before the first heading form a section with an empty heading.
std::vector<PageSection> split_page(const std::vector<std::string_view>& lines, const HeadingOf& heading_of);

/// The first section with this heading, or nullptr.
const PageSection* find_section(const std::vector<PageSection>& sections, std::string_view heading);

/// Whether one of the lines is exactly `line`, or starts with `prefix` (ASCII case ignored).
bool has_line(const std::vector<std::string_view>& lines, std::string_view line);
bool has_line_starting(const std::vector<std::string_view>& lines, std::string_view prefix);

/// Lines joined with '\n'.
std::string join_lines(const std::vector<std::string_view>& lines, std::size_t from = 0,
                       std::size_t to = std::string_view::npos);

/// A line without its list markers ("- • 1. x" keeps "1. x"; "* x", "• x", "- x" keep "x").
std::string_view without_bullet(std::string_view line);

/// "Jul 23, 2025", "July 23, 2025", "23 July 2025", "2025-07-23" -> "2025-07-23"; "July 2025" ->
/// "2025-07"; "" when the text is not a date.
std::string iso_date(std::string_view text);

/// The text after `prefix` when `line` starts with it (ASCII case ignored), trimmed.
std::optional<std::string_view> after_prefix(std::string_view line, std::string_view prefix);

}  // namespace trialgraph
