#include "trialgraph/symbol.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <deque>
#include <mutex>
#include <unordered_map>

namespace trialgraph {
namespace {

// A text's first eight bytes (zero past its end) as a number.
std::uint64_t head_of(std::string_view text) {
  std::uint64_t head = 0;
  if (!text.empty()) std::memcpy(&head, text.data(), std::min<std::size_t>(text.size(), sizeof head));
  return head;
}

// Every symbol's text, once, for the life of the process: symbols outlive every graph, and there
// are few (labels, relationship types, property names).
class SymbolPool {
 public:
  static SymbolPool& instance() {
    static SymbolPool* pool = new SymbolPool;  // never destroyed
    return *pool;
  }
  const detail::SymbolText* intern(std::string_view text) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = by_text_.find(text);
    if (found != by_text_.end()) return found->second;
    const detail::SymbolText* kept = &texts_.emplace_back(detail::SymbolText{std::string(text), order_of(text)});
    by_text_.emplace(kept->text, kept);
    return kept;
  }

 private:
  // Big-endian: numbers compare as the bytes do, unsigned, which is how std::string compares.
  static std::uint64_t order_of(std::string_view text) { return __builtin_bswap64(head_of(text)); }

  std::mutex mutex_;
  std::deque<detail::SymbolText> texts_;  // stable addresses
  std::unordered_map<std::string_view, const detail::SymbolText*> by_text_;
};

const detail::SymbolText* intern(std::string_view text) {
  // The merge asks for the same few dozen names millions of times: each thread keeps the last one
  // seen in each of 256 slots, picked by length and first bytes, which mostly tell names apart
  // without hashing the whole text.
  struct Recent {
    std::uint64_t head = 0;
    const detail::SymbolText* text = nullptr;
  };
  thread_local std::array<Recent, 256> recent;
  std::uint64_t head = head_of(text);
  Recent& slot = recent[((head ^ text.size()) * 0x9E3779B97F4A7C15ull) >> 56];
  // Equal first eight bytes and length: a name of up to eight bytes is the same, a longer one
  // compares its rest.
  if (slot.text && slot.head == head && slot.text->text.size() == text.size() &&
      (text.size() <= sizeof head ||
       std::memcmp(slot.text->text.data() + sizeof head, text.data() + sizeof head, text.size() - sizeof head) == 0))
    return slot.text;
  // Each thread remembers what it has looked up, so the merge loop takes no lock for a name it
  // has seen; the views point into the pool's strings, which are never freed.
  thread_local std::unordered_map<std::string_view, const detail::SymbolText*> seen;
  auto found = seen.find(text);
  if (found == seen.end()) {
    const detail::SymbolText* kept = SymbolPool::instance().intern(text);
    found = seen.emplace(kept->text, kept).first;
  }
  slot = {head, found->second};
  return found->second;
}

}  // namespace

Symbol::Symbol() {
  static const detail::SymbolText* const empty = intern(std::string_view());  // every default node and edge
  text_ = empty;
}
Symbol::Symbol(std::string_view text) : text_(intern(text)) {}

}  // namespace trialgraph
