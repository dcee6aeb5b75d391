// A match of `re` beginning at `at`, with its groups. Asked for groups, RE2 runs its bit-state engine
// over the whole rest of a text up to a few kilobytes, clearing a bitmap that size on every try,
// and most tries do not match. So the match is found first without groups (RE2's DFA), and its
// groups only then, within it: what RE2 itself does when it runs the DFA first.
#pragma once

#include <cstddef>

#include <re2/re2.h>

namespace trialgraph::detail {

inline bool match_anchored(const RE2& re, const re2::StringPiece& input, std::size_t at, re2::StringPiece* groups,
                           int count) {
  re2::StringPiece whole;
  if (!re.Match(input, at, input.size(), RE2::ANCHOR_START, &whole, 1)) return false;
  std::size_t end = std::size_t(whole.data() - input.data()) + whole.size();
  return re.Match(input, at, end, RE2::ANCHOR_BOTH, groups, count);
}

}  // namespace trialgraph::detail
