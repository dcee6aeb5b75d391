#include "trialgraph/symbol.hpp"

#include <deque>
#include <mutex>
#include <unordered_map>

namespace trialgraph {
namespace {

// Every symbol's text, once, for the life of the process: symbols outlive every graph, and there
// are few (labels, relationship types, property names).
class SymbolPool {
 public:
  static SymbolPool& instance() {
    static SymbolPool* pool = new SymbolPool;  // never destroyed
    return *pool;
  }
  const std::string* intern(std::string_view text) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = by_text_.find(text);
    if (found != by_text_.end()) return found->second;
    const std::string* kept = &texts_.emplace_back(text);
    by_text_.emplace(*kept, kept);
    return kept;
  }

 private:
  std::mutex mutex_;
  std::deque<std::string> texts_;  // stable addresses
  std::unordered_map<std::string_view, const std::string*> by_text_;
};

const std::string* intern(std::string_view text) {
  // Each thread remembers what it has looked up, so the merge loop takes no lock for a name it
  // has seen; the views point into the pool's strings, which are never freed.
  thread_local std::unordered_map<std::string_view, const std::string*> seen;
  auto found = seen.find(text);
  if (found != seen.end()) return found->second;
  const std::string* kept = SymbolPool::instance().intern(text);
  seen.emplace(*kept, kept);
  return kept;
}

}  // namespace

Symbol::Symbol() {
  static const std::string* const empty = intern(std::string_view());  // every default node and edge
  text_ = empty;
}
Symbol::Symbol(std::string_view text) : text_(intern(text)) {}

}  // namespace trialgraph
