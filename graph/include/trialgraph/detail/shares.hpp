// A pass over [0, count) split into consecutive shares that run on threads at once: for the
// whole-graph passes (the export order, a writer's survey of its columns) that would otherwise
// leave all but one core idle between extracting and writing.
#pragma once

#include <cstddef>
#include <functional>

namespace trialgraph::detail {

/// How many shares `count` items make on `jobs` threads (0: one per core), each of at least
/// `fewest` items: 1 when a thread is not worth it.
unsigned share_count(std::size_t count, unsigned jobs, std::size_t fewest);

/// Calls `work(share, begin, end)` for each of `shares` consecutive shares of [0, count), each on
/// a thread of its own and the last on the calling thread (which takes the rest when no more
/// threads can be started). Returns when all have ended; then rethrows the first share's exception.
void for_each_share(std::size_t count, unsigned shares,
                    const std::function<void(unsigned share, std::size_t begin, std::size_t end)>& work);

}  // namespace trialgraph::detail
