#include "ordered_chunks.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace trialgraph::detail {
namespace {

constexpr std::size_t kTargetChunks = 4096;  // enough to balance the threads; about 1 MB each at the registry's size
constexpr std::size_t kMinChunk = 256;       // items: a chunk's text is a few hundred KB at most
constexpr std::size_t kInFlightPerThread = 4;
// A written chunk's buffer is handed to the next chunk, which then grows into pages already
// mapped instead of fresh ones the kernel must zero (a tenth of writing). Only buffers up to
// this size are kept, so a few huge chunks do not hold their memory to the end.
constexpr std::size_t kReusedBufferLimit = 8u << 20;

// The same for any number of threads, so that writers that keep state within a chunk (Turtle's
// shared subjects) give the same text whatever -j is.
std::size_t chunk_size(std::size_t count) { return std::max(kMinChunk, (count + kTargetChunks - 1) / kTargetChunks); }

struct Chunk {
  std::string text;
  bool done = false;
};

class ChunkPipeline {
 public:
  ChunkPipeline(std::size_t count, unsigned threads,
                const std::function<void(std::size_t, std::size_t, std::string&)>& format)
      : count_(count),
        size_(chunk_size(count)),
        chunks_((count + size_ - 1) / size_),
        window_(threads * kInFlightPerThread),
        format_(format) {
    try {
      for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this] { work(); });
    } catch (...) {
      // No more threads to be had (a resource limit): those started format every chunk, fewer
      // at a time. With none, there is nothing to join, and the writer reports the failure.
      if (threads_.empty()) throw;
    }
  }

  ~ChunkPipeline() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_workers_.notify_all();
    for (std::thread& t : threads_) t.join();
  }

  void take_in_order(const std::function<void(std::string&)>& take) {
    for (std::size_t next = 0; next < chunks_; ++next) {
      std::string text;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_writer_.wait(lock, [&] { return failure_ || (!slots_.empty() && slots_.front().done); });
        if (failure_) std::rethrow_exception(failure_);
        text.swap(slots_.front().text);
        slots_.pop_front();
        ++written_;
      }
      wake_workers_.notify_all();
      take(text);
      if (text.capacity() <= kReusedBufferLimit) {
        text.clear();
        std::lock_guard<std::mutex> lock(mutex_);
        if (spare_.size() < window_) spare_.push_back(std::move(text));
      }
    }
  }

 private:
  void work() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      wake_workers_.wait(lock, [&] { return stopping_ || (taken_ < chunks_ && taken_ < written_ + window_); });
      if (stopping_ || failure_) return;
      std::size_t index = taken_++;
      slots_.emplace_back();
      Chunk* chunk = &slots_.back();  // a deque keeps its elements in place as it grows and shrinks at the ends
      std::string text;
      if (!spare_.empty()) {
        text = std::move(spare_.back());
        spare_.pop_back();
      }
      lock.unlock();
      std::exception_ptr failed;
      try {
        format_(index * size_, std::min(count_, (index + 1) * size_), text);
      } catch (...) {
        failed = std::current_exception();
      }
      lock.lock();
      chunk->text.swap(text);
      chunk->done = true;
      if (failed && !failure_) failure_ = failed;
      wake_writer_.notify_one();
    }
  }

  const std::size_t count_, size_, chunks_, window_;
  const std::function<void(std::size_t, std::size_t, std::string&)>& format_;
  std::mutex mutex_;
  std::condition_variable wake_workers_, wake_writer_;
  std::deque<Chunk> slots_;  // chunks [written_, taken_), in order
  std::vector<std::string> spare_;  // written chunks' emptied buffers
  std::size_t taken_ = 0, written_ = 0;
  bool stopping_ = false;
  std::exception_ptr failure_;
  std::vector<std::thread> threads_;
};

}  // namespace

void for_each_ordered_chunk(std::size_t count, unsigned jobs,
                            const std::function<void(std::size_t, std::size_t, std::string&)>& format,
                            const std::function<void(std::string&)>& take) {
  if (jobs == 0) jobs = std::max(1u, std::thread::hardware_concurrency());
  if (jobs == 1 || count <= kMinChunk) {
    std::string text;
    const std::size_t size = chunk_size(count);
    for (std::size_t begin = 0; begin < count; begin += size) {
      text.clear();
      format(begin, std::min(count, begin + size), text);
      take(text);
    }
    return;
  }
  ChunkPipeline pipeline(count, jobs, format);
  pipeline.take_in_order(take);
}

void write_ordered_chunks(std::ostream& out, std::size_t count, unsigned jobs,
                          const std::function<void(std::size_t, std::size_t, std::string&)>& format) {
  for_each_ordered_chunk(count, jobs, format,
                         [&](std::string& text) { out.write(text.data(), std::streamsize(text.size())); });
}

}  // namespace trialgraph::detail
