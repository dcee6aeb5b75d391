// Finding a document's repeated statements (one fact stated twice) by one sort, so that no
// table is allocated for each document.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <vector>

namespace trialgraph {

/// For each of `keys`, the position of the first key equal to it: its own position when it is the
/// first, otherwise that of the key it repeats. The parts need only `<`.
template <class... Parts>
std::vector<std::uint32_t> first_equal(const std::vector<std::tuple<Parts...>>& keys) {
  // Each key with its position as a last part, sorted by value: equal keys come in the order of
  // their positions, the earliest first, and each comparison is one pass over the parts.
  std::vector<std::tuple<Parts..., std::uint32_t>> sorted;
  sorted.reserve(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) sorted.push_back(std::tuple_cat(keys[i], std::tuple(std::uint32_t(i))));
  std::sort(sorted.begin(), sorted.end());
  auto position = [](const auto& key) { return std::get<sizeof...(Parts)>(key); };
  std::vector<std::uint32_t> first(keys.size());
  for (std::size_t k = 0; k < sorted.size(); ++k) {
    const std::uint32_t at = position(sorted[k]);
    const bool repeats = k > 0 && !(keys[position(sorted[k - 1])] < keys[at]);
    first[at] = repeats ? first[position(sorted[k - 1])] : at;
  }
  return first;
}

}  // namespace trialgraph
