// Finding a document's repeated statements (one fact stated twice) by one sort of positions, so
// that no table is allocated for each document.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <vector>

namespace trialgraph {

/// For each of `keys`, the position of the first key equal to it: its own position when it is the
/// first, otherwise that of the key it repeats. `Key` needs only `<`.
template <class Key>
std::vector<std::uint32_t> first_equal(const std::vector<Key>& keys) {
  std::vector<std::uint32_t> order(keys.size());
  std::iota(order.begin(), order.end(), 0u);
  // Equal keys in the order of their positions: the first of a run is the earliest.
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return keys[a] < keys[b] || (!(keys[b] < keys[a]) && a < b);
  });
  std::vector<std::uint32_t> first(keys.size());
  for (std::size_t k = 0; k < order.size(); ++k) {
    const bool repeats = k > 0 && !(keys[order[k - 1]] < keys[order[k]]);
    first[order[k]] = repeats ? first[order[k - 1]] : order[k];
  }
  return first;
}

}  // namespace trialgraph
