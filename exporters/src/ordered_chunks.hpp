// Formatting a long run of items on several threads while writing the text in item order, so
// that the output is the same whatever the number of threads.
#pragma once

#include <cstddef>
#include <functional>
#include <ostream>
#include <string>

namespace trialgraph::detail {

/// Calls `format(begin, end, text)` for consecutive chunks of [0, count) on `jobs` threads (0: one
/// per core; 1: on the calling thread) and writes each chunk's text to `out` in order. The chunks
/// depend on `count` alone. A few chunks
/// per thread are in flight at most, so memory stays bounded. `format` must be safe to call from
/// several threads at once.
void write_ordered_chunks(std::ostream& out, std::size_t count, unsigned jobs,
                          const std::function<void(std::size_t begin, std::size_t end, std::string& text)>& format);

/// The same, handing each chunk's text to `take` (on the calling thread, in order) instead of
/// writing it: for writers whose chunks go to several files.
void for_each_ordered_chunk(std::size_t count, unsigned jobs,
                            const std::function<void(std::size_t begin, std::size_t end, std::string& text)>& format,
                            const std::function<void(std::string& text)>& take);

}  // namespace trialgraph::detail
