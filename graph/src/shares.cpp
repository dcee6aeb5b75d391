#include "trialgraph/detail/shares.hpp"

#include <algorithm>
#include <exception>
#include <thread>
#include <vector>

namespace trialgraph::detail {

unsigned share_count(std::size_t count, unsigned jobs, std::size_t fewest) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  std::size_t most = count / std::max<std::size_t>(fewest, 1);
  return unsigned(std::max<std::size_t>(1, std::min<std::size_t>(jobs, most)));
}

void for_each_share(std::size_t count, unsigned shares,
                    const std::function<void(unsigned, std::size_t, std::size_t)>& work) {
  if (shares <= 1) {
    work(0, 0, count);
    return;
  }
  std::vector<std::exception_ptr> failed(shares);
  auto run = [&](unsigned i) noexcept {
    try {
      work(i, count * i / shares, count * (i + 1) / shares);
    } catch (...) {
      failed[i] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  unsigned next = 0;
  try {
    threads.reserve(shares - 1);
    for (; next + 1 < shares; ++next) threads.emplace_back(run, next);
  } catch (...) {
    // No more threads to be had (a resource limit): the calling thread runs the shares left.
  }
  for (; next < shares; ++next) run(next);
  for (std::thread& t : threads) t.join();
  for (const std::exception_ptr& f : failed)
    if (f) std::rethrow_exception(f);
}

}  // namespace trialgraph::detail
